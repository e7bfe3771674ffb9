"""`python main.py kiosk`: wires config, two engines (the UI thread's reads, the pool thread's
writes, each on its own SQLite connection), the printer from [printer], live refresh and the
safety net into the kiosk window, full screen on the configured screen."""

from __future__ import annotations

import logging
import signal
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCursor

from core.config import Config
from core.engine import Engine
from core.logs import setup_logging
from core.store import Store
from kiosk import printing
from kiosk.presenter import KioskPresenter
from kiosk.window import KioskWindow
from printer.service import TicketPrinter
from ui.app import ensure_app, install_safety_net, place
from ui.live import LiveQueue

log = logging.getLogger("antre.kiosk")
POLL_MS = 200  # counts on a kiosk may lag a fifth of a second; the hall TV polls faster


def build(engine: Engine, worker: Engine, printer: TicketPrinter,
          lockdown: bool = True) -> tuple[KioskWindow, KioskPresenter]:
    """The window and its presenter, wired (tests and screenshots use this too)."""
    window = KioskWindow(engine.cfg, lockdown=lockdown)
    presenter = KioskPresenter(engine, worker, printer, window)
    presenter.live = LiveQueue(engine.store, POLL_MS, parent=presenter)
    presenter.live.changed.connect(presenter.on_queue_changed)
    window.attach(presenter)
    return window, presenter


def run(ctx: Any) -> int:
    cfg: Config = ctx.config
    args = ctx.args
    name = getattr(args, "name", None) or cfg.kiosk.name
    cfg = replace(cfg, kiosk=replace(cfg.kiosk, name=name))
    windowed = bool(getattr(args, "windowed", False))
    setup_logging(ctx.data_dir, f"kiosk-{name}")
    store, worker_store = Store(ctx.db_path), Store(ctx.db_path)
    engine = Engine(cfg, store, ctx.clock, actor=name)
    worker = Engine(cfg, worker_store, ctx.clock, actor=name)
    # before the first tap: numbers a power cut left half-printed get the failure policy
    recovered = printing.recover(worker, name)
    printer = printing.make_printer(cfg, ctx.data_dir, worker, name)
    app = ensure_app("Antre Kiosk")
    window, presenter = build(engine, worker, printer, lockdown=not windowed)
    install_safety_net(presenter.show_trouble)
    # SIGTERM (the demo, systemd): close cleanly; the 1 s clock tick lets Python see the signal
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, window.close_kiosk))
    if not windowed:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))  # a touchscreen has no pointer
    place(window, cfg.kiosk.screen, (cfg.kiosk.width, cfg.kiosk.height), fullscreen=not windowed)
    presenter.start()
    log.info("kiosk %s started on %s (printer %s %s, %d recovered)", name, ctx.db_path,
             printer.transport.kind, printer.transport.target, recovered)
    try:
        code = app.exec()
    finally:
        presenter.stop()
        store.close()
        worker_store.close()
    log.info("kiosk %s stopped", name)
    return int(code)
