"""The ticket as data: lines of text (size, bold, alignment), a logo, a QR block, a cut. Built
once, then rendered to ESC/POS commands (escpos_out) and to a picture of the paper (preview), so
the screen and the paper never disagree. No Qt, no escpos, no Pillow here.

Widths are in font-A columns (12 dots each): 48 on 80 mm clones, 42 on Epson TM-T88 (512 dots),
32 on 58 mm. Every Text block is one printed line, already wrapped to fit, so both renderers
place the same characters on the same line."""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from core.config import Config
from core.model import Ticket
from core.stats import Estimate
from core.texts import date_id, zone_name

Align = Literal["left", "center", "right"]
MAX_MULTIPLIER = 8  # GS ! accepts 1..8 for width and height
DOT_WIDTH = 12  # font A cell, in printer dots
DOT_HEIGHT = 24
LINE_DOTS = 30  # the printer's default line pitch (ESC 2) for normal text

# Typographic punctuation that config text often holds; plain ASCII prints on every printer
# without a code-page switch (cheap clones switch unreliably).
_FOLD = str.maketrans({"—": "-", "–": "-", "‒": "-", "‐": "-", "‘": "'", "’": "'", "‚": ",",
                       "“": '"', "”": '"', "„": '"', "…": "...", "•": "*", "·": "-", "\u00a0": " "})


@dataclass(frozen=True)
class Text:
    text: str
    width: int = 1  # character width multiplier, 1..8
    height: int = 1  # character height multiplier, 1..8
    bold: bool = False
    align: Align = "left"
    invert: bool = False  # white on black


@dataclass(frozen=True)
class Logo:
    path: str  # an image file; renderers scale it to the printable width, 1 bit deep
    max_height: int = 120  # dots


@dataclass(frozen=True)
class QR:
    payload: str
    size: int  # module size in dots (GS ( k function 167), 1..16
    caption: str = ""


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    pass


Block = Text | Logo | QR | Feed | Cut


@dataclass(frozen=True)
class Layout:
    columns: int
    blocks: tuple[Block, ...]
    title: str = ""  # e.g. the ticket label; names preview files
    paper_mm: int = 80  # the roll's width, for the preview's margins

    @property
    def dots(self) -> int:
        """The printable width in dots."""
        return self.columns * DOT_WIDTH

    def texts(self) -> list[Text]:
        return [b for b in self.blocks if isinstance(b, Text)]


def default_columns(paper_width_mm: int) -> int:
    return 32 if paper_width_mm <= 58 else 48


def clean(text: str) -> str:
    """NFC, typographic punctuation folded to ASCII, control characters dropped: a config typo
    or a pasted name can never inject printer commands."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")


def wrap(text: str, columns: int, width: int = 1, bold: bool = False, align: Align = "center",
         height: int = 1, invert: bool = False) -> list[Text]:
    """One Text per printed line, wrapped to the columns left at this width multiplier."""
    room = max(1, columns // width)
    lines = textwrap.wrap(clean(text), room, break_long_words=True, break_on_hyphens=True) or [""]
    return [Text(line, width, height, bold, align, invert) for line in lines]


def pair(left: str | tuple[str, ...], right: str, columns: int, bold: bool = False) -> list[Text]:
    """'label ........ value' on one line with the first label (of several, longest first) that
    fits, else the label and the value right-aligned below it."""
    lefts = [clean(x) for x in ((left,) if isinstance(left, str) else left)]
    right = clean(right)
    for cand in lefts:
        if len(cand) + 1 + len(right) <= columns:
            return [Text(cand + " " * (columns - len(cand) - len(right)) + right, bold=bold)]
    return [*wrap(lefts[0], columns, bold=bold, align="left"), Text(right, bold=bold, align="right")]


def label_size(label: str, columns: int) -> int:
    """The largest multiplier at which the label fits on one line."""
    return max(1, min(MAX_MULTIPLIER, columns // max(1, len(label))))


def rule(columns: int) -> Text:
    return Text("-" * columns)


def tz_name(cfg: Config, moment: datetime) -> str:
    return zone_name(cfg.site.timezone) or moment.strftime("UTC%z")


def qr_payload(cfg: Config, ticket: Ticket) -> str:
    """What the QR code holds: a status link when the site has a public address, else the label,
    the service day and the ticket's random token. Never personal data."""
    base = cfg.site.public_url.strip().rstrip("/")
    if base:
        return f"{base}/t/{ticket.token}"
    return f"ANTRE|{ticket.label}|{ticket.day}|{ticket.token}"


def _qr_size(columns: int) -> int:
    return 8 if columns >= 42 else 6


