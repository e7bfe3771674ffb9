"""The rules that protect citizens, as the kiosk shows them: a service that cannot serve today
offers no ticket and says why in plain words (and when it opens again)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.clock import ManualClock
from core.engine import Engine
from tests.conftest import local
from tests.test_kiosk_support import Kiosk, kiosk_fixture  # noqa: F401 - the fixture

MakeKiosk = Callable[..., Kiosk]


def _refused(k: Kiosk, code: str) -> tuple[str, str]:
    card = k.card(code)
    assert not card.take.isVisible() and not card.priority.isVisible()
    assert card.reason.isVisible()
    return card.state.text(), card.reason.text()


def test_service_closed_by_staff(make_kiosk: MakeKiosk, engine: Engine) -> None:
    engine.set_service_open("stnk", False, "gangguan sistem pusat")
    k = make_kiosk()
    k.tap_agency("samsat")
    assert _refused(k, "stnk") == ("Ditutup hari ini",
                                   "Layanan Pengesahan & ganti STNK ditutup hari ini (gangguan sistem pusat).")
    assert k.card("pkb").take.isVisible()  # the other Samsat service still issues
    assert k.window.home.buttons["samsat"].count.text() != "Tutup saat ini"


@pytest.mark.parametrize(("moment", "state", "reason"), [
    ("2026-11-23 07:15", "Belum buka", "Layanan Pajak kendaraan tahunan belum buka. Buka pukul 08.00."),
    ("2026-11-23 15:20", "Sudah tutup",
     "Layanan Pajak kendaraan tahunan sudah tutup hari ini. Buka lagi Selasa pukul 08.00."),
    ("2026-11-22 10:00", "Tidak buka hari ini",
     "Layanan Pajak kendaraan tahunan tidak buka hari ini. Buka lagi Senin pukul 08.00."),
    ("2026-12-25 10:00", "Libur", "Hari ini libur (Hari Raya Natal); layanan tutup. Buka lagi Senin pukul 08.00."),
    ("2026-11-23 14:40", "Tiket habis hari ini",
     "Pengambilan tiket Pajak kendaraan tahunan ditutup pukul 14.30 agar semua antrean sempat dilayani. "
     "Buka lagi Selasa pukul 08.00."),
])
def test_outside_hours_and_cutoff(make_kiosk: MakeKiosk, clock: ManualClock, moment: str, state: str,
                                  reason: str) -> None:
    clock.set(local(moment))
    k = make_kiosk()
    assert k.window.home.buttons["samsat"].count.text() == "Tutup saat ini"
    k.tap_agency("samsat")
    assert _refused(k, "pkb") == (state, reason)
    k.presenter.issue("pkb")  # even a tap that slipped through issues nothing
    k.presenter.pool.waitForDone(5000)
    k.qtbot.waitUntil(lambda: k.presenter.screen == "services")
    assert k.tickets() == []


def test_quota_reached(make_kiosk: MakeKiosk, engine: Engine) -> None:
    engine.set_quota("akta", 1)
    engine.issue("akta")
    k = make_kiosk()
    k.tap_agency("dukcapil")
    state, reason = _refused(k, "akta")
    assert state == "Kuota habis"
    assert reason == "Kuota Akta Kelahiran & Kematian hari ini (1) sudah habis. Buka lagi Selasa pukul 08.00."


def test_full_queue_says_so(make_kiosk: MakeKiosk, engine: Engine, clock: ManualClock) -> None:
    clock.set(local("2026-11-23 13:00"))  # SKCK: one counter, 7 minutes each, closes 14:00
    for _ in range(7):
        engine.issue("skck")
    k = make_kiosk()
    k.tap_agency("polres")
    state, reason = _refused(k, "skck")
    assert state == "Antrean penuh"
    assert reason.startswith("Antrean SKCK hari ini sudah penuh: tiket baru tidak sempat dilayani sebelum "
                             "tutup pukul 14.00.")
    assert len(k.tickets()) == 7


def test_priority_quota_reached_leaves_regular_tickets(make_kiosk: MakeKiosk, engine: Engine) -> None:
    engine.set_quota("kk", priority_quota=0)
    k = make_kiosk()
    k.tap_agency("dukcapil")
    card = k.card("kk")
    assert card.take.isEnabled() and card.priority.isVisible() and not card.priority.isEnabled()
    assert card.priority_reason.text() == ("Kuota prioritas Kartu Keluarga & KIA hari ini (0) sudah habis; "
                                           "silakan ambil antrean biasa.")


def test_rule_changed_after_the_screen_was_drawn(make_kiosk: MakeKiosk, engine: Engine) -> None:
    k = make_kiosk()
    k.tap_agency("imigrasi")
    engine.set_quota("paspor", 0)  # floor staff, a moment before the tap
    k.take("paspor")
    k.qtbot.waitUntil(lambda: k.window.banner.isVisible(), timeout=5000)
    assert k.presenter.screen == "services"
    assert "Kuota Paspor (wawancara & foto) hari ini (0) sudah habis." in k.window.banner.label.text()
    assert k.tickets() == [] and k.jobs == []
    assert not k.card("paspor").take.isVisible()  # the card now shows the rule too


def test_during_a_break_tickets_are_still_issued(make_kiosk: MakeKiosk, clock: ManualClock) -> None:
    clock.set(local("2026-11-23 12:15"))
    k = make_kiosk()
    k.tap_agency("bpjs")
    card = k.card("jkn")
    assert card.take.isVisible()
    assert card.reason.text() == "Istirahat (Istirahat siang) sampai pukul 13.00; tiket tetap bisa diambil."
