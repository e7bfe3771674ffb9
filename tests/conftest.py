"""Shared fixtures. QT_QPA_PLATFORM must be set before any QApplication exists, or a Qt abort
kills the run without pytest's summary line."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", os.path.join(os.path.dirname(__file__), "..", ".venv"))

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.clock import ManualClock
from core.config import Config, load_config
from core.engine import Engine
from core.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONFIG = ROOT / "config.toml"
JAKARTA = ZoneInfo("Asia/Jakarta")
DEMO_PIN = "2468"


def local(text: str) -> datetime:
    """A site-local moment: local('2026-11-23 09:00') (a Monday)."""
    return datetime.fromisoformat(text).replace(tzinfo=JAKARTA)


@pytest.fixture(scope="session")
def cfg() -> Config:
    return load_config(SAMPLE_CONFIG)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "antre.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(local("2026-11-23 09:00"))  # Monday, open 08:00-15:00


@pytest.fixture
def engine(cfg: Config, store: Store, clock: ManualClock) -> Engine:
    return Engine(cfg, store, clock, actor="test")
