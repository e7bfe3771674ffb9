"""The announcer with real parts: a real store, real WAV clips played by QMediaPlayer (no sound
card: it plays to nowhere and still ends), the database worker saving the last announced id.
Speech is the recording one (short tones), so a dozen announcements take seconds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.store import Store
from display import audio
from display.announcer import Announcement, Announcer
from display.dbworker import DbWorker, meta_key
from display.hall import start_id
from display.speech import ClipMaker, RecordingSpeech

NAME = "hall-test"


@dataclass
class Run:
    announcer: Announcer
    db: DbWorker
    speech: RecordingSpeech
    log: list[str] = field(default_factory=list)  # "start A-001@1", "end A-001@1" in order


@pytest.fixture
def short_chime(tmp_path: Path) -> Path:
    chime = audio.synth_chime()
    chime.samples = chime.samples[: int(0.08 * chime.rate)]
    return audio.write_wav(tmp_path / "chime.wav", chime)


@pytest.fixture
def runs(cfg: Config, store: Store, clock: ManualClock, tmp_path: Path, short_chime: Path) -> Iterator[list[Run]]:
    made: list[Run] = []
    yield made
    for r in made:
        r.announcer.close()
        r.db.stop()


def start(cfg: Config, store: Store, clock: ManualClock, tmp_path: Path, chime: Path, runs: list[Run],
          fail: bool = False) -> Run:
    """A display (re)starting: where it resumes comes from the store, as in the real one."""
    db = DbWorker(cfg, store.path, clock, cfg.display.recent_calls)
    speech = RecordingSpeech(tmp_path / f"speech{len(runs)}", seconds=0.12, fail=fail)
    clips = ClipMaker(speech, cfg.voice, chime, tmp_path / "clips")
    first = start_id(store, cfg, NAME, clock.now())
    ann = Announcer(cfg, clips, first, lambda i: db.save_announced(NAME, i), clock.now)
    run = Run(ann, db, speech)
    ann.started.connect(lambda a: run.log.append(f"start {a.call.label}@{a.call.counter}"))
    ann.finished.connect(lambda a: run.log.append(f"end {a.call.label}@{a.call.counter}"))
    runs.append(run)
    return run


def feed(run: Run, store: Store) -> None:
    run.announcer.offer(store.events(since_id=run.announcer.handled))


def ends(run: Run) -> list[str]:
    return [x[4:] for x in run.log if x.startswith("end ")]


def saved(store: Store) -> int:
    return int(store.meta(meta_key(NAME)) or 0)


def issue(engine: Engine, n: int, service: str = "ktp") -> None:
    for _ in range(n):
        engine.issue(service)


def test_each_call_once_in_order_across_a_restart(qtbot: QtBot, cfg: Config, store: Store, engine: Engine,
                                                  clock: ManualClock, tmp_path: Path, short_chime: Path,
                                                  runs: list[Run]) -> None:
    issue(engine, 6)
    first = start(cfg, store, clock, tmp_path, short_chime, runs)
    engine.call_next(1)
    engine.call_next(2)
    engine.recall(1)
    engine.call_next(3)
    feed(first, store)
    feed(first, store)  # the same batch seen twice (a re-poll) is not announced twice
    qtbot.waitUntil(lambda: len(ends(first)) == 4, timeout=15_000)
    assert ends(first) == ["A-001@1", "A-002@2", "A-001@1", "A-003@3"]
    # one at a time: every start is followed by its own end before the next start
    assert all(first.log[i][6:] == first.log[i + 1][4:] for i in range(0, len(first.log), 2))
    assert first.speech.spoken[0] == "Nomor antrean, A, nol nol satu, silakan menuju loket satu"
    first.announcer.close()
    first.db.stop()  # a clean shutdown: the worker writes what is queued
    assert saved(store) == store.last_event_id()

    # while the display is off: two more calls (fresh), then it starts again
    engine.finish(1)
    engine.call_next(1)
    engine.finish(2)
    engine.call_next(2)
    clock.advance(30)
    second = start(cfg, store, clock, tmp_path, short_chime, runs)
    feed(second, store)
    qtbot.waitUntil(lambda: len(ends(second)) == 2, timeout=15_000)
    assert ends(second) == ["A-004@1", "A-005@2"]  # nothing from the first run again
    second.announcer.close()
    second.db.stop()

    # a third start with nothing new: silence
    third = start(cfg, store, clock, tmp_path, short_chime, runs)
    feed(third, store)
    assert not third.announcer.busy and third.log == []


def test_calls_older_than_max_age_are_skipped_after_a_restart(qtbot: QtBot, cfg: Config, store: Store,
                                                              engine: Engine, clock: ManualClock, tmp_path: Path,
                                                              short_chime: Path, runs: list[Run]) -> None:
    issue(engine, 3)
    engine.call_next(1)
    engine.call_next(2)  # both made while the display was off ...
    clock.advance(cfg.voice.max_age_seconds + 60)  # ... long ago
    engine.call_next(3)
    run = start(cfg, store, clock, tmp_path, short_chime, runs)
    skipped: list[str] = []
    run.announcer.skipped.connect(lambda c: skipped.append(c.label))
    feed(run, store)
    qtbot.waitUntil(lambda: len(ends(run)) == 1, timeout=10_000)
    assert ends(run) == ["A-003@3"]
    # start_id already starts after calls too old to say; if it did not, offer() would skip them
    run.announcer.offer(store.events(since_id=0))
    assert skipped == [] and not run.announcer.queue


def test_a_backlog_is_never_dropped(qtbot: QtBot, cfg: Config, store: Store, engine: Engine, clock: ManualClock,
                                    tmp_path: Path, short_chime: Path, runs: list[Run]) -> None:
    issue(engine, 10)
    issue(engine, 10, "paspor")
    run = start(cfg, store, clock, tmp_path, short_chime, runs)
    expected = []
    for i in range(10):
        ctr = (4, 5)[i % 2]
        t = engine.call_next(ctr)
        expected.append(f"{t.label}@{ctr}")
        engine.finish(ctr)
        if i % 3 == 0:  # batches of different sizes, as polls would see them
            feed(run, store)
    feed(run, store)
    qtbot.waitUntil(lambda: len(ends(run)) == 10, timeout=30_000)
    assert ends(run) == expected
    qtbot.waitUntil(lambda: saved(store) == store.last_event_id(), timeout=5_000)


def test_speech_failure_still_rings_the_chime(qtbot: QtBot, cfg: Config, store: Store, engine: Engine,
                                              clock: ManualClock, tmp_path: Path, short_chime: Path,
                                              runs: list[Run]) -> None:
    issue(engine, 1)
    run = start(cfg, store, clock, tmp_path, short_chime, runs, fail=True)
    played: list[Announcement] = []
    run.announcer.started.connect(played.append)
    engine.call_next(1)
    feed(run, store)
    qtbot.waitUntil(lambda: len(ends(run)) == 1, timeout=10_000)
    assert played[0].clip is not None and not played[0].clip.spoken
    assert audio.read_wav(short_chime).seconds == pytest.approx(played[0].clip.seconds, abs=0.01)

