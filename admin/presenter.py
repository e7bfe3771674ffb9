"""The floor-staff window's presenter: the PIN gate, today's figures, the actions on services,
the reset with its consequences spelled out, the printer desk, the event log and the export.
Qt-free and tested without pixels; every method that reads or writes the store runs on the
window's one worker thread. Every action is an engine event with the actor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from admin.export import export_today
from admin.printing import PrinterDesk
from core import schedule, stats
from core.engine import Engine
from core.errors import AntreError, WrongPin
from core.model import AT_COUNTER, WAITING, Event
from printer.faults import describe
from ui.message import Message


@dataclass(frozen=True)
class ResetLine:
    service: str
    name: str
    prefix: str
    waiting: int  # waiting: these are cancelled (one still printing is already in a hand: it stays)
    at_counter: int  # called or being served: these are left to finish
    issued: int


@dataclass(frozen=True)
class ResetPreview:
    """What a reset will do, counted just before the floor staff confirm it."""

    scope: str | None  # a service code, or None for all services
    lines: tuple[ResetLine, ...]

    @property
    def cancelled(self) -> int:
        return sum(line.waiting for line in self.lines)

    @property
    def at_counter(self) -> int:
        return sum(line.at_counter for line in self.lines)

    def consequences(self) -> tuple[str, str]:
        """(Indonesian, English) in numbers, before anything happens."""
        what = self.lines[0].name if self.scope and self.lines else "SEMUA layanan"
        what_en = self.lines[0].name if self.scope and self.lines else "ALL services"
        first = ", ".join(f"{line.prefix}-001" for line in self.lines[:4]) + (", …" if len(self.lines) > 4 else "")
        id_lines = [f"Reset {what}:",
                    f"• {self.cancelled} tiket yang menunggu akan DIBATALKAN (alasan dicatat).",
                    f"• Nomor mulai lagi dari 1 ({first}).",
                    f"• {self.at_counter} tiket yang sedang di loket tetap dilayani sampai selesai.",
                    "• Tidak ada data yang dihapus; semua tercatat di log kejadian."]
        en_lines = [f"Reset {what_en}: {self.cancelled} waiting ticket(s) will be CANCELLED; numbers restart at 1; "
                    f"{self.at_counter} ticket(s) at a counter are left to finish; nothing is deleted."]
        return "\n".join(id_lines), "\n".join(en_lines)


EVENT_WORDS = {
    "issued": "tiket diambil", "printed": "tiket dicetak", "called": "dipanggil", "recalled": "dipanggil ulang",
    "serving": "mulai dilayani", "done": "selesai", "no_show": "tidak hadir", "requeued": "masuk antrean lagi",
    "transferred": "dialihkan", "cancelled": "dibatalkan", "expired": "kedaluwarsa",
    "printer_fault": "gangguan printer", "printer_warning": "peringatan printer",
    "shown_on_screen": "nomor di layar", "reset": "reset nomor", "service_open": "layanan dibuka",
    "service_closed": "layanan ditutup", "quota_changed": "kuota diubah", "counter_open": "loket buka",
    "counter_paused": "loket jeda", "counter_closed": "loket tutup", "pin_refused": "PIN ditolak",
    "day_started": "hari layanan dimulai", "reprint": "cetak ulang", "test_print": "cetak uji",
    "exported": "ekspor CSV", "admin_unlocked": "petugas masuk", "admin_locked": "jendela terkunci",
}
STATE_WORDS = {"open": "Buka", "closed_by_staff": "Ditutup petugas", "not_yet_open": "Belum buka",
               "closed_for_day": "Sudah tutup", "past_cutoff": "Batas ambil tiket lewat", "holiday": "Libur",
               "closed_today": "Tidak buka hari ini"}


def event_words(kind: str) -> str:
    return EVENT_WORDS.get(kind, kind)


def _mins(seconds: object) -> str:
    return f"{round(float(str(seconds)) / 60)} mnt"


def event_detail(e: Event) -> str:
    """The event's data in a short line of plain words."""
    d = e.data
    parts = []
    if d.get("reason"):
        reason = str(d["reason"])
        parts.append(describe(reason)[0] if e.kind.startswith("printer") else f"alasan: {reason}")
    if "from_service" in d:
        parts.append(f"{d['from_service']} → {d.get('to_service', '')}")
    if "waited_seconds" in d:
        parts.append(f"menunggu {_mins(d['waited_seconds'])}")
    if "service_seconds" in d:
        parts.append(f"dilayani {_mins(d['service_seconds'])}")
    if e.kind == "reset":
        parts.append(f"{d.get('cancelled', 0)} tiket dibatalkan, nomor mulai lagi dari 1")
    if e.kind == "quota_changed":
        parts.append(f"kuota {d.get('quota')}, prioritas {d.get('priority_quota')}")
    if e.kind == "recalled" and "calls" in d:
        parts.append(f"panggilan ke-{d['calls']}")
    if e.kind == "no_show" and "calls" in d:
        parts.append(f"dipanggil {d['calls']}×")
    if e.kind == "pin_refused" and d.get("action"):
        parts.append(f"untuk: {d['action']}")
    if d.get("source"):
        parts.append(f"dari: {d['source']}")
    if e.kind == "exported":
        parts.append(f"{len(d.get('files', []))} berkas di {d.get('folder', '')}")
    return "; ".join(parts)


