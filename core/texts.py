"""Plain words for the rules, Indonesian first. One place, so the kiosk, the CLI and the staff
windows say the same thing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.config import Service
from core.errors import IssueRefused
from core.schedule import Availability

STATUS_WORDS = {  # ticket states in plain words: (Indonesian, English)
    "printing": ("sedang dicetak", "being printed"), "waiting": ("menunggu", "waiting"),
    "called": ("dipanggil", "called"), "serving": ("sedang dilayani", "being served"),
    "done": ("selesai", "done"), "no_show": ("tidak hadir", "a no-show"),
    "cancelled": ("dibatalkan", "cancelled"), "expired": ("kedaluwarsa", "expired"),
}


def status_words(status: str) -> tuple[str, str]:
    return STATUS_WORDS.get(status, (status, status))


DAYS = (("Senin", "Monday"), ("Selasa", "Tuesday"), ("Rabu", "Wednesday"), ("Kamis", "Thursday"),
        ("Jumat", "Friday"), ("Sabtu", "Saturday"), ("Minggu", "Sunday"))
MONTHS = (("Januari", "January"), ("Februari", "February"), ("Maret", "March"), ("April", "April"),
          ("Mei", "May"), ("Juni", "June"), ("Juli", "July"), ("Agustus", "August"),
          ("September", "September"), ("Oktober", "October"), ("November", "November"),
          ("Desember", "December"))
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def long_date(moment: datetime, english: bool = False) -> str:
    """'Senin, 23 November 2026' / 'Monday, 23 November 2026' (no locale needed)."""
    i = 1 if english else 0
    return f"{DAYS[moment.weekday()][i]}, {moment.day} {MONTHS[moment.month - 1][i]} {moment.year}"


def date_id(moment: datetime) -> str:
    """'Senin, 23 November 2026'."""
    return long_date(moment)


def zone_name(timezone: str) -> str:
    """WIB, WITA or WIT for Indonesia's zones; '' for others."""
    return ZONE_NAMES.get(timezone, "")


def _when(moment: datetime | None, tz: ZoneInfo | None) -> tuple[str, str]:
    if moment is None or tz is None:
        return "", ""
    local = moment.astimezone(tz)
    hhmm = local.strftime("%H.%M")
    return (f" Buka lagi {DAYS[local.weekday()][0]} pukul {hhmm}.",
            f" Opens again {DAYS[local.weekday()][1]} at {local.strftime('%H:%M')}.")


def refusal(rule: str, service: Service, avail: Availability | None = None,
            tz: ZoneInfo | None = None, reason: str = "", quota: int = 0,
            closes_at: datetime | None = None) -> IssueRefused:
    """The IssueRefused error for a rule, with words a citizen understands."""
    name, name_en = service.name, service.name_en or service.name
    nxt = _when(avail.opens_at if avail else None, tz)
    if rule == "service_closed":
        why = f" ({reason})" if reason else ""
        return IssueRefused(rule, f"Layanan {name} ditutup hari ini{why}.",
                            f"{name_en} is closed today{why}.", service=service.code)
    if rule == "holiday":
        h = avail.holiday if avail else ""
        return IssueRefused(rule, f"Hari ini libur ({h}); layanan tutup.{nxt[0]}",
                            f"Today is a holiday ({h}); services are closed.{nxt[1]}",
                            service=service.code)
    if rule == "closed_today":
        return IssueRefused(rule, f"Layanan {name} tidak buka hari ini.{nxt[0]}",
                            f"{name_en} is not open today.{nxt[1]}", service=service.code)
    if rule == "not_yet_open":
        at = avail.opens_at.astimezone(tz) if avail and avail.opens_at and tz else None
        when = (f" Buka pukul {at:%H.%M}.", f" Opens at {at:%H:%M}.") if at else ("", "")
        return IssueRefused(rule, f"Layanan {name} belum buka.{when[0]}",
                            f"{name_en} is not open yet.{when[1]}", service=service.code)
    if rule == "closed_for_day":
        return IssueRefused(rule, f"Layanan {name} sudah tutup hari ini.{nxt[0]}",
                            f"{name_en} has closed for today.{nxt[1]}", service=service.code)
    if rule == "past_cutoff":
        cut = avail.cutoff_at.astimezone(tz).strftime("%H.%M") if avail and avail.cutoff_at and tz else ""
        return IssueRefused(rule, f"Pengambilan tiket {name} ditutup pukul {cut} agar semua "
                            f"antrean sempat dilayani.{nxt[0]}",
                            f"Tickets for {name_en} stop at {cut.replace('.', ':')} so that everyone "
                            f"waiting can be served.{nxt[1]}", service=service.code)
    if rule == "capacity_reached":
        at = closes_at.astimezone(tz) if closes_at is not None and tz is not None else None
        hhmm = (at.strftime("%H.%M"), at.strftime("%H:%M")) if at else ("", "")
        return IssueRefused(rule, f"Antrean {name} hari ini sudah penuh: tiket baru tidak sempat dilayani "
                            f"sebelum tutup pukul {hhmm[0]}.{nxt[0]}",
                            f"Today's queue for {name_en} is full: a new ticket could not be served before "
                            f"closing at {hhmm[1]}.{nxt[1]}", service=service.code)
    if rule == "quota_reached":
        return IssueRefused(rule, f"Kuota {name} hari ini ({quota}) sudah habis.{nxt[0]}",
                            f"Today's quota for {name_en} ({quota}) is used up.{nxt[1]}",
                            service=service.code, quota=quota)
    if rule == "priority_quota_reached":
        return IssueRefused(rule, f"Kuota prioritas {name} hari ini ({quota}) sudah habis; "
                            "silakan ambil antrean biasa.",
                            f"Today's priority quota for {name_en} ({quota}) is used up; please "
                            "take a regular ticket.", service=service.code, quota=quota)
    if rule == "no_priority":
        return IssueRefused(rule, f"Layanan {name} tidak memiliki antrean prioritas.",
                            f"{name_en} has no priority queue.", service=service.code)
    raise ValueError(rule)
