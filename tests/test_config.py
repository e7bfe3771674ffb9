"""Config: the sample loads; every kind of mistake is refused with the file, the key path and what
is wrong; all problems are reported together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.config import check_pin, hash_pin, load_config
from core.errors import ConfigError
from tests.conftest import DEMO_PIN, SAMPLE_CONFIG

SAMPLE = SAMPLE_CONFIG.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "site.toml"
    p.write_text(text, encoding="utf-8")
    return p


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    return info.value.problems


def test_sample_is_a_realistic_mpp(cfg) -> None:
    assert len(cfg.agencies) >= 6 and len(cfg.services) >= 10 and len(cfg.counters) >= 12
    assert {a.name for a in cfg.agencies} >= {"Disdukcapil", "Imigrasi", "BPJS Kesehatan", "Samsat", "DPMPTSP"}
    assert all(re.fullmatch(r"[A-Z]{1,2}", s.prefix) for s in cfg.services)
    assert all(s.quota > 0 and s.priority_quota > 0 and s.service_minutes > 0 for s in cfg.services)
    fri = [b for b in cfg.breaks if "fri" in b.days]
    assert fri and fri[0].name == "Salat Jumat"
    assert cfg.holidays and cfg.site.timezone == "Asia/Jakarta"
    # the PIN is stored salted and hashed, never plain
    assert cfg.site.staff_pin_hash.startswith("pbkdf2_sha256$") and f'"{DEMO_PIN}"' not in SAMPLE
    assert check_pin(DEMO_PIN, cfg.site.staff_pin_hash)
    assert not check_pin("0000", cfg.site.staff_pin_hash)


def test_pin_hash_is_salted() -> None:
    a, b = hash_pin("1234"), hash_pin("1234")
    assert a != b and check_pin("1234", a) and check_pin("1234", b)
    assert not check_pin("1234", "1234") and not check_pin("1234", "garbage$x$y$z")


def test_lookup_by_code_or_prefix(cfg) -> None:
    assert cfg.service("ktp") is cfg.service("A") is cfg.service(" a ")
    assert cfg.service("nope") is None
    assert cfg.counter("3") is cfg.counter(3) and cfg.counter("x") is None


def test_unknown_key_names_file_and_path(tmp_path: Path) -> None:
    text = SAMPLE.replace('prefix = "B"', 'prefix = "B"\nprefx = "Q"')
    (p,) = problems(tmp_path, text)
    assert p.startswith(str(tmp_path / "site.toml") + ": services[1].prefx: unknown key")


def test_unknown_section(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, SAMPLE + "\n[printr]\ntransport = 'file'\n")
    assert "printr: unknown key" in p


def test_duplicate_prefix(tmp_path: Path) -> None:
    text = SAMPLE.replace('prefix = "B"', 'prefix = "A"')
    (p,) = problems(tmp_path, text)
    assert "services[1].prefix: 'A' is already used by services[0]" in p


def test_counter_naming_unknown_service(tmp_path: Path) -> None:
    text = SAMPLE.replace('services = ["paspor"]\n\n[[counters]]\nid = 5',
                          'services = ["pasport"]\n\n[[counters]]\nid = 5')
    (p,) = problems(tmp_path, text)
    assert "counters[3].services: 'pasport' is not a service code" in p


def test_bad_timezone(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, SAMPLE.replace('"Asia/Jakarta"', '"Asia/Jakrta"'))
    assert "site.timezone: unknown timezone 'Asia/Jakrta'" in p


@pytest.mark.parametrize("bad", ["8:00", "25:00", "08.00", "noon"])
def test_bad_time(tmp_path: Path, bad: str) -> None:
    (p,) = problems(tmp_path, SAMPLE.replace('tue = ["08:00", "15:00"]', f'tue = ["{bad}", "15:00"]'))
    assert f"hours.tue: '{bad}' is not a time like '08:00'" in p


def test_end_before_start(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, SAMPLE.replace('start = "11:30"', 'start = "13:30"'))
    assert "breaks[1]: starts at 13:30 but ends at 13:00" in p


def test_wrong_type(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, SAMPLE.replace("quota = 150", 'quota = "banyak"'))
    assert "services[0].quota: should be a whole number, not 'banyak'" in p


def test_plain_pin_refused(tmp_path: Path) -> None:
    text = re.sub(r'staff_pin_hash = ".*"', 'staff_pin_hash = "2468"', SAMPLE)
    (p,) = problems(tmp_path, text)
    assert "site.staff_pin_hash: must be a salted hash" in p


def test_bad_choices_and_references(tmp_path: Path) -> None:
    text = (SAMPLE.replace('transport = "file"', 'transport = "bluetooth"')
            .replace('agency = "polres"', 'agency = "polisi"')
            .replace('numbers = "digits"', 'numbers = "roman"'))
    ps = problems(tmp_path, text)
    assert len(ps) == 3  # every problem at once, not just the first
    assert any("printer.transport: 'bluetooth' is not one of" in p for p in ps)
    assert any("services[10].agency: 'polisi' is not an agency code" in p for p in ps)
    assert any("voice.numbers: 'roman'" in p for p in ps)


def test_missing_required_and_syntax(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, SAMPLE.replace('timezone = "Asia/Jakarta"', ""))
    assert "site.timezone: is required" in p
    (p,) = problems(tmp_path, SAMPLE.replace("[hours]", "[hours"))
    assert "not valid TOML" in p
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "missing.toml")


def test_unknown_template_placeholder(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, SAMPLE.replace("menuju {counter}\"", "menuju {loket}\""))
    assert "voice.template_id: unknown placeholder" in p


def test_kiosk_timings_are_checked(tmp_path: Path) -> None:
    ps = problems(tmp_path, SAMPLE.replace("idle_seconds = 30", "idle_seconds = 0")
                  .replace("max_tickets_per_minute = 6", "max_tickets_per_minute = 0"))
    assert any("kiosk.idle_seconds: 0 is outside 5..3600" in p for p in ps)
    assert any("kiosk.max_tickets_per_minute: 0 is outside 1..120" in p for p in ps)
