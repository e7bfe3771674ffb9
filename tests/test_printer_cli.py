"""`python main.py issue / print-test / printer status / printer preview / reprint`, run in-process
against a real database, a real file and a local network printer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import EXIT_KNOWN, main
from core.clock import ManualClock
from core.config import load_config
from core.engine import Engine
from core.model import PRINTING
from core.store import Store
from printer.emulator import PrinterEmulator
from tests.conftest import SAMPLE_CONFIG, local

NOW = "2026-11-23T09:00"


def make_config(tmp_path: Path, **printer: object) -> Path:
    """The sample config with some [printer] keys changed."""
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    for key, value in printer.items():
        text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {json.dumps(value)}", text, count=1)
        if n == 0:
            text = text.replace("[printer]\n", f"[printer]\n{key} = {json.dumps(value)}\n")
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


class Run:
    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = tmp_path / "data" / "antre.db"
        self.config = SAMPLE_CONFIG
        self.capsys = capsys

    def __call__(self, *args: str, now: str = NOW) -> tuple[int, str, str]:
        code = main(["--config", str(self.config), "--db", str(self.db), "--now", now, *args])
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def json(self, *args: str, now: str = NOW) -> tuple[int, dict]:
        code, out, _ = self(*args, "--json", now=now)
        return code, json.loads(out.splitlines()[-1])

    def events(self) -> list[dict]:
        return self.json("events", "--since", "0")[1]["events"]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(tmp_path, capsys)


@pytest.fixture
def emulator() -> Iterator[PrinterEmulator]:
    with PrinterEmulator() as em:
        yield em


def test_issue_prints_to_the_file_printer_by_default(run: Run) -> None:
    code, data = run.json("issue", "ktp")
    assert code == 0 and data["ticket"]["status"] == "waiting"
    folder = run.db.parent
    assert (folder / "tickets.bin").read_bytes().startswith(b"\x1b@")
    assert b"A-001\n" in (folder / "tickets.bin").read_bytes()
    assert (folder / "tickets-2026-11-23-A-001.png").is_file()
    assert [e["kind"] for e in run.events() if e["label"] == "A-001"] == ["issued", "printed"]


def test_issue_with_paper_out_and_cancel_policy(run: Run, tmp_path: Path, emulator: PrinterEmulator) -> None:
    emulator.state = "paper_out"
    run.config = make_config(tmp_path, transport="network", host="127.0.0.1", port=emulator.port,
                             on_failure="cancel")
    code, out, err = run("issue", "paspor", "--json")
    assert code == 0
    assert json.loads(out)["ticket"]["status"] == "cancelled"
    assert "Kertas printer habis" in err and "dibatalkan" in err
    faults = [e for e in run.events() if e["kind"] == "printer_fault"]
    assert faults[0]["label"] == "D-001" and faults[0]["data"]["reason"] == "paper_out"


def test_printer_status(run: Run, tmp_path: Path, emulator: PrinterEmulator) -> None:
    run.config = make_config(tmp_path, transport="network", host="127.0.0.1", port=emulator.port)
    code, data = run.json("printer", "status")
    assert code == 0 and data["state"] == "ok" and data["target"] == f"127.0.0.1:{emulator.port}"
    emulator.state = "paper_out"
    code, out, _ = run("printer", "status")
    assert code == 1 and "paper_out" in out and "Kertas printer habis" in out
    fault = [e for e in run.events() if e["kind"] == "printer_fault"]
    assert fault[-1]["data"] == {"reason": "paper_out", "source": "status"} and fault[-1]["label"] == ""


def test_print_test_page(run: Run, tmp_path: Path, emulator: PrinterEmulator) -> None:
    run.config = make_config(tmp_path, transport="network", host="127.0.0.1", port=emulator.port)
    code, out, _ = run("print-test")
    assert code == 0 and out.startswith("OK: network")
    assert emulator.wait_jobs(1)
    assert b"TES\n" in emulator.received and b"\x1dV\x00" in emulator.received
    assert [e["kind"] for e in run.events()][-1] == "test_print"


def test_reprint(run: Run) -> None:
    run("issue", "ktp")
    code, out, _ = run("reprint", "a-001")
    assert code == 0 and "dicetak ulang" in out
    data = (run.db.parent / "tickets.bin").read_bytes()
    assert data.count(b"A-001\n") == 2 and b"CETAK ULANG / REPRINT" in data
    assert [e["kind"] for e in run.events() if e["label"] == "A-001"][-1] == "reprint"
    run("call", "1")
    run("done", "1")
    code, _, err = run("reprint", "A-001")
    assert code == EXIT_KNOWN and "done" in err


def test_missing_package_never_loses_the_ticket(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("escpos")
    try:
        import usb  # noqa: F401
        pytest.skip("pyusb is installed here")
    except ImportError:
        pass
    run.config = make_config(tmp_path, transport="usb", usb_vendor=0x04B8, usb_product=0x0202)
    code, out, err = run("issue", "ktp", "--json")
    assert code == 0 and json.loads(out)["ticket"]["status"] == "waiting"
    assert "pyusb" in err
    code, _, err = run("printer", "status")
    assert code == EXIT_KNOWN and "pip install pyusb" in err


def test_issue_resolves_a_ticket_an_earlier_crash_left_printing(run: Run) -> None:
    cfg = load_config(SAMPLE_CONFIG)
    store = Store(run.db)
    eng = Engine(cfg, store, ManualClock(local("2026-11-23 09:00")))
    stuck = eng.issue("ktp", kiosk="cli", printing=True)  # and then the process died
    store.close()
    code, data = run.json("issue", "ktp", now="2026-11-23T09:05")
    assert code == 0 and data["ticket"]["label"] == "A-002"
    check = Store(run.db)
    try:
        t = check.ticket(stuck.id)
        assert t is not None and t.status == "waiting"
        assert check.tickets(statuses=(PRINTING,)) == []
    finally:
        check.close()


def test_preview_without_printing(run: Run, tmp_path: Path) -> None:
    code, _, _ = run("printer", "preview", "--out", str(tmp_path / "t58.png"), "--paper-width", "58")
    assert code == 0 and (tmp_path / "t58.png").read_bytes().startswith(b"\x89PNG")
    assert not (run.db.parent / "tickets.bin").exists()
