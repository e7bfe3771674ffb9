"""The kiosk's printer jobs, run off the UI thread: issue + print, reprint, test print, status.
Each job gets the kiosk's worker engine (its own SQLite connection, used by one pool thread
only), never the UI thread's. The events match `main.py print-test` / `reprint`."""

from __future__ import annotations

import logging
from pathlib import Path

from core import stats
from core.config import Config
from core.engine import Engine
from core.errors import AntreError
from core.model import WAITING
from kiosk.models import IssueOutcome
from printer.faults import PrinterError, describe
from printer.layout import Layout
from printer.service import (
    TicketPrinter,
    checked_status,
    print_job,
    recorded_test_print,
    reprint_ticket,
    resolve_left_printing,
)
from printer.transports import Budget, Transport

log = logging.getLogger("antre.kiosk")


class BrokenTransport(Transport):
    """[printer] could not be set up (a missing package, an incomplete section). The kiosk still
    runs: every print is a recorded fault with the set-up reason, and the number goes on screen."""

    kind = "broken"

    def __init__(self, error: PrinterError) -> None:
        super().__init__(error.reason)
        self.error = error

    def send(self, data: bytes, budget: Budget) -> str:
        raise self.error

    def status(self, budget: Budget) -> str:
        return self.error.reason

    def finish(self, layout: Layout, name: str) -> Path | None:
        return None


def make_printer(cfg: Config, data_dir: Path, engine: Engine, kiosk: str) -> TicketPrinter:
    """The configured printer; a set-up fault is logged, recorded for staff, and kept as a
    printer that always fails, so citizens still get numbers (on screen)."""
    try:
        return TicketPrinter.from_config(cfg, data_dir, engine.clock)
    except PrinterError as e:
        log.error("printer cannot be used: %s", e)
        engine.record("printer_fault", actor=kiosk, reason=e.reason, source="kiosk_start", detail=str(e))
        return TicketPrinter(cfg, BrokenTransport(e), engine.clock)


def recover(engine: Engine, kiosk: str) -> int:
    """At start: this kiosk's tickets a crash or power cut left in `printing` get the policy."""
    return len(resolve_left_printing(engine, kiosk=kiosk))


def issue_and_print(engine: Engine, printer: TicketPrinter, service: str, priority: bool,
                    kiosk: str) -> IssueOutcome:
    """Issue, print, record. Raises IssueRefused when a rule changed since the screen was drawn
    (the quota ran out meanwhile): nothing was issued then."""
    if not printer.enabled:  # printer.transport = none: the screen is the ticket
        t = engine.issue(service, priority, kiosk=kiosk, printing=False)
        log.info("issued %s at %s (no printer)", t.label, kiosk)
        est = stats.estimate(engine, t.service, ticket=t)
        return IssueOutcome(t, est.ahead, est.minutes, printed=False, has_printer=False)
    t = engine.issue(service, priority, kiosk=kiosk, printing=True)
    out = print_job(engine, printer, t)
    t = out.ticket
    log.info("issued %s at %s: %s", t.label, kiosk, "printed" if out.printed else f"{out.result.reason} -> {t.status}")
    ahead = minutes = 0
    if t.status == WAITING:
        est = stats.estimate(engine, t.service, ticket=t)
        ahead, minutes = est.ahead, est.minutes
    return IssueOutcome(t, ahead, minutes, printed=out.printed, fault=out.result.reason,
                        warning=out.result.warning)


def reprint(engine: Engine, printer: TicketPrinter, ticket_id: int, kiosk: str) -> tuple[bool, str]:
    t = engine.store.ticket(ticket_id)
    if t is None:
        raise AntreError("Tiket ini tidak ditemukan.", "This ticket was not found.")
    _, r = reprint_ticket(engine, printer, t, kiosk)
    return r.ok, r.reason


def test_print(engine: Engine, printer: TicketPrinter, kiosk: str) -> tuple[bool, str]:
    r = recorded_test_print(engine, printer, kiosk)
    return r.ok, r.reason


def status(engine: Engine, printer: TicketPrinter, kiosk: str, record: bool = True) -> tuple[bool, str]:
    st = checked_status(engine, printer, kiosk, record)
    return st.ok, st.state


def words(code: str, lang: str) -> str:
    """A fault or status code in plain words (printer.faults, the same words as the CLI)."""
    id_text, en_text = describe(code or "ok")
    return en_text if lang == "en" else id_text
