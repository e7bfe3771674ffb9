"""PySide6 6.12.0 on Python 3.11: every void method (setFont, update, setText, start, ...) returns
None to Python without adding a reference to it. Its abi3 wheels count on None being immortal,
which it is only from Python 3.12 (PEP 683). On 3.11 each such call takes one reference from
None; after a few thousand (None starts near 7,000) the interpreter aborts with "Fatal Python
error: none_dealloc: deallocating None". A hall display paints all day and dies within minutes.

Measured here: sys.getrefcount(None) drops by exactly one per QFont.setPixelSize / QWidget.update
/ QTimer.setInterval call. The fix until the project runs on Python >= 3.12: give None a
reference count no run can exhaust, which is what 3.12 does by design. Idempotent; a no-op on
3.12+. Belongs in ui/app.py (every window needs it); kept here until it moves there."""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 50  # 10^15: at a million void calls a second, 35 years


def keep_none_alive() -> bool:
    """Returns True when the reference count was raised."""
    if sys.version_info >= (3, 12):
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcount.value >= _HEADROOM // 2:
        return False
    refcount.value += _HEADROOM
    return True
