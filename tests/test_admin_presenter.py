"""The floor-staff presenter without pixels: PIN gate, service actions, reset with its
consequences, printer desk (escpos Dummy bytes), event log filters. Real SQLite, real engine."""

from __future__ import annotations

from admin.presenter import AdminPresenter
from admin.printing import PrinterDesk
from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.errors import IssueRefused
from printer.service import TicketPrinter
from tests.conftest import DEMO_PIN


def _pin_events(engine: Engine) -> list[str]:
    return [e.data.get("action", "") for e in engine.store.events(kinds=("pin_refused",))]


def test_wrong_pin_is_refused_and_logged_and_the_pad_rests(engine: Engine, clock: ManualClock) -> None:
    p = AdminPresenter(engine)
    m = p.unlock("1111")
    assert not m.ok and m.id_text == "PIN salah; tidak ada yang diubah."
    assert _pin_events(engine) == ["unlock"]
    for _ in range(4):
        p.unlock("0000")
    rest = p.unlock(DEMO_PIN)  # even the right PIN waits out the rest
    assert not rest.ok and rest.id_text == "Terlalu banyak PIN salah; coba lagi dalam 5 menit."
    assert len(_pin_events(engine)) == 5  # the refusal during the rest is not another try
    clock.advance(5 * 60 + 1)
    assert p.unlock(DEMO_PIN).ok
    assert [e.actor for e in engine.store.events(kinds=("admin_unlocked",))] == ["admin"]


def test_close_and_open_a_service_with_a_reason(engine: Engine) -> None:
    p = AdminPresenter(engine)
    assert not p.close_service("paspor", "  ").ok  # the kiosk needs words to show
    m = p.close_service("paspor", "Server imigrasi gangguan")
    assert m.ok and "Server imigrasi gangguan" in m.id_text
    try:
        engine.issue("paspor")
        raise AssertionError("issued for a closed service")
    except IssueRefused as e:
        assert e.id_text == "Layanan Paspor (wawancara & foto) ditutup hari ini (Server imigrasi gangguan)."
    row = next(s for s in p.status()["services"] if s["service"] == "paspor")
    assert (row["state"], row["closed_reason"]) == ("closed_by_staff", "Server imigrasi gangguan")
    assert p.open_service("paspor").ok
    assert engine.issue("paspor").label == "D-001"
    kinds = [(e.kind, e.actor) for e in engine.store.events(kinds=("service_closed", "service_open"))]
    assert kinds == [("service_closed", "admin"), ("service_open", "admin")]


def test_quota_change_takes_effect_now(engine: Engine) -> None:
    p = AdminPresenter(engine)
    engine.issue("pbg")
    m = p.set_quota("pbg", 2, 1)
    assert m.ok and "Kuota Persetujuan Bangunan Gedung hari ini: 2 (prioritas 1). Sisa 1." == m.id_text
    engine.issue("pbg")
    m = p.set_quota("pbg", 1, 1)
    assert "Sudah terpakai 2" in m.id_text
    assert not p.set_quota("pbg", -1, 0).ok
    e = engine.store.events(kinds=("quota_changed",))[-1]
    assert (e.actor, e.data["quota"]) == ("admin", 1)


