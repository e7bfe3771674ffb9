"""Benchmark the store: tickets per second with 1, 2 and 4 writer processes on one SQLite file
(WAL, synchronous=FULL, BEGIN IMMEDIATE), and the time from a committed call in another process
to a watcher noticing it (PRAGMA data_version polled every 50 ms, as the display does).

    .venv/bin/python bench/bench_store.py [--tickets 2000] [--calls 100] [--poll-ms 50]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.clock import ManualClock
from core.config import Config, load_config
from core.engine import Engine
from core.store import ChangeWatcher, Store

CONFIG = Path(__file__).resolve().parent.parent / "config.toml"
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def roomy_config() -> Config:
    """The sample site with quotas and capacity large enough for a benchmark's thousands of
    tickets (the kiosk refuses tickets a service could not serve before closing)."""
    cfg = load_config(CONFIG)
    return replace(cfg, services=tuple(replace(s, quota=10**6, service_minutes=0.001) for s in cfg.services))


def writer(db: str, n: int, services: list[str], start: object, out: object) -> None:
    eng = Engine(roomy_config(), Store(db), ManualClock(MONDAY_9), actor="bench")
    start.wait()  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    for i in range(n):
        eng.issue(services[i % len(services)])
    out.put(time.perf_counter() - t0)  # type: ignore[attr-defined]


def throughput(writers: int, total: int) -> tuple[float, float]:
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as d:
        db = str(Path(d) / "bench.db")
        Store(db).close()
        barrier, out = ctx.Barrier(writers + 1), ctx.Queue()
        codes = [s.code for s in roomy_config().services]
        procs = [ctx.Process(target=writer, args=(db, total // writers, codes, barrier, out)) for _ in range(writers)]
        for p in procs:
            p.start()
        barrier.wait()
        t0 = time.perf_counter()
        for p in procs:
            p.join()
        wall = time.perf_counter() - t0
        per_proc = [out.get() for _ in procs]
        store = Store(db)
        issued = len(store.tickets())
        store.close()
        assert issued == total // writers * writers, issued
        return issued / wall, max(per_proc)


def caller(db: str, calls: int, out: object) -> None:
    eng = Engine(roomy_config(), Store(db), ManualClock(MONDAY_9), actor="bench")
    rng = random.Random(7)
    for _ in range(calls):
        time.sleep(rng.uniform(0.03, 0.09))
        t = eng.call_next(1)
        out.put((t.id, time.time()))  # type: ignore[attr-defined]
        eng.finish(1)


def notice_latency(calls: int, poll_ms: int) -> list[float]:
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as d:
        db = str(Path(d) / "bench.db")
        eng = Engine(roomy_config(), Store(db), ManualClock(MONDAY_9), actor="bench")
        for _ in range(calls):
            eng.issue("ktp")
        watcher = ChangeWatcher(Path(db))
        out = ctx.Queue()
        proc = ctx.Process(target=caller, args=(db, calls, out))
        proc.start()
        noticed: dict[int, float] = {}
        deadline = time.time() + 60
        while len(noticed) < calls and time.time() < deadline:
            if watcher.changed():
                now = time.time()
                for e in watcher.new_events():
                    if e.kind == "called" and e.ticket_id is not None:
                        noticed.setdefault(e.ticket_id, now)
            time.sleep(poll_ms / 1000)
        proc.join()
        committed = dict(out.get() for _ in range(calls))
        return [(noticed[i] - committed[i]) * 1000 for i in committed if i in noticed]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(p * len(s)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=2000)
    ap.add_argument("--calls", type=int, default=100)
    ap.add_argument("--poll-ms", type=int, default=50)
    a = ap.parse_args()
    print(f"SQLite store, WAL + synchronous=FULL, {a.tickets} tickets per run")
    for n in (1, 2, 4):
        rate, slowest = throughput(n, a.tickets)
        print(f"  {n} writer process(es): {rate:8.0f} tickets/s  (slowest writer {slowest:.2f} s)")
    lat = notice_latency(a.calls, a.poll_ms)
    print(f"Committed call -> watcher notices (poll {a.poll_ms} ms, {len(lat)}/{a.calls} calls): "
          f"median {statistics.median(lat):.1f} ms, p95 {pct(lat, 0.95):.1f} ms, max {max(lat):.1f} ms")


if __name__ == "__main__":
    main()
