"""The optional media area: loops the images and videos of a folder (re-read every round, so
staff can add or remove files without a restart). While an announcement plays it goes quiet:
the video pauses (and so is silent) and the slideshow holds, then both carry on."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QImageReader, QPainter, QPaintEvent, QPixmap
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QStackedLayout, QWidget

from ui.worker import run_in_background

log = logging.getLogger("antre.display.media")
IMAGES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"}
VIDEOS = {".mp4", ".m4v", ".webm", ".mkv", ".avi", ".mov"}


def media_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGES | VIDEOS and p.is_file())
    except OSError:
        return []


def load_image(path: Path, fit: QSize) -> QImage:
    """Decode an image already scaled to fit. Runs on a worker thread (a QImage, unlike a QPixmap,
    may be made there): a large photo from a share must not stall the board's 50 ms poll."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and fit.width() > 0 and fit.height() > 0 and (
            size.width() > fit.width() or size.height() > fit.height()):  # only ever down
        reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise OSError(reader.errorString() or "not a readable image")
    return image


class _Picture(QWidget):
    """An image scaled to fit, centred, on the area's background. Scaled once per size, not on
    every paint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = QPixmap()
        self._scaled = QPixmap()

    def set_image(self, image: QImage) -> None:
        self.pixmap = QPixmap.fromImage(image)
        self._scaled = QPixmap()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.pixmap.isNull():
            return
        target = self.pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if self._scaled.size() != target:
            self._scaled = self.pixmap.scaled(target, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation)
        p = QPainter(self)
        p.drawPixmap((self.width() - target.width()) // 2, (self.height() - target.height()) // 2, self._scaled)
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
            fit = self.size()
            run_in_background(lambda: load_image(path, fit), lambda image: self._loaded(path, image),
                              lambda e: self._load_failed(path, e), alive=lambda: self.current == path)
            return True
        self.stack.setCurrentWidget(self.video)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.play()
        return True

    def _loaded(self, path: Path, image: QImage) -> None:
        self.player.stop()
        self.picture.set_image(image)
        self.stack.setCurrentWidget(self.picture)
        if self.quiet:  # an announcement started meanwhile: the image waits its turn too
            self._held_ms = int(self.image_seconds * 1000)
        else:
            self.timer.start(int(self.image_seconds * 1000))

    def _load_failed(self, path: Path, error: Exception) -> None:
        self._fail(path, str(error))
        QTimer.singleShot(1000, self.next)  # a second's pause: a folder of broken files must not spin

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
        self.current = None  # an image still loading is dropped when it arrives
        self.timer.stop()
        self.player.stop()
