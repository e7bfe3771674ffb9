"""Choosers of the counter console. Opened with open(), never exec(): the console keeps
refreshing behind them, and tests drive them like a clerk would."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.widgets import BigButton


class TransferDialog(QDialog):
    """One big button per service; this counter's services come first. Emits chosen(code)."""

    chosen = Signal(str)

    def __init__(self, label: str, targets: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Alihkan tiket / Transfer ticket")
        self.setModal(True)
        title = QLabel(f"Alihkan <b>{label}</b> ke layanan: / Transfer <b>{label}</b> to:")
        title.setWordWrap(True)
        note = QLabel("Nomor tiket tetap dan tempatnya di antrean dijaga. / "
                      "The ticket keeps its number and its place in line.")
        note.setWordWrap(True)
        grid = QGridLayout()
        self.buttons: dict[str, BigButton] = {}
        for i, (code, name) in enumerate(targets):
            b = BigButton(name.replace("&", "&&"), "secondary", min_height=64)  # '&' is not a mnemonic
            b.clicked.connect(lambda _=False, c=code: self._pick(c))
            grid.addWidget(b, i // 2, i % 2)
            self.buttons[code] = b
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cancel = BigButton("Batal / Cancel", "secondary", min_height=64)
        cancel.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(note)
        lay.addWidget(scroll, 1)
        lay.addWidget(cancel)
        self.resize(900, 620)

    def _pick(self, code: str) -> None:
        self.accept()
        self.chosen.emit(code)
