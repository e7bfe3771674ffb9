"""The hall display's look: a dark, high-contrast TV palette from the site's colours, and the
drawing helpers every panel uses (text that shrinks to fit its box, rounded cards). Sizes are
given at 1080 lines and scaled by the window's height, so 720p and 4K look the same."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from core.config import Config
from ui.theme import FONT_FAMILY, Theme, contrast, darken_to_contrast

BG = "#0B1620"  # the hall TV: dark, no glare, white text at 17:1
CARD = "#15283A"
CARD_EDGE = "#24425E"
TEXT = "#FFFFFF"
SOFT = "#C5D3E0"  # secondary text on CARD: 10:1
DIM = "#8FA3B5"  # closed counters: still 5:1 on CARD


@dataclass(frozen=True)
class Look:
    primary: str  # header, now-calling panel (white text >= 7:1)
    accent: str  # highlight of what changed
    on_accent: str  # text on the accent
    font: str = FONT_FAMILY

    @classmethod
    def from_config(cls, cfg: Config) -> Look:
        theme = Theme.from_config(cfg)
        accent = theme.accent
        on_accent = "#0B1620" if contrast("#0B1620", accent) >= contrast("#FFFFFF", accent) else "#FFFFFF"
        return cls(theme.primary, accent, on_accent)

    def agency(self, color: str) -> str:
        return darken_to_contrast(color, target=4.5)


def font(px: float, bold: bool = False, family: str = FONT_FAMILY) -> QFont:
    f = QFont(family)
    f.setPixelSize(max(6, int(px)))
    f.setBold(bold)
    return f


def fit_px(text: str, max_px: float, width: float, bold: bool = False) -> int:
    """The largest pixel size up to max_px at which text fits in width."""
    px = max(6, int(max_px))
    if not text or width <= 0:
        return px
    adv = QFontMetricsF(font(px, bold)).horizontalAdvance(text)
    if adv <= width:
        return px
    return max(6, int(px * width / adv))


def draw_text(p: QPainter, rect: QRectF, text: str, max_px: float, color: str, bold: bool = False,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> int:
    """Draw text in rect, shrunk to fit its width; returns the pixel size used."""
    px = fit_px(text, max_px, rect.width(), bold)
    p.setFont(font(px, bold))
    p.setPen(QColor(color))
    p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)
    return px


def card(p: QPainter, rect: QRectF, fill: str, radius: float, edge: str | None = None, edge_px: float = 0) -> None:
    p.setPen(Qt.PenStyle.NoPen if not edge else QColor(edge))
    if edge:
        pen = p.pen()
        pen.setWidthF(edge_px)
        p.setPen(pen)
    p.setBrush(QColor(fill))
    p.drawRoundedRect(rect, radius, radius)
