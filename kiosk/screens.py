"""`python main.py screenshot kiosk --out DIR [--size WxH]`: each kiosk screen rendered offscreen
through the real flow (presenter, engine, an in-memory escpos printer) on a demo morning in a
throw-away database. The site's real database is never touched."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.store import Store
from kiosk.app import build
from kiosk.presenter import KioskPresenter
from printer.service import TicketPrinter
from ui.app import ensure_app, grab


def demo_morning(cfg: Config, db: Path) -> tuple[Engine, ManualClock]:
    """Monday 10:10: queues at Disdukcapil and Imigrasi, some counters open, a few citizens
    served, and one Samsat service closed by floor staff."""
    clock = ManualClock(datetime(2026, 11, 23, 8, 0, tzinfo=cfg.tz))
    eng = Engine(cfg, Store(db), clock, actor="demo")
    for cid in (1, 2, 4, 6, 8):
        eng.set_counter(cid, "open")
    mix = ["ktp"] * 16 + ["kk"] * 6 + ["akta"] * 3 + ["paspor"] * 9 + ["jkn"] * 5 + ["pkb"] * 4 + ["skck"] * 3
    for i, code in enumerate(mix):
        clock.advance(60 + 17 * (i % 5))
        eng.issue(code, priority=i % 9 == 4, kiosk="kiosk-1")
    for cid, minutes in ((1, 7), (2, 9), (4, 11), (6, 8), (8, 5)):
        eng.call_next(cid)
        clock.advance(minutes * 60)
        eng.finish(cid)
        eng.call_next(cid)
    eng.set_service_open("stnk", False, "gangguan sistem pusat")
    clock.set(datetime(2026, 11, 23, 10, 10, tzinfo=cfg.tz))
    return eng, clock


def _settle(presenter: KioskPresenter) -> None:
    """Let the background print job finish and its result reach the window."""
    presenter.pool.waitForDone(10_000)
    for _ in range(5):
        QCoreApplication.processEvents()


def screenshot(ctx: Any, out: Path, size: tuple[int, int] | None) -> list[Path]:
    cfg: Config = ctx.config
    size = size or (cfg.kiosk.width, cfg.kiosk.height)
    shape = "portrait" if size[1] >= size[0] else "landscape"
    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # screenshots need no display
    ensure_app()
    files: list[Path] = []

    def shot(name: str) -> None:
        files.append(grab(window, out / f"kiosk-{name}-{shape}.png", size))

    with tempfile.TemporaryDirectory(prefix="antre-kiosk-shot-") as tmp:
        db = Path(tmp) / "demo.db"
        eng, clock = demo_morning(cfg, db)
        worker = Engine(cfg, Store(db), clock, actor=cfg.kiosk.name)
        window, presenter = build(eng, worker, TicketPrinter.dummy(cfg, clock=clock), lockdown=False)
        try:
            presenter.start()
            _settle(presenter)
            shot("home")
            presenter.choose_agency("dukcapil")
            shot("services")
            presenter.go_home()
            presenter.choose_agency("samsat")
            shot("closed")
            presenter.go_home()
            presenter.choose_agency("dukcapil")
            presenter.printer = TicketPrinter.dummy(cfg, delay=1.5, clock=clock)  # slow enough to catch
            presenter.issue("ktp")
            shot("printing")
            _settle(presenter)
            shot("ticket")
            presenter.printer = TicketPrinter.dummy(cfg, state="paper_out", clock=clock)
            presenter.go_home()
            presenter.choose_agency("imigrasi")
            presenter.issue("paspor", priority=True)
            _settle(presenter)
            shot("fault")
            presenter.go_home()
            presenter.toggle_language()
            shot("home-en")
        finally:
            presenter.stop()
            window.close_kiosk()
            window.deleteLater()
            eng.store.close()
            worker.store.close()
    return files
