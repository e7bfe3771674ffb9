"""A simulated service day through the real engine on a real SQLite file: visitors arrive at
kiosks, clerks call, serve, recall, mark no-shows and transfer. Time is simulated (ManualClock),
so a day takes seconds; with speed > 0 it is paced for a watching display. At the end the
database is checked for lost, duplicated and stuck tickets."""

from __future__ import annotations

import heapq
import random
import statistics
import tempfile
import time
from collections import Counter as Tally
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from core import schedule
from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.errors import InvalidAction, IssueRefused, NothingWaiting
from core.model import OPEN_STATES
from core.store import Store


def first_opening(cfg: Config, after: datetime) -> datetime:
    """The next moment the site opens (by the site's own hours)."""
    svc = next((s for s in cfg.services if s.hours is None), cfg.services[0])
    return schedule.next_opening(cfg, svc, after) or after


def demand_weights(cfg: Config) -> list[float]:
    """How often visitors pick each service: in proportion to the counters' capacity for it, so
    that the simulated hall is busy but not hopeless."""
    return [sum(60 / s.service_minutes / len(c.services) for c in cfg.counters_for(s.code))
            for s in cfg.services]


def check_integrity(store: Store, issued_ids: set[int]) -> dict[str, Any]:
    """Lost: issued but missing. Duplicated: a number twice in a (day, service, epoch), or a
    gap. Stuck: still open when the day is over."""
    tickets = store.tickets()
    by_id = {t.id: t for t in tickets}
    lost = sorted(i for i in issued_ids if i not in by_id)
    groups: dict[tuple[str, str, int], list[int]] = {}
    for t in tickets:
        groups.setdefault((t.day, t.origin_service, t.epoch), []).append(t.number)
    duplicated, gaps = [], []
    for key, numbers in groups.items():
        seen = Tally(numbers)
        duplicated += [f"{key[1]}#{n}" for n, c in seen.items() if c > 1]
        if sorted(seen) != list(range(1, len(seen) + 1)):
            gaps.append(f"{key[1]} epoch {key[2]}")
    stuck = [t.label for t in tickets if t.status in OPEN_STATES]
    issued_events = {e.ticket_id for e in store.events(0, 10**9, kinds=("issued",))}
    unlogged = sorted(set(by_id) - issued_events)
    return {"lost": lost, "duplicated": duplicated, "gaps": gaps, "stuck": stuck,
            "without_event": unlogged,
            "ok": not (lost or duplicated or gaps or stuck or unlogged)}


def run_simulation(cfg: Config, start: datetime, hours: float = 8.0, visitors: int = 600,
                   seed: int = 1, speed: float = 0.0, out: str | None = None,
                   db: str | None = None, progress: Callable[[str], None] | None = None,
                   print_failure_rate: float = 0.01, stop_at: datetime | None = None) -> dict[str, Any]:
    """Run the day; with stop_at, leave the hall as it is at that moment (a snapshot mid-day)."""
    rng = random.Random(seed)
    folder = Path(out) if out else Path(tempfile.mkdtemp(prefix="antre-sim-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = Path(db) if db else folder / "simulated-day.db"
    store = Store(db_path)
    clock = ManualClock(start)
    eng = Engine(cfg, store, clock, actor="simulate")
    end = start + timedelta(hours=hours)
    heap: list[tuple[datetime, int, str, Any]] = []
    seq = 0

    def at(moment: datetime, kind: str, payload: Any = None) -> None:
        nonlocal seq
        seq += 1
        heapq.heappush(heap, (moment, seq, kind, payload))

    weights = demand_weights(cfg)
    for _ in range(visitors):  # a morning peak, as MPPs see it
        offset = rng.betavariate(2.0, 3.5) * hours * 3600
        svc = rng.choices(cfg.services, weights)[0]
        at(start + timedelta(seconds=offset), "arrive", (svc.code, svc.priority and rng.random() < 0.12))
    for c in cfg.counters:
        at(start + timedelta(seconds=rng.uniform(0, 300)), "clerk", c.id)

    issued_ids: set[int] = set()
    refused: Tally[str] = Tally()
    printer_faults = 0
    arrivals_left = visitors
    t0 = time.monotonic()
    last_virtual = start

    idle: set[int] = set()
    skipped: Tally[str] = Tally()

    def wake(service: str, moment: datetime) -> None:
        """A ticket rejoined a queue: clerks of that service who had gone idle come back."""
        for c in cfg.counters_for(service):
            if c.id in idle:
                idle.discard(c.id)
                at(moment + timedelta(seconds=5), "clerk", c.id)

    def lognormal(minutes: float) -> float:
        return max(30.0, rng.lognormvariate(0, 0.45) * minutes * 60)

    while heap:
        moment, _, kind, payload = heapq.heappop(heap)
        if stop_at is not None and moment > stop_at:
            clock.set(stop_at)
            break
        if speed > 0:
            time.sleep(max(0.0, (moment - last_virtual).total_seconds() / speed))
        last_virtual = moment
        clock.set(moment)
        try:
            if kind == "arrive":
                arrivals_left -= 1
                code, prio = payload
                try:
                    t = eng.issue(code, prio, kiosk=f"sim-kiosk-{rng.randint(1, 2)}", printing=True)
                except IssueRefused as e:
                    refused[e.reason] += 1
                    continue
                issued_ids.add(t.id)
                if rng.random() < print_failure_rate:
                    printer_faults += 1
                    eng.print_failed(t.id, "paper_out", cfg.printer.on_failure)
                else:
                    eng.mark_printed(t.id)
            elif kind == "clerk":
                cid = payload
                _brk, brk_end = schedule.current_break(cfg, moment.astimezone(cfg.tz))
                if brk_end is not None:
                    at(brk_end, "clerk", cid)
                    continue
                try:
                    t = eng.call_next(cid)
                except NothingWaiting:
                    if arrivals_left > 0 or moment < end:
                        at(moment + timedelta(seconds=30), "clerk", cid)
                    else:
                        idle.add(cid)  # done for the day, unless someone rejoins the queue
                    continue
                if rng.random() < 0.05:
                    at(moment + timedelta(seconds=60), "recall", cid)
                else:
                    at(moment + timedelta(seconds=rng.uniform(20, 90)), "serve", cid)
            elif kind == "recall":
                eng.recall(payload)
                at(moment + timedelta(seconds=60), "noshow", payload)
            elif kind == "noshow":
                t = eng.no_show(payload)
                if rng.random() < 0.3:
                    at(moment + timedelta(minutes=rng.uniform(2, 20)), "comeback", t.label)
                at(moment + timedelta(seconds=5), "clerk", payload)
            elif kind == "comeback":
                try:
                    wake(eng.requeue(payload).service, moment)
                except InvalidAction:
                    refused["requeue_window_passed"] += 1
            elif kind == "serve":
                t = eng.start_serving(payload)
                ctr = cfg.counter(payload)
                assert ctr is not None
                others = [s.code for s in cfg.services if s.agency == cfg.service(t.service).agency  # type: ignore[union-attr]
                          and s.code != t.service]
                if others and t.service == t.origin_service and rng.random() < 0.03:
                    at(moment + timedelta(seconds=rng.uniform(60, 180)), "transfer", (payload, others[0]))
                else:
                    at(moment + timedelta(seconds=lognormal(cfg.service(t.service).service_minutes)),  # type: ignore[union-attr]
                       "finish", payload)
            elif kind == "transfer":
                wake(eng.transfer(*payload).service, moment)
                at(moment + timedelta(seconds=5), "clerk", payload[0])
            elif kind == "finish":
                eng.finish(payload)
                at(moment + timedelta(seconds=rng.uniform(5, 20)), "clerk", payload)
        except InvalidAction as e:  # e.g. the day rolled over under a clerk still at work
            skipped[e.id_text] += 1
    if stop_at is None:
        for c in cfg.counters:
            eng.set_counter(c.id, "closed", actor="simulate")

    report = summarize(store, eng, issued_ids, refused, printer_faults, visitors)
    if stop_at is None:  # mid-day, open tickets are the point, not a fault
        report.update(check_integrity(store, issued_ids))
    report["skipped"] = dict(skipped)
    report["database"] = str(db_path)
    report["wall_seconds"] = round(time.monotonic() - t0, 2)
    report["text"] = _text(report)
    store.close()
    return report


def _pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p * len(values)))], 1)


