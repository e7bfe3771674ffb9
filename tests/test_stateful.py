"""Hypothesis drives random sequences of kiosk and counter actions through the real engine and
checks the invariants after every step."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from core.clock import ManualClock
from core.config import load_config
from core.engine import Engine
from core.errors import AntreError
from core.model import AT_COUNTER, OPEN_STATES
from core.store import Store
from tests.conftest import DEMO_PIN, SAMPLE_CONFIG, local

CFG = load_config(SAMPLE_CONFIG)
SERVICES = ["ktp", "kk", "akta", "paspor"]
COUNTERS = [1, 2, 3, 4]


class Lifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.clock = ManualClock(local("2026-11-23 09:00"))
        self.engine = Engine(CFG, Store(Path(self.dir.name) / "t.db"), self.clock)
        self.issued = 0

    def teardown(self) -> None:
        self.engine.store.close()
        self.dir.cleanup()

    def attempt(self, fn, *args) -> None:
        try:
            fn(*args)
        except AntreError:
            pass  # refusals are part of life; the invariants must still hold

    @rule(service=st.sampled_from(SERVICES), priority=st.booleans())
    def issue(self, service: str, priority: bool) -> None:
        try:
            self.engine.issue(service, priority)
        except AntreError:
            return  # past the cut-off, or a quota: refused, and nothing was written
        self.issued += 1

    @rule(counter=st.sampled_from(COUNTERS))
    def call(self, counter: int) -> None:
        self.attempt(self.engine.call_next, counter)

    @rule(counter=st.sampled_from(COUNTERS),
          action=st.sampled_from(["recall", "start_serving", "finish", "no_show", "finish_and_call"]))
    def act(self, counter: int, action: str) -> None:
        self.attempt(getattr(self.engine, action), counter)

    @rule(counter=st.sampled_from(COUNTERS), service=st.sampled_from(SERVICES))
    def transfer(self, counter: int, service: str) -> None:
        self.attempt(self.engine.transfer, counter, service)

    @rule(seconds=st.integers(1, 3 * 3600))  # long waits cross the cut-off and midnight
    def wait(self, seconds: int) -> None:
        self.clock.advance(seconds)

    @rule(data=st.data())
    def requeue(self, data: st.DataObject) -> None:
        gone = [t for t in self.engine.store.tickets() if t.status == "no_show"]
        if gone:
            self.attempt(self.engine.requeue, data.draw(st.sampled_from(gone)).label)

    @rule(service=st.sampled_from(SERVICES))
    def reset(self, service: str) -> None:
        self.engine.reset(service, DEMO_PIN, "uji")

    @invariant()
    def hold(self) -> None:
        tickets = self.engine.store.tickets()
        assert len(tickets) == self.issued  # nothing lost, nothing deleted
        # numbering: per (service, epoch) exactly 1..n
        groups: dict[tuple[str, str, int], list[int]] = {}
        for t in tickets:
            groups.setdefault((t.day, t.origin_service, t.epoch), []).append(t.number)
        for numbers in groups.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))
        # a counter holds at most one ticket; a ticket at a counter has a counter
        at_counters = [t for t in tickets if t.status in AT_COUNTER]
        assert all(t.counter is not None for t in at_counters)
        assert max(Counter(t.counter for t in at_counters).values(), default=0) <= 1
        for t in at_counters:
            ctr = CFG.counter(t.counter)  # type: ignore[arg-type]
            assert ctr is not None and t.service in ctr.services
        # waiting tickets sit at no counter and were never finished
        for t in tickets:
            if t.status == "waiting":
                assert t.counter is None and t.done_at is None
            assert t.status in (*OPEN_STATES, "done", "no_show", "cancelled", "expired")
        # the event log: one issued event per ticket, ids strictly increasing
        events = self.engine.store.events(0, 10**6)
        ids = [e.id for e in events]
        assert ids == sorted(set(ids))
        assert Counter(e.ticket_id for e in events if e.kind == "issued") == Counter(t.id for t in tickets)


TestLifecycle = Lifecycle.TestCase
TestLifecycle.settings = settings(max_examples=40, stateful_step_count=40, deadline=None)
