"""Exact ESC/POS bytes, through python-escpos' Dummy printer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from core.config import Config
from core.model import Ticket
from core.stats import Estimate
from printer._escpos import Dummy
from printer.escpos_out import render, to_bytes
from printer.layout import QR, Cut, Layout, Text, ticket_layout
from tests.conftest import local

NOW = local("2026-11-23 09:12")
EST = Estimate("ktp", 4, 24, 3, 8.0, "default")
INIT = b"\x1b@"
CUT = b"\x1bd\x06\x1dV\x00"  # feed 6 lines, full cut


def ticket(label: str = "A-001", priority: bool = False) -> Ticket:
    return Ticket(1, "2026-11-23", "ktp", "ktp", 1, 1, label, priority, "printing", "Xy3_kP9aQ-2b", NOW, NOW)


def qr_bytes(payload: bytes, size: int) -> bytes:
    """GS ( k: model 2, module size, error correction M, store the data, print."""
    n = len(payload) + 3
    return (b"\x1d(k\x04\x001A2\x00" + b"\x1d(k\x03\x001C" + bytes([size]) + b"\x1d(k\x03\x001E1"
            + b"\x1d(k" + bytes([n % 256, n // 256]) + b"1P0" + payload + b"\x1d(k\x03\x001Q0")


def test_a_small_layout_byte_for_byte() -> None:
    lay = Layout(32, (Text("A-001", 6, 6, bold=True, align="center"), Text("Loket"), QR("X", 6), Cut()))
    assert to_bytes(lay, "TM-T88V") == (
        INIT
        + b"\x1ba\x01" + b"\x1bE\x01" + b"\x1db\x01" + b"\x1d!\x55"  # centre, bold, smooth, 6x6
        + b"\x1bt\x00" + b"A-001\n"  # code page PC437 once, then the label
        + b"\x1ba\x00" + b"\x1bE\x00" + b"\x1db\x00" + b"\x1d!\x00" + b"Loket\n"  # back to normal
        + b"\x1ba\x01" + qr_bytes(b"X", 6) + b"\n"
        + CUT)


@pytest.mark.parametrize(("mm", "columns", "size_byte"), [(80, 42, 0x77), (58, 32, 0x55)])
def test_ticket_bytes(cfg: Config, mm: int, columns: int, size_byte: int) -> None:
    c = replace(cfg, printer=replace(cfg.printer, paper_width_mm=mm))
    lay = ticket_layout(c, ticket(), EST, NOW, columns=columns)
    data = to_bytes(lay, c.printer.profile)
    assert data.startswith(INIT)
    assert data.endswith(CUT)
    assert data.count(b"\x1dV") == 1  # one cut, the last command
    assert b"\x1d!" + bytes([size_byte]) + b"A-001\n" in data  # 8x8 on 80 mm, 6x6 on 58 mm
    assert b"\x1ba\x01" + qr_bytes(b"ANTRE|A-001|2026-11-23|Xy3_kP9aQ-2b", 8 if columns >= 42 else 6) in data
    assert b"-" * columns + b"\n" in data and b"-" * (columns + 1) not in data


def test_the_qr_carries_the_public_link(cfg: Config) -> None:
    c = replace(cfg, site=replace(cfg.site, public_url="https://antrean.mpp.example.go.id"))
    data = to_bytes(ticket_layout(c, ticket(), EST, NOW, columns=48), "TM-T88V")
    assert qr_bytes(b"https://antrean.mpp.example.go.id/t/Xy3_kP9aQ-2b", 8) in data


def test_priority_mark_is_inverted(cfg: Config) -> None:
    data = to_bytes(ticket_layout(cfg, ticket(priority=True), EST, NOW, columns=48), "TM-T88V")
    # white on black, 2x2 (smoothing, on for the 8x8 label, goes off)
    assert b"\x1dB\x01\x1db\x00\x1d!\x11 PRIORITAS \n" in data
    assert b"A-001\n\x1d!\x00\n" in data  # the blank line after the label is fed at normal size


@pytest.mark.parametrize("profile", ["TM-T88V", "default", "ZJ-5870", "POS-5890"])
def test_text_the_printer_cannot_encode_is_replaced(profile: str) -> None:
    lay = Layout(32, (Text("Café — 😀 漢 ok"),))
    data = to_bytes(lay, profile)  # never raises
    body = data.split(b"\n")[0]
    assert body.endswith(b" ? ? ok")  # emoji and CJK: no code page of these printers has them
    assert b"Caf?" not in body and (b"\x82 " in body or b"\xe9 " in body)  # é exists in PC437/PC850/CP1252


def test_ticket_text_is_folded_to_plain_punctuation(cfg: Config) -> None:
    agency = replace(cfg.agencies[0], full_name="Dinas — Kependudukan “Sipil”")
    c = replace(cfg, agencies=(agency, *cfg.agencies[1:]))
    data = to_bytes(ticket_layout(c, ticket(), EST, NOW, columns=48), "TM-T88V")
    assert b'Dinas - Kependudukan "Sipil"\n' in data
    assert b"\x1bt\x10" not in data  # no code-page switch needed for a dash


def test_every_job_starts_fresh_on_a_reused_printer_object(cfg: Config) -> None:
    """A long-lived device object: each job still begins with ESC @ and selects its code page."""
    d = Dummy(profile="TM-T88V")
    lay = ticket_layout(cfg, ticket(), EST, NOW, columns=42)
    render(lay, d)
    first = bytes(d.output)
    d.clear()
    render(lay, d)
    assert bytes(d.output) == first
    assert first.startswith(INIT + b"\x1ba\x01\x1bE\x01\x1bt\x00")


def test_logo_is_a_paper_wide_raster(cfg: Config, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(img).ellipse((20, 20, 280, 280), fill=(11, 79, 138, 255))
    img.save(logo)
    c = replace(cfg, printer=replace(cfg.printer, logo=str(logo)))
    data = to_bytes(ticket_layout(c, ticket(), EST, NOW, columns=42), "TM-T88V")
    # GS v 0, normal density, 63 bytes (504 dots) wide, 120 dots tall, right after ESC @
    assert data.startswith(INIT + b"\x1dv0\x00" + bytes([63, 0]) + bytes([120, 0]))
    assert len(data) > 63 * 120


def test_a_missing_logo_is_left_out(cfg: Config, tmp_path: Path) -> None:
    c = replace(cfg, printer=replace(cfg.printer, logo=str(tmp_path / "nope.png")))
    data = to_bytes(ticket_layout(c, ticket(), EST, NOW, columns=42), "TM-T88V")
    assert b"\x1dv0" not in data and data.endswith(CUT)
