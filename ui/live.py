"""Live refresh for windows: polls the store's change check on a QTimer (<= 50 ms) and emits
the new events. The check costs microseconds; only real changes reach the window."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from core.model import Event
from core.store import ChangeWatcher, Store

log = logging.getLogger("antre.ui.live")


class LiveQueue(QObject):
    """Emits `events(list[Event])` for every batch of new events and `changed()` after it."""

    events = Signal(list)
    changed = Signal()

    def __init__(self, store: Store, poll_ms: int = 50, since_id: int | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = ChangeWatcher(store.path, since_id)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.watcher.close()

    def poll(self) -> list[Event]:
        if not self.watcher.changed():
            return []
        batch: list[Event] = []
        while True:
            got = self.watcher.new_events()
            batch += got
            if len(got) < 500:
                break
        if batch:
            self.events.emit(batch)
        self.changed.emit()
        return batch
