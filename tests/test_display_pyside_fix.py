"""PySide6 6.12.0 on Python 3.11 takes a reference from None on every void method call; a window
that paints all day aborts. display.pyside_fix gives None a count no run can exhaust. Both sides
run in child processes, so the abort cannot take pytest down."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAINT_ALL_DAY = """
import os, sys
sys.path.insert(0, {root!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from display.pyside_fix import keep_none_alive
if {fix}:
    keep_none_alive()
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QGuiApplication
app = QGuiApplication([])
class Speaker(QObject):
    speaking = Signal(bool)
def heard(on):
    pass
s = Speaker()
s.speaking.connect(heard)
f = QFont()
for _ in range({kind_none}):
    f.setPixelSize(20)  # a void method: takes a reference from None
for _ in range({kind_bool}):
    s.speaking.emit(True)  # a bool signal: takes one from True
print("alive")
"""


def paint(fix: bool, none: int = 50_000, bools: int = 50_000) -> subprocess.CompletedProcess[str]:
    code = PAINT_ALL_DAY.format(root=str(ROOT), fix=fix, kind_none=none, kind_bool=bools)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_with_the_fix_fifty_thousand_void_calls_are_fine() -> None:
    out = paint(fix=True)
    assert out.returncode == 0 and out.stdout.strip() == "alive", out.stderr[-500:]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 (PEP 683)")
def test_without_it_python_3_11_aborts() -> None:
    """If this starts failing, PySide6 fixed its None handling and display/pyside_fix.py can go."""
    out = paint(fix=False, bools=0)
    assert out.returncode != 0 and "deallocating None" in out.stderr
    out = paint(fix=False, none=0)
    assert out.returncode != 0 and "deallocating True or False" in out.stderr
