"""WAV plumbing with the standard library only: read any PCM WAV as mono 16-bit at one rate,
join the chime and the speech into one clip (one clip plays gap-free and ends with one
EndOfMedia), and synthesise the project's own two-tone chime.

Speech engines differ (espeak-ng: 22,050 Hz mono; SAPI5: often 16 or 22 kHz, sometimes stereo),
so everything is converted to the clip's format before it is joined."""

from __future__ import annotations

import math
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

RATE = 22_050  # espeak-ng's own rate: its speech needs no conversion
GAP_SECONDS = 0.35  # between the chime and the sentence, and between repeats


@dataclass
class Pcm:
    """Mono signed 16-bit samples at `rate` Hz."""

    samples: array
    rate: int = RATE

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def read_wav(path: Path, rate: int = RATE) -> Pcm:
    """Any PCM WAV (8/16/24/32-bit, mono or stereo) as mono 16-bit at `rate`. Raises
    wave.Error, EOFError or OSError for a file that is not one."""
    with wave.open(str(path), "rb") as w:
        channels, width, src_rate, n = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
        raw = w.readframes(n)
    mono = _to_mono16(raw, width, channels)
    return Pcm(_resample(mono, src_rate, rate) if src_rate != rate else mono, rate)


def _to_mono16(raw: bytes, width: int, channels: int) -> array:
    if width == 2:
        data = array("h")
        data.frombytes(raw[: len(raw) - len(raw) % 2])
        values = data
    elif width == 1:  # unsigned 8-bit
        values = array("h", ((b - 128) << 8 for b in raw))
    elif width in (3, 4):
        values = array("h", (int.from_bytes(raw[i + width - 2:i + width], "little", signed=True)
                             for i in range(0, len(raw) - width + 1, width)))
    else:
        raise wave.Error(f"unsupported sample width {width}")
    if channels == 1:
        return values
    return array("h", (sum(values[i:i + channels]) // channels for i in range(0, len(values), channels)))


def _resample(src: array, src_rate: int, rate: int) -> array:
    """Linear interpolation: plenty for speech and a chime, and no numpy needed."""
    if not src:
        return array("h")
    n = max(1, round(len(src) * rate / src_rate))
    step = src_rate / rate
    last = len(src) - 1
    out = array("h", bytes(2 * n))
    for i in range(n):
        x = i * step
        j = int(x)
        if j >= last:
            out[i] = src[last]
        else:
            f = x - j
            out[i] = int(src[j] + (src[j + 1] - src[j]) * f)
    return out


def silence(seconds: float, rate: int = RATE) -> array:
    return array("h", bytes(2 * round(seconds * rate)))


def scaled(samples: array, volume: float) -> array:
    if volume >= 0.999:
        return samples
    return array("h", (int(s * volume) for s in samples))


def write_wav(path: Path, pcm: Pcm) -> Path:
    """Written beside the target, then renamed: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(pcm.rate)
        w.writeframes(pcm.samples.tobytes())
    tmp.replace(path)
    return path


def join_clip(chime: Pcm | None, speech: Pcm | None, repeat: int = 1, chime_volume: float = 1.0) -> Pcm:
    """chime, gap, sentence (, gap, sentence ...): one announcement as one clip. Without speech
    (the engine failed), the chime alone still tells the hall to look at the screen."""
    out = array("h")
    if chime is not None:
        out += scaled(chime.samples, chime_volume)
    if speech is not None and len(speech.samples):
        for _ in range(max(1, repeat)):
            if out:
                out += silence(GAP_SECONDS)
            out += speech.samples
    return Pcm(out)


def synth_chime(rate: int = RATE, volume: float = 0.6) -> Pcm:
    """A soft two-tone chime ("ding-dong", E5 then C5, 0.55 s each), like a public-address
    gong: a sine with two quiet harmonics, a 5 ms attack and an exponential decay."""
    out = array("h")
    for freq, length in ((659.25, 0.55), (523.25, 0.85)):
        n = int(rate * length)
        attack = int(rate * 0.005)
        for i in range(n):
            t = i / rate
            env = min(1.0, i / attack) * math.exp(-3.2 * t)
            v = (math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
                 + 0.1 * math.sin(6 * math.pi * freq * t)) / 1.35
            out.append(int(32767 * volume * env * v))
    out += silence(0.05, rate)
    return Pcm(out, rate)
