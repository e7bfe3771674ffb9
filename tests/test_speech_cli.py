"""`python main.py say LABEL COUNTER [--text] [--wav PATH]` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def say(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", "--db", str(tmp_path / "antre.db"), "say", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_say_text(tmp_path: Path) -> None:
    out = say(tmp_path, "A-023", "3", "--text")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Nomor antrean, A, nol dua tiga, silakan menuju loket tiga"
    en = say(tmp_path, "AB-1000", "11", "--text", "--language", "en")
    assert en.stdout.strip() == "Ticket number, A B, one zero zero zero, please go to counter eleven"


def test_say_wav_is_the_chime_then_the_sentence(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a023.wav"
    out = say(tmp_path, "A-023", "3", "--wav", str(target), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["spoken"] is True and data["text"].startswith("Nomor antrean, A, nol dua tiga")
    with wave.open(str(target), "rb") as w:
        seconds = w.getnframes() / w.getframerate()
    with wave.open(str(ROOT / "assets" / "chime.wav"), "rb") as w:
        chime = w.getnframes() / w.getframerate()
    assert chime + 2.5 < seconds < chime + 10
    assert abs(data["seconds"] - seconds) < 0.01
    assert list((tmp_path / "speech").glob("*.wav")), "the sentence is cached for the display"


def test_say_unknown_counter_is_a_clear_error(tmp_path: Path) -> None:
    out = say(tmp_path, "A-023", "99", "--text")
    assert out.returncode == 2
    assert "Loket '99' tidak dikenal" in out.stderr and "Traceback" not in out.stderr
