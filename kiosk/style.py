"""The kiosk's look on top of the shared theme: type sizes that scale with the window, state
colours darkened until their text reaches 7:1, and the tile/badge rules."""

from __future__ import annotations

from ui.theme import Theme, darken_to_contrast

DISABLED_BG = "#E3E8ED"  # with MUTED text: 7.4:1 (the shared rule's grey is 5.9:1)


def base_px(width: int, height: int) -> int:
    """The body text size: about 27 px on a 1080 px wide portrait or 1080 px high landscape."""
    return max(14, min(56, round(min(width / 40, height / 42))))


def colors(theme: Theme) -> dict[str, str]:
    return {
        "ok": darken_to_contrast(theme.ok),
        "warn": darken_to_contrast(theme.warn),
        "danger": darken_to_contrast(theme.danger),
        "primary": theme.primary,
    }


def stylesheet(theme: Theme, base: int) -> str:
    c = colors(theme)
    sizes = {"s": 0.8, "m": 1.0, "l": 1.3, "xl": 1.8, "xxl": 2.6, "huge": 4.2, "label": 7.0}
    rules = [theme.stylesheet(base)]
    for name, factor in sizes.items():
        rules.append(f'QLabel[fs="{name}"], QPushButton[fs="{name}"] {{ font-size: {round(base * factor)}px; }}')
    rules.append(f"""
    QPushButton:disabled {{ background: {DISABLED_BG}; color: {theme.muted}; }}
    QFrame#header {{ background: {theme.primary}; }}
    QFrame#header QLabel {{ color: #FFFFFF; }}
    QFrame#header QPushButton {{ background: #FFFFFF; color: {theme.primary}; }}
    QFrame#footer {{ background: {theme.paper}; border-top: 2px solid #D5DCE3; }}
    QFrame[role="tile"] {{ background: {theme.card}; border: 3px solid #C3CCD5;
                           border-radius: {base // 2}px; }}
    QFrame[role="tile"][pressed="true"] {{ background: #E6EEF6; border-color: {theme.primary}; }}
    QFrame[role="tile"][closed="true"] {{ background: #EEF1F4; }}
    QLabel[role="badge"] {{ color: #FFFFFF; border-radius: {base // 3}px; font-weight: bold; }}
    QLabel[bold="true"] {{ font-weight: bold; }}
    QLabel[tone="muted"] {{ color: {theme.muted}; }}
    QLabel[tone="ok"] {{ color: {c['ok']}; font-weight: bold; }}
    QLabel[tone="warn"] {{ color: {c['warn']}; }}
    QLabel[tone="danger"] {{ color: {c['danger']}; font-weight: bold; }}
    QLabel[tone="primary"] {{ color: {theme.primary}; font-weight: bold; }}
    /* pills: no stylesheet padding (QLabel's size hint ignores it); widgets.pill() sets margins */
    QLabel[pill="ok"] {{ background: {c['ok']}; color: #FFFFFF; font-weight: bold;
                         border-radius: {base // 3}px; }}
    QLabel[pill="closed"] {{ background: {c['danger']}; color: #FFFFFF; font-weight: bold;
                             border-radius: {base // 3}px; }}
    QLabel[pill="priority"] {{ background: {theme.accent}; color: {theme.ink}; font-weight: bold;
                               border-radius: {base // 3}px; }}
    QPushButton[role="priority"] {{ background: {theme.accent}; color: {theme.ink};
                                    border: 3px solid {theme.ink}; }}
    QPushButton[role="priority"]:disabled {{ background: {DISABLED_BG}; color: {theme.muted};
                                             border: 3px solid {DISABLED_BG}; }}
    QFrame[role="fault"] {{ background: #FDE7E9; border: 3px solid {c['danger']};
                            border-radius: {base // 2}px; }}
    QFrame[role="fault"] QLabel {{ color: {theme.ink}; }}
    QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; border: none; }}
    QScrollBar:vertical {{ width: {round(base * 1.8)}px; background: #E3E8ED; border-radius: 8px;
                           margin: 0 0 0 8px; }}
    QScrollBar::handle:vertical {{ background: {theme.primary}; border-radius: 8px;
                                   min-height: {base * 4}px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
    QProgressBar {{ border: 2px solid {theme.primary}; border-radius: 8px; background: {theme.card};
                    min-height: {base}px; max-height: {base}px; }}
    QProgressBar::chunk {{ background: {theme.primary}; }}
    """)
    return "\n".join(rules)
