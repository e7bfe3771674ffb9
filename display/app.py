"""`python main.py display`: the hall TV, full screen on the configured screen, with its voice."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from core.logs import setup_logging
from core.store import Store
from display.hall import Hall
from display.speech import VoiceSpeech
from display.window import DisplayWindow
from ui.app import ensure_app, install_safety_net, place, quit_on_signals
from ui.worker import run_in_background

log = logging.getLogger("antre.display")


def media_folder(ctx: Any) -> Path | None:
    folder = ctx.config.display.media_folder
    return ctx.config.resolve(folder) if folder else None


def run(ctx: Any) -> int:
    cfg = ctx.config
    setup_logging(ctx.data_dir, "display")
    args = ctx.args
    name = getattr(args, "name", None) or cfg.display.name
    app = ensure_app("Antre Display")
    store = Store(ctx.db_path)
    window = DisplayWindow(cfg, ctx.clock.now, media_folder(ctx))
    speech = VoiceSpeech(cfg.voice, ctx.data_dir / "speech") if cfg.voice.enabled and not args.mute else None
    hall = Hall(cfg, store, ctx.clock, window, speech, ctx.data_dir / "speech" / "clips", name)
    install_safety_net(on_bug=lambda: window.show_bug_state(True))
    windowed = bool(getattr(args, "windowed", False))
    place(window, cfg.display.screen, (cfg.display.width, cfg.display.height), fullscreen=not windowed)
    hall.start()
    if speech is not None:  # a warm speech worker and a tidy cache, off the UI thread
        def prepare() -> int:
            speech.warm_up()
            return speech.prune(cfg.voice.cache_mb)

        run_in_background(prepare, lambda _r: None, lambda e: log.warning("speech warm-up failed: %s", e))
    # SIGTERM (systemd, a kiosk shell) and Ctrl+C end the loop cleanly, so the last announced id
    # is written
    wake = quit_on_signals(app)  # noqa: F841 - kept alive while the loop runs
    log.info("display %s started on %s (voice %s)", name, ctx.db_path, "on" if speech else "off")
    try:
        code = app.exec()
    finally:
        hall.stop()
        if speech is not None:
            speech.close()
        store.close()
    return int(code)
