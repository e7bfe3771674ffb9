"""What the hall board shows, as plain data (Qt-free): counter tiles, the last calls, people
waiting per service. Two inputs keep it right:

- events from the change watcher, applied at once (a call shows within one poll);
- a snapshot read in one read transaction on a worker thread (today's full state), which
  corrects anything the events alone cannot know (a reset, a new day, a restart).

A snapshot can be older than events already applied (it was read while they were committed),
so after a snapshot the newer events seen since are applied again on top."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from typing import Any

from core import schedule, stats
from core.config import Config
from core.engine import Engine
from core.model import Event

CALL_KINDS = ("called", "recalled")
_LEAVES = ("done", "no_show", "transferred", "cancelled", "expired")
_COUNTER_STATES = {"counter_open": "open", "counter_paused": "paused", "counter_closed": "closed"}


@dataclass(frozen=True)
class Call:
    event_id: int
    kind: str  # called | recalled
    label: str
    counter: int
    counter_name: str
    service: str
    service_name: str
    at: datetime


@dataclass
class Tile:
    counter: int
    name: str
    ticket: str | None = None
    status: str | None = None  # called | serving
    state: str = "closed"  # open | paused | closed
    highlight_event: int = 0  # the call that lit it
    highlight_until: float = 0.0  # monotonic seconds

    def lit(self, now: float) -> bool:
        return now < self.highlight_until


@dataclass(frozen=True)
class Waiting:
    prefix: str
    name: str
    waiting: int
    state: str  # open, not_yet_open, closed_for_day, ... (schedule.availability states)


@dataclass(frozen=True)
class Snapshot:
    last_event_id: int
    day: str
    counters: list[dict[str, Any]]
    services: list[dict[str, Any]]
    recent: list[Call] = field(default_factory=list)


def call_from(cfg: Config, e: Event) -> Call:
    ctr = cfg.counter(e.counter) if e.counter is not None else None
    svc = cfg.service(e.service) if e.service else None
    return Call(e.id, e.kind, e.label, e.counter or 0,
                ctr.label if ctr else str(e.data.get("counter_name") or f"Loket {e.counter}"),
                e.service, svc.name if svc else e.service, e.at)


def take_snapshot(engine: Engine, recent: int) -> Snapshot:
    """Today's state in one read transaction (so last_event_id matches what was read)."""
    store = engine.store
    store.conn.execute("BEGIN")
    try:
        last = store.last_event_id()
        status = stats.status(engine)
        day = schedule.service_day(engine.now(), engine.cfg)
        start = datetime.combine(day, time(0), tzinfo=engine.cfg.tz)
        calls = store.events(kinds=CALL_KINDS, since_at=start, limit=1_000_000)
    finally:
        store.conn.execute("COMMIT")
    newest: list[Call] = []
    seen: set[str] = set()
    for e in reversed(calls):
        if e.label not in seen and e.id <= last:
            seen.add(e.label)
            newest.append(call_from(engine.cfg, e))
        if len(newest) >= recent:
            break
    return Snapshot(last, status["day"], status["counters"], status["services"], newest)


class Board:
    def __init__(self, cfg: Config, recent: int = 6, highlight_seconds: float = 6.0) -> None:
        self.cfg = cfg
        self.recent_n = recent
        self.highlight_seconds = highlight_seconds
        self.tiles: dict[int, Tile] = {c.id: Tile(c.id, c.label) for c in cfg.counters}
        self.recent: list[Call] = []
        self.waiting: list[Waiting] = []
        self.latest: Call | None = None
        self.latest_until = 0.0
        self.last_event_id = 0
        self.day = ""
        self._since_snapshot: deque[Event] = deque(maxlen=2000)  # bounded: the display runs for days

    def apply_events(self, events: list[Event], now: float) -> list[Call]:
        """Apply new events; returns the calls among them (in commit order)."""
        calls = []
        for e in events:
            if e.id <= self.last_event_id:
                continue
            self._since_snapshot.append(e)
            call = self._apply(e, now)
            if call is not None:
                calls.append(call)
        return calls

    def _apply(self, e: Event, now: float) -> Call | None:
        self.last_event_id = e.id
        tile = self.tiles.get(e.counter) if e.counter is not None else None
        if e.kind in CALL_KINDS and e.counter is not None:
            call = call_from(self.cfg, e)
            if tile is not None:
                tile.ticket, tile.status, tile.state = e.label, "called", "open"
                if e.id > tile.highlight_event:
                    tile.highlight_event, tile.highlight_until = e.id, now + self.highlight_seconds
            self._push_recent(call)
            if self.latest is None or e.id > self.latest.event_id:
                self.latest, self.latest_until = call, now + self.highlight_seconds
            return call
        if tile is None:
            return None
        if e.kind == "serving" and tile.ticket == e.label:
            tile.status = "serving"
        elif e.kind in _LEAVES and tile.ticket == e.label:
            tile.ticket = tile.status = None
        elif e.kind in _COUNTER_STATES:
            tile.state = _COUNTER_STATES[e.kind]
        return None

    def _push_recent(self, call: Call) -> None:
        self.recent = [call] + [c for c in self.recent if c.label != call.label]
        del self.recent[self.recent_n:]

    def apply_snapshot(self, snap: Snapshot, now: float) -> None:
        if snap.day != self.day and self.day:
            self.latest = None  # a new service day: yesterday's last call is not "now calling"
        self.day = snap.day
        for row in snap.counters:
            tile = self.tiles.get(row["counter"])
            if tile is None:
                continue
            tile.ticket, tile.status, tile.state = row["ticket"], row["ticket_status"], row["state"]
        self.recent = list(snap.recent[: self.recent_n])
        if self.latest is None and self.recent:
            self.latest = self.recent[0]
        self.waiting = [Waiting(s["prefix"], s["name"], int(s["waiting"]), str(s["state"]))
                        for s in snap.services]
        newer = [e for e in self._since_snapshot if e.id > snap.last_event_id]
        self._since_snapshot.clear()
        self.last_event_id = snap.last_event_id
        for e in newer:  # committed after the snapshot was read: apply again, highlights kept
            self._since_snapshot.append(e)
            self._apply(e, now)

    def lit(self, now: float) -> bool:
        """Anything still highlighted (the window keeps its blink timer only while true)."""
        return now < self.latest_until or any(t.lit(now) for t in self.tiles.values())

    def tile_list(self) -> list[Tile]:
        return [replace(t) for t in self.tiles.values()]
