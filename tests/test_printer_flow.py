"""The print flow with the queue: printing -> waiting, the failure policies, warnings, the deadline,
and tickets left in `printing` by a process killed mid-print."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.model import CANCELLED, PRINTING, WAITING
from core.store import Store
from printer.emulator import PrinterEmulator
from printer.service import TicketPrinter, estimate_for, print_and_record, print_job, resolve_left_printing
from printer.transports import Budget, DummyTransport, Transport
from tests.conftest import ROOT, SAMPLE_CONFIG


def kinds(engine: Engine, ticket_id: int | None = None) -> list[str]:
    return [e.kind for e in engine.store.events(0, 1000)
            if ticket_id is None or e.ticket_id == ticket_id]


def with_policy(engine: Engine, policy: str) -> Engine:
    cfg = replace(engine.cfg, printer=replace(engine.cfg.printer, on_failure=policy))
    return Engine(cfg, engine.store, engine.clock, actor="test")


def dummy(cfg: Config, state: str = "ok", delay: float = 0.0) -> tuple[TicketPrinter, DummyTransport]:
    d = DummyTransport(state=state, delay=delay, profile=cfg.printer.profile)
    return TicketPrinter(cfg, d), d


def test_printed_ticket_joins_the_queue(engine: Engine, cfg: Config) -> None:
    printer, d = dummy(cfg)
    t = engine.issue("ktp", kiosk="kiosk-1", printing=True)
    assert t.status == PRINTING
    out = print_job(engine, printer, t)
    assert out.printed and out.ticket.status == WAITING
    assert kinds(engine, t.id) == ["issued", "printed"]
    assert d.jobs[0].startswith(b"\x1b@") and b"A-001\n" in d.jobs[0]


def test_fault_with_show_on_screen_keeps_the_number(engine: Engine, cfg: Config) -> None:
    printer, d = dummy(cfg, state="paper_out")
    t = engine.issue("ktp", kiosk="kiosk-1", printing=True)
    out = print_job(engine, printer, t)
    assert not out.printed and out.result.reason == "paper_out"
    assert out.ticket.status == WAITING
    assert out.result.layout is not None  # the kiosk shows this on screen, QR included
    assert kinds(engine, t.id) == ["issued", "printer_fault", "shown_on_screen"]
    fault = next(e for e in engine.store.events(0, 100) if e.kind == "printer_fault")
    assert fault.data["reason"] == "paper_out" and fault.label == "A-001"
    assert d.jobs == []


def test_fault_with_cancel_policy_cancels_and_records(engine: Engine, cfg: Config) -> None:
    eng = with_policy(engine, "cancel")
    t = eng.issue("ktp", kiosk="kiosk-1", printing=True)
    out = print_job(eng, TicketPrinter.dummy(cfg, state="offline"), t)
    assert out.ticket.status == CANCELLED
    assert out.ticket.reason == "printer: offline"
    assert kinds(eng, t.id) == ["issued", "printer_fault", "cancelled"]
    nxt = eng.issue("ktp", kiosk="kiosk-1", printing=True)
    assert nxt.label == "A-002"  # the cancelled number is not handed out again


def test_paper_low_prints_and_warns_staff_once(engine: Engine, cfg: Config) -> None:
    printer, d = dummy(cfg, state="paper_low")
    for _ in range(3):
        out = print_job(engine, printer, engine.issue("ktp", kiosk="kiosk-1", printing=True))
        assert out.printed and out.ticket.status == WAITING and out.result.warning == "paper_low"
    assert kinds(engine).count("printer_warning") == 1
    d.state = "ok"
    print_job(engine, printer, engine.issue("ktp", kiosk="kiosk-1", printing=True))
    d.state = "paper_low"
    print_job(engine, printer, engine.issue("ktp", kiosk="kiosk-1", printing=True))
    assert kinds(engine).count("printer_warning") == 2  # warned again after it had been fixed


def test_without_a_printer_the_number_goes_on_screen_even_under_cancel(engine: Engine, cfg: Config) -> None:
    eng = with_policy(engine, "cancel")
    printer = TicketPrinter(eng.cfg, Transport("none"))
    assert not printer.enabled
    t = print_and_record(eng, printer, eng.issue("ktp", kiosk="kiosk-1", printing=True))
    assert t.status == WAITING


def test_a_slow_printer_never_holds_the_caller_past_the_timeout(engine: Engine, cfg: Config) -> None:
    c = replace(cfg, printer=replace(cfg.printer, timeout_seconds=0.3))
    printer, d = dummy(c, delay=30.0)
    t = engine.issue("ktp", kiosk="kiosk-1", printing=True)
    t0 = time.monotonic()
    out = print_job(engine, printer, t)
    assert time.monotonic() - t0 < 0.3 + 0.25
    assert out.result.reason == "timeout" and out.ticket.status == WAITING
    d.delay = 0.0
    again = print_job(engine, printer, engine.issue("ktp", kiosk="kiosk-1", printing=True))
    assert again.printed  # the aborted job let go of the printer


class Broken(Transport):
    kind = "broken"

    def send(self, data: bytes, budget: Budget) -> str:
        raise ValueError("a bug in a driver")


def test_a_bug_in_the_driver_is_a_recorded_fault_not_a_lost_ticket(engine: Engine, cfg: Config) -> None:
    out = print_job(engine, TicketPrinter(cfg, Broken()), engine.issue("ktp", kiosk="kiosk-1", printing=True))
    assert out.result.reason == "internal_error" and out.ticket.status == WAITING
    assert "a bug in a driver" in out.result.detail


def test_estimate_of_a_new_priority_ticket_counts_only_priority_tickets(engine: Engine) -> None:
    for _ in range(3):
        engine.issue("ktp")
    engine.issue("ktp", priority=True)
    t = engine.issue("ktp", priority=True, printing=True)
    est = estimate_for(engine, t)
    assert est is not None and est.ahead == 1


# --- crash recovery ----------------------------------------------------------------------------
CHILD = """
import sys
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo
from core.clock import ManualClock
from core.config import load_config
from core.engine import Engine
from core.store import Store
from printer.service import TicketPrinter, print_job

