"""The ID/EN switch changes every visible text; the next visitor starts in Indonesian."""

from __future__ import annotations

from collections.abc import Callable

from core.engine import Engine
from kiosk.texts import keys, tr
from tests.test_kiosk_support import Kiosk, kiosk_fixture, literal_parts  # noqa: F401 - the fixture

MakeKiosk = Callable[..., Kiosk]

# Indonesian words that are also names (agencies, services) stay: "Disdukcapil" is its name.
_INDONESIAN = sorted({p for key in keys() for p in literal_parts(tr(key, "id"))
                      if p not in literal_parts(tr(key, "en"))}, key=len, reverse=True)
_CORE_WORDS = ("orang menunggu", "Layanan", "ditutup hari ini", "Buka lagi", "Kuota", "sudah habis",
               "Silakan", "menunggu", "perkiraan", "Perkiraan")


def _no_indonesian_left(k: Kiosk) -> None:
    text = k.screen_text()
    left = [p for p in _INDONESIAN if p in text] + [w for w in _CORE_WORDS if w in text]
    assert left == [], f"still in Indonesian: {left}\n---\n{text}"


def test_language_switch_changes_every_visible_text(make_kiosk: MakeKiosk, engine: Engine) -> None:
    engine.set_service_open("stnk", False, "")
    engine.issue("paspor")
    k = make_kiosk()
    assert k.window.lang_button.text() == "English"
    assert "Semua layanan GRATIS · tidak dipungut biaya" in k.visible_texts()
    k.tap(k.window.lang_button)
    texts = k.visible_texts()
    assert {"Please choose an agency", "Bahasa Indonesia", "All services are FREE of charge",
            "Immigration", "1 waiting"} <= set(texts)
    assert "Monday, 23 November 2026" in texts and "09:00" in texts
    _no_indonesian_left(k)

    k.tap_agency("samsat")
    texts = k.visible_texts()
    assert {"‹ Back", "Home", "Vehicle Tax & Registration", "Annual vehicle tax", "Take a ticket",
            "★ Priority ticket", "Open", "Closed today"} <= set(texts)
    assert "Vehicle registration (STNK) is closed today." in texts
    _no_indonesian_left(k)

    k.take("pkb")
    k.wait_screen("ticket")
    texts = k.visible_texts()
    assert {"Please take your ticket", "Your queue number", "F-001", "Nobody is ahead of you"} <= set(texts)
    _no_indonesian_left(k)

    k.presenter.go_home()
    k.tap(k.window.lang_button)  # and back
    assert "Silakan pilih instansi" in k.visible_texts()
    assert "Senin, 23 November 2026" in k.visible_texts()


def test_idle_brings_the_next_visitor_back_to_indonesian(make_kiosk: MakeKiosk) -> None:
    k = make_kiosk(idle_seconds=1)
    k.tap(k.window.lang_button)
    assert "Please choose an agency" in k.visible_texts()
    k.qtbot.waitUntil(lambda: k.presenter.lang == "id", timeout=5000)
    assert "Silakan pilih instansi" in k.visible_texts()
    assert k.window.lang_button.text() == "English"


def test_every_text_has_both_languages() -> None:
    for key in keys():
        assert tr(key, "id") and tr(key, "en"), key
