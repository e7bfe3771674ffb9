"""Long work off the UI thread, results back on it by signal (printing, speech, slow queries)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("antre.ui.worker")


class _Relay(QObject):
    """Lives on the UI thread: the worker emits, Qt queues the call to these slots there."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[Exception], None],
                 alive: Callable[[], bool] | None) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._alive = alive
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_done(self, value: Any) -> None:
        _live.discard(self)
        if self._alive is None or self._alive():
            self._on_done(value)

    @Slot(object)
    def _deliver_error(self, error: Any) -> None:
        _live.discard(self)
        if self._alive is None or self._alive():
            self._on_error(error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:
            log.debug("background job failed", exc_info=True)
            self.relay.failed.emit(e)
        else:
            self.relay.done.emit(result)


_live: set[_Relay] = set()  # keeps each relay alive until its job has reported


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[Exception], None], pool: QThreadPool | None = None,
                      alive: Callable[[], bool] | None = None) -> None:
    """Run fn on a pool thread; on_done(result) or on_error(exception) run on the UI thread,
    unless alive() says by then that the window has closed (its widgets may be gone)."""
    relay = _Relay(on_done, on_error, alive)
    _live.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Job(fn, relay))
