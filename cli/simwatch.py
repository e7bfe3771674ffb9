"""`simulate --processes`: the multi-process service day, optionally with the hall display
running beside it, its memory and CPU sampled over the day."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil

from core.simulate_mp import run_multiprocess_day

ROOT = Path(__file__).resolve().parent.parent


class ProcessSampler:
    """Samples a process's resident memory and CPU every `interval` seconds in a thread."""

    def __init__(self, pid: int, interval: float = 1.0) -> None:
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.rss: list[int] = []
        self.cpu: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.proc.cpu_percent(None)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.rss.append(self.proc.memory_info().rss)
                self.cpu.append(self.proc.cpu_percent(None))
            except psutil.Error:
                return

    def stop(self) -> dict[str, Any]:
        self._stop.set()
        self._thread.join(timeout=5)
        if not self.rss:
            return {"samples": 0}
        mb = [r / 2**20 for r in self.rss]
        quarter = max(1, len(mb) // 4)
        return {"samples": len(mb), "rss_start_mb": round(mb[0], 1), "rss_end_mb": round(mb[-1], 1),
                "rss_max_mb": round(max(mb), 1),
                "rss_growth_last_3_quarters_mb": round(mb[-1] - mb[quarter - 1], 1),
                "cpu_mean_percent": round(sum(self.cpu) / len(self.cpu), 1),
                "cpu_max_percent": round(max(self.cpu), 1)}


def simulate_processes(ctx: Any, start: datetime) -> dict[str, Any]:
    a = ctx.args
    folder = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="antre-sim-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = str(Path(a.db).resolve()) if a.db else str(folder / "simulated-day.db")
    config = str(ctx.config.path)
    display = sampler = None
    if a.watch_display:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        display = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--config", config, "--db", db,
                                    "display"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        sampler = ProcessSampler(display.pid)
        sampler.start()
    try:
        report = run_multiprocess_day(config, db, start, hours=a.hours, speed=a.speed or 120.0,
                                      visitors=a.visitors, kiosks=a.kiosks, seed=a.seed)
    finally:
        if display is not None and sampler is not None:
            report_display = sampler.stop()
            alive = display.poll() is None
            display.terminate()
            try:
                display.wait(timeout=10)
            except subprocess.TimeoutExpired:
                display.kill()
    if display is not None:
        report["display"] = {**report_display, "alive_at_end": alive}
    report["text"] = _text(report)
    return report


def _text(r: dict[str, Any]) -> str:
    p = r["processes"]
    lines = [f"Hari simulasi multi-proses / multi-process day: {p['kiosks']} kiosk + {p['counters']} loket "
             f"pada satu berkas / on one file, {r['wall_seconds']} s",
             f"  {r['issued']} tiket, status {r['statuses']}, ditolak / refused {r['refused'] or '-'}",
             f"  dilayani per loket / served per counter: {r['served_per_counter']}",
             f"  {r['events']} events, database: {r['database']}"]
    if "display" in r:
        d = r["display"]
        lines.append(f"  layar aula / display: RSS {d.get('rss_start_mb')} -> {d.get('rss_end_mb')} MB "
                     f"(max {d.get('rss_max_mb')}, +{d.get('rss_growth_last_3_quarters_mb')} MB over the last "
                     f"three quarters), CPU mean {d.get('cpu_mean_percent')}% "
                     f"max {d.get('cpu_max_percent')}%, alive {d['alive_at_end']}")
    lines.append("OK: tidak ada tiket hilang, ganda, atau macet / no lost, duplicated or stuck ticket" if r["ok"] else
                 f"MASALAH / PROBLEM: lost={r['lost']} duplicated={r['duplicated']} gaps={r['gaps']} "
                 f"stuck={r['stuck']} without_event={r['without_event']}")
    return "\n".join(lines)
