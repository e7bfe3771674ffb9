"""The presenter: wires the change watcher, the database worker, the board, the announcer and the
window, and decides what the window shows.

- A new call shows in its counter tile and the last-calls list on the poll that sees it.
- The big "now calling" panel shows what the voice is saying while it speaks (what you hear is
  what you see); when the voice is idle or off, it shows the newest call at once.
- The media area is quiet while the voice speaks."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from core.clock import Clock
from core.config import Config
from core.errors import AntreError
from core.model import Event
from core.store import Store
from display.announcer import Announcement, Announcer
from display.board import Board, Call, Snapshot
from display.dbworker import DbWorker, meta_key
from display.speech import ClipMaker, Speech
from display.window import DisplayWindow
from ui.live import LiveQueue

log = logging.getLogger("antre.display")
PROBLEM = "Data antrean sedang tidak terbaca; layar mencoba lagi otomatis. / Queue data unavailable, retrying."


def start_id(store: Store, cfg: Config, name: str, now: datetime) -> int:
    """Where announcing resumes: after the saved mark, and never before the calls that are
    still young enough to announce (so a display off for a week does not read a week of events)."""
    saved = store.meta(meta_key(name))
    young = store.events(since_at=now - timedelta(seconds=cfg.voice.max_age_seconds), limit=1)
    floor = young[0].id - 1 if young else store.last_event_id()
    return max(int(saved), floor) if saved and saved.isdigit() else floor


class Hall(QObject):
    def __init__(self, cfg: Config, store: Store, clock: Clock, window: DisplayWindow,
                 speech: Speech | None, clip_dir: Path, name: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.window = window
        self.now = now = clock.now
        self.name = name or cfg.display.name
        self.board = Board(cfg, cfg.display.recent_calls, cfg.display.highlight_seconds)
        self.db = DbWorker(cfg, store.path, clock, cfg.display.recent_calls, self)
        self.db.snapshot.connect(self._on_snapshot)
        self.db.failed.connect(self._on_failed)
        self.db.recovered.connect(lambda: self.window.set_problem(""))
        first = start_id(store, cfg, self.name, now())
        self.announcer: Announcer | None = None
        if speech is not None and cfg.voice.enabled:
            clip_dir.mkdir(parents=True, exist_ok=True)
            for old in clip_dir.glob("clip-*.wav"):  # left by a crash or power cut
                old.unlink(missing_ok=True)
            chime = cfg.resolve(cfg.voice.chime) if cfg.voice.chime else None
            clips = ClipMaker(speech, cfg.voice, chime, clip_dir)
            self.announcer = Announcer(cfg, clips, first, lambda i: self.db.save_announced(self.name, i), now, self)
            self.announcer.started.connect(self._on_started)
            self.announcer.speaking.connect(self._on_speaking)
        self.live = LiveQueue(store, cfg.display.poll_ms, since_id=first, parent=self)
        self.live.events.connect(self._on_events)
        self.live.changed.connect(self.db.request_snapshot)
        self._voiced: Call | None = None  # what the voice is saying now
        self._voiced_until = 0.0
        self.blink = QTimer(self)  # repaints highlights off; runs only while something is lit
        self.blink.setInterval(250)
        self.blink.timeout.connect(self._refresh_highlights)
        self.health = QTimer(self)
        self.health.setInterval(1000)
        self.health.timeout.connect(self._check_health)
        self._offline_since: float | None = None
        self._stopped = False

    def start(self) -> None:
        self.db.request_snapshot()
        self.live.start()
        self.health.start()
        if self.window.media is not None:
            self.window.media.start()

    def stop(self) -> None:
        self._stopped = True  # results still queued from the worker threads are dropped
        self.live.stop()
        self.health.stop()
        self.blink.stop()
        if self.window.media is not None:
            self.window.media.stop()
        if self.announcer is not None:
            self.announcer.close()
        self.db.stop()

    # --- inputs ----------------------------------------------------------------------------------
    def _on_events(self, events: list[Event]) -> None:
        if self._stopped:
            return
        self.board.apply_events(events, time.monotonic())
        self._render()
        if self.announcer is not None:
            self.announcer.offer(events)

    def _on_snapshot(self, snap: object) -> None:
        assert isinstance(snap, Snapshot)
        if self._stopped:
            return
        self.board.apply_snapshot(snap, time.monotonic())
        self._render()
        self.window.show_waiting(self.board.waiting)
        if self.window.overlay.isVisible():
            self.window.show_bug_state(False)  # the display works again

    def _on_started(self, a: Announcement) -> None:
        self._voiced, self._voiced_until = a.call, time.monotonic() + self.cfg.display.highlight_seconds
        self._render()

    def _on_speaking(self, on: bool) -> None:
        if self._stopped:
            return
        if self.window.media is not None:
            self.window.media.set_quiet(on)
        if not on:
            self._voiced = None
            self._render()

    def _on_failed(self, error: AntreError) -> None:
        if self._stopped:
            return
        self.window.set_problem(PROBLEM)

    def _check_health(self) -> None:
        if self._stopped:
            return
        offline = self.live.watcher.conn is None
        if offline and self._offline_since is None:
            self._offline_since = time.monotonic()
        elif not offline:
            self._offline_since = None
        if self._offline_since is not None and time.monotonic() - self._offline_since > 2:
            self.window.set_problem(PROBLEM)
            self.db.request_snapshot()  # retried each second until the file is back

    # --- output ----------------------------------------------------------------------------------
    def now_calling(self) -> tuple[Call | None, bool]:
        now = time.monotonic()
        if self._voiced is not None and self.announcer is not None and self.announcer.busy:
            return self._voiced, now < self._voiced_until
        return self.board.latest, now < self.board.latest_until

    def _render(self) -> None:
        if self._stopped:
            return
        now = time.monotonic()
        call, lit = self.now_calling()
        self.window.show_now(call, lit)
        self.window.show_tiles(self.board.tile_list())
        first_lit = bool(self.board.recent) and self.board.latest is not None \
            and self.board.recent[0] == self.board.latest and now < self.board.latest_until
        self.window.show_recent(list(self.board.recent), first_lit)
        if self.board.lit(now) or lit:
            if not self.blink.isActive():
                self.blink.start()

    def _refresh_highlights(self) -> None:
        now = time.monotonic()
        self._render()
        if not self.board.lit(now) and not (self._voiced is not None and now < self._voiced_until):
            self.blink.stop()
            self._render()

