"""The simulated service day: single-process (simulated clock) and multi-process (kiosks and
counters as separate processes on one file) both end with no lost, duplicated or stuck ticket."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from core.config import Config
from core.engine import Engine
from core.simulate import check_integrity, run_simulation
from core.store import Store
from tests.conftest import ROOT, local


def test_simulated_day_integrity(cfg: Config, tmp_path: Path) -> None:
    report = run_simulation(cfg, local("2026-11-23 08:00"), visitors=300, out=str(tmp_path))
    assert report["ok"], report["text"]
    assert report["issued"] >= 250 and report["statuses"]["done"] >= 200
    assert report["median_wait_minutes"] is not None and report["skipped"] == {}


def test_a_crowded_day_is_refused_at_the_kiosk_not_served_at_night(cfg: Config, tmp_path: Path) -> None:
    """2,000 visitors for 13 counters: the kiosk turns away what the counters cannot serve today
    (saying so), instead of issuing numbers that would be called long after closing."""
    report = run_simulation(cfg, local("2026-11-23 08:00"), visitors=2000, out=str(tmp_path), seed=5)
    assert report["ok"], report["text"]
    assert report["refused"]["capacity_reached"] > 1000
    store = Store(report["database"])
    closing = local("2026-11-23 15:00")
    late = [t for t in store.tickets() if t.done_at is not None and t.done_at > closing]
    store.close()
    assert len(late) <= 0.05 * report["issued"], f"{len(late)} of {report['issued']} served after closing"


def test_integrity_check_catches_problems(tmp_path: Path, engine: Engine) -> None:
    a = engine.issue("ktp")
    engine.issue("ktp")
    store: Store = engine.store
    with store.write():
        store.update_ticket(a.id, number=7)  # a gap (a duplicate the unique index refuses outright)
    report = check_integrity(store, {a.id, 999})
    assert report["lost"] == [999] and report["gaps"] == ["ktp epoch 1"] and report["duplicated"] == []
    assert sorted(report["stuck"]) == ["A-001", "A-002"] and not report["ok"]


def test_multiprocess_day(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "mp.db"), "--json",
                        "simulate", "--processes", "--hours", "3", "--speed", "1800", "--visitors", "120",
                        "--start", "2026-11-23T08:00"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr + r.stdout
    report = json.loads(r.stdout)
    assert report["ok"] and report["issued"] >= 100
    assert report["processes"] == {"kiosks": 2, "counters": 13}
    assert sum(report["served_per_counter"].values()) + report["statuses"].get("no_show", 0) == report["issued"]
