"""`python main.py demo`: the whole hall in one command. With a screen: a fresh demo database,
the kiosk, the hall display, two counter consoles and the floor-staff window as separate
processes tiled on one screen (optionally simulated visitors). Without one: the simulated
service day, screenshots of every window and a summary, in a folder it names."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from core import schedule
from core.logs import setup_logging
from core.simulate import first_opening, run_simulation

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = ("kiosk", "display", "counter", "admin")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="the whole hall at once (kiosk, display, counters, admin)")
    p.add_argument("--visitors", action="store_true", help="simulated arrivals and calls keep the hall alive")
    p.add_argument("--out", help="folder for the demo's database, tickets and screenshots")
    p.add_argument("--headless", action="store_true", help="act as if there were no screen")
    p.add_argument("--force-windows", action="store_true",
                   help="open the windows even with no screen detected (with QT_QPA_PLATFORM=offscreen: tests)")
    p.add_argument("--seconds", type=float, default=0, help="stop the windows after this long (0: when closed)")
    p.set_defaults(handler=do_demo)
    p = sub.add_parser("simulate-hall", parents=[common],
                       help="live simulated visitors and clerks in real time (used by demo --visitors)")
    p.add_argument("--spare", default="1,8", help="counters left to people (default: the demo's consoles)")
    p.add_argument("--every", type=float, default=6.0, help="mean seconds between arrivals")
    p.add_argument("--seconds", type=float, default=0, help="stop after this long (0: until stopped)")
    p.set_defaults(handler=do_simulate_hall)


def has_screen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") == "offscreen":
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def demo_moment(ctx: Any) -> datetime:
    """Now, if the site is open; else the next opening plus an hour, so the demo works at night."""
    now = ctx.clock.now().astimezone(ctx.config.tz)
    svc = ctx.config.services[0]
    if schedule.availability(ctx.config, svc, now).can_issue:
        return now
    return first_opening(ctx.config, now) + timedelta(hours=1)


def demo_folder(ctx: Any) -> Path:
    if ctx.args.out:
        return Path(ctx.args.out).resolve()
    return ctx.data_dir / "demo" / datetime.now().strftime("%Y%m%d-%H%M%S")


def do_demo(ctx: Any) -> int:
    folder = demo_folder(ctx)
    folder.mkdir(parents=True, exist_ok=True)
    setup_logging(folder, "demo")  # the windows' and the simulation's messages go to demo.log
    if ctx.args.headless or not (has_screen() or ctx.args.force_windows):
        print(f"Tidak ada layar: menjalankan hari layanan simulasi; hasil di {folder} / "
              f"no display: running the simulated day; results in {folder}", flush=True)
        return headless_demo(ctx, folder)
    return windowed_demo(ctx, folder)


def _sub_ctx(ctx: Any, db: Path, now: datetime) -> Any:
    from cli import Context

    args = argparse.Namespace(config=str(ctx.config.path), db=str(db), now=now.isoformat(), json=False)
    return Context(args)


def headless_demo(ctx: Any, folder: Path) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists
    cfg = ctx.config
    start = first_opening(cfg, ctx.clock.now())
    day = run_simulation(cfg, start, visitors=400, out=str(folder), db=str(folder / "simulated-day.db"))
    snapshot_at = start + timedelta(hours=2, minutes=30)
    snap_db = folder / "hall-at-1030.db"
    run_simulation(cfg, start, visitors=400, db=str(snap_db), stop_at=snapshot_at)
    shots: list[str] = []
    problems: list[str] = []
    for window in WINDOWS:
        try:
            screens = importlib.import_module(f"{window}.screens")
            files = screens.screenshot(_sub_ctx(ctx, snap_db, snapshot_at), folder / "screenshots", None)
            shots += [str(f) for f in files]
        except Exception as e:  # noqa: BLE001 - one window's failure must not hide the others
            problems.append(f"{window}: {e}")
    summary = {k: v for k, v in day.items() if k != "text"}
    summary.update({"screenshots": shots, "screenshot_problems": problems, "folder": str(folder)})
    (folder / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=str))
    (folder / "summary.txt").write_text(day["text"] + "\n")
    ctx.out(summary, [day["text"], f"{len(shots)} tangkapan layar / screenshots: {folder / 'screenshots'}",
                      *[f"  masalah / problem: {p}" for p in problems]])
    return 0 if day["ok"] and not problems else 1


Box = tuple[int, int, int, int]
MIN_LOGICAL = (1220, 920)  # the size the consoles, the admin window and the kiosk lay out well at


def _layout(screens: list[Box]) -> dict[str, tuple[Box, float]]:
    """Where each window goes, with a Qt scale factor so its logical size still fits its layout.
    One screen: a 3x2 grid, the display over two cells. Two or more: the display alone on the
    second screen, the others in a 2x2 grid on the first."""
    def grid(box: Box, cols: int, rows: int) -> list[Box]:
        x, y, w, h = box
        return [(x + c * w // cols, y + r * h // rows, w // cols, h // rows) for r in range(rows) for c in range(cols)]

    def fit(cell: Box) -> float:
        return round(min(1.0, cell[2] / MIN_LOGICAL[0], cell[3] / MIN_LOGICAL[1]), 2)

    if len(screens) >= 2:
        cells = grid(screens[0], 2, 2)
        placed = {"display": (screens[1], 1.0)}
        names = ("kiosk", "counter-1", "counter-8", "admin")
    else:
        cells = grid(screens[0], 3, 2)
        x, y, w, h = cells[0]
        placed = {"display": ((x, y, w * 2, h), 1.0)}
        cells = cells[2:]
        names = ("kiosk", "counter-1", "counter-8", "admin")
    for name, cell in zip(names, cells, strict=True):
        placed[name] = (cell, fit(cell))
    return placed


def _screens() -> list[Box]:
    from ui.app import ensure_app

    app = ensure_app()
    return [(g.x(), g.y(), g.width(), g.height()) for g in (s.availableGeometry() for s in app.screens())]


def _env_for(box: Box, scale: float) -> dict[str, str]:
    """ANTRE_GEOMETRY is in Qt's logical pixels: divide by the scale factor."""
    x, y, w, h = (round(v / scale) for v in box)
    return {"ANTRE_GEOMETRY": f"{x},{y},{w},{h}", "QT_SCALE_FACTOR": str(scale)}


