"""Only floor staff leave the kiosk: the hidden corner, the PIN, the small menu. Nothing a citizen
can press or type closes it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from tests.conftest import DEMO_PIN
from tests.test_kiosk_support import Kiosk, kiosk_fixture  # noqa: F401 - the fixture

MakeKiosk = Callable[..., Kiosk]


def _type_pin(k: Kiosk, pin: str) -> None:
    for digit in pin:
        k.tap(k.window.staff.pad.buttons[digit])
    k.tap(k.window.staff.pad.buttons["OK"])


def _open_menu(k: Kiosk) -> None:
    k.qtbot.mousePress(k.window.corner, Qt.MouseButton.LeftButton)
    k.wait_screen("pin")
    k.qtbot.mouseRelease(k.window.corner, Qt.MouseButton.LeftButton)
    _type_pin(k, DEMO_PIN)
    k.wait_screen("menu")


def test_nothing_a_citizen_does_closes_the_kiosk(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    assert not k.window.close()  # Alt+F4 and the window manager end up here
    k.qtbot.keyClick(k.window, Qt.Key.Key_Escape)
    k.qtbot.keyClick(k.window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert k.window.isVisible() and k.presenter.screen == "home"


def test_a_short_press_in_the_corner_does_nothing(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(staff_hold_seconds=0.3)
    corner = k.window.corner
    assert corner.geometry().bottomRight() == k.window.rect().bottomRight()
    screens = k.window.stack.geometry()
    assert not corner.geometry().intersects(screens)  # never over anything a citizen taps
    k.qtbot.mousePress(corner, Qt.MouseButton.LeftButton)
    assert corner.timer.isActive()
    k.qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton)
    assert not corner.timer.isActive()  # let go early: the hold is forgotten
    assert k.presenter.screen == "home"


def test_the_gesture_needs_the_right_pin(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(staff_hold_seconds=0.2)
    k.qtbot.mousePress(k.window.corner, Qt.MouseButton.LeftButton)
    k.wait_screen("pin")
    k.qtbot.mouseRelease(k.window.corner, Qt.MouseButton.LeftButton)
    assert "Masukkan PIN petugas" in k.visible_texts()
    _type_pin(k, "1111")
    k.qtbot.waitUntil(lambda: k.window.staff.pad.error.text() == "PIN salah.", timeout=5000)
    assert k.presenter.screen == "pin"
    assert "Keluar dari kios" not in k.visible_texts()
    assert [e.data["action"] for e in k.events("pin_refused")] == ["kiosk_menu"]
    _type_pin(k, DEMO_PIN)
    k.wait_screen("menu")
    assert {"Keluar dari kios", "Cetak uji", "Cetak ulang tiket terakhir", "Status printer"} <= set(k.visible_texts())
    k.tap(k.window.staff.buttons["staff_back"])
    k.wait_screen("home")


def test_pin_pad_cancel_goes_home(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(staff_hold_seconds=0.1)
    k.presenter.staff_gesture()
    k.wait_screen("pin")
    cancel = next(b for b in k.window.staff.pad.findChildren(type(k.window.staff.pad.buttons["OK"]))
                  if b.text() == "Batal / Cancel")
    k.tap(cancel)
    k.wait_screen("home")


def test_staff_menu_prints_and_reports(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(staff_hold_seconds=0.1)
    k.tap_agency("dukcapil")
    k.take("akta")
    k.wait_screen("ticket")
    k.presenter.go_home()
    _open_menu(k)
    info = k.window.staff.info

    k.tap(k.window.staff.buttons["staff_test"])
    k.qtbot.waitUntil(lambda: info.text() == "Cetak uji berhasil.", timeout=5000)
    assert len(k.jobs) == 2 and b"TES" in k.jobs[1]
    assert [e.data["ok"] for e in k.events("test_print")] == [True]

    k.tap(k.window.staff.buttons["staff_reprint"])
    k.qtbot.waitUntil(lambda: info.text() == "Tiket C-001 dicetak ulang.", timeout=5000)
    assert b"C-001" in k.jobs[2] and b"CETAK ULANG" in k.jobs[2]
    assert [e.label for e in k.events("reprint")] == ["C-001"]

    k.printer.transport.state = "paper_out"  # type: ignore[attr-defined]
    k.tap(k.window.staff.buttons["staff_status"])
    k.qtbot.waitUntil(lambda: info.text() == "Kertas printer habis.", timeout=5000)
    assert k.events("printer_fault")[-1].data["source"] == "status"

    k.tap(k.window.staff.buttons["staff_exit"])
    k.qtbot.waitUntil(lambda: not k.window.isVisible(), timeout=5000)
    assert [e.actor for e in k.events("kiosk_exit")] == ["kiosk-1"]


def test_reprint_with_nothing_printed_yet(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(staff_hold_seconds=0.1)
    _open_menu(k)
    k.tap(k.window.staff.buttons["staff_reprint"])
    assert k.window.staff.info.text() == "Belum ada tiket dari kios ini."


def test_idle_closes_the_staff_menu(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(staff_hold_seconds=0.1, idle_seconds=1)
    _open_menu(k)
    k.wait_screen("home", timeout=5000)  # a menu left open on a public screen closes by itself
