"""All SQL lives here. One SQLite file through sqlite-utils: WAL, synchronous=FULL, busy_timeout,
every write inside `with store.write():` (BEGIN IMMEDIATE). The engine calls the named methods
below; a PostgreSQL store would implement the same ones."""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from core.errors import StoreUnavailable
from core.model import AT_COUNTER, COUNTER_CLOSED, CounterState, Event, ServiceDay, Ticket

log = logging.getLogger("antre.store")
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000
_TICKET_COLS = ("id, day, service, origin_service, epoch, number, label, priority, status, token, "
                "issued_at, queued_at, counter, called_at, serving_at, done_at, calls, kiosk, reason")


def ts(moment: datetime) -> str:
    """Fixed-width UTC text, so that text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _ticket(row: Sequence[Any]) -> Ticket:
    (id_, day, service, origin, epoch, number, label, priority, status, token, issued, queued,
     counter, called, serving, done, calls, kiosk, reason) = row
    return Ticket(id_, day, service, origin, epoch, number, label, bool(priority), status, token,
                  datetime.fromisoformat(issued), datetime.fromisoformat(queued), counter,
                  _dt(called), _dt(serving), _dt(done), calls, kiosk, reason)


def _event(row: Sequence[Any]) -> Event:
    id_, at, kind, ticket_id, label, service, counter, actor, data = row
    return Event(id_, datetime.fromisoformat(at), kind, ticket_id, label or "", service or "",
                 counter, actor or "", json.loads(data) if data else {})


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE/COMMIT ourselves; Python never opens an
    # implicit (deferred) transaction that could later fail to upgrade to a write lock.
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # a committed ticket survives a power cut
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _unavailable(e: sqlite3.Error) -> StoreUnavailable:
    text = str(e)
    if "locked" in text or "busy" in text:
        return StoreUnavailable("Basis data sedang sibuk, silakan coba lagi.",
                                "The database is busy, please try again.", detail=text)
    if "full" in text:
        return StoreUnavailable("Penyimpanan penuh; hubungi petugas TI.",
                                "The disk is full; call IT staff.", detail=text)
    return StoreUnavailable("Basis data tidak dapat dibuka atau ditulis; hubungi petugas TI.",
                            "The database cannot be opened or written; call IT staff.", detail=text)


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._depth = 0
        self._committed_log: list[tuple[Any, ...]] = []  # event lines, logged once committed
        self._last_at: list[datetime | None] = []  # last event time, cached inside a write transaction
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = _connect(self.path)
            self.db = sqlite_utils.Database(self.conn)
            self._migrate()
        except sqlite3.Error as e:
            raise _unavailable(e) from e

    def close(self) -> None:
        self.conn.close()

    # --- transactions -------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Store]:
        """One write transaction (BEGIN IMMEDIATE): the write lock is taken up front, so a
        read-then-write inside it can never fail half way with 'database is locked'."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin_immediate()
        self._depth = 1
        self._last_at.clear()
        try:
            yield self
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            self._rollback()
            raise _unavailable(e) from e
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0
            self._last_at.clear()
        for line in self._committed_log:
            log.info("event #%d %s %s service=%s counter=%s actor=%s %s", *line)
        self._committed_log.clear()

    def _rollback(self) -> None:
        self._committed_log.clear()
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _begin_immediate(self) -> None:
        """Take the write lock, retrying every ~1 ms until BUSY_TIMEOUT_MS. SQLite's own busy
        handler backs off to 100 ms sleeps, so under contention one process starves the others
        and throughput collapses; short, jittered retries keep writers fair and fast."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as e:
                    if ("locked" not in str(e) and "busy" not in str(e)) or time.monotonic() > deadline:
                        raise _unavailable(e) from e
                    time.sleep(random.uniform(0.0002, 0.0015))
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _x(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as e:  # I/O error, lost share, busy too long: the environment's
            raise _unavailable(e) from e

    # --- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self._x("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreUnavailable(
                "Basis data dibuat oleh versi Antre yang lebih baru.",
                f"The database has schema {version}; this Antre knows up to {SCHEMA_VERSION}.")
        if version == SCHEMA_VERSION:
            return
        with self.write():
            version = self._x("PRAGMA user_version").fetchone()[0]  # another process may have won
            if version < 1:
                self._schema_v1()
            self._x(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _schema_v1(self) -> None:
        db = self.db
        db.table("tickets").create({
            "id": int, "day": str, "service": str, "origin_service": str, "epoch": int,
            "number": int, "label": str, "priority": int, "status": str, "token": str,
            "issued_at": str, "queued_at": str, "counter": int, "called_at": str,
            "serving_at": str, "done_at": str, "calls": int, "kiosk": str, "reason": str,
        }, pk="id", not_null={"day", "service", "origin_service", "epoch", "number", "label",
                              "priority", "status", "token", "issued_at", "queued_at", "calls"},
            defaults={"calls": 0, "kiosk": "", "reason": ""})
        db.table("tickets").create_index(["day", "origin_service", "epoch", "number"], unique=True)
        db.table("tickets").create_index(["token"], unique=True)
        db.table("tickets").create_index(["status", "service", "priority", "queued_at"])
        db.table("tickets").create_index(["day", "label"])
        db.table("tickets").create_index(["counter", "status"])
        db.table("events").create({
            "id": int, "at": str, "kind": str, "ticket_id": int, "label": str, "service": str,
            "counter": int, "actor": str, "data": str,
        }, pk="id", not_null={"at", "kind"})
        # AUTOINCREMENT semantics without the rewrite: ids only grow, even after a rollback
        db.table("service_days").create({
            "day": str, "service": str, "epoch": int, "closed": int, "closed_reason": str,
            "quota": int, "priority_quota": int,
        }, pk=("day", "service"), defaults={"epoch": 1, "closed": 0, "closed_reason": ""})
        db.table("counters").create({"id": int, "state": str, "since": str}, pk="id")
        db.table("meta").create({"key": str, "value": str}, pk="key")

    # --- meta -----------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self._x("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._x("INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # --- service days -----------------------------------------------------------------------
    def service_day(self, day: str, service: str) -> ServiceDay:
        row = self._x("SELECT epoch, closed, closed_reason, quota, priority_quota FROM service_days "
                      "WHERE day = ? AND service = ?", (day, service)).fetchone()
        if row is None:
            return ServiceDay(service, day)
        return ServiceDay(service, day, row[0], bool(row[1]), row[2] or "", row[3], row[4])

    def save_service_day(self, sd: ServiceDay) -> None:
        self._x("INSERT INTO service_days(day, service, epoch, closed, closed_reason, quota, "
                "priority_quota) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(day, service) DO UPDATE "
                "SET epoch = excluded.epoch, closed = excluded.closed, closed_reason = "
                "excluded.closed_reason, quota = excluded.quota, priority_quota = "
                "excluded.priority_quota",
                (sd.day, sd.service, sd.epoch, int(sd.closed), sd.closed_reason, sd.quota,
                 sd.priority_quota))

    # --- tickets ----------------------------------------------------------------------------
    def next_number(self, day: str, service: str, epoch: int) -> int:
        row = self._x("SELECT MAX(number) FROM tickets WHERE day = ? AND origin_service = ? "
                      "AND epoch = ?", (day, service, epoch)).fetchone()
        return (row[0] or 0) + 1

    def count_issued(self, day: str, service: str, priority: bool) -> int:
        """Tickets that count against today's quota: all but the cancelled ones."""
        return self._x("SELECT COUNT(*) FROM tickets WHERE day = ? AND origin_service = ? AND "
                       "priority = ? AND status != 'cancelled'",
                       (day, service, int(priority))).fetchone()[0]

    def insert_ticket(self, t: Ticket) -> Ticket:
        cur = self._x(
            "INSERT INTO tickets(day, service, origin_service, epoch, number, label, priority, "
            "status, token, issued_at, queued_at, kiosk) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (t.day, t.service, t.origin_service, t.epoch, t.number, t.label, int(t.priority),
             t.status, t.token, ts(t.issued_at), ts(t.queued_at), t.kiosk))
        ticket = self.ticket(int(cur.lastrowid or 0))
        assert ticket is not None
        return ticket

    def update_ticket(self, ticket_id: int, **fields: Any) -> Ticket:
        values = [ts(v) if isinstance(v, datetime) else v for v in fields.values()]
        sets = ", ".join(f"{k} = ?" for k in fields)
        self._x(f"UPDATE tickets SET {sets} WHERE id = ?", (*values, ticket_id))
        ticket = self.ticket(ticket_id)
        assert ticket is not None
        return ticket

    def ticket(self, ticket_id: int) -> Ticket | None:
        row = self._x(f"SELECT {_TICKET_COLS} FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
        return _ticket(row) if row else None

    def ticket_by_label(self, day: str, label: str) -> Ticket | None:
        """Today's ticket with that label; after a reset, the newest epoch's."""
        row = self._x(f"SELECT {_TICKET_COLS} FROM tickets WHERE day = ? AND label = ? "
                      "ORDER BY epoch DESC, id DESC LIMIT 1", (day, label)).fetchone()
        return _ticket(row) if row else None

    def ticket_by_token(self, token: str) -> Ticket | None:
        row = self._x(f"SELECT {_TICKET_COLS} FROM tickets WHERE token = ?", (token,)).fetchone()
        return _ticket(row) if row else None

    def tickets(self, day: str | None = None, services: Sequence[str] = (),
                statuses: Sequence[str] = (), before_day: str | None = None) -> list[Ticket]:
        where, params = [], []  # type: tuple[list[str], list[Any]]
        if day is not None:
            where.append("day = ?")
            params.append(day)
        if before_day is not None:
            where.append("day < ?")
            params.append(before_day)
        for col, vals in (("service", services), ("status", statuses)):
            if vals:
                where.append(f"{col} IN ({', '.join('?' * len(vals))})")
                params += list(vals)
        sql = f"SELECT {_TICKET_COLS} FROM tickets"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_ticket(r) for r in self._x(sql + " ORDER BY id", params)]

    def waiting(self, services: Sequence[str], priority_first: bool, day: str) -> list[Ticket]:
        """The waiting queue of these services in call order."""
        if not services:
            return []
        order = "priority DESC, queued_at, id" if priority_first else "queued_at, id"
        marks = ", ".join("?" * len(services))
        rows = self._x(f"SELECT {_TICKET_COLS} FROM tickets WHERE status = 'waiting' AND "
                       f"day = ? AND service IN ({marks}) ORDER BY {order}", (day, *services))
        return [_ticket(r) for r in rows]

    def count_waiting(self, services: Sequence[str], day: str, priority_first: bool,
                      ahead_of: Ticket | None = None, priority_only: bool = False) -> dict[str, int]:
        """How many waiting tickets per service would be called before `ahead_of` (or all of
        them; or only the priority ones), counted in SQL: estimates run on every kiosk refresh
        and every issue, and a parsed list of a long queue would make each one O(queue)."""
        if not services:
            return {}
        sql = (f"SELECT service, COUNT(*) FROM tickets WHERE status = 'waiting' AND day = ? "
               f"AND service IN ({', '.join('?' * len(services))})")
        params: list[Any] = [day, *services]
        if priority_only:
            sql += " AND priority = 1"
        if ahead_of is not None:
            before = "(queued_at < ? OR (queued_at = ? AND id < ?))"
            q = ts(ahead_of.queued_at)
            if priority_first:
                sql += f" AND (priority > ? OR (priority = ? AND {before}))"
                params += [int(ahead_of.priority), int(ahead_of.priority), q, q, ahead_of.id]
            else:
                sql += f" AND {before}"
                params += [q, q, ahead_of.id]
        return {svc: n for svc, n in self._x(sql + " GROUP BY service", params)}

    def at_counter(self, counter: int, day: str | None = None) -> Ticket | None:
        """The ticket called or being served at a counter (of that service day, when given:
        before the day's first write expires them, yesterday's tickets are not today's)."""
        marks = ", ".join("?" * len(AT_COUNTER))
        sql = f"SELECT {_TICKET_COLS} FROM tickets WHERE counter = ? AND status IN ({marks})"
        params: list[Any] = [counter, *AT_COUNTER]
        if day is not None:
            sql += " AND day = ?"
            params.append(day)
        row = self._x(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
        return _ticket(row) if row else None

    def service_minutes(self, day: str, service: str, limit: int) -> list[float]:
        """How long each of today's most recent tickets held a counter, in minutes: from its
        call (the citizen walks up) to done. The estimates and the capacity check need the
        counter's whole time per citizen, not only the talk."""
        rows = self._x("SELECT called_at, done_at FROM tickets WHERE "
                       "day = ? AND service = ? AND status = 'done' AND done_at IS NOT NULL "
                       "ORDER BY done_at DESC LIMIT ?", (day, service, limit))
        return [(datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds() / 60
                for a, b in rows if a]

    # --- counters ---------------------------------------------------------------------------
    def counter_state(self, counter: int, day: str | None = None,
                      day_start: datetime | None = None) -> CounterState:
        """A state set before `day_start` (yesterday's 'open') counts as closed."""
        row = self._x("SELECT state, since FROM counters WHERE id = ?", (counter,)).fetchone()
        state, since = row if row else (COUNTER_CLOSED, None)
        if since is not None and day_start is not None and since < ts(day_start):
            state = COUNTER_CLOSED
        return CounterState(counter, state, _dt(since), self.at_counter(counter, day))

    def set_counter_state(self, counter: int, state: str, at: datetime) -> None:
        self._x("INSERT INTO counters(id, state, since) VALUES (?, ?, ?) ON CONFLICT(id) DO "
                "UPDATE SET state = excluded.state, since = excluded.since", (counter, state, ts(at)))

    def counter_states(self, day_start: datetime | None = None) -> dict[int, str]:
        """Every counter's state; one set before `day_start` counts as closed."""
        start = ts(day_start) if day_start is not None else ""
        return {r[0]: (r[1] if r[2] >= start else COUNTER_CLOSED)
                for r in self._x("SELECT id, state, since FROM counters")}

    # --- events -----------------------------------------------------------------------------
    def append_event(self, at: datetime, kind: str, ticket: Ticket | None = None,
                     counter: int | None = None, actor: str = "", service: str = "",
                     **data: Any) -> int:
        cur = self._x(
            "INSERT INTO events(at, kind, ticket_id, label, service, counter, actor, data) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (ts(at), kind, ticket.id if ticket else None, ticket.label if ticket else "",
             service or (ticket.service if ticket else ""), counter, actor,
             json.dumps(data, ensure_ascii=False, default=str) if data else None))
        event_id = int(cur.lastrowid or 0)
        if self._last_at:
            self._last_at[:] = [at.astimezone(UTC)]
        self._committed_log.append((event_id, kind, ticket.label if ticket else "-",
                                    service or (ticket.service if ticket else "-"), counter, actor, data or ""))
        return event_id

    def events(self, since_id: int = 0, limit: int = 1000, kinds: Sequence[str] = (),
               since_at: datetime | None = None, service: str = "", counter: int | None = None,
               actor: str = "", newest_first: bool = False) -> list[Event]:
        """Events after `since_id`, filtered; oldest first, or the newest `limit` newest first."""
        sql = ("SELECT id, at, kind, ticket_id, label, service, counter, actor, data FROM events "
               "WHERE id > ?")
        params: list[Any] = [since_id]
        if kinds:
            sql += f" AND kind IN ({', '.join('?' * len(kinds))})"
            params += list(kinds)
        if since_at is not None:
            sql += " AND at >= ?"
            params.append(ts(since_at))
        for col, value in (("service", service), ("counter", counter), ("actor", actor)):
            if value:
                sql += f" AND {col} = ?"
                params.append(value)
        order = "DESC" if newest_first else ""
        return [_event(r) for r in self._x(f"{sql} ORDER BY id {order} LIMIT ?", (*params, limit))]

    def last_event_at(self) -> datetime | None:
        """The newest event's time. Inside a write transaction nobody else can append, so it is
        read once per transaction and then kept up to date by append_event."""
        if self._depth and self._last_at:
            return self._last_at[0]
        row = self._x("SELECT at FROM events ORDER BY id DESC LIMIT 1").fetchone()
        at = datetime.fromisoformat(row[0]) if row else None
        if self._depth:
            self._last_at[:] = [at]
        return at

    def last_event_id(self) -> int:
        return self._x("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]

    def watcher(self) -> ChangeWatcher:
        return ChangeWatcher(self.path)


class ChangeWatcher:
    """'Anything new?' for windows: PRAGMA data_version on its own long-lived connection (it is
    per connection and changes when another connection commits), then events by id."""

    def __init__(self, path: Path, since_id: int | None = None) -> None:
        self.path = path
        self.conn: sqlite3.Connection | None = None
        self._version = -1
        self.last_id = since_id if since_id is not None else -1
        self._connect()

    def _connect(self) -> None:
        # mode=rw: if a network share drops, reconnecting must not create an empty database
        uri = f"{self.path.resolve().as_uri()}?mode=rw"
        self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if self.last_id < 0:
            self.last_id = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]

    def changed(self) -> bool:
        """About 6 µs; true when another connection has committed since the last call."""
        try:
            if self.conn is None:
                self._connect()
            assert self.conn is not None
            v = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            log.warning("database %s unavailable; retrying", self.path)
            self.reconnect_later()
            return False
        if v != self._version:
            self._version = v
            return True
        return False

    def new_events(self, limit: int = 500) -> list[Event]:
        if self.conn is None:
            return []
        try:
            rows = self.conn.execute(
                "SELECT id, at, kind, ticket_id, label, service, counter, actor, data FROM events "
                "WHERE id > ? ORDER BY id LIMIT ?", (self.last_id, limit)).fetchall()
        except sqlite3.Error:
            self.reconnect_later()
            return []
        events = [_event(r) for r in rows]
        if events:
            self.last_id = events[-1].id
        return events

    def reconnect_later(self) -> None:
        """The file was briefly unavailable: drop the connection; the next check reconnects."""
        if self.conn is not None:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass
        self.conn = None
        self._version = -1

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
