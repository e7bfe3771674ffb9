"""The display's reads and writes that may wait on the database (a snapshot of today's state,
the last announced event id), on one worker thread with its own connection: the UI thread never
waits on a busy or missing database file. Results come back by Qt signal."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from core.clock import Clock
from core.config import Config
from core.engine import Engine
from core.errors import AntreError
from core.store import Store
from display.board import take_snapshot

log = logging.getLogger("antre.display.db")


def meta_key(name: str) -> str:
    return f"display.{name}.announced"


class DbWorker(QObject):
    snapshot = Signal(object)  # Snapshot
    failed = Signal(object)  # AntreError: the database is unavailable (shown calmly, retried)
    recovered = Signal()

    def __init__(self, cfg: Config, path: Path, clock: Clock, recent: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.path = path
        self.clock = clock
        self.recent = recent
        self._jobs: queue.Queue[Callable[[Engine], None] | None] = queue.Queue()
        self._snapshot_pending = threading.Event()
        self._ok = True
        self._thread = threading.Thread(target=self._loop, name="display-db", daemon=True)
        self._thread.start()

    def request_snapshot(self) -> None:
        """Coalesced: many changes while one snapshot is queued make one snapshot."""
        if not self._snapshot_pending.is_set():
            self._snapshot_pending.set()
            self._jobs.put(self._snap)

    def save_announced(self, name: str, event_id: int) -> None:
        def job(engine: Engine) -> None:
            with engine.store.write():
                engine.store.set_meta(meta_key(name), str(event_id))
        self._jobs.put(job)

    def stop(self, timeout: float = 5.0) -> None:
        """Finish the queued jobs (the last announced id is written), then stop."""
        self._jobs.put(None)
        self._thread.join(timeout)

    def _snap(self, engine: Engine) -> None:
        self._snapshot_pending.clear()
        self.snapshot.emit(take_snapshot(engine, self.recent))

    def _loop(self) -> None:
        engine: Engine | None = None
        while True:
            job = self._jobs.get()
            if job is None:
                break
            for attempt in range(3):
                try:
                    if engine is None:
                        engine = Engine(self.cfg, Store(self.path), self.clock, actor="display")
                    job(engine)
                    if not self._ok:
                        self._ok = True
                        self.recovered.emit()
                    break
                except AntreError as e:
                    engine = self._drop(engine)
                    if attempt == 2:
                        self._fail(e)
                except Exception as e:
                    log.exception("display database job failed")
                    engine = self._drop(engine)
                    self._fail(AntreError("Layar gagal membaca data antrean.", f"Display read failed: {e}"))
                    break
        if engine is not None:
            engine.store.close()

    def _drop(self, engine: Engine | None) -> Engine | None:
        if engine is not None:
            try:
                engine.store.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                pass
        return None  # the next job opens a fresh connection

    def _fail(self, e: AntreError) -> None:
        if self._ok:
            log.warning("database unavailable: %s", e)
        self._ok = False
        self.failed.emit(e)
