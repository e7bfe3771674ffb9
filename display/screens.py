"""`python main.py screenshot display --out DIR [--size WxH]`: the hall display rendered offscreen
with the current queue state, as display-WxH.png."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from core.store import Store
from display.app import media_folder
from display.hall import Hall
from display.window import DisplayWindow
from ui.app import ensure_app, grab


def screenshot(ctx: Any, out: Path, size: tuple[int, int] | None) -> list[Path]:
    if QApplication.instance() is None:  # offscreen by definition: works on a server with no display
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    cfg = ctx.config
    w, h = size or (cfg.display.width, cfg.display.height)
    app = ensure_app("Antre Display")
    store = Store(ctx.db_path)
    window = DisplayWindow(cfg, ctx.clock.now, media_folder(ctx))
    window.resize(w, h)
    hall = Hall(cfg, store, ctx.clock, window, None, ctx.data_dir / "speech" / "clips")
    try:
        hall.start()
        end = time.monotonic() + 10
        while not hall.board.day and time.monotonic() < end:  # the first snapshot, read off-thread
            app.processEvents()
            time.sleep(0.01)
        return [grab(window, out / f"display-{w}x{h}.png", (w, h))]
    finally:
        hall.stop()
        window.close()
        store.close()
