"""Several real processes on one SQLite file: numbers stay unique and contiguous, and two counters
never get the same ticket."""

from __future__ import annotations

import multiprocessing as mp
from collections import Counter
from pathlib import Path

from core.engine import Engine
from tests import workers
from tests.conftest import SAMPLE_CONFIG


def run_all(fn_name: str, arg_sets: list[tuple]) -> list[list[str]]:
    """Start one spawned process per argument set, released together by a barrier."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(arg_sets))
    queue = ctx.Queue()
    procs = [ctx.Process(target=workers.report, args=(fn_name, args, barrier, queue, i))
             for i, args in enumerate(arg_sets)]
    for p in procs:
        p.start()
    got = dict(queue.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=30)
    errors = [v for v in got.values() if isinstance(v, Exception)]
    assert not errors, errors
    return [got[i] for i in range(len(procs))]


def test_four_processes_issue_unique_contiguous_numbers(engine: Engine, db_path: Path) -> None:
    per_process = 25  # 100 tickets: inside what KTP's counters can serve in a day, with the reserve
    results = run_all("issue_many", [(str(SAMPLE_CONFIG), str(db_path), "ktp", per_process)] * 4)
    labels = [label for r in results for label in r]
    assert len(labels) == 4 * per_process == len(set(labels))
    numbers = sorted(t.number for t in engine.store.tickets(services=("ktp",)))
    assert numbers == list(range(1, 4 * per_process + 1))
    for r in results:  # each process saw its own numbers rising
        assert r == sorted(r)
    assert len(engine.store.events(kinds=("issued",))) == 4 * per_process


def test_counters_calling_at_once_never_share_a_ticket(engine: Engine, db_path: Path) -> None:
    for i in range(90):
        engine.issue("ktp" if i % 2 else "kk")
    results = run_all("serve_until_empty",
                      [(str(SAMPLE_CONFIG), str(db_path), c) for c in (1, 2, 3)])
    called = [label for r in results for label in r]
    assert len(called) == 90 == len(set(called))
    assert all(results), "every counter got work"
    per_ticket = Counter(e.ticket_id for e in engine.store.events(kinds=("called",)))
    assert set(per_ticket.values()) == {1}
    assert {t.status for t in engine.store.tickets()} == {"done"}
