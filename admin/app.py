"""`python main.py admin`: wires config, store, clock and the printer into the floor-staff window."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from admin.presenter import AdminPresenter
from admin.printing import PrinterDesk
from admin.window import AdminWindow
from core.config import Config
from core.engine import Engine
from core.logs import setup_logging
from core.store import Store
from printer.service import TicketPrinter
from ui.app import ensure_app, install_safety_net, place, quit_on_signals
from ui.theme import Theme

log = logging.getLogger("antre.admin")
SIZE = (1440, 900)
ACTOR = "admin"


def build(cfg: Config, engine: Engine, data_dir: Path, theme: Theme, poll_ms: int = 200) -> AdminWindow:
    """The window, with the printer desk on the configured printer (built on first use)."""
    desk = PrinterDesk(engine, lambda: TicketPrinter.from_config(cfg, data_dir, engine.clock), ACTOR)
    return AdminWindow(AdminPresenter(engine, desk, ACTOR), theme, cfg.admin.lock_minutes, poll_ms)


def run(ctx: Any) -> int:
    cfg: Config = ctx.config
    setup_logging(ctx.data_dir, "admin")
    app = ensure_app("Antre — Petugas lantai")
    theme = Theme.from_config(cfg)
    app.setStyleSheet(theme.stylesheet(16))
    window = build(cfg, Engine(cfg, Store(ctx.db_path), ctx.clock, actor=ACTOR), ctx.data_dir, theme)
    install_safety_net(window.show_bug)
    place(window, 0, SIZE, fullscreen=False)
    log.info("floor-staff window opened")
    wake = quit_on_signals(app, window.close)  # noqa: F841 - kept alive while the loop runs
    return int(app.exec())
