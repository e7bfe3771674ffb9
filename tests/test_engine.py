"""The ticket lifecycle on a real SQLite file with an injected clock."""

from __future__ import annotations

import pytest

from core import stats
from core.clock import ManualClock
from core.engine import Engine
from core.errors import InvalidAction, IssueRefused, NothingWaiting, TicketNotFound, UnknownCounter, UnknownService
from core.model import CALLED, CANCELLED, DONE, NO_SHOW, PRINTING, SERVING, WAITING, make_label
from core.store import Store
from tests.conftest import local


def kinds(engine: Engine, since: int = 0) -> list[str]:
    return [e.kind for e in engine.store.events(since)]


def test_labels() -> None:
    assert make_label("A", 1) == "A-001"
    assert make_label("A", 23) == "A-023"
    assert make_label("BC", 999) == "BC-999"
    assert make_label("A", 1000) == "A-1000"


def test_issue_numbers_per_service_from_one(engine: Engine) -> None:
    a1, a2, b1 = engine.issue("ktp"), engine.issue("A"), engine.issue("kk")
    assert (a1.label, a2.label, b1.label) == ("A-001", "A-002", "B-001")
    assert a1.status == WAITING and a1.day == "2026-11-23" and len(a1.token) >= 12
    assert a1.token != a2.token
    ev = engine.store.events()[-1]
    assert (ev.kind, ev.label, ev.data["number"]) == ("issued", "B-001", 1)


def test_full_lifecycle_appends_events(engine: Engine, clock: ManualClock) -> None:
    t = engine.issue("ktp", kiosk="kiosk-1")
    start = engine.store.last_event_id()
    clock.advance(300)
    called = engine.call_next(1)
    assert (called.id, called.status, called.counter, called.calls) == (t.id, CALLED, 1, 1)
    assert engine.recall(1).calls == 2
    assert engine.start_serving(1).status == SERVING
    clock.advance(420)
    done = engine.finish(1)
    assert done.status == DONE and done.done_at == clock.now()
    assert kinds(engine, start) == ["counter_open", "called", "recalled", "serving", "done"]
    done_ev = engine.store.events(start)[-1]
    assert done_ev.data["service_seconds"] == 420 and done_ev.actor == "loket-1"
    called_ev = engine.store.events(start, kinds=("called",))[0]
    assert called_ev.counter == 1 and called_ev.data["waited_seconds"] == 300
    with pytest.raises(InvalidAction):
        engine.finish(1)


def test_event_ids_are_monotonic(engine: Engine) -> None:
    for _ in range(5):
        engine.issue("kk")
    ids = [e.id for e in engine.store.events()]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_priority_first_then_fifo_across_services(engine: Engine, clock: ManualClock) -> None:
    a1 = engine.issue("ktp")
    clock.advance(1)
    b1 = engine.issue("kk")
    clock.advance(1)
    p = engine.issue("kk", priority=True)
    clock.advance(1)
    engine.issue("paspor")  # not served at counter 1
    order = []
    for _ in range(3):
        order.append(engine.call_next(1).label)
        engine.finish(1)
    assert order == [p.label, a1.label, b1.label]
    with pytest.raises(NothingWaiting, match="Tidak ada antrean menunggu"):
        engine.call_next(1)


def test_counter_busy_and_unknowns(engine: Engine) -> None:
    engine.issue("ktp")
    engine.issue("ktp")
    engine.call_next(1)
    with pytest.raises(InvalidAction, match="masih menangani A-001"):
        engine.call_next(1)
    with pytest.raises(UnknownCounter):
        engine.call_next(99)
    with pytest.raises(UnknownService):
        engine.issue("sim")
    with pytest.raises(TicketNotFound):
        engine.call_ticket(2, "A-777")


def test_call_specific_ticket(engine: Engine) -> None:
    engine.issue("ktp")
    second = engine.issue("ktp")
    assert engine.call_ticket(2, "a-002").id == second.id
    with pytest.raises(InvalidAction, match="bukan layanan"):
        engine.call_ticket(4, "A-001")  # counter 4 serves passports only


def test_no_show_and_requeue_window(engine: Engine, clock: ManualClock) -> None:
    t = engine.issue("ktp")
    engine.issue("ktp")
    engine.call_next(1)
    assert engine.no_show(1).status == NO_SHOW
    clock.advance(10 * 60)
    back = engine.requeue(t.label)
    assert back.status == WAITING and back.queued_at == clock.now()
    # it rejoins at the end: A-002 is called first
    assert engine.call_next(1).label == "A-002"
    engine.finish(1)
    engine.call_next(1)
    engine.no_show(1)
    clock.advance(31 * 60)
    with pytest.raises(InvalidAction, match="ambil tiket baru"):
        engine.requeue(t.label)