class AdminPresenter:
    def __init__(self, engine: Engine, desk: PrinterDesk | None = None, actor: str = "admin") -> None:
        self.engine = engine
        self.desk = desk
        self.actor = actor

    # --- the PIN gate -----------------------------------------------------------------------
    def unlock(self, pin: str) -> Message:
        """Wrong PINs are refused and logged (pin_refused); after a run of them the engine makes
        this place wait a few minutes, so nobody can try all 10,000 four-digit PINs."""
        try:
            self.engine.verify_pin(pin, self.actor, "unlock")
        except WrongPin as e:
            return Message("error", e.id_text, e.en_text)
        self.engine.record("admin_unlocked", actor=self.actor)
        return Message("ok", "Selamat bekerja.", "Unlocked.")

    def lock(self, why: str) -> None:
        self.engine.record("admin_locked", actor=self.actor, reason=why)

    # --- today ------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        return stats.status(self.engine)

    def _do(self, fn: Callable[[], Message]) -> Message:
        try:
            return fn()
        except AntreError as e:
            return Message("error", e.id_text, e.en_text)

    def close_service(self, code: str, reason: str) -> Message:
        def run() -> Message:
            svc = self.engine.service(code)
            if not reason.strip():
                return Message("error", "Tulis alasannya; kiosk menampilkannya kepada warga.",
                               "Write the reason; the kiosk shows it to citizens.")
            self.engine.set_service_open(svc.code, False, reason.strip(), self.actor)
            return Message("ok", f"{svc.name} ditutup hari ini. Kiosk menampilkan: “{reason.strip()}”.",
                           f"{svc.name_en or svc.name} closed for today.")
        return self._do(run)

    def open_service(self, code: str) -> Message:
        def run() -> Message:
            svc = self.engine.service(code)
            self.engine.set_service_open(svc.code, True, "", self.actor)
            return Message("ok", f"{svc.name} dibuka lagi hari ini.", f"{svc.name_en or svc.name} open again today.")
        return self._do(run)

    def set_quota(self, code: str, quota: int, priority_quota: int) -> Message:
        def run() -> Message:
            svc = self.engine.service(code)
            self.engine.set_quota(svc.code, quota, priority_quota, self.actor)
            used = self.engine.store.count_issued(self.engine.today(), svc.code, False)
            note = (f" Sudah terpakai {used}: kiosk tidak memberi nomor biasa lagi hari ini." if used >= quota
                    else f" Sisa {quota - used}.")
            return Message("ok", f"Kuota {svc.name} hari ini: {quota} (prioritas {priority_quota}).{note}",
                           f"Today's quota for {svc.name_en or svc.name}: {quota} (priority {priority_quota}).")
        return self._do(run)

    def reset_preview(self, code: str | None) -> ResetPreview:
        eng = self.engine
        svcs = [eng.service(code)] if code else list(eng.cfg.services)
        tickets = eng.store.tickets(day=eng.today())
        lines = []
        for s in svcs:
            mine = [t for t in tickets if t.service == s.code]
            lines.append(ResetLine(s.code, s.name, s.prefix, sum(1 for t in mine if t.status == WAITING),
                                   sum(1 for t in mine if t.status in AT_COUNTER),
                                   sum(1 for t in tickets if t.origin_service == s.code)))
        return ResetPreview(code, tuple(lines))

    def reset(self, code: str | None, pin: str, reason: str) -> Message:
        try:
            out = self.engine.reset(code, pin, reason, self.actor)
        except AntreError as e:  # a wrong PIN too: the engine logs it and rests this place
            return Message("error", e.id_text, e.en_text)
        cancelled = sum(int(str(r["cancelled"])) for r in out)
        what = self.engine.service(code).name if code else "semua layanan"
        return Message("ok", f"Reset {what} selesai: {cancelled} tiket menunggu dibatalkan; nomor mulai lagi dari 1.",
                       f"Reset done: {cancelled} waiting tickets cancelled; numbers restart at 1.")

    # --- printer ------------------------------------------------------------------------------
    def _desk(self, fn: Callable[[PrinterDesk], tuple[str, str, str]]) -> Message:
        if self.desk is None:
            return Message("error", "Printer tidak tersedia di jendela ini.", "No printer in this window.")

        def run() -> Message:
            assert self.desk is not None
            return Message(*fn(self.desk))
        return self._do(run)

    def printer_status(self) -> Message:
        return self._desk(lambda d: d.status())

    def test_print(self) -> Message:
        return self._desk(lambda d: d.test_print())

    def reprint(self, label: str) -> Message:
        if not label.strip():
            return Message("error", "Tulis nomor tiketnya, mis. A-012.", "Type the ticket number, e.g. A-012.")
        return self._desk(lambda d: d.reprint(label.strip()))

    # --- log and export ----------------------------------------------------------------------
    def day_start(self) -> datetime:
        return schedule.day_start(self.engine.now(), self.engine.cfg)

    def events(self, kind: str = "", service: str = "", counter: int | None = None,
               limit: int = 5000) -> list[Event]:
        """Today's newest `limit` events, newest first, filtered by kind, service and counter in
        the query (a filter applied after the limit would hide the morning's faults by noon)."""
        return self.engine.store.events(0, limit, kinds=(kind,) if kind else (), since_at=self.day_start(),
                                        service=service, counter=counter, newest_first=True)

    def export(self, folder: str | Path) -> Message:
        def run() -> Message:
            files = export_today(self.engine, folder)
            self.engine.record("exported", actor=self.actor, files=[f.name for f in files], folder=str(folder))
            names = ", ".join(f.name for f in files)
            return Message("ok", f"Tersimpan di {folder}: {names}", f"Saved in {folder}: {names}")
        return self._do(run)
