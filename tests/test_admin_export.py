"""Today's figures and tickets as CSV: the contents a manager opens in a spreadsheet, and the CLI
command that writes the same files."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from admin.export import TICKET_COLUMNS, export_today
from admin.presenter import AdminPresenter
from core.clock import ManualClock
from core.engine import Engine
from core.errors import AntreError
from tests.conftest import ROOT, SAMPLE_CONFIG


def read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 ("&", "—") correctly
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def a_morning(engine: Engine, clock: ManualClock) -> None:
    engine.issue("ktp")
    engine.issue("ktp", priority=True)
    engine.issue("kk")
    clock.advance(600)
    engine.call_next(1)  # A-002 (priority) after 10 minutes
    clock.advance(60)
    engine.start_serving(1)
    clock.advance(300)
    engine.finish(1)
    engine.call_next(2)
    engine.no_show(2)


def test_export_contents(engine: Engine, clock: ManualClock, tmp_path: Path) -> None:
    a_morning(engine, clock)
    files = export_today(engine, tmp_path / "laporan")
    assert [f.name for f in files] == ["antre-2026-11-23-layanan.csv", "antre-2026-11-23-loket.csv",
                                       "antre-2026-11-23-tiket.csv"]
    services = {r["service"]: r for r in read(files[0])}
    assert len(services) == len(engine.cfg.services)
    ktp = services["ktp"]
    assert (ktp["name"], ktp["issued"], ktp["served"], ktp["no_show"], ktp["waiting"]) == (
        "KTP-el (rekam & cetak)", "2", "1", "1", "0")
    assert (ktp["quota"], ktp["quota_left"], ktp["priority_quota_left"]) == ("150", "149", "29")
    assert services["kk"]["waiting"] == "1" and services["kk"]["median_wait_minutes"] == ""
    counters = {r["counter"]: r for r in read(files[1])}
    assert (counters["1"]["served"], counters["1"]["state"], counters["1"]["services"]) == ("1", "open", "ktp kk")
    assert counters["2"]["no_show"] == "1"
    tickets = read(files[2])
    assert list(tickets[0]) == list(TICKET_COLUMNS)
    assert [(t["label"], t["status"], t["priority"]) for t in tickets] == [
        ("A-001", "no_show", "0"), ("A-002", "done", "1"), ("B-001", "waiting", "0")]
    done = tickets[1]
    assert (done["wait_minutes"], done["service_minutes"], done["counter"]) == ("10.0", "5.0", "1")
    assert done["issued_at"] == "2026-11-23T09:00:00+07:00"  # site time, not UTC
    assert "token" not in done


def test_export_from_the_presenter_is_an_event(engine: Engine, tmp_path: Path) -> None:
    engine.issue("skck")
    m = AdminPresenter(engine).export(tmp_path)
    assert m.ok and "antre-2026-11-23-tiket.csv" in m.id_text
    e = engine.store.events(kinds=("exported",))[-1]
    assert e.actor == "admin" and len(e.data["files"]) == 3
    assert not list(tmp_path.glob("*.tmp"))


def test_unwritable_folder_is_a_plain_message(engine: Engine, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(AntreError, match="Laporan tidak dapat disimpan"):
        export_today(engine, blocker)
    m = AdminPresenter(engine).export(blocker / "sub")
    assert not m.ok and m.id_text.startswith("Laporan tidak dapat disimpan")


def test_cli_export_writes_the_same_files(engine: Engine, clock: ManualClock, db_path: Path,
                                          tmp_path: Path) -> None:
    a_morning(engine, clock)
    out = tmp_path / "cli"
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "--config", str(SAMPLE_CONFIG), "--db",
                          str(db_path), "--now", "2026-11-23T12:00", "--json", "export-csv", "--out", str(out)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    files = [Path(f) for f in json.loads(run.stdout)["files"]]
    assert [f.name for f in files] == ["antre-2026-11-23-layanan.csv", "antre-2026-11-23-loket.csv",
                                       "antre-2026-11-23-tiket.csv"]
    assert [t["label"] for t in read(files[2])] == ["A-001", "A-002", "B-001"]
    assert engine.store.events(kinds=("exported",))[-1].actor == "cli"
