"""The screens after a tap: printing, the ticket (printed, printer fault, cancelled, no printer),
the calm trouble state, and the staff PIN pad and menu."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QProgressBar, QStackedLayout, QVBoxLayout, QWidget

from kiosk.models import IssueOutcome
from kiosk.printing import words
from kiosk.texts import ID, tr
from kiosk.widgets import QrWidget, pill, restyle, text
from ui.widgets import BigButton, PinPad

PRINTED, FAULT, CANCELLED, NO_PRINTER = "printed", "fault", "cancelled", "no_printer"


class PrintingPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.title = text("", "xxl", bold=True, center=True)
        self.service = text("", "l", center=True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # moving: the screen is alive while the printer works
        self.bar.setTextVisible(False)
        self.hint = text("", "m", tone="muted", center=True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(80, 40, 80, 40)
        lay.addStretch(2)
        for w in (self.title, self.service, self.bar, self.hint):
            lay.addWidget(w)
            lay.addSpacing(24)
        lay.addStretch(3)

    def show_service(self, service: str, lang: str) -> None:
        self.title.setText(tr("printing", lang))
        self.service.setText(service)
        self.hint.setText(tr("printing_wait", lang))


class TicketPage(QWidget):
    """The result of a tap. Printed: 'take your ticket', back home on any tap. Otherwise the label
    and QR stay large enough to photograph until the countdown or the Done button."""

    finished = Signal()

    def __init__(self, has_url: bool) -> None:
        super().__init__()
        self.has_url = has_url  # the QR leads somewhere only when the site has a public address
        self.mode = PRINTED
        self.headline = text("", "xxl", bold=True, center=True)
        self.fault = QFrame()
        self.fault.setProperty("role", "fault")
        self.fault_title = text("", "xl", bold=True, center=True)
        self.fault_body = text("", "l", center=True)
        self.fault_staff = text("", "m", center=True)
        fl = QVBoxLayout(self.fault)
        fl.setContentsMargins(24, 16, 24, 16)
        for w in (self.fault_title, self.fault_body, self.fault_staff):
            fl.addWidget(w)
        self.caption = text("", "l", tone="muted", center=True)
        self.label = text("", "label", bold=True, wrap=False, center=True)
        self.label.setProperty("tone", "primary")
        self.priority = text("", "l", center=True, wrap=False)
        self.service = text("", "l", bold=True, center=True)
        self.ahead = text("", "l", center=True)
        self.wait = text("", "m", center=True)
        self.qr = QrWidget()
        self.qr_hint = text("", "s", tone="muted", center=True)
        self.watch = text("", "m", center=True)
        self.done_button = BigButton("", role="secondary")
        self.done_button.clicked.connect(self.finished.emit)
        self.countdown = text("", "s", tone="muted", center=True)
        self.info = QWidget()
        info = QVBoxLayout(self.info)
        info.setContentsMargins(0, 0, 0, 0)
        info.setSpacing(12)
        info.addWidget(self.caption)
        info.addWidget(self.label)
        info.addWidget(self.priority, 0, Qt.AlignmentFlag.AlignHCenter)
        for w in (self.service, self.ahead, self.wait):
            info.addWidget(w)
        qr = QVBoxLayout()
        qr.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr.addWidget(self.qr_hint)
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(24)
        self.body.addWidget(self.info, 3)
        self.body.addLayout(qr, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 24, 40, 24)
        lay.setSpacing(16)
        lay.addStretch(1)  # the message, the number and the QR stay together, centred
        lay.addWidget(self.headline)
        lay.addWidget(self.fault)
        lay.addSpacing(24)
        lay.addLayout(self.body)
        lay.addStretch(2)
        lay.addWidget(self.watch)
        lay.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.countdown)
        self.base = 27
        self.portrait = True

    def show_outcome(self, outcome: IssueOutcome, service: str, qr: str, lang: str) -> None:
        t = outcome.ticket
        if outcome.cancelled:
            self.mode = CANCELLED
        elif not outcome.has_printer:
            self.mode = NO_PRINTER
        else:
            self.mode = PRINTED if outcome.printed else FAULT
        printed, cancelled = self.mode == PRINTED, self.mode == CANCELLED
        self.headline.setText(tr("take_your_ticket", lang) if printed else tr("no_printer_photo", lang))
        self.headline.setProperty("tone", "ok" if printed else "")
        self.headline.setProperty("fs", "xxl" if printed else "xl")
        restyle(self.headline)
        self.headline.setVisible(self.mode in (PRINTED, NO_PRINTER))
        self.fault.setVisible(self.mode in (FAULT, CANCELLED))
        self.fault_title.setText(tr("fault_title", lang))
        self.fault_body.setText(tr("fault_cancelled", lang, label=t.label) if cancelled else tr("fault_photo", lang))
        cause = words(outcome.fault, lang) if outcome.fault else ""
        self.fault_staff.setText(f"{cause} {tr('fault_staff', lang)}".strip())
        self.caption.setText(tr("your_number", lang))
        self.label.setText(t.label)
        self.priority.setText(tr("priority_mark", lang))
        pill(self.priority, "priority", self.base)
        self.priority.setVisible(t.priority and not cancelled)
        self.service.setText(service)
        self.ahead.setText(tr("ahead_n", lang, n=outcome.ahead) if outcome.ahead else tr("ahead_0", lang))
        self.wait.setText(tr("wait_minutes", lang, m=outcome.minutes))
        self.wait.setVisible(outcome.ahead > 0)
        for w in (self.caption, self.label, self.service, self.ahead, self.qr, self.qr_hint):
            w.setVisible(not cancelled)
        if cancelled:
            self.wait.setVisible(False)
        self.qr.set_payload("" if cancelled else qr)
        self.qr_hint.setText(tr("scan_qr", lang) if self.has_url else "")
        self.qr_hint.setVisible(self.has_url and not cancelled)
        self.watch.setText(tr("watch_screen", lang))
        self.watch.setVisible(not cancelled)
        self.done_button.setText(tr("done", lang))
        self.done_button.setVisible(not printed)  # printed: any tap goes home
        self.relayout(self.base, self.portrait)

    def set_countdown(self, value: str) -> None:
        self.countdown.setText(value)

    def relayout(self, base: int, portrait: bool) -> None:
        self.base, self.portrait = base, portrait
        big = self.mode != PRINTED  # to photograph, the QR must be large
        self.qr.set_side(round(base * (13 if big else 10)))
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        # wrapped labels beside the QR would otherwise ask for a narrow, very tall column
        self.info.setMinimumWidth(round(base * 22))
        self.done_button.setMinimumSize(round(base * 10), max(120, round(base * 3.6)))


class TroublePage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.title = text("", "xl", bold=True, center=True)
        self.body = text("", "l", center=True)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(self.title)
        lay.addSpacing(24)
        lay.addWidget(self.body)
        lay.addStretch(2)

    def show_texts(self, lang: str) -> None:
        self.title.setText(tr("trouble_title", lang))
        self.body.setText(tr("trouble_body", lang))


class StaffPage(QWidget):
    """The PIN pad, then the menu. Reached only by the corner gesture."""

    pin = Signal(str)
    cancel = Signal()
    test_print = Signal()
    reprint = Signal()
    status = Signal()
    exit = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.pad = PinPad()
        self.pad.entered.connect(self.pin.emit)
        self.pad.cancelled.connect(self.cancel.emit)
        pad_box = QWidget()
        pl = QVBoxLayout(pad_box)
        pl.setContentsMargins(160, 40, 160, 40)
        pl.addWidget(self.pad)
        pl.addStretch(1)
        self.menu_title = text("", "xl", bold=True, center=True)
        self.info = text("", "m", center=True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.buttons = {
            "staff_test": BigButton(""), "staff_reprint": BigButton(""), "staff_status": BigButton(""),
            "staff_exit": BigButton("", role="danger"), "staff_back": BigButton("", role="secondary"),
        }
        for key, signal in (("staff_test", self.test_print), ("staff_reprint", self.reprint),
                            ("staff_status", self.status), ("staff_exit", self.exit),
                            ("staff_back", self.cancel)):
            self.buttons[key].clicked.connect(signal.emit)
        menu = QWidget()
        ml = QVBoxLayout(menu)
        ml.setContentsMargins(160, 40, 160, 40)
        ml.setSpacing(18)
        ml.addWidget(self.menu_title)
        ml.addWidget(self.info)
        for b in self.buttons.values():
            ml.addWidget(b)
        ml.addStretch(1)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(pad_box)
        self.stack.addWidget(menu)
        self.lang = ID

    def show_pad(self, lang: str) -> None:
        self.lang = lang
        self.pad.prompt.setText(tr("staff_pin", lang))
        self.pad.show_error("")
        self.pad.field.clear()
        self.stack.setCurrentIndex(0)

    def show_menu(self, info: str, lang: str) -> None:
        self.lang = lang
        self.menu_title.setText(tr("staff_menu", lang))
        self.info.setText(info)
        for key, b in self.buttons.items():
            b.setText(tr(key, lang))
        self.stack.setCurrentIndex(1)
