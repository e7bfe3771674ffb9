"""The board's panels, each painted from plain data (display.board): the "now calling" panel,
a tile per counter, the last calls and the people waiting. Painting from data (rather than a
forest of labels) keeps a 4K repaint cheap and the layout exact at every size. Each panel keeps
what it shows as attributes (`shown`, `texts()`), which the tests read."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.config import Config
from display.board import Call, Tile, Waiting
from display.look import CARD, CARD_EDGE, DIM, SOFT, TEXT, Look, card, draw_text, fit_px, font

_LEFT = Qt.AlignmentFlag.AlignLeft
_RIGHT = Qt.AlignmentFlag.AlignRight


class Panel(QWidget):
    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.u = 1.0  # scale: window height / 1080
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_scale(self, u: float) -> None:
        self.u = u
        self.update()

    def painter(self) -> QPainter:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        return p


class NowPanel(Panel):
    """The one call to look at: its label, its counter, its service. Lit in the accent colour
    for a few seconds when it changes."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.shown: Call | None = None
        self.lit = False
        self.label_px = 0  # the label's pixel size at the last paint (readable from 15 m: >= 14% of 1080)

    def show_call(self, call: Call | None, lit: bool) -> None:
        if call != self.shown or lit != self.lit:
            self.shown, self.lit = call, lit
            self.update()

    def texts(self) -> list[str]:
        if self.shown is None:
            return ["Silakan ambil nomor antrean", "Please take a ticket at the kiosk"]
        c = self.shown
        return [c.label, c.counter_name.upper(), c.service_name]

    def paintEvent(self, event: QPaintEvent) -> None:
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        fill = self.look.accent if self.lit else self.look.primary
        ink = self.look.on_accent if self.lit else TEXT
        card(p, QRectF(0, 0, w, h), fill, 18 * u)
        pad = 28 * u
        inner = w - 2 * pad
        caption = "PANGGILAN ULANG · CALLED AGAIN" if self.shown and self.shown.kind == "recalled" \
            else "NOMOR ANTREAN · NOW CALLING"
        draw_text(p, QRectF(pad, 0.03 * h, inner, 0.12 * h), caption, 34 * u, ink, True)
        if self.shown is None:
            draw_text(p, QRectF(pad, 0.30 * h, inner, 0.2 * h), "Selamat datang", 84 * u, ink, True)
            draw_text(p, QRectF(pad, 0.55 * h, inner, 0.12 * h), self.texts()[0], 40 * u, ink)
            draw_text(p, QRectF(pad, 0.68 * h, inner, 0.1 * h), self.texts()[1], 30 * u, ink)
            p.end()
            return
        label, counter, service = self.texts()
        self.label_px = draw_text(p, QRectF(pad, 0.14 * h, inner, 0.44 * h), label, min(0.40 * h, 230 * u), ink,
                                  True)
        p.setPen(QColor(ink))
        p.drawLine(int(pad * 2), int(0.62 * h), int(w - pad * 2), int(0.62 * h))
        draw_text(p, QRectF(pad, 0.64 * h, inner, 0.2 * h), counter, min(0.17 * h, 96 * u), ink, True)
        draw_text(p, QRectF(pad, 0.85 * h, inner, 0.11 * h), service, 34 * u, ink)
        p.end()


def grid(n: int, w: float, h: float, chars: int = 5) -> tuple[int, int, float]:
    """Columns and rows for n tiles in w x h that make the ticket label largest."""
    best = (1, n, 0.0)
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        tw, th = w / cols, h / rows
        px = min(th * 0.46, tw * 0.86 / (0.64 * chars))
        if px > best[2]:
            best = (cols, rows, px)
    return best


