"""PySide6 6.12.0 on Python 3.11 returns None from every void call (setText, start, ...) and
passes True/False through Signal.emit() without adding a reference: its abi3 wheels count on them
being immortal, as they are only from Python 3.12. Each call takes one reference away. Measured
here: a kiosk window ticking its clock aborted with "none_dealloc" in under 2,000 ticks (half an
hour in the lobby). The cure, as in counter/ and display/ (a window package may not import
another): give None, True and False a reference count no run can exhaust. Delete once
ui.app.ensure_app does it."""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 50  # at a million calls a second, 35 years


def keep_none_alive() -> bool:
    """Before any Qt call. Returns True when a reference count was raised; idempotent."""
    if sys.version_info >= (3, 12):
        return False
    raised = False
    for obj in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is PyObject's first field
        if refcount.value < _HEADROOM // 2:
            refcount.value += _HEADROOM
            raised = True
    return raised
