"""`python main.py kiosk`: the lobby touchscreen."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("kiosk", parents=[common], help="the lobby touchscreen kiosk / kios antrean",
                       description="Full screen on [kiosk].screen; staff leave it by holding the "
                       "bottom-right corner for [kiosk].staff_hold_seconds, then the PIN.")
    p.add_argument("--windowed", action="store_true",
                   help="a normal, closable window (trying it on a desktop)")
    p.add_argument("--name", help="this kiosk's name in the event log (default: [kiosk].name)")
    p.set_defaults(handler=do_kiosk)


def do_kiosk(ctx: Any) -> int:
    from cli.window_cmds import run_window

    return run_window(ctx, "kiosk")