def windowed_demo(ctx: Any, folder: Path) -> int:
    db = folder / "antre-demo.db"
    now = demo_moment(ctx)
    base = [sys.executable, str(ROOT / "main.py"), "--config", str(ctx.config.path), "--db", str(db),
            "--now", now.replace(tzinfo=None).isoformat(timespec="seconds")]
    from core.store import Store

    Store(db).close()
    places = _layout(_screens())
    commands = {"display": ["display", "--windowed"], "kiosk": ["kiosk", "--windowed"], "counter-1": ["counter", "1"],
                "counter-8": ["counter", "8"], "admin": ["admin"]}
    print(f"Demo: {folder}\n  database {db}\n  waktu / time {now:%A %d %B %Y %H:%M} (ANTRE_NOW)\n"
          f"  PIN petugas / staff PIN: 2468 (config.toml)", flush=True)
    procs = []
    for name, args in commands.items():
        env = {**os.environ, **_env_for(*places[name])}
        procs.append(subprocess.Popen([*base, *args], env=env))
    if ctx.args.visitors:
        procs.append(subprocess.Popen([*base, "simulate-hall"]))
    deadline = time.monotonic() + ctx.args.seconds if ctx.args.seconds else None
    try:
        while any(p.poll() is None for p in procs[:5]):
            if deadline and time.monotonic() > deadline:
                break
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    codes = {name: p.returncode for name, p in zip([*commands, "visitors"], procs, strict=False)}
    clean = all(code == 0 for code in codes.values())
    print(f"Demo selesai / finished; exit codes {codes}" + ("" if clean else " — lihat log / see the logs"))
    return 0 if clean else 1


def do_simulate_hall(ctx: Any) -> int:
    """Visitors arrive every few seconds; clerks at the other counters call, serve for 20-60 s
    and finish. Real time, real engine, the same file as the windows."""
    import random

    from core.errors import AntreError, NothingWaiting
    from core.simulate import demand_weights

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    eng, cfg, rng = ctx.engine, ctx.config, random.Random()
    spare = {int(x) for x in ctx.args.spare.split(",") if x.strip()}
    clerks = [c.id for c in cfg.counters if c.id not in spare]
    busy_until: dict[int, float] = {}
    weights = demand_weights(cfg)
    next_arrival = time.monotonic()
    end = time.monotonic() + ctx.args.seconds if ctx.args.seconds else None
    while end is None or time.monotonic() < end:
        now = time.monotonic()
        try:
            if now >= next_arrival:
                svc = rng.choices(cfg.services, weights)[0]
                eng.issue(svc.code, svc.priority and rng.random() < 0.12, kiosk="pengunjung-simulasi")
                next_arrival = now + rng.expovariate(1 / ctx.args.every)
            for cid in clerks:
                if busy_until.get(cid, 0) > now:
                    continue
                if eng.store.at_counter(cid) is not None:
                    eng.finish(cid)
                try:
                    eng.call_next(cid)
                    busy_until[cid] = now + rng.uniform(20, 60)
                except NothingWaiting:
                    busy_until[cid] = now + 5
        except AntreError as e:  # a quota, the cut-off: the hall goes on
            print(f"simulate-hall: {e}", file=sys.stderr)
            next_arrival = now + ctx.args.every
        time.sleep(0.5)
    return 0
