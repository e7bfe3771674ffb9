"""Where the bytes go, built in one place from [printer]: network, usb, serial, win32, cups,
file, none, plus `DummyTransport` for tests and demos. Each opens the device for one job and
closes it again, so a printer that was switched off and on between tickets just works.

Status (network, usb, serial): DLE EOT 2 (offline cause) and DLE EOT 4 (paper sensor) are
real-time commands, answered as soon as they arrive, even with paper out. After the ticket
another DLE EOT 4 is sent: its answer proves the printer has received every byte before it."""

from __future__ import annotations

import importlib.util
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.config import Config
from printer import _escpos
from printer._escpos import Escpos
from printer.faults import MissingDependency, PrinterError
from printer.layout import Layout
from printer.preview import save_preview

log = logging.getLogger("antre.printer")
DLE_EOT_OFFLINE = b"\x10\x04\x02"
DLE_EOT_PAPER = b"\x10\x04\x04"
_DEPENDENCIES = {"usb": ("usb", "pyusb"), "serial": ("serial", "pyserial"),
                 "win32": ("win32print", "pywin32"), "cups": ("cups", "pycups")}


@dataclass
class Budget:
    """How long one job may take, and whether to ask for status first."""

    deadline: float  # time.monotonic() by which the job must be over
    check: bool = True
    status_timeout: float = 1.0

    @classmethod
    def of(cls, seconds: float, check: bool = True, status_timeout: float = 1.0) -> Budget:
        return cls(time.monotonic() + seconds, check, status_timeout)

    def left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise PrinterError("timeout", "job deadline passed")
        return left

    def for_status(self) -> float:
        return min(self.status_timeout, self.left())


def decode_offline(byte: int) -> str:
    """DLE EOT 2 answer -> 'ok' or a fault. Fixed bits (0x12 set, 0x81 clear) guard against
    reading something that is not a status byte."""
    if byte & 0x93 != 0x12:
        return "unknown"
    if byte & 0x04:
        return "cover_open"
    if byte & 0x20:
        return "paper_out"
    if byte & 0x40:
        return "printer_error"
    return "ok"


def decode_paper(byte: int) -> str:
    """DLE EOT 4 answer -> 'ok', 'paper_low' or 'paper_out'."""
    if byte & 0x93 != 0x12:
        return "unknown"
    if byte & 0x60:
        return "paper_out"
    if byte & 0x0C:
        return "paper_low"
    return "ok"


class Transport:
    """One printer connection kind. `send` raises PrinterError for a fault and returns a warning
    code ('paper_low') or ''; `status` returns a code from printer.faults (or 'ok')."""

    kind = "none"
    can_query = False

    def __init__(self, target: str = "") -> None:
        self.target = target

    def send(self, data: bytes, budget: Budget) -> str:
        raise PrinterError("no_printer", "printer.transport = none")

    def status(self, budget: Budget) -> str:
        return "no_printer"

    def abort(self) -> None:
        """Called from another thread when a job overran its deadline: unblock it if possible."""

    def finish(self, layout: Layout, name: str) -> Path | None:
        """After a successful send; the file transport writes the preview PNG here."""
        return None


