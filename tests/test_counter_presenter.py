"""The counter console's presenter, without pixels: what it shows, what it allows and why, and
what each action does to the queue (real SQLite file, real engine)."""

from __future__ import annotations

from dataclasses import replace

from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.store import Store
from counter.presenter import (
    CALL_NEXT,
    CALL_TICKET,
    CLOSE,
    FINISH,
    NO_SHOW_ACT,
    PAUSE,
    RECALL,
    SERVE,
    TRANSFER,
    CounterPresenter,
    clock_text,
    minutes_text,
)
from tests.conftest import DEMO_PIN


def test_empty_queue_explains_why_nothing_can_be_done(engine: Engine) -> None:
    snap = CounterPresenter(engine, 3).snapshot()
    assert snap.current is None and snap.waiting == ()
    assert not snap.actions[CALL_NEXT].enabled
    assert snap.actions[CALL_NEXT].reason_id == "Tidak ada antrean menunggu."
    assert snap.actions[RECALL].reason_id == "Belum ada tiket dipanggil di loket ini."
    assert snap.service_names == ("KTP-el (rekam & cetak)", "Akta Kelahiran & Kematian", "Kartu Keluarga & KIA")


def test_call_next_when_nobody_waits_is_a_plain_message(engine: Engine) -> None:
    result = CounterPresenter(engine, 3).act(CALL_NEXT)
    assert result.message.level == "error"
    assert result.message.id_text == "Tidak ada antrean menunggu."
    assert result.message.en_text == "Nobody is waiting."


def test_waiting_list_is_call_order_priority_first_then_oldest(engine: Engine, clock: ManualClock) -> None:
    for svc, prio in (("ktp", False), ("kk", False), ("akta", True), ("paspor", False), ("ktp", True)):
        engine.issue(svc, priority=prio)
        clock.advance(60)
    snap = CounterPresenter(engine, 3).snapshot()
    assert [(r.label, r.priority) for r in snap.waiting] == [
        ("C-001", True), ("A-002", True), ("A-001", False), ("B-001", False)]  # paspor is not served here
    assert snap.actions[CALL_NEXT].enabled


def test_each_action_moves_the_ticket_and_says_so(engine: Engine, clock: ManualClock) -> None:
    engine.issue("ktp")
    engine.issue("kk")
    p = CounterPresenter(engine, 3)
    r = p.act(CALL_NEXT)
    assert r.message.id_text == "A-001 dipanggil ke Loket 3."
    assert r.snapshot.current is not None and r.snapshot.current.label == "A-001"
    assert not r.snapshot.actions[CALL_NEXT].enabled
    assert "Selesaikan A-001 dulu" in r.snapshot.actions[CALL_NEXT].reason_id
    r = p.act(RECALL)
    assert r.message.id_text == "A-001 dipanggil ulang (panggilan ke-2)."
    clock.advance(30)
    r = p.act(SERVE)
    assert r.snapshot.current is not None and r.snapshot.current.status == "serving"
    assert not r.snapshot.actions[NO_SHOW_ACT].enabled
    assert r.snapshot.actions[NO_SHOW_ACT].reason_id == "A-001 sudah dilayani; warga ini hadir."
    assert not r.snapshot.actions[PAUSE].enabled
    clock.advance(300)
    r = p.act(FINISH)
    assert r.message.id_text == "A-001 selesai."
    assert r.snapshot.current is None
    assert r.snapshot.figures.served == 1 and r.snapshot.figures.median_service_minutes == 5.0
    assert engine.ticket("A-001").status == "done"
    r = p.act(CALL_NEXT)
    r = p.act(NO_SHOW_ACT)
    assert r.message.id_text == "B-001 ditandai tidak hadir; bisa dipanggil lagi dalam 30 menit."
    assert [m.label for m in r.snapshot.missed] == ["B-001"]
    assert r.snapshot.figures.no_show == 1
    r = p.act(CALL_TICKET, "B-001")  # the citizen came back: called again from the list
    assert r.snapshot.current is not None and r.snapshot.current.label == "B-001"
    assert engine.ticket("B-001").calls == 2


def test_finish_calls_next_by_config(cfg: Config, store: Store, clock: ManualClock) -> None:
    eng = Engine(replace(cfg, queue=replace(cfg.queue, finish_calls_next=True)), store, clock)
    eng.issue("ktp")
    eng.issue("ktp")
    p = CounterPresenter(eng, 1)
    p.act(CALL_NEXT)
    r = p.act(FINISH)
    assert r.message.id_text == "A-001 selesai; A-002 dipanggil ke Loket 1."
    assert r.snapshot.current is not None and r.snapshot.current.label == "A-002"
    r = p.act(FINISH)
    assert r.message.id_text == "A-002 selesai. Tidak ada antrean menunggu."
    assert r.snapshot.current is None


def test_transfer_keeps_label_and_place(engine: Engine, clock: ManualClock) -> None:
    engine.issue("akta")
    clock.advance(60)
    engine.issue("ktp")
    p = CounterPresenter(engine, 3)
    p.act(CALL_TICKET, "C-001")
    targets = [code for code, _ in p.transfer_targets()]
    assert targets[:3] == ["ktp", "kk", "akta"] and "skck" in targets  # own services first
    r = p.act(TRANSFER, "ktp")
    assert r.message.id_text.startswith("C-001 dialihkan ke KTP-el (rekam & cetak)")
    t = engine.ticket("C-001")
    assert (t.service, t.origin_service, t.status, t.label) == ("ktp", "akta", "waiting", "C-001")
    assert [row.label for row in r.snapshot.waiting] == ["C-001", "A-001"]  # kept its place
    assert r.snapshot.figures.transferred == 1


def test_pause_resume_and_close(engine: Engine) -> None:
    p = CounterPresenter(engine, 5)
    assert p.act(PAUSE).message.id_text == "Loket 5 dibuka."  # a closed counter opens first
    assert p.act(PAUSE).message.id_text == "Loket 5 dijeda."
    assert engine.counter_state(5).state == "paused"
    r = p.act(CLOSE)
    assert r.snapshot.state == "closed"
    assert not r.snapshot.actions[CLOSE].enabled
    assert [e.kind for e in engine.store.events(kinds=("counter_open", "counter_paused", "counter_closed"))] == [
        "counter_open", "counter_paused", "counter_closed"]
    assert {e.actor for e in engine.store.events()} == {"loket-5"}


def test_notices_for_printer_faults_and_resets_of_my_services(engine: Engine) -> None:
    for _ in range(3):
        engine.issue("kk")
    engine.issue("paspor")
    engine.record("printer_fault", actor="kiosk-1", reason="kertas habis")
    engine.reset("kk", DEMO_PIN, "uji coba", actor="admin")
    engine.reset("paspor", DEMO_PIN, "uji coba", actor="admin")
    notices = CounterPresenter(engine, 3).recent_notices()
    texts = [n.id_text for n in notices]
    assert texts[0] == "Printer tiket bermasalah (kertas habis). Hubungi petugas lantai."
    assert texts[1] == ("Antrean Kartu Keluarga & KIA direset oleh admin (uji coba): 3 tiket menunggu "
                        "dibatalkan, nomor mulai lagi dari 1.")
    assert len(notices) == 2  # the passport reset is not this counter's business


def test_time_texts() -> None:
    from datetime import timedelta

    assert minutes_text(timedelta(minutes=14, seconds=50)) == "14 mnt"
    assert minutes_text(timedelta(minutes=65)) == "1 j 05 mnt"
    assert clock_text(timedelta(seconds=205)) == "03:25"
    assert clock_text(timedelta(seconds=3727)) == "1:02:07"
