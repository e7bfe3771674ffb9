"""One speech rendering, in its own process: `python tts_worker.py` starts the engine at once
(so a worker can be started ahead of need and be warm), then reads ONE job as a JSON line on
stdin, writes the WAV and exits. Stand-alone on purpose: it imports nothing from the project.

Why a process per utterance: pyttsx3 2.99 speaks only the last item queued before runAndWait(),
an empty runAndWait() rewrites the last file, and a forked child of a process that used it hangs.
A fresh process per sentence, killed on timeout, avoids all three.

Job:    {"text": "...", "voice": "poz/id", "rate": 150, "volume": 1.0, "out": "/path/x.wav", "wait": 10}
Result: the last stdout line, "RESULT {"ok": true}" or "RESULT {"ok": false, "error": "..."}"
(pyttsx3 prints its own lines to stdout, so the result is marked).
"""

from __future__ import annotations

import json
import os
import sys
import time
import wave


def _result(ok: bool, error: str = "") -> int:
    sys.stdout.write("\nRESULT " + json.dumps({"ok": ok, "error": error}) + "\n")
    sys.stdout.flush()
    return 0 if ok else 1


def _complete(path: str) -> bool:
    try:
        with wave.open(path, "rb") as w:
            return w.getnframes() > 0 and os.path.getsize(path) >= 44 + 2 * w.getnframes()
    except (OSError, EOFError, wave.Error):
        return False


def main() -> int:
    try:
        import pyttsx3

        engine = pyttsx3.init()
    except Exception as e:  # noqa: BLE001 - reported to the parent, which logs it
        sys.stdin.readline()
        return _result(False, f"speech engine did not start: {type(e).__name__}: {e}")
    line = sys.stdin.readline()
    if not line.strip():
        return _result(False, "no job")  # the parent closed us without a job: not an error there
    try:
        job = json.loads(line)
        out = str(job["out"])
        voices = engine.getProperty("voices") or []
        known = {v.id for v in voices} | {v.name for v in voices}
        if job["voice"] not in known:  # espeak would silently keep its default voice
            return _result(False, f"voice {job['voice']!r} is not installed")
        engine.setProperty("voice", job["voice"])
        engine.setProperty("rate", int(job["rate"]))
        engine.setProperty("volume", float(job["volume"]))
        part = out + ".part.wav"
        engine.save_to_file(str(job["text"]), part)
        engine.runAndWait()
        # espeak synthesises on its own thread (AUDIO_OUTPUT_RETRIEVAL) and pyttsx3 2.99's
        # runAndWait() sometimes returns before the file is written: wait for a whole file
        deadline = time.monotonic() + float(job.get("wait", 5.0))
        while not _complete(part):
            if time.monotonic() > deadline:
                return _result(False, "the engine wrote no audio (synthesis ended early)")
            time.sleep(0.01)
        os.replace(part, out)
    except Exception as e:  # noqa: BLE001
        return _result(False, f"{type(e).__name__}: {e}")
    return _result(True)


if __name__ == "__main__":
    sys.exit(main())
