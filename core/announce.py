"""The words the hall voice says for a call: "Nomor antrean, A, nol dua tiga, silakan menuju loket
tiga". Pure and Qt-free: the same sentence for the display, `main.py say` and the tests.

Letters are written as their Indonesian names (capitalised, so that the default sentence reads
"A" as the issue and the design show it, and a speech engine says "Be" as a word, not "B" spelled
in English). Numbers are read digit by digit or as a number (num2words, lang="id"); the counter's
number is always read as a number ("loket sebelas")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from num2words import num2words

from core.config import Config

LETTER_NAMES_ID = {
    "A": "a", "B": "be", "C": "ce", "D": "de", "E": "e", "F": "ef", "G": "ge", "H": "ha", "I": "i",
    "J": "je", "K": "ka", "L": "el", "M": "em", "N": "en", "O": "o", "P": "pe", "Q": "ki", "R": "er",
    "S": "es", "T": "te", "U": "u", "V": "ve", "W": "we", "X": "eks", "Y": "ye", "Z": "zet",
}
DIGITS_ID = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
DIGITS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_LABEL = re.compile(r"^\s*([A-Za-z]{1,3})\s*-?\s*(\d{1,6})\s*$")


@dataclass(frozen=True)
class Parts:
    """The pieces a template can use."""

    letters: str
    number: str
    counter: str
    label: str
    service: str

    def fill(self, template: str) -> str:
        return template.format(letters=self.letters, number=self.number, counter=self.counter,
                               label=self.label, service=self.service)


def _lang(cfg: Config, language: str | None) -> str:
    lang = (language or cfg.voice.language).lower()
    return "en" if lang.startswith("en") else "id"


def letters(prefix: str, language: str = "id") -> str:
    """'AB' -> 'A Be' (Indonesian names); in English the letters themselves: 'A B'."""
    up = [c for c in prefix.upper() if c.isalpha()]
    if language == "en":
        return " ".join(up)
    return " ".join(LETTER_NAMES_ID.get(c, c.lower()).capitalize() for c in up)


def number_words(digits: str, mode: str = "digits", language: str = "id") -> str:
    """'023' -> 'nol dua tiga' (digits) or 'dua puluh tiga' (number)."""
    if mode == "number":
        return str(num2words(int(digits), lang="en" if language == "en" else "id"))
    names = DIGITS_EN if language == "en" else DIGITS_ID
    return " ".join(names[int(d)] for d in digits)


def counter_words(cfg: Config, counter_id: int, language: str = "id") -> str:
    """'loket tiga': the counter's spoken name from config, else its number read as a number."""
    ctr = cfg.counter(counter_id)
    if language != "en" and ctr is not None and ctr.spoken_name.strip():
        return ctr.spoken_name.strip()
    if language == "en":
        return f"counter {num2words(counter_id, lang='en')}"
    return f"loket {num2words(counter_id, lang='id')}"


def parts(cfg: Config, label: str, counter_id: int, language: str | None = None) -> Parts:
    lang = _lang(cfg, language)
    m = _LABEL.match(label)
    svc = cfg.service(m.group(1)) if m else None
    service = ""
    if svc is not None:
        service = (svc.name_en or svc.name) if lang == "en" else svc.name
    if m is None:  # not a label we know how to read: say it as written rather than fail
        return Parts(label.strip(), "", counter_words(cfg, counter_id, lang), label.strip(), service)
    return Parts(letters(m.group(1), lang), number_words(m.group(2), cfg.voice.numbers, lang),
                 counter_words(cfg, counter_id, lang), f"{m.group(1).upper()}-{m.group(2)}", service)


def sentence(cfg: Config, label: str, counter_id: int, language: str | None = None) -> str:
    """The announcement for `label` called to counter `counter_id`, from the configured template
    of the language (voice.language by default)."""
    lang = _lang(cfg, language)
    template = cfg.voice.template_en if lang == "en" else cfg.voice.template_id
    text = parts(cfg, label, counter_id, lang).fill(template)
    return re.sub(r"\s+", " ", re.sub(r"(,\s*)+,", ",", text)).strip(" ,")
