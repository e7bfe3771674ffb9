"""The media area decodes images off the UI thread, already scaled to fit, skips broken files
(once logged) and holds the slideshow while the voice speaks."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from display.media import MediaArea


def photo(path: Path, w: int, h: int, color: str) -> None:
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))


def test_large_photos_arrive_scaled_and_broken_files_are_skipped(qtbot: QtBot, tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    photo(tmp_path / "a-big.jpg", 4000, 3000, "#0B4F8A")
    (tmp_path / "b-broken.png").write_bytes(b"not a png at all")
    photo(tmp_path / "c-small.png", 200, 100, "#F2A900")
    area = MediaArea(tmp_path, image_seconds=0.2)
    qtbot.addWidget(area)
    area.resize(800, 450)
    area.show()
    caplog.set_level(logging.WARNING, logger="antre.display.media")
    area.start()
    qtbot.waitUntil(lambda: not area.picture.pixmap.isNull(), timeout=5000)
    first = area.picture.pixmap.size()
    assert (first.width(), first.height()) == (600, 450)  # decoded at the area's size, not 4000x3000
    qtbot.waitUntil(lambda: area.picture.pixmap.width() == 200, timeout=10_000)  # past the broken one
    assert any("b-broken.png" in r.getMessage() for r in caplog.records)
    area.stop()


def test_the_slideshow_holds_while_quiet(qtbot: QtBot, tmp_path: Path) -> None:
    photo(tmp_path / "a.png", 320, 180, "#0B4F8A")
    photo(tmp_path / "b.png", 160, 90, "#F2A900")
    area = MediaArea(tmp_path, image_seconds=0.3)
    qtbot.addWidget(area)
    area.resize(320, 180)
    area.show()
    area.start()
    qtbot.waitUntil(lambda: area.current is not None and area.current.name == "a.png"
                    and not area.picture.pixmap.isNull(), timeout=5000)
    area.set_quiet(True)
    assert not area.timer.isActive()  # held: a.png stays while the voice speaks
    area.set_quiet(False)
    qtbot.waitUntil(lambda: area.current is not None and area.current.name == "b.png", timeout=5000)
    area.stop()