cfg = load_config(sys.argv[1])
cfg = replace(cfg, printer=replace(cfg.printer, transport="network", host="127.0.0.1", port=int(sys.argv[3]),
                                   timeout_seconds=60, status_timeout_seconds=60))
eng = Engine(cfg, Store(sys.argv[2]), ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))))
t = eng.issue("ktp", kiosk="kiosk-1", printing=True)
print_job(eng, TicketPrinter.from_config(cfg, eng.store.path.parent), t)  # hangs: the printer never answers
"""


def killed_mid_print(db_path: Path) -> None:
    """A real kiosk process, killed (power cut) while its ticket is printing."""
    with PrinterEmulator("silent") as em:
        proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(CHILD), str(SAMPLE_CONFIG), str(db_path),
                                 str(em.port)], cwd=ROOT)
        try:
            end = time.monotonic() + 60
            while em.last_byte_at == 0.0 and proc.poll() is None and time.monotonic() < end:
                time.sleep(0.01)
            assert em.last_byte_at > 0.0, "the child never reached the printer"
        finally:
            proc.kill()
            proc.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize(("policy", "status"), [("show_on_screen", WAITING), ("cancel", CANCELLED)])
def test_ticket_left_printing_by_a_crash_is_resolved_at_next_start(
        cfg: Config, db_path: Path, clock: ManualClock, policy: str, status: str) -> None:
    killed_mid_print(db_path)
    store = Store(db_path)
    try:
        eng = Engine(replace(cfg, printer=replace(cfg.printer, on_failure=policy)), store, clock)
        (stuck,) = store.tickets(statuses=(PRINTING,))
        assert stuck.label == "A-001"
        assert resolve_left_printing(eng, kiosk="other-kiosk") == []  # not its ticket
        assert resolve_left_printing(eng, kiosk="kiosk-1", older_than=30) == []  # may still be printing
        clock.advance(31)
        (done,) = resolve_left_printing(eng, kiosk="kiosk-1", older_than=30)
        assert done.status == status
        fault = [e for e in store.events(0, 100) if e.kind == "printer_fault"]
        assert [e.data["reason"] for e in fault] == ["restart"]
        assert store.tickets(statuses=(PRINTING,)) == []
        assert resolve_left_printing(eng) == []  # nothing twice
    finally:
        store.close()
