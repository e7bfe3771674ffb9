"""Functions run in separate (spawned) processes by the concurrency tests and benchmarks."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.clock import ManualClock
from core.config import load_config
from core.engine import Engine
from core.errors import NothingWaiting
from core.store import Store

MONDAY_8 = datetime(2026, 11, 23, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))  # a whole day of capacity ahead


def _engine(config: str, db: str, actor: str) -> Engine:
    return Engine(load_config(config), Store(db), ManualClock(MONDAY_8), actor=actor)


def issue_many(config: str, db: str, service: str, n: int, barrier: object) -> list[str]:
    eng = _engine(config, db, "issuer")
    barrier.wait()  # type: ignore[attr-defined]
    return [eng.issue(service).label for _ in range(n)]


def serve_until_empty(config: str, db: str, counter: int, barrier: object) -> list[str]:
    eng = _engine(config, db, f"loket-{counter}")
    barrier.wait()  # type: ignore[attr-defined]
    got = []
    while True:
        try:
            got.append(eng.call_next(counter).label)
        except NothingWaiting:
            return got
        eng.finish(counter)


def report(fn_name: str, args: tuple, barrier: object, results: object, index: int) -> None:
    """Process entry point: run a worker and put (index, result) on the results queue."""
    try:
        out: object = globals()[fn_name](*args, barrier)
    except Exception as e:  # noqa: BLE001 - reported to the parent, which fails the test
        out = e
    results.put((index, out))  # type: ignore[attr-defined]