class EscposTransport(Transport):
    """A python-escpos printer class behind open/_raw/_read/close."""

    def __init__(self, kind: str, target: str, make: Callable[[float], Escpos], can_query: bool) -> None:
        super().__init__(target)
        self.kind = kind
        self.can_query = can_query
        self._make = make
        self._active: Escpos | None = None
        self._lock = threading.Lock()

    def _open(self, budget: Budget) -> Escpos:
        p = self._make(budget.left())
        try:
            p.open()
        except _escpos.exceptions.DeviceNotFoundError as e:
            cause = e.__context__
            reason = "timeout" if isinstance(cause, TimeoutError) else "offline"
            raise PrinterError(reason, f"{self.target}: {cause or e}") from None
        with self._lock:
            self._active = p
        return p

    def _close(self, p: Escpos) -> None:
        with self._lock:
            self._active = None
        try:
            p.close()
        except (OSError, _escpos.exceptions.Error) as e:
            log.info("closing %s: %s", self.target, e)

    def _ask(self, p: Escpos, query: bytes, budget: Budget) -> int:
        self._set_timeout(p, budget.for_status())
        p._raw(query)
        answer = p._read()
        if not answer:
            raise PrinterError("timeout", f"{self.target}: no answer to status query")
        return int(answer[-1])

    def _set_timeout(self, p: Escpos, seconds: float) -> None:
        """Only sockets can change their timeout per call; usb/serial keep the one they were built with."""

    def _query(self, p: Escpos, budget: Budget) -> str:
        state = decode_offline(self._ask(p, DLE_EOT_OFFLINE, budget))
        if state not in ("ok", "unknown"):
            return state
        paper = decode_paper(self._ask(p, DLE_EOT_PAPER, budget))
        return paper if paper != "ok" else state

    def _io(self, budget: Budget, job: Callable[[Escpos], str]) -> str:
        p = self._open(budget)
        try:
            return job(p)
        except PrinterError:
            raise
        except TimeoutError as e:
            raise PrinterError("timeout", f"{self.target}: {e}") from None
        except (OSError, _escpos.exceptions.Error) as e:
            raise PrinterError("io_error", f"{self.target}: {e}") from None
        finally:
            self._close(p)

    def send(self, data: bytes, budget: Budget) -> str:
        def job(p: Escpos) -> str:
            warning = ""
            if budget.check and self.can_query:
                state = self._query(p, budget)
                if state not in ("ok", "paper_low", "unknown"):
                    raise PrinterError(state, f"{self.target}: status before printing")
                warning = "paper_low" if state == "paper_low" else ""
            self._set_timeout(p, budget.left())
            p._raw(data)
            if budget.check and self.can_query:
                self._ask(p, DLE_EOT_PAPER, budget)  # the answer comes after every byte arrived
            return warning

        return self._io(budget, job)

    def status(self, budget: Budget) -> str:
        if not self.can_query:
            return "unknown"
        try:
            return self._io(budget, lambda p: self._query(p, budget))
        except PrinterError as e:
            return e.reason

    def abort(self) -> None:
        with self._lock:
            p = self._active
        if p is not None:
            try:
                p.close()
            except (OSError, _escpos.exceptions.Error) as e:
                log.info("abort %s: %s", self.target, e)


class NetworkTransport(EscposTransport):
    def _open(self, budget: Budget) -> Escpos:
        p = super()._open(budget)
        if isinstance(p.device, socket.socket):
            # Small writes (a status query after the ticket) must not wait for a delayed ACK.
            p.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return p

    def _set_timeout(self, p: Escpos, seconds: float) -> None:
        sock = p.device
        if isinstance(sock, socket.socket):
            sock.settimeout(seconds)

    def _close(self, p: Escpos) -> None:
        # Drain what the printer already sent: closing a socket with unread data sends RST,
        # which may drop the ticket's tail still in flight.
        sock = p.device if p._device else None
        if isinstance(sock, socket.socket):
            try:
                sock.shutdown(socket.SHUT_WR)
                sock.setblocking(False)
                while sock.recv(4096):
                    pass
            except OSError:
                pass
        super()._close(p)


class _AppendFile(_escpos.File):
    """escpos' File truncates on open; tickets.bin keeps every ticket ever printed."""

    def open(self, raise_not_found: bool = True) -> None:
        try:
            self.device = open(self.devfile, "ab")  # closed by close()
        except OSError as e:
            self._device = None
            raise _escpos.exceptions.DeviceNotFoundError(f"{self.devfile}: {e}") from e

    def flush(self) -> None:
        if self.device:
            self.device.flush()
            os.fsync(self.device.fileno())  # a ticket on screen as printed survives a power cut


class FileTransport(EscposTransport):
    def __init__(self, path: Path, profile: str) -> None:
        self.path = path
        super().__init__("file", str(path), lambda _t: _AppendFile(str(path), auto_flush=True,
                                                                  profile=profile), False)

    def _open(self, budget: Budget) -> Escpos:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise PrinterError("io_error", f"{self.path.parent}: {e}") from None
        return super()._open(budget)

    def status(self, budget: Budget) -> str:
        if self.path.exists():
            ok = self.path.is_file() and os.access(self.path, os.W_OK)
        else:  # the first ticket will create the folders: the nearest existing one must take them
            base = _existing(self.path.parent)
            ok = base.is_dir() and os.access(base, os.W_OK)
        return "ok" if ok else "io_error"

    def finish(self, layout: Layout, name: str) -> Path | None:
        return save_preview(layout, self.path.with_name(f"{self.path.stem}-{name}.png"))


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