def test_transfer_keeps_label_and_place(engine: Engine, clock: ManualClock) -> None:
    first = engine.issue("ktp")
    clock.advance(60)
    engine.issue("akta")
    engine.call_next(1)
    moved = engine.transfer(1, "akta")
    assert (moved.label, moved.service, moved.origin_service, moved.status) == ("A-001", "akta", "ktp", WAITING)
    assert moved.queued_at == first.queued_at and moved.counter is None
    assert engine.call_next(3).label == "A-001"  # older than C-001
    ev = engine.store.events(kinds=("transferred",))[0]
    assert ev.data == {"from_service": "ktp", "to_service": "akta"}
    with pytest.raises(InvalidAction):
        engine.transfer(3, "akta")


def test_cancel(engine: Engine) -> None:
    t = engine.issue("ktp")
    c = engine.cancel(t.label, "warga pulang")
    assert c.status == CANCELLED and c.reason == "warga pulang"
    with pytest.raises(InvalidAction):
        engine.cancel(t.label, "lagi")


def test_counter_states(engine: Engine) -> None:
    engine.issue("ktp")
    assert engine.set_counter(1, "paused").state == "paused"
    engine.call_next(1)  # calling opens a paused counter
    assert engine.counter_state(1).state == "open"
    with pytest.raises(InvalidAction, match="masih menangani"):
        engine.set_counter(1, "closed")
    engine.finish(1)
    assert engine.set_counter(1, "closed").state == "closed"


@pytest.mark.parametrize(("moment", "rule"), [
    ("2026-11-23 07:30", "not_yet_open"),
    ("2026-11-23 14:40", "past_cutoff"),  # closes 15:00, cut-off 30 min
    ("2026-11-23 15:10", "closed_for_day"),
    ("2026-11-29 10:00", "closed_today"),  # Sunday
    ("2026-12-25 10:00", "holiday"),
])
def test_issue_refused_by_hours(engine: Engine, clock: ManualClock, moment: str, rule: str) -> None:
    clock.set(local(moment))
    with pytest.raises(IssueRefused) as info:
        engine.issue("ktp")
    assert info.value.reason == rule
    assert engine.store.tickets() == []


def test_refusal_words(engine: Engine, clock: ManualClock) -> None:
    clock.set(local("2026-12-25 10:00"))
    with pytest.raises(IssueRefused, match=r"libur \(Hari Raya Natal\); layanan tutup. Buka lagi Senin pukul 08.00"):
        engine.issue("ktp")
    clock.set(local("2026-11-23 14:40"))
    with pytest.raises(IssueRefused, match=r"ditutup pukul 14\.30"):
        engine.issue("ktp")


def test_service_specific_hours_and_cutoff(engine: Engine, clock: ManualClock) -> None:
    clock.set(local("2026-11-23 13:45"))  # SKCK closes 14:00, passports have a 60-minute cut-off
    with pytest.raises(IssueRefused) as info:
        engine.issue("skck")
    assert info.value.reason == "past_cutoff"
    clock.set(local("2026-11-23 14:05"))
    with pytest.raises(IssueRefused):
        engine.issue("paspor")
    assert engine.issue("ktp").label == "A-001"


def test_issue_during_friday_prayer_is_allowed_and_estimated(engine: Engine, clock: ManualClock) -> None:
    clock.set(local("2026-11-27 12:00"))  # Friday, break 11:30-13:00
    engine.issue("ktp")
    est = stats.estimate(engine, "ktp")
    assert est.minutes >= 60  # the rest of the break counts


def test_closed_by_staff_and_quota(engine: Engine) -> None:
    engine.set_service_open("jkn", False, "server BPJS gangguan", actor="admin")
    with pytest.raises(IssueRefused, match="ditutup hari ini \\(server BPJS gangguan\\)") as info:
        engine.issue("jkn")
    assert info.value.reason == "service_closed"
    engine.set_service_open("jkn", True, actor="admin")
    engine.set_quota("jkn", quota=2, priority_quota=1)
    engine.issue("jkn")
    engine.issue("jkn")
    with pytest.raises(IssueRefused, match=r"sudah habis\. Buka lagi Selasa pukul 08\.00") as info:
        engine.issue("jkn")
    assert info.value.reason == "quota_reached"
    engine.issue("jkn", priority=True)  # the priority quota is separate
    with pytest.raises(IssueRefused) as info:
        engine.issue("jkn", priority=True)
    assert info.value.reason == "priority_quota_reached"
    assert [e.kind for e in engine.store.events(kinds=("service_closed", "service_open", "quota_changed"))] == [
        "service_closed", "service_open", "quota_changed"]


