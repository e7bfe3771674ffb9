"""Bitmaps shared by both renderers, so the preview shows the dots the printer will print."""

from __future__ import annotations

import logging
import os
from functools import lru_cache

from PIL import Image, UnidentifiedImageError

log = logging.getLogger("antre.printer")


def logo_bitmap(path: str, width: int, max_height: int) -> Image.Image | None:
    """The logo scaled to fit (width x max_height), centred on a paper-wide 1-bit canvas
    (printers ignore alignment for raster images on some models; a full-width bitmap centres
    everywhere). None, logged, when the file cannot be read: a ticket never fails for a logo.
    Cached per file version: every ticket prints it."""
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError as e:
        log.warning("logo %s cannot be read: %s", path, e)
        return None
    return _bitmap(path, mtime, width, max_height)


@lru_cache(maxsize=4)
def _bitmap(path: str, mtime: int, width: int, max_height: int) -> Image.Image | None:
    try:
        with Image.open(path) as src:
            img = src.convert("RGBA")
    except (OSError, UnidentifiedImageError) as e:
        log.warning("logo %s cannot be read: %s", path, e)
        return None
    flat = Image.new("RGB", img.size, "white")
    flat.paste(img, mask=img.getchannel("A"))  # transparent areas print as paper
    flat.thumbnail((width, max_height), Image.Resampling.LANCZOS)
    canvas = Image.new("L", (width, flat.height), 255)
    canvas.paste(flat.convert("L"), ((width - flat.width) // 2, 0))
    return canvas.convert("1")  # Floyd-Steinberg dithering, as thermal printers need