def _header(cfg: Config, columns: int) -> list[Block]:
    out: list[Block] = []
    logo = cfg.printer.logo.strip()
    if logo and cfg.resolve(logo).is_file():
        out.append(Logo(str(cfg.resolve(logo))))
    for line in cfg.printer.header or (cfg.site.name,):
        out += wrap(line, columns, bold=True)
    return out


def ticket_layout(cfg: Config, ticket: Ticket, estimate: Estimate | None, now: datetime,
                  columns: int | None = None, reprint: bool = False) -> Layout:
    """The citizen's ticket. `estimate` None leaves out the waiting lines (a reprint of a ticket
    already called); `now` is when it prints (shown on reprints)."""
    cols = columns or cfg.printer.columns or default_columns(cfg.printer.paper_width_mm)
    svc = cfg.service(ticket.service)
    agency = cfg.agency(svc.agency) if svc else None
    b: list[Block] = [*_header(cfg, cols), rule(cols)]
    b += [Text("NOMOR ANTREAN", align="center", bold=True), Text("Queue number", align="center")]
    size = label_size(ticket.label, cols)
    b.append(Text(ticket.label, size, size, bold=True, align="center"))
    if ticket.priority:
        mark = " PRIORITAS "
        w = 2 if len(mark) * 2 <= cols else 1
        b += [Feed(), Text(mark, w, 2, bold=True, align="center", invert=True),
              Text("Priority", align="center")]
    b.append(Feed())
    if svc is not None:
        big = 2 if len(clean(svc.name)) * 2 <= cols else 1
        b += wrap(svc.name, cols, width=big, height=big, bold=True)
        if svc.name_en and svc.name_en != svc.name:
            b += wrap(svc.name_en, cols)
    if agency is not None:
        b += wrap(agency.full_name or agency.name, cols)
    b.append(rule(cols))
    if estimate is not None:
        b += pair(("Di depan Anda / Ahead:", "Di depan Anda:"), f"{estimate.ahead} orang", cols, bold=True)
        wait = "segera / soon" if estimate.minutes <= 0 else f"± {estimate.minutes} menit"
        b += pair(("Perkiraan tunggu / Wait:", "Perkiraan tunggu:", "Tunggu:"), wait, cols, bold=True)
        b.append(rule(cols))
    issued = ticket.issued_at.astimezone(cfg.tz)
    b += pair((date_id(issued), f"{issued:%d/%m/%Y}"), f"{issued:%H.%M} {tz_name(cfg, issued)}", cols)
    if reprint:
        local = now.astimezone(cfg.tz)
        b += wrap(f"CETAK ULANG / REPRINT {local:%H.%M}", cols, bold=True)
    caption = "Pindai untuk cek antrean / Scan to check" if cfg.site.public_url.strip() else ""
    b += [Feed(), QR(qr_payload(cfg, ticket), _qr_size(cols), caption)]
    if caption:
        b += wrap(caption, cols)
    b.append(Feed())
    for line in cfg.printer.footer:
        b += wrap(line, cols)
    b.append(Cut())
    return Layout(cols, tuple(b), ticket.label, cfg.printer.paper_width_mm)


def selftest_layout(cfg: Config, now: datetime, target: str, columns: int | None = None) -> Layout:
    """`print-test`: what the staff need to check a new printer: width, sizes, characters, QR."""
    cols = columns or cfg.printer.columns or default_columns(cfg.printer.paper_width_mm)
    local = now.astimezone(cfg.tz)
    b: list[Block] = [*_header(cfg, cols), rule(cols)]
    size = label_size("TES", cols)
    b += [Text("TES", size, size, bold=True, align="center"),
          *wrap("Uji cetak printer / Printer test", cols, bold=True)]
    b += pair("Printer:", cfg.printer.transport, cols) + pair("Tujuan / Target:", target, cols)
    b += pair("Kertas / Paper:", f"{cfg.printer.paper_width_mm} mm, {cols} kolom", cols)
    b += pair((date_id(local), f"{local:%d/%m/%Y}"), f"{local:%H.%M} {tz_name(cfg, local)}", cols)
    b.append(rule(cols))
    b.append(Text("".join(str(i % 10) for i in range(1, cols + 1))))  # the last digit must be on the edge
    b += [Text("Normal"), Text("Tebal / Bold", bold=True), Text("2x", 2, 2), Text("4x", 4, 4)]
    b += wrap("Huruf: aeiou AEIOU 0123456789 é ü ± Rp.", cols, align="left")
    b += [Feed(), QR(cfg.site.public_url.strip() or f"ANTRE|TEST|{local:%Y-%m-%dT%H:%M}", _qr_size(cols))]
    b += wrap("Jika semua terbaca, printer siap. / If all is legible, the printer is ready.", cols)
    b.append(Cut())
    return Layout(cols, tuple(b), "test", cfg.printer.paper_width_mm)
