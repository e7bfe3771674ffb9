"""The announcement sentence against a table: digits and numbers, two-letter prefixes, counter
names, English, templates; and core/announce.py stays pure (no Qt, no speech library)."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from core.announce import counter_words, letters, number_words, sentence
from core.config import Config, Counter

DIGITS = [
    ("A-001", 1, "Nomor antrean, A, nol nol satu, silakan menuju loket satu"),
    ("A-010", 2, "Nomor antrean, A, nol satu nol, silakan menuju loket dua"),
    ("A-012", 3, "Nomor antrean, A, nol satu dua, silakan menuju loket tiga"),
    ("A-020", 3, "Nomor antrean, A, nol dua nol, silakan menuju loket tiga"),
    ("A-023", 3, "Nomor antrean, A, nol dua tiga, silakan menuju loket tiga"),
    ("B-100", 11, "Nomor antrean, Be, satu nol nol, silakan menuju loket sebelas"),
    ("L-999", 13, "Nomor antrean, El, sembilan sembilan sembilan, silakan menuju loket tiga belas"),
    ("K-1000", 12, "Nomor antrean, Ka, satu nol nol nol, silakan menuju loket dua belas"),
    ("AB-007", 10, "Nomor antrean, A Be, nol nol tujuh, silakan menuju loket sepuluh"),
    ("XQ-045", 4, "Nomor antrean, Eks Ki, nol empat lima, silakan menuju loket empat"),
]
NUMBERS = [
    ("A-001", 1, "Nomor antrean, A, satu, silakan menuju loket satu"),
    ("A-010", 1, "Nomor antrean, A, sepuluh, silakan menuju loket satu"),
    ("A-012", 1, "Nomor antrean, A, dua belas, silakan menuju loket satu"),
    ("A-020", 1, "Nomor antrean, A, dua puluh, silakan menuju loket satu"),
    ("A-023", 3, "Nomor antrean, A, dua puluh tiga, silakan menuju loket tiga"),
    ("H-100", 1, "Nomor antrean, Ha, seratus, silakan menuju loket satu"),
    ("H-999", 1, "Nomor antrean, Ha, sembilan ratus sembilan puluh sembilan, silakan menuju loket satu"),
    ("ZJ-1000", 1, "Nomor antrean, Zet Je, seribu, silakan menuju loket satu"),
]


@pytest.mark.parametrize(("label", "counter", "expected"), DIGITS)
def test_digit_by_digit(cfg: Config, label: str, counter: int, expected: str) -> None:
    assert sentence(cfg, label, counter) == expected


@pytest.mark.parametrize(("label", "counter", "expected"), NUMBERS)
def test_as_a_number(cfg: Config, label: str, counter: int, expected: str) -> None:
    as_number = replace(cfg, voice=replace(cfg.voice, numbers="number"))
    assert sentence(as_number, label, counter) == expected


def test_every_letter_has_its_indonesian_name() -> None:
    assert letters("ABCDEFGHIJKLMNOPQRSTUVWXYZ").lower().split() == [
        "a", "be", "ce", "de", "e", "ef", "ge", "ha", "i", "je", "ka", "el", "em", "en", "o", "pe", "ki",
        "er", "es", "te", "u", "ve", "we", "eks", "ye", "zet"]


def test_spoken_name_from_config_wins(cfg: Config) -> None:
    named = replace(cfg, counters=(*cfg.counters, Counter(20, ("ktp",), "Loket Prioritas", "loket prioritas")))
    assert sentence(named, "A-005", 20) == "Nomor antrean, A, nol nol lima, silakan menuju loket prioritas"
    # a counter the config no longer has is still read by its number
    assert counter_words(cfg, 42) == "loket empat puluh dua"


def test_english_template_and_numbers(cfg: Config) -> None:
    assert sentence(cfg, "A-023", 3, "en") == "Ticket number, A, zero two three, please go to counter three"
    as_number = replace(cfg, voice=replace(cfg.voice, numbers="number"))
    assert sentence(as_number, "AB-1000", 11, "en") == "Ticket number, A B, one thousand, please go to counter eleven"
    assert number_words("023", "number", "en") == "twenty-three"


def test_other_placeholders(cfg: Config) -> None:
    custom = replace(cfg, voice=replace(cfg.voice, template_id="{label}, layanan {service}, ke {counter}"))
    assert sentence(custom, "D-004", 5) == "D-004, layanan Paspor (wawancara & foto), ke loket lima"


def test_unreadable_label_is_said_as_written(cfg: Config) -> None:
    assert sentence(cfg, "TAMU", 1) == "Nomor antrean, TAMU, silakan menuju loket satu"


def test_core_announce_is_pure() -> None:
    tree = ast.parse((Path(__file__).resolve().parent.parent / "core" / "announce.py").read_text())
    roots = {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    roots |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert roots <= {"__future__", "re", "dataclasses", "num2words", "core"}, roots
