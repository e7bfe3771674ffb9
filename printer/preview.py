"""Layout -> a picture of the paper (Pillow): one pixel per printer dot (8 dots/mm), font-A
cells of 12x24 dots scaled by each line's multipliers, the QR with the printer's module size.
The kiosk shows it when the printer fails, the README shows it, tests measure it."""

from __future__ import annotations

import io
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from printer.images import logo_bitmap
from printer.layout import DOT_HEIGHT, DOT_WIDTH, LINE_DOTS, QR, Feed, Layout, Logo, Text

log = logging.getLogger("antre.printer")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DOTS_PER_MM = 8  # 203 dpi, what most ticket printers have
PAD_TOP = 32
PAD_BOTTOM = 48
BASE_FONT = 20  # DejaVu Sans Mono at 20 px: 12 px advance, ascent + descent = 24 px: one font-A cell
INK = 0
PAPER = 255

FontT = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=32)
def _font(bold: bool, size: int) -> FontT:
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        log.warning("font %s missing (apt: fonts-dejavu-core); the preview uses Pillow's own", name)
        return ImageFont.load_default(size)


@lru_cache(maxsize=8)
def _qr_modules(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The same symbol the printer draws: error correction M, the smallest version that fits."""
    q = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    q.add_data(payload)
    q.make(fit=True)
    return tuple(tuple(row) for row in q.get_matrix())


def _height(block: object, layout: Layout) -> int:
    if isinstance(block, Text):
        return max(LINE_DOTS, DOT_HEIGHT * block.height)
    if isinstance(block, Feed):
        return LINE_DOTS * block.lines
    if isinstance(block, QR):
        return len(_qr_modules(block.payload)) * block.size + LINE_DOTS
    if isinstance(block, Logo):
        img = logo_bitmap(block.path, layout.dots, block.max_height)
        return img.height if img is not None else 0
    return 0


def _text_strip(t: Text) -> Image.Image:
    """One line drawn at the height multiplier, then stretched to the width multiplier, as the
    printer scales its bitmap font."""
    font = _font(t.bold, BASE_FONT * t.height)
    cell_h = DOT_HEIGHT * t.height
    drawn = max(1, round(font.getlength(t.text)))  # a hair wider than n cells: 12.04 px advance
    strip = Image.new("L", (drawn, cell_h), INK if t.invert else PAPER)
    ImageDraw.Draw(strip).text((0, 0), t.text, font=font, fill=PAPER if t.invert else INK)
    return strip.resize((max(1, len(t.text) * DOT_WIDTH * t.width), cell_h), Image.Resampling.LANCZOS)


def bands(layout: Layout) -> list[tuple[int, int]]:
    """(top, bottom) pixel rows of each block in the preview, in layout order."""
    out, y = [], PAD_TOP
    for block in layout.blocks:
        h = _height(block, layout)
        out.append((y, y + h))
        y += h
    return out


def render_image(layout: Layout) -> Image.Image:
    """The ticket as a greyscale image, paper-wide."""
    paper = max(layout.dots, layout.paper_mm * DOTS_PER_MM)
    margin = (paper - layout.dots) // 2
    rows = bands(layout)
    height = (rows[-1][1] if rows else PAD_TOP) + PAD_BOTTOM
    img = Image.new("L", (paper, height), PAPER)
    for block, (y, _bottom) in zip(layout.blocks, rows, strict=True):
        if isinstance(block, Text) and block.text:
            strip = _text_strip(block)
            free = layout.dots - strip.width
            x = {"left": 0, "center": free // 2, "right": free}[block.align]
            img.paste(strip, (margin + max(0, x), y))
        elif isinstance(block, QR):
            modules = _qr_modules(block.payload)
            side = len(modules) * block.size
            x0 = margin + (layout.dots - side) // 2
            draw = ImageDraw.Draw(img)
            for r, row in enumerate(modules):
                for c, dark in enumerate(row):
                    if dark:
                        draw.rectangle((x0 + c * block.size, y + r * block.size,
                                        x0 + (c + 1) * block.size - 1, y + (r + 1) * block.size - 1), fill=INK)
        elif isinstance(block, Logo):
            bitmap = logo_bitmap(block.path, layout.dots, block.max_height)
            if bitmap is not None:
                img.paste(bitmap.convert("L"), (margin, y))
    ImageDraw.Draw(img).rectangle((0, 0, paper - 1, height - 1), outline=200)  # the paper's edge on screen
    return img


def preview_png(layout: Layout) -> bytes:
    buf = io.BytesIO()
    render_image(layout).save(buf, "PNG", optimize=False)
    return buf.getvalue()


def save_preview(layout: Layout, path: Path) -> Path:
    """Write the PNG atomically: a kiosk reading it never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".preview-", suffix=".png", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(preview_png(layout))
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the kiosk may run as another user
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
