"""When the paper does not come out: the number stays the citizen's (on screen, large enough to
photograph), or is cancelled by policy, and staff are told through the event log. Real escpos
bytes: the Dummy printer and a network printer on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from core.config import Config
from core.engine import Engine
from kiosk import printing
from printer.emulator import PrinterEmulator
from printer.layout import qr_payload
from printer.service import TicketPrinter
from tests.test_kiosk_support import Kiosk, kiosk_fixture  # noqa: F401 - the fixture

MakeKiosk = Callable[..., Kiosk]


def test_paper_out_shows_the_number_to_photograph(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(printer_state="paper_out")
    assert k.window.banner.isVisible()  # the start-up status check already warns
    assert "Printer sedang bermasalah" in k.window.banner.label.text()
    k.tap_agency("imigrasi")
    k.take("paspor")
    k.wait_screen("fault")
    t = k.tickets()[0]
    assert (t.label, t.status) == ("D-001", "waiting")  # in the queue: the screen is the ticket
    texts = k.visible_texts()
    assert "Printer sedang bermasalah" in texts and "D-001" in texts
    assert "Nomor Anda sudah terdaftar. Silakan foto nomor dan kode QR ini." in texts
    assert "Kertas printer habis. Petugas sudah diberi tahu." in texts
    assert k.window.ticket.qr.payload == qr_payload(k.engine.cfg, t)
    assert k.window.ticket.qr.width() >= 300  # large enough for a phone photo
    assert k.jobs == []
    faults = k.events("printer_fault")
    assert [(e.label, e.data["reason"], e.data["policy"]) for e in faults] == [
        ("D-001", "paper_out", "show_on_screen")]
    assert [e.label for e in k.events("shown_on_screen")] == ["D-001"]
    k.tap(k.window.ticket.label)  # a stray tap does not hide the number
    assert k.presenter.screen == "fault"
    k.tap(k.window.ticket.done_button)
    k.wait_screen("home")
    assert "nomor antrean Anda akan ditampilkan di layar" in k.window.banner.label.text()


def test_cancel_policy_says_the_number_was_cancelled(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(printer_state="cover_open", printer_cfg={"on_failure": "cancel"})
    k.tap_agency("bpjs")
    k.take("jkn")
    k.wait_screen("fault")
    t = k.tickets()[0]
    assert t.status == "cancelled"
    texts = k.visible_texts()
    assert "Printer bermasalah, tiket E-001 dibatalkan. Silakan hubungi petugas." in texts
    assert not k.window.ticket.qr.isVisible()
    assert "E-001" not in texts  # no big number for a ticket that is not in the queue


def test_fault_screen_returns_home_after_its_own_time(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(printer_state="paper_out", fault_seconds=1)
    k.tap_agency("bpjs")
    k.take("jkn")
    k.wait_screen("fault")
    assert "Kembali ke beranda dalam 1 detik" in k.visible_texts()
    k.wait_screen("home", timeout=5000)


def test_network_printer_gets_the_ticket_bytes(make_kiosk: MakeKiosk, cfg: Config, tmp_path: Path) -> None:
    with PrinterEmulator("ok") as em:
        c = replace(cfg, printer=replace(cfg.printer, transport="network", host=em.host, port=em.port,
                                         timeout_seconds=3.0))
        k = make_kiosk(printer=TicketPrinter.from_config(c, tmp_path))
        k.tap_agency("samsat")
        k.take("pkb")
        k.wait_screen("ticket")
        assert em.wait_jobs(2, timeout=5)  # the start-up status query, then the ticket
        assert b"F-001" in em.received
        assert k.tickets()[0].status == "waiting"


def test_network_printer_out_of_paper(make_kiosk: MakeKiosk, cfg: Config, tmp_path: Path) -> None:
    with PrinterEmulator("paper_out") as em:
        c = replace(cfg, printer=replace(cfg.printer, transport="network", host=em.host, port=em.port))
        k = make_kiosk(printer=TicketPrinter.from_config(c, tmp_path))
        k.tap_agency("samsat")
        k.take("pkb")
        k.wait_screen("fault")
        assert b"F-001" not in em.received  # nothing printed on an empty roll
        assert k.events("printer_fault")[0].data["reason"] == "paper_out"


def test_unusable_printer_config_still_gives_numbers(make_kiosk: MakeKiosk, cfg: Config, engine: Engine,
                                                     tmp_path: Path) -> None:
    c = replace(cfg, printer=replace(cfg.printer, transport="network", host=""))  # incomplete [printer]
    printer = printing.make_printer(c, tmp_path, engine, "kiosk-1")
    start = engine.store.events(0, 100, kinds=("printer_fault",))
    assert [(e.data["reason"], e.data["source"]) for e in start] == [("not_configured", "kiosk_start")]
    k = make_kiosk(printer=printer)
    k.tap_agency("bpjs")
    k.take("jkn")
    k.wait_screen("fault")
    assert k.tickets()[0].status == "waiting"
    assert any("Printer belum diatur dengan lengkap" in t for t in k.visible_texts())


def test_no_printer_configured_shows_the_ticket_on_screen(make_kiosk: MakeKiosk, cfg: Config,
                                                          tmp_path: Path) -> None:
    c = replace(cfg, printer=replace(cfg.printer, transport="none"))
    k = make_kiosk(printer=TicketPrinter.from_config(c, tmp_path))
    assert not k.window.banner.isVisible()  # no printer is not a fault
    k.tap_agency("bpjs")
    k.take("jkn")
    k.wait_screen("fault")
    assert "Silakan foto atau catat nomor dan kode QR ini." in k.visible_texts()
    assert k.tickets()[0].status == "waiting"
    assert k.events("printer_fault") == []


def test_restart_resolves_tickets_left_printing(engine: Engine) -> None:
    left = engine.issue("ktp", kiosk="kiosk-1", printing=True)  # then the power went out
    other = engine.issue("kk", kiosk="kiosk-2", printing=True)  # another kiosk, maybe still printing
    assert printing.recover(engine, "kiosk-1") == 1
    assert engine.store.ticket(left.id).status == "waiting"  # type: ignore[union-attr]
    assert engine.store.ticket(other.id).status == "printing"  # type: ignore[union-attr]
    fault = engine.store.events(0, 100, kinds=("printer_fault",))
    assert [(e.label, e.data["reason"]) for e in fault] == [("A-001", "restart")]
