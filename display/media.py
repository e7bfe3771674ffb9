"""The optional media area: loops the images and videos of a folder (re-read every round, so
staff can add or remove files without a restart). While an announcement plays it goes quiet:
the video pauses (and so is silent) and the slideshow holds, then both carry on."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer, QUrl
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QStackedLayout, QWidget

log = logging.getLogger("antre.display.media")
IMAGES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"}
VIDEOS = {".mp4", ".m4v", ".webm", ".mkv", ".avi", ".mov"}


def media_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGES | VIDEOS and p.is_file())
    except OSError:
        return []


class _Picture(QWidget):
    """An image scaled to fit, centred, on the area's background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = QPixmap()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.pixmap.isNull():
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        size = self.pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x, y = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
        p.drawPixmap(QRectF(x, y, size.width(), size.height()), self.pixmap, QRectF(self.pixmap.rect()))
        p.end()


class MediaArea(QWidget):
    def __init__(self, folder: Path, image_seconds: float = 8.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.image_seconds = image_seconds
        self.quiet = False
        self.current: Path | None = None
        self._files: list[Path] = []
        self._index = -1
        self._failed: set[Path] = set()
        self._held_ms = -1  # time left on the image when the slideshow was held
        self.picture = _Picture(self)
        self.video = QVideoWidget(self)
        self.video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.picture)
        self.stack.addWidget(self.video)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.next)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def start(self) -> None:
        self.next()

    def next(self) -> None:
        """Show the next file; images stay image_seconds, videos play to their end."""
        if self.quiet:
            return
        if self._index + 1 >= len(self._files):
            self._files, self._index = media_files(self.folder), -1
            if not self._files:
                self.current = None
                self.timer.start(30_000)  # look again later: files may be copied in
                return
        for _ in range(len(self._files)):
            self._index += 1
            if self._index >= len(self._files):
                self._index = 0
            path = self._files[self._index]
            if self._show(path):
                return
        self.current = None
        self.timer.start(30_000)  # every file failed: logged once each; try again later

    def _show(self, path: Path) -> bool:
        self.current = path
        if path.suffix.lower() in IMAGES:
            pix = QPixmap(str(path))
            if pix.isNull():
                self._fail(path, "not a readable image")
                return False
            self.player.stop()
            self.picture.pixmap = pix
            self.stack.setCurrentWidget(self.picture)
            self.picture.update()
            self.timer.start(int(self.image_seconds * 1000))
            return True
        self.stack.setCurrentWidget(self.video)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.play()
        return True

    def _fail(self, path: Path, why: str) -> None:
        if path not in self._failed:
            self._failed.add(path)
            log.warning("media file skipped: %s (%s)", path, why)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            QTimer.singleShot(0, self.next)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self.current is not None:
            self._fail(self.current, "not a playable video")
            QTimer.singleShot(0, self.next)

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if self.current is not None and error != QMediaPlayer.Error.NoError:
            self._fail(self.current, text)
            QTimer.singleShot(500, self.next)

    def set_quiet(self, quiet: bool) -> None:
        """True while an announcement plays: the video pauses, the slideshow holds."""
        if quiet == self.quiet:
            return
        self.quiet = quiet
        self.audio.setMuted(quiet)
        if quiet:
            self._held_ms = self.timer.remainingTime() if self.timer.isActive() else -1
            self.timer.stop()
            if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
                self.player.pause()
            return
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PausedState:
            self.player.play()
        elif self._held_ms >= 0:
            self.timer.start(max(1000, self._held_ms))
        else:
            self.next()

    @property
    def playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def stop(self) -> None:
        self.timer.stop()
        self.player.stop()
