"""Small kiosk-only widgets: a tappable tile, the QR drawn from its module matrix, and the
invisible corner that opens the staff PIN pad after a long press."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget

from ui.widgets import MIN_TOUCH


def text(value: str = "", size: str = "m", tone: str = "", bold: bool = False, wrap: bool = True,
         center: bool = False) -> QLabel:
    """A label with a kiosk type size ("s" ... "label") and an optional tone (muted, ok, ...)."""
    lab = QLabel(value)
    lab.setProperty("fs", size)
    if tone:
        lab.setProperty("tone", tone)
    lab.setWordWrap(wrap)
    if bold:
        lab.setProperty("bold", True)
    if center:
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return lab


def pill(label: QLabel, kind: str, base: int) -> None:
    """A coloured badge around a short text ("Buka", "PRIORITAS"), sized to fit it."""
    label.setProperty("pill", kind)
    label.setContentsMargins(base // 2, 4, base // 2, 4)
    restyle(label)


def restyle(widget: QWidget) -> None:
    """After a dynamic property changes, Qt needs to re-read the stylesheet."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class Tile(QFrame):
    """A large tappable card. A frame, not a QPushButton: a button sizes itself from its own
    text and would clip the labels laid out inside it."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "tile")
        self.setMinimumHeight(MIN_TOUCH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _pressed(self, on: bool) -> None:
        self.setProperty("pressed", on)
        restyle(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed(True)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._pressed(False)
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside and self.isEnabled():
            self.clicked.emit()
        event.accept()


class QrWidget(QWidget):
    """The ticket's QR code, crisp at any size (modules painted as squares, 4-module quiet zone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.payload = ""
        self.matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_payload(self, payload: str) -> None:
        self.payload = payload
        if payload:
            qr = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
            qr.add_data(payload)
            qr.make(fit=True)
            self.matrix = qr.get_matrix()
        else:
            self.matrix = []
        self.update()

    def set_side(self, px: int) -> None:
        self.setFixedSize(px, px)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#FFFFFF"))
        n = len(self.matrix)
        if n:
            cell = min(self.width(), self.height()) / n
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#000000"))
            for y, row in enumerate(self.matrix):
                for x, dark in enumerate(row):
                    if dark:
                        p.drawRect(QRectF(x * cell, y * cell, cell + 0.5, cell + 0.5))
        p.end()


class StaffCorner(QWidget):
    """An invisible square in the bottom-right corner: pressed and held for `hold_seconds`, it
    emits `held`. Nothing a citizen needs is under it."""

    held = Signal()

    def __init__(self, hold_seconds: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(hold_seconds * 1000)))
        self.timer.timeout.connect(self.held.emit)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.timer.stop()  # let go too early: nothing happens
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self.rect().contains(event.position().toPoint()):
            self.timer.stop()
        event.accept()
