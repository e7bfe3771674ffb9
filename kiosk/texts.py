"""Every word the kiosk shows, Indonesian first and English second. One table, so the language
switch changes every visible text and a test can check that nothing was left behind."""

from __future__ import annotations

from datetime import datetime

from core.texts import long_date as core_long_date

ID, EN = "id", "en"

_TEXTS: dict[str, tuple[str, str]] = {
    "choose_agency": ("Silakan pilih instansi", "Please choose an agency"),
    "choose_service": ("Silakan pilih layanan", "Please choose a service"),
    "waiting_n": ("{n} menunggu", "{n} waiting"),
    "agency_closed": ("Tutup saat ini", "Closed now"),
    "people_waiting": ("{n} orang menunggu", "{n} people waiting"),
    "estimate": ("perkiraan ± {m} menit", "about {m} min wait"),
    "estimate_none": ("langsung dilayani", "no wait"),
    "take_ticket": ("Ambil tiket", "Take a ticket"),
    "take_priority": ("Antrean prioritas", "Priority ticket"),
    "priority_note": ("Antrean prioritas untuk lansia, penyandang disabilitas, ibu hamil, dan anak "
                      "(UU 25/2009 Pasal 29).",
                      "Priority queue for older people, people with disabilities, pregnant women and "
                      "children (Law 25/2009, Art. 29)."),
    "state_open": ("Buka", "Open"),
    "state_holiday": ("Libur", "Holiday"),
    "state_not_yet_open": ("Belum buka", "Not open yet"),
    "state_closed_for_day": ("Sudah tutup", "Closed for today"),
    "state_past_cutoff": ("Tiket habis hari ini", "No more tickets today"),
    "state_quota_reached": ("Kuota habis", "Quota reached"),
    "state_capacity_reached": ("Antrean penuh", "Queue full"),
    "state_closed_today": ("Tidak buka hari ini", "Not open today"),
    "state_service_closed": ("Ditutup hari ini", "Closed today"),
    "on_break": ("Istirahat ({name}) sampai pukul {until}; tiket tetap bisa diambil.",
                 "On a break ({name}) until {until}; you can still take a ticket."),
    "back": ("‹ Kembali", "‹ Back"),
    "home": ("Beranda", "Home"),
    "language_other": ("English", "Bahasa Indonesia"),
    "printing": ("Mencetak tiket…", "Printing your ticket…"),
    "printing_wait": ("Mohon tunggu sebentar.", "Please wait a moment."),
    "your_number": ("Nomor antrean Anda", "Your queue number"),
    "done": ("Selesai", "Done"),
    "take_your_ticket": ("Silakan ambil tiket Anda", "Please take your ticket"),
    "priority_mark": ("PRIORITAS", "PRIORITY"),
    "ahead_n": ("{n} orang di depan Anda", "{n} people ahead of you"),
    "ahead_0": ("Tidak ada antrean di depan Anda", "Nobody is ahead of you"),
    "wait_minutes": ("Perkiraan menunggu ± {m} menit", "Estimated wait about {m} min"),
    "watch_screen": ("Perhatikan layar dan suara panggilan.", "Watch the screen and listen for your number."),
    "scan_qr": ("Pindai kode QR untuk memantau antrean.", "Scan the QR code to follow the queue."),
    "back_in": ("Kembali ke beranda dalam {s} detik · sentuh layar untuk selesai",
                "Back to the start in {s} s · touch the screen to finish"),
    "back_in_fault": ("Kembali ke beranda dalam {s} detik", "Back to the start in {s} s"),
    "fault_title": ("Printer sedang bermasalah", "The printer is not working"),
    "fault_photo": ("Nomor Anda sudah terdaftar. Silakan foto nomor dan kode QR ini.",
                    "Your number is registered. Please take a photo of the number and QR code."),
    "fault_staff": ("Petugas sudah diberi tahu.", "Staff have been notified."),
    "no_printer_photo": ("Silakan foto atau catat nomor dan kode QR ini.",
                         "Please take a photo or note of this number and QR code."),
    "fault_cancelled": ("Printer bermasalah, tiket {label} dibatalkan. Silakan hubungi petugas.",
                        "The printer failed; ticket {label} was cancelled. Please ask our staff."),
    "printer_warning": ("Printer sedang bermasalah: nomor antrean Anda akan ditampilkan di layar.",
                        "The printer has a problem: your number will be shown on screen."),
    "too_many": ("Kios ini baru saja mencetak banyak tiket. Silakan tunggu sebentar, lalu coba lagi.",
                 "This kiosk has just printed many tickets. Please wait a moment and try again."),
    "busy": ("Sistem sedang sibuk. Silakan coba lagi sebentar lagi.",
             "The system is busy. Please try again in a moment."),
    "trouble_title": ("Mohon maaf, kios sedang bermasalah", "Sorry, this kiosk has a problem"),
    "trouble_body": ("Silakan hubungi petugas.", "Please ask our staff for help."),
    "free": ("Semua layanan GRATIS · tidak dipungut biaya", "All services are FREE of charge"),
    "staff_pin": ("Masukkan PIN petugas", "Enter the staff PIN"),
    "staff_menu": ("Menu petugas", "Staff menu"),
    "staff_exit": ("Keluar dari kios", "Exit the kiosk"),
    "staff_test": ("Cetak uji", "Test print"),
    "staff_reprint": ("Cetak ulang tiket terakhir", "Reprint the last ticket"),
    "staff_status": ("Status printer", "Printer status"),
    "staff_back": ("Kembali ke beranda", "Back to the start"),
    "staff_working": ("Sedang diproses…", "Working…"),
    "staff_no_last": ("Belum ada tiket dari kios ini.", "No ticket from this kiosk yet."),
    "staff_reprinted": ("Tiket {label} dicetak ulang.", "Ticket {label} was reprinted."),
    "staff_test_ok": ("Cetak uji berhasil.", "Test print done."),
    "staff_failed": ("Gagal: {why}", "Failed: {why}"),
    "staff_no_printer": ("Kios ini tidak memakai printer.", "This kiosk has no printer."),
    "wrong_pin": ("PIN salah.", "Wrong PIN."),
}

def tr(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` ("id" or "en"), with {placeholders} filled in."""
    id_text, en_text = _TEXTS[key]
    text = en_text if lang == EN else id_text
    return text.format(**values) if values else text


def keys() -> list[str]:
    return list(_TEXTS)


def long_date(local: datetime, lang: str) -> str:
    """'Senin, 23 November 2026' / 'Monday, 23 November 2026'."""
    return core_long_date(local, english=lang == EN)


def clock_text(local: datetime, lang: str) -> str:
    """Indonesian writes 09.30, English 09:30."""
    return local.strftime("%H:%M" if lang == EN else "%H.%M")


def pick(lang: str, id_text: str, en_text: str) -> str:
    """A pair from elsewhere (config names, core's refusals): English when asked and present."""
    return en_text if lang == EN and en_text else id_text
