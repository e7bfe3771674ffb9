"""The hall window with real parts: a real store, a call committed by another process (the CLI),
the change watcher, the database worker, offscreen Qt widgets. Assertions are on what the panels
show (the data they paint) and on rendered images."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from core.announce import sentence
from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.store import Store
from display.hall import Hall
from display.speech import RecordingSpeech
from display.window import DisplayWindow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def halls() -> Iterator[list[Hall]]:
    made: list[Hall] = []
    yield made
    for h in made:
        h.stop()


def open_hall(qtbot: QtBot, cfg: Config, store: Store, clock: ManualClock, tmp_path: Path, halls: list[Hall],
              speech: RecordingSpeech | None = None, media: Path | None = None,
              size: tuple[int, int] = (1280, 720)) -> tuple[Hall, DisplayWindow]:
    window = DisplayWindow(cfg, clock.now, media)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    hall = Hall(cfg, store, clock, window, speech, tmp_path / "clips", name="test")
    halls.append(hall)
    hall.start()
    qtbot.waitUntil(lambda: hall.board.day != "", timeout=5_000)  # the first snapshot is in
    return hall, window


def cli(store: Store, *args: str) -> None:
    subprocess.run([sys.executable, "main.py", "--db", str(store.path), "--now", "2026-11-23T09:00", *args],
                   cwd=ROOT, check=True, capture_output=True, timeout=60)


def test_a_call_from_another_process_shows_and_is_spoken(qtbot: QtBot, cfg: Config, store: Store,
                                                         engine: Engine, clock: ManualClock, tmp_path: Path,
                                                         halls: list[Hall]) -> None:
    engine.issue("ktp")
    engine.issue("kk")
    speech = RecordingSpeech(tmp_path / "speech", seconds=0.1)
    hall, window = open_hall(qtbot, cfg, store, clock, tmp_path, halls, speech)
    assert window.tiles.text_of(1) == "Tutup" and window.now_panel.shown is None
    assert window.waiting.texts()[:2] == ["A 1", "B 1"]

    cli(store, "call", "1")
    qtbot.waitUntil(lambda: window.tiles.text_of(1) == "A-001", timeout=5_000)
    assert window.now_panel.texts() == ["A-001", "LOKET 1", "KTP-el (rekam & cetak)"]
    assert window.recent.texts() == ["A-001 → Loket 1"]
    assert next(t for t in window.tiles.tiles if t.counter == 1).lit(hall.board.latest_until - 0.01)
    qtbot.waitUntil(lambda: speech.spoken == [sentence(cfg, "A-001", 1)], timeout=5_000)
    qtbot.waitUntil(lambda: window.waiting.texts()[0] == "A 0", timeout=5_000)  # the snapshot followed

    cli(store, "call", "2")
    qtbot.waitUntil(lambda: window.tiles.text_of(2) == "B-001", timeout=5_000)
    assert window.recent.texts() == ["B-001 → Loket 2", "A-001 → Loket 1"]
    cli(store, "done", "1")
    qtbot.waitUntil(lambda: window.tiles.text_of(1) == "—", timeout=5_000)  # open, nobody there


def test_the_highlight_goes_off_after_its_time(qtbot: QtBot, cfg: Config, store: Store, engine: Engine,
                                              clock: ManualClock, tmp_path: Path, halls: list[Hall]) -> None:
    quick = replace(cfg, display=replace(cfg.display, highlight_seconds=0.4))
    engine.issue("ktp")
    hall, window = open_hall(qtbot, quick, store, clock, tmp_path, halls)
    engine.call_next(3)
    qtbot.waitUntil(lambda: window.now_panel.lit and window.recent.first_lit, timeout=5_000)
    qtbot.waitUntil(lambda: not window.now_panel.lit and not hall.blink.isActive(), timeout=5_000)
    assert not window.recent.first_lit and window.now_panel.texts()[0] == "A-001"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
def test_layout_at_tv_sizes(qtbot: QtBot, cfg: Config, store: Store, engine: Engine, clock: ManualClock,
                            tmp_path: Path, halls: list[Hall], size: tuple[int, int]) -> None:
    for code in ("ktp", "ktp", "paspor", "jkn", "skck"):
        engine.issue(code)
    engine.call_next(1)
    engine.call_next(4)
    engine.call_next(13)
    _hall, window = open_hall(qtbot, cfg, store, clock, tmp_path, halls, size=size)
    qtbot.waitUntil(lambda: window.tiles.text_of(13) == "L-001", timeout=5_000)
    w, h = size
    panels = [window.header, window.now_panel, window.recent, window.tiles, window.waiting, window.marquee]
    rects = [QRect(p.mapTo(window, p.rect().topLeft()), p.size()) for p in panels]
    for r in rects:
        assert window.rect().contains(r) and r.width() > 0.2 * w and r.height() > 0
    for i, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[i + 1:]), "panels overlap"
    assert 0.08 * h <= window.header.height() <= 0.12 * h
    image = window.grab().toImage()
    assert (image.width(), image.height()) == size
    # the "now calling" label, read from 15 m on a 55-inch TV, must be at least 14% of the height
    assert window.now_panel.label_px >= 0.14 * h
    colours = {image.pixel(x, y) for x in range(0, w, w // 64) for y in range(0, h, h // 36)}
    assert len(colours) > 8  # drawn, not a blank window


def make_video(path: Path, seconds: float = 6.0) -> Path:
    """A small real MPEG-4 video, made with Qt's own recorder (no ffmpeg binary needed)."""
    from PySide6.QtCore import QEventLoop, QSize, QTimer, QUrl
    from PySide6.QtGui import QColor
    from PySide6.QtMultimedia import (
        QMediaCaptureSession,
        QMediaFormat,
        QMediaRecorder,
        QVideoFrame,
        QVideoFrameInput,
    )

    session, frames, recorder = QMediaCaptureSession(), QVideoFrameInput(), QMediaRecorder()
    session.setVideoFrameInput(frames)
    session.setRecorder(recorder)
    recorder.setMediaFormat(QMediaFormat(QMediaFormat.FileFormat.MPEG4))
    recorder.setVideoResolution(QSize(160, 90))
    recorder.setVideoFrameRate(10)
    recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
    total, sent = int(seconds * 10), [0]
    loop = QEventLoop()

    def push() -> None:
        while sent[0] < total:
            img = QImage(160, 90, QImage.Format.Format_RGB32)
            img.fill(QColor(40 + sent[0] * 3 % 200, 90, 160))
            frame = QVideoFrame(img)
            frame.setStartTime(sent[0] * 100_000)
            frame.setEndTime((sent[0] + 1) * 100_000)
            if not frames.sendVideoFrame(frame):
                return
            sent[0] += 1
        recorder.stop()

    frames.readyToSendVideoFrame.connect(push)
    recorder.recorderStateChanged.connect(
        lambda s: loop.quit() if s == QMediaRecorder.RecorderState.StoppedState else None)
    recorder.record()
    QTimer.singleShot(0, push)
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    if not path.exists() or path.stat().st_size < 1000:
        pytest.skip("this Qt build cannot encode a test video")
    return path


