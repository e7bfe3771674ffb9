"""The counter console: shows a Snapshot, turns clicks and F-keys into presenter actions run on
the window's own worker thread (one at a time, in order), and refreshes live as other counters
work. It decides nothing itself (STYLE.md #2)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import AntreError
from core.model import COUNTER_OPEN, SERVING, Event
from counter.dialogs import TransferDialog
from counter.presenter import (
    CALL_NEXT,
    CALL_TICKET,
    CLOSE,
    COUNTER_STATE,
    F_KEYS,
    FINISH,
    NO_SHOW_ACT,
    PAUSE,
    RECALL,
    SERVE,
    TRANSFER,
    CounterPresenter,
    Message,
    Result,
    Row,
    Snapshot,
    clock_text,
    minutes_text,
)
from ui.live import LiveQueue
from ui.theme import Theme
from ui.widgets import Banner, BigButton
from ui.worker import run_in_background

log = logging.getLogger("antre.counter")

LABELS = {CALL_NEXT: ("Panggil berikutnya", "Call next"), RECALL: ("Panggil ulang", "Recall"),
          SERVE: ("Mulai layani", "Start serving"), FINISH: ("Selesai", "Finish"),
          NO_SHOW_ACT: ("Tidak hadir", "No-show"), TRANSFER: ("Alihkan…", "Transfer…"),
          PAUSE: ("Jeda", "Pause"), CLOSE: ("Tutup loket", "Close counter")}
MAX_ROWS = 100
CALM = Message("error", "Terjadi gangguan pada aplikasi. Silakan hubungi petugas TI; antrean tetap aman.",
               "Something went wrong in the application. Please call IT staff; the queue is safe.")


def _decimal(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


class CounterConsole(QWidget):
    def __init__(self, presenter: CounterPresenter, theme: Theme, poll_ms: int = 100,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.theme = theme
        self.snap: Snapshot | None = None
        self.busy = False
        self.closed = False
        self._refreshing = False
        self._again = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # the store's connection is used by one thread, in order
        self.live = LiveQueue(presenter.engine.store, poll_ms, parent=self)
        self.live.events.connect(self._on_events)
        self.live.changed.connect(self.refresh)
        self.transfer_dialog: TransferDialog | None = None
        self._build()
        self.tick = QTimer(self)
        self.tick.setInterval(1000)  # the stopwatches; no database involved
        self.tick.timeout.connect(self._tick)
        self.periodic = QTimer(self)
        self.periodic.setInterval(30_000)  # waiting minutes and no-show windows move with time
        self.periodic.timeout.connect(self.refresh)

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        t = self.theme
        header = QFrame()
        header.setStyleSheet(f"QFrame {{ background: {t.primary}; }} QLabel {{ color: #FFFFFF; }}")
        self.title = QLabel(self.presenter.counter.label)
        self.title.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.services = QLabel()
        self.services.setWordWrap(True)
        self.state = QLabel()
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock = QLabel()
        self.clock.setStyleSheet("font-size: 26px; font-weight: bold;")
        h = QHBoxLayout(header)
        h.setContentsMargins(20, 10, 20, 10)
        col = QVBoxLayout()
        col.addWidget(self.title)
        col.addWidget(self.services)
        h.addLayout(col, 1)
        h.addWidget(self.state)
        h.addSpacing(16)
        h.addWidget(self.clock)

        self.notice = Banner(closable=True)
        self.error = Banner(closable=True)

        card = QFrame()
        card.setProperty("role", "card")
        self.heading = QLabel("Tiket saat ini / Current ticket")
        self.heading.setStyleSheet(f"color: {t.muted};")
        self.big = QLabel("—")
        self.big.setStyleSheet(f"font-size: 80px; font-weight: bold; color: {t.primary};")
        self.badge = QLabel("PRIORITAS")
        self.badge.setStyleSheet(f"background: {t.accent}; color: {t.ink}; font-weight: bold; padding: 4px 12px;"
                                 "border-radius: 6px;")
        self.svc = QLabel()
        self.svc.setStyleSheet("font-size: 24px; font-weight: bold;")
        self.svc.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.timer = QLabel()
        self.timer.setStyleSheet(f"font-size: 28px; font-weight: bold; color: {t.ink};")
        top = QHBoxLayout()
        top.addWidget(self.big)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignVCenter)
        c = QVBoxLayout(card)
        c.addWidget(self.heading)
        c.addLayout(top)
        c.addWidget(self.svc)
        c.addWidget(self.detail)

        grid = QGridLayout()
        grid.setSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(F_KEYS):
            role = "secondary" if key in (PAUSE, CLOSE, TRANSFER, NO_SHOW_ACT) else "primary"
            b = BigButton("", role, min_height=72)
            b.setStyleSheet("padding: 6px 8px; font-size: 17px;")  # two lines of text: the theme's sizes are for one
            b.clicked.connect(lambda _=False, k=key: self.trigger(k))
            grid.addWidget(b, i // 4, i % 4)
            self.buttons[key] = b
            QShortcut(QKeySequence(f"F{i + 1}"), self, lambda k=key: self.trigger(k))
        self.message = QLabel(" ")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {t.ok}; font-weight: bold;")
        figures = QFrame()
        figures.setProperty("role", "card")
        fl = QGridLayout(figures)
        head = QLabel("Hari ini di loket ini / Today at this counter")
        head.setStyleSheet(f"color: {t.muted};")
        fl.addWidget(head, 0, 0, 1, 4)
        self.figures: dict[str, QLabel] = {}
        for i, (key, id_text, en_text) in enumerate((("served", "Dilayani", "served"),
                                                     ("no_show", "Tidak hadir", "no-show"),
                                                     ("transferred", "Dialihkan", "transferred"),
                                                     ("median", "Median layanan", "median service"))):
            value = QLabel("0")
            value.setStyleSheet(f"font-size: 26px; font-weight: bold; color: {t.primary};")
            fl.addWidget(value, 1, i)
            fl.addWidget(QLabel(f"{id_text}\n{en_text}"), 2, i)
            self.figures[key] = value
        left = QVBoxLayout()
        left.addWidget(card)
        left.addLayout(grid)
        left.addWidget(self.message)
        left.addStretch(1)
        left.addWidget(figures)

        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold;")
        self.list_title.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Nomor", "Menunggu", "Keterangan", "Layanan"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        hh = self.table.horizontalHeader()
        # Sized once per fill (ResizeToContents re-measures every row on every setItem: seconds).
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the service name elides last
        self.table.itemDoubleClicked.connect(lambda _item: self.trigger(CALL_TICKET))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, lambda: self.trigger(CALL_TICKET),
                  Qt.ShortcutContext.WidgetShortcut)
        self.call_selected = BigButton("", "primary", min_height=72)
        self.call_selected.clicked.connect(lambda: self.trigger(CALL_TICKET))
        right = QVBoxLayout()
        right.addWidget(self.list_title)
        right.addWidget(self.table, 1)
        right.addWidget(self.call_selected)

        body = QHBoxLayout()
        body.setContentsMargins(16, 12, 16, 12)
        body.setSpacing(16)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(header)
        root.addWidget(self.notice)
        root.addWidget(self.error)
        root.addLayout(body, 1)

    # --- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """First picture and recent notices off the UI thread, then live refresh."""
        self._background(self.presenter.recent_notices, self.show_notices)
        self.refresh()
        self.live.start()
        self.tick.start()
        self.periodic.start()

    def shutdown(self) -> None:
        self.closed = True  # results still queued for the UI thread are dropped
        self.live.stop()
        self.tick.stop()
        self.periodic.stop()
        self.pool.waitForDone(5000)

    def _background(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        run_in_background(fn, on_done, self._on_error, self.pool, alive=lambda: not self.closed)

    def refresh(self) -> None:
        if self._refreshing:
            self._again = True  # coalesce: one more read after the current one is enough
            return
        self._refreshing = True
        self._background(self.presenter.snapshot, self._on_refreshed)

    def _on_refreshed(self, snap: Snapshot) -> None:
        self._refreshing = False
        self.show_snapshot(snap)
        if self._again:
            self._again = False
            self.refresh()

    def trigger(self, action: str) -> None:
        """A click or a key. Ignored while an action is running or when it makes no sense now
        (a double tap must not call two tickets)."""
        if self.busy or self.snap is None:
            return
        if action == CALL_TICKET and self.selected_key() is None:
            self.show_message(Message("error", "Pilih tiket di daftar dulu.", "Select a ticket in the list first."))
            return
        rule = self.snap.actions.get(action)
        if rule is not None and not rule.enabled:
            self.show_message(Message("error", rule.reason_id, rule.reason_en))
            return
        if action == TRANSFER:
            self._choose_transfer()
            return
        arg = (self.selected_key() or "") if action == CALL_TICKET else ""
        self.run_action(action, arg)

    def run_action(self, action: str, arg: str = "") -> None:
        self.busy = True
        self._update_buttons()
        self._background(lambda: self.presenter.act(action, arg), self._on_result)

    def _choose_transfer(self) -> None:
        cur = self.snap.current if self.snap else None
        targets = [(code, name) for code, name in self.presenter.transfer_targets()
                   if cur is None or code != cur.service]
        dlg = TransferDialog(cur.label if cur else "", targets, self)
        dlg.chosen.connect(lambda code: self.run_action(TRANSFER, code))
        self.transfer_dialog = dlg
        dlg.open()

    def _on_result(self, result: Result) -> None:
        self.busy = False
        self.show_message(result.message)
        self.show_snapshot(result.snapshot)

    def _on_error(self, exc: Exception) -> None:
        self.busy = False
        self._refreshing = False
        if isinstance(exc, AntreError):
            self.show_message(Message("error", exc.id_text, exc.en_text))
        else:
            log.error("unexpected error in the counter console", exc_info=exc)
            self.show_bug()
        self._update_buttons()

    def _on_events(self, events: list[Event]) -> None:
        self.show_notices(self.presenter.notices(events))

    def show_notices(self, notices: list[Message]) -> None:
        if notices:
            self.notice.show_message(notices[-1].text, "warn")

    def show_bug(self) -> None:
        self.busy = False
        self.show_message(CALM)

    # --- showing --------------------------------------------------------------------------------
    def show_message(self, msg: Message) -> None:
        if msg.level == "ok":
            self.error.clear()
            self.message.setText(msg.text)
        else:
            self.message.setText(" ")
            self.error.show_message(msg.text, "error")

    def selected_key(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_snapshot(self, snap: Snapshot) -> None:
        self.snap = snap
        self.services.setText(" · ".join(snap.service_names))
        state_id, state_en = COUNTER_STATE.get(snap.state, (snap.state, snap.state))
        color = self.theme.ok if snap.state == COUNTER_OPEN else self.theme.warn
        self.state.setText(f"{state_id} / {state_en}")
        self.state.setStyleSheet(f"background: #FFFFFF; color: {color}; font-weight: bold; padding: 6px 14px;"
                                 "border-radius: 8px;")
        self._show_current(snap)
        self._show_list(snap)
        f = snap.figures
        self.figures["served"].setText(str(f.served))
        self.figures["no_show"].setText(str(f.no_show))
        self.figures["transferred"].setText(str(f.transferred))
        self.figures["median"].setText(
            f"{_decimal(f.median_service_minutes)} mnt" if f.median_service_minutes is not None else "—")
        self._update_buttons()
        self._tick()

    def _show_current(self, snap: Snapshot) -> None:
        t = snap.current
        self.badge.setVisible(bool(t and t.priority))
        if t is None:
            self.big.setText("—")
            self.svc.setText("Belum ada tiket. Tekan F1 untuk memanggil berikutnya.")
            self.detail.setText("No ticket yet. Press F1 to call the next one.")
            return
        self.big.setText(t.label)
        self.svc.setText(snap.current_service_name)
        waited = minutes_text((t.called_at or self.presenter.now()) - t.issued_at)
        status = "sedang dilayani / being served" if t.status == SERVING else "dipanggil / called"
        self.detail.setText(f"{status} · menunggu {waited} sebelum dipanggil · dipanggil {t.calls}×")

    def _show_list(self, snap: Snapshot) -> None:
        keep = self.selected_key()
        # The next MAX_ROWS in call order are all a clerk can act on; a list of a thousand would
        # only slow the screen down.
        rows: list[Row] = [*snap.waiting[:MAX_ROWS], *snap.missed[:MAX_ROWS]]
        more = f" — {MAX_ROWS} pertama / first {MAX_ROWS}" if len(snap.waiting) > MAX_ROWS else ""
        self.list_title.setText(f"Antrean menunggu / waiting: {len(snap.waiting)}{more}"
                                + (f"  (+{len(snap.missed)} tidak hadir)" if snap.missed else ""))
        now = self.presenter.now()
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            if r.missed_at is not None:
                note, when = "tidak hadir", f"{minutes_text(now - r.missed_at)} lalu"
            else:
                note, when = ("PRIORITAS" if r.priority else ""), minutes_text(now - r.issued_at)
            cells = [r.label, when, note, r.service.upper()]  # short code (KTP, AKTA); full name on hover
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{r.label} · {r.service_name}")
                if j == 0:
                    item.setData(Qt.ItemDataRole.UserRole, r.key)
                if r.priority and r.missed_at is None:
                    item.setBackground(QColor("#FFF1C7"))
                    if j in (0, 2):
                        f = item.font()
                        f.setBold(True)
                        item.setFont(f)
                if r.missed_at is not None:
                    item.setForeground(QColor(self.theme.muted))
                self.table.setItem(i, j, item)
            if r.key == keep:
                self.table.selectRow(i)
        for col in range(3):
            self.table.resizeColumnToContents(col)
        self.table.setUpdatesEnabled(True)

    def _update_buttons(self) -> None:
        snap = self.snap
        for i, key in enumerate(F_KEYS):
            b = self.buttons[key]
            id_text, en_text = LABELS[key]
            if key == FINISH and snap and snap.finish_calls_next:
                id_text, en_text = "Selesai &\npanggil berikutnya", "Finish & call next"
            if key == PAUSE and snap and snap.state != COUNTER_OPEN:
                id_text, en_text = "Buka loket", "Open counter"
            b.setText(f"F{i + 1}  {id_text}\n{en_text}")
            rule = snap.actions.get(key) if snap else None
            b.setEnabled(bool(rule and rule.enabled) and not self.busy)
            b.setToolTip(rule.tooltip if rule else "")
        rule = snap.actions.get(CALL_TICKET) if snap else None
        self.call_selected.setText("Enter  Panggil tiket terpilih\nCall the selected ticket")
        chosen = self.selected_key() is not None
        self.call_selected.setEnabled(bool(rule and rule.enabled) and chosen and not self.busy)
        if rule is not None and not rule.enabled:
            self.call_selected.setToolTip(rule.tooltip)
        else:
            self.call_selected.setToolTip("" if chosen else "Pilih tiket di daftar dulu.\nSelect a ticket first.")

    def _tick(self) -> None:
        now = self.presenter.now()
        self.clock.setText(now.astimezone(self.presenter.engine.cfg.tz).strftime("%H:%M"))
        t = self.snap.current if self.snap else None
        if t is None:
            self.timer.setText("")
        elif t.status == SERVING and t.serving_at is not None:
            self.timer.setText(f"dilayani {clock_text(now - t.serving_at)}")
        elif t.called_at is not None:
            self.timer.setText(f"dipanggil {clock_text(now - t.called_at)}")
