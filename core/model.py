"""Domain records: tickets, events, counter states. Plain data, no behaviour that needs I/O."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

# Ticket states. printing -> waiting -> called -> serving -> done; called -> no_show (-> waiting);
# printing/waiting/called -> cancelled; anything open from an earlier day -> expired.
PRINTING, WAITING, CALLED, SERVING, DONE = "printing", "waiting", "called", "serving", "done"
NO_SHOW, CANCELLED, EXPIRED = "no_show", "cancelled", "expired"
OPEN_STATES = (PRINTING, WAITING, CALLED, SERVING)
AT_COUNTER = (CALLED, SERVING)

# Counter states
COUNTER_OPEN, COUNTER_PAUSED, COUNTER_CLOSED = "open", "paused", "closed"


def make_label(prefix: str, number: int) -> str:
    """A-001 ... A-999, A-1000: at least three digits."""
    return f"{prefix}-{number:03d}"


@dataclass(frozen=True)
class Ticket:
    id: int
    day: str  # service day, ISO date in the site's timezone
    service: str  # the queue it is in now (changes on transfer)
    origin_service: str  # the service that numbered it
    epoch: int
    number: int
    label: str
    priority: bool
    status: str
    token: str
    issued_at: datetime
    queued_at: datetime  # its place in the queue (first come, first served)
    counter: int | None = None
    called_at: datetime | None = None
    serving_at: datetime | None = None
    done_at: datetime | None = None
    calls: int = 0
    kiosk: str = ""
    reason: str = ""

    def wait_minutes(self) -> float | None:
        """From issue to the (last) call; None while never called."""
        return (self.called_at - self.issued_at).total_seconds() / 60 if self.called_at else None

    def service_minutes(self) -> float | None:
        """From the start of service (or the call, if serving was never pressed) to done; None
        unless done."""
        start = self.serving_at or self.called_at
        if self.status != DONE or self.done_at is None or start is None:
            return None
        return (self.done_at - start).total_seconds() / 60

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for k, v in d.items():
            if isinstance(v, datetime):
                d[k] = v.isoformat()
        return d


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    kind: str
    ticket_id: int | None
    label: str
    service: str
    counter: int | None
    actor: str
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["at"] = self.at.isoformat()
        return d


@dataclass(frozen=True)
class CounterState:
    id: int
    state: str
    since: datetime | None
    ticket: Ticket | None  # the ticket called or being served there, if any


@dataclass(frozen=True)
class ServiceDay:
    """Today's overrides for one service, set by floor staff."""

    service: str
    day: str
    epoch: int = 1
    closed: bool = False
    closed_reason: str = ""
    quota: int | None = None
    priority_quota: int | None = None
