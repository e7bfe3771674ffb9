"""Injected clocks. Domain code asks a Clock for the time; it never calls datetime.now()."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class OffsetClock:
    """Starts at a given moment and runs on in real time (for `--now` and ANTRE_NOW)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("start must be timezone-aware")
        self._start = start
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._t0)


class ScaledClock:
    """Simulated time running `speed` times faster than real time from a shared wall-clock
    origin, so separate processes agree on the simulated moment."""

    def __init__(self, start: datetime, speed: float, origin: float) -> None:
        if start.tzinfo is None:
            raise ValueError("start must be timezone-aware")
        self.start, self.speed, self.origin = start, speed, origin

    def now(self) -> datetime:
        return self.start + timedelta(seconds=(time.time() - self.origin) * self.speed)

    def real_seconds_until(self, moment: datetime) -> float:
        return max(0.0, (moment - self.now()).total_seconds() / self.speed)


class ManualClock:
    """Time moves only when told (tests, the simulated service day)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("start must be timezone-aware")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)


def parse_local(text: str, tz: ZoneInfo) -> datetime:
    """'2026-11-23T09:00' (site-local, or with an explicit offset) -> aware datetime."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)
