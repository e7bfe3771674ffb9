"""Service days: automatic rollover at midnight in the site's timezone, and the manual reset by
floor staff. No reset deletes a row."""

from __future__ import annotations

from datetime import UTC

import pytest

from core.clock import ManualClock
from core.engine import Engine
from core.errors import InvalidAction, WrongPin
from core.model import CANCELLED, EXPIRED, SERVING, WAITING
from tests.conftest import DEMO_PIN, local


def test_new_day_restarts_numbering_and_expires_leftovers(engine: Engine, clock: ManualClock) -> None:
    engine.issue("ktp")
    engine.issue("ktp")
    engine.issue("ktp")
    engine.call_next(1)
    engine.start_serving(1)
    clock.set(local("2026-11-24 08:05"))  # Tuesday
    t = engine.issue("ktp")
    assert (t.label, t.day) == ("A-001", "2026-11-24")
    old = engine.store.tickets(day="2026-11-23")
    assert len(old) == 3 and {x.status for x in old} == {EXPIRED}
    assert len(engine.store.events(kinds=("expired",))) == 3
    started = engine.store.events(kinds=("day_started",))
    assert [e.data["day"] for e in started] == ["2026-11-23", "2026-11-24"]
    # a counter can work again: yesterday's ticket no longer holds it
    assert engine.call_next(1).label == "A-001"


def test_service_day_follows_site_timezone(engine: Engine, clock: ManualClock) -> None:
    # 23:30 UTC on Sunday is already Monday 06:30 in Jakarta (UTC+7)
    from datetime import datetime

    clock.set(datetime(2026, 11, 22, 23, 30, tzinfo=UTC))
    assert engine.today() == "2026-11-23"


def test_rollover_happens_once(engine: Engine, clock: ManualClock) -> None:
    engine.issue("ktp")
    clock.set(local("2026-11-24 09:00"))
    assert engine.rollover() == 1
    assert engine.rollover() == 0


def test_reset_one_service(engine: Engine, clock: ManualClock) -> None:
    for _ in range(3):
        engine.issue("ktp")
    engine.issue("kk")
    engine.call_next(1)  # A-001 at the counter stays
    engine.start_serving(1)
    before = len(engine.store.tickets())
    result = engine.reset("ktp", DEMO_PIN, "kertas macet, mulai ulang", actor="admin")
    assert result == [{"service": "ktp", "epoch": 2, "cancelled": 2}]
    tickets = engine.store.tickets()
    assert len(tickets) == before  # nothing deleted
    statuses = {t.label: (t.status, t.reason) for t in tickets if t.service == "ktp"}
    assert statuses["A-001"] == (SERVING, "")
    assert statuses["A-002"] == (CANCELLED, "reset: kertas macet, mulai ulang")
    assert engine.store.ticket_by_label(engine.today(), "B-001").status == WAITING  # type: ignore[union-attr]
    new = engine.issue("ktp")
    assert (new.label, new.epoch) == ("A-001", 2)
    assert engine.issue("kk").label == "B-002"  # other services untouched
    ev = engine.store.events(kinds=("reset",))[0]
    assert (ev.actor, ev.service, ev.data["cancelled"], ev.data["epoch"]) == ("admin", "ktp", 2, 2)
    # the new A-001 is found by label, the old one is still in the history
    assert engine.ticket("A-001").epoch == 2
    assert len([t for t in engine.store.tickets() if t.label == "A-001"]) == 2


def test_reset_all(engine: Engine) -> None:
    engine.issue("ktp")
    engine.issue("paspor")
    out = engine.reset(None, DEMO_PIN, "uji coba pagi")
    assert len(out) == len(engine.cfg.services)
    assert {t.status for t in engine.store.tickets()} == {CANCELLED}
    assert engine.issue("paspor").label == "D-001"


def test_reset_needs_pin_and_reason(engine: Engine) -> None:
    engine.issue("ktp")
    with pytest.raises(WrongPin):
        engine.reset("ktp", "0000", "iseng")
    with pytest.raises(InvalidAction, match="Alasan"):
        engine.reset("ktp", DEMO_PIN, "  ")
    assert engine.store.tickets()[0].status == WAITING
    assert engine.issue("ktp").label == "A-002"
    assert [e.kind for e in engine.store.events(kinds=("pin_refused", "reset"))] == ["pin_refused"]
