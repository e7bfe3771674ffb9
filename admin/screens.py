"""`python main.py screenshot admin --out DIR`: the floor-staff window rendered offscreen from a
demo morning in a throw-away database (the site's real database is never touched): unlocked with
today's figures, the reset confirmation, the event log, the printer tab, and the PIN screen."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter

from admin.app import SIZE, build
from admin.dialogs import ResetDialog
from admin.printing import PrinterDesk
from core.clock import ManualClock
from core.config import Config
from core.engine import Engine
from core.errors import IssueRefused, NothingWaiting
from core.store import Store
from printer.service import TicketPrinter
from ui.app import ensure_app, grab
from ui.theme import Theme


def demo_morning(cfg: Config, db: Path) -> tuple[Engine, ManualClock]:
    """Monday 08:00-10:30: tickets for every service, counters at work, passport closed by staff."""
    clock = ManualClock(datetime(2026, 11, 23, 8, 0, tzinfo=cfg.tz))
    eng = Engine(cfg, Store(db), clock, actor="demo")
    codes = [s.code for s in cfg.services]
    for minute in range(150):
        clock.advance(60)
        for k in range(2 if minute % 3 else 1):
            code = codes[(minute * 7 + k * 3) % len(codes)]
            try:
                eng.issue(code, priority=(minute + k) % 9 == 0, kiosk="kiosk-1")
            except IssueRefused:
                pass
        for c in cfg.counters:
            if (c.id * 3 + minute) % (11 + c.id % 4) == 0:  # counters work at different paces
                _step(eng, c.id)
        if minute == 70:
            eng.set_service_open("paspor", False, "Server imigrasi gangguan", "admin")
    eng.set_counter(9, "paused", "loket-9") if eng.counter_state(9).ticket is None else None
    eng.record("printer_fault", actor="kiosk-1", reason="paper_low")
    return eng, clock


def _step(eng: Engine, counter: int) -> None:
    """Finish what the counter has (now and then a citizen did not come), then call the next."""
    cur = eng.counter_state(counter).ticket
    if cur is not None and cur.number % 7 == 3 and cur.status == "called":
        eng.no_show(counter)
    elif cur is not None:
        eng.finish(counter)
    try:
        eng.call_next(counter)
    except NothingWaiting:
        pass


def _with_dialog(window: Any, dialog: Any, path: Path) -> Path:
    """The window dimmed with the dialog over it, as staff see it (offscreen they are two images)."""
    base = window.grab()
    dialog.adjustSize()
    over = dialog.grab()
    p = QPainter(base)
    p.fillRect(base.rect(), QColor(14, 26, 36, 110))
    p.drawPixmap(QPoint((base.width() - over.width()) // 2, (base.height() - over.height()) // 2), over)
    p.setPen(QColor("#0E1A24"))
    p.drawRect((base.width() - over.width()) // 2, (base.height() - over.height()) // 2, over.width(), over.height())
    p.end()
    if not base.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def screenshot(ctx: Any, out: Path, size: tuple[int, int] | None) -> list[Path]:
    cfg: Config = ctx.config
    size = size or SIZE
    app = ensure_app()
    theme = Theme.from_config(cfg)
    app.setStyleSheet(theme.stylesheet(16))
    files: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="antre-shot-") as tmp:
        eng, _clock = demo_morning(cfg, Path(tmp) / "demo.db")
        window = build(cfg, eng, Path(tmp), theme)
        files.append(grab(window, out / "admin-locked.png", size))
        p = window.presenter
        window.unlocked = True  # the PIN screen is shown above; no timers or live refresh here
        window.stack.setCurrentIndex(1)
        window.present(p.status(), p.events())
        window.figures.services.selectRow(0)
        window.show_message(p.set_quota("pkb", 220, 30))
        window.present(p.status(), p.events())
        files.append(grab(window, out / "admin.png", size))
        dialog = ResetDialog(p.reset_preview("ktp"), window)
        dialog.reason.setText("nomor tercetak ganda")
        dialog.pin.setText("0000")
        dialog.show()
        app.processEvents()
        files.append(_with_dialog(window, dialog, out / "admin-reset.png"))
        dialog.close()
        window.tabs.setCurrentIndex(1)
        window.log.show_events(p.events())
        files.append(grab(window, out / "admin-log.png", size))
        window.tabs.setCurrentIndex(2)
        window.reprint_label.setText("A-012")
        p.desk = PrinterDesk(eng, lambda: TicketPrinter.dummy(cfg, "paper_low", clock=eng.clock))
        window._show_printer(p.printer_status())
        files.append(grab(window, out / "admin-printer.png", size))
        window.shutdown()
        window.close()
        eng.store.close()
    return files