def test_cancelled_tickets_free_the_quota(engine: Engine) -> None:
    engine.set_quota("jkn", quota=1)
    t = engine.issue("jkn")
    engine.cancel(t.label, "salah pilih layanan")
    assert engine.issue("jkn").label == "E-002"


def test_printing_flow(engine: Engine) -> None:
    t = engine.issue("ktp", printing=True)
    assert t.status == PRINTING
    with pytest.raises(NothingWaiting):
        engine.call_next(1)  # never called before the citizen has the paper
    assert engine.mark_printed(t.id).status == WAITING
    u = engine.issue("ktp", printing=True)
    assert engine.print_failed(u.id, "paper_out", "cancel").status == CANCELLED
    v = engine.issue("ktp", printing=True)
    assert engine.print_failed(v.id, "offline", "show_on_screen").status == WAITING
    w = engine.issue("ktp", printing=True)
    (resolved,) = engine.resolve_printing("show_on_screen")
    assert resolved.id == w.id and resolved.status == WAITING
    faults = engine.store.events(kinds=("printer_fault",))
    assert [f.data["reason"] for f in faults] == ["paper_out", "offline", "restart"]


def test_estimate_uses_todays_median(engine: Engine, clock: ManualClock) -> None:
    est = stats.estimate(engine, "paspor")
    assert (est.ahead, est.minutes, est.basis) == (0, 0, "default")
    for _ in range(6):
        engine.issue("paspor")
    for minutes in (4, 4, 4):  # three served in 4 minutes each at counter 4
        engine.call_next(4)
        clock.advance(minutes * 60)
        engine.finish(4)
    est = stats.estimate(engine, "paspor")
    assert (est.ahead, est.median_minutes, est.basis, est.open_counters) == (3, 4.0, "today", 1)
    assert est.minutes == 12
    engine.set_counter(5, "open")
    assert stats.estimate(engine, "paspor").minutes == 6  # two open counters
    waiting = engine.store.waiting(["paspor"], True, engine.today())
    assert stats.estimate(engine, "paspor", ticket=waiting[1]).ahead == 1


def test_status_figures(engine: Engine, clock: ManualClock) -> None:
    engine.issue("ktp")
    engine.issue("ktp", priority=True)
    clock.advance(120)
    engine.call_next(1)
    st = stats.status(engine)
    ktp = next(s for s in st["services"] if s["service"] == "ktp")
    assert (ktp["waiting"], ktp["at_counter"], ktp["issued"], ktp["quota_left"], ktp["priority_quota_left"]) == (
        1, 1, 2, 149, 29)
    assert ktp["median_wait_minutes"] == 2.0 and ktp["state"] == "open"
    c1 = next(c for c in st["counters"] if c["counter"] == 1)
    assert (c1["state"], c1["ticket"]) == ("open", "A-002")  # the priority ticket went first


def test_known_errors_survive_pickling() -> None:
    import pickle

    from core.errors import ConfigError

    err = IssueRefused("quota_reached", "Kuota habis.", "Quota used up.", service="ktp")
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), back.reason, back.id_text, back.data["service"]) == (IssueRefused, "quota_reached",
                                                                             "Kuota habis.", "ktp")
    assert pickle.loads(pickle.dumps(ConfigError(["a: b"]))).problems == ["a: b"]


def test_committed_events_are_logged_and_rolled_back_ones_are_not(engine: Engine, caplog: pytest.LogCaptureFixture,
                                                                   clock: ManualClock) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="antre.store")
    t = engine.issue("ktp")
    with pytest.raises(RuntimeError), engine.store.write():
        engine.store.append_event(clock.now(), "ghost", t)
        raise RuntimeError("power cut")
    lines = [r.getMessage() for r in caplog.records]
    assert any(f"issued {t.label} service=ktp" in m for m in lines)
    assert not any("ghost" in m for m in lines)
    assert [e.kind for e in engine.store.events()][-1] == "issued"  # the ghost was rolled back


def test_time_never_runs_backwards(engine: Engine, clock: ManualClock) -> None:
    t = engine.issue("ktp")
    clock.advance(-120)  # the PC's clock is stepped back two minutes
    called = engine.call_next(1)
    assert called.called_at is not None and called.called_at >= t.issued_at
    ats = [e.at for e in engine.store.events()]
    assert ats == sorted(ats)


def test_resolve_printing_spares_other_kiosks_and_fresh_jobs(engine: Engine, clock: ManualClock) -> None:
    old = engine.issue("ktp", kiosk="kiosk-1", printing=True)
    other = engine.issue("ktp", kiosk="kiosk-2", printing=True)
    clock.advance(60)
    fresh = engine.issue("ktp", kiosk="kiosk-1", printing=True)
    done = engine.resolve_printing("show_on_screen", kiosk="kiosk-1", older_than=30)
    assert [t.id for t in done] == [old.id]
    assert engine.store.ticket(other.id).status == PRINTING  # type: ignore[union-attr]
    assert engine.store.ticket(fresh.id).status == PRINTING  # type: ignore[union-attr]


