"""The counter console's presenter: it reads the queue, decides which actions make sense and
runs them through the engine. Qt-free, so it is tested without pixels; the view only shows what
a Snapshot says. Every method that touches the store is meant to run on the window's one worker
thread, never on the UI thread."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core import schedule
from core.engine import Engine
from core.errors import AntreError
from core.model import CALLED, COUNTER_CLOSED, COUNTER_OPEN, COUNTER_PAUSED, DONE, NO_SHOW, Event, Ticket
from core.texts import STATUS_WORDS
from ui.message import Message

# Action keys, in the order of their function keys (F1..F8). "call_ticket" has no F key: it is
# the button under the waiting list (and Enter on a selected row).
CALL_NEXT, RECALL, SERVE, FINISH, NO_SHOW_ACT, TRANSFER, PAUSE, CLOSE, CALL_TICKET = (
    "call_next", "recall", "serve", "finish", "no_show", "transfer", "pause", "close", "call_ticket")
F_KEYS = (CALL_NEXT, RECALL, SERVE, FINISH, NO_SHOW_ACT, TRANSFER, PAUSE, CLOSE)

STATUS_ID = {state: words[0] for state, words in STATUS_WORDS.items()}
COUNTER_STATE = {COUNTER_OPEN: ("BUKA", "open"), COUNTER_PAUSED: ("JEDA", "paused"),
                 COUNTER_CLOSED: ("TUTUP", "closed")}


@dataclass(frozen=True)
class Action:
    enabled: bool
    reason_id: str = ""  # why it is disabled, shown on hover
    reason_en: str = ""

    @property
    def tooltip(self) -> str:
        return f"{self.reason_id}\n{self.reason_en}" if self.reason_id else ""


@dataclass(frozen=True)
class Row:
    """A ticket in the waiting list (or a recent no-show that may still be called back)."""

    label: str
    service: str
    service_name: str
    priority: bool
    status: str
    issued_at: datetime
    missed_at: datetime | None = None
    token: str = ""  # identifies the ticket even when a reset has reused its label

    @property
    def key(self) -> str:
        return self.token or self.label


@dataclass(frozen=True)
class Figures:
    served: int = 0
    no_show: int = 0
    transferred: int = 0
    median_service_minutes: float | None = None


@dataclass(frozen=True)
class Snapshot:
    counter_id: int
    counter_label: str
    service_names: tuple[str, ...]
    state: str
    current: Ticket | None
    current_service_name: str
    waiting: tuple[Row, ...]
    missed: tuple[Row, ...]
    figures: Figures
    actions: dict[str, Action] = field(default_factory=dict)
    finish_calls_next: bool = False


@dataclass(frozen=True)
class Result:
    message: Message
    snapshot: Snapshot


def minutes_text(delta: timedelta) -> str:
    """'14 mnt', '1 j 05 mnt': how long someone waited."""
    m = max(0, int(delta.total_seconds() // 60))
    return f"{m // 60} j {m % 60:02d} mnt" if m >= 60 else f"{m} mnt"


def clock_text(delta: timedelta) -> str:
    """'03:25', '1:02:07': a running stopwatch."""
    s = max(0, int(delta.total_seconds()))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


def decide(state: str, current: Ticket | None, waiting: int, missed: int) -> dict[str, Action]:
    """Which actions make sense now, and in plain words why the others do not."""
    a: dict[str, Action] = {}
    if current is not None:
        busy = Action(False, f"Selesaikan {current.label} dulu (F4), alihkan (F6) atau tandai tidak hadir (F5).",
                      f"Finish {current.label} first (F4), transfer it (F6) or mark it no-show (F5).")
        a[CALL_NEXT] = a[CALL_TICKET] = busy
    else:
        a[CALL_NEXT] = Action(True) if waiting else Action(False, "Tidak ada antrean menunggu.",
                                                           "Nobody is waiting.")
        a[CALL_TICKET] = Action(True) if waiting + missed else Action(
            False, "Tidak ada antrean menunggu.", "Nobody is waiting.")
    none = Action(False, "Belum ada tiket dipanggil di loket ini.", "No ticket has been called here.")
    if current is None:
        for key in (RECALL, SERVE, FINISH, NO_SHOW_ACT, TRANSFER):
            a[key] = none
    else:
        serving = Action(False, f"{current.label} sudah dilayani.", f"{current.label} is already being served.")
        called = current.status == CALLED
        a[RECALL] = Action(True) if called else serving
        a[SERVE] = Action(True) if called else serving
        a[NO_SHOW_ACT] = Action(True) if called else Action(
            False, f"{current.label} sudah dilayani; warga ini hadir.",
            f"{current.label} is being served; the citizen is here.")
        a[FINISH] = Action(True)
        a[TRANSFER] = Action(True)
    if current is not None and state == COUNTER_OPEN:
        a[PAUSE] = Action(False, f"{current.label} masih di loket; selesaikan dulu sebelum jeda.",
                          f"{current.label} is still at the counter; finish it before pausing.")
    else:
        a[PAUSE] = Action(True)  # pause an open counter, or open a paused or closed one
    if state == COUNTER_CLOSED:
        a[CLOSE] = Action(False, "Loket sudah tutup.", "The counter is already closed.")
    elif current is not None:
        a[CLOSE] = Action(False, f"{current.label} masih di loket; selesaikan dulu sebelum tutup.",
                          f"{current.label} is still at the counter; finish it before closing.")
    else:
        a[CLOSE] = Action(True)
    return a


class CounterPresenter:
    def __init__(self, engine: Engine, counter_id: int | str, actor: str = "") -> None:
        self.engine = engine
        self.counter = engine.counter(counter_id)
        self.actor = actor or f"loket-{self.counter.id}"
        self.finish_calls_next = engine.cfg.queue.finish_calls_next

    # --- reading --------------------------------------------------------------------------
    def now(self) -> datetime:
        """The clock for stopwatches on screen. Not engine.now(): that reads the store, and the
        UI thread never touches the store (its connection belongs to the worker thread)."""
        return self.engine.clock.now()

    def service_name(self, code: str) -> str:
        svc = self.engine.cfg.service(code)
        return svc.name if svc else code

    def _row(self, t: Ticket) -> Row:
        return Row(t.label, t.service, self.service_name(t.service), t.priority, t.status, t.issued_at,
                   t.done_at if t.status == NO_SHOW else None, t.token)

    def snapshot(self) -> Snapshot:
        eng, ctr = self.engine, self.counter
        today = eng.today()
        cs = eng.store.counter_state(ctr.id)
        # Call order: priority tickets first (when configured), then oldest first.
        waiting = tuple(self._row(t) for t in eng.store.waiting(ctr.services, eng.cfg.queue.priority_first, today))
        window = timedelta(minutes=eng.cfg.queue.noshow_requeue_minutes)
        now = eng.now()
        # Only what the figures and the call-back list need: a busy day has thousands of tickets.
        tickets = eng.store.tickets(day=today, services=ctr.services, statuses=(DONE, NO_SHOW))
        missed = tuple(self._row(t) for t in reversed(tickets)
                       if t.status == NO_SHOW and t.service in ctr.services and t.done_at is not None
                       and now - t.done_at <= window)
        mine = [t for t in tickets if t.counter == ctr.id]
        served = [t for t in mine if t.status == DONE]
        times = [m for t in served if (m := t.service_minutes()) is not None]
        day_start = schedule.day_start(eng.now(), eng.cfg)
        transferred = len(eng.store.events(kinds=("transferred",), since_at=day_start, counter=ctr.id, limit=10_000))
        figures = Figures(served=len(served), no_show=sum(1 for t in mine if t.status == NO_SHOW),
                          transferred=transferred,
                          median_service_minutes=round(statistics.median(times), 1) if times else None)
        cur = cs.ticket
        return Snapshot(ctr.id, ctr.label, tuple(self.service_name(s) for s in ctr.services), cs.state, cur,
                        self.service_name(cur.service) if cur else "", waiting, missed, figures,
                        decide(cs.state, cur, len(waiting), len(missed)), self.finish_calls_next)

    def transfer_targets(self) -> list[tuple[str, str]]:
        """(code, name) of the services a ticket can be sent to: this counter's first, then the
        rest of the building, so the common case is at the top of the chooser."""
        own = [s for s in self.engine.cfg.services if s.code in self.counter.services]
        rest = [s for s in self.engine.cfg.services if s.code not in self.counter.services]
        return [(s.code, f"{s.prefix} · {s.name}") for s in own + rest]

    # --- acting ---------------------------------------------------------------------------
    def act(self, action: str, arg: str = "") -> Result:
        """Run one action; a known error becomes a plain-words message, never an exception."""
        try:
            message = self._run(action, arg)
        except AntreError as e:
            message = Message("error", e.id_text, e.en_text)
        return Result(message, self.snapshot())

    def _run(self, action: str, arg: str) -> Message:
        eng, cid, who, where = self.engine, self.counter.id, self.actor, self.counter.label
        if action == CALL_NEXT:
            t = eng.call_next(cid, who)
            return Message("ok", f"{t.label} dipanggil ke {where}.", f"{t.label} called to {where}.")
        if action == CALL_TICKET:
            if not arg:
                return Message("error", "Pilih tiket di daftar dulu.", "Select a ticket in the list first.")
            t = eng.call_ticket(cid, arg, who)
            return Message("ok", f"{t.label} dipanggil ke {where}.", f"{t.label} called to {where}.")
        if action == RECALL:
            t = eng.recall(cid, who)
            return Message("ok", f"{t.label} dipanggil ulang (panggilan ke-{t.calls}).",
                           f"{t.label} called again (call {t.calls}).")
        if action == SERVE:
            t = eng.start_serving(cid, who)
            return Message("ok", f"{t.label} mulai dilayani.", f"Serving {t.label}.")
        if action == FINISH:
            return self._finish()
        if action == NO_SHOW_ACT:
            t = eng.no_show(cid, who)
            mins = eng.cfg.queue.noshow_requeue_minutes
            return Message("ok", f"{t.label} ditandai tidak hadir; bisa dipanggil lagi dalam {mins} menit.",
                           f"{t.label} marked no-show; it can be called back within {mins} minutes.")
        if action == TRANSFER:
            t = eng.transfer(cid, arg, who)
            name = self.service_name(t.service)
            return Message("ok", f"{t.label} dialihkan ke {name}; nomornya tetap dan tempatnya di antrean dijaga.",
                           f"{t.label} transferred to {name}; same number, same place in line.")
        if action == PAUSE:
            # read and change in one transaction: floor staff may close the counter meanwhile
            with eng.store.write():
                paused = eng.counter_state(cid).state == COUNTER_OPEN
                eng.set_counter(cid, COUNTER_PAUSED if paused else COUNTER_OPEN, who)
            return Message("ok", f"{where} dijeda.", f"{where} paused.") if paused else Message(
                "ok", f"{where} dibuka.", f"{where} open.")
        if action == CLOSE:
            eng.set_counter(cid, COUNTER_CLOSED, who)
            return Message("ok", f"{where} ditutup.", f"{where} closed.")
        raise ValueError(f"unknown action {action!r}")

    def _finish(self) -> Message:
        eng, cid, who = self.engine, self.counter.id, self.actor
        if not self.finish_calls_next:
            t = eng.finish(cid, who)
            return Message("ok", f"{t.label} selesai.", f"{t.label} done.")
        done, nxt = eng.finish_and_call(cid, who)
        if nxt is None:
            return Message("ok", f"{done.label} selesai. Tidak ada antrean menunggu.",
                           f"{done.label} done. Nobody is waiting.")
        return Message("ok", f"{done.label} selesai; {nxt.label} dipanggil ke {self.counter.label}.",
                       f"{done.label} done; {nxt.label} called to {self.counter.label}.")

    # --- what other processes did -----------------------------------------------------------
    def notices(self, events: list[Event]) -> list[Message]:
        """Engine events this clerk should know about: printer faults and resets (and services
        of this counter closed for today), as banner messages."""
        out: list[Message] = []
        resets: list[Event] = []
        for e in events:
            if e.kind == "printer_fault":
                reason = str(e.data.get("reason", "")) or "tidak diketahui"
                ticket = f" Tiket {e.label} ditampilkan di layar kiosk." if e.label else ""
                out.append(Message("warn", f"Printer tiket bermasalah ({reason}).{ticket} Hubungi petugas lantai.",
                                   f"The ticket printer has a fault ({reason}). Call the floor staff."))
            elif e.kind == "reset" and e.service in self.counter.services:
                resets.append(e)
            elif e.kind == "service_closed" and e.service in self.counter.services:
                why = f" ({e.data['reason']})" if e.data.get("reason") else ""
                name = self.service_name(e.service)
                out.append(Message("warn", f"Layanan {name} ditutup hari ini oleh {e.actor}{why}.",
                                   f"{name} was closed for today by {e.actor}{why}."))
        if resets:
            cancelled = sum(int(e.data.get("cancelled", 0)) for e in resets)
            names = ", ".join(self.service_name(e.service) for e in resets)
            why = resets[-1].data.get("reason", "")
            out.append(Message("warn", f"Antrean {names} direset oleh {resets[-1].actor} ({why}): {cancelled} tiket "
                               "menunggu dibatalkan, nomor mulai lagi dari 1.",
                               f"The {names} queue was reset ({why}): {cancelled} waiting tickets cancelled, "
                               "numbers restart at 1."))
        return out

    def recent_notices(self, minutes: int = 15) -> list[Message]:
        """At start: faults and resets of the last minutes, so a console opened just after a
        printer fault still shows it."""
        since = self.engine.now() - timedelta(minutes=minutes)
        return self.notices(self.engine.store.events(kinds=("printer_fault", "reset", "service_closed"),
                                                     since_at=since))

