"""`demo`: all five windows start and stop cleanly (offscreen, as separate processes, with
simulated visitors), and the headless demo writes its day summary and every window's screenshots."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from core.store import Store
from tests.conftest import ROOT


def run_demo(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "data" / "x.db"), "demo",
                           "--out", str(tmp_path / "demo"), *args], capture_output=True, text=True, timeout=300,
                          env=env, cwd=ROOT)


def test_windows_start_and_stop_cleanly(tmp_path: Path) -> None:
    r = run_demo(tmp_path, "--force-windows", "--visitors", "--seconds", "10")
    assert r.returncode == 0, r.stdout + r.stderr[-2000:]
    assert ("exit codes {'display': 0, 'kiosk': 0, 'counter-1': 0, 'counter-8': 0, 'admin': 0, "
            "'visitors': 0}") in r.stdout
    folder = tmp_path / "demo"
    for log in ("display.log", "kiosk-kiosk-1.log", "counter-1.log", "counter-8.log", "admin.log"):
        assert (folder / log).is_file(), log
    store = Store(folder / "antre-demo.db")
    kinds = {e.kind for e in store.events()}
    store.close()
    assert "issued" in kinds  # the simulated visitors reached the same file the windows watch


def test_headless_demo_writes_summary_and_screenshots(tmp_path: Path) -> None:
    r = run_demo(tmp_path, "--headless", "--json")
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert r.stdout.startswith("Tidak ada layar")  # one line says why, then the results
    summary = json.loads((tmp_path / "demo" / "summary.json").read_text())
    assert summary["ok"] and summary["screenshot_problems"] == []
    names = {Path(f).name for f in summary["screenshots"]}
    for expected in ("display-1920x1080.png", "counter.png", "admin.png"):
        assert expected in names
    assert any(n.startswith("kiosk-home") for n in names)
    assert all(Path(f).stat().st_size > 10_000 for f in summary["screenshots"])
