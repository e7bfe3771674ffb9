"""The preview image: a PNG the width of the paper, the label drawn at the printer's proportions."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from core.config import Config
from core.model import Ticket
from core.stats import Estimate
from printer.layout import DOT_WIDTH, QR, Layout, Text, ticket_layout
from printer.preview import bands, preview_png, render_image, save_preview
from tests.conftest import local

NOW = local("2026-11-23 09:12")
EST = Estimate("ktp", 4, 24, 3, 8.0, "default")


def ticket(priority: bool = False) -> Ticket:
    return Ticket(1, "2026-11-23", "ktp", "ktp", 1, 23, "A-023", priority, "waiting", "Xy3_kP9aQ-2b", NOW, NOW)


def ink_box(img: Image.Image, top: int, bottom: int) -> tuple[int, int, int, int]:
    """Bounding box (left, top, right, bottom) of the dark pixels between two rows."""
    band = img.crop((1, top, img.width - 1, bottom)).point(lambda v: 255 if v < 128 else 0)
    box = band.getbbox()
    assert box is not None, "nothing drawn in this band"
    return box[0] + 1, box[1] + top, box[2] + 1, box[3] + top


def block_box(img: Image.Image, lay: Layout, text: str) -> tuple[int, int, int, int]:
    i = next(i for i, b in enumerate(lay.blocks) if isinstance(b, Text) and b.text == text)
    return ink_box(img, *bands(lay)[i])


@pytest.mark.parametrize(("mm", "columns", "paper_px"), [(80, 42, 640), (58, 32, 464)])
def test_preview_is_a_paper_wide_png(cfg: Config, mm: int, columns: int, paper_px: int) -> None:
    c = replace(cfg, printer=replace(cfg.printer, paper_width_mm=mm))
    png = preview_png(ticket_layout(c, ticket(priority=True), EST, NOW, columns=columns))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    img = Image.open(io.BytesIO(png))
    assert img.width == paper_px  # 8 dots per mm
    assert img.height > img.width


@pytest.mark.parametrize(("columns", "mult"), [(42, 8), (32, 6)])
def test_label_has_the_printed_proportions(cfg: Config, columns: int, mult: int) -> None:
    lay = ticket_layout(cfg, ticket(), EST, NOW, columns=columns)
    img = render_image(lay)
    label = block_box(img, lay, "A-023")
    small = block_box(img, lay, "NOMOR ANTREAN")
    width, height = label[2] - label[0], label[3] - label[1]
    # Five cells of 12 x mult dots; glyphs fill most of their cell.
    assert 0.85 * 5 * DOT_WIDTH * mult <= width <= 5 * DOT_WIDTH * mult
    # Capitals and digits: mult times the height of normal capitals.
    ratio = height / (small[3] - small[1])
    assert mult * 0.85 <= ratio <= mult * 1.15
    # Centred on the paper, like ESC a 1.
    assert abs((label[0] + label[2]) / 2 - img.width / 2) <= DOT_WIDTH * mult / 2


def test_qr_is_drawn_with_the_printers_module_size(cfg: Config) -> None:
    lay = ticket_layout(cfg, ticket(), EST, NOW, columns=42)
    i = next(i for i, b in enumerate(lay.blocks) if isinstance(b, QR))
    top, bottom = bands(lay)[i]
    box = ink_box(render_image(lay), top, bottom)
    side = box[2] - box[0]
    assert side == box[3] - box[1]  # square
    assert side % 8 == 0 and side // 8 in (21, 25, 29, 33)  # versions 1-4, 8 dots per module


def test_inverted_priority_mark_is_white_on_black(cfg: Config) -> None:
    lay = ticket_layout(cfg, ticket(priority=True), EST, NOW, columns=42)
    img = render_image(lay)
    left, top, right, _ = block_box(img, lay, " PRIORITAS ")
    assert right - left == 11 * DOT_WIDTH * 2  # the whole black bar
    assert img.getpixel((left + 2, top + 2)) == 0


def test_save_preview_writes_the_file_atomically(cfg: Config, tmp_path: Path) -> None:
    path = save_preview(ticket_layout(cfg, ticket(), EST, NOW, columns=42), tmp_path / "t" / "A-023.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in path.parent.iterdir()] == ["A-023.png"]  # no temporary file left