class TilesPanel(Panel):
    """A tile per counter: its name on top, its current ticket below."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.tiles: list[Tile] = []

    def show_tiles(self, tiles: list[Tile]) -> None:
        self.tiles = tiles
        self.update()

    def text_of(self, counter: int) -> str:
        t = next((t for t in self.tiles if t.counter == counter), None)
        if t is None:
            return ""
        return t.ticket or {"paused": "Istirahat", "closed": "Tutup"}.get(t.state, "—")

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.tiles:
            return
        u, gap = self.u, 14 * self.u
        cols, rows, px = grid(len(self.tiles), self.width() + gap, self.height() + gap)
        tw, th = (self.width() + gap) / cols - gap, (self.height() + gap) / rows - gap
        p = self.painter()
        now = time.monotonic()
        last_row = (len(self.tiles) - 1) // cols
        short = cols * (last_row + 1) - len(self.tiles)  # empty places in the last row: centre it
        for i, t in enumerate(self.tiles):
            row = i // cols
            x = (i % cols) * (tw + gap) + (short * (tw + gap) / 2 if row == last_row else 0)
            y = row * (th + gap)
            lit = t.lit(now)
            card(p, QRectF(x, y, tw, th), self.look.accent if lit else CARD, 12 * u,
                 None if lit else CARD_EDGE, 2 * u)
            head = QRectF(x, y, tw, th * 0.3)
            ink = self.look.on_accent if lit else SOFT
            draw_text(p, head.adjusted(8 * u, 0, -8 * u, 0), t.name.upper(), min(th * 0.2, 30 * u), ink, True)
            body = QRectF(x + 8 * u, y + th * 0.28, tw - 16 * u, th * 0.68)
            if t.ticket:
                draw_text(p, body, t.ticket, min(px, 120 * u), self.look.on_accent if lit else TEXT, True)
            else:
                draw_text(p, body, self.text_of(t.counter), min(px * 0.5, 40 * u), DIM)
        p.end()


class RecentPanel(Panel):
    """The last calls, newest first: label -> counter."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.calls: list[Call] = []
        self.rows = 6
        self.first_lit = False

    def show_calls(self, calls: list[Call], rows: int, first_lit: bool) -> None:
        self.calls, self.rows, self.first_lit = calls, rows, first_lit
        self.update()

    def texts(self) -> list[str]:
        return [f"{c.label} → {c.counter_name}" for c in self.calls]

    def paintEvent(self, event: QPaintEvent) -> None:
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        card(p, QRectF(0, 0, w, h), CARD, 16 * u, CARD_EDGE, 2 * u)
        pad = 22 * u
        head_h = min(64 * u, h * 0.16)
        draw_text(p, QRectF(pad, 0, w - 2 * pad, head_h), "PANGGILAN TERAKHIR · LAST CALLS", 28 * u, SOFT, True, _LEFT)
        row_h = (h - head_h - pad / 2) / max(1, self.rows)
        for i, c in enumerate(self.calls[: self.rows]):
            y = head_h + i * row_h
            lit = i == 0 and self.first_lit
            if lit:
                card(p, QRectF(pad / 2, y + 2 * u, w - pad, row_h - 4 * u), self.look.accent, 10 * u)
            ink = self.look.on_accent if lit else TEXT
            px = min(row_h * 0.62, 58 * u)
            draw_text(p, QRectF(pad, y, w * 0.46 - pad, row_h), c.label, px, ink, True, _LEFT)
            draw_text(p, QRectF(w * 0.46, y, w * 0.54 - pad, row_h), f"→ {c.counter_name}", px * 0.85, ink,
                      False, _RIGHT)
        if not self.calls:
            draw_text(p, QRectF(pad, head_h, w - 2 * pad, row_h), "Belum ada panggilan hari ini", 30 * u, DIM,
                      False, _LEFT)
        p.end()


class WaitingPanel(Panel):
    """People waiting per service: the prefix letter in the agency's colour, the count, the name."""

    def __init__(self, look: Look, cfg: Config, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.items: list[Waiting] = []
        self.colors = {s.prefix: look.agency(a.color) for s in cfg.services
                       if (a := cfg.agency(s.agency)) is not None}

    def show_waiting(self, items: list[Waiting]) -> None:
        self.items = items
        self.update()

    def texts(self) -> list[str]:
        return [f"{w.prefix} {w.waiting}" for w in self.items]

    def paintEvent(self, event: QPaintEvent) -> None:
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        card(p, QRectF(0, 0, w, h), CARD, 16 * u, CARD_EDGE, 2 * u)
        pad = 16 * u
        head_h = min(46 * u, h * 0.26)
        draw_text(p, QRectF(pad, 0, w - 2 * pad, head_h), "MENUNGGU · WAITING", 24 * u, SOFT, True, _LEFT)
        n = len(self.items)
        if not n:
            p.end()
            return
        rows = 1 if n <= 6 else 2 if n <= 14 else 3
        cols = math.ceil(n / rows)
        cw, ch = (w - pad) / cols, (h - head_h - pad / 2) / rows
        for i, it in enumerate(self.items):
            x, y = pad / 2 + (i % cols) * cw, head_h + (i // cols) * ch
            box = min(ch * 0.8, cw * 0.3)
            open_ = it.state == "open"
            card(p, QRectF(x + 4 * u, y + (ch - box) / 2, box, box), self.colors.get(it.prefix, "#334"), 8 * u)
            draw_text(p, QRectF(x + 4 * u, y + (ch - box) / 2, box, box), it.prefix, box * 0.62, TEXT, True)
            tx = x + box + 12 * u
            tw = cw - box - 18 * u
            draw_text(p, QRectF(tx, y + ch * 0.06, tw, ch * 0.5), str(it.waiting) if open_ else "tutup",
                      ch * 0.42, TEXT if open_ else DIM, True, _LEFT)
            name_px = fit_px("M" * 4, ch * 0.24, tw)
            p.setFont(font(name_px))
            p.setPen(QColor(SOFT))
            name = it.name.split(" (")[0]  # "KTP-el (rekam & cetak)" -> "KTP-el": room is short
            elided = p.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, int(tw))
            p.drawText(QRectF(tx, y + ch * 0.55, tw, ch * 0.4), int(_LEFT | Qt.AlignmentFlag.AlignVCenter), elided)
        p.end()
