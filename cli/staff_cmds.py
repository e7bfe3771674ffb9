"""Floor-staff commands: `admin` opens the floor-staff window; `export-csv --out DIR` writes
today's figures and tickets, with the same function the window's export button uses."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("admin", parents=[common], help="open the floor-staff window / jendela petugas lantai",
                       description="open the floor-staff window (asks for the staff PIN)")
    p.set_defaults(handler=do_admin)
    p = sub.add_parser("export-csv", parents=[common], help="today's figures and tickets as CSV files",
                       description="write antre-<day>-layanan.csv, -loket.csv and -tiket.csv")
    p.add_argument("--out", required=True, help="folder for the CSV files")
    p.set_defaults(handler=do_export)


def do_admin(ctx: Any) -> int:
    from cli.window_cmds import run_window

    return run_window(ctx, "admin")


def do_export(ctx: Any) -> None:
    from admin.export import export_today  # Qt-free: no window library is loaded for this

    files = export_today(ctx.engine, ctx.args.out)
    ctx.engine.record("exported", actor="cli", files=[f.name for f in files], folder=str(ctx.args.out))
    ctx.out({"files": [str(f) for f in files]}, [str(f) for f in files])
