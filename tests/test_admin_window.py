"""The floor-staff window as staff use it: real widgets offscreen, the PIN pad, dialogs filled in
and confirmed, a real SQLite file that an engine (the rest of the building) changes meanwhile."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from admin.dialogs import CloseServiceDialog, QuotaDialog, ResetDialog
from admin.presenter import AdminPresenter, Message
from admin.printing import PrinterDesk
from admin.window import AdminWindow
from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.errors import IssueRefused
from core.store import Store
from printer.service import TicketPrinter
from tests.conftest import DEMO_PIN
from ui.theme import Theme

MakeWindow = Callable[..., AdminWindow]


@pytest.fixture
def make_window(qtbot: QtBot, cfg: Config, db_path: Path, clock: ManualClock) -> Iterator[MakeWindow]:
    made: list[tuple[AdminWindow, Store]] = []

    def make(lock_minutes: float = 5, printer: TicketPrinter | None = None) -> AdminWindow:
        store = Store(db_path)
        eng = Engine(cfg, store, clock, actor="admin")
        desk = PrinterDesk(eng, lambda: printer) if printer is not None else None
        w = AdminWindow(AdminPresenter(eng, desk), Theme.from_config(cfg), lock_minutes, poll_ms=20)
        qtbot.addWidget(w)
        w.resize(1440, 900)
        w.show()
        made.append((w, store))
        return w

    yield make
    for w, store in made:
        w.shutdown()
        store.close()


def type_pin(qtbot: QtBot, w: AdminWindow, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(w.pinpad.buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.pinpad.buttons["OK"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.busy)


def unlock(qtbot: QtBot, w: AdminWindow) -> None:
    type_pin(qtbot, w, DEMO_PIN)
    assert w.unlocked
    qtbot.waitUntil(lambda: w.figures.services.rowCount() > 0)


def select(qtbot: QtBot, w: AdminWindow, code: str) -> None:
    codes = [w.figures.services.item(i, 0).data(Qt.ItemDataRole.UserRole)  # type: ignore[union-attr]
             for i in range(w.figures.services.rowCount())]
    w.figures.services.selectRow(codes.index(code))
    assert w.figures.selected_service() is not None


def cell(w: AdminWindow, code: str, col: int) -> str:
    for i in range(w.figures.services.rowCount()):
        first = w.figures.services.item(i, 0)
        if first is not None and first.data(Qt.ItemDataRole.UserRole) == code:
            item = w.figures.services.item(i, col)
            return item.text() if item is not None else ""
    raise AssertionError(code)


def test_wrong_pin_is_refused_and_nothing_opens(qtbot: QtBot, engine: Engine, make_window: MakeWindow) -> None:
    w = make_window()
    type_pin(qtbot, w, "1357")
    assert not w.unlocked and w.stack.currentIndex() == 0
    assert w.pinpad.error.text() == "PIN salah; tidak ada yang diubah.\nWrong PIN; nothing was changed."
    assert w.figures.services.rowCount() == 0  # no figures behind the lock
    refused = engine.store.events(kinds=("pin_refused",))
    assert [(e.actor, e.data["action"]) for e in refused] == [("admin", "unlock")]
    assert engine.store.events(kinds=("admin_unlocked",)) == []


def test_unlocked_figures_are_live(qtbot: QtBot, engine: Engine, make_window: MakeWindow) -> None:
    w = make_window()
    unlock(qtbot, w)
    assert w.stack.currentIndex() == 1
    assert cell(w, "ktp", 2) == "0"
    engine.issue("ktp")
    engine.issue("ktp", priority=True)
    qtbot.waitUntil(lambda: cell(w, "ktp", 2) == "2 (1 prio)")
    engine.call_next(1)
    qtbot.waitUntil(lambda: "A-002 (dipanggil)" in w.figures.tiles[1].text())
    assert cell(w, "ktp", 9) == "1 / 150" and cell(w, "ktp", 10) == "1 / 30"


def test_reset_from_the_window(qtbot: QtBot, engine: Engine, make_window: MakeWindow) -> None:
    for _ in range(3):
        engine.issue("kk")
    engine.issue("ktp")
    engine.call_next(1)  # B-001 at counter 1 is left to finish
    w = make_window()
    unlock(qtbot, w)
    select(qtbot, w, "kk")
    qtbot.mouseClick(w.service_buttons["reset"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(w.dialog, ResetDialog) and w.dialog.isVisible())
    dlg = w.dialog
    assert isinstance(dlg, ResetDialog)
    assert "2 tiket yang menunggu akan DIBATALKAN" in dlg.body.text()
    assert "Nomor mulai lagi dari 1 (B-001)" in dlg.body.text()
    assert "1 tiket yang sedang di loket tetap dilayani" in dlg.body.text()
    assert not dlg.confirm.isEnabled()  # reason and PIN first
    dlg.reason.setText("nomor tercetak ganda")
    dlg.pin.setText("0000")
    rows = len(engine.store.tickets())
    qtbot.mouseClick(dlg.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.error.text() != "")
    assert dlg.isVisible() and dlg.error.text().startswith("PIN salah; tidak ada yang diubah.")
    assert [t.status for t in engine.store.tickets(services=("kk",))] == ["called", "waiting", "waiting"]
    dlg.pin.setText(DEMO_PIN)
    qtbot.mouseClick(dlg.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert "2 tiket menunggu dibatalkan" in w.message.text()
    assert len(engine.store.tickets()) == rows  # nothing deleted
    assert [t.status for t in engine.store.tickets(services=("kk",))] == ["called", "cancelled", "cancelled"]
    assert engine.issue("kk").label == "B-001"  # numbering restarts at 1
    assert engine.ticket("A-001").status == "waiting"  # another service: untouched
    reset = engine.store.events(kinds=("reset",))
    assert [(e.service, e.actor, e.data["reason"], e.data["cancelled"]) for e in reset] == [
        ("kk", "admin", "nomor tercetak ganda", 2)]


def test_reset_all_spells_out_every_service(qtbot: QtBot, engine: Engine, make_window: MakeWindow) -> None:
    engine.issue("ktp")
    engine.issue("skck")
    w = make_window()
    unlock(qtbot, w)
    qtbot.mouseClick(w.service_buttons["reset_all"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(w.dialog, ResetDialog) and w.dialog.isVisible())
    dlg = w.dialog
    assert isinstance(dlg, ResetDialog)
    assert "Reset SEMUA layanan" in dlg.body.text() and "2 tiket yang menunggu" in dlg.body.text()
    dlg.reason.setText("uji coba pagi")
    dlg.pin.setText(DEMO_PIN)
    qtbot.mouseClick(dlg.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert {t.status for t in engine.store.tickets()} == {"cancelled"}
    assert len(engine.store.events(kinds=("reset",))) == len(engine.cfg.services)


def test_close_and_reopen_a_service(qtbot: QtBot, engine: Engine, make_window: MakeWindow) -> None:
    w = make_window()
    unlock(qtbot, w)
    assert not w.service_buttons["close"].isEnabled()
    assert w.service_buttons["close"].toolTip().startswith("Pilih layanan di tabel dulu.")
    select(qtbot, w, "paspor")
    assert not w.service_buttons["open"].isEnabled()
    qtbot.mouseClick(w.service_buttons["close"], Qt.MouseButton.LeftButton)
    dlg = w.dialog
    assert isinstance(dlg, CloseServiceDialog) and not dlg.confirm.isEnabled()
    dlg.reason.setText("Server imigrasi gangguan")
    qtbot.mouseClick(dlg.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    qtbot.waitUntil(lambda: cell(w, "paspor", 1) == "Ditutup petugas: Server imigrasi gangguan")
    with pytest.raises(IssueRefused, match="Server imigrasi gangguan"):
        engine.issue("paspor")
    qtbot.waitUntil(lambda: w.service_buttons["open"].isEnabled())
    qtbot.mouseClick(w.service_buttons["open"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(w, "paspor", 1) != "Ditutup petugas: Server imigrasi gangguan")
    assert engine.issue("paspor").label == "D-001"


def test_change_quota(qtbot: QtBot, engine: Engine, make_window: MakeWindow) -> None:
    engine.issue("tanah")
    w = make_window()
    unlock(qtbot, w)
    select(qtbot, w, "tanah")
    qtbot.mouseClick(w.service_buttons["quota"], Qt.MouseButton.LeftButton)
    dlg = w.dialog
    assert isinstance(dlg, QuotaDialog) and dlg.quota.value() == 60
    dlg.quota.setValue(1)
    qtbot.mouseClick(dlg.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    qtbot.waitUntil(lambda: cell(w, "tanah", 9) == "1 / 1")
    with pytest.raises(IssueRefused, match="Kuota"):
        engine.issue("tanah")


def test_locks_itself_when_idle_and_closes_dialogs(qtbot: QtBot, engine: Engine,
                                                   make_window: MakeWindow) -> None:
    w = make_window(lock_minutes=0.02)  # 1.2 s
    unlock(qtbot, w)
    qtbot.mouseClick(w.service_buttons["reset_all"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.dialog is not None and w.dialog.isVisible())
    dlg = w.dialog
    assert dlg is not None
    qtbot.waitUntil(lambda: 0 < w.idle.remainingTime() < 700)
    qtbot.keyClick(dlg, Qt.Key.Key_A)  # activity restarts the countdown
    assert w.idle.remainingTime() > 900 and w.unlocked
    qtbot.waitUntil(lambda: not w.unlocked, timeout=5000)
    assert w.stack.currentIndex() == 0 and not dlg.isVisible()
    qtbot.waitUntil(lambda: len(engine.store.events(kinds=("admin_locked",))) == 1)
    assert engine.store.events(kinds=("admin_locked",))[0].data["reason"] == "idle"


def test_event_log_filters(qtbot: QtBot, engine: Engine, make_window: MakeWindow) -> None:
    engine.issue("ktp")
    engine.issue("jkn")
    engine.call_next(6)
    w = make_window()
    unlock(qtbot, w)
    w.tabs.setCurrentIndex(1)
    w.log.kind.setCurrentIndex(w.log.kind.findData("called"))
    qtbot.waitUntil(lambda: w.log.table.rowCount() == 1)
    row = [w.log.table.item(0, c).text() for c in range(7)]  # type: ignore[union-attr]
    assert row[1:6] == ["dipanggil", "E-001", "jkn", "6", "loket-6"]
    assert row[6].startswith("menunggu")
    w.log.kind.setCurrentIndex(0)
    w.log.service.setCurrentIndex(w.log.service.findData("ktp"))
    qtbot.waitUntil(lambda: w.log.count.text() == "1 kejadian")


def test_printer_desk_and_export_from_the_window(qtbot: QtBot, cfg: Config, engine: Engine, clock: ManualClock,
                                                 make_window: MakeWindow, tmp_path: Path) -> None:
    printer = TicketPrinter.dummy(cfg, clock=clock)
    engine.issue("ktp")
    w = make_window(printer=printer)
    unlock(qtbot, w)
    w.tabs.setCurrentIndex(2)
    w.reprint_label.setText("A-001")
    qtbot.mouseClick(w.printer_buttons["reprint"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.printer_state.text().startswith("Tiket A-001 dicetak ulang."))
    assert b"A-001" in printer.transport.jobs[-1]  # type: ignore[attr-defined]
    printer.transport.state = "cover_open"  # type: ignore[attr-defined]
    qtbot.mouseClick(w.printer_buttons["test"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "gagal" in w.printer_state.text())
    assert "Tutup printer terbuka." in w.printer_state.text()
    assert [e.kind for e in engine.store.events(kinds=("reprint", "test_print", "printer_fault"))] == [
        "reprint", "test_print", "printer_fault"]
    qtbot.mouseClick(w.printer_buttons["export"], Qt.MouseButton.LeftButton)
    chooser = w.file_dialog
    assert chooser is not None and chooser.isVisible()
    chooser.setDirectory(str(tmp_path))
    chooser.selectFile(str(tmp_path))
    chooser.accept()
    qtbot.waitUntil(lambda: "antre-2026-11-23-tiket.csv" in w.message.text())
    assert (tmp_path / "antre-2026-11-23-tiket.csv").read_text(encoding="utf-8-sig").count("A-001") == 1


def test_a_bug_shows_the_calm_state(qtbot: QtBot, engine: Engine, make_window: MakeWindow,
                                    caplog: pytest.LogCaptureFixture) -> None:
    w = make_window()
    unlock(qtbot, w)

    def broken() -> Message:
        raise RuntimeError("a bug")

    with caplog.at_level(logging.ERROR, logger="antre.admin"):
        w._act(broken)
        qtbot.waitUntil(lambda: w.banner.isVisible())
    assert "silakan hubungi petugas" in w.banner.label.text().lower()
    assert any(r.exc_info for r in caplog.records)
    assert not w.busy and QApplication.instance() is not None