def summarize(store: Store, eng: Engine, issued_ids: set[int], refused: Tally[str],
              printer_faults: int, visitors: int) -> dict[str, Any]:
    tickets = [t for t in store.tickets() if t.id in issued_ids]
    waits = [minutes for t in tickets if (minutes := t.wait_minutes()) is not None]
    service = [minutes for t in tickets if (minutes := t.service_minutes()) is not None]
    per_service = {}
    for svc in eng.cfg.services:
        mine = [t for t in tickets if t.origin_service == svc.code]
        mine_waits = [minutes for t in mine if (minutes := t.wait_minutes()) is not None]
        per_service[svc.code] = {"issued": len(mine), "done": sum(t.status == "done" for t in mine),
                                 "median_wait": round(statistics.median(mine_waits), 1) if mine_waits else None}
    statuses = Tally(t.status for t in tickets)
    return {"visitors": visitors, "issued": len(tickets), "statuses": dict(statuses),
            "refused": dict(refused), "printer_faults": printer_faults,
            "median_wait_minutes": _pct(waits, 0.5), "p95_wait_minutes": _pct(waits, 0.95),
            "median_service_minutes": _pct(service, 0.5), "per_service": per_service,
            "events": store.last_event_id()}


def _text(r: dict[str, Any]) -> str:
    lines = [f"Hari layanan simulasi / simulated day: {r['visitors']} pengunjung, {r['issued']} tiket",
             f"  status: {r['statuses']}", f"  ditolak / refused: {r['refused'] or '-'}",
             f"  gangguan printer / printer faults: {r['printer_faults']}",
             f"  tunggu median {r['median_wait_minutes']} menit, p95 {r['p95_wait_minutes']} menit; "
             f"layanan median {r['median_service_minutes']} menit",
             f"  {r['events']} events, {r['wall_seconds']} s, database: {r['database']}"]
    for code, s in r["per_service"].items():
        lines.append(f"    {code:<8}{s['issued']:>5} tiket {s['done']:>5} selesai  tunggu median {s['median_wait']}")
    if "ok" not in r:
        return "\n".join([*lines, "(potret tengah hari / mid-day snapshot: no end-of-day check)"])
    verdict = "OK: tidak ada tiket hilang, ganda, atau macet / no lost, duplicated or stuck ticket"
    if not r["ok"]:
        verdict = (f"MASALAH / PROBLEM: lost={r['lost']} duplicated={r['duplicated']} gaps={r['gaps']} "
                   f"stuck={r['stuck']} without_event={r['without_event']}")
    lines.append(verdict)
    return "\n".join(lines)
