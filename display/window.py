"""The hall TV window (the view): header with logo, site name, date and a live clock; the "now
calling" panel; a tile per counter; the last calls; people waiting; optional media; a running
text. It shows what it is given (display.hall decides what) and scales everything from its
height, so 1280x720, 1920x1080 and 3840x2160 get the same layout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from core.config import Config
from core.texts import date_id, zone_name
from display.board import Call, Tile, Waiting
from display.look import BG, SOFT, TEXT, Look, card, draw_text, font
from display.media import MediaArea
from display.panels import NowPanel, Panel, RecentPanel, TilesPanel, WaitingPanel

_LEFT = Qt.AlignmentFlag.AlignLeft
_RIGHT = Qt.AlignmentFlag.AlignRight


class Header(Panel):
    def __init__(self, look: Look, cfg: Config, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.cfg = cfg
        self.now = now
        self.zone = zone_name(cfg.site.timezone)
        logo = cfg.resolve(cfg.site.logo) if cfg.site.logo else None
        self.logo = QPixmap(str(logo)) if logo is not None and logo.is_file() else QPixmap()
        self.problem = ""  # a calm one-line notice (database unreachable), or ""
        self.clock_text = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)
        self.tick()

    def tick(self) -> None:
        """Repaint on each second boundary of the site clock: re-armed every time, so the
        clock never drifts however long the display runs."""
        now = self.now().astimezone(self.cfg.tz)
        self.clock_text = now.strftime("%H.%M")
        self.date_text = date_id(now)
        self.update()
        self.timer.start(max(50, 1000 - now.microsecond // 1000 + 5))

    def paintEvent(self, event: QPaintEvent) -> None:
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        p.fillRect(0, 0, w, h, QColor(self.look.primary))
        pad = 24 * u
        side = h - 2 * 14 * u
        box = QRectF(pad, 14 * u, side, side)
        if not self.logo.isNull():
            scaled = self.logo.scaled(int(side), int(side), Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation)
            p.drawPixmap(int(box.x() + (side - scaled.width()) / 2), int(box.y() + (side - scaled.height()) / 2),
                         scaled)
        else:  # no logo file: a badge with the site's initials, never an empty box
            card(p, box, "#FFFFFF", 12 * u)
            draw_text(p, box.adjusted(6 * u, 0, -6 * u, 0), "MPP", side * 0.36, self.look.primary, True)
        x = box.right() + pad
        name_w = w * 0.62 - x
        draw_text(p, QRectF(x, 10 * u, name_w, h * 0.56), self.cfg.site.name, 40 * u, TEXT, True, _LEFT)
        sub = self.problem or self.cfg.site.address
        draw_text(p, QRectF(x, h * 0.56, name_w, h * 0.36), sub, 24 * u, "#FFE08A" if self.problem else SOFT,
                  bool(self.problem), _LEFT)
        right = QRectF(w * 0.62, 6 * u, w * 0.38 - pad, h - 12 * u)
        clock = f"{self.clock_text} {self.zone}".strip()
        draw_text(p, QRectF(right.x(), right.y(), right.width(), right.height() * 0.62), clock, 58 * u, TEXT,
                  True, _RIGHT)
        draw_text(p, QRectF(right.x(), right.y() + right.height() * 0.6, right.width(), right.height() * 0.38),
                  self.date_text, 26 * u, SOFT, False, _RIGHT)
        p.end()


class Marquee(Panel):
    """The running text. Its position comes from elapsed time, not from counting frames, so it
    moves at the same speed on a busy machine and never accumulates anything."""

    def __init__(self, look: Look, text: str, parent: QWidget | None = None) -> None:
        super().__init__(look, parent)
        self.text = "   ·   ".join(t.strip() for t in text.split("\n") if t.strip())
        self.clock = QElapsedTimer()
        self.clock.start()
        self.timer = QTimer(self)
        self.timer.setInterval(33)
        self.timer.timeout.connect(self.update)
        if self.text:
            self.timer.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        p.fillRect(0, 0, w, h, QColor(self.look.primary))
        f = font(min(h * 0.56, 34 * u))
        p.setFont(f)
        p.setPen(QColor(TEXT))
        text_w = p.fontMetrics().horizontalAdvance(self.text)
        speed = 110 * u  # px per second: readable at a glance
        period = text_w + w  # starts at the left edge, leaves, comes back in from the right
        x = 24 * u - (self.clock.elapsed() / 1000 * speed) % period
        if x + text_w < 0:
            x += period
        p.drawText(QRectF(x, 0, text_w + 10, h), int(_LEFT | Qt.AlignmentFlag.AlignVCenter), self.text)
        p.end()


class Overlay(Panel):
    """The calm state for a bug: no traceback, a plain request to call staff."""

    def paintEvent(self, event: QPaintEvent) -> None:
        u, w, h = self.u, self.width(), self.height()
        p = self.painter()
        p.fillRect(0, 0, w, h, QColor(BG))
        draw_text(p, QRectF(w * 0.1, h * 0.32, w * 0.8, h * 0.14), "Mohon maaf, layar antrean sedang terganggu.",
                  64 * u, TEXT, True)
        draw_text(p, QRectF(w * 0.1, h * 0.46, w * 0.8, h * 0.1), "Silakan hubungi petugas.", 52 * u, TEXT)
        draw_text(p, QRectF(w * 0.1, h * 0.6, w * 0.8, h * 0.08),
                  "Sorry, the queue display has a problem. Please ask a staff member.", 32 * u, SOFT)
        p.end()


class DisplayWindow(QWidget):
    def __init__(self, cfg: Config, now: Callable[[], datetime], media_folder: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.look = Look.from_config(cfg)
        self.setWindowTitle(f"Antre — {cfg.site.short_name or cfg.site.name}")
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor(BG))
        self.setPalette(pal)
        self.header = Header(self.look, cfg, now)
        self.now_panel = NowPanel(self.look)
        self.recent = RecentPanel(self.look)
        self.tiles = TilesPanel(self.look)
        self.waiting = WaitingPanel(self.look, cfg)
        self.waiting.setVisible(cfg.display.show_waiting)
        self.media = MediaArea(media_folder, cfg.display.media_image_seconds) if media_folder else None
        self.marquee = Marquee(self.look, cfg.display.marquee)
        self.marquee.setVisible(bool(self.marquee.text))
        self.left = QVBoxLayout()
        self.left.addWidget(self.now_panel, 11)
        self.left.addWidget(self.recent, 8)
        self.right = QVBoxLayout()
        if self.media is not None:
            self.right.addWidget(self.media, 9)
        self.right.addWidget(self.tiles, 10)
        self.right.addWidget(self.waiting, 4 if self.media is None else 3)
        self.body = QHBoxLayout()
        self.body.addLayout(self.left, 42)
        self.body.addLayout(self.right, 58)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.header, 10)
        outer.addLayout(self.body, 84)
        outer.addWidget(self.marquee, 6)
        self.overlay = Overlay(self.look, self)
        self.overlay.hide()
        self.resize(cfg.display.width, cfg.display.height)

    # --- what the presenter calls -----------------------------------------------------------------
    def show_now(self, call: Call | None, lit: bool) -> None:
        self.now_panel.show_call(call, lit)

    def show_tiles(self, tiles: list[Tile]) -> None:
        self.tiles.show_tiles(tiles)

    def show_recent(self, calls: list[Call], first_lit: bool) -> None:
        self.recent.show_calls(calls, self.cfg.display.recent_calls, first_lit)

    def show_waiting(self, items: list[Waiting]) -> None:
        self.waiting.show_waiting(items)

    def set_problem(self, text: str) -> None:
        if text != self.header.problem:
            self.header.problem = text
            self.header.update()

    def show_bug_state(self, on: bool = True) -> None:
        self.overlay.setGeometry(self.rect())
        self.overlay.setVisible(on)
        if on:
            self.overlay.raise_()

    # --- scaling ------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        u = max(0.3, self.height() / 1080)
        m = int(18 * u)
        self.body.setContentsMargins(m, m, m, m)
        self.body.setSpacing(m)
        self.left.setSpacing(m)
        self.right.setSpacing(m)
        for panel in (self.header, self.now_panel, self.recent, self.tiles, self.waiting, self.marquee, self.overlay):
            panel.set_scale(u)
        self.overlay.setGeometry(self.rect())
        super().resizeEvent(event)
