"""The kiosk's presenter: it decides, the view shows (STYLE.md #2). It owns the screen state,
the language, the timers (idle, confirmation, clock), the double-tap guard and the per-minute
limit, and sends the slow work (issue + print, PIN check, staff printer jobs) to a pool thread."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, QThreadPool, QTimer

from core.engine import Engine
from core.errors import AntreError, IssueRefused, WrongPin
from kiosk import printing
from kiosk.models import AgencyTile, IssueOutcome, ServiceRow, agency_tiles, qr_text, service_name, service_rows
from kiosk.texts import ID, clock_text, long_date, pick, tr
from printer.service import TicketPrinter
from ui.live import LiveQueue
from ui.worker import run_in_background

log = logging.getLogger("antre.kiosk")

HOME, SERVICES, PRINTING, TICKET, FAULT, PIN, MENU, TROUBLE = (
    "home", "services", "printing", "ticket", "fault", "pin", "menu", "trouble")


class KioskView(Protocol):
    def set_language(self, lang: str) -> None: ...
    def set_header(self, date_text: str, clock: str) -> None: ...
    def show_home(self, tiles: list[AgencyTile], warning: str) -> None: ...
    def show_services(self, agency: AgencyTile, rows: list[ServiceRow], message: str) -> None: ...
    def show_printing(self, service: str) -> None: ...
    def show_ticket(self, outcome: IssueOutcome, service: str, qr: str) -> None: ...
    def show_fault(self, outcome: IssueOutcome, service: str, qr: str) -> None: ...
    def set_countdown(self, text: str) -> None: ...
    def show_trouble(self) -> None: ...
    def show_pin(self) -> None: ...
    def pin_error(self, text: str) -> None: ...
    def show_staff_menu(self, info: str) -> None: ...
    def close_kiosk(self) -> None: ...


class KioskPresenter(QObject):
    def __init__(self, engine: Engine, worker_engine: Engine, printer: TicketPrinter, view: KioskView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine  # UI thread: quick reads only
        self.worker = worker_engine  # pool thread: every write and every printer job
        self.printer = printer
        self.view = view
        self.kcfg = engine.cfg.kiosk
        self.lang = ID
        self.screen = HOME
        self.agency: str | None = None
        self.message = ("", "")  # a refusal or the limit (id, en), shown until the next navigation
        self.busy = False  # one job at a time: the double-tap guard
        self.printer_trouble = False
        self.printer_state = ""  # the last thing the printer told us ("ok", "paper_out", ...); "" unknown
        self.last_ticket_id: int | None = None
        self._issued_at: deque[datetime] = deque()
        self._countdown_left = 0
        # one pool thread: the worker engine's connection is never used by two threads at once
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.idle = self._timer(self.kcfg.idle_seconds * 1000, self.on_idle, single=True)
        self.tick = self._timer(1000, self.on_tick)
        self.refresh_soon = self._timer(300, self.refresh, single=True)
        self._ticks = 0
        self.live: LiveQueue | None = None  # kiosk.app.build wires it: counts follow the queue

    def _timer(self, ms: int, slot: Callable[[], None], single: bool = False) -> QTimer:
        t = QTimer(self)
        t.setInterval(max(1, ms))
        t.setSingleShot(single)
        t.timeout.connect(slot)
        return t

    # --- lifecycle --------------------------------------------------------------------------
    def start(self) -> None:
        if self.live is not None:
            self.live.start()
        self.tick.start()
        self.update_header()
        self.go_home()
        if self.printer.enabled:  # out of paper since last night: say so before anyone taps
            job = partial(printing.status, self.worker, self.printer, self.kcfg.name, False)
            run_in_background(job, self._first_status, lambda e: log.warning("printer status: %s", e), self.pool)

    def _first_status(self, result: tuple[bool, str]) -> None:
        ok, state = result
        log.info("printer at start: %s", state)
        self.printer_trouble, self.printer_state = not ok, state
        if self.screen == HOME:
            self.refresh()

    def stop(self) -> None:
        for t in (self.idle, self.tick, self.refresh_soon):
            t.stop()
        if self.live is not None:
            self.live.stop()
            self.live = None
        self.pool.waitForDone(int(self.engine.cfg.printer.timeout_seconds * 1000) + 2000)

    # --- navigation ---------------------------------------------------------------------------
    def go_home(self) -> None:
        self.screen, self.agency, self.message = HOME, None, ("", "")
        self.view.show_home(agency_tiles(self.engine, self.lang), self._warning())

    def choose_agency(self, code: str) -> None:
        if self.busy or self.screen != HOME:
            return
        self.agency, self.screen, self.message = code, SERVICES, ("", "")
        self._show_services()

    def back(self) -> None:
        self.go_home()

    def toggle_language(self) -> None:
        self.lang = "en" if self.lang == ID else ID
        self.view.set_language(self.lang)
        self.update_header()
        self.refresh()

    def touched(self) -> None:
        """Any touch: the person is still there."""
        self.idle.start()
        if self.screen == TICKET and not self.busy:
            self.go_home()  # the printed ticket is in their hand; a fault screen waits for Done

    def on_idle(self) -> None:
        if self.busy:
            self.idle.start()
            return
        if self.screen in (TICKET, FAULT):
            return  # the confirmation has its own countdown
        changed = self.lang != ID
        self.lang = ID  # the next visitor starts in Indonesian
        if changed:
            self.view.set_language(self.lang)
            self.update_header()
        if self.screen != HOME or changed:
            self.go_home()

    def on_queue_changed(self) -> None:
        """LiveQueue says the queue changed: refresh soon, at most ~3 times a second."""
        if not self.refresh_soon.isActive():
            self.refresh_soon.start()

    def refresh(self) -> None:
        if self.screen == HOME:
            self.view.show_home(agency_tiles(self.engine, self.lang), self._warning())
        elif self.screen == SERVICES:
            self._show_services()

    def on_tick(self) -> None:
        self._ticks += 1
        self.update_header()
        if self._ticks % 30 == 0:
            self.refresh()  # opening hours and the cut-off pass with time, not with events
        if self.screen in (TICKET, FAULT):
            self._countdown_left -= 1
            if self._countdown_left <= 0:
                self.go_home()
            else:
                self._show_countdown()

    def update_header(self) -> None:
        # the clock, not engine.now(): that reads the store, once a second on the UI thread
        local = self.engine.clock.now().astimezone(self.engine.cfg.tz)
        self.view.set_header(long_date(local, self.lang), clock_text(local, self.lang))

    def _show_services(self) -> None:
        tiles = {t.code: t for t in agency_tiles(self.engine, self.lang)}
        if self.agency not in tiles:
            self.go_home()
            return
        rows = service_rows(self.engine, self.agency, self.lang)
        self.view.show_services(tiles[self.agency], rows, pick(self.lang, *self.message))

    def _warning(self) -> str:
        return tr("printer_warning", self.lang) if self.printer_trouble else ""

    # --- issuing ------------------------------------------------------------------------------
    def issue(self, service_code: str, priority: bool = False) -> None:
        if self.busy or self.screen != SERVICES:
            return  # a second tap while the first is being handled issues nothing
        now = self.engine.now()
        while self._issued_at and now - self._issued_at[0] >= timedelta(minutes=1):
            self._issued_at.popleft()
        if len(self._issued_at) >= self.kcfg.max_tickets_per_minute:
            log.info("per-minute limit reached (%s)", self.kcfg.max_tickets_per_minute)
            self.message = (tr("too_many", ID), tr("too_many", "en"))
            self._show_services()
            return
        svc = self.engine.service(service_code)
        self.busy = True
        self._issued_at.append(now)
        self.screen = PRINTING
        self.view.show_printing(service_name(svc, self.lang)[0])
        job = partial(printing.issue_and_print, self.worker, self.printer, svc.code, priority, self.kcfg.name)
        run_in_background(job, self._issued, self._issue_failed, self.pool)

    def _issued(self, outcome: IssueOutcome) -> None:
        self.busy = False
        self.last_ticket_id = outcome.ticket.id
        self.printer_trouble = outcome.has_printer and not outcome.printed
        if outcome.has_printer:
            self.printer_state = outcome.fault or outcome.warning or "ok"
        svc = service_name(self.engine.service(outcome.ticket.service), self.lang)[0]
        if outcome.printed:
            self.screen = TICKET
            self.view.show_ticket(outcome, svc, qr_text(self.engine, outcome.ticket))
            self._countdown(self.kcfg.confirm_seconds)
        else:
            self.screen = FAULT
            self.view.show_fault(outcome, svc, qr_text(self.engine, outcome.ticket))
            self._countdown(self.kcfg.fault_seconds)

    def _countdown(self, seconds: int) -> None:
        self._countdown_left = max(1, seconds)
        self.tick.start()  # restart so the first second is a whole one
        self._show_countdown()

    def _show_countdown(self) -> None:
        key = "back_in" if self.screen == TICKET else "back_in_fault"  # a fault waits for "Selesai"
        self.view.set_countdown(tr(key, self.lang, s=self._countdown_left))

    def _issue_failed(self, error: Exception) -> None:
        self.busy = False
        if self._issued_at:
            self._issued_at.pop()  # nothing was issued: it does not count against the limit
        if isinstance(error, AntreError):
            if not isinstance(error, IssueRefused):
                log.warning("issue failed: %s", error)
            self.screen = SERVICES
            self.message = (error.id_text or tr("busy", ID), error.en_text or tr("busy", "en"))
            self._show_services()
        else:
            log.error("unexpected error while issuing", exc_info=error)
            self.show_trouble()

    def show_trouble(self) -> None:
        """A bug: the traceback is in the log; the citizen sees a calm message. Idle goes home."""
        self.busy = False
        self.screen = TROUBLE
        self.view.show_trouble()
        self.idle.start()

    # --- staff --------------------------------------------------------------------------------
    def staff_gesture(self) -> None:
        if self.busy:
            return
        self.screen = PIN
        self.view.show_pin()
        self.idle.start()

    def pin_entered(self, pin: str) -> None:
        if self.busy or self.screen != PIN:
            return
        self.busy = True
        job = partial(self.worker.verify_pin, pin, self.kcfg.name, "kiosk_menu")
        run_in_background(job, lambda _: self._pin_ok(), self._pin_failed, self.pool)

    def _pin_ok(self) -> None:
        self.busy = False
        self.screen = MENU
        log.info("staff menu opened")
        self.view.show_staff_menu("")

    def _pin_failed(self, error: Exception) -> None:
        self.busy = False
        if isinstance(error, WrongPin):
            self.view.pin_error(tr("wrong_pin", self.lang))
        else:
            self._job_failed(error)

    def staff_exit(self) -> None:
        if self.screen != MENU or self.busy:
            return
        self.busy = True
        log.info("kiosk closed from the staff menu")

        def close(_: object = None) -> None:
            self.busy = False
            self.view.close_kiosk()

        def failed(error: Exception) -> None:
            log.warning("could not record the exit: %s", error)  # staff still get out
            close()

        run_in_background(partial(self.worker.record, "kiosk_exit", actor=self.kcfg.name), close, failed, self.pool)

    def staff_test_print(self) -> None:
        job = partial(printing.test_print, self.worker, self.printer, self.kcfg.name)
        self._staff_job(job, lambda: tr("staff_test_ok", self.lang))

    def staff_reprint(self) -> None:
        if self.screen != MENU or self.busy:
            return
        if self.last_ticket_id is None:
            self.view.show_staff_menu(tr("staff_no_last", self.lang))
            return
        tid = self.last_ticket_id
        label = self._label(tid)
        job = partial(printing.reprint, self.worker, self.printer, tid, self.kcfg.name)
        self._staff_job(job, lambda: tr("staff_reprinted", self.lang, label=label))

    def staff_status(self) -> None:
        job = partial(printing.status, self.worker, self.printer, self.kcfg.name)
        self._staff_job(job, None)

    def _label(self, ticket_id: int) -> str:
        t = self.engine.store.ticket(ticket_id)
        return t.label if t else str(ticket_id)

    def _staff_job(self, job: Callable[[], tuple[bool, str]], ok_text: Callable[[], str] | None) -> None:
        """ok_text None: show the printer's own words (status); else a success line or the fault."""
        if self.busy or self.screen != MENU:
            return
        if not self.printer.enabled:
            self.view.show_staff_menu(tr("staff_no_printer", self.lang))
            return
        self.busy = True
        self.view.show_staff_menu(tr("staff_working", self.lang))

        def done(result: tuple[bool, str]) -> None:
            self.busy = False
            ok, code = result
            self.printer_trouble, self.printer_state = not ok, code or "ok"
            words = printing.words(code, self.lang)
            if ok_text is None:
                self.view.show_staff_menu(words)
            else:
                self.view.show_staff_menu(ok_text() if ok else tr("staff_failed", self.lang, why=words))

        run_in_background(job, done, self._job_failed, self.pool)

    def _job_failed(self, error: Exception) -> None:
        self.busy = False
        if isinstance(error, AntreError):
            text = pick(self.lang, error.id_text, error.en_text)
        else:
            log.error("unexpected error in a staff job", exc_info=error)
            text = type(error).__name__
        if self.screen == PIN:
            self.view.pin_error(text)
        else:
            self.view.show_staff_menu(tr("staff_failed", self.lang, why=text))
