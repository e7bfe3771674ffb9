"""Site configuration: config.toml validated at load into typed objects.

Every error names the file, the key path and what is wrong; all problems are reported at once."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.errors import ConfigError
from core.tomlschema import Loader

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_PREFIX = re.compile(r"^[A-Z]{1,2}$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
PIN_ITERATIONS = 120_000


@dataclass(frozen=True)
class SiteConfig:
    name: str
    timezone: str
    staff_pin_hash: str
    short_name: str = ""
    address: str = ""
    public_url: str = ""
    logo: str = ""
    primary_color: str = "#0B4F8A"
    accent_color: str = "#F2A900"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class StorageConfig:
    database: str = ""  # empty: antre.db in the user data folder (platformdirs)


@dataclass(frozen=True)
class QueueConfig:
    priority_first: bool = True
    issue_cutoff_minutes: int = 30
    noshow_requeue_minutes: int = 30
    finish_calls_next: bool = False
    estimate_window: int = 20  # the rolling median looks at this many recent service times
    capacity_check: bool = True  # refuse a ticket the counters could not serve before closing
    capacity_margin_percent: int = 15  # keep this share of the day's serving time in reserve


@dataclass(frozen=True)
class Hours:
    """Opening hours per weekday: ["08:00", "15:00"], or [] for closed."""

    mon: tuple[str, ...] = ()
    tue: tuple[str, ...] = ()
    wed: tuple[str, ...] = ()
    thu: tuple[str, ...] = ()
    fri: tuple[str, ...] = ()
    sat: tuple[str, ...] = ()
    sun: tuple[str, ...] = ()

    def for_weekday(self, weekday: int) -> tuple[time, time] | None:
        span = getattr(self, WEEKDAYS[weekday])
        return (parse_time(span[0]), parse_time(span[1])) if span else None


@dataclass(frozen=True)
class Break:
    name: str
    days: tuple[str, ...]
    start: str
    end: str


@dataclass(frozen=True)
class Holiday:
    date: date
    name: str


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    full_name: str = ""
    name_en: str = ""
    icon: str = ""  # a short text (letters) drawn on the agency's tile
    color: str = "#0B4F8A"


@dataclass(frozen=True)
class Service:
    code: str
    prefix: str
    agency: str
    name: str
    quota: int
    priority_quota: int
    service_minutes: float
    name_en: str = ""
    priority: bool = True  # offers priority tickets (lansia, disabilitas, ibu hamil, anak)
    cutoff_minutes: int | None = None  # overrides queue.issue_cutoff_minutes
    hours: Hours | None = None  # overrides the site's hours


@dataclass(frozen=True)
class Counter:
    id: int
    services: tuple[str, ...]
    name: str = ""
    spoken_name: str = ""  # how the voice says it; default "loket" + the id as a number

    @property
    def label(self) -> str:
        return self.name or f"Loket {self.id}"


@dataclass(frozen=True)
class PrinterConfig:
    transport: str = "file"  # network | usb | serial | win32 | cups | file | none
    path: str = ""  # file transport; empty: tickets.bin in the data folder
    host: str = ""
    port: int = 9100
    usb_vendor: int = 0
    usb_product: int = 0
    serial_port: str = ""
    baudrate: int = 9600
    printer_name: str = ""  # win32 printer name or cups queue
    timeout_seconds: float = 3.0
    paper_width_mm: int = 80  # 80 (48 columns) or 58 (32 columns)
    profile: str = "TM-T88V"
    on_failure: str = "show_on_screen"  # show_on_screen | cancel
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    logo: str = ""
    columns: int = 0  # characters per line in font A; 0: the profile's, else 48 (80 mm) / 32 (58 mm)
    check_status: bool = True  # ask for paper status before printing (network, usb, serial)
    status_timeout_seconds: float = 1.0  # wait this long for a status answer; no answer is a fault


@dataclass(frozen=True)
class DisplayConfig:
    screen: int = 0
    width: int = 1920
    height: int = 1080
    marquee: str = ""
    media_folder: str = ""
    recent_calls: int = 6
    highlight_seconds: float = 6.0
    show_waiting: bool = True
    poll_ms: int = 50
    name: str = "display-1"  # keeps its own "last announced" mark: two halls, two names
    media_image_seconds: float = 8.0  # how long each image of the media folder stays


@dataclass(frozen=True)
class VoiceConfig:
    enabled: bool = True
    language: str = "id"  # id | en
    voice_id: str = "poz/id"
    voice_en: str = "en"
    rate: int = 150
    volume: float = 1.0
    numbers: str = "digits"  # digits ("nol dua tiga") | number ("dua puluh tiga")
    repeat: int = 1
    max_age_seconds: int = 120  # after a restart, calls older than this are not announced
    template_id: str = "Nomor antrean, {letters}, {number}, silakan menuju {counter}"
    template_en: str = "Ticket number, {letters}, {number}, please go to {counter}"
    chime: str = "assets/chime.wav"
    render_timeout_seconds: float = 10.0
    cache_mb: int = 300  # rendered sentences kept on disk (least recently used go first)


@dataclass(frozen=True)
class KioskConfig:
    screen: int = 0
    width: int = 1080
    height: int = 1920
    idle_seconds: int = 30
    confirm_seconds: int = 10
    max_tickets_per_minute: int = 6
    name: str = "kiosk-1"
    fault_seconds: int = 45  # a printer fault shows the number this long, time to photograph it
    staff_hold_seconds: float = 5.0  # press and hold the bottom-right corner this long for the staff PIN


@dataclass(frozen=True)
class AdminConfig:
    lock_minutes: int = 5


@dataclass(frozen=True)
class Config:
    site: SiteConfig
    hours: Hours
    agencies: tuple[Agency, ...]
    services: tuple[Service, ...]
    counters: tuple[Counter, ...]
    storage: StorageConfig = field(default_factory=StorageConfig)
    queue: QueueConfig = field(default_factory=QueueConfig)
    breaks: tuple[Break, ...] = ()
    holidays: tuple[Holiday, ...] = ()
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    display: DisplayConfig = field(default_factory=DisplayConfig)
    voice: VoiceConfig = field(default_factory=VoiceConfig)
    kiosk: KioskConfig = field(default_factory=KioskConfig)
    admin: AdminConfig = field(default_factory=AdminConfig)
    path: Path = Path("config.toml")

    @property
    def tz(self) -> ZoneInfo:
        return self.site.tz

    def service(self, key: str) -> Service | None:
        """By code or by prefix, case-insensitive."""
        k = key.strip().lower()
        return next((s for s in self.services if k in (s.code.lower(), s.prefix.lower())), None)

    def agency(self, code: str) -> Agency | None:
        return next((a for a in self.agencies if a.code == code), None)

    def counter(self, key: int | str) -> Counter | None:
        try:
            cid = int(key)
        except (TypeError, ValueError):
            return None
        return next((c for c in self.counters if c.id == cid), None)

    def counters_for(self, service_code: str) -> tuple[Counter, ...]:
        return tuple(c for c in self.counters if service_code in c.services)

    def hours_for(self, service: Service) -> Hours:
        return service.hours or self.hours

    def cutoff_for(self, service: Service) -> int:
        c = service.cutoff_minutes
        return self.queue.issue_cutoff_minutes if c is None else c

    def resolve(self, relative: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        p = Path(relative).expanduser()
        return p if p.is_absolute() else self.path.parent / p


def parse_time(text: str) -> time:
    m = _TIME.match(text)
    if not m:
        raise ValueError(text)
    return time(int(m.group(1)), int(m.group(2)))


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)
    return f"pbkdf2_sha256${PIN_ITERATIONS}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        algo, iters, salt, want = stored.split("$")
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(iters))
    except ValueError:
        return False
    return algo == "pbkdf2_sha256" and hmac.compare_digest(digest.hex(), want)


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{path}: file not found"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError([f"{path}: not valid TOML: {e}"]) from None
    loader = Loader()
    raw.pop("path", None)
    cfg = loader.load(Config, raw)
    problems = loader.problems if cfg is None else _check(cfg)
    if problems:
        raise ConfigError([f"{path}: {p}" for p in problems])
    assert cfg is not None
    return _with_path(cfg, path)


def _with_path(cfg: Config, path: Path) -> Config:
    from dataclasses import replace

    return replace(cfg, path=path.resolve())


def _check(cfg: Config) -> list[str]:
    """Rules that span keys: unique codes, references, times, enumerations."""
    out: list[str] = []
    try:
        ZoneInfo(cfg.site.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        out.append(f"site.timezone: unknown timezone {cfg.site.timezone!r} "
                   "(e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)")
    if not cfg.site.staff_pin_hash.startswith("pbkdf2_sha256$") or cfg.site.staff_pin_hash.count("$") != 3:
        out.append("site.staff_pin_hash: must be a salted hash made by "
                   "`python main.py config hash-pin`, never the PIN itself")
    for key in ("primary_color", "accent_color"):
        if not _COLOR.match(getattr(cfg.site, key)):
            out.append(f"site.{key}: {getattr(cfg.site, key)!r} is not a colour like '#0B4F8A'")
    out += _check_hours("hours", cfg.hours)
    for i, b in enumerate(cfg.breaks):
        for d in b.days:
            if d not in WEEKDAYS:
                out.append(f"breaks[{i}].days: {d!r} is not one of {', '.join(WEEKDAYS)}")
        out += _check_span(f"breaks[{i}]", b.start, b.end)
    agencies = _unique(out, "agencies", [a.code for a in cfg.agencies], "code")
    for i, a in enumerate(cfg.agencies):
        if not _COLOR.match(a.color):
            out.append(f"agencies[{i}].color: {a.color!r} is not a colour like '#0B4F8A'")
    services = _unique(out, "services", [s.code for s in cfg.services], "code")
    _unique(out, "services", [s.prefix for s in cfg.services], "prefix")
    for i, s in enumerate(cfg.services):
        p = f"services[{i}]"
        if not _PREFIX.match(s.prefix):
            out.append(f"{p}.prefix: {s.prefix!r} must be one or two capital letters")
        if s.agency not in agencies:
            out.append(f"{p}.agency: {s.agency!r} is not an agency code ({', '.join(agencies)})")
        for key in ("quota", "priority_quota"):
            if getattr(s, key) < 0:
                out.append(f"{p}.{key}: must be 0 or more")
        if s.service_minutes <= 0:
            out.append(f"{p}.service_minutes: must be more than 0")
        if s.hours is not None:
            out += _check_hours(f"{p}.hours", s.hours)
    _unique(out, "counters", [str(c.id) for c in cfg.counters], "id")
    for i, c in enumerate(cfg.counters):
        if c.id < 1:
            out.append(f"counters[{i}].id: must be 1 or more")
        if not c.services:
            out.append(f"counters[{i}].services: a counter must serve at least one service")
        for code in c.services:
            if code not in services:
                out.append(f"counters[{i}].services: {code!r} is not a service code")
    served = {s for c in cfg.counters for s in c.services}
    for i, s in enumerate(cfg.services):
        if s.code not in served:
            out.append(f"services[{i}]: no counter serves {s.code!r}; add it to a counter's services")
    out += _check_choice("printer.transport", cfg.printer.transport,
                         ("network", "usb", "serial", "win32", "cups", "file", "none"))
    out += _check_choice("printer.on_failure", cfg.printer.on_failure, ("show_on_screen", "cancel"))
    out += _check_choice("printer.paper_width_mm", cfg.printer.paper_width_mm, (80, 58))
    if cfg.printer.transport == "network" and not cfg.printer.host:
        out.append("printer.host: required when printer.transport is 'network'")
    out += _check_choice("voice.language", cfg.voice.language, ("id", "en"))
    out += _check_choice("voice.numbers", cfg.voice.numbers, ("digits", "number"))
    for key in ("template_id", "template_en"):
        tpl = getattr(cfg.voice, key)
        try:
            tpl.format(letters="", number="", counter="", label="", service="")
        except (KeyError, IndexError, ValueError) as e:
            out.append(f"voice.{key}: unknown placeholder {e} (use {{letters}}, {{number}}, "
                       "{counter}, {label}, {service})")
    if not 0.0 <= cfg.voice.volume <= 1.0:
        out.append("voice.volume: must be between 0.0 and 1.0")
    k = cfg.kiosk
    for key, low, high in (("idle_seconds", 5, 3600), ("confirm_seconds", 1, 300), ("fault_seconds", 5, 600),
                           ("max_tickets_per_minute", 1, 120), ("staff_hold_seconds", 1, 30)):
        value = getattr(k, key)
        if not low <= value <= high:
            out.append(f"kiosk.{key}: {value} is outside {low}..{high}")
    if not 0 <= cfg.queue.capacity_margin_percent <= 90:
        out.append(f"queue.capacity_margin_percent: {cfg.queue.capacity_margin_percent} is outside 0..90")
    if cfg.admin.lock_minutes < 1:
        out.append("admin.lock_minutes: must be 1 or more")
    if not 10 <= cfg.display.poll_ms <= 1000:
        out.append("display.poll_ms: must be between 10 and 1000")
    return out


def _unique(out: list[str], section: str, values: list[str], key: str) -> list[str]:
    seen: dict[str, int] = {}
    for i, v in enumerate(values):
        if v in seen:
            out.append(f"{section}[{i}].{key}: {v!r} is already used by {section}[{seen[v]}]")
        else:
            seen[v] = i
    return list(seen)


def _check_choice(path: str, value: object, choices: tuple[object, ...]) -> list[str]:
    if value in choices:
        return []
    return [f"{path}: {value!r} is not one of {', '.join(repr(c) for c in choices)}"]


def _check_hours(path: str, hours: Hours) -> list[str]:
    out = []
    for day in WEEKDAYS:
        span = getattr(hours, day)
        if not span:
            continue
        if len(span) != 2:
            out.append(f"{path}.{day}: should be [\"HH:MM\", \"HH:MM\"] or [] for closed")
            continue
        out += _check_span(f"{path}.{day}", span[0], span[1])
    return out


def _check_span(path: str, start: str, end: str) -> list[str]:
    bad = [t for t in (start, end) if not _TIME.match(t)]
    if bad:
        return [f"{path}: {bad[0]!r} is not a time like '08:00' (24-hour HH:MM)"]
    if parse_time(start) >= parse_time(end):
        return [f"{path}: starts at {start} but ends at {end}; the end must be later"]
    return []
