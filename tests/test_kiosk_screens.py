"""Looks: both orientations laid out inside the screen, large touch targets, type that scales,
7:1 contrast, and `main.py screenshot kiosk` writing every screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from cli import main
from core.config import Config
from kiosk.style import DISABLED_BG, colors
from tests.test_kiosk_support import LANDSCAPE, PORTRAIT, Kiosk, kiosk_fixture  # noqa: F401 - the fixture
from ui.theme import INK, MUTED, Theme, contrast
from ui.widgets import MIN_TOUCH

MakeKiosk = Callable[..., Kiosk]


def _inside(k: Kiosk, w: QWidget, within: QWidget | None = None) -> bool:
    """The whole widget is on screen (inside `within`, e.g. a scroll area's viewport)."""
    outer = within or k.window
    box = QRect(w.mapTo(k.window, w.rect().topLeft()), w.size())
    return QRect(outer.mapTo(k.window, outer.rect().topLeft()), outer.size()).contains(box)


@pytest.mark.parametrize(("size", "all_at_once"), [(PORTRAIT, True), (LANDSCAPE, True), ((1280, 800), False)])
def test_screens_fit_both_orientations(make_kiosk: MakeKiosk, size: tuple[int, int], all_at_once: bool) -> None:
    """The two kiosk sizes show every agency at once; a smaller screen scrolls to each."""
    k = make_kiosk(size=size)
    assert (k.window.width(), k.window.height()) == size
    area = k.window.home.area
    for t in k.window.home.buttons.values():
        if not all_at_once:
            area.ensureWidgetVisible(t)
        # after the layout settles (a new column count lays the tiles out again)
        k.qtbot.waitUntil(lambda t=t: t.isVisible() and _inside(k, t, area.viewport()))
        assert t.height() >= MIN_TOUCH
    assert k.window.lang_button.height() >= MIN_TOUCH
    k.tap_agency("dukcapil")
    assert (k.window.width(), k.window.height()) == size  # a long page never grows the window
    page = k.window.services
    for b in (page.back_button, page.home_button):
        assert _inside(k, b) and b.height() >= MIN_TOUCH, b.text()
    for card in page.cards.values():
        for b in (card.take, card.priority):
            page.area.ensureWidgetVisible(b)  # a long list scrolls; every button can be reached
            k.qtbot.waitUntil(lambda b=b: _inside(k, b, page.area.viewport()) and _inside(k, page.area))
            assert b.height() >= MIN_TOUCH, b.text()
    page.area.verticalScrollBar().setValue(0)
    k.take("ktp")
    k.wait_screen("ticket")
    label = k.window.ticket.label
    assert _inside(k, label) and label.width() >= label.sizeHint().width()  # the number is never cut
    assert _inside(k, k.window.ticket.qr)
    assert (k.window.width(), k.window.height()) == size


def test_type_scales_with_the_window(make_kiosk: MakeKiosk) -> None:
    big = make_kiosk(size=PORTRAIT)
    small = make_kiosk(size=(600, 1066))
    px = [k.window.home.title.font().pixelSize() for k in (big, small)]
    assert px[0] > px[1] >= 20
    assert big.window.ticket.label.font().pixelSize() >= 150  # readable from across the lobby


def test_kiosk_colours_reach_7_to_1(cfg: Config) -> None:
    theme = Theme.from_config(cfg)
    c = colors(theme)
    for name in ("ok", "warn", "danger", "primary"):
        assert contrast("#FFFFFF", c[name]) >= 7, name  # white text on pills, text on white cards
    assert contrast(INK, theme.accent) >= 7  # the priority button
    assert contrast(MUTED, DISABLED_BG) >= 7  # a disabled button is still legible


def test_screenshot_command_writes_every_screen(tmp_path: Path) -> None:
    for size in ("1080x1920", "1920x1080"):
        assert main(["screenshot", "kiosk", "--out", str(tmp_path), "--size", size]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    screens = ("home", "services", "closed", "printing", "ticket", "fault", "home-en")
    assert names == sorted(f"kiosk-{s}-{o}.png" for s in screens for o in ("portrait", "landscape"))
    img = QImage(str(tmp_path / "kiosk-ticket-landscape.png"))
    assert (img.width(), img.height()) == LANDSCAPE
    img = QImage(str(tmp_path / "kiosk-fault-portrait.png"))
    assert (img.width(), img.height()) == PORTRAIT


def test_kiosk_command_is_registered() -> None:
    with pytest.raises(SystemExit) as ex:
        main(["kiosk", "--help"])
    assert ex.value.code == 0


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE])
def test_fault_screen_fits_with_its_large_qr(make_kiosk: MakeKiosk, size: tuple[int, int]) -> None:
    k = make_kiosk(size=size, printer_state="paper_out")
    k.tap_agency("imigrasi")
    k.take("paspor", priority=True)
    k.wait_screen("fault")
    page = k.window.ticket
    for w in (page.fault, page.label, page.priority, page.qr, page.done_button, page.countdown):
        k.qtbot.waitUntil(lambda w=w: _inside(k, w))
    assert page.qr.width() >= 13 * 26  # ~340 px: a phone photo from arm's length reads it
    assert (k.window.width(), k.window.height()) == size
