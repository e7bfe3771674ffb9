"""`python main.py counter` with no id: the clerk picks the counter from big buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from core.config import Config
from ui.widgets import BigButton


class CounterPicker(QWidget):
    picked = Signal(int)

    def __init__(self, cfg: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Pilih loket Anda / Choose your counter")
        title.setStyleSheet("font-size: 30px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.buttons: dict[int, BigButton] = {}
        for i, c in enumerate(cfg.counters):
            svcs = [s for code in c.services if (s := cfg.service(code)) is not None]
            names = ", ".join(s.name for s in svcs)
            short = " · ".join(f"{s.prefix} {s.code.upper()}" for s in svcs)
            b = BigButton(f"{c.label}\n{short}", "secondary", min_height=110)  # full names on hover
            b.setToolTip(names)
            b.clicked.connect(lambda _=False, cid=c.id: self.picked.emit(cid))
            grid.addWidget(b, i // 3, i % 3)
            self.buttons[c.id] = b
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 24, 24, 24)
        lay.addWidget(title)
        lay.addWidget(scroll, 1)
