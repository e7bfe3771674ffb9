"""PySide6 6.12.0's abi3 wheels, on Python 3.11, drop a reference to None on every void call
(update(), setText(), setInterval(), ...) and to True/False on every bool signal: a hall display
aborted with 'deallocating None' within seconds. We pin 6.11; this guards the pin. It runs in a
fresh process, so nothing else in the test run can mask (or be killed by) the leak."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    label, font, timer = QLabel("x"), QFont(), QTimer()

    class S(QObject):
        sig = Signal(bool)

    s, got = S(), []
    s.sig.connect(got.append)
    none0, true0 = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(20000):
        label.update(); label.setText("y"); font.setPixelSize(12); timer.setInterval(50)
        s.sig.emit(True)
    got.clear()
    print(sys.getrefcount(None) - none0, sys.getrefcount(True) - true0)
""")


def test_void_calls_and_bool_signals_keep_their_references() -> None:
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-500:]
    none_delta, true_delta = (int(v) for v in r.stdout.split())
    assert abs(none_delta) < 50 and abs(true_delta) < 50, r.stdout
