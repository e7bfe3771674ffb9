"""What the floor staff read: today's figures per service and per counter, and the event log with
its filters. Views only: they show what the presenter computed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from admin.presenter import EVENT_WORDS, STATE_WORDS, event_detail, event_words
from core.config import Config
from core.model import Event

SERVICE_HEADERS = ["Layanan\nservice", "Status\nstate", "Menunggu\nwaiting", "Di loket\nat desk",
                   "Selesai\nserved", "Tdk hadir\nno-show", "Batal\ncancelled", "Tunggu (mnt)\nwait (min)",
                   "Layani (mnt)\nservice (min)", "Kuota\nquota", "Prioritas\npriority"]
HEADER_TIPS = {7: "Lama menunggu sampai dipanggil: median / terlama (menit)\nWait until called: median / longest",
               8: "Lama layanan: median hari ini (menit), atau angka config bila belum ada 3\nMedian service time",
               9: "Nomor biasa terpakai / kuota hari ini\nRegular tickets issued / today's quota",
               10: "Nomor prioritas terpakai / kuota prioritas\nPriority tickets issued / priority quota"}
EVENT_HEADERS = ["Waktu\ntime", "Kejadian\nevent", "Tiket\nticket", "Layanan\nservice", "Loket\ncounter",
                 "Oleh\nby", "Keterangan\ndetail"]
COUNTER_WORDS = {"open": "Buka", "paused": "Jeda", "closed": "Tutup"}
STATUS_WORDS = {"called": "dipanggil", "serving": "dilayani"}


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    # Sized once per fill: ResizeToContents re-measures every row on every setItem (seconds for
    # a day's event log).
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return t


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _fill(table: QTableWidget, rows: list[list[str]], keys: list[str], warn: set[int] | None = None) -> None:
    """Replace the rows, keeping the selection on the same key."""
    selected = table.selectionModel().selectedRows()
    first = table.item(selected[0].row(), 0) if selected else None
    keep = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
    table.setUpdatesEnabled(False)
    table.setRowCount(len(rows))
    for i, (row, key) in enumerate(zip(rows, keys, strict=True)):
        for j, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if j == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            if warn and i in warn:
                item.setBackground(QColor("#FFF4D6"))
            table.setItem(i, j, item)
        if key == keep:
            table.selectRow(i)
    header = table.horizontalHeader()
    for col in range(table.columnCount()):
        if header.sectionResizeMode(col) != QHeaderView.ResizeMode.Stretch:
            table.resizeColumnToContents(col)
    table.setUpdatesEnabled(True)


class FiguresPanel(QWidget):
    """Per service (the rows the actions work on) above, per counter as small tiles below."""

    TILES_PER_ROW = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = _table(SERVICE_HEADERS)
        self.services.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, tip in HEADER_TIPS.items():
            header = self.services.horizontalHeaderItem(col)
            if header is not None:
                header.setToolTip(tip)
        self.rows: dict[str, dict[str, Any]] = {}
        self.tiles: dict[int, QLabel] = {}
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(6)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.services, 1)
        lay.addWidget(QLabel("<b>Loket</b> / counters"))
        lay.addLayout(self.tile_grid)

    def _tile(self, counter: int) -> QLabel:
        if counter not in self.tiles:
            tile = QLabel()
            tile.setTextFormat(Qt.TextFormat.RichText)
            n = len(self.tiles)
            self.tile_grid.addWidget(tile, n // self.TILES_PER_ROW, n % self.TILES_PER_ROW)
            self.tiles[counter] = tile
        return self.tiles[counter]

    def show_status(self, st: dict[str, Any]) -> None:
        rows, keys, warn = [], [], set()
        self.rows = {s["service"]: s for s in st["services"]}
        for i, s in enumerate(st["services"]):
            state = STATE_WORDS.get(s["state"], s["state"])
            if s["state"] == "closed_by_staff" and s["closed_reason"]:
                state += f": {s['closed_reason']}"
                warn.add(i)
            waiting = f"{s['waiting']}" + (f" ({s['priority_waiting']} prio)" if s["priority_waiting"] else "")
            used = s["quota"] - s["quota_left"]
            pused = s["priority_quota"] - s["priority_quota_left"]
            if s["quota_left"] == 0:
                warn.add(i)
            wait = (f"{_number(s['median_wait_minutes'])} / {_number(s['longest_wait_minutes'])}"
                    if s["median_wait_minutes"] is not None else "—")
            rows.append([f"{s['prefix']} · {s['name']}", state, waiting, str(s["at_counter"]), str(s["served"]),
                         str(s["no_show"]), str(s["cancelled"]), wait, _number(s["median_service_minutes"]),
                         f"{used} / {s['quota']}", f"{pused} / {s['priority_quota']}"])
            keys.append(s["service"])
        _fill(self.services, rows, keys, warn)
        self.services.resizeRowsToContents()  # a staff reason wraps instead of hiding behind "…"
        for c in st["counters"]:
            status = STATUS_WORDS.get(c["ticket_status"], c["ticket_status"])
            ticket = f"{c['ticket']} ({status})" if c["ticket"] else "—"
            state = COUNTER_WORDS.get(c["state"], c["state"])
            border = {"open": "#0B6B2E", "paused": "#7A4A00"}.get(c["state"], "#3C4A57")
            tile = self._tile(c["counter"])
            tile.setText(f"<b>{c['name']}</b> · {state}<br>{ticket}")
            tile.setToolTip(f"{c['name']}: {', '.join(c['services'])}")
            tile.setStyleSheet(f"background: #FFFFFF; border: 2px solid {border}; border-left: 8px solid {border};"
                               "border-radius: 6px; padding: 4px 8px;")

    def selected_service(self) -> dict[str, Any] | None:
        rows = self.services.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.services.item(rows[0].row(), 0)
        return self.rows.get(item.data(Qt.ItemDataRole.UserRole)) if item else None


class EventLog(QWidget):
    """Today's events, newest first, with filters; emits `filters_changed` for the presenter."""

    filters_changed = Signal()
    MAX_ROWS = 500  # newest first; the filters (or the CSV export) reach the rest

    def __init__(self, cfg: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = cfg.tz
        self._shown: tuple[object, ...] = ()
        self.kind = QComboBox()
        self.kind.addItem("Semua kejadian / all events", "")
        for kind, words in EVENT_WORDS.items():
            self.kind.addItem(words, kind)
        self.service = QComboBox()
        self.service.addItem("Semua layanan / all services", "")
        for s in cfg.services:
            self.service.addItem(f"{s.prefix} · {s.name}", s.code)
        self.counter = QComboBox()
        self.counter.addItem("Semua loket / all counters", None)
        for c in cfg.counters:
            self.counter.addItem(c.label, c.id)
        for box in (self.kind, self.service, self.counter):
            box.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.count = QLabel()
        self.table = _table(EVENT_HEADERS)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        for box in (self.kind, self.service, self.counter):
            bar.addWidget(box, 1)
        bar.addWidget(self.count, 0)
        bar.addSpacing(8)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)

    def filters(self) -> tuple[str, str, int | None]:
        return self.kind.currentData() or "", self.service.currentData() or "", self.counter.currentData()

    def show_events(self, events: list[Event]) -> None:
        shown_key = (len(events), events[0].id if events else 0, self.filters())
        if shown_key == self._shown:
            return  # a refresh with nothing new for this view: keep the scroll position, skip the work
        self._shown = shown_key
        rows, keys = [], []
        for e in events[:self.MAX_ROWS]:
            rows.append([e.at.astimezone(self.tz).strftime("%H:%M:%S"), event_words(e.kind), e.label or "",
                         e.service or "", str(e.counter or ""), e.actor, event_detail(e)])
            keys.append(str(e.id))
        _fill(self.table, rows, keys)
        shown = f" ({self.MAX_ROWS} terbaru)" if len(events) > self.MAX_ROWS else ""
        self.count.setText(f"{len(events)} kejadian{shown}")
