"""The ticket layout: what goes on the paper, at which size, for 80 and 58 mm rolls."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from core.config import Config
from core.engine import Engine
from core.errors import ConfigError
from core.model import Ticket
from core.stats import Estimate
from printer.escpos_out import columns_for
from printer.layout import QR, Cut, Layout, Text, clean, label_size, qr_payload, ticket_layout
from tests.conftest import local

NOW = local("2026-11-23 09:12")
EST = Estimate("ktp", 4, 24, 3, 8.0, "default")


def ticket(label: str = "A-023", priority: bool = False, service: str = "ktp") -> Ticket:
    return Ticket(1, "2026-11-23", service, service, 1, int(label.split("-")[1]), label, priority,
                  "printing", "Xy3_kP9aQ-2b", NOW, NOW, kiosk="kiosk-1")


def printer_cfg(cfg: Config, **kw: Any) -> Config:
    return replace(cfg, printer=replace(cfg.printer, **kw))


def lines(layout: Layout) -> list[str]:
    return [t.text for t in layout.texts()]


def test_qr_payload_is_a_status_link_when_the_site_has_an_address(cfg: Config) -> None:
    site = replace(cfg.site, public_url="https://antrean.mpp.example.go.id/")
    assert qr_payload(replace(cfg, site=site), ticket()) == "https://antrean.mpp.example.go.id/t/Xy3_kP9aQ-2b"


def test_qr_payload_without_an_address_holds_label_day_and_token_only(cfg: Config) -> None:
    assert qr_payload(cfg, ticket()) == "ANTRE|A-023|2026-11-23|Xy3_kP9aQ-2b"


def test_qr_block_carries_the_payload(cfg: Config) -> None:
    lay = ticket_layout(cfg, ticket(), EST, NOW, columns=48)
    qrs = [b for b in lay.blocks if isinstance(b, QR)]
    assert [q.payload for q in qrs] == ["ANTRE|A-023|2026-11-23|Xy3_kP9aQ-2b"]
    assert qrs[0].size == 8
    assert ticket_layout(cfg, ticket(), EST, NOW, columns=32).blocks[-1] == Cut()


@pytest.mark.parametrize(("label", "columns", "size"), [
    ("A-001", 48, 8), ("A-001", 42, 8), ("A-001", 32, 6), ("A-1000", 32, 5), ("AB-1000", 48, 6)])
def test_label_gets_the_largest_size_that_fits(label: str, columns: int, size: int) -> None:
    assert label_size(label, columns) == size
    assert len(label) * size <= columns


@pytest.mark.parametrize(("mm", "columns"), [(80, 48), (58, 32)])
def test_every_line_fits_the_paper(cfg: Config, mm: int, columns: int) -> None:
    c = printer_cfg(cfg, paper_width_mm=mm, profile="default")
    lay = ticket_layout(c, ticket(priority=True), EST, NOW)
    assert lay.columns == columns
    for t in lay.texts():
        assert len(t.text) * t.width <= columns, t
    label = next(t for t in lay.texts() if t.text == "A-023")
    assert label.width == label.height == label_size("A-023", columns)
    assert max(t.height for t in lay.texts()) == label.height  # nothing is bigger than the number


def test_ticket_content(cfg: Config) -> None:
    text = "\n".join(lines(ticket_layout(cfg, ticket(priority=True), EST, NOW, columns=48)))
    for expected in ("Mal Pelayanan Publik", "Kota Nusantara", "A-023", "PRIORITAS", "KTP-el (rekam & cetak)",
                     "Dinas Kependudukan dan Pencatatan Sipil", "4 orang", "± 24 menit",
                     "Senin, 23 November 2026", "09.12 WIB", "Simpan tiket ini sampai dipanggil."):
        assert expected in text
    regular = "\n".join(lines(ticket_layout(cfg, ticket(), EST, NOW, columns=48)))
    assert "PRIORITAS" not in regular and "CETAK ULANG" not in regular


def test_time_is_shown_in_the_sites_timezone(cfg: Config) -> None:
    makassar = replace(cfg, site=replace(cfg.site, timezone="Asia/Makassar"))
    text = "\n".join(lines(ticket_layout(makassar, ticket(), EST, NOW, columns=48)))
    assert "10.12 WITA" in text  # 09.12 WIB is 10.12 WITA


def test_58mm_keeps_value_columns_readable(cfg: Config) -> None:
    lay = ticket_layout(cfg, ticket(), EST, NOW, columns=32)
    assert "Perkiraan tunggu:     ± 24 menit" in lines(lay)
    assert "23/11/2026" + " " * 13 + "09.12 WIB" in lines(lay)


def test_reprint_and_a_called_ticket(cfg: Config) -> None:
    later = local("2026-11-23 10:05")
    lay = ticket_layout(cfg, ticket(), None, later, columns=48, reprint=True)
    text = "\n".join(lines(lay))
    assert "CETAK ULANG / REPRINT 10.05" in text
    assert "orang" not in text  # no estimate for a ticket already called


def test_a_transferred_ticket_shows_its_current_service(cfg: Config) -> None:
    t = replace(ticket(), service="akta")
    assert "Akta Kelahiran & Kematian" in "\n".join(lines(ticket_layout(cfg, t, None, NOW, columns=48)))


def test_config_text_cannot_inject_printer_commands(cfg: Config) -> None:
    assert clean("Loket\x1b@\x1dV\x00 — “satu”…") == "Loket@V - \"satu\"..."
    c = printer_cfg(cfg, header=("MPP\x1bi Kota",))
    assert all("\x1b" not in t.text for t in ticket_layout(c, ticket(), EST, NOW, columns=48).texts())


def test_columns_come_from_config_then_profile_then_paper(cfg: Config) -> None:
    assert columns_for(cfg.printer) == 42  # the demo's Epson TM-T88V: 512 dots
    assert columns_for(replace(cfg.printer, columns=48)) == 48
    assert columns_for(replace(cfg.printer, paper_width_mm=58)) == 32
    assert columns_for(replace(cfg.printer, profile="default")) == 48
    assert columns_for(replace(cfg.printer, profile="ZJ-5870", paper_width_mm=58)) == 32


def test_unknown_profile_names_the_key(cfg: Config) -> None:
    with pytest.raises(ConfigError) as e:
        columns_for(replace(cfg.printer, profile="TM-T88X"))
    assert "printer.profile" in str(e.value) and "TM-T88V" in str(e.value)


def test_layout_of_a_real_issued_ticket(engine: Engine, cfg: Config) -> None:
    t = engine.issue("kk", printing=True)
    lay = ticket_layout(cfg, t, None, engine.now(), columns=48)
    assert Text("B-001", 8, 8, bold=True, align="center") in lay.blocks
    assert lay.title == "B-001"
