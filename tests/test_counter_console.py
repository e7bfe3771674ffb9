"""The counter console as a clerk uses it: real widgets offscreen, real clicks and keys, a real
SQLite file shared with other consoles and with an engine playing the rest of the building."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.store import Store
from counter.app import CounterWindow
from counter.presenter import (
    CALL_NEXT,
    CLOSE,
    FINISH,
    NO_SHOW_ACT,
    PAUSE,
    RECALL,
    SERVE,
    TRANSFER,
    CounterPresenter,
    Result,
)
from counter.view import CounterConsole
from ui.theme import Theme

MakeConsole = Callable[..., CounterConsole]


@pytest.fixture
def make_console(qtbot: QtBot, cfg: Config, db_path: object, clock: ManualClock) -> Iterator[MakeConsole]:
    made: list[tuple[CounterConsole, Store]] = []

    def make(counter_id: int, config: Config = cfg) -> CounterConsole:
        store = Store(db_path)  # type: ignore[arg-type]
        console = CounterConsole(CounterPresenter(Engine(config, store, clock), counter_id),
                                 Theme.from_config(config), poll_ms=20)
        qtbot.addWidget(console)
        console.resize(1280, 800)
        console.show()
        console.start()
        qtbot.waitUntil(lambda: console.snap is not None)
        made.append((console, store))
        return console

    yield make
    for console, store in made:
        console.shutdown()
        store.close()


def click(qtbot: QtBot, console: CounterConsole, action: str) -> None:
    button = console.buttons[action]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not console.busy)


def cell(console: CounterConsole, row: int, col: int) -> str:
    item = console.table.item(row, col)
    return item.text() if item is not None else ""


def shown(console: CounterConsole) -> str:
    return console.big.text()


def test_each_button_changes_the_queue(qtbot: QtBot, engine: Engine, make_console: MakeConsole,
                                       clock: ManualClock) -> None:
    engine.issue("ktp")
    engine.issue("kk", priority=True)
    console = make_console(1)
    assert console.table.rowCount() == 2
    assert cell(console, 0, 0) == "B-001" and cell(console, 0, 2) == "PRIORITAS"
    click(qtbot, console, CALL_NEXT)
    assert shown(console) == "B-001" and console.badge.isVisible()
    assert engine.ticket("B-001").status == "called" and engine.ticket("B-001").counter == 1
    assert console.message.text() == "B-001 dipanggil ke Loket 1.\nB-001 called to Loket 1."
    click(qtbot, console, RECALL)
    assert engine.ticket("B-001").calls == 2
    click(qtbot, console, SERVE)
    assert engine.ticket("B-001").status == "serving"
    assert "sedang dilayani" in console.detail.text()
    clock.advance(240)
    click(qtbot, console, FINISH)
    assert engine.ticket("B-001").status == "done"
    assert shown(console) == "—"
    assert console.figures["served"].text() == "1" and console.figures["median"].text() == "4,0 mnt"
    click(qtbot, console, CALL_NEXT)
    click(qtbot, console, NO_SHOW_ACT)
    assert engine.ticket("A-001").status == "no_show"
    assert cell(console, 0, 2) == "tidak hadir"  # still callable from the list
    click(qtbot, console, PAUSE)
    assert engine.counter_state(1).state == "paused"
    assert console.buttons[PAUSE].text() == "F7  Buka loket\nOpen counter"
    click(qtbot, console, PAUSE)
    assert engine.counter_state(1).state == "open"
    click(qtbot, console, CLOSE)
    assert engine.counter_state(1).state == "closed"
    assert {e.actor for e in engine.store.events() if e.kind not in ("issued", "day_started")} == {"loket-1"}


def test_disabled_actions_say_why_on_hover(qtbot: QtBot, engine: Engine, make_console: MakeConsole) -> None:
    console = make_console(2)
    b = console.buttons[CALL_NEXT]
    assert not b.isEnabled()
    assert b.toolTip() == "Tidak ada antrean menunggu.\nNobody is waiting."
    assert console.buttons[RECALL].toolTip().startswith("Belum ada tiket dipanggil")
    engine.issue("ktp")
    qtbot.waitUntil(lambda: console.buttons[CALL_NEXT].isEnabled())  # live: a kiosk issued one
    click(qtbot, console, CALL_NEXT)
    assert console.buttons[CALL_NEXT].toolTip().startswith("Selesaikan A-001 dulu")


def test_call_a_selected_ticket_from_the_list(qtbot: QtBot, engine: Engine, make_console: MakeConsole) -> None:
    for svc in ("ktp", "akta", "kk"):
        engine.issue(svc)
    console = make_console(3)
    assert not console.call_selected.isEnabled()
    console.table.selectRow(2)
    assert console.call_selected.isEnabled()
    qtbot.mouseClick(console.call_selected, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(console) == "B-001")
    assert engine.ticket("B-001").status == "called"
    assert engine.ticket("A-001").status == "waiting"


def test_function_key_calls_next(qtbot: QtBot, engine: Engine, make_console: MakeConsole) -> None:
    engine.issue("jkn")
    console = make_console(6)
    console.activateWindow()
    qtbot.waitUntil(console.isActiveWindow)
    qtbot.keyClick(console, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown(console) == "E-001")
    assert engine.ticket("E-001").counter == 6


def test_transfer_through_the_chooser(qtbot: QtBot, engine: Engine, make_console: MakeConsole) -> None:
    engine.issue("akta")
    console = make_console(3)
    click(qtbot, console, CALL_NEXT)
    qtbot.mouseClick(console.buttons[TRANSFER], Qt.MouseButton.LeftButton)
    dialog = console.transfer_dialog
    assert dialog is not None and dialog.isVisible()
    assert "akta" not in dialog.buttons  # not to the queue it is already in
    qtbot.mouseClick(dialog.buttons["kk"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(console) == "—")
    t = engine.ticket("C-001")
    assert (t.label, t.service, t.status, t.counter) == ("C-001", "kk", "waiting", None)
    assert cell(console, 0, 0) == "C-001"  # back in this counter's list, under KK now
    assert not dialog.isVisible()


def test_two_consoles_calling_at_once_get_different_tickets(qtbot: QtBot, engine: Engine,
                                                           make_console: MakeConsole) -> None:
    for _ in range(2):
        engine.issue("ktp")
    one, two = make_console(1), make_console(2)
    one.trigger(CALL_NEXT)
    two.trigger(CALL_NEXT)  # both in flight on their own threads and connections
    qtbot.waitUntil(lambda: not one.busy and not two.busy)
    assert {shown(one), shown(two)} == {"A-001", "A-002"}
    qtbot.waitUntil(lambda: one.table.rowCount() == 0 and two.table.rowCount() == 0)


def test_a_stale_screen_gets_plain_words_not_a_crash(qtbot: QtBot, engine: Engine,
                                                     make_console: MakeConsole) -> None:
    engine.issue("pkb")
    console = make_console(9)
    console.live.stop()  # the screen has not caught up yet ...
    engine.call_next(8)  # ... when another counter takes the last ticket
    click(qtbot, console, CALL_NEXT)
    assert console.error.isVisible()
    assert console.error.label.text() == "Tidak ada antrean menunggu.\nNobody is waiting."
    assert not console.buttons[CALL_NEXT].isEnabled()  # and the picture is fresh again


def test_printer_fault_and_reset_appear_as_a_banner(qtbot: QtBot, engine: Engine,
                                                     make_console: MakeConsole) -> None:
    from tests.conftest import DEMO_PIN

    console = make_console(1)
    assert not console.notice.isVisible()
    engine.record("printer_fault", actor="kiosk-1", reason="kertas habis")
    qtbot.waitUntil(lambda: console.notice.isVisible())
    assert console.notice.label.text().startswith("Printer tiket bermasalah (kertas habis).")
    engine.issue("ktp")
    engine.reset("ktp", DEMO_PIN, "salah cetak", actor="admin")
    qtbot.waitUntil(lambda: "direset" in console.notice.label.text())
    assert "1 tiket menunggu dibatalkan, nomor mulai lagi dari 1" in console.notice.label.text()


def test_finish_calls_next_in_the_same_click(qtbot: QtBot, cfg: Config, engine: Engine,
                                             make_console: MakeConsole) -> None:
    engine.issue("tanah")
    engine.issue("tanah")
    console = make_console(10, replace(cfg, queue=replace(cfg.queue, finish_calls_next=True)))
    assert "panggil berikutnya" in console.buttons[FINISH].text()
    click(qtbot, console, CALL_NEXT)
    click(qtbot, console, FINISH)
    assert shown(console) == "H-002"
    assert engine.ticket("H-001").status == "done"


def test_a_bug_shows_the_calm_state_and_is_logged(qtbot: QtBot, engine: Engine, make_console: MakeConsole,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    engine.issue("ktp")
    console = make_console(1)

    def broken(action: str, arg: str = "") -> Result:
        raise RuntimeError("a bug")

    console.presenter.act = broken  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR, logger="antre.counter"):
        console.trigger(CALL_NEXT)
        qtbot.waitUntil(lambda: console.error.isVisible())
    assert "silakan hubungi petugas" in console.error.label.text().lower()
    assert "Traceback" not in console.error.label.text()
    assert any(r.exc_info for r in caplog.records)
    assert console.buttons[CALL_NEXT].isEnabled()  # the window keeps working


def test_picker_opens_the_chosen_counter(qtbot: QtBot, cfg: Config, store: Store, clock: ManualClock) -> None:
    window = CounterWindow(cfg, store, clock, Theme.from_config(cfg))
    qtbot.addWidget(window)
    assert window.currentWidget() is window.picker
    assert window.picker.buttons[3].text() == "Loket 3\nA KTP · C AKTA · B KK"
    qtbot.mouseClick(window.picker.buttons[3], Qt.MouseButton.LeftButton)
    console = window.console
    assert console is not None and window.currentWidget() is console
    assert console.presenter.counter.id == 3
    qtbot.waitUntil(lambda: console.snap is not None)
    console.shutdown()
