"""Big-touch widgets shared by the kiosk and the staff windows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

MIN_TOUCH = 120  # px: the smallest touch target on the kiosk


class BigButton(QPushButton):
    def __init__(self, text: str, role: str = "primary", min_height: int = MIN_TOUCH,
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setProperty("role", role)
        self.setMinimumHeight(min_height)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class Banner(QFrame):
    """A one-line message across the top of a window: warnings and errors in plain words."""

    def __init__(self, parent: QWidget | None = None, closable: bool = False) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(16, 8, 16, 8)
        lay.addWidget(self.label, 1)  # the message takes the width, a close button only what it needs
        if closable:
            close = QPushButton("Tutup ✕ / Close")
            close.setProperty("role", "secondary")
            close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            close.clicked.connect(self.clear)
            lay.addWidget(close)
        self.hide()

    def show_message(self, text: str, level: str = "warn") -> None:
        self.setProperty("role", "banner-error" if level == "error" else "banner-warn")
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.show()

    def clear(self) -> None:
        self.label.setText("")
        self.hide()


class PinPad(QWidget):
    """A numeric keypad for the floor-staff PIN (no physical keyboard on a kiosk). Emits
    `entered(pin)`; the digits are masked."""

    entered = Signal(str)
    cancelled = Signal()

    def __init__(self, prompt: str = "Masukkan PIN petugas / Staff PIN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = QLabel(prompt)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMaxLength(12)
        self.field.returnPressed.connect(self._ok)
        self.error = QLabel("")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setStyleSheet("color: #A1121B; font-weight: bold;")
        grid = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Hapus", "0", "OK"]
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            b = BigButton("⌫ Hapus / Del" if key == "Hapus" else key, "secondary" if key == "Hapus" else "primary")
            b.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(b, i // 3, i % 3)
            self.buttons[key] = b
        cancel = BigButton("Batal / Cancel", "secondary")
        cancel.clicked.connect(self._cancel)
        lay = QVBoxLayout(self)
        lay.addWidget(self.prompt)
        lay.addWidget(self.field)
        lay.addWidget(self.error)
        lay.addLayout(grid)
        lay.addWidget(cancel)

    def _press(self, key: str) -> None:
        if key == "Hapus":
            self.field.backspace()
        elif key == "OK":
            self._ok()
        else:
            self.field.insert(key)

    def _ok(self) -> None:
        pin = self.field.text()
        self.field.clear()
        self.entered.emit(pin)

    def _cancel(self) -> None:
        self.field.clear()
        self.error.setText("")
        self.cancelled.emit()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
