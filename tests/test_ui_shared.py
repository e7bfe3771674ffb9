"""Shared Qt pieces: the theme's contrast, work off the UI thread, live refresh from another
process's commit."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QThread

from core.config import Config
from core.engine import Engine
from core.store import Store
from tests.conftest import ROOT
from ui.live import LiveQueue
from ui.theme import INK, MUTED, PAPER, Theme, contrast, darken_to_contrast, text_on
from ui.worker import run_in_background


def test_theme_contrast_at_least_7(cfg: Config) -> None:
    theme = Theme.from_config(cfg)
    assert contrast("#FFFFFF", theme.primary) >= 7
    assert contrast(INK, PAPER) >= 7 and contrast(MUTED, PAPER) >= 7
    for color in (theme.ok, theme.danger):
        assert contrast(color, PAPER) >= 7 and contrast(color, "#FFFFFF") >= 7
    assert contrast(theme.warn, "#FFF4D6") >= 7  # the warning banner
    import re

    disabled = re.search(r"QPushButton:disabled \{\{? background: (#\w+); color: (#\w+)", theme.stylesheet())
    assert disabled and contrast(disabled.group(1), disabled.group(2)) >= 7
    for agency in cfg.agencies:
        assert contrast("#FFFFFF", theme.agency_color(agency.color)) >= 7
    assert contrast(text_on(cfg.site.accent_color), cfg.site.accent_color) >= 7
    assert darken_to_contrast("#FFFF00") != "#FFFF00"  # yellow needs darkening for white text
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0


def test_background_work_reports_on_ui_thread(qtbot) -> None:
    ui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        return 42

    def done(value: object) -> None:
        seen["value"] = value
        seen["on_ui"] = QThread.currentThread() is ui_thread

    run_in_background(work, done, lambda e: seen.__setitem__("error", e))
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen == {"worker": True, "value": 42, "on_ui": True}

    def boom() -> None:
        raise OSError("printer offline")

    run_in_background(boom, lambda v: None, lambda e: seen.__setitem__("error", e))
    qtbot.waitUntil(lambda: "error" in seen, timeout=5000)
    assert isinstance(seen["error"], OSError)


def test_live_queue_sees_another_process(qtbot, engine: Engine, store: Store, db_path: Path) -> None:
    engine.issue("ktp")
    live = LiveQueue(store, poll_ms=20)
    got: list = []
    live.events.connect(got.extend)
    live.start()
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "--now", "2026-11-23T09:00",
                    "call", "2"], check=True, capture_output=True, timeout=60, cwd=ROOT)
    qtbot.waitUntil(lambda: any(e.kind == "called" for e in got), timeout=5000)
    live.stop()
    called = next(e for e in got if e.kind == "called")
    assert (called.label, called.counter) == ("A-001", 2)
    assert all(e.kind != "issued" for e in got)  # only what came after it started


def test_watcher_survives_a_vanished_file_without_creating_one(engine: Engine, store: Store, db_path: Path) -> None:
    from core.store import ChangeWatcher

    engine.issue("ktp")
    watcher = ChangeWatcher(db_path)
    assert watcher.changed()
    moved = db_path.with_name("away.db")
    watcher.reconnect_later()  # as after an error on the share
    db_path.rename(moved)
    assert not watcher.changed() and not db_path.exists()  # no empty database appeared
    moved.rename(db_path)
    assert watcher.changed()  # reconnected
    engine.issue("ktp")
    assert [e.kind for e in watcher.new_events()][-1] == "issued"
    watcher.close()


def test_results_for_a_closed_window_are_dropped(qtbot) -> None:
    from PySide6.QtCore import QCoreApplication, QThreadPool

    pool = QThreadPool()
    dropped: list[object] = []
    control: list[object] = []
    run_in_background(lambda: 1, dropped.append, dropped.append, pool, alive=lambda: False)
    run_in_background(lambda: 2, control.append, control.append, pool, alive=lambda: True)
    pool.waitForDone(5000)
    qtbot.waitUntil(lambda: control == [2], timeout=5000)  # both deliveries were queued by now
    QCoreApplication.processEvents()
    assert dropped == []
