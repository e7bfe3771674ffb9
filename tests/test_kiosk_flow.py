"""The citizen's path through the kiosk: tap an agency, tap a service, get exactly one printed
ticket; double taps, the per-minute limit, idle and confirmation timers, live counts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt

from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.store import Store
from printer.layout import qr_payload
from tests.test_kiosk_support import Kiosk, kiosk_fixture  # noqa: F401 - the fixture

MakeKiosk = Callable[..., Kiosk]


def test_two_taps_print_exactly_one_ticket(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    assert "Silakan pilih instansi" in k.visible_texts()
    k.tap_agency("dukcapil")
    assert [c for c in k.window.services.cards] == ["ktp", "kk", "akta"]
    assert "Buka" in k.card("ktp").state.text()
    k.take("ktp")
    k.wait_screen("ticket")

    tickets = k.tickets()
    assert [(t.label, t.status, t.priority, t.kiosk) for t in tickets] == [("A-001", "waiting", False, "kiosk-1")]
    assert len(k.jobs) == 1
    job = k.jobs[0]
    assert job.startswith(b"\x1b@")  # ESC @ first
    assert b"A-001" in job and qr_payload(k.engine.cfg, tickets[0]).encode() in job
    screen = k.visible_texts()
    assert "Silakan ambil tiket Anda" in screen and "A-001" in screen
    assert "KTP-el (rekam & cetak)" in screen and "Tidak ada antrean di depan Anda" in screen
    assert k.window.ticket.qr.payload == qr_payload(k.engine.cfg, tickets[0])
    assert [e.kind for e in k.engine.store.events(0, 100) if e.label == "A-001"] == ["issued", "printed"]

    k.tap(k.window.ticket.label)  # any tap on the confirmation: back to the start
    k.wait_screen("home")
    assert len(k.tickets()) == 1


def test_ticket_shows_people_ahead_and_wait(make_kiosk: MakeKiosk, engine: Engine) -> None:
    for _ in range(3):
        engine.issue("paspor")
    k = make_kiosk()
    k.tap_agency("imigrasi")
    assert "3 orang menunggu" in k.card("paspor").counts.text()
    k.take("paspor")
    k.wait_screen("ticket")
    assert "D-004" in k.visible_texts()
    assert "3 orang di depan Anda" in k.visible_texts()
    # 3 ahead x 12 min (config default) / 2 counters (none open yet: all that serve it assumed)
    assert "Perkiraan menunggu ± 18 menit" in k.visible_texts()


def test_double_tap_issues_one_ticket_and_screen_stays_live(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(delay=0.6)  # a slow printer: the second tap lands while the first prints
    k.tap_agency("dukcapil")
    card = k.card("ktp")
    k.qtbot.mouseClick(card.take, Qt.MouseButton.LeftButton)
    k.qtbot.mouseClick(card.take, Qt.MouseButton.LeftButton)
    k.presenter.issue("ktp")  # even a tap that got past the disabled button
    # the tap returned at once: the printer is still busy in the pool thread
    assert k.presenter.screen == "printing" and k.jobs == []
    assert not card.take.isEnabled()
    assert "Mencetak tiket…" in k.visible_texts()
    k.wait_screen("ticket")
    assert [t.label for t in k.tickets()] == ["A-001"]
    assert len(k.jobs) == 1


def test_priority_ticket(make_kiosk: MakeKiosk, engine: Engine) -> None:
    engine.issue("kk")
    engine.issue("kk")
    k = make_kiosk()
    k.tap_agency("dukcapil")
    assert "★ Antrean prioritas" in k.visible_texts()
    assert any("lansia, penyandang disabilitas, ibu hamil, dan anak" in t for t in k.visible_texts())
    k.take("kk", priority=True)
    k.wait_screen("ticket")
    t = k.tickets()[-1]
    assert (t.label, t.priority) == ("B-003", True)
    assert "PRIORITAS" in k.visible_texts()
    assert "Tidak ada antrean di depan Anda" in k.visible_texts()  # priority goes first
    assert b"PRIORITAS" in k.jobs[0]


def test_single_service_agency_goes_straight_to_it(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    k.tap_agency("polres")
    assert list(k.window.services.cards) == ["skck"]
    assert "Silakan pilih layanan" not in k.visible_texts()
    assert k.card("skck").take.isVisible()


def test_back_and_home_are_one_tap_away(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk()
    k.tap_agency("samsat")
    k.tap(k.window.services.back_button)
    k.wait_screen("home")
    k.tap_agency("bpjs")
    k.tap(k.window.services.home_button)
    k.wait_screen("home")


def test_confirmation_returns_home_after_configured_seconds(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(confirm_seconds=1)
    k.tap_agency("bpjs")
    k.take("jkn")
    k.wait_screen("ticket")
    assert "Kembali ke beranda dalam 1 detik · sentuh layar untuk selesai" in k.visible_texts()
    k.wait_screen("home", timeout=5000)


def test_idle_returns_home(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(idle_seconds=1)
    k.tap_agency("dukcapil")
    k.wait_screen("home", timeout=5000)
    assert "Silakan pilih instansi" in k.visible_texts()


def test_per_minute_limit_stops_hoarding(make_kiosk: MakeKiosk, clock: ManualClock) -> None:
    k = make_kiosk(max_tickets_per_minute=2)
    for _ in range(2):
        k.tap_agency("dukcapil")
        k.take("ktp")
        k.wait_screen("ticket")
        k.presenter.go_home()
    k.tap_agency("dukcapil")
    k.take("ktp")
    assert k.presenter.screen == "services"
    assert k.window.banner.isVisible()
    assert "Kios ini baru saja mencetak banyak tiket" in k.window.banner.label.text()
    assert len(k.tickets()) == 2
    clock.advance(61)  # a minute later the next citizen is served
    k.take("ktp")
    k.wait_screen("ticket")
    assert [t.label for t in k.tickets()] == ["A-001", "A-002", "A-003"]


def test_counts_follow_the_queue_live(make_kiosk: MakeKiosk, cfg: Config, clock: ManualClock,
                                      db_path: Path) -> None:
    k = make_kiosk()
    tile = k.window.home.buttons["imigrasi"]
    assert tile.count.text() == "0 menunggu"
    other = Engine(cfg, Store(db_path), clock, actor="kiosk-2")  # another kiosk, its own connection
    try:
        other.issue("paspor")
        other.issue("paspor")
        k.qtbot.waitUntil(lambda: tile.count.text() == "2 menunggu", timeout=5000)
        k.tap_agency("imigrasi")
        other.call_next(4)
        k.qtbot.waitUntil(lambda: "1 orang menunggu" in k.card("paspor").counts.text(), timeout=5000)
    finally:
        other.store.close()
