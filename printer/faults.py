"""Printer faults: one short code per cause (stored in `printer_fault` events and in a cancelled
ticket's reason) and the words people read for it, Indonesian first. Staff windows and the kiosk
turn a code into words with `describe()`, so every screen says the same thing."""

from __future__ import annotations

from core.errors import AntreError

# code -> (Indonesian, English)
REASONS: dict[str, tuple[str, str]] = {
    "paper_out": ("Kertas printer habis.", "The printer is out of paper."),
    "paper_low": ("Kertas printer hampir habis.", "The printer's paper is running low."),
    "cover_open": ("Tutup printer terbuka.", "The printer cover is open."),
    "printer_error": ("Printer melaporkan kerusakan (mis. pemotong kertas macet).",
                      "The printer reports an error (e.g. a jammed cutter)."),
    "offline": ("Printer tidak terhubung atau mati.", "The printer is offline or switched off."),
    "timeout": ("Printer tidak menjawab tepat waktu.", "The printer did not answer in time."),
    "io_error": ("Data tiket gagal dikirim ke printer.", "The ticket could not be sent to the printer."),
    "missing_dependency": ("Paket pendukung printer belum terpasang; hubungi petugas TI.",
                           "A printer support package is not installed; call IT staff."),
    "not_configured": ("Printer belum diatur dengan lengkap di config.toml.",
                       "The printer is not fully set up in config.toml."),
    "no_printer": ("Kios ini tidak memakai printer.", "This kiosk has no printer."),
    "restart": ("Aplikasi berhenti saat tiket sedang dicetak.", "The app stopped while the ticket was printing."),
    "internal_error": ("Terjadi kesalahan pada sistem pencetakan; hubungi petugas TI.",
                       "Printing failed because of a software error; call IT staff."),
    "unknown": ("Status printer tidak diketahui.", "The printer's status is unknown."),
}

# States a print may go ahead in; everything else in REASONS is a fault.
PRINTABLE = ("ok", "paper_low", "unknown")


def describe(code: str) -> tuple[str, str]:
    """(Indonesian, English) words for a fault or status code; unknown codes are shown as-is."""
    if code == "ok":
        return "Printer siap.", "The printer is ready."
    return REASONS.get(code, (f"Printer bermasalah ({code}).", f"Printer problem ({code})."))


class PrinterError(AntreError):
    """A known printer fault; `reason` is one of REASONS."""

    code = "printer"

    def __init__(self, reason: str, detail: str = "", id_text: str = "", en_text: str = "",
                 **data: object) -> None:
        words = describe(reason)
        super().__init__(id_text or words[0], en_text or words[1], reason=reason, detail=detail, **data)
        self.reason = reason
        self.detail = detail


class MissingDependency(PrinterError):
    """The chosen transport needs a Python package that is not installed."""

    def __init__(self, transport: str, package: str, module: str) -> None:
        super().__init__(
            "missing_dependency", f"python module {module!r} not found",
            f"Printer '{transport}' memerlukan paket Python '{package}' yang belum terpasang. "
            f"Pasang dengan: pip install {package}",
            f"The '{transport}' printer needs the Python package '{package}', which is not installed. "
            f"Install it with: pip install {package}",
            transport=transport, package=package)
        self.package = package
