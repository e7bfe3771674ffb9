"""The one place python-escpos is imported. Its capability module picks a pickle folder at
import time (a fresh, never-removed temp folder unless ESCPOS_CAPABILITIES_PICKLE_DIR is set)
and re-reads the whole capability database when the pickle is missing; point it at a cache
folder that survives, before the import. It also calls logging.basicConfig() at import, which
would echo every log line on stderr: the handler it adds is removed again."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
    _cache = Path(platformdirs.user_cache_dir("antre", appauthor=False)) / "escpos"
    _cache.mkdir(parents=True, exist_ok=True)
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(_cache)

_handlers = list(logging.getLogger().handlers)
from escpos import exceptions  # noqa: E402
from escpos.capabilities import get_profile  # noqa: E402
from escpos.constants import QR_ECLEVEL_M  # noqa: E402
from escpos.escpos import Escpos  # noqa: E402
from escpos.printer import Dummy, File, Network  # noqa: E402

for _h in logging.getLogger().handlers[len(_handlers):]:
    logging.getLogger().removeHandler(_h)

__all__ = ["QR_ECLEVEL_M", "Dummy", "Escpos", "File", "Network", "exceptions", "get_profile"]
