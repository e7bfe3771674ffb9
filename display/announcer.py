"""The hall voice: every call and recall announced exactly once, in commit order, one at a time:
chime, then the sentence (repeated as configured), as one clip through QtMultimedia.

- Clips are made on a speech thread (never the UI thread), one ahead of the one playing, so the
  next announcement starts as soon as the current one ends.
- "Handled up to event id X" is saved after each announcement ends (through the display's
  database worker), so a restart neither repeats nor loses one; calls older than
  voice.max_age_seconds when first seen (a display that was off) are skipped, and logged.
- Once queued, an announcement is never dropped: a player error or a stuck player (watchdog)
  ends that one and the queue goes on."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from core.announce import sentence
from core.config import Config
from core.model import Event
from display.board import CALL_KINDS, Call, call_from
from display.speech import Clip, ClipMaker
from ui.worker import run_in_background

log = logging.getLogger("antre.display.announcer")
LOOKAHEAD = 2  # clips made ahead of the one playing (bounded: clips are files on disk)


@dataclass
class Announcement:
    call: Call
    text: str
    clip: Clip | None = None
    rendering: bool = False


class Announcer(QObject):
    started = Signal(object)  # Announcement: its clip is playing now
    finished = Signal(object)  # Announcement: played (or given up on), saved as handled
    speaking = Signal(bool)  # True from the first chime to the end of the queue
    skipped = Signal(object)  # Call: too old when first seen

    def __init__(self, cfg: Config, clips: ClipMaker, start_after: int,
                 save: Callable[[int], None], now: Callable[[], datetime],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.clips = clips
        self.save = save
        self.now = now
        self.handled = start_after  # every call with id <= handled is done with
        self._saved = start_after
        self._seen = start_after
        self.queue: deque[Announcement] = deque()
        self.playing: Announcement | None = None
        self._speaking = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one speech engine run at a time, in order
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_stuck)

    # --- input --------------------------------------------------------------------------------
    def offer(self, events: list[Event]) -> None:
        """New events in commit order (the change watcher's batches); calls are queued."""
        now = self.now()
        limit = self.cfg.voice.max_age_seconds
        for e in events:
            if e.id <= self._seen:
                continue
            self._seen = e.id
            if e.kind not in CALL_KINDS or e.counter is None:
                continue
            call = call_from(self.cfg, e)
            age = (now - e.at).total_seconds()
            if age > limit:
                log.info("not announced (%.0f s old > %d s): %s to %s, event %d", age, limit,
                         e.label, call.counter_name, e.id)
                self.skipped.emit(call)
                continue
            text = sentence(self.cfg, e.label, e.counter)
            self.queue.append(Announcement(call, text))
            log.info("queued %s %s to %s, event %d", e.kind, e.label, call.counter_name, e.id)
        self._mark_handled()
        self._pump()

    @property
    def busy(self) -> bool:
        return self.playing is not None or bool(self.queue)

    # --- rendering (speech thread) and playing (UI thread) ---------------------------------------
    def _pump(self) -> None:
        for a in list(self.queue)[:LOOKAHEAD]:
            if a.clip is None and not a.rendering:
                a.rendering = True
                self._render(a)
        if self.playing is None and self.queue and self.queue[0].clip is not None:
            self._play(self.queue.popleft())
        elif not self.busy and self._speaking:
            self._speaking = False
            self.speaking.emit(False)

    def _render(self, a: Announcement) -> None:
        text, lang, name = a.text, self.cfg.voice.language, f"clip-{a.call.event_id}"

        def work() -> Clip:  # on the speech thread: touches no Qt object
            return self.clips.make(text, lang, name)

        def done(clip: object) -> None:
            self._rendered(a, clip)

        def failed(err: Exception) -> None:
            self._render_failed(a, err)

        run_in_background(work, done, failed, pool=self._pool)

    def _rendered(self, a: Announcement, clip: object) -> None:
        assert isinstance(clip, Clip)
        a.clip, a.rendering = clip, False
        self._pump()

    def _render_failed(self, a: Announcement, err: Exception) -> None:
        # ClipMaker already falls back to the chime; getting here is a bug (or a full disk)
        log.error("no clip for %s (event %d): %s", a.call.label, a.call.event_id, err)
        a.rendering = False
        if a in self.queue:
            self.queue.remove(a)
        self._done(a)

    def _play(self, a: Announcement) -> None:
        assert a.clip is not None
        self.playing = a
        if not self._speaking:
            self._speaking = True
            self.speaking.emit(True)
        self.started.emit(a)
        log.info("announcing %s to %s (event %d): %s%s", a.call.label, a.call.counter_name,
                 a.call.event_id, a.text, "" if a.clip.spoken else " [chime only]")
        self.player.setSource(QUrl.fromLocalFile(str(a.clip.path)))
        self.player.play()
        self._watchdog.start(int(a.clip.seconds * 1000) + 3000)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._end()

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if self.playing is not None:
            log.error("playback failed for %s: %s", self.playing.call.label, text)
            self._end()

    def _on_stuck(self) -> None:
        if self.playing is not None:
            log.error("playback of %s did not end; going on", self.playing.call.label)
            self.player.stop()
            self._end()

    def stop_current(self) -> None:
        """End the clip now (it counts as announced): staff's "stop", the benchmark."""
        if self.playing is not None:
            self.player.stop()
            self._end()

    def _end(self) -> None:
        a, self.playing = self.playing, None
        self._watchdog.stop()
        if a is None:
            return
        self.player.setSource(QUrl())  # release the file before deleting it
        if a.clip is not None:
            Path(a.clip.path).unlink(missing_ok=True)
        self._done(a)
        self._pump()

    def _done(self, a: Announcement) -> None:
        self.finished.emit(a)
        self._mark_handled()

    def _mark_handled(self) -> None:
        pending = [x.call.event_id for x in self.queue]
        if self.playing is not None:
            pending.append(self.playing.call.event_id)
        self.handled = min(pending) - 1 if pending else self._seen
        if self.handled > self._saved:
            self._saved = self.handled
            self.save(self.handled)

    def close(self) -> None:
        self._watchdog.stop()
        self.player.stop()
        self._pool.waitForDone(int(self.cfg.voice.render_timeout_seconds * 1000) + 2000)
