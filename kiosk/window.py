"""The kiosk window: header (site, date, clock, language), a banner, the screens, a footer, and
the invisible staff corner. It implements the presenter's KioskView and cannot be closed by
keyboard or touch; only the staff menu closes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.config import Config
from kiosk.flow_pages import PrintingPage, StaffPage, TicketPage, TroublePage
from kiosk.models import AgencyTile, IssueOutcome, ServiceRow
from kiosk.pages import HomePage, ServicesPage
from kiosk.presenter import KioskPresenter
from kiosk.style import base_px, stylesheet
from kiosk.texts import ID, tr
from kiosk.widgets import StaffCorner, text
from ui.theme import Theme
from ui.widgets import Banner, BigButton

CORNER_PX = 150
_TOUCH = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


class KioskWindow(QWidget):
    def __init__(self, cfg: Config, theme: Theme | None = None, lockdown: bool = True) -> None:
        super().__init__()
        self.cfg = cfg
        self.lockdown = lockdown  # False: `kiosk --windowed` on a desktop, closable like any window
        self.theme = theme or Theme.from_config(cfg)
        self.lang = ID
        self.base = 0
        self.portrait = True
        self.presenter: KioskPresenter | None = None
        self._closing = False
        self.setWindowTitle(cfg.site.short_name or cfg.site.name)
        if lockdown:
            self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
                                | Qt.WindowType.Window)
        self.header = self._header()
        self.banner = Banner()
        self.banner.label.setProperty("fs", "l")
        self.home = HomePage(self.theme)
        self.services = ServicesPage(self.theme)
        self.printing = PrintingPage()
        self.ticket = TicketPage(bool(cfg.site.public_url.strip()))
        self.trouble = TroublePage()
        self.staff = StaffPage()
        self.stack = QStackedWidget()
        # the screen is the size it is: a page that asks for more is clipped, never grows the window
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        for page in (self.home, self.services, self.printing, self.ticket, self.trouble, self.staff):
            self.stack.addWidget(page)
        self.footer = QFrame()
        self.footer.setObjectName("footer")
        self.free = text("", "m", tone="primary", center=True)
        fl = QHBoxLayout(self.footer)
        fl.setContentsMargins(24, 12, CORNER_PX, 12)
        fl.addWidget(self.free)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.footer)
        self.corner = StaffCorner(cfg.kiosk.staff_hold_seconds, self)
        self.set_language(ID)
        self.resize(cfg.kiosk.width, cfg.kiosk.height)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _header(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("header")
        self.logo = QLabel()
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        logo = self.cfg.resolve(self.cfg.site.logo) if self.cfg.site.logo else None
        self._logo = QPixmap(str(logo)) if logo is not None and logo.is_file() else QPixmap()
        if self._logo.isNull():
            self.logo.setText("MPP")  # no logo file: a plain mark, never an empty box
            self.logo.setProperty("fs", "l")
            self.logo.setStyleSheet("font-weight: bold; border: 3px solid #FFFFFF; border-radius: 8px;")
        self.site = text(self.cfg.site.name, "l", bold=True)
        self.date = text("", "s", wrap=False)
        self.date.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.clock = text("", "xl", bold=True, wrap=False)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.lang_button = BigButton("")
        self.lang_button.setProperty("fs", "m")
        when = QVBoxLayout()
        when.setSpacing(0)
        when.addWidget(self.clock)
        when.addWidget(self.date)
        lay = QHBoxLayout(bar)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(20)
        lay.addWidget(self.logo)
        lay.addWidget(self.site, 1)
        lay.addLayout(when)
        lay.addWidget(self.lang_button)
        return bar

    def attach(self, presenter: KioskPresenter) -> None:
        """Taps go to the presenter; it calls back the methods below."""
        self.presenter = presenter
        p = presenter
        self.lang_button.clicked.connect(p.toggle_language)
        self.home.agency_chosen.connect(p.choose_agency)
        self.services.issue.connect(p.issue)
        self.services.back.connect(p.back)
        self.services.home.connect(p.go_home)
        self.ticket.finished.connect(p.go_home)
        self.corner.held.connect(p.staff_gesture)
        self.staff.pin.connect(p.pin_entered)
        self.staff.cancel.connect(p.go_home)
        self.staff.test_print.connect(p.staff_test_print)
        self.staff.reprint.connect(p.staff_reprint)
        self.staff.status.connect(p.staff_status)
        self.staff.exit.connect(p.staff_exit)

    # --- KioskView ------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.lang_button.setText(tr("language_other", lang))
        self.free.setText(tr("free", lang))

    def set_header(self, date_text: str, clock: str) -> None:
        self.date.setText(date_text)
        self.clock.setText(clock)

    def show_home(self, tiles: list[AgencyTile], warning: str) -> None:
        self.home.set_tiles(tiles, self.lang)
        self.home.relayout(self.base or 27, self.width())
        self._banner(warning)
        self.stack.setCurrentWidget(self.home)

    def show_services(self, agency: AgencyTile, rows: list[ServiceRow], message: str) -> None:
        self.services.set_services(agency, rows, self.lang)
        self._banner(message)
        self.stack.setCurrentWidget(self.services)

    def show_printing(self, service: str) -> None:
        self.printing.show_service(service, self.lang)
        self._banner("")
        self.stack.setCurrentWidget(self.printing)

    def show_ticket(self, outcome: IssueOutcome, service: str, qr: str) -> None:
        self.ticket.show_outcome(outcome, service, qr, self.lang)
        self._banner("")
        self.stack.setCurrentWidget(self.ticket)

    def show_fault(self, outcome: IssueOutcome, service: str, qr: str) -> None:
        self.show_ticket(outcome, service, qr)

    def set_countdown(self, value: str) -> None:
        self.ticket.set_countdown(value)

    def show_trouble(self) -> None:
        self.trouble.show_texts(self.lang)
        self._banner("")
        self.stack.setCurrentWidget(self.trouble)

    def show_pin(self) -> None:
        self.staff.show_pad(self.lang)
        self._banner("")
        self.stack.setCurrentWidget(self.staff)

    def pin_error(self, value: str) -> None:
        self.staff.pad.show_error(value)

    def show_staff_menu(self, info: str) -> None:
        self.staff.show_menu(info, self.lang)
        self.stack.setCurrentWidget(self.staff)

    def close_kiosk(self) -> None:
        self._closing = True
        self.close()

    def _banner(self, message: str) -> None:
        if message:
            self.banner.show_message(message, "warn")
        else:
            self.banner.clear()

    # --- no way out for a citizen -----------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.lockdown and not self._closing:
            event.ignore()  # Alt+F4, the window manager, a stray click: the kiosk stays
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.presenter is not None:
            self.presenter.stop()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()  # Escape and friends do nothing; the PIN pad has its own buttons

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in _TOUCH and self.presenter is not None and isinstance(watched, QWidget)
                and (watched is self or self.isAncestorOf(watched))):
            self.presenter.touched()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        w, h = self.width(), self.height()
        self.portrait = h >= w
        base = base_px(w, h)
        if base != self.base:
            self.base = base
            self.setStyleSheet(stylesheet(self.theme, base))
            if not self._logo.isNull():
                side = round(base * 3)
                self.logo.setPixmap(self._logo.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
            else:
                self.logo.setFixedSize(round(base * 4.2), round(base * 2.4))
            self.lang_button.setMinimumWidth(round(base * 9))
        # portrait is narrow: the short name keeps the header to two lines
        self.site.setText(self.cfg.site.short_name if self.portrait and self.cfg.site.short_name
                          else self.cfg.site.name)
        self.home.relayout(base, w)
        self.services.relayout(base, self.portrait)
        self.ticket.relayout(base, self.portrait)
        # the corner lies on the footer only: over the screens it would swallow a citizen's tap
        # on a button scrolled under it
        self.footer.setMinimumHeight(max(64, round(base * 2.6)))
        fh = max(self.footer.height(), self.footer.minimumHeight())
        self.corner.setGeometry(w - CORNER_PX, h - fh, CORNER_PX, fh)
        self.corner.raise_()
