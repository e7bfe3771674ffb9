"""The CLI as a user runs it: real processes, --json output, one clear line on errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DEMO_PIN, ROOT

NOW = "2026-11-23T09:00"


def run(db: Path, *args: str, env: dict[str, str] | None = None,
        now: str | None = NOW) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db)]
    if now:
        cmd += ["--now", now]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})}, cwd=ROOT)


def ok_json(db: Path, *args: str) -> dict:
    r = run(db, *args, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_issue_call_serve_done_json(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    t = ok_json(db, "issue", "ktp", "--kiosk", "none-printer")["ticket"]
    assert {"label", "service", "number", "priority", "status", "token", "issued_at"} <= set(t)
    assert (t["label"], t["service"], t["number"], t["priority"]) == ("A-001", "ktp", 1, False)
    p = ok_json(db, "issue", "A", "--priority")["ticket"]
    assert (p["label"], p["priority"]) == ("A-002", True)
    called = ok_json(db, "call", "1")["ticket"]
    assert (called["label"], called["counter"], called["status"], called["counter_name"]) == (
        "A-002", 1, "called", "Loket 1")
    assert ok_json(db, "recall", "1")["ticket"]["calls"] == 2
    assert ok_json(db, "serve", "1")["ticket"]["status"] == "serving"
    out = ok_json(db, "done", "1", "--next")
    assert out["ticket"]["status"] == "done" and out["next"]["label"] == "A-001"
    assert ok_json(db, "skip", "1")["ticket"]["status"] == "no_show"
    assert ok_json(db, "requeue", "A-001")["ticket"]["status"] == "waiting"
    assert ok_json(db, "call", "3", "--ticket", "A-001")["ticket"]["counter"] == 3
    moved = ok_json(db, "transfer", "3", "akta")["ticket"]
    assert (moved["label"], moved["service"]) == ("A-001", "akta")
    st = ok_json(db, "status")
    akta = next(s for s in st["services"] if s["service"] == "akta")
    assert akta["waiting"] == 1 and st["day"] == "2026-11-23"
    assert ok_json(db, "counter", "1", "pause")["state"] == "paused"
    est = ok_json(db, "estimate", "akta")
    assert est["ahead"] == 1 and est["minutes"] >= 1
    kinds = [e["kind"] for e in ok_json(db, "events", "--since", "0")["events"]]
    assert kinds[:2] == ["day_started", "issued"] and "transferred" in kinds


@pytest.mark.parametrize(("args", "message"), [
    (("issue", "xyz"), "Layanan 'xyz' tidak dikenal"),
    (("call", "99"), "Loket '99' tidak dikenal"),
    (("call", "1"), "Tidak ada antrean menunggu"),
    (("recall", "1"), "Belum ada tiket dipanggil"),
    (("reset", "--pin", "0000", "--reason", "x"), "PIN salah"),
])
def test_errors_are_one_clear_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    r = run(tmp_path / "e.db", *args)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and message in r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_refusals_closed_and_quota(tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    r = run(db, "issue", "ktp", now="2026-11-29T10:00")  # Sunday
    assert r.returncode == 2 and "tidak buka hari ini" in r.stderr
    assert run(db, "service", "jkn", "close", "--reason", "gangguan jaringan").returncode == 0
    r = run(db, "issue", "jkn", "--json")
    assert r.returncode == 2 and json.loads(r.stdout)["reason"] == "service_closed"
    assert "gangguan jaringan" in r.stderr
    ok_json(db, "quota", "kk", "1")
    ok_json(db, "issue", "kk")
    r = run(db, "issue", "kk")
    assert r.returncode == 2 and "Kuota" in r.stderr


def test_now_from_environment(tmp_path: Path) -> None:
    r = run(tmp_path / "n.db", "--json", "issue", "ktp", env={"ANTRE_NOW": "2026-11-24T10:00"}, now=None)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["ticket"]["day"] == "2026-11-24"
    r = run(tmp_path / "n.db", "issue", "ktp", now="kemarin")
    assert r.returncode == 2 and "bukan waktu ISO" in r.stderr


def test_reset_cli(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ok_json(db, "issue", "ktp")
    ok_json(db, "issue", "ktp")
    out = ok_json(db, "reset", "--service", "ktp", "--pin", DEMO_PIN, "--reason", "uji")
    assert out["reset"] == [{"service": "ktp", "epoch": 2, "cancelled": 2}]
    assert ok_json(db, "issue", "ktp")["ticket"]["label"] == "A-001"


def test_config_check(tmp_path: Path) -> None:
    r = run(tmp_path / "c.db", "config", "check")
    assert r.returncode == 0 and "OK:" in r.stdout and "13 loket" in r.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text((ROOT / "config.toml").read_text().replace('"Asia/Jakarta"', '"Asia/Jkt"'))
    r = run(tmp_path / "c.db", "--config", str(bad), "config", "check")
    assert r.returncode == 2 and f"{bad}: site.timezone: unknown timezone 'Asia/Jkt'" in r.stderr
    r = run(tmp_path / "c.db", "config", "hash-pin", "--pin", "135790", "--json")
    assert json.loads(r.stdout)["staff_pin_hash"].startswith("pbkdf2_sha256$")


def test_events_follow_prints_commits_promptly(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    ok_json(db, "issue", "ktp")
    cmd = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "--now", NOW, "events", "--follow", "--json"]
    follower = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert follower.stdout is not None
        history = [json.loads(follower.stdout.readline()) for _ in range(2)]  # today's history first
        assert [e["kind"] for e in history] == ["day_started", "issued"]
        t0 = time.monotonic()
        ok_json(db, "call", "2")
        lines: list[dict] = []
        while not lines or lines[-1]["kind"] != "called":
            lines.append(json.loads(follower.stdout.readline()))
            assert len(lines) < 10
        assert lines[-2]["kind"] == "counter_open"
        assert lines[-1]["label"] == "A-001" and lines[-1]["counter"] == 2
        ids = [e["id"] for e in history + lines]
        assert ids == sorted(ids)
        assert time.monotonic() - t0 < 10  # printed while the follower keeps running
    finally:
        follower.terminate()
        follower.wait(timeout=10)


def test_simulate_day(tmp_path: Path) -> None:
    r = run(tmp_path / "sim.db", "--json", "simulate", "--visitors", "200", "--start", "2026-11-23T08:00")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] and report["issued"] > 150
    assert report["lost"] == report["duplicated"] == report["stuck"] == []
    assert report["statuses"].get("done", 0) > 100


def test_voices_lists_the_indonesian_voice(tmp_path: Path) -> None:
    out = ok_json(tmp_path / "v.db", "voices", "--lang", "indonesian")
    assert out["configured"] == "poz/id"
    assert any(v["id"] == "poz/id" for v in out["voices"])
    assert all("indonesian" in (v["id"] + v["name"] + " ".join(v["languages"])).lower() for v in out["voices"])
