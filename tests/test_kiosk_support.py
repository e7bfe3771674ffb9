"""The kiosk test harness: a real kiosk window (offscreen) on a real SQLite file, with an escpos
Dummy printer (or any TicketPrinter), driven by taps. No tests here; the test_kiosk_* modules
import `kiosk_fixture` (the `make_kiosk` fixture)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.model import Event, Ticket
from core.store import Store
from kiosk.app import build
from kiosk.pages import ServiceCard
from kiosk.presenter import KioskPresenter
from kiosk.window import KioskWindow
from printer.service import TicketPrinter

PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


@dataclass
class Kiosk:
    window: KioskWindow
    presenter: KioskPresenter
    engine: Engine  # the window's (UI thread) engine
    worker: Engine
    printer: TicketPrinter
    clock: ManualClock
    qtbot: Any

    def tap(self, widget: QWidget) -> None:
        assert widget.isVisible(), f"{widget!r} is not on screen"
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def tap_agency(self, code: str) -> None:
        self.tap(self.window.home.buttons[code])
        self.wait_screen("services")

    def card(self, code: str) -> ServiceCard:
        return self.window.services.cards[code]

    def take(self, code: str, priority: bool = False) -> None:
        card = self.card(code)
        self.tap(card.priority if priority else card.take)

    def wait_screen(self, screen: str, timeout: int = 8000) -> None:
        self.qtbot.waitUntil(lambda: self.presenter.screen == screen, timeout=timeout)

    def visible_texts(self) -> list[str]:
        """Every text a person can read on the window right now."""
        out = []
        for w in self.window.findChildren(QWidget):
            if isinstance(w, QLabel | QAbstractButton) and w.isVisible() and w.text():
                out.append(w.text())
        return out

    def screen_text(self) -> str:
        return "\n".join(self.visible_texts())

    def tickets(self) -> list[Ticket]:
        return self.engine.store.tickets(day=self.engine.today())

    def events(self, kind: str) -> list[Event]:
        return self.engine.store.events(0, 10_000, kinds=(kind,))

    @property
    def jobs(self) -> list[bytes]:
        return list(getattr(self.printer.transport, "jobs", []))


@pytest.fixture(name="make_kiosk")
def kiosk_fixture(qtbot: Any, cfg: Config, store: Store, clock: ManualClock,
                  db_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """make_kiosk(**overrides) -> Kiosk; test modules import `kiosk_fixture` to use it."""
    made: list[Kiosk] = []

    def make(printer_state: str = "ok", delay: float = 0.0, printer: TicketPrinter | None = None,
             size: tuple[int, int] = PORTRAIT, printer_cfg: dict[str, Any] | None = None,
             start: bool = True, **kiosk: Any) -> Kiosk:
        c = replace(cfg, kiosk=replace(cfg.kiosk, **kiosk))
        if printer_cfg:
            c = replace(c, printer=replace(c.printer, **printer_cfg))
        name = c.kiosk.name
        eng = Engine(c, store, clock, actor=name)
        worker = Engine(c, Store(db_path), clock, actor=name)
        p = printer or TicketPrinter.dummy(c, state=printer_state, delay=delay, clock=clock)
        window, presenter = build(eng, worker, p)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        k = Kiosk(window, presenter, eng, worker, p, clock, qtbot)
        made.append(k)
        if start:
            presenter.start()
            if p.enabled:  # the start-up printer status check has answered
                qtbot.waitUntil(lambda: presenter.printer_state != "", timeout=8000)
            qtbot.waitUntil(lambda: presenter.screen == "home")
        return k

    yield make
    for k in made:
        k.presenter.stop()
        k.window.close_kiosk()
        k.worker.store.close()


def literal_parts(text: str) -> list[str]:
    """The fixed words of a template ('{n} menunggu' -> ['menunggu']), long enough to mean something."""
    return [p.strip() for p in re.split(r"\{[^}]*\}", text) if len(p.strip()) >= 6]
