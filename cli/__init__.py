"""The command line: `python main.py <command>`. Turns known errors into one clear line on stderr
and a non-zero exit; anything else is logged with its traceback."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import platformdirs

from core.clock import Clock, OffsetClock, SystemClock, parse_local
from core.config import Config, load_config
from core.engine import Engine
from core.errors import AntreError
from core.logs import setup_logging
from core.store import Store

EXIT_KNOWN = 2
EXIT_BUG = 70
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config.toml"
log = logging.getLogger("antre.cli")


class Context:
    """What a command needs, built lazily from the global options."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @cached_property
    def config(self) -> Config:
        path = self.args.config or os.environ.get("ANTRE_CONFIG") or DEFAULT_CONFIG
        return load_config(path)

    @cached_property
    def db_path(self) -> Path:
        chosen = self.args.db or os.environ.get("ANTRE_DB")
        if chosen:
            return Path(chosen).expanduser().resolve()
        if self.config.storage.database:
            return self.config.resolve(self.config.storage.database)
        return Path(platformdirs.user_data_dir("antre", appauthor=False)) / "antre.db"

    @property
    def data_dir(self) -> Path:
        return self.db_path.parent

    @cached_property
    def clock(self) -> Clock:
        now = self.args.now or os.environ.get("ANTRE_NOW")
        if not now:
            return SystemClock()
        try:
            return OffsetClock(parse_local(now, self.config.tz))
        except ValueError:
            raise AntreError(f"--now: '{now}' bukan waktu ISO (mis. 2026-11-23T09:00).",
                             f"--now: '{now}' is not an ISO time (e.g. 2026-11-23T09:00).") from None

    @cached_property
    def store(self) -> Store:
        setup_logging(self.data_dir, "cli")
        return Store(self.db_path)

    @cached_property
    def engine(self) -> Engine:
        return Engine(self.config, self.store, self.clock, actor="cli")

    def out(self, data: dict[str, Any], text: str | Sequence[str]) -> None:
        """One JSON object with --json, else the human text."""
        if self.json:
            print(json.dumps(data, ensure_ascii=False, default=str))
        else:
            print(text if isinstance(text, str) else "\n".join(text))


Handler = Callable[[Context], int | None]


def build_parser() -> argparse.ArgumentParser:
    from cli import queue_cmds

    parser = argparse.ArgumentParser(
        prog="main.py", description="Antre — sistem antrean Mal Pelayanan Publik / MPP queue system")
    parser.add_argument("--config", help="config.toml (default: beside main.py, or ANTRE_CONFIG)")
    parser.add_argument("--db", help="SQLite database file (default: ANTRE_DB, config, data folder)")
    parser.add_argument("--now", help="run as if the clock were set to this site-local ISO time "
                        "(also ANTRE_NOW); time runs on from it")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print one JSON object")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (queue_cmds, *_optional_modules()):
        module.register(sub, common)
    return parser


def _optional_modules() -> list[Any]:
    """Command groups of the device and window packages, registered when present."""
    import importlib

    found = []
    for name in ("cli.window_cmds", "cli.printer_cmds", "cli.display_cmds", "cli.kiosk_cmds",
                 "cli.staff_cmds", "cli.demo_cmds"):
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args)
    try:
        code = args.handler(ctx)
        return int(code or 0)
    except AntreError as e:
        if ctx.json:
            print(json.dumps(e.to_json(), ensure_ascii=False, default=str))
        print(f"antre: {e}", file=sys.stderr)
        return EXIT_KNOWN
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception:
        try:
            folder = ctx.data_dir
        except Exception:  # noqa: BLE001 - the config itself may be what failed
            folder = Path(platformdirs.user_log_dir("antre", appauthor=False))
        logfile = setup_logging(folder, "cli")
        log.exception("unexpected error in %s", args.command)
        print(f"antre: kesalahan tak terduga; hubungi petugas TI / unexpected error; log: {logfile}",
              file=sys.stderr)
        return EXIT_BUG
