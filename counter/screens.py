"""`python main.py screenshot counter --out DIR`: the console rendered offscreen from a demo
morning in a throw-away database (the site's real database is never touched)."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.store import Store
from counter.app import SIZE, CounterWindow
from counter.presenter import CALL_NEXT, NO_SHOW_ACT, SERVE, CounterPresenter
from counter.view import CounterConsole
from ui.app import ensure_app, grab
from ui.theme import Theme

COUNTER = 3


def demo_morning(cfg: Config, db: Path) -> tuple[Engine, ManualClock]:
    """A Monday morning: counter 3 has served a few citizens, more are waiting, one is called."""
    clock = ManualClock(datetime(2026, 11, 23, 8, 0, tzinfo=cfg.tz))
    eng = Engine(cfg, Store(db), clock, actor="demo")
    mix = [("ktp", False), ("kk", False), ("ktp", True), ("akta", False), ("ktp", False), ("kk", False),
           ("ktp", False), ("akta", True), ("kk", False), ("ktp", False), ("ktp", False), ("kk", True),
           ("akta", False), ("ktp", False), ("kk", False), ("ktp", False)]
    for i, (svc, prio) in enumerate(mix):
        clock.advance(95 + 40 * (i % 3))
        eng.issue(svc, priority=prio, kiosk="kiosk-1")
    for minutes in (6, 9, 5):
        eng.call_next(COUNTER, "loket-3")
        clock.advance(40)
        eng.start_serving(COUNTER, "loket-3")
        clock.advance(minutes * 60)
        eng.finish(COUNTER, "loket-3")
    eng.call_next(COUNTER, "loket-3")
    clock.advance(50)
    eng.no_show(COUNTER, "loket-3")
    eng.call_next(1, "loket-1")  # other counters at work too
    for svc, prio in (("kk", True), ("ktp", False), ("akta", True)):
        clock.advance(70)
        eng.issue(svc, priority=prio, kiosk="kiosk-1")
    clock.advance(20)
    return eng, clock


def screenshot(ctx: Any, out: Path, size: tuple[int, int] | None) -> list[Path]:
    cfg: Config = ctx.config
    size = size or SIZE
    app = ensure_app()
    theme = Theme.from_config(cfg)
    app.setStyleSheet(theme.stylesheet(18))
    files: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="antre-shot-") as tmp:
        eng, clock = demo_morning(cfg, Path(tmp) / "demo.db")
        window = CounterWindow(cfg, eng.store, clock, theme)
        files.append(grab(window, out / "counter-picker.png", size))
        presenter = CounterPresenter(eng, COUNTER)
        result = presenter.act(CALL_NEXT)
        clock.advance(75)
        window.console = console = CounterConsole(presenter, theme)  # not started: no timers, no live
        window.addWidget(console)
        window.setCurrentWidget(console)
        console.show_message(result.message)
        console.show_snapshot(result.snapshot)
        files.append(grab(window, out / "counter.png", size))
        eng.record("printer_fault", actor="kiosk-1", reason="kertas habis / paper out")
        console.show_message(presenter.act(SERVE).message)
        clock.advance(200)
        console.show_snapshot(presenter.snapshot())
        console.show_notices(presenter.recent_notices())
        console.trigger(NO_SHOW_ACT)  # refused in plain words: the citizen is being served
        files.append(grab(window, out / "counter-notice.png", size))
        window.close()
        eng.store.close()
    return files

