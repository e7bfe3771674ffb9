"""The queue engine: the ticket lifecycle and the rules that protect citizens. Every change is
one BEGIN IMMEDIATE transaction that also appends an event row. Qt-free; the clock is injected."""

from __future__ import annotations

import secrets
import statistics
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from core import schedule
from core.clock import Clock
from core.config import Config, Counter, Service, check_pin
from core.errors import (
    InvalidAction,
    NothingWaiting,
    TicketNotFound,
    UnknownCounter,
    UnknownService,
    WrongPin,
)
from core.model import (
    AT_COUNTER,
    CALLED,
    CANCELLED,
    COUNTER_CLOSED,
    COUNTER_OPEN,
    COUNTER_PAUSED,
    DONE,
    EXPIRED,
    NO_SHOW,
    OPEN_STATES,
    PRINTING,
    SERVING,
    WAITING,
    CounterState,
    Ticket,
    make_label,
)
from core.store import Store
from core.texts import refusal, status_words

MAX_CLOCK_SKEW = timedelta(minutes=10)
PIN_TRIES, PIN_REST = 5, timedelta(minutes=5)


class Engine:
    def __init__(self, cfg: Config, store: Store, clock: Clock, actor: str = "system") -> None:
        self.cfg = cfg
        self.store = store
        self.clock = clock
        self.actor = actor

    # --- lookups ----------------------------------------------------------------------------
    def now(self) -> datetime:
        """The clock, but not earlier than the last event when the difference is small: a clock
        stepped back a little (NTP, two PCs, two --now runs) must not give a ticket a call before
        its issue or a negative wait. A large difference is a wrong clock somewhere; one bad clock
        must not drag everyone else's time (and service day) along, so then the clock wins."""
        now = self.clock.now()
        last = self.store.last_event_at()
        if last is not None and now < last <= now + MAX_CLOCK_SKEW:
            return last
        return now

    def today(self) -> str:
        return schedule.service_day(self.now(), self.cfg).isoformat()

    def service(self, key: str) -> Service:
        svc = self.cfg.service(key)
        if svc is None:
            codes = ", ".join(f"{s.code} ({s.prefix})" for s in self.cfg.services)
            raise UnknownService(f"Layanan '{key}' tidak dikenal. Pilihan: {codes}",
                                 f"Unknown service '{key}'.", service=key)
        return svc

    def counter(self, key: int | str) -> Counter:
        ctr = self.cfg.counter(key)
        if ctr is None:
            ids = ", ".join(str(c.id) for c in self.cfg.counters)
            raise UnknownCounter(f"Loket '{key}' tidak dikenal. Pilihan: {ids}",
                                 f"Unknown counter '{key}'.", counter=str(key))
        return ctr

    def ticket(self, label_or_token: str) -> Ticket:
        key = label_or_token.strip()
        t = self.store.ticket_by_label(self.today(), key.upper()) or self.store.ticket_by_token(key)
        if t is None:
            raise TicketNotFound(f"Tiket {key} tidak ditemukan hari ini.",
                                 f"Ticket {key} not found today.", ticket=key)
        return t

    def _get(self, ticket_id: int) -> Ticket:
        t = self.store.ticket(ticket_id)
        if t is None:
            raise TicketNotFound(f"Tiket #{ticket_id} tidak ditemukan.", f"Ticket #{ticket_id} not found.")
        return t

    # --- the service day ----------------------------------------------------------------------
    def rollover(self) -> int:
        """On the first write of a new service day: expire what is still open from earlier days
        (recorded, never deleted). Numbering restarts by itself: it is keyed by the day."""
        today = self.today()
        if self.store.meta("service_day") == today:
            return 0
        with self.store.write():
            if self.store.meta("service_day") == today:
                return 0
            stale = self.store.tickets(before_day=today, statuses=OPEN_STATES)
            now = self.now()
            for t in stale:
                self.store.update_ticket(t.id, status=EXPIRED, reason="hari layanan berakhir")
                self.store.append_event(now, "expired", t, t.counter, "system", previous=t.status)
            for cid, state in self.store.counter_states().items():
                if state != COUNTER_CLOSED:  # nobody is at yesterday's counter this morning
                    self.store.set_counter_state(cid, COUNTER_CLOSED, now)
                    self.store.append_event(now, "counter_closed", counter=cid, actor="system")
            self.store.append_event(now, "day_started", actor="system", day=today, expired=len(stale))
            self.store.set_meta("service_day", today)
            return len(stale)

    # --- issuing --------------------------------------------------------------------------------
    def check_can_issue(self, service: Service, priority: bool = False) -> None:
        """Raise IssueRefused with the rule and plain words, or return if a ticket may be issued."""
        now = self.now()
        today = self.today()
        sd = self.store.service_day(today, service.code)
        if sd.closed:
            raise refusal("service_closed", service, reason=sd.closed_reason)
        avail = schedule.availability(self.cfg, service, now)
        if not avail.can_issue:
            raise refusal(avail.state, service, avail=avail, tz=self.cfg.tz)
        if priority and not service.priority:
            raise refusal("no_priority", service)
        quota = (sd.priority_quota if priority else sd.quota)
        if quota is None:
            quota = service.priority_quota if priority else service.quota
        if self.store.count_issued(today, service.code, priority) >= quota:
            raise refusal("priority_quota_reached" if priority else "quota_reached", service,
                          quota=quota, tz=self.cfg.tz,
                          avail=schedule.Availability(avail.state, schedule.next_opening(self.cfg, service, now)))
        q = self.cfg.queue
        if q.capacity_check and self.minutes_needed(service) > self._minutes_left(avail, now) * (
                1 - q.capacity_margin_percent / 100):
            raise refusal("capacity_reached", service, tz=self.cfg.tz, closes_at=avail.closes_at,
                          avail=schedule.Availability(avail.state, schedule.next_opening(self.cfg, service, now)))

    def service_minutes(self, service: Service, mean: bool = False) -> tuple[float, str]:
        """Minutes a citizen holds a counter: the median of today's recent times once there are
        three, else the configured default ("today" or "default" says which). `mean`: the mean
        instead, for capacity, where the long tail of slow cases adds up."""
        recent = self.store.service_minutes(self.today(), service.code, self.cfg.queue.estimate_window)
        if len(recent) >= 3:
            return (statistics.fmean(recent) if mean else statistics.median(recent)), "today"
        return service.service_minutes, "default"

    def serving_counters(self, service: Service) -> int:
        """Counters open now for the service; before any has opened today, all that serve it."""
        return self._open_or_all(self.cfg.counters_for(service.code))

    def _open_or_all(self, counters: tuple[Counter, ...] | list[Counter]) -> int:
        states = self.store.counter_states(schedule.day_start(self.now(), self.cfg))
        return sum(1 for c in counters if states.get(c.id) == COUNTER_OPEN) or len(counters) or 1

    def _group(self, service: Service) -> tuple[list[str], int]:
        """The services that compete for this service's counters, and the counters that work
        through them. Loket 1-3 share KTP, KK and akta: an akta ticket waits behind the KTP and
        KK tickets issued before it, which loket 1-3 work through together."""
        codes = sorted({code for c in self.cfg.counters_for(service.code) for code in c.services})
        counters = [c for c in self.cfg.counters if set(c.services) & set(codes)]
        return codes, self._open_or_all(counters)

    def minutes_ahead(self, service: Service, priority: bool = False, ticket: Ticket | None = None,
                      mean: bool = False) -> float:
        """Minutes of waiting before a ticket of `service` is called: the work of every waiting
        ticket its counters will call first (other services they share included, each at its own
        service time), divided by the counters working through that queue. `ticket`: one already
        waiting (the work before it); else a new ticket (priority or not)."""
        return self._work_ahead(service, priority, ticket, mean)[0]

    def _work_ahead(self, service: Service, priority: bool, ticket: Ticket | None,
                    mean: bool) -> tuple[float, int]:
        """(minutes ahead, counters working through the shared queue)."""
        group, counters = self._group(service)
        first = self.cfg.queue.priority_first
        waiting = ticket is not None and ticket.status == WAITING
        counts = self.store.count_waiting(
            group, self.today(), first, ahead_of=ticket if waiting else None,
            priority_only=not waiting and first and (priority or (ticket is not None and ticket.priority)))
        minutes = {code: self.service_minutes(svc, mean)[0] for code in counts if (svc := self.cfg.service(code))}
        return sum(n * minutes.get(code, service.service_minutes) for code, n in counts.items()) / counters, counters

    def minutes_needed(self, service: Service) -> float:
        """Minutes until every ticket of the counters' queue and one more are served. A priority
        ticket is called first, but it still pushes every waiting ticket later: the capacity
        check counts the whole queue for it too, so that no ticket already issued is pushed past
        closing."""
        ahead, counters = self._work_ahead(service, False, None, mean=True)
        return ahead + self.service_minutes(service, mean=True)[0] / counters

    def _minutes_left(self, avail: schedule.Availability, now: datetime) -> float:
        """Serving minutes before closing: the breaks still to come today do not count."""
        if avail.closes_at is None:
            return 0.0
        left = (avail.closes_at - now).total_seconds() / 60
        return left - schedule.break_minutes_between(self.cfg, now, avail.closes_at)

    def issue(self, service_key: str, priority: bool = False, kiosk: str = "",
              printing: bool = False) -> Ticket:
        """Issue the next number. With printing=True the ticket waits in `printing` until
        mark_printed() or print_failed(); it is never called before the citizen has it."""
        svc = self.service(service_key)
        self.rollover()
        with self.store.write():
            self.check_can_issue(svc, priority)
            now, today = self.now(), self.today()
            epoch = self.store.service_day(today, svc.code).epoch
            number = self.store.next_number(today, svc.code, epoch)
            t = self.store.insert_ticket(Ticket(
                0, today, svc.code, svc.code, epoch, number, make_label(svc.prefix, number),
                priority, PRINTING if printing else WAITING, secrets.token_urlsafe(9), now, now,
                kiosk=kiosk))
            self.store.append_event(now, "issued", t, actor=kiosk or self.actor, number=number,
                                    epoch=epoch, priority=priority, status=t.status)
            return t

    def mark_printed(self, ticket_id: int) -> Ticket:
        with self.store.write():
            t = self._get(ticket_id)
            if t.status != PRINTING:
                return t
            t = self.store.update_ticket(t.id, status=WAITING)
            self.store.append_event(self.now(), "printed", t, actor=t.kiosk or self.actor)
            return t

    def print_failed(self, ticket_id: int, reason: str, policy: str) -> Ticket:
        """The printer failed. Policy `show_on_screen`: the ticket joins the queue (the kiosk
        shows it large); `cancel`: the number is recorded as cancelled."""
        with self.store.write():
            t = self._get(ticket_id)
            now = self.now()
            self.store.append_event(now, "printer_fault", t, actor=t.kiosk or self.actor,
                                    reason=reason, policy=policy)
            if t.status != PRINTING:
                return t
            if policy == "cancel":
                t = self.store.update_ticket(t.id, status=CANCELLED, reason=f"printer: {reason}")
                self.store.append_event(now, "cancelled", t, actor="system", reason=t.reason)
            else:
                t = self.store.update_ticket(t.id, status=WAITING)
                self.store.append_event(now, "shown_on_screen", t, actor=t.kiosk or self.actor)
            return t

    def record(self, kind: str, actor: str = "", ticket_id: int | None = None,
               counter: int | None = None, **data: Any) -> int:
        """Append an event that changes no ticket: a device fault (printer_fault with a reason),
        a test print, a reprint. Staff windows show these."""
        with self.store.write():
            t = self.store.ticket(ticket_id) if ticket_id is not None else None
            return self.store.append_event(self.now(), kind, t, counter, actor or self.actor, **data)

    def resolve_printing(self, policy: str, reason: str = "restart", kiosk: str | None = None,
                         older_than: float = 0.0, exclude: tuple[int, ...] = ()) -> list[Ticket]:
        """Tickets left in `printing` by a crash or power cut get the failure policy, so no ghost
        number stays in the queue. `kiosk` limits it to one kiosk's tickets; `older_than`
        (seconds) spares a job another process may be printing right now."""
        cutoff = self.now() - timedelta(seconds=older_than)
        stuck = [t for t in self.store.tickets(statuses=(PRINTING,))
                 if (kiosk is None or t.kiosk == kiosk) and t.issued_at <= cutoff and t.id not in exclude]
        return [self.print_failed(t.id, reason, policy) for t in stuck]

    # --- counters -----------------------------------------------------------------------------
    def counter_state(self, counter_id: int | str) -> CounterState:
        return self._state(self.counter(counter_id).id)

    def _state(self, counter: int) -> CounterState:
        """Today's state: yesterday's 'open' and yesterday's ticket do not count."""
        now = self.now()
        return self.store.counter_state(counter, schedule.service_day(now, self.cfg).isoformat(),
                                        schedule.day_start(now, self.cfg))

    def set_counter(self, counter_id: int | str, state: str, actor: str = "") -> CounterState:
        ctr = self.counter(counter_id)
        if state not in (COUNTER_OPEN, COUNTER_PAUSED, COUNTER_CLOSED):
            raise InvalidAction(f"Status loket '{state}' tidak dikenal (open, pause, close).",
                                f"Unknown counter state '{state}'.")
        with self.store.write():
            cur = self._state(ctr.id)
            if state != COUNTER_OPEN and cur.ticket is not None:
                raise InvalidAction(
                    f"{ctr.label} masih menangani {cur.ticket.label}; selesaikan, alihkan, atau "
                    "tandai tidak hadir dulu.",
                    f"{ctr.label} still has {cur.ticket.label}; finish or transfer it first.")
            if cur.state != state:
                self.store.set_counter_state(ctr.id, state, self.now())
                self.store.append_event(self.now(), f"counter_{state}", counter=ctr.id,
                                        actor=actor or self.actor)
            return self._state(ctr.id)

    def _ready_counter(self, ctr: Counter, actor: str) -> None:
        """Calling from a closed or paused counter opens it (the clerk is clearly there)."""
        cur = self._state(ctr.id)
        if cur.ticket is not None:
            raise InvalidAction(
                f"{ctr.label} masih menangani {cur.ticket.label}; selesaikan atau tandai tidak "
                "hadir dulu.", f"{ctr.label} still has {cur.ticket.label}; finish it first.",
                ticket=cur.ticket.label)
        if cur.state != COUNTER_OPEN:
            self.store.set_counter_state(ctr.id, COUNTER_OPEN, self.now())
            self.store.append_event(self.now(), "counter_open", counter=ctr.id, actor=actor)

    def _call(self, ctr: Counter, t: Ticket, actor: str) -> Ticket:
        now = self.now()
        t = self.store.update_ticket(t.id, status=CALLED, counter=ctr.id, called_at=now,
                                     calls=t.calls + 1)
        self.store.append_event(now, "called", t, ctr.id, actor, counter_name=ctr.label,
                                priority=t.priority,
                                waited_seconds=round((now - t.issued_at).total_seconds()))
        return t

    def call_next(self, counter_id: int | str, actor: str = "") -> Ticket:
        ctr = self.counter(counter_id)
        actor = actor or f"loket-{ctr.id}"
        self.rollover()
        with self.store.write():
            self._ready_counter(ctr, actor)
            queue = self.store.waiting(ctr.services, self.cfg.queue.priority_first, self.today())
            if not queue:
                raise NothingWaiting("Tidak ada antrean menunggu.", "Nobody is waiting.",
                                     counter=ctr.id)
            return self._call(ctr, queue[0], actor)

    def call_ticket(self, counter_id: int | str, label: str, actor: str = "") -> Ticket:
        """Call a specific ticket: one waiting, or a no-show still inside the requeue window."""
        ctr = self.counter(counter_id)
        actor = actor or f"loket-{ctr.id}"
        self.rollover()
        with self.store.write():
            t = self.ticket(label)
            if t.service not in ctr.services:
                raise InvalidAction(f"{t.label} bukan layanan {ctr.label}.",
                                    f"{t.label} is not served at {ctr.label}.")
            if t.status == NO_SHOW:
                t = self._requeue(t, actor)
            if t.status != WAITING:
                id_w, en_w = status_words(t.status)
                raise InvalidAction(f"{t.label} tidak sedang menunggu ({id_w}).",
                                    f"{t.label} is not waiting ({en_w}).")
            self._ready_counter(ctr, actor)
            return self._call(ctr, t, actor)

    def _current(self, ctr: Counter, allowed: tuple[str, ...], action: str) -> Ticket:
        t = self.store.at_counter(ctr.id, self.today())
        if t is None:
            raise InvalidAction(f"Belum ada tiket dipanggil di {ctr.label}.",
                                f"No ticket has been called at {ctr.label}.")
        if t.status not in allowed:
            id_w, en_w = status_words(t.status)
            raise InvalidAction(f"{t.label} {id_w}; tidak bisa {action}.",
                                f"{t.label} is {en_w}; cannot {action}.")
        return t

    def recall(self, counter_id: int | str, actor: str = "") -> Ticket:
        ctr = self.counter(counter_id)
        with self.store.write():
            t = self._current(ctr, (CALLED,), "dipanggil ulang")
            now = self.now()
            t = self.store.update_ticket(t.id, calls=t.calls + 1)
            self.store.append_event(now, "recalled", t, ctr.id, actor or f"loket-{ctr.id}",
                                    counter_name=ctr.label, calls=t.calls)
            return t

    def start_serving(self, counter_id: int | str, actor: str = "") -> Ticket:
        ctr = self.counter(counter_id)
        with self.store.write():
            t = self._current(ctr, (CALLED,), "mulai dilayani")
            t = self.store.update_ticket(t.id, status=SERVING, serving_at=self.now())
            self.store.append_event(self.now(), "serving", t, ctr.id, actor or f"loket-{ctr.id}")
            return t

    def finish(self, counter_id: int | str, actor: str = "") -> Ticket:
        ctr = self.counter(counter_id)
        with self.store.write():
            t = self._current(ctr, AT_COUNTER, "diselesaikan")
            now = self.now()
            t = self.store.update_ticket(t.id, status=DONE, done_at=now)
            start = t.serving_at or t.called_at or now
            self.store.append_event(now, "done", t, ctr.id, actor or f"loket-{ctr.id}",
                                    service_seconds=round((now - start).total_seconds()))
            return t

    def finish_and_call(self, counter_id: int | str, actor: str = "") -> tuple[Ticket, Ticket | None]:
        """Finish the current ticket and call the next one, in one transaction."""
        with self.store.write():
            done = self.finish(counter_id, actor)
            try:
                return done, self.call_next(counter_id, actor)
            except NothingWaiting:
                return done, None

    def no_show(self, counter_id: int | str, actor: str = "") -> Ticket:
        ctr = self.counter(counter_id)
        with self.store.write():
            t = self._current(ctr, (CALLED,), "ditandai tidak hadir")
            t = self.store.update_ticket(t.id, status=NO_SHOW, done_at=self.now())
            self.store.append_event(self.now(), "no_show", t, ctr.id, actor or f"loket-{ctr.id}",
                                    calls=t.calls)
            return t

    def _requeue(self, t: Ticket, actor: str) -> Ticket:
        now = self.now()
        window = timedelta(minutes=self.cfg.queue.noshow_requeue_minutes)
        if t.status != NO_SHOW:
            raise InvalidAction(f"{t.label} bukan tiket tidak hadir.", f"{t.label} is not a no-show.")
        if t.done_at is None or now - t.done_at > window:
            raise InvalidAction(
                f"{t.label} terlewat lebih dari {self.cfg.queue.noshow_requeue_minutes} menit; "
                "silakan ambil tiket baru.", f"{t.label} missed its turn too long ago; take a new ticket.")
        t = self.store.update_ticket(t.id, status=WAITING, counter=None, done_at=None, queued_at=now)
        self.store.append_event(now, "requeued", t, actor=actor)
        return t

    def requeue(self, label: str, actor: str = "") -> Ticket:
        """A no-show who comes back within the window rejoins the queue (at its end)."""
        with self.store.write():
            return self._requeue(self.ticket(label), actor or self.actor)

    def transfer(self, counter_id: int | str, service_key: str, actor: str = "") -> Ticket:
        """Send the counter's ticket to another service's queue, keeping its label and its place
        in line (its original queue time)."""
        ctr = self.counter(counter_id)
        svc = self.service(service_key)
        with self.store.write():
            t = self._current(ctr, AT_COUNTER, "dialihkan")
            if svc.code == t.service:
                raise InvalidAction(f"{t.label} sudah di layanan {svc.name}.",
                                    f"{t.label} is already in {svc.name_en or svc.name}.")
            old = t.service
            # the next counter's service time starts when it serves, not when this one did
            t = self.store.update_ticket(t.id, status=WAITING, service=svc.code, counter=None, serving_at=None)
            self.store.append_event(self.now(), "transferred", t, ctr.id, actor or f"loket-{ctr.id}",
                                    from_service=old, to_service=svc.code)
            return t

    def cancel(self, label: str, reason: str, actor: str = "") -> Ticket:
        with self.store.write():
            t = self.ticket(label)
            if t.status not in (PRINTING, WAITING, CALLED):
                id_w, en_w = status_words(t.status)
                raise InvalidAction(f"{t.label} tidak bisa dibatalkan ({id_w}).",
                                    f"{t.label} cannot be cancelled ({en_w}).")
            t = self.store.update_ticket(t.id, status=CANCELLED, reason=reason)
            self.store.append_event(self.now(), "cancelled", t, t.counter, actor or self.actor,
                                    reason=reason)
            return t

    # --- floor staff ----------------------------------------------------------------------------
    def verify_pin(self, pin: str, actor: str, action: str) -> None:
        """Check the floor-staff PIN. After PIN_TRIES wrong ones from the same place (kiosk,
        window, CLI) within PIN_REST, that place must wait: a public kiosk must not be
        brute-forced. Counted from the event log, so it holds across processes and restarts."""
        since = self.now() - PIN_REST
        recent = self.store.events(0, PIN_TRIES, kinds=("pin_refused",), since_at=since, actor=actor,
                                   newest_first=True)
        if len(recent) >= PIN_TRIES:
            wait = max(1, round((recent[-1].at + PIN_REST - self.now()).total_seconds() / 60))
            raise WrongPin(f"Terlalu banyak PIN salah; coba lagi dalam {wait} menit.",
                           f"Too many wrong PINs; try again in {wait} min.", wait_minutes=wait)
        if not check_pin(pin, self.cfg.site.staff_pin_hash):
            with self.store.write():
                self.store.append_event(self.now(), "pin_refused", actor=actor, action=action)
            raise WrongPin("PIN salah; tidak ada yang diubah.", "Wrong PIN; nothing was changed.")

    def set_service_open(self, service_key: str, is_open: bool, reason: str = "",
                         actor: str = "") -> None:
        svc = self.service(service_key)
        with self.store.write():
            sd = self.store.service_day(self.today(), svc.code)
            self.store.save_service_day(replace(sd, closed=not is_open,
                                                closed_reason="" if is_open else reason))
            self.store.append_event(self.now(), "service_open" if is_open else "service_closed",
                                    service=svc.code, actor=actor or self.actor, reason=reason)

    def set_quota(self, service_key: str, quota: int | None = None,
                  priority_quota: int | None = None, actor: str = "") -> None:
        svc = self.service(service_key)
        if any(q is not None and q < 0 for q in (quota, priority_quota)):
            raise InvalidAction("Kuota tidak boleh negatif.", "A quota cannot be negative.")
        with self.store.write():
            sd = self.store.service_day(self.today(), svc.code)
            sd = replace(sd, quota=sd.quota if quota is None else quota,
                         priority_quota=sd.priority_quota if priority_quota is None else priority_quota)
            self.store.save_service_day(sd)
            self.store.append_event(self.now(), "quota_changed", service=svc.code,
                                    actor=actor or self.actor, quota=sd.quota,
                                    priority_quota=sd.priority_quota)

    def reset(self, service_key: str | None, pin: str, reason: str, actor: str = "") -> list[dict[str, object]]:
        """Manual reset: for one service or all. Waiting tickets are cancelled with the reason,
        numbering restarts at 1 in a new epoch. Tickets at a counter are left to finish.
        Nothing is deleted."""
        actor = actor or self.actor
        services = [self.service(service_key)] if service_key else list(self.cfg.services)
        if not reason.strip():
            raise InvalidAction("Alasan reset wajib diisi.", "A reason is required for a reset.")
        self.verify_pin(pin, actor, "reset")
        self.rollover()
        out: list[dict[str, object]] = []
        with self.store.write():
            now, today = self.now(), self.today()
            for svc in services:
                sd = self.store.service_day(today, svc.code)
                self.store.save_service_day(replace(sd, epoch=sd.epoch + 1))
                # only waiting: a ticket mid-print is already in a citizen's hand; it finishes
                # printing and keeps its place
                victims = self.store.tickets(day=today, services=(svc.code,), statuses=(WAITING,))
                for t in victims:
                    t = self.store.update_ticket(t.id, status=CANCELLED, reason=f"reset: {reason}")
                    self.store.append_event(now, "cancelled", t, actor=actor, reason=t.reason)
                self.store.append_event(now, "reset", service=svc.code, actor=actor, reason=reason,
                                        epoch=sd.epoch + 1, cancelled=len(victims))
                out.append({"service": svc.code, "epoch": sd.epoch + 1, "cancelled": len(victims)})
        return out