@dataclass
class DummyTransport(Transport):
    """A printer in memory (escpos Dummy) for tests and the demo: `state` is what the status
    query answers ('ok', 'paper_low', 'paper_out', 'timeout', ...); `delay` makes it slow."""

    state: str = "ok"
    delay: float = 0.0
    profile: str = "default"
    jobs: list[bytes] = field(default_factory=list)
    kind: str = "dummy"
    can_query: bool = True

    def __post_init__(self) -> None:
        self.target = "memory"
        self._release = threading.Event()

    @property
    def output(self) -> bytes:
        return b"".join(self.jobs)

    def send(self, data: bytes, budget: Budget) -> str:
        if self.delay:
            self._release.clear()
            self._release.wait(min(self.delay, budget.left()))  # abort() sets it
            budget.left()
        if budget.check and self.state not in ("ok", "paper_low", "unknown"):
            raise PrinterError(self.state, "dummy printer")
        d = _escpos.Dummy(profile=self.profile)
        d._raw(data)
        self.jobs.append(bytes(d.output))
        return "paper_low" if self.state == "paper_low" else ""

    def status(self, budget: Budget) -> str:
        return self.state

    def abort(self) -> None:
        self._release.set()


def make_transport(cfg: Config, data_dir: Path) -> Transport:
    """The transport [printer] asks for. A missing optional package is a known error naming it,
    raised only for the transport that needs it."""
    pc = cfg.printer
    kind = pc.transport
    if kind in _DEPENDENCIES:
        module, package = _DEPENDENCIES[kind]
        if importlib.util.find_spec(module) is None:
            raise MissingDependency(kind, package, module)
    from printer.escpos_out import profile_name

    profile = profile_name(pc)
    if kind == "none":
        return Transport("none")
    if kind == "file":
        return FileTransport(cfg.resolve(pc.path) if pc.path else data_dir / "tickets.bin", profile)
    if kind == "network":
        if not pc.host:
            raise _not_configured("printer.host", "the printer's IP address")
        return NetworkTransport("network", f"{pc.host}:{pc.port}", lambda t: _escpos.Network(
            pc.host, pc.port, timeout=t, profile=profile), True)
    if kind == "usb":
        if not (pc.usb_vendor and pc.usb_product):
            raise _not_configured("printer.usb_vendor / usb_product", "ids from `lsusb`, e.g. 0x04b8 / 0x0202")
        from escpos.printer import Usb

        return EscposTransport("usb", f"usb {pc.usb_vendor:04x}:{pc.usb_product:04x}", lambda t: Usb(
            pc.usb_vendor, pc.usb_product, timeout=int(t * 1000), profile=profile), True)
    if kind == "serial":
        if not pc.serial_port:
            raise _not_configured("printer.serial_port", "e.g. /dev/ttyUSB0 or COM3")
        from escpos.printer import Serial

        return EscposTransport("serial", f"{pc.serial_port} @ {pc.baudrate}", lambda t: Serial(
            pc.serial_port, pc.baudrate, timeout=min(t, pc.status_timeout_seconds), profile=profile), True)
    if kind == "win32":
        from escpos.printer import Win32Raw

        return EscposTransport("win32", pc.printer_name or "(default)", lambda _t: Win32Raw(
            pc.printer_name or None, profile=profile), False)
    if kind == "cups":
        from escpos.printer import CupsPrinter

        return EscposTransport("cups", pc.printer_name or "(default)", lambda _t: CupsPrinter(
            pc.printer_name or None, profile=profile), False)
    raise PrinterError("not_configured", f"unknown transport {kind!r}")


def _not_configured(key: str, hint: str) -> PrinterError:
    return PrinterError("not_configured", key, f"{key} belum diisi di config.toml ({hint}).",
                        f"{key} is not set in config.toml ({hint}).")
