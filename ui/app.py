"""Qt application plumbing shared by the windows: one QApplication, full-screen placement,
offscreen screenshots, and the safety net that turns a bug into a logged traceback and a calm
'please call staff' state instead of a dead window."""

from __future__ import annotations

import logging
import os
import signal
import sys
import types
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from ui.theme import FONT_FAMILY

log = logging.getLogger("antre.ui")


_QT_NOISE = ("This plugin does not support propagateSizeHints()",)  # offscreen plugin, harmless
_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own messages go to the process log (not a citizen's screen or the terminal)."""
    if message not in _QT_NOISE:
        logging.getLogger("antre.qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def ensure_app(name: str = "Antre") -> QApplication:
    app = QApplication.instance()
    if app is None:
        if "pytest" not in sys.modules:  # pytest-qt captures Qt messages itself
            qInstallMessageHandler(_qt_to_log)
        app = QApplication(sys.argv[:1])
        app.setApplicationName(name)
        app.setFont(QFont(FONT_FAMILY, 12))
    assert isinstance(app, QApplication)
    return app


def place(widget: QWidget, screen_index: int, size: tuple[int, int] | None, fullscreen: bool) -> None:
    """On the configured screen; full screen when asked (setGeometry first: under a bare X
    server without a window manager showFullScreen() alone keeps the old size). ANTRE_GEOMETRY
    ("x,y,w,h") overrides both: the demo tiles every window on one screen with it."""
    forced = os.environ.get("ANTRE_GEOMETRY", "")
    if forced:
        try:
            x, y, w, h = (int(v) for v in forced.split(","))
        except ValueError:
            log.warning("ignoring ANTRE_GEOMETRY=%r (want x,y,w,h)", forced)
        else:
            widget.setGeometry(x, y, w, h)
            widget.show()
            return
    screens = QGuiApplication.screens()
    screen = screens[screen_index] if 0 <= screen_index < len(screens) else QGuiApplication.primaryScreen()
    if fullscreen and screen is not None:
        widget.setGeometry(screen.geometry())
        widget.showFullScreen()
        return
    if size:
        widget.resize(*size)
    if screen is not None:
        geo = screen.availableGeometry()
        widget.move(geo.x() + 20, geo.y() + 20)
    widget.show()


def grab(widget: QWidget, path: Path, size: tuple[int, int] | None = None) -> Path:
    """Render a widget offscreen to a PNG at the given size."""
    if size:
        widget.resize(*size)
    widget.show()
    app = ensure_app()
    for _ in range(3):
        app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def install_safety_net(on_bug: Callable[[], None] | None = None) -> None:
    """Unexpected exceptions in Qt slots: log the traceback, show the calm state, keep running."""

    def hook(kind: type[BaseException], value: BaseException, tb: types.TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error", exc_info=(kind, value, tb))
        if on_bug is not None:
            QTimer.singleShot(0, on_bug)

    sys.excepthook = hook


def quit_on_signals(app: QApplication, before: Callable[[], object] | None = None) -> QTimer:
    """SIGTERM (systemd, the demo) and Ctrl+C end the event loop cleanly: `before` (e.g. the
    window's close, which saves state) then quit. Python runs signal handlers only between
    bytecodes, so a timer wakes the interpreter; keep the returned timer alive."""

    def stop(*_: object) -> None:
        def go() -> None:
            if before is not None:
                before()
            app.quit()

        QTimer.singleShot(0, go)

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop)
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    return wake
