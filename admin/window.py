"""The floor-staff window: a PIN screen, then today's figures (live), the actions on services,
the event log and the printer desk. It locks itself after the configured idle time. All store
and printer work runs on the window's own worker thread, one job at a time; the view decides
nothing (admin/presenter.py does)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from admin.dialogs import CloseServiceDialog, QuotaDialog, ResetDialog, _Form
from admin.presenter import AdminPresenter, Message, ResetPreview
from admin.tables import EventLog, FiguresPanel
from core.errors import AntreError
from core.texts import date_id
from ui.live import LiveQueue
from ui.theme import Theme
from ui.widgets import Banner, BigButton, PinPad
from ui.worker import run_in_background

log = logging.getLogger("antre.admin")
CALM = Message("error", "Terjadi gangguan pada aplikasi. Silakan hubungi petugas TI; data antrean tetap aman.",
               "Something went wrong in the application. Please call IT staff; the queue data is safe.")
ACTIVITY = (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin)


class AdminWindow(QWidget):
    def __init__(self, presenter: AdminPresenter, theme: Theme, lock_minutes: float, poll_ms: int = 200,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter, self.theme = presenter, theme
        self.cfg = presenter.engine.cfg
        self.unlocked = False
        self.busy = False
        self.closed = False
        self._refreshing = self._again = False
        self.dialog: _Form | None = None
        self.file_dialog: QFileDialog | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # the store's connection is used by one thread, in order
        self.live = LiveQueue(presenter.engine.store, poll_ms, parent=self)
        self.live.changed.connect(self.refresh)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(max(1, int(lock_minutes * 60_000)))
        self.idle.timeout.connect(lambda: self.lock("idle"))
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self._tick)
        self.setWindowTitle("Antre — Petugas lantai / Floor staff")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._lock_page(lock_minutes))
        self.stack.addWidget(self._main_page())
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.stack)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # any click or key anywhere in the window is activity

    # --- pages ------------------------------------------------------------------------------
    def _lock_page(self, lock_minutes: float) -> QWidget:
        page = QWidget()
        card = QFrame()
        card.setProperty("role", "card")
        card.setFixedWidth(520)
        title = QLabel(f"Petugas lantai / Floor staff\n{self.cfg.site.name}")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        title.setStyleSheet(f"font-size: 22px; font-weight: bold; color: {self.theme.primary};")
        self.pinpad = PinPad()
        self.pinpad.entered.connect(self.on_pin)
        self.pinpad.cancelled.connect(lambda: self.pinpad.show_error(""))
        note = QLabel(f"Terkunci otomatis setelah {lock_minutes:g} menit tidak dipakai.\n"
                      f"Locks itself after {lock_minutes:g} idle minutes.")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setStyleSheet(f"color: {self.theme.muted};")
        c = QVBoxLayout(card)
        c.addWidget(title)
        c.addWidget(self.pinpad)
        c.addWidget(note)
        lay = QVBoxLayout(page)
        lay.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        return page

    def _main_page(self) -> QWidget:
        t = self.theme
        header = QFrame()
        header.setStyleSheet(f"QFrame {{ background: {t.primary}; }} QLabel {{ color: #FFFFFF; }}")
        title = QLabel(f"<b style='font-size:24px'>{self.cfg.site.name}</b><br>Petugas lantai / Floor staff")
        self.date = QLabel()
        self.date.setStyleSheet("font-size: 20px; font-weight: bold;")
        lock = BigButton("Kunci / Lock", "secondary", min_height=48)
        lock.clicked.connect(lambda: self.lock("manual"))
        h = QHBoxLayout(header)
        h.setContentsMargins(20, 8, 20, 8)
        h.addWidget(title, 1)
        h.addWidget(self.date)
        h.addSpacing(16)
        h.addWidget(lock)
        self.banner = Banner()
        self.message = QLabel(" ")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {t.ok}; font-weight: bold; padding: 4px 16px;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._today_tab(), "Hari ini / Today")
        self.log = EventLog(self.cfg)
        self.log.filters_changed.connect(self.refresh)
        self.tabs.addTab(self.log, "Log kejadian / Event log")
        self.tabs.addTab(self._printer_tab(), "Printer && laporan / Printer && reports")
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(header)
        lay.addWidget(self.banner)
        lay.addWidget(self.message)
        body = QVBoxLayout()
        body.setContentsMargins(12, 4, 12, 12)
        body.addWidget(self.tabs)
        lay.addLayout(body, 1)
        return page

    def _today_tab(self) -> QWidget:
        self.figures = FiguresPanel()
        self.figures.services.itemSelectionChanged.connect(self._update_buttons)
        self.service_buttons: dict[str, BigButton] = {}
        bar = QHBoxLayout()
        for key, text, role, slot in (
                ("close", "Tutup layanan…\nClose service…", "danger", self.close_service),
                ("open", "Buka layanan\nOpen service", "primary", self.open_service),
                ("quota", "Ubah kuota…\nChange quota…", "secondary", self.change_quota),
                ("reset", "Reset layanan…\nReset service…", "danger", lambda: self.ask_reset(self._code())),
                ("reset_all", "Reset semua…\nReset all…", "danger", lambda: self.ask_reset(None))):
            b = BigButton(text, role, min_height=60)
            b.setStyleSheet("padding: 4px 14px; font-size: 16px;")
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.service_buttons[key] = b
        bar.addStretch(1)
        hint = QLabel("Pilih layanan di tabel, lalu tindakan.\nSelect a service, then an action.")
        hint.setStyleSheet(f"color: {self.theme.muted};")
        bar.addWidget(hint)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addLayout(bar)
        lay.addWidget(self.figures, 1)
        return page

    def _printer_tab(self) -> QWidget:
        self.printer_state = QLabel("Status printer belum diperiksa. / Not checked yet.")
        self.printer_state.setWordWrap(True)
        self.printer_state.setStyleSheet("font-size: 20px;")
        check = BigButton("Periksa printer\nCheck printer", "secondary", min_height=64)
        check.clicked.connect(lambda: self._act(self.presenter.printer_status, self._show_printer))
        test = BigButton("Cetak halaman uji\nPrint a test page", "secondary", min_height=64)
        test.clicked.connect(lambda: self._act(self.presenter.test_print, self._show_printer))
        self.reprint_label = QLineEdit()
        self.reprint_label.setPlaceholderText("Nomor tiket, mis. A-012 / ticket number")
        self.reprint_label.setMaxLength(12)
        self.reprint_label.returnPressed.connect(self.reprint)
        reprint = BigButton("Cetak ulang\nReprint", "primary", min_height=64)
        reprint.clicked.connect(self.reprint)
        export = BigButton("Ekspor CSV hari ini…\nExport today as CSV…", "primary", min_height=64)
        export.clicked.connect(self.choose_export_folder)
        self.printer_buttons = {"check": check, "test": test, "reprint": reprint, "export": export}
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Printer tiket</b> / ticket printer"), 0, 0, 1, 3)
        grid.addWidget(self.printer_state, 1, 0, 1, 3)
        grid.addWidget(check, 2, 0)
        grid.addWidget(test, 2, 1)
        grid.addWidget(QLabel("<b>Cetak ulang tiket</b> / reprint a ticket"), 3, 0, 1, 3)
        grid.addWidget(self.reprint_label, 4, 0, 1, 2)
        grid.addWidget(reprint, 4, 2)
        grid.addWidget(QLabel("<b>Laporan</b> / reports: angka per layanan, per loket, dan semua tiket hari ini"),
                       5, 0, 1, 3)
        grid.addWidget(export, 6, 0)
        grid.setColumnStretch(3, 1)  # buttons keep a sensible width on a wide screen
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addLayout(grid)
        lay.addStretch(1)
        return page

    # --- locking ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.unlocked and event.type() in ACTIVITY:
            self.idle.start()
        return False

    def on_pin(self, pin: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.pinpad.show_error("Memeriksa… / Checking…")
        self._background(lambda: self.presenter.unlock(pin), self._after_unlock)

    def _after_unlock(self, msg: Message) -> None:
        self.busy = False
        if not msg.ok:
            self.pinpad.show_error(msg.text)
            return
        self.pinpad.show_error("")
        self.unlocked = True
        self.stack.setCurrentIndex(1)
        self.live.start()
        self.clock_timer.start()
        self.idle.start()
        self._tick()
        self.refresh()

    def lock(self, why: str) -> None:
        """Idle or on request: close any open confirmation, hide the figures, ask for the PIN."""
        if not self.unlocked:
            return
        self.unlocked = False
        for d in (self.dialog, self.file_dialog):
            if d is not None and d.isVisible():
                d.reject()
        self.idle.stop()
        self.live.stop()
        self.stack.setCurrentIndex(0)
        self._background(lambda: self.presenter.lock(why), lambda _r: None)

    # --- background -------------------------------------------------------------------------
    def _background(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        run_in_background(fn, on_done, self._on_error, self.pool, alive=lambda: not self.closed)

    def _on_error(self, exc: Exception) -> None:
        self.busy = self._refreshing = False
        if self.dialog is not None:
            self.dialog.set_busy(False)
        if isinstance(exc, AntreError):
            self.show_message(Message("error", exc.id_text, exc.en_text))
        else:
            log.error("unexpected error in the floor-staff window", exc_info=exc)
            self.show_bug()

    def show_bug(self) -> None:
        self.busy = False
        self.show_message(CALM)

    def shutdown(self) -> None:
        self.closed = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        for timer in (self.idle, self.clock_timer):
            timer.stop()
        self.live.stop()
        self.pool.waitForDone(10_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.closed:
            self.lock("closed")  # recorded before the worker stops
            self.shutdown()
        super().closeEvent(event)

    def refresh(self) -> None:
        if not self.unlocked:
            return
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True
        kind, service, counter = self.log.filters()
        self._background(lambda: (self.presenter.status(), self.presenter.events(kind, service, counter)),
                         self._on_refreshed)

    def _on_refreshed(self, got: tuple[dict[str, Any], list[Any]]) -> None:
        self._refreshing = False
        if self.unlocked:
            self.present(*got)
        if self._again:
            self._again = False
            self.refresh()

    # --- actions ----------------------------------------------------------------------------
    def _act(self, fn: Callable[[], Message], then: Callable[[Message], None] | None = None,
             dialog: _Form | None = None) -> None:
        if self.busy:
            return  # a double tap must not run an action twice
        self.busy = True
        self._update_buttons()

        def done(msg: Message) -> None:
            self.busy = False
            if dialog is not None:
                if msg.ok:
                    dialog.accept()
                else:
                    dialog.show_error(msg.text)
            self.show_message(msg)
            if then is not None:
                then(msg)
            self.refresh()

        self._background(fn, done)

    def _code(self) -> str | None:
        row = self.figures.selected_service()
        return row["service"] if row else None

    def _open_dialog(self, dialog: _Form) -> None:
        self.dialog = dialog
        dialog.open()

    def close_service(self) -> None:
        row = self.figures.selected_service()
        if row is None:
            return
        dlg = CloseServiceDialog(row["name"], row["waiting"], self)
        dlg.confirmed.connect(lambda reason: self._act(lambda: self.presenter.close_service(row["service"], reason),
                                                       dialog=dlg))
        self._open_dialog(dlg)

    def open_service(self) -> None:
        code = self._code()
        if code is not None:
            self._act(lambda: self.presenter.open_service(code))

    def change_quota(self) -> None:
        row = self.figures.selected_service()
        if row is None:
            return
        dlg = QuotaDialog(row["name"], row["quota"], row["quota_used"], row["priority_quota"],
                          row["priority_quota_used"], self)
        dlg.confirmed.connect(lambda q, pq: self._act(lambda: self.presenter.set_quota(row["service"], q, pq),
                                                      dialog=dlg))
        self._open_dialog(dlg)

    def ask_reset(self, code: str | None) -> None:
        """Count the consequences first (off the UI thread), then show them for confirmation."""
        if self.busy:
            return
        self.busy = True
        self._background(lambda: self.presenter.reset_preview(code), self._show_reset)

    def _show_reset(self, preview: ResetPreview) -> None:
        self.busy = False
        dlg = ResetDialog(preview, self)
        dlg.confirmed.connect(lambda reason, pin: self._act(
            lambda: self.presenter.reset(preview.scope, pin, reason), dialog=dlg))
        self._open_dialog(dlg)

    def reprint(self) -> None:
        label = self.reprint_label.text()
        self._act(lambda: self.presenter.reprint(label), self._show_printer)

    def _show_printer(self, msg: Message) -> None:
        color = {"ok": self.theme.ok, "warn": self.theme.warn}.get(msg.level, self.theme.danger)
        self.printer_state.setText(msg.text)
        self.printer_state.setStyleSheet(f"font-size: 20px; font-weight: bold; color: {color};")

    def choose_export_folder(self) -> None:
        dlg = QFileDialog(self, "Pilih folder laporan / Choose the report folder", str(Path.home()))
        dlg.setFileMode(QFileDialog.FileMode.Directory)
        dlg.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # same look everywhere; no portal hang
        dlg.fileSelected.connect(self.export_to)
        self.file_dialog = dlg
        dlg.open()

    def export_to(self, folder: str) -> None:
        self._act(lambda: self.presenter.export(folder))

    # --- showing ----------------------------------------------------------------------------
    def present(self, status: dict[str, Any], events: list[Any]) -> None:
        self.figures.show_status(status)
        self.log.show_events(events)
        self._update_buttons()
        self._tick()

    def show_message(self, msg: Message) -> None:
        if msg.level == "ok":
            self.banner.clear()
            self.message.setText(msg.text)
        else:
            self.message.setText(" ")
            self.banner.show_message(msg.text, "warn" if msg.level == "warn" else "error")

    def _update_buttons(self) -> None:
        row = self.figures.selected_service()
        none = "Pilih layanan di tabel dulu.\nSelect a service in the table first."
        closed = bool(row and row["state"] == "closed_by_staff")
        rules = {"close": (row is not None and not closed, none if row is None else "Layanan ini sudah ditutup."),
                 "open": (closed, none if row is None else "Layanan ini tidak ditutup petugas."),
                 "quota": (row is not None, none), "reset": (row is not None, none), "reset_all": (True, "")}
        for key, (enabled, why) in rules.items():
            self.service_buttons[key].setEnabled(enabled and not self.busy)
            self.service_buttons[key].setToolTip("" if enabled else why)

    def _tick(self) -> None:
        now = self.presenter.engine.clock.now().astimezone(self.cfg.tz)  # the clock only: no store here
        self.date.setText(f"{date_id(now)}  {now:%H:%M}")

