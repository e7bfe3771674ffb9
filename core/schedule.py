"""The service day and the opening rules: hours per weekday, breaks, holidays, the issue cut-off.
Pure functions of (config, service, moment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.config import WEEKDAYS, Break, Config, Service, parse_time

# Availability states; the kiosk and the CLI turn each into plain words.
OPEN, HOLIDAY, CLOSED_TODAY, NOT_YET_OPEN, CLOSED_FOR_DAY, PAST_CUTOFF = (
    "open", "holiday", "closed_today", "not_yet_open", "closed_for_day", "past_cutoff")


def service_day(moment: datetime, cfg: Config) -> date:
    return moment.astimezone(cfg.tz).date()


def day_start(moment: datetime, cfg: Config) -> datetime:
    """Local midnight that starts the service day of `moment`."""
    return datetime.combine(service_day(moment, cfg), datetime.min.time(), cfg.tz)


@dataclass(frozen=True)
class Availability:
    state: str
    opens_at: datetime | None = None  # today's opening, or the next one when closed now
    closes_at: datetime | None = None
    cutoff_at: datetime | None = None
    holiday: str = ""
    in_break: Break | None = None
    break_ends_at: datetime | None = None

    @property
    def can_issue(self) -> bool:
        return self.state == OPEN


def _span(cfg: Config, service: Service, day: date) -> tuple[datetime, datetime] | None:
    if any(h.date == day for h in cfg.holidays):
        return None
    hours = cfg.hours_for(service).for_weekday(day.weekday())
    if hours is None:
        return None
    tz = cfg.tz
    return (datetime.combine(day, hours[0], tz), datetime.combine(day, hours[1], tz))


def next_opening(cfg: Config, service: Service, after: datetime) -> datetime | None:
    """The first opening time strictly after `after`, within two weeks."""
    local = after.astimezone(cfg.tz)
    for offset in range(0, 15):
        span = _span(cfg, service, local.date() + timedelta(days=offset))
        if span and span[0] > local:
            return span[0]
    return None


def availability(cfg: Config, service: Service, moment: datetime) -> Availability:
    local = moment.astimezone(cfg.tz)
    today = local.date()
    holiday = next((h.name for h in cfg.holidays if h.date == today), "")
    span = _span(cfg, service, today)
    if span is None:
        state = HOLIDAY if holiday else CLOSED_TODAY
        return Availability(state, opens_at=next_opening(cfg, service, local), holiday=holiday)
    opens, closes = span
    cutoff = closes - timedelta(minutes=cfg.cutoff_for(service))
    if local < opens:
        return Availability(NOT_YET_OPEN, opens, closes, cutoff)
    if local >= closes:
        return Availability(CLOSED_FOR_DAY, next_opening(cfg, service, local), closes, cutoff)
    if local >= cutoff:
        return Availability(PAST_CUTOFF, next_opening(cfg, service, local), closes, cutoff)
    brk, brk_end = current_break(cfg, local)
    return Availability(OPEN, opens, closes, cutoff, in_break=brk, break_ends_at=brk_end)


def current_break(cfg: Config, local: datetime) -> tuple[Break | None, datetime | None]:
    day = WEEKDAYS[local.weekday()]
    for b in cfg.breaks:
        if day in b.days:
            start = datetime.combine(local.date(), parse_time(b.start), cfg.tz)
            end = datetime.combine(local.date(), parse_time(b.end), cfg.tz)
            if start <= local < end:
                return b, end
    return None, None


def break_minutes_between(cfg: Config, start: datetime, end: datetime) -> float:
    """Minutes of breaks between two moments of the same day."""
    local = start.astimezone(cfg.tz)
    day = WEEKDAYS[local.weekday()]
    total = 0.0
    for b in cfg.breaks:
        if day not in b.days:
            continue
        b_start = datetime.combine(local.date(), parse_time(b.start), cfg.tz)
        b_end = datetime.combine(local.date(), parse_time(b.end), cfg.tz)
        overlap = (min(end, b_end) - max(start, b_start)).total_seconds() / 60
        total += max(0.0, overlap)
    return total
