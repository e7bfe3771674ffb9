"""Today's figures and tickets as CSV files: the function behind the window's "Ekspor CSV"
button and `python main.py export-csv --out DIR`. Qt-free.

UTF-8 with a byte-order mark, so Excel shows "Kartu Keluarga & KIA" and "—" correctly; comma
separated, decimals with a dot, times in the site's timezone. Each file is written to a temporary
name and renamed, so a power cut never leaves half a report that looks whole."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from core import stats
from core.engine import Engine
from core.errors import AntreError
from core.model import Ticket

SERVICE_COLUMNS = ("service", "prefix", "name", "agency", "state", "closed_reason", "issued", "waiting",
                   "priority_waiting", "at_counter", "served", "no_show", "cancelled", "median_wait_minutes",
                   "longest_wait_minutes", "median_service_minutes", "quota", "quota_left", "priority_quota",
                   "priority_quota_left", "epoch")
COUNTER_COLUMNS = ("counter", "name", "services", "state", "ticket", "ticket_status", "served", "no_show")
TICKET_COLUMNS = ("label", "service", "origin_service", "epoch", "number", "priority", "status", "issued_at",
                  "called_at", "serving_at", "done_at", "wait_minutes", "service_minutes", "counter", "calls",
                  "kiosk", "reason")


def _local(moment: datetime | None, engine: Engine) -> str:
    return moment.astimezone(engine.cfg.tz).isoformat(timespec="seconds") if moment else ""


def _minutes(minutes: float | None) -> str:
    return "" if minutes is None else f"{minutes:.1f}"


def ticket_row(t: Ticket, engine: Engine) -> dict[str, Any]:
    """One ticket for the report (no token: it is what the ticket's QR code proves)."""
    return {"label": t.label, "service": t.service, "origin_service": t.origin_service, "epoch": t.epoch,
            "number": t.number, "priority": int(t.priority), "status": t.status,
            "issued_at": _local(t.issued_at, engine), "called_at": _local(t.called_at, engine),
            "serving_at": _local(t.serving_at, engine), "done_at": _local(t.done_at, engine),
            "wait_minutes": _minutes(t.wait_minutes()),
            "service_minutes": _minutes(t.service_minutes()),
            "counter": t.counter or "", "calls": t.calls, "kiosk": t.kiosk, "reason": t.reason}


def _write(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow({k: ("" if v is None else v) for k, v in row.items()})
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return path


def export_today(engine: Engine, folder: str | Path) -> list[Path]:
    """Write antre-<day>-layanan.csv (per service), -loket.csv (per counter) and -tiket.csv (every
    ticket of the day, in issue order). Returns the three paths."""
    out = Path(folder).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
        st = stats.status(engine)
        day = st["day"]
        tickets = engine.store.tickets(day=day)
        counters = []
        for c in st["counters"]:
            mine = [t for t in tickets if t.counter == c["counter"]]
            counters.append({**c, "services": " ".join(c["services"]),
                             "served": sum(1 for t in mine if t.status == "done"),
                             "no_show": sum(1 for t in mine if t.status == "no_show")})
        return [_write(out / f"antre-{day}-layanan.csv", SERVICE_COLUMNS, st["services"]),
                _write(out / f"antre-{day}-loket.csv", COUNTER_COLUMNS, counters),
                _write(out / f"antre-{day}-tiket.csv", TICKET_COLUMNS, (ticket_row(t, engine) for t in tickets))]
    except OSError as e:
        raise AntreError(f"Laporan tidak dapat disimpan di {out}: {e.strerror or e}. Pilih folder lain.",
                         f"The report cannot be saved in {out}: {e.strerror or e}. Choose another folder.",
                         folder=str(out)) from e
