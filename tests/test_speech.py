"""Speech rendering with the real engine (pyttsx3 -> espeak-ng, in a spawned worker), the cache,
failures (timeout, unknown voice) that leave the chime alone, and the WAV joining."""

from __future__ import annotations

import logging
import subprocess
import sys
import wave
from array import array
from dataclasses import replace
from pathlib import Path

import pytest

from core.announce import sentence
from core.config import Config
from display import audio
from display.speech import ClipMaker, RecordingSpeech, SpeechError, VoiceSpeech

ROOT = Path(__file__).resolve().parent.parent


def seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def peak(path: Path) -> int:
    return max(abs(s) for s in audio.read_wav(path).samples)


def test_real_espeak_wav_is_plausible_and_cached(cfg: Config, tmp_path: Path) -> None:
    speech = VoiceSpeech(cfg.voice, tmp_path / "speech")
    text = sentence(cfg, "A-023", 3)
    try:
        path = speech.render(text, "id")
        # ~9 words of Indonesian at 150 words a minute: a few seconds, not silence, not a hang
        assert 2.5 < seconds(path) < 9.0
        assert peak(path) > 3000
        assert speech.renders == 1
        again = speech.render(text, "id")
        assert again == path and speech.renders == 1  # the cache answered
        other = speech.render(sentence(cfg, "A-024", 3), "id")
        assert other != path and speech.renders == 2
    finally:
        speech.close()


def test_rate_is_applied_and_keys_the_cache(cfg: Config, tmp_path: Path) -> None:
    slow = VoiceSpeech(replace(cfg.voice, rate=110), tmp_path / "speech")
    fast = VoiceSpeech(replace(cfg.voice, rate=230), tmp_path / "speech")
    text = sentence(cfg, "B-101", 11)
    try:
        a, b = slow.render(text, "id"), fast.render(text, "id")
        assert a != b
        assert seconds(a) > 1.4 * seconds(b)
    finally:
        slow.close()
        fast.close()


def test_timeout_is_a_known_error_and_the_next_render_works(cfg: Config, tmp_path: Path) -> None:
    hung = VoiceSpeech(replace(cfg.voice, render_timeout_seconds=0.001), tmp_path / "speech")
    with pytest.raises(SpeechError, match="did not finish"):
        hung.render("Nomor antrean, A, nol nol satu", "id")
    hung.voice = cfg.voice  # the engine is fine again: a fresh worker renders
    try:
        assert seconds(hung.render("Nomor antrean, A, nol nol satu", "id")) > 1.0
    finally:
        hung.close()


def test_speech_failure_plays_the_chime_alone_and_logs_once(cfg: Config, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    broken = VoiceSpeech(replace(cfg.voice, voice_id="no-such-voice"), tmp_path / "speech")
    clips = ClipMaker(broken, cfg.voice, ROOT / "assets" / "chime.wav", tmp_path / "clips")
    caplog.set_level(logging.INFO, "antre.display.speech")
    try:
        first = clips.make("Nomor antrean, A, nol nol satu", "id", "one")
        second = clips.make("Nomor antrean, A, nol nol dua", "id", "two")
    finally:
        broken.close()
    chime = seconds(ROOT / "assets" / "chime.wav")
    for clip in (first, second):
        assert not clip.spoken and "no-such-voice" in clip.error
        assert abs(seconds(clip.path) - chime) < 0.01
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "chime plays alone" in errors[0].getMessage()
    clips.speech = RecordingSpeech(tmp_path)
    assert clips.make("Nomor antrean, A, nol nol tiga", "id", "three").spoken
    assert any("works again" in r.getMessage() for r in caplog.records)


def test_clip_is_chime_then_sentence_repeated(cfg: Config, tmp_path: Path) -> None:
    speech = RecordingSpeech(tmp_path, seconds=0.5)
    twice = replace(cfg.voice, repeat=2)
    clip = ClipMaker(speech, twice, ROOT / "assets" / "chime.wav", tmp_path / "clips").make("x", "id", "c")
    chime = seconds(ROOT / "assets" / "chime.wav")
    assert clip.spoken and speech.spoken == ["x"]
    assert seconds(clip.path) == pytest.approx(chime + 2 * (audio.GAP_SECONDS + 0.5), abs=0.01)
    # the sentence starts after the chime and the gap: silence there, sound after
    pcm = audio.read_wav(clip.path)
    gap_at = int((chime + 0.1) * audio.RATE)
    assert max(abs(s) for s in pcm.samples[gap_at:gap_at + 2000]) == 0
    start = int((chime + audio.GAP_SECONDS + 0.05) * audio.RATE)
    assert max(abs(s) for s in pcm.samples[start:start + 2000]) > 1000


def test_missing_chime_falls_back_to_the_built_in_one(cfg: Config, tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    clips = ClipMaker(RecordingSpeech(tmp_path), cfg.voice, tmp_path / "typo.wav", tmp_path / "clips")
    assert clips.chime is not None and clips.chime.seconds > 1.0
    assert "built-in chime" in caplog.text


def test_other_wav_formats_are_converted(tmp_path: Path) -> None:
    """SAPI5 and others write 16/44.1 kHz, stereo or 8-bit: all become 22,050 Hz mono 16-bit."""
    path = tmp_path / "stereo.wav"
    frames = array("h")
    for i in range(44_100):
        frames += array("h", [1000, 3000]) if i % 2 else array("h", [-1000, -3000])
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44_100)
        w.writeframes(frames.tobytes())
    pcm = audio.read_wav(path)
    assert pcm.rate == audio.RATE and abs(len(pcm.samples) - 22_050) <= 1
    assert max(pcm.samples) <= 2000 and min(pcm.samples) >= -2000  # the mean of both channels
    eight = tmp_path / "eight.wav"
    with wave.open(str(eight), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(16_000)
        w.writeframes(bytes([128, 255, 128, 0] * 4000))
    pcm8 = audio.read_wav(eight)
    assert abs(pcm8.seconds - 1.0) < 0.001 and max(pcm8.samples) > 30_000


def test_cache_is_pruned_least_recently_used_first(cfg: Config, tmp_path: Path) -> None:
    speech = VoiceSpeech(cfg.voice, tmp_path / "speech")
    (tmp_path / "speech").mkdir()
    import os

    for i in range(5):
        p = tmp_path / "speech" / f"{i}.wav"
        p.write_bytes(b"\0" * 400_000)
        os.utime(p, (1_000_000 + i, 1_000_000 + i))
    assert speech.prune(max_mb=1) == 3
    assert sorted(p.name for p in (tmp_path / "speech").glob("*.wav")) == ["3.wav", "4.wav"]


def test_the_chime_is_made_by_the_project(tmp_path: Path) -> None:
    out = tmp_path / "chime.wav"
    subprocess.run([sys.executable, str(ROOT / "assets" / "make_chime.py"), str(out)], check=True,
                   capture_output=True, timeout=60)
    assert out.read_bytes() == (ROOT / "assets" / "chime.wav").read_bytes()
    assert 1.0 < seconds(out) < 2.0
