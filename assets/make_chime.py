"""Makes assets/chime.wav, the hall display's two-tone chime, from nothing but arithmetic
(display.audio.synth_chime), so the project owns it outright. Run from anywhere:

    .venv/bin/python assets/make_chime.py [OUT.wav]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from display.audio import synth_chime, write_wav  # noqa: E402 - needs the project root on sys.path


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "assets" / "chime.wav"
    pcm = synth_chime()
    write_wav(out, pcm)
    print(f"{out}: {pcm.seconds:.2f} s, {pcm.rate} Hz mono 16-bit")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
