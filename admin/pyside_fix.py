"""PySide6 6.12.0 on Python 3.11 returns None from every void call, and True from every
Signal.emit(), without adding a reference (its abi3 wheels count on them being immortal, as they
are from Python 3.12). Each call takes one reference away; a console used all day aborts with
"none_dealloc" or "bool_dealloc". Measured here: getrefcount(None) -1 per QLabel.setText,
getrefcount(True) -1 per emit (ui.worker emits once per background job). The cure, as in
display/ and counter/pyside_fix.py (a window package may not import another): give
None, True and False a reference count no run can exhaust. Delete once ui.app.ensure_app does it."""

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
