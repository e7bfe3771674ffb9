"""Hall display latency: a call committed by ANOTHER process -> (1) the counter tile painted with
it, (2) the announcement audio playing (QMediaPlayer in PlayingState). Median and p95.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_display.py [--calls 100] [--uncached 30]

The committing process is a real engine on the same SQLite file; it reports time.monotonic()
just after each commit (CLOCK_MONOTONIC is system-wide, so both processes share it). The display
is the real window, change watcher, database worker, announcer, espeak-ng speech and
QMediaPlayer. Each announcement is stopped as soon as its audio starts, so the next call
measures a free voice. "Cached" calls have their sentence rendered beforehand (the target: the
audio p95 under 400 ms after the first time); "uncached" ones render on the spot."""

from __future__ import annotations

import argparse
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtMultimedia import QMediaPlayer  # noqa: E402

from core.announce import sentence  # noqa: E402
from core.clock import OffsetClock  # noqa: E402
from core.config import load_config  # noqa: E402
from core.engine import Engine  # noqa: E402
from core.store import Store  # noqa: E402
from display.hall import Hall  # noqa: E402
from display.speech import VoiceSpeech  # noqa: E402
from display.window import DisplayWindow  # noqa: E402
from tests.conftest import local  # noqa: E402
from ui.app import ensure_app  # noqa: E402

START = "2026-11-23T09:00"
CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from core.clock import OffsetClock, parse_local
    from core.config import load_config
    from core.engine import Engine
    from core.store import Store
    cfg = load_config({config!r})
    engine = Engine(cfg, Store({db!r}), OffsetClock(parse_local({start!r}, cfg.tz)), actor="bench")
    for line in sys.stdin:
        counter = int(line)
        if engine.store.at_counter(counter) is not None:
            engine.finish(counter)
        t = engine.call_next(counter)  # committed when it returns
        print(t.label, time.monotonic(), flush=True)
""")


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


class Bench(QObject):
    def __init__(self, calls: list[int], hall: Hall, window: DisplayWindow, child: subprocess.Popen[str]) -> None:
        super().__init__()
        self.calls, self.hall, self.window, self.child = calls, hall, window, child
        self.painted: dict[tuple[int, str], float] = {}
        self.audio: dict[str, float] = {}
        self.commits: list[tuple[int, str, float]] = []
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        window.tiles.installEventFilter(self)
        assert hall.announcer is not None
        self.announcer = hall.announcer
        self.announcer.player.playbackStateChanged.connect(self._on_state)
        self.i = 0
        self.pending: tuple[int, str, float] | None = None
        self.done = False
        self.rss10 = 0
        self.poll = QTimer(self)
        self.poll.setInterval(2)
        self.poll.timeout.connect(self._check)

    def _read(self) -> None:
        assert self.child.stdout is not None
        for line in self.child.stdout:
            self.lines.put(line)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            now = time.monotonic()
            for t in self.window.tiles.tiles:
                if t.ticket:
                    self.painted.setdefault((t.counter, t.ticket), now)
        return False

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = self.announcer.playing
        if state == QMediaPlayer.PlaybackState.PlayingState and playing is not None:
            self.audio.setdefault(playing.call.label, time.monotonic())
            QTimer.singleShot(0, self.announcer.stop_current)

    def start(self) -> None:
        self.poll.start()
        self._send()

    def _send(self) -> None:
        if self.i >= len(self.calls):
            self.done = True
            ensure_app().quit()
            return
        assert self.child.stdin is not None
        self.child.stdin.write(f"{self.calls[self.i]}\n")
        self.child.stdin.flush()
        self.i += 1

    def _check(self) -> None:
        if self.pending is None:
            try:
                label, t = self.lines.get_nowait().split()
            except queue.Empty:
                return
            self.pending = (self.calls[self.i - 1], label, float(t))
        counter, label, _t = self.pending
        if (counter, label) in self.painted and label in self.audio:
            self.commits.append(self.pending)
            self.pending = None
            if len(self.commits) == 10:  # after the warm-up (players, decoders, caches)
                self.rss10 = psutil.Process().memory_info().rss
            QTimer.singleShot(random.randint(20, 80), self._send)  # any phase of the poll timer


def run(n: int, label_offset: int, cached: bool, tmp: Path,
        service: str = "ktp") -> tuple[list[float], list[float], float]:
    cfg = load_config(ROOT / "config.toml")
    db = tmp / f"bench-{label_offset}.db"
    clock = OffsetClock(local("2026-11-23 09:00"))
    store = Store(db)
    engine = Engine(cfg, store, clock, actor="bench")
    counters = [1 + i % 3 for i in range(n)]
    prefix = engine.service(service).prefix
    for _ in range(n):
        engine.issue(service)
    speech = VoiceSpeech(cfg.voice, tmp / f"speech{label_offset}")
    if cached:  # the phrases are said once before: now they are cached on disk
        for i, c in enumerate(counters):
            speech.render(sentence(cfg, f"{prefix}-{i + 1:03d}", c), cfg.voice.language)
    speech.warm_up()
    app = ensure_app()
    window = DisplayWindow(cfg, clock.now)
    window.resize(1920, 1080)
    window.show()
    hall = Hall(cfg, store, clock, window, speech, tmp / "clips", name=f"bench{label_offset}")
    hall.start()
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(root=str(ROOT), config=str(ROOT / "config.toml"),
                                                                 db=str(db), start=START)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    bench = Bench(counters, hall, window, child)
    QTimer.singleShot(1500, bench.start)  # the first snapshot and a warm worker first
    QTimer.singleShot(600_000, app.quit)
    app.exec()
    rss = (psutil.Process().memory_info().rss - bench.rss10) / 1e6
    assert child.stdin is not None
    child.stdin.close()
    child.wait(10)
    hall.stop()
    window.close()
    speech.close()
    store.close()
    show = [(bench.painted[(c, lab)] - t) * 1000 for c, lab, t in bench.commits]
    sound = [(bench.audio[lab] - t) * 1000 for _c, lab, t in bench.commits]
    return show, sound, rss


def report(name: str, values: list[float]) -> None:
    print(f"  {name:<28} n={len(values):3d}  median {statistics.median(values):6.1f} ms  "
          f"p95 {pct(values, 95):6.1f} ms  max {max(values):6.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=100)
    ap.add_argument("--uncached", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        show, sound, rss = run(args.calls, 0, True, tmp)
        print(f"hall display, {args.calls} calls committed by another process (poll {50} ms, 1920x1080 offscreen)")
        report("commit -> tile painted", show)
        report("commit -> audio (cached)", sound)
        print(f"  memory from call 10 to call {args.calls}: {rss:+.1f} MB")
        if args.uncached:
            _show2, sound2, _ = run(args.uncached, 1, False, tmp, "kk")
            report("commit -> audio (uncached)", sound2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
