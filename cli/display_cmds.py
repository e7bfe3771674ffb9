"""Display commands: `display` (the hall TV) and `say LABEL COUNTER` (the announcement's words,
and its exact audio as a WAV file)."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

from core.announce import sentence
from core.errors import AntreError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("display", parents=[common], help="the hall display with its voice (full screen)")
    p.add_argument("--name", help="this display's name (default: display.name); each remembers what it announced")
    p.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    p.add_argument("--mute", action="store_true", help="no voice (the board still updates)")
    p.set_defaults(handler=do_display)
    p = sub.add_parser("say", parents=[common], help="the announcement for a call: its words (--text) "
                       "and/or its audio, chime plus speech (--wav PATH)")
    p.add_argument("label", help="ticket label, e.g. A-023")
    p.add_argument("counter", type=int, help="counter id, e.g. 3")
    p.add_argument("--text", action="store_true", help="print the sentence")
    p.add_argument("--wav", help="write the chime and the spoken sentence to this WAV file")
    p.add_argument("--language", choices=("id", "en"), help="default: voice.language")
    p.set_defaults(handler=do_say)
    p = sub.add_parser("voices", parents=[common], help="the speech voices installed here (for voice.voice_id)")
    p.add_argument("--lang", default="", help="only voices whose id, name or languages contain this (e.g. id)")
    p.set_defaults(handler=do_voices)


def do_display(ctx: Any) -> int:
    from display.app import run

    return run(ctx)


def do_say(ctx: Any) -> int:
    cfg = ctx.config
    if cfg.counter(ctx.args.counter) is None:
        ids = ", ".join(str(c.id) for c in cfg.counters)
        raise AntreError(f"Loket '{ctx.args.counter}' tidak dikenal. Pilihan: {ids}",
                         f"Unknown counter '{ctx.args.counter}'.")
    lang = ctx.args.language or cfg.voice.language
    text = sentence(cfg, ctx.args.label, ctx.args.counter, lang)
    data: dict[str, Any] = {"label": ctx.args.label, "counter": ctx.args.counter, "language": lang, "text": text}
    lines = []
    if ctx.args.text or not ctx.args.wav:
        lines.append(text)
    if ctx.args.wav:
        from display.speech import ClipMaker, VoiceSpeech

        out = Path(ctx.args.wav).expanduser().resolve()
        speech = VoiceSpeech(cfg.voice, ctx.data_dir / "speech")
        chime = cfg.resolve(cfg.voice.chime) if cfg.voice.chime else None
        with tempfile.TemporaryDirectory() as tmp:
            clip = ClipMaker(speech, cfg.voice, chime, Path(tmp)).make(text, lang, "say")
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(clip.path), out)
        speech.close()
        data.update(wav=str(out), seconds=round(clip.seconds, 2), spoken=clip.spoken)
        if not clip.spoken:
            raise AntreError(f"Suara gagal dibuat; {out} hanya berisi bunyi bel. ({clip.error})",
                             f"Speech failed; {out} has the chime only. ({clip.error})", **data)
        lines.append(f"{out} ({clip.seconds:.1f} s)")
    ctx.out(data, lines)
    return 0


_LIST_VOICES = """
import json, pyttsx3
engine = pyttsx3.init()
out = []
for v in engine.getProperty("voices") or []:
    langs = [x.decode(errors="replace") if isinstance(x, bytes) else str(x) for x in (v.languages or [])]
    out.append({"id": v.id, "name": v.name, "languages": langs})
print("VOICES " + json.dumps(out))
"""


def do_voices(ctx: Any) -> int:
    """List voices in a separate process: pyttsx3 must never run in a process that forks later."""
    import json
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", _LIST_VOICES], capture_output=True, text=True, timeout=60)
    line = next((x for x in r.stdout.splitlines() if x.startswith("VOICES ")), "")
    if not line:
        raise AntreError("Mesin suara tidak dapat dimulai (espeak-ng / SAPI5 terpasang?).",
                         f"The speech engine did not start: {r.stderr.strip()[-200:]}")
    want = ctx.args.lang.lower()
    voices = [v for v in json.loads(line[len("VOICES "):])
              if not want or want in (v["id"] + v["name"] + " ".join(v["languages"])).lower()]
    current = ctx.config.voice.voice_id
    ctx.out({"voices": voices, "configured": current},
            [f"{'*' if v['id'] == current or v['name'] == current else ' '} {v['id']:<28} {v['name']}"
             for v in voices] + [f"(* = voice.voice_id = {current!r})"])
    return 0
