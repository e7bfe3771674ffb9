"""The simulated service day with kiosks and counters as separate processes on one SQLite file,
time running `speed` times faster than real time. Proves, under real concurrency, that no ticket
is lost, duplicated or stuck."""

from __future__ import annotations

import multiprocessing as mp
import random
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from core import schedule
from core.clock import ScaledClock
from core.config import load_config
from core.engine import Engine
from core.errors import AntreError, IssueRefused, NothingWaiting
from core.simulate import check_integrity, demand_weights
from core.store import Store


def _sleep_until(clock: ScaledClock, moment: datetime) -> None:
    time.sleep(clock.real_seconds_until(moment))


def kiosk_process(config: str, db: str, start: datetime, speed: float, origin: float,
                  arrivals: list[tuple[float, str, bool]], name: str, out: Any) -> None:
    """Issue a ticket at each arrival (seconds after start); report the ids issued."""
    cfg = load_config(config)
    clock = ScaledClock(start, speed, origin)
    eng = Engine(cfg, Store(db), clock, actor=name)
    issued: list[int] = []
    refused: dict[str, int] = {}
    for offset, code, prio in arrivals:
        _sleep_until(clock, start + timedelta(seconds=offset))
        try:
            t = eng.issue(code, prio, kiosk=name, printing=True)
        except IssueRefused as e:
            refused[e.reason] = refused.get(e.reason, 0) + 1
            continue
        issued.append(t.id)
        eng.mark_printed(t.id)
    out.put(("kiosk", name, issued, refused))


def counter_process(config: str, db: str, start: datetime, speed: float, origin: float,
                    counter: int, kiosks_done: Any, seed: int, out: Any) -> None:
    """A clerk: call, serve for a realistic time, finish; a few no-shows; pauses in breaks.
    Works until the kiosks are done and nothing is waiting."""
    cfg = load_config(config)
    clock = ScaledClock(start, speed, origin)
    eng = Engine(cfg, Store(db), clock, actor=f"loket-{counter}")
    rng = random.Random(seed)
    served = 0
    while True:
        _, brk_end = schedule.current_break(cfg, clock.now().astimezone(cfg.tz))
        if brk_end is not None:
            _sleep_until(clock, brk_end)
            continue
        try:
            t = eng.call_next(counter)
        except NothingWaiting:
            if kiosks_done.is_set():
                try:  # one last look: a kiosk may have committed just before it finished
                    t = eng.call_next(counter)
                except NothingWaiting:
                    break
            else:
                _sleep_until(clock, clock.now() + timedelta(seconds=30))
                continue
        except AntreError:
            time.sleep(0.01)
            continue
        if rng.random() < 0.04:
            _sleep_until(clock, clock.now() + timedelta(seconds=60))
            eng.recall(counter)
            _sleep_until(clock, clock.now() + timedelta(seconds=60))
            eng.no_show(counter)
            continue
        eng.start_serving(counter)
        svc = cfg.service(t.service)
        minutes = svc.service_minutes if svc else 5.0
        _sleep_until(clock, clock.now() + timedelta(seconds=max(30.0, rng.lognormvariate(0, 0.4) * minutes * 60)))
        eng.finish(counter)
        served += 1
    eng.set_counter(counter, "closed")
    out.put(("counter", counter, served, {}))


def plan_arrivals(services: list[tuple[str, float, bool]], visitors: int, hours: float, kiosks: int,
                  seed: int) -> list[list[tuple[float, str, bool]]]:
    """Arrival times with a morning peak, split round-robin over the kiosks."""
    rng = random.Random(seed)
    codes = [s[0] for s in services]
    weights = [s[1] for s in services]
    prio = {s[0]: s[2] for s in services}
    times = sorted(rng.betavariate(2.0, 3.5) * hours * 3600 for _ in range(visitors))
    plan: list[list[tuple[float, str, bool]]] = [[] for _ in range(kiosks)]
    for i, offset in enumerate(times):
        code = rng.choices(codes, weights)[0]
        plan[i % kiosks].append((offset, code, prio[code] and rng.random() < 0.12))
    return plan


def run_multiprocess_day(config: str, db: str, start: datetime, hours: float = 8.0, speed: float = 120.0,
                         visitors: int = 600, kiosks: int = 2, seed: int = 1) -> dict[str, Any]:
    cfg = load_config(config)
    Store(db).close()  # schema created once, before the processes race
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    kiosks_done = ctx.Event()
    origin = time.time() + 1.0  # a second for the processes to start
    demand = [(s.code, w, s.priority) for s, w in zip(cfg.services, demand_weights(cfg), strict=True)]
    plan = plan_arrivals(demand, visitors, hours, kiosks, seed)
    kiosk_procs = [ctx.Process(target=kiosk_process, args=(config, db, start, speed, origin, arrivals,
                                                            f"kiosk-{i + 1}", out))
                   for i, arrivals in enumerate(plan)]
    counter_procs = [ctx.Process(target=counter_process, args=(config, db, start, speed, origin, c.id,
                                                                kiosks_done, seed + c.id, out))
                     for c in cfg.counters]
    t0 = time.monotonic()
    for p in kiosk_procs + counter_procs:
        p.start()
    results = []
    for _ in kiosk_procs:
        results.append(out.get(timeout=hours * 3600 / speed + 120))
    kiosks_done.set()
    for _ in counter_procs:
        results.append(out.get(timeout=hours * 3600 / speed + 600))
    for p in kiosk_procs + counter_procs:
        p.join(timeout=30)
    issued = {i for r in results if r[0] == "kiosk" for i in r[2]}
    refused: dict[str, int] = {}
    for r in results:
        for k, v in r[3].items():
            refused[k] = refused.get(k, 0) + v
    store = Store(db)
    report = check_integrity(store, issued)
    statuses: dict[str, int] = {}
    for t in store.tickets():
        statuses[t.status] = statuses.get(t.status, 0) + 1
    report.update({"processes": {"kiosks": len(kiosk_procs), "counters": len(counter_procs)},
                   "issued": len(issued), "refused": refused, "statuses": statuses,
                   "served_per_counter": {r[1]: r[2] for r in results if r[0] == "counter"},
                   "events": store.last_event_id(), "wall_seconds": round(time.monotonic() - t0, 1),
                   "database": str(Path(db))})
    store.close()
    return report
