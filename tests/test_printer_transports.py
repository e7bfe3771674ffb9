"""Transports against real things: a file on disk, and a TCP printer on 127.0.0.1 that the test
starts and stops (printer.emulator), bounded in time."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from core.config import Config
from core.model import Ticket
from core.stats import Estimate
from printer.emulator import PrinterEmulator
from printer.escpos_out import to_bytes
from printer.faults import MissingDependency, PrinterError
from printer.service import TicketPrinter
from printer.transports import decode_offline, decode_paper, make_transport
from tests.conftest import local

NOW = local("2026-11-23 09:12")
EST = Estimate("ktp", 4, 24, 3, 8.0, "default")
QUERIES = b"\x10\x04\x02\x10\x04\x04"  # offline cause, then paper sensor
CONFIRM = b"\x10\x04\x04"  # after the ticket: its answer proves every byte arrived


def ticket(label: str = "A-001") -> Ticket:
    return Ticket(1, "2026-11-23", "ktp", "ktp", 1, int(label[2:]), label, False, "printing", "tok" + label, NOW, NOW)


def with_printer(cfg: Config, **kw: Any) -> Config:
    return replace(cfg, printer=replace(cfg.printer, **kw))


@pytest.fixture
def emulator() -> Iterator[PrinterEmulator]:
    with PrinterEmulator() as em:
        yield em


def net(cfg: Config, em: PrinterEmulator, **kw: Any) -> TicketPrinter:
    settings: dict[str, Any] = {"timeout_seconds": 2.0, "status_timeout_seconds": 0.3, **kw}
    c = with_printer(cfg, transport="network", host=em.host, port=em.port, **settings)
    return TicketPrinter.from_config(c, Path("/nonexistent"))


# --- file --------------------------------------------------------------------------------------
def test_file_transport_appends_each_ticket_and_writes_its_preview(cfg: Config, tmp_path: Path) -> None:
    p = TicketPrinter.from_config(cfg, tmp_path / "data")
    r1 = p.print_ticket(ticket("A-001"), EST)
    r2 = p.print_ticket(ticket("A-002"), EST)
    assert r1.ok and r2.ok and r1.warning == ""
    bin_file = tmp_path / "data" / "tickets.bin"
    assert r1.layout is not None and r2.layout is not None
    assert bin_file.read_bytes() == to_bytes(r1.layout, "TM-T88V") + to_bytes(r2.layout, "TM-T88V")
    assert r1.bytes_sent + r2.bytes_sent == bin_file.stat().st_size
    assert r1.preview == tmp_path / "data" / "tickets-2026-11-23-A-001.png"
    assert r1.preview.read_bytes().startswith(b"\x89PNG")
    assert p.status().state == "ok"


def test_file_transport_honours_a_configured_path(cfg: Config, tmp_path: Path) -> None:
    p = TicketPrinter.from_config(with_printer(cfg, path=str(tmp_path / "out" / "kiosk.prn")), tmp_path)
    assert p.print_ticket(ticket(), EST).ok
    assert (tmp_path / "out" / "kiosk.prn").read_bytes().startswith(b"\x1b@")
    assert (tmp_path / "out" / "kiosk-2026-11-23-A-001.png").is_file()


def test_file_transport_that_cannot_write_is_a_fault(cfg: Config, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    p = TicketPrinter.from_config(with_printer(cfg, path=str(blocker / "tickets.bin")), tmp_path)
    r = p.print_ticket(ticket(), EST)
    assert (r.ok, r.reason) == (False, "io_error")
    assert r.layout is not None  # the kiosk can still show the number and the QR
    assert p.status().state == "io_error"


# --- network -----------------------------------------------------------------------------------
def test_network_bytes_arrive_intact(cfg: Config, emulator: PrinterEmulator) -> None:
    p = net(cfg, emulator)
    r = p.print_ticket(ticket(), EST)
    assert r.ok and r.reason == "" and r.warning == ""
    assert emulator.wait_jobs(1)
    assert r.layout is not None
    assert emulator.jobs == [QUERIES + to_bytes(r.layout, "TM-T88V") + CONFIRM]


def test_network_many_tickets_one_connection_each(cfg: Config, emulator: PrinterEmulator) -> None:
    p = net(cfg, emulator)
    results = [p.print_ticket(ticket(f"A-{n:03d}"), EST) for n in range(1, 6)]
    assert all(r.ok for r in results)
    assert emulator.wait_jobs(5)
    assert [job.count(b"\x1dV\x00") for job in emulator.jobs] == [1] * 5


def test_network_paper_low_prints_with_a_warning(cfg: Config, emulator: PrinterEmulator) -> None:
    emulator.state = "paper_low"
    p = net(cfg, emulator)
    r = p.print_ticket(ticket(), EST)
    assert (r.ok, r.warning) == (True, "paper_low")
    assert p.status().state == "paper_low" and p.status().ok


@pytest.mark.parametrize("state", ["paper_out", "cover_open"])
def test_network_fault_before_printing_sends_no_ticket(cfg: Config, emulator: PrinterEmulator, state: str) -> None:
    emulator.state = state
    p = net(cfg, emulator)
    r = p.print_ticket(ticket(), EST)
    assert (r.ok, r.reason) == (False, state)
    assert emulator.wait_jobs(1)
    assert emulator.jobs == [b"\x10\x04\x02"]  # the offline-cause answer was enough; no ticket bytes
    st = p.status()
    assert (st.state, st.ok) == (state, False)


def test_network_refused(cfg: Config) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = TicketPrinter.from_config(with_printer(cfg, transport="network", host="127.0.0.1", port=port),
                                  Path("/nonexistent"))
    r = p.print_ticket(ticket(), EST)
    assert (r.ok, r.reason) == (False, "offline")
    assert "refused" in r.detail.lower()
    assert p.status().state == "offline"


def test_network_silent_printer_times_out_within_the_limit(cfg: Config) -> None:
    with PrinterEmulator("silent") as em:
        p = net(cfg, em, timeout_seconds=1.0, status_timeout_seconds=0.3)
        t0 = time.monotonic()
        r = p.print_ticket(ticket(), EST)
        elapsed = time.monotonic() - t0
        assert (r.ok, r.reason) == (False, "timeout")
        assert elapsed < 1.0 + 0.3
        assert em.wait_jobs(1)
        assert em.jobs == [b"\x10\x04\x02"]  # asked, never answered, never sent the ticket
        assert p.status().state == "timeout"


def test_network_without_status_check_just_sends(cfg: Config) -> None:
    """check_status = false for printers that never answer status queries."""
    with PrinterEmulator("silent") as em:
        p = net(cfg, em, check_status=False)
        r = p.print_ticket(ticket(), EST)
        assert r.ok
        assert em.wait_jobs(1)
        assert r.layout is not None and em.jobs == [to_bytes(r.layout, "TM-T88V")]


# --- status bytes and set-up errors --------------------------------------------------------------
@pytest.mark.parametrize(("byte", "state"), [(0x12, "ok"), (0x16, "cover_open"), (0x32, "paper_out"),
                                            (0x52, "printer_error"), (0xFF, "unknown")])
def test_decode_offline(byte: int, state: str) -> None:
    assert decode_offline(byte) == state


@pytest.mark.parametrize(("byte", "state"), [(0x12, "ok"), (0x1E, "paper_low"), (0x72, "paper_out"),
                                            (0x00, "unknown")])
def test_decode_paper(byte: int, state: str) -> None:
    assert decode_paper(byte) == state


@pytest.mark.parametrize(("transport", "package"), [("usb", "pyusb"), ("serial", "pyserial"),
                                                    ("win32", "pywin32"), ("cups", "pycups")])
def test_missing_optional_package_is_named(cfg: Config, transport: str, package: str) -> None:
    pytest.importorskip("escpos")
    c = with_printer(cfg, transport=transport, usb_vendor=0x04B8, usb_product=0x0202, serial_port="/dev/ttyUSB0")
    try:
        make_transport(c, Path("/tmp"))
    except MissingDependency as e:
        assert package in e.id_text and package in e.en_text
        assert e.to_json()["package"] == package
    else:
        pytest.skip(f"{package} is installed here")


def test_incomplete_usb_settings_say_which_keys(cfg: Config) -> None:
    c = with_printer(cfg, transport="usb")
    with pytest.raises(PrinterError) as e:
        if make_transport(c, Path("/tmp")) is not None:  # pyusb present: the ids are still missing
            raise AssertionError("usb without ids was accepted")
    assert e.value.reason in ("not_configured", "missing_dependency")
