"""Window commands shared by every window package: `screenshot TARGET` and the launcher used by
`counter N`. Each window package provides:
  <pkg>/screens.py: screenshot(ctx, out: Path, size: tuple[int, int] | None) -> list[Path]
  <pkg>/app.py:     run(ctx, *args) -> int   (builds the window from ctx and runs Qt)
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import Any

from core.errors import AntreError

TARGETS = ("kiosk", "display", "counter", "admin")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("screenshot", parents=[common], help="render a window's screens offscreen to PNGs")
    p.add_argument("target", choices=TARGETS)
    p.add_argument("--out", required=True, help="folder for the PNG files")
    p.add_argument("--size", help="WxH, e.g. 1920x1080 (default: the configured size)")
    p.set_defaults(handler=do_screenshot)


def parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise AntreError(f"--size '{text}' harus seperti 1920x1080.",
                         f"--size '{text}' must be like 1920x1080.") from None
    if w < 320 or h < 240:
        raise AntreError("Ukuran terlalu kecil (minimal 320x240).", "Size too small (at least 320x240).")
    return w, h


def _module(target: str, name: str) -> Any:
    try:
        return importlib.import_module(f"{target}.{name}")
    except ModuleNotFoundError as e:
        if e.name != f"{target}.{name}":
            raise
        raise AntreError(f"Jendela '{target}' belum tersedia di versi ini.",
                         f"The '{target}' window is not available in this version.") from None


def do_screenshot(ctx: Any) -> None:
    import os

    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication: works with no display
    out = Path(ctx.args.out)
    out.mkdir(parents=True, exist_ok=True)
    files = _module(ctx.args.target, "screens").screenshot(ctx, out, parse_size(ctx.args.size))
    ctx.out({"files": [str(f) for f in files]}, [str(f) for f in files])


def run_window(ctx: Any, target: str, *args: Any) -> int:
    return int(_module(target, "app").run(ctx, *args) or 0)