def test_reset_spells_out_consequences_then_cancels_and_renumbers(engine: Engine) -> None:
    for _ in range(5):
        engine.issue("ktp")
    engine.issue("kk")
    engine.call_next(1)  # A-001 stays at counter 1
    p = AdminPresenter(engine)
    preview = p.reset_preview("ktp")
    assert (preview.cancelled, preview.at_counter) == (4, 1)
    id_text, en_text = preview.consequences()
    assert "4 tiket yang menunggu akan DIBATALKAN" in id_text and "Nomor mulai lagi dari 1 (A-001)" in id_text
    assert "1 tiket yang sedang di loket tetap dilayani" in id_text and "4 waiting ticket(s)" in en_text
    rows_before = len(engine.store.tickets())
    m = p.reset("ktp", "9999", "salah cetak")
    assert not m.ok and m.id_text == "PIN salah; tidak ada yang diubah."
    assert [t.status for t in engine.store.tickets(services=("ktp",))].count("waiting") == 4  # nothing changed
    m = p.reset("ktp", DEMO_PIN, "salah cetak")
    assert m.ok and "4 tiket menunggu dibatalkan" in m.id_text
    assert len(engine.store.tickets()) == rows_before  # no row deleted
    statuses = {t.label: t.status for t in engine.store.tickets(services=("ktp",))}
    assert statuses == {"A-001": "called", "A-002": "cancelled", "A-003": "cancelled", "A-004": "cancelled",
                        "A-005": "cancelled"}
    assert engine.issue("ktp").label == "A-001"  # numbering restarts
    assert engine.ticket("B-001").status == "waiting"  # other services untouched
    assert p.reset_preview(None).cancelled == 2  # the new A-001 and B-001


def test_printer_desk_reprints_real_bytes_and_records_faults(cfg: Config, engine: Engine,
                                                            clock: ManualClock) -> None:
    printer = TicketPrinter.dummy(cfg, clock=clock)
    p = AdminPresenter(engine, PrinterDesk(engine, lambda: printer))
    engine.issue("ktp")
    m = p.reprint("a-001")
    assert m.ok and m.id_text == "Tiket A-001 dicetak ulang."
    job = printer.transport.jobs[-1]  # type: ignore[attr-defined]
    assert job.startswith(b"\x1b@") and b"A-001" in job and b"\x1dV" in job  # init ... label ... cut
    assert p.test_print().ok
    assert p.printer_status().id_text.startswith("Printer siap.")
    printer.transport.state = "paper_out"  # type: ignore[attr-defined]
    m = p.reprint("A-001")
    assert not m.ok and m.id_text == "Tiket A-001 gagal dicetak ulang: Kertas printer habis."
    assert p.printer_status().id_text.startswith("Kertas printer habis.")
    faults = engine.store.events(kinds=("printer_fault",))
    assert [(e.actor, e.data["reason"], e.data["source"]) for e in faults] == [
        ("admin", "paper_out", "reprint"), ("admin", "paper_out", "status")]
    assert [e.kind for e in engine.store.events(kinds=("reprint", "test_print"))] == ["reprint", "test_print",
                                                                                        "reprint"]
    engine.call_next(1)
    engine.finish(1)
    assert p.reprint("A-001").id_text == "Tiket A-001 selesai; tidak dicetak ulang."
    assert p.reprint("Z-999").id_text == "Tiket Z-999 tidak ditemukan hari ini."


def test_event_log_filters(engine: Engine) -> None:
    engine.issue("ktp")
    engine.issue("jkn")
    engine.call_next(6)
    engine.call_next(1)
    p = AdminPresenter(engine)
    assert [e.kind for e in p.events()][:2] == ["called", "counter_open"]  # newest first
    assert [e.label for e in p.events(kind="called")] == ["A-001", "E-001"]
    assert [e.label for e in p.events(service="jkn")] == ["E-001", "E-001"]
    assert [(e.kind, e.label) for e in p.events(counter=6)] == [("called", "E-001"), ("counter_open", "")]
    assert p.events(kind="called", service="ktp", counter=6) == []


def test_log_filters_reach_past_the_newest_events(engine: Engine) -> None:
    engine.record("printer_fault", actor="kiosk-1", reason="paper_out")
    for _ in range(30):
        engine.issue("ktp")
    p = AdminPresenter(engine)
    faults = p.events(kind="printer_fault", limit=10)
    assert [e.data["reason"] for e in faults] == ["paper_out"]  # the morning's fault is not crowded out
    newest = p.events(limit=5)
    assert [e.id for e in newest] == sorted((e.id for e in newest), reverse=True)
    assert newest[0].id == engine.store.last_event_id()
