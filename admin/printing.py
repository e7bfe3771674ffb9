"""The floor staff's printer desk: status, test page, reprint. Built on printer/ (TicketPrinter,
print_job, describe); each call blocks up to printer.timeout_seconds, so the window runs them on
its worker thread. Every use is an event with the actor (test_print, reprint, and printer_fault
when something is wrong), the same events the CLI's print-test / reprint write."""

from __future__ import annotations

import logging
from collections.abc import Callable

from core.engine import Engine
from printer.faults import describe
from printer.service import TicketPrinter, checked_status, recorded_test_print, reprint_ticket

log = logging.getLogger("antre.admin")


class PrinterDesk:
    def __init__(self, engine: Engine, make_printer: Callable[[], TicketPrinter], actor: str = "admin") -> None:
        self.engine = engine
        self._make = make_printer
        self._printer: TicketPrinter | None = None
        self.actor = actor

    @property
    def printer(self) -> TicketPrinter:
        """Built on first use: a [printer] that cannot work is a known error at that moment, in
        the window's words, not a window that fails to open."""
        if self._printer is None:
            self._printer = self._make()
        return self._printer

    def status(self) -> tuple[str, str, str]:
        """(level, Indonesian, English) for the printer now; level is ok, warn or error."""
        st = checked_status(self.engine, self.printer, self.actor)
        id_text, en_text = describe(st.state)
        where = f"{st.transport} {st.target}".strip()
        notes = "".join(f"\n{n}" for n in st.notes)
        level = "warn" if st.warning or (st.ok and st.state != "ok") else "ok" if st.ok else "error"
        return level, f"{id_text} ({where}){notes}", f"{en_text} ({where})"

    def test_print(self) -> tuple[str, str, str]:
        r = recorded_test_print(self.engine, self.printer, self.actor)
        id_text, en_text = describe(r.reason or r.warning or "ok")
        if r.ok:
            return "warn" if r.warning else "ok", f"Halaman uji dicetak. {id_text}", f"Test page printed. {en_text}"
        return "error", f"Halaman uji gagal dicetak: {id_text}", f"The test page failed: {en_text}"

    def reprint(self, label: str) -> tuple[str, str, str]:
        t = self.engine.ticket(label)
        t, r = reprint_ticket(self.engine, self.printer, t, self.actor)
        id_text, en_text = describe(r.reason or r.warning or "ok")
        if r.ok:
            warn = f" {id_text}" if r.warning else ""
            return "warn" if r.warning else "ok", f"Tiket {t.label} dicetak ulang.{warn}", f"{t.label} reprinted."
        log.warning("reprint of %s failed: %s", t.label, r.reason)
        return "error", f"Tiket {t.label} gagal dicetak ulang: {id_text}", f"Reprint of {t.label} failed: {en_text}"
