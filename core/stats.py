"""Estimates and today's figures: read-only views over the store."""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass
from typing import Any

from core import schedule
from core.engine import Engine
from core.model import CALLED, CANCELLED, DONE, EXPIRED, NO_SHOW, PRINTING, SERVING, WAITING, Ticket


@dataclass(frozen=True)
class Estimate:
    service: str
    ahead: int  # people who will be called before this ticket
    minutes: int  # estimated wait
    open_counters: int  # counters serving the service now (before any opens today: all that serve it)
    median_minutes: float  # service time used
    basis: str  # "today" (rolling median of today's service times) or "default" (config)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def service_time(engine: Engine, service_code: str) -> tuple[float, str]:
    return engine.service_minutes(engine.service(service_code))


def estimate(engine: Engine, service_key: str, priority: bool = False,
             ticket: Ticket | None = None) -> Estimate:
    """People ahead (in its own service) and minutes of waiting for a new ticket (or for `ticket`:
    its place if waiting, else where it will join). Minutes: the work the counters serving it will
    do first, other services they share included (Engine.minutes_ahead); if a break is on, the
    rest of the break is added."""
    svc = engine.service(service_key)
    first = engine.cfg.queue.priority_first
    waiting = ticket is not None and ticket.status == WAITING
    if ticket is not None and not waiting:  # not in the queue yet (still printing): as a new one
        priority = ticket.priority
    ahead = sum(engine.store.count_waiting([svc.code], engine.today(), first,
                                           ahead_of=ticket if waiting else None,
                                           priority_only=not waiting and first and priority).values())
    counters = engine.serving_counters(svc)
    median, basis = service_time(engine, svc.code)
    minutes = engine.minutes_ahead(svc, priority, ticket)
    now = engine.now()
    _, break_end = schedule.current_break(engine.cfg, now.astimezone(engine.cfg.tz))
    if break_end is not None:
        minutes += (break_end - now).total_seconds() / 60
    return Estimate(svc.code, ahead, math.ceil(minutes), counters, round(median, 1), basis)


def status(engine: Engine) -> dict[str, Any]:
    """Today's state of every service and counter (the CLI's `status`, the staff windows)."""
    today = engine.today()
    now = engine.now()
    tickets = engine.store.tickets(day=today)
    services = []
    for svc in engine.cfg.services:
        mine = [t for t in tickets if t.service == svc.code]
        origin = [t for t in tickets if t.origin_service == svc.code]
        count = {s: sum(1 for t in mine if t.status == s) for s in
                 (PRINTING, WAITING, CALLED, SERVING, DONE, NO_SHOW, CANCELLED, EXPIRED)}
        waits = [w for t in mine if (w := t.wait_minutes()) is not None]
        sd = engine.store.service_day(today, svc.code)
        avail = schedule.availability(engine.cfg, svc, now)
        median, basis = service_time(engine, svc.code)
        quota = svc.quota if sd.quota is None else sd.quota
        pquota = svc.priority_quota if sd.priority_quota is None else sd.priority_quota
        used = sum(1 for t in origin if not t.priority and t.status != CANCELLED)
        pused = sum(1 for t in origin if t.priority and t.status != CANCELLED)
        services.append({
            "service": svc.code, "prefix": svc.prefix, "name": svc.name, "agency": svc.agency,
            "state": "closed_by_staff" if sd.closed else avail.state,
            "closed_reason": sd.closed_reason, "epoch": sd.epoch,
            "waiting": count[WAITING], "priority_waiting": sum(1 for t in mine if t.status == WAITING and t.priority),
            "at_counter": count[CALLED] + count[SERVING], "served": count[DONE],
            "no_show": count[NO_SHOW], "cancelled": count[CANCELLED], "printing": count[PRINTING],
            "issued": len(origin), "quota": quota, "quota_used": used, "quota_left": max(0, quota - used),
            "priority_quota_used": pused,
            "priority_quota": pquota, "priority_quota_left": max(0, pquota - pused),
            "median_wait_minutes": round(statistics.median(waits), 1) if waits else None,
            "longest_wait_minutes": round(max(waits), 1) if waits else None,
            "median_service_minutes": round(median, 1), "service_time_basis": basis,
            "estimate_minutes": estimate(engine, svc.code).minutes,
        })
    states = engine.store.counter_states(schedule.day_start(now, engine.cfg))
    counters = []
    for c in engine.cfg.counters:
        cur = engine.store.at_counter(c.id, today)
        counters.append({"counter": c.id, "name": c.label, "services": list(c.services),
                         "state": states.get(c.id, "closed"),
                         "ticket": cur.label if cur else None,
                         "ticket_status": cur.status if cur else None})
    return {"day": today, "now": now.astimezone(engine.cfg.tz).isoformat(timespec="seconds"),
            "site": engine.cfg.site.name, "services": services, "counters": counters,
            "last_event_id": engine.store.last_event_id()}
