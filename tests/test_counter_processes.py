"""Two counters in two real processes press "call next" at the same moment: each gets its own
ticket."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from core.engine import Engine
from tests.conftest import ROOT, SAMPLE_CONFIG


def test_two_processes_calling_at_once_get_different_tickets(engine: Engine, db_path: Path) -> None:
    for _ in range(2):
        engine.issue("ktp")
    cmd = [sys.executable, str(ROOT / "main.py"), "--config", str(SAMPLE_CONFIG), "--db", str(db_path),
           "--now", "2026-11-23T09:00", "--json", "call"]
    procs = [subprocess.Popen([*cmd, counter], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for counter in ("1", "2")]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    tickets = [json.loads(out)["ticket"] for out, _ in outs]
    assert {t["label"] for t in tickets} == {"A-001", "A-002"}
    assert {(t["counter"], t["status"]) for t in tickets} == {(1, "called"), (2, "called")}
    called = engine.store.events(kinds=("called",))
    assert sorted(e.label for e in called) == ["A-001", "A-002"]  # one call each, never the same one
    assert {e.actor for e in called} == {"loket-1", "loket-2"}

