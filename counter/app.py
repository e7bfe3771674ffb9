"""`python main.py counter [ID]`: wires config, store and clock into the console window. Each
console is its own process with its own database connection; the engine's transactions keep
several consoles from ever calling the same ticket."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from core.clock import Clock
from core.config import Config
from core.engine import Engine
from core.logs import setup_logging
from core.store import Store
from counter.picker import CounterPicker
from counter.presenter import CounterPresenter
from counter.view import CounterConsole
from ui.app import ensure_app, install_safety_net, place, quit_on_signals
from ui.theme import Theme

log = logging.getLogger("antre.counter")
SIZE = (1280, 800)  # a clerk's desktop; the layout also holds at 1024x700


class CounterWindow(QStackedWidget):
    """The picker (when no counter was named), then the console."""

    def __init__(self, cfg: Config, store: Store, clock: Clock, theme: Theme,
                 counter_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cfg, self.store, self.clock, self.theme = cfg, store, clock, theme
        self.console: CounterConsole | None = None
        self.setWindowTitle("Antre — Konsol loket / Counter console")
        self.picker = CounterPicker(cfg)
        self.picker.picked.connect(self.open_console)
        self.addWidget(self.picker)
        if counter_id is not None:
            self.open_console(counter_id)

    def open_console(self, counter_id: int) -> CounterConsole:
        engine = Engine(self.cfg, self.store, self.clock, actor=f"loket-{counter_id}")
        self.console = CounterConsole(CounterPresenter(engine, counter_id), self.theme)
        self.addWidget(self.console)
        self.setCurrentWidget(self.console)
        self.setWindowTitle(f"Antre — {self.console.presenter.counter.label}")
        log.info("console opened for counter %s", counter_id)
        self.console.start()
        return self.console

    def show_bug(self) -> None:
        if self.console is not None:
            self.console.show_bug()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.console is not None:
            self.console.shutdown()
        super().closeEvent(event)


def run(ctx: Any, counter_id: str | None = None) -> int:
    cfg: Config = ctx.config
    store = Store(ctx.db_path)
    # An unknown id is a known error (the CLI prints it) before any window opens.
    cid = Engine(cfg, store, ctx.clock).counter(counter_id).id if counter_id is not None else None
    setup_logging(ctx.data_dir, f"counter-{cid}" if cid else "counter")
    app = ensure_app("Antre — Loket")
    theme = Theme.from_config(cfg)
    app.setStyleSheet(theme.stylesheet(18))
    window = CounterWindow(cfg, store, ctx.clock, theme, cid)
    install_safety_net(window.show_bug)
    place(window, 0, SIZE, fullscreen=False)
    wake = quit_on_signals(app, window.close)  # noqa: F841 - kept alive while the loop runs
    return int(app.exec())
