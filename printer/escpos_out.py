"""Layout -> ESC/POS commands on any python-escpos printer object (Dummy, Network, Usb, ...).

Every ticket starts with ESC @ (python-escpos 3.1 sends none by itself) and ends with the cut.
Text goes through escpos' code-page encoder for the configured profile: a character no code page
of the printer holds becomes '?', never an exception."""

from __future__ import annotations

from core.config import PrinterConfig
from core.errors import ConfigError
from printer._escpos import QR_ECLEVEL_M, Dummy, Escpos, get_profile
from printer.images import logo_bitmap
from printer.layout import QR, Cut, Feed, Layout, Logo, Text, default_columns


def profile_name(pcfg: PrinterConfig) -> str:
    """The configured escpos profile, checked: a typo names the key and the choices."""
    name = pcfg.profile.strip() or "default"
    try:
        get_profile(name)
    except KeyError:
        from escpos.capabilities import CAPABILITIES

        known = ", ".join(sorted(CAPABILITIES["profiles"]))
        raise ConfigError([f"printer.profile: unknown printer profile {name!r} (known: {known})"]) from None
    return name


def columns_for(pcfg: PrinterConfig) -> int:
    """Font-A columns: the configured number, else the profile's when it describes this paper
    width (Epson TM-T88 prints 42 on 80 mm), else 48 (80 mm) or 32 (58 mm)."""
    if pcfg.columns > 0:
        return pcfg.columns
    data = get_profile(profile_name(pcfg)).profile_data
    try:
        mm = float(data["media"]["width"]["mm"])
        cols = int(data["fonts"]["0"]["columns"])
    except (KeyError, TypeError, ValueError):
        return default_columns(pcfg.paper_width_mm)
    # 58 mm paper is listed as 48-58 mm of print width, 80 mm as 72-80 mm.
    same_paper = (mm >= 70) == (pcfg.paper_width_mm >= 70)
    return min(cols, default_columns(pcfg.paper_width_mm)) if same_paper else default_columns(pcfg.paper_width_mm)


class _State:
    """What the printer currently has set, so only changes are sent."""

    def __init__(self) -> None:
        self.align = "left"
        self.bold = False
        self.invert = False
        self.size = (1, 1)
        self.smooth = False


def render(layout: Layout, p: Escpos) -> None:
    """Send the layout's commands to `p`."""
    p.hw("INIT")
    p.magic.encoding = None  # ESC @ reset the code page; make the encoder select it again
    st = _State()
    for block in layout.blocks:
        if isinstance(block, Text):
            _text(p, st, block)
        elif isinstance(block, Feed):
            _size(p, st, 1, 1)  # an empty line at 8x8 would feed 8 lines on some printers
            p.text("\n" * block.lines)
        elif isinstance(block, QR):
            _align(p, st, "center")
            p.qr(block.payload, ec=QR_ECLEVEL_M, size=block.size, native=True)
            p.text("\n")
        elif isinstance(block, Logo):
            img = logo_bitmap(block.path, layout.dots, block.max_height)
            if img is not None:
                _align(p, st, "left")
                p.image(img, impl="bitImageRaster", center=False)
        elif isinstance(block, Cut):
            p.cut()


def _align(p: Escpos, st: _State, align: str) -> None:
    if st.align != align:
        p.set(align=align)
        st.align = align


def _text(p: Escpos, st: _State, t: Text) -> None:
    _align(p, st, t.align)
    if st.bold != t.bold:
        p.set(bold=t.bold)
        st.bold = t.bold
    if st.invert != t.invert:
        p.set(invert=t.invert)
        st.invert = t.invert
    smooth = max(t.width, t.height) >= 4  # Epson smooths only large characters; clones ignore it
    if st.smooth != smooth:
        p.set(smooth=smooth)
        st.smooth = smooth
    _size(p, st, t.width, t.height)
    p.text(printable(p, t.text) + "\n")


def _size(p: Escpos, st: _State, width: int, height: int) -> None:
    if st.size != (width, height):
        # GS ! only: set(normal_textsize=True) would send ESC ! 0, which also clears bold.
        p.set(custom_size=True, width=width, height=height)
        st.size = (width, height)


def printable(p: Escpos, text: str) -> str:
    """Characters no code page of the profile holds become '?'. (escpos would otherwise send
    CJK text as raw GB18030, which most ticket printers print as garbage.)"""
    enc = p.magic.encoder
    return "".join(ch if ord(ch) < 128 or any(enc.can_encode(cp, ch) for cp in enc.codepages) else "?"
                   for ch in text)


def to_bytes(layout: Layout, profile: str = "default") -> bytes:
    """The whole job as bytes: sent in one write, so a ticket is never half in a file and the
    network printer gets it in one burst."""
    d = Dummy(profile=profile)
    render(layout, d)
    return bytes(d.output)
