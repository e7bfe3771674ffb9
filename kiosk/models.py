"""What the kiosk screens show, computed from the engine: plain data, no Qt. The presenter builds
these and hands them to the views; tests read them directly."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from core import stats
from core.config import Agency, Service
from core.engine import Engine
from core.errors import IssueRefused
from core.model import WAITING, Ticket
from core.schedule import availability
from kiosk.texts import EN, clock_text, pick, tr
from printer.layout import qr_payload


@dataclass(frozen=True)
class AgencyTile:
    code: str
    name: str  # in the chosen language
    subtitle: str  # the other name (full name, or the Indonesian one in English mode)
    icon: str
    color: str
    waiting: int
    is_open: bool  # at least one of its services issues tickets now
    services: int


@dataclass(frozen=True)
class ServiceRow:
    code: str
    prefix: str
    name: str
    subtitle: str
    waiting: int
    minutes: int
    can_issue: bool
    state: str  # "open" or the refusal rule (core.texts.refusal)
    state_text: str  # a short badge: "Buka", "Kuota habis", ...
    reason: str  # plain words with, where it applies, when it opens again
    note: str  # e.g. a break in progress
    priority_offered: bool
    priority_ok: bool
    priority_reason: str


@dataclass(frozen=True)
class IssueOutcome:
    """What happened after a tap on "Ambil tiket": the ticket and whether it reached paper."""

    ticket: Ticket
    ahead: int
    minutes: int
    printed: bool  # the printer accepted it
    fault: str = ""  # the printer's fault code when it did not (printer.faults)
    warning: str = ""  # printed, but e.g. "paper_low"
    has_printer: bool = True

    @property
    def cancelled(self) -> bool:
        return self.ticket.status == "cancelled"


def agency_name(agency: Agency, lang: str) -> tuple[str, str]:
    """(title, subtitle) for a tile: the name people know, then the other one."""
    if lang == EN and agency.name_en:
        return agency.name_en, agency.name
    return agency.name, agency.full_name or agency.name_en


def service_name(service: Service, lang: str) -> tuple[str, str]:
    if lang == EN and service.name_en:
        return service.name_en, service.name
    return service.name, ""


def services_of(engine: Engine, agency: str) -> list[Service]:
    return [s for s in engine.cfg.services if s.agency == agency]


def _waiting_counts(engine: Engine) -> Counter[str]:
    return Counter(t.service for t in engine.store.tickets(day=engine.today(), statuses=(WAITING,)))


def _refusal(engine: Engine, service: Service, priority: bool) -> IssueRefused | None:
    try:
        engine.check_can_issue(service, priority)
    except IssueRefused as e:
        return e
    return None


def agency_tiles(engine: Engine, lang: str) -> list[AgencyTile]:
    waiting = _waiting_counts(engine)
    tiles = []
    for a in engine.cfg.agencies:
        mine = services_of(engine, a.code)
        if not mine:
            continue  # an agency with no service has nothing to offer at the kiosk
        title, sub = agency_name(a, lang)
        is_open = any(_refusal(engine, s, False) is None for s in mine)
        tiles.append(AgencyTile(a.code, title, sub, a.icon or a.name[:2].upper(), a.color,
                                sum(waiting[s.code] for s in mine), is_open, len(mine)))
    return tiles


def service_rows(engine: Engine, agency: str, lang: str) -> list[ServiceRow]:
    waiting = _waiting_counts(engine)
    rows = []
    now = engine.now()
    for s in services_of(engine, agency):
        name, sub = service_name(s, lang)
        refused = _refusal(engine, s, False)
        state = "open" if refused is None else refused.reason
        reason = "" if refused is None else pick(lang, refused.id_text, refused.en_text)
        prio_refused = _refusal(engine, s, True) if s.priority else None
        est = stats.estimate(engine, s.code)
        note = ""
        avail = availability(engine.cfg, s, now)
        if refused is None and avail.in_break is not None and avail.break_ends_at is not None:
            until = clock_text(avail.break_ends_at.astimezone(engine.cfg.tz), lang)
            note = tr("on_break", lang, name=avail.in_break.name, until=until)
        rows.append(ServiceRow(
            s.code, s.prefix, name, sub, waiting[s.code], est.minutes, refused is None, state,
            tr(f"state_{state}", lang),
            reason, note, s.priority, s.priority and prio_refused is None,
            "" if prio_refused is None else pick(lang, prio_refused.id_text, prio_refused.en_text)))
    return rows


def qr_text(engine: Engine, ticket: Ticket) -> str:
    """The QR payload, the same as on the paper ticket, so a photo of the screen works like it."""
    return str(qr_payload(engine.cfg, ticket))
