"""A calm, high-contrast theme shared by every window: colours from the site's config, large
type, text contrast of at least 7:1 (WCAG AAA) against its background."""

from __future__ import annotations

from dataclasses import dataclass

from core.config import Config

INK = "#0E1A24"  # text on light backgrounds
PAPER = "#F7F9FB"  # window background
CARD = "#FFFFFF"
MUTED = "#3C4A57"  # secondary text; 8.9:1 on PAPER
OK = "#0A5F29"  # 7.4:1 on PAPER
WARN = "#6B4100"  # on the warning banner's cream too
DANGER = "#8E0F18"
FONT_FAMILY = "DejaVu Sans"


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """White or ink, whichever reads better on this background."""
    return "#FFFFFF" if contrast("#FFFFFF", background) >= contrast(INK, background) else INK


def darken_to_contrast(color: str, against: str = "#FFFFFF", target: float = 7.0) -> str:
    """The site's colour, darkened until white text on it reaches the target contrast."""
    h = color.lstrip("#")
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    for _ in range(100):
        hexed = "#" + "".join(f"{c:02X}" for c in rgb)
        if contrast(hexed, against) >= target:
            return hexed
        rgb = [max(0, int(c * 0.93)) for c in rgb]
    return "#000000"


@dataclass(frozen=True)
class Theme:
    primary: str  # header bars, primary buttons (white text on it, >= 7:1)
    accent: str  # highlights (ink text on it)
    paper: str = PAPER
    card: str = CARD
    ink: str = INK
    muted: str = MUTED
    ok: str = OK
    warn: str = WARN
    danger: str = DANGER
    font: str = FONT_FAMILY

    @classmethod
    def from_config(cls, cfg: Config) -> Theme:
        return cls(primary=darken_to_contrast(cfg.site.primary_color),
                   accent=cfg.site.accent_color)

    def agency_color(self, color: str) -> str:
        return darken_to_contrast(color)

    def stylesheet(self, base_px: int = 22) -> str:
        """The application stylesheet; sizes scale with base_px (from the window's height)."""
        return f"""
        QWidget {{ background: {self.paper}; color: {self.ink}; font-family: "{self.font}";
                   font-size: {base_px}px; }}
        QLabel {{ background: transparent; }}
        QPushButton {{ background: {self.primary}; color: #FFFFFF; border: none;
                       border-radius: {base_px // 2}px; padding: {base_px // 2}px {base_px}px;
                       font-weight: bold; }}
        QPushButton:disabled {{ background: #C9D1D9; color: #1F2A33; }}
        QPushButton[role="secondary"] {{ background: {self.card}; color: {self.primary};
                       border: 3px solid {self.primary}; }}
        QPushButton[role="danger"] {{ background: {self.danger}; color: #FFFFFF; }}
        QFrame[role="card"] {{ background: {self.card}; border: 2px solid #D5DCE3;
                       border-radius: {base_px // 2}px; }}
        QFrame[role="banner-warn"] {{ background: #FFF4D6; border: 2px solid {self.warn}; }}
        QFrame[role="banner-error"] {{ background: #FDE7E9; border: 2px solid {self.danger}; }}
        QLineEdit, QComboBox, QSpinBox {{ background: #FFFFFF; border: 2px solid {self.muted};
                       border-radius: 6px; padding: 6px; }}
        QTableWidget, QListWidget {{ background: #FFFFFF; gridline-color: #D5DCE3; }}
        QHeaderView::section {{ background: {self.primary}; color: #FFFFFF; padding: 6px;
                       font-weight: bold; border: none; }}
        QToolTip {{ background: {self.ink}; color: #FFFFFF; border: none; padding: 6px; }}
        """
