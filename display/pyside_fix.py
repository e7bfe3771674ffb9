"""PySide6 6.12.0 on Python 3.11: every void method (setFont, update, setText, start, ...) hands
None to Python without adding a reference to it, and a bool signal argument does the same with
True/False. Its abi3 wheels count on these being immortal, which they are only from Python 3.12
(PEP 683). On 3.11 each such call takes one reference; after a few thousand (None starts near
7,000) the interpreter aborts: "Fatal Python error: none_dealloc: deallocating None" (or
bool_dealloc). A hall display paints all day and died within seconds of the benchmark.

Measured here: sys.getrefcount(None) drops by exactly one per QFont.setPixelSize / QWidget.update
/ QTimer.setInterval call, and sys.getrefcount(True) by one per Signal(bool).emit(True) to a
Python slot. The fix until the project runs on Python >= 3.12: give these singletons a reference
count no run can exhaust, which is what 3.12 does by design. Idempotent; a no-op on 3.12+.
Belongs in ui/app.py (every window needs it); kept here until it moves there."""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 50  # 10^15: at a million void calls a second, 35 years


def keep_none_alive() -> bool:
    """None, True, False (and the other singletons) get a count no run can exhaust. Returns True
    when a count was raised."""
    if sys.version_info >= (3, 12):
        return False
    raised = False
    for obj in (None, True, False, NotImplemented, Ellipsis):
        refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is PyObject's first field
        if refcount.value < _HEADROOM // 2:
            refcount.value += _HEADROOM
            raised = True
    return raised