def test_estimate_for_a_ticket_still_printing(engine: Engine) -> None:
    for _ in range(3):
        engine.issue("kk")
    p = engine.issue("kk", priority=True, printing=True)
    n = engine.issue("kk", printing=True)
    assert stats.estimate(engine, "kk", ticket=p).ahead == 0
    assert stats.estimate(engine, "kk", ticket=n).ahead == 3


def test_no_ticket_the_service_cannot_serve_before_closing(engine: Engine, clock: ManualClock) -> None:
    clock.set(local("2026-11-23 13:00"))  # SKCK: one counter, 7 min each, closes 14:00
    issued = []
    with pytest.raises(IssueRefused, match=r"sudah penuh: tiket baru tidak sempat dilayani sebelum tutup pukul 14\.00"):
        for _ in range(20):
            issued.append(engine.issue("skck"))
    # the hour left, less the 15 % reserve, holds 51 minutes: 7 x 7 = 49 fit, an eighth would not
    assert len(issued) == 7
    assert engine.store.events(kinds=("issued",))[-1].label == "L-007"


def test_transfer_restarts_the_service_clock(engine: Engine, clock: ManualClock) -> None:
    engine.issue("ktp")
    engine.call_next(1)
    engine.start_serving(1)
    clock.advance(180)
    engine.transfer(1, "akta")
    clock.advance(120)
    engine.call_next(3)
    engine.start_serving(3)
    clock.advance(600)
    done = engine.finish(3)
    assert done.serving_at is not None and done.called_at is not None and done.serving_at >= done.called_at
    assert engine.store.events(kinds=("done",))[-1].data["service_seconds"] == 600


def test_the_morning_before_the_first_write_is_a_new_day(engine: Engine, clock: ManualClock) -> None:
    engine.issue("ktp")
    engine.call_next(1)  # counter 1 open, A-001 at it ... and everybody goes home
    clock.set(local("2026-11-24 07:30"))
    cs = engine.counter_state(1)
    assert (cs.state, cs.ticket) == ("closed", None)
    c1 = next(c for c in stats.status(engine)["counters"] if c["counter"] == 1)
    assert (c1["state"], c1["ticket"]) == ("closed", None)
    clock.set(local("2026-11-24 08:05"))
    engine.issue("ktp")  # the first write of the day rolls over: the counter is closed for real
    assert engine.store.counter_states()[1] == "closed"
    assert engine.store.events(kinds=("counter_closed",))[-1].actor == "system"


def test_pin_tries_are_limited_per_place_across_processes(engine: Engine, clock: ManualClock) -> None:
    from core.errors import WrongPin

    for _ in range(5):
        with pytest.raises(WrongPin, match="PIN salah"):
            engine.verify_pin("0000", "kiosk-1", "staff_menu")
    with pytest.raises(WrongPin, match="Terlalu banyak PIN salah; coba lagi dalam 5 menit"):
        engine.verify_pin("2468", "kiosk-1", "staff_menu")
    engine.verify_pin("2468", "admin", "unlock")  # another place is not locked out
    other = Engine(engine.cfg, Store(engine.store.path), clock)  # another process, same file
    with pytest.raises(WrongPin, match="Terlalu banyak"):
        other.verify_pin("2468", "kiosk-1", "staff_menu")
    clock.advance(5 * 60 + 1)
    engine.verify_pin("2468", "kiosk-1", "staff_menu")


def test_reset_leaves_a_ticket_being_printed(engine: Engine) -> None:
    from tests.conftest import DEMO_PIN

    t = engine.issue("ktp", printing=True)
    engine.issue("ktp")
    engine.reset("ktp", DEMO_PIN, "uji")
    assert engine.store.ticket(t.id).status == PRINTING  # type: ignore[union-attr]
    assert engine.mark_printed(t.id).status == WAITING  # it is in the citizen's hand: it keeps its place


def test_a_no_show_from_before_a_reset_is_called_back_by_token(engine: Engine) -> None:
    from tests.conftest import DEMO_PIN

    old = engine.issue("ktp")
    engine.call_next(1)
    engine.no_show(1)
    engine.reset("ktp", DEMO_PIN, "mulai ulang")
    new = engine.issue("ktp")
    assert new.label == old.label == "A-001"
    back = engine.call_ticket(2, old.token)
    assert back.id == old.id and back.epoch == 1  # the citizen who came back, not the new A-001
    assert engine.store.ticket(new.id).status == WAITING  # type: ignore[union-attr]
