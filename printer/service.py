"""Printing a ticket without ever holding up the caller, and the flow with the queue.

`TicketPrinter.print_ticket` renders the layout to bytes and sends them in a worker thread; the
caller waits at most printer.timeout_seconds, then gets a fault (and the stuck I/O is aborted).
`print_job` is the whole kiosk flow: print, then `mark_printed` or the failure policy, so a
ticket never stays in `printing`. `resolve_left_printing` does the same after a crash."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from core import stats
from core.clock import Clock, SystemClock
from core.config import Config
from core.engine import Engine
from core.errors import InvalidAction
from core.model import CALLED, PRINTING, SERVING, WAITING, Ticket
from core.texts import status_words
from printer.escpos_out import columns_for, profile_name, to_bytes
from printer.faults import PRINTABLE, PrinterError, describe
from printer.layout import Layout, selftest_layout, ticket_layout
from printer.transports import Budget, DummyTransport, Transport, make_transport

log = logging.getLogger("antre.printer")
T = TypeVar("T")


@dataclass(frozen=True)
class PrinterStatus:
    state: str  # "ok" or a code from printer.faults.REASONS
    transport: str
    target: str
    notes: tuple[str, ...] = ()  # set-up remarks, e.g. a logo file that does not exist

    @property
    def ok(self) -> bool:
        """A ticket may be printed now."""
        return self.state in PRINTABLE

    @property
    def warning(self) -> bool:
        return self.state == "paper_low"

    @property
    def text(self) -> str:
        id_text, en_text = describe(self.state)
        return f"{id_text} / {en_text}"

    def to_json(self) -> dict[str, Any]:
        id_text, en_text = describe(self.state)
        return {"state": self.state, "ok": self.ok, "warning": self.warning, "transport": self.transport,
                "target": self.target, "message": id_text, "message_en": en_text, "notes": list(self.notes)}


@dataclass(frozen=True)
class PrintResult:
    ok: bool  # the printer accepted every byte
    reason: str = ""  # the fault code when not ok
    warning: str = ""  # e.g. "paper_low": printed, but staff should act
    seconds: float = 0.0
    bytes_sent: int = 0
    layout: Layout | None = field(default=None, repr=False)  # what was (or would be) printed: the kiosk shows it
    preview: Path | None = None  # the PNG the file transport wrote
    detail: str = ""  # technical detail for the log

    @property
    def text(self) -> str:
        id_text, en_text = describe(self.reason or self.warning or "ok")
        return f"{id_text} / {en_text}"

    def to_json(self) -> dict[str, Any]:
        id_text, en_text = describe(self.reason or self.warning or "ok")
        return {"ok": self.ok, "reason": self.reason, "warning": self.warning, "message": id_text,
                "message_en": en_text, "seconds": round(self.seconds, 4), "bytes": self.bytes_sent,
                "preview": str(self.preview) if self.preview else None}


class TicketPrinter:
    """The printer of one kiosk (or of the CLI). Thread-safe: jobs run one at a time."""

    def __init__(self, cfg: Config, transport: Transport, clock: Clock | None = None) -> None:
        self.cfg = cfg
        self.transport = transport
        self.clock = clock or SystemClock()
        self.profile = profile_name(cfg.printer)
        self.columns = columns_for(cfg.printer)
        self._io = threading.Lock()
        self.last_warning = ""

    @classmethod
    def from_config(cls, cfg: Config, data_dir: Path, clock: Clock | None = None) -> TicketPrinter:
        """Raises a known error (PrinterError, ConfigError) when [printer] cannot work at all."""
        return cls(cfg, make_transport(cfg, data_dir), clock)

    @classmethod
    def dummy(cls, cfg: Config, state: str = "ok", delay: float = 0.0, clock: Clock | None = None) -> TicketPrinter:
        """A printer in memory (escpos Dummy): `printer.transport.jobs` holds each ticket's bytes,
        `printer.transport.state` sets what the next status query answers."""
        return cls(cfg, DummyTransport(state=state, delay=delay, profile=profile_name(cfg.printer)), clock)

    @property
    def enabled(self) -> bool:
        return self.transport.kind != "none"

    # --- layouts ------------------------------------------------------------------------
    def layout(self, ticket: Ticket, estimate: stats.Estimate | None, reprint: bool = False) -> Layout:
        return ticket_layout(self.cfg, ticket, estimate, self.clock.now(), self.columns, reprint)

    def test_page(self) -> Layout:
        return selftest_layout(self.cfg, self.clock.now(), self.transport.target, self.columns)

    # --- jobs ---------------------------------------------------------------------------
    def print_ticket(self, ticket: Ticket, estimate: stats.Estimate | None, reprint: bool = False) -> PrintResult:
        layout = self.layout(ticket, estimate, reprint)
        name = f"{ticket.day}-{ticket.label}" + (f"-{ticket.epoch}" if ticket.epoch > 1 else "")
        return self.print_layout(layout, name)

    def print_test(self) -> PrintResult:
        return self.print_layout(self.test_page(), f"test-{self.clock.now():%Y%m%d-%H%M%S}")

    def print_layout(self, layout: Layout, name: str) -> PrintResult:
        """Never raises for a device problem and never takes longer than timeout_seconds."""
        t0 = time.perf_counter()
        sent = 0

        def job(budget: Budget) -> tuple[str, Path | None]:
            nonlocal sent
            data = to_bytes(layout, self.profile)
            warning = self.transport.send(data, budget)
            sent = len(data)
            return warning, self.transport.finish(layout, name)

        try:
            warning, preview = self._within_deadline(job)
        except PrinterError as e:
            log.warning("print %s failed: %s (%s)", layout.title, e.reason, e.detail)
            return PrintResult(False, e.reason, seconds=time.perf_counter() - t0, layout=layout, detail=e.detail)
        except Exception as e:  # a bug must still end as a recorded fault, never a lost ticket
            log.exception("print %s: unexpected error", layout.title)
            return PrintResult(False, "internal_error", seconds=time.perf_counter() - t0, layout=layout,
                               detail=repr(e))
        seconds = time.perf_counter() - t0
        log.info("printed %s on %s %s: %d bytes in %.0f ms%s", layout.title, self.transport.kind,
                 self.transport.target, sent, seconds * 1000, f" ({warning})" if warning else "")
        return PrintResult(True, "", warning, seconds, sent, layout, preview)

    def status(self) -> PrinterStatus:
        """Ask the printer now (bounded like a print)."""
        try:
            state = self._within_deadline(self.transport.status)
        except PrinterError as e:
            state = e.reason
        return PrinterStatus(state, self.transport.kind, self.transport.target, self._notes())

    def _notes(self) -> tuple[str, ...]:
        logo = self.cfg.printer.logo.strip()
        if logo and not self.cfg.resolve(logo).is_file():
            return (f"printer.logo: {self.cfg.resolve(logo)} tidak ada / does not exist (dicetak tanpa logo)",)
        return ()

    def _within_deadline(self, fn: Callable[[Budget], T]) -> T:
        """Run fn in a worker thread; give up (and abort the device I/O) at the deadline."""
        pc = self.cfg.printer
        budget = Budget.of(pc.timeout_seconds, pc.check_status, pc.status_timeout_seconds)
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                if not self._io.acquire(timeout=budget.left()):
                    raise PrinterError("timeout", "an earlier job still holds the printer")
                try:
                    box["value"] = fn(budget)
                finally:
                    self._io.release()
            except BaseException as e:  # noqa: BLE001 - handed to the waiting thread
                box["error"] = e
            finally:
                done.set()

        threading.Thread(target=work, name="antre-printer", daemon=True).start()
        if not done.wait(pc.timeout_seconds):
            self.transport.abort()
            raise PrinterError("timeout", f"no result within {pc.timeout_seconds} s")
        if "error" in box:
            raise box["error"]
        return box["value"]


@dataclass(frozen=True)
class PrintOutcome:
    ticket: Ticket  # after mark_printed or the failure policy
    result: PrintResult
    estimate: stats.Estimate | None

    @property
    def printed(self) -> bool:
        return self.result.ok


def estimate_for(engine: Engine, ticket: Ticket) -> stats.Estimate | None:
    """Waiting lines for the ticket: a new one (still `printing`) has everyone waiting ahead of
    it, or only priority tickets when it is one; a waiting one its place; others none."""
    if ticket.status == PRINTING:
        return stats.estimate(engine, ticket.service, priority=ticket.priority)
    if ticket.status == WAITING:
        return stats.estimate(engine, ticket.service, ticket=ticket)
    return None


def print_job(engine: Engine, printer: TicketPrinter, ticket: Ticket) -> PrintOutcome:
    """Print a ticket issued in `printing`, then record what happened: printed -> waiting; a fault
    -> printer_fault event and the configured policy. Call it off the UI thread."""
    est = estimate_for(engine, ticket)
    result = printer.print_ticket(ticket, est)
    if result.ok:
        t = engine.mark_printed(ticket.id)
        if result.warning and result.warning != printer.last_warning:
            engine.record("printer_warning", actor=ticket.kiosk, ticket_id=t.id, reason=result.warning)
        printer.last_warning = result.warning
    else:
        # Without a printer, cancelling would refuse every citizen: the number goes on screen.
        policy = "show_on_screen" if result.reason == "no_printer" else engine.cfg.printer.on_failure
        t = engine.print_failed(ticket.id, result.reason, policy)
        log.warning("ticket %s not printed (%s): %s", t.label, result.reason, t.status)
    return PrintOutcome(t, result, est)


def print_and_record(engine: Engine, printer: TicketPrinter, ticket: Ticket) -> Ticket:
    return print_job(engine, printer, ticket).ticket


def resolve_left_printing(engine: Engine, kiosk: str | None = None, older_than: float = 0.0,
                          exclude: tuple[int, ...] = ()) -> list[Ticket]:
    """Tickets a crash or power cut left in `printing` get the failure policy (reason `restart`).
    `kiosk` limits it to this kiosk's tickets and `older_than` (seconds) spares a job another
    process may still be printing right now."""
    out = engine.resolve_printing(engine.cfg.printer.on_failure, "restart", kiosk, older_than, exclude)
    for t in out:
        log.warning("ticket %s was left printing; now %s", t.label, t.status)
    return out


# --- the printer desk: status, test page and reprint, each recorded as events ---------------
# (one place for the CLI, the kiosk's staff menu and the floor-staff window)
REPRINTABLE = (PRINTING, WAITING, CALLED, SERVING)


def checked_status(engine: Engine, printer: TicketPrinter, actor: str, record: bool = True) -> PrinterStatus:
    """Ask the printer; a fault (or a warning) becomes an event staff windows show."""
    st = printer.status()
    if record and not st.ok and st.state != "no_printer":
        engine.record("printer_fault", actor=actor, reason=st.state, source="status")
    elif record and st.warning:
        engine.record("printer_warning", actor=actor, reason=st.state, source="status")
    return st


def recorded_test_print(engine: Engine, printer: TicketPrinter, actor: str) -> PrintResult:
    r = printer.print_test()
    engine.record("test_print", actor=actor, ok=r.ok, reason=r.reason, warning=r.warning,
                  transport=printer.transport.kind)
    if not r.ok:
        engine.record("printer_fault", actor=actor, reason=r.reason, source="print-test")
    return r


def reprint_ticket(engine: Engine, printer: TicketPrinter, ticket: Ticket, actor: str) -> tuple[Ticket, PrintResult]:
    """Print a ticket again ("CETAK ULANG"). One still `printing` never reached paper: this is
    its first print, with the failure policy. Finished tickets are not reprinted."""
    if ticket.status not in REPRINTABLE:
        id_w, en_w = status_words(ticket.status)
        raise InvalidAction(f"Tiket {ticket.label} {id_w}; tidak dicetak ulang.",
                            f"Ticket {ticket.label} is {en_w}; it is not reprinted.", ticket=ticket.label)
    if ticket.status == PRINTING:
        out = print_job(engine, printer, ticket)
        return out.ticket, out.result
    r = printer.print_ticket(ticket, estimate_for(engine, ticket), reprint=True)
    engine.record("reprint", actor=actor, ticket_id=ticket.id, ok=r.ok, reason=r.reason)
    if not r.ok:
        engine.record("printer_fault", actor=actor, ticket_id=ticket.id, reason=r.reason, source="reprint")
    return ticket, r