def test_media_pauses_while_the_voice_speaks(qtbot: QtBot, cfg: Config, store: Store, engine: Engine,
                                            clock: ManualClock, tmp_path: Path, halls: list[Hall]) -> None:
    media = tmp_path / "media"
    media.mkdir()
    make_video(media / "a-welcome.mp4")
    speech = RecordingSpeech(tmp_path / "speech", seconds=1.0)
    engine.issue("ktp")
    hall, window = open_hall(qtbot, cfg, store, clock, tmp_path, halls, speech, media)
    area = window.media
    assert area is not None and hall.announcer is not None
    qtbot.waitUntil(lambda: area.playing, timeout=10_000)
    engine.call_next(1)
    qtbot.waitUntil(lambda: hall.announcer is not None and hall.announcer.playing is not None, timeout=5_000)
    assert not area.playing and area.audio.isMuted() and area.quiet
    qtbot.waitUntil(lambda: hall.announcer is not None and not hall.announcer.busy, timeout=10_000)
    qtbot.waitUntil(lambda: area.playing, timeout=5_000)
    assert not area.audio.isMuted()


def test_voice_off_builds_no_announcer_and_the_board_still_updates(qtbot: QtBot, cfg: Config, store: Store,
                                                                   engine: Engine, clock: ManualClock,
                                                                   tmp_path: Path, halls: list[Hall]) -> None:
    off = replace(cfg, voice=replace(cfg.voice, enabled=False))
    speech = RecordingSpeech(tmp_path / "speech")
    engine.issue("paspor")
    hall, window = open_hall(qtbot, off, store, clock, tmp_path, halls, speech)
    engine.call_next(5)
    qtbot.waitUntil(lambda: window.now_panel.texts()[:2] == ["D-001", "LOKET 5"], timeout=5_000)
    assert hall.announcer is None and speech.spoken == []


def test_screenshot_command_renders_the_current_queue(store: Store, engine: Engine, tmp_path: Path) -> None:
    engine.issue("ktp")
    engine.call_next(2)
    store.close()
    cli(store, "screenshot", "display", "--out", str(tmp_path / "shots"), "--size", "1280x720")
    image = QImage(str(tmp_path / "shots" / "display-1280x720.png"))
    assert (image.width(), image.height()) == (1280, 720)
