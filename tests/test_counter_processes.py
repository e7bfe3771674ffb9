"""Two counters in two real processes press "call next" at the same moment: each gets its own
ticket. Also the PySide6 6.12 / Python 3.11 reference-count cure the console relies on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


SIGNALS_ALL_DAY = """
import os, sys
sys.path.insert(0, {root!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from counter.pyside_fix import keep_none_alive
if {fix}:
    keep_none_alive()
from PySide6.QtCore import QCoreApplication, QObject, Signal
class Relay(QObject):
    done = Signal(object)
app = QCoreApplication([])
r = Relay()
r.done.connect(lambda v: None)
for _ in range(50_000):
    r.done.emit(1)  # returns True without a reference on 6.12 / 3.11
print("alive")
"""


def _emit_all_day(fix: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SIGNALS_ALL_DAY.format(root=str(ROOT), fix=fix)],
                          capture_output=True, text=True, timeout=120)


def test_fifty_thousand_signal_emits_survive_with_the_cure() -> None:
    out = _emit_all_day(fix=True)
    assert out.returncode == 0 and out.stdout.strip() == "alive", out.stderr[-500:]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True is immortal from Python 3.12 (PEP 683)")
def test_without_the_cure_emits_abort_on_python_311() -> None:
    """If this starts failing, PySide6 fixed emit() and counter/pyside_fix.py can go."""
    out = _emit_all_day(fix=False)
    assert out.returncode != 0 and "bool_dealloc" in out.stderr
