"""The two choosing screens: agencies (home) and the services of one agency. They show what the
presenter hands them and report taps by signal; they decide nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.models import AgencyTile, ServiceRow
from kiosk.texts import ID, tr
from kiosk.widgets import Tile, pill, restyle, text
from ui.theme import Theme
from ui.widgets import BigButton


def badge(value: str, color: str, theme: Theme) -> QLabel:
    lab = QLabel(value)
    lab.setProperty("role", "badge")
    lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
    lab.setStyleSheet(f"background: {theme.agency_color(color)};")
    return lab


def scroller(inner: QWidget) -> QScrollArea:
    """A vertical list for when 20–40 agencies do not fit on one screen, with a scroll bar wide
    enough for a finger. Not QScroller's drag gesture: it holds back the press of every button
    inside the list, and a tap that is late or lost is worse than a scroll bar."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    return area


class AgencyButton(Tile):
    def __init__(self, tile: AgencyTile, theme: Theme) -> None:
        super().__init__()
        self.code = tile.code
        self.badge = badge(tile.icon, tile.color, theme)
        self.badge.setProperty("fs", "l")
        self.name = text("", "l", bold=True)
        self.sub = text("", "s", tone="muted")
        self.count = text("", "l", wrap=False)
        col = QVBoxLayout()
        col.setSpacing(6)
        col.addStretch(1)
        col.addWidget(self.name)
        col.addWidget(self.sub)
        col.addSpacing(12)
        col.addWidget(self.count)
        col.addStretch(1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(20)
        lay.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        lay.addLayout(col, 1)

    def update_tile(self, tile: AgencyTile, lang: str, base: int) -> None:
        self.name.setText(tile.name)
        self.sub.setText(tile.subtitle)
        self.sub.setVisible(bool(tile.subtitle))
        if tile.is_open:
            self.count.setText(tr("waiting_n", lang, n=tile.waiting))
            self.count.setProperty("tone", "primary")
        else:
            self.count.setText(tr("agency_closed", lang))
            self.count.setProperty("tone", "danger")
        self.setProperty("closed", not tile.is_open)
        self.badge.setFixedSize(round(base * 4), round(base * 4))
        self.setMinimumHeight(max(120, round(base * 5.2)))
        restyle(self.count)
        restyle(self)


class HomePage(QWidget):
    agency_chosen = Signal(str)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.lang = ID
        self.base = 27
        self.columns = 2
        self.title = text("", "xl", bold=True, center=True)
        self.inner = QWidget()
        self.grid = QGridLayout(self.inner)
        self.grid.setSpacing(18)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, AgencyButton] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(16)
        lay.addWidget(self.title)
        self.area = scroller(self.inner)
        lay.addWidget(self.area, 1)
        self._tiles: list[AgencyTile] = []

    def set_tiles(self, tiles: list[AgencyTile], lang: str) -> None:
        self.lang = lang
        self.title.setText(tr("choose_agency", lang))
        if [t.code for t in tiles] != list(self.buttons):
            self._rebuild(tiles)
        for t in tiles:
            self.buttons[t.code].update_tile(t, lang, self.base)
        self._tiles = tiles

    def _rebuild(self, tiles: list[AgencyTile]) -> None:
        for b in self.buttons.values():
            b.setParent(None)
            b.deleteLater()
        self.buttons = {}
        for i, t in enumerate(tiles):
            b = AgencyButton(t, self.theme)
            b.clicked.connect(lambda code=t.code: self.agency_chosen.emit(code))
            self.buttons[t.code] = b
            self.grid.addWidget(b, i // self.columns, i % self.columns)
            b.show()  # a layout shows a new child only later, by a queued call
        rows = (len(tiles) + self.columns - 1) // self.columns
        for r in range(rows):
            self.grid.setRowStretch(r, 1)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < self.columns else 0)  # equal columns

    def relayout(self, base: int, width: int) -> None:
        """As many columns as tiles of a readable width fit (4 on a 1920 px landscape, 2 on a
        1080 px portrait); few agencies never spread thinner than 3 across."""
        self.base = base
        n = len(self._tiles)
        columns = max(1, min(4, width // max(380, base * 16), n if n > 4 else 3))
        if columns != self.columns:
            self.columns = columns
            self._rebuild(self._tiles)
        for t in self._tiles:
            self.buttons[t.code].update_tile(t, self.lang, base)


class ServiceCard(QFrame):
    issue = Signal(str, bool)

    def __init__(self, row: ServiceRow, theme: Theme) -> None:
        super().__init__()
        self.code = row.code
        self.setProperty("role", "card")
        self.prefix = badge(row.prefix, theme.primary, theme)
        self.prefix.setProperty("fs", "xl")
        self.name = text("", "l", bold=True)
        self.sub = text("", "s", tone="muted")
        self.state = text("", "m", wrap=False)
        self.counts = text("", "m")
        self.reason = text("", "m", tone="warn")
        self.take = BigButton("")
        self.take.setProperty("fs", "l")
        self.priority = BigButton("", role="priority")
        self.priority_reason = text("", "s", tone="warn")
        self.take.clicked.connect(lambda: self._tap(False))
        self.priority.clicked.connect(lambda: self._tap(True))
        head = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name)
        names.addWidget(self.sub)
        head.addWidget(self.prefix, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(names, 1)
        head.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take, 3)
        buttons.addWidget(self.priority, 2)
        info = QVBoxLayout()
        info.addLayout(head)
        info.addWidget(self.counts)
        info.addWidget(self.reason)
        actions = QVBoxLayout()
        actions.addLayout(buttons)
        actions.addWidget(self.priority_reason)
        # portrait: buttons under the words; landscape: beside them, so more services fit
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.body.setContentsMargins(20, 16, 20, 16)
        self.body.setSpacing(16)
        self.body.addLayout(info, 3)
        self.body.addLayout(actions, 2)

    def _tap(self, priority: bool) -> None:
        # disabled at once: a second tap on the same button cannot reach the presenter
        self.take.setEnabled(False)
        self.priority.setEnabled(False)
        self.issue.emit(self.code, priority)

    def update_row(self, row: ServiceRow, lang: str, base: int, portrait: bool) -> None:
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self.name.setText(row.name)
        self.sub.setText(row.subtitle)
        self.sub.setVisible(bool(row.subtitle))
        self.state.setText(row.state_text)
        pill(self.state, "ok" if row.can_issue else "closed", base)
        waiting = tr("people_waiting", lang, n=row.waiting)
        wait = tr("estimate", lang, m=row.minutes) if row.minutes else tr("estimate_none", lang)
        self.counts.setText(f"{waiting} · {wait}" if row.can_issue else waiting)
        self.reason.setText(row.reason or row.note)
        self.reason.setVisible(bool(row.reason or row.note))
        self.take.setText(tr("take_ticket", lang))
        self.take.setVisible(row.can_issue)
        self.take.setEnabled(row.can_issue)
        self.priority.setText("★ " + tr("take_priority", lang))
        self.priority.setVisible(row.can_issue and row.priority_offered)
        self.priority.setEnabled(row.priority_ok)
        self.priority_reason.setText(row.priority_reason if row.can_issue and row.priority_offered else "")
        self.priority_reason.setVisible(bool(self.priority_reason.text()))
        side = round(base * 3.4)
        self.prefix.setFixedSize(side, side)
        self.take.setMinimumHeight(max(120, round(base * 4.4)))
        self.priority.setMinimumHeight(max(120, round(base * 4.4)))


class ServicesPage(QWidget):
    issue = Signal(str, bool)
    back = Signal()
    home = Signal()

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.lang = ID
        self.base = 27
        self.portrait = True
        self.back_button = BigButton("", role="secondary")
        self.home_button = BigButton("", role="secondary")
        self.back_button.clicked.connect(self.back.emit)
        self.home_button.clicked.connect(self.home.emit)
        self.agency_badge = badge("", self.theme.primary, theme)
        self.agency_badge.setProperty("fs", "l")
        self.agency_name = text("", "xl", bold=True)
        self.agency_sub = text("", "s", tone="muted")
        self.prompt = text("", "l", bold=True)
        top = QHBoxLayout()
        top.setSpacing(20)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.agency_name)
        names.addWidget(self.agency_sub)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.agency_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addLayout(names, 1)
        top.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignTop)
        self.inner = QWidget()
        self.list = QVBoxLayout(self.inner)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(18)
        self.note = text("", "m", tone="muted")
        self.list.addWidget(self.note)
        self.list.addStretch(1)
        self.cards: dict[str, ServiceCard] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(16)
        lay.addLayout(top)
        lay.addWidget(self.prompt)
        self.area = scroller(self.inner)
        lay.addWidget(self.area, 1)

    def set_services(self, agency: AgencyTile, rows: list[ServiceRow], lang: str) -> None:
        self.lang = lang
        self.back_button.setText(tr("back", lang))
        self.home_button.setText(tr("home", lang))
        self.agency_name.setText(agency.name)
        self.agency_sub.setText(agency.subtitle)
        self.agency_sub.setVisible(bool(agency.subtitle))
        self.prompt.setText(tr("choose_service", lang) if len(rows) > 1 else "")
        self.prompt.setVisible(len(rows) > 1)
        self.agency_badge.setText(agency.icon)
        self.agency_badge.setStyleSheet(f"background: {self.theme.agency_color(agency.color)};")
        side = round(self.base * 3.2)
        self.agency_badge.setFixedSize(side, side)
        if [r.code for r in rows] != list(self.cards):
            self._rebuild(rows)
        for r in rows:
            self.cards[r.code].update_row(r, lang, self.base, self.portrait)
        offered = any(r.priority_offered and r.can_issue for r in rows)
        self.note.setText("★ " + tr("priority_note", lang) if offered else "")
        self.note.setVisible(offered)

    def _rebuild(self, rows: list[ServiceRow]) -> None:
        for c in self.cards.values():
            c.setParent(None)
            c.deleteLater()
        self.cards = {}
        for i, r in enumerate(rows):
            card = ServiceCard(r, self.theme)
            card.issue.connect(self.issue.emit)
            self.cards[r.code] = card
            self.list.insertWidget(i, card)
            card.show()

    def relayout(self, base: int, portrait: bool) -> None:
        self.base, self.portrait = base, portrait
        for b in (self.back_button, self.home_button):
            b.setMinimumWidth(round(base * 8))
            b.setMinimumHeight(max(120, round(base * 3.6)))
