"""Speech: a sentence -> a WAV file, behind one small interface with two implementations.

- `VoiceSpeech`: pyttsx3 (espeak-ng on Linux, SAPI5 on Windows) in a spawned worker process per
  utterance (display/tts_worker.py), killed after `voice.render_timeout_seconds`, cached on disk
  by (text, voice, rate, volume). The next worker is started ahead of need, so an uncached
  sentence costs the engine's time only, not a Python start-up.
- `RecordingSpeech`: the test one: records what it was asked to say and writes a short real WAV.

`ClipMaker` joins the chime and the sentence into the one clip that is played. If speech fails,
the clip is the chime alone and the failure is logged once (until speech works again).
Every method here may block: call them off the UI thread."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from core.config import VoiceConfig
from core.errors import AntreError
from display import audio

log = logging.getLogger("antre.display.speech")
WORKER = Path(__file__).resolve().parent / "tts_worker.py"


class SpeechError(AntreError):
    """The speech engine could not say a sentence (missing, hung, or no such voice)."""

    code = "speech"


class Speech(Protocol):
    def render(self, text: str, language: str) -> Path:
        """The sentence as a WAV file; raises SpeechError. May block for seconds."""
        ...

    def close(self) -> None: ...


def _valid_wav(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() > 0
    except (OSError, EOFError, wave.Error):
        return False


class VoiceSpeech:
    def __init__(self, voice: VoiceConfig, cache_dir: Path, python: str = sys.executable) -> None:
        self.voice = voice
        self.cache_dir = cache_dir
        self.python = python
        self.renders = 0  # engine runs (cache misses), for tests and the benchmark
        self._lock = threading.Lock()  # one render at a time, whoever calls
        self._warm: subprocess.Popen[str] | None = None

    def voice_for(self, language: str) -> str:
        return self.voice.voice_en if language == "en" else self.voice.voice_id

    def cache_path(self, text: str, language: str) -> Path:
        key = "\0".join((text, self.voice_for(language), str(self.voice.rate), f"{self.voice.volume:.3f}"))
        return self.cache_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.wav"

    def render(self, text: str, language: str) -> Path:
        path = self.cache_path(text, language)
        if _valid_wav(path):
            os.utime(path)  # recently used: pruning keeps it
            return path
        with self._lock:
            if _valid_wav(path):
                return path
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            job = {"text": text, "voice": self.voice_for(language), "rate": self.voice.rate,
                   "volume": self.voice.volume, "out": str(path), "wait": self.voice.render_timeout_seconds}
            try:
                self._run(job)
            finally:
                self._start_warm()
            self.renders += 1
        if not _valid_wav(path):
            raise SpeechError("Suara pengumuman tidak terbentuk.", "The speech engine wrote no audio.")
        return path

    def _run(self, job: dict[str, object]) -> None:
        proc, self._warm = self._warm, None
        if proc is None or proc.poll() is not None:
            proc = self._spawn()
        timeout = self.voice.render_timeout_seconds
        try:
            out, err = proc.communicate(json.dumps(job) + "\n", timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise SpeechError(f"Mesin suara tidak selesai dalam {timeout:g} detik.",
                              f"The speech engine did not finish within {timeout:g} s.") from None
        result = next((line[7:] for line in reversed(out.splitlines()) if line.startswith("RESULT ")), "")
        try:
            reply = json.loads(result)
            ok, error = bool(reply.get("ok")), str(reply.get("error", ""))
        except (ValueError, AttributeError):
            ok, error = False, f"worker exited with {proc.returncode}: {err.strip()[-300:]}"
        if not ok:
            raise SpeechError("Mesin suara gagal; hanya bunyi bel yang diputar.",
                              f"The speech engine failed: {error}", detail=error)

    def _spawn(self) -> subprocess.Popen[str]:
        try:
            return subprocess.Popen([self.python, str(WORKER)], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    encoding="utf-8")
        except OSError as e:
            raise SpeechError("Mesin suara tidak dapat dijalankan.", f"Cannot start the speech worker: {e}") from e

    def _start_warm(self) -> None:
        try:
            self._warm = self._spawn()
        except SpeechError:
            self._warm = None

    def warm_up(self) -> None:
        """Start the next worker now (off the UI thread), so the first call is quick too."""
        with self._lock:
            if self._warm is None or self._warm.poll() is not None:
                self._start_warm()

    def close(self) -> None:
        proc, self._warm = self._warm, None
        if proc is not None and proc.poll() is None:
            try:
                proc.communicate("\n", timeout=2)  # an empty job: it exits without speaking
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()

    def prune(self, max_mb: int) -> int:
        """Keep the cache under max_mb: the least recently used sentences go first."""
        files = sorted(self.cache_dir.glob("*.wav"), key=lambda p: p.stat().st_mtime)
        total = sum(p.stat().st_size for p in files)
        removed = 0
        while files and total > max_mb * 1_000_000:
            p = files.pop(0)
            total -= p.stat().st_size
            p.unlink(missing_ok=True)
            removed += 1
        return removed


class RecordingSpeech:
    """The test speech: records every sentence and writes a real, short WAV (a 440 Hz tone of
    `seconds`). `fail=True` raises SpeechError like a broken engine; `delay` is render time."""

    def __init__(self, folder: Path, seconds: float = 0.2, fail: bool = False, delay: float = 0.0) -> None:
        self.folder = folder
        self.seconds = seconds
        self.fail = fail
        self.delay = delay
        self.spoken: list[str] = []
        self._n = 0

    def render(self, text: str, language: str) -> Path:
        if self.delay:
            time.sleep(self.delay)
        if self.fail:
            raise SpeechError("Mesin suara gagal (uji).", "The speech engine failed (test).")
        self.spoken.append(text)
        self._n += 1
        tone = audio.synth_chime(volume=0.3)
        tone.samples = tone.samples[: int(self.seconds * tone.rate)]
        return audio.write_wav(self.folder / f"speech-{self._n}.wav", tone)

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class Clip:
    path: Path
    seconds: float
    spoken: bool  # False: the chime alone (speech failed)
    error: str = ""


class ClipMaker:
    """chime + sentence (+ repeats) as one WAV per announcement. Failures are logged once."""

    def __init__(self, speech: Speech, voice: VoiceConfig, chime: Path | None, out_dir: Path) -> None:
        self.speech = speech
        self.voice = voice
        self.out_dir = out_dir
        self._failing = False
        self.chime = self._load_chime(chime)

    @staticmethod
    def _load_chime(path: Path | None) -> audio.Pcm | None:
        if path is None:
            return None
        try:
            return audio.read_wav(path)
        except (OSError, EOFError, wave.Error) as e:
            log.warning("chime %s unreadable (%s); using the built-in chime", path, e)
            return audio.synth_chime()

    def make(self, text: str, language: str, name: str) -> Clip:
        speech: audio.Pcm | None = None
        error = ""
        try:
            speech = audio.read_wav(self.speech.render(text, language))
        except SpeechError as e:
            error = f"{e.en_text or e.id_text}"
        except (OSError, EOFError, wave.Error) as e:
            error = f"unreadable speech file: {e}"
        if error and not self._failing:
            log.error("speech failed, the chime plays alone until it works again: %s (sentence: %r)", error, text)
        elif error:
            log.debug("speech still failing: %s", error)
        elif self._failing:
            log.info("speech works again")
        self._failing = bool(error)
        pcm = audio.join_clip(self.chime, speech, self.voice.repeat, self.voice.volume)
        path = audio.write_wav(self.out_dir / f"{name}.wav", pcm)
        return Clip(path, pcm.seconds, speech is not None, error)
