"""A network ticket printer on 127.0.0.1 (port 9100 protocol: raw ESC/POS over TCP) for tests,
the benchmark and trying the kiosk without hardware. It keeps every byte it receives and answers
the real-time status queries DLE EOT 1/2/4 the way an Epson TM does, for the `state` set:
ok, paper_low, paper_out, cover_open, or silent (accepts, reads, never answers)."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

# state -> answers to DLE EOT 1 (printer), 2 (offline cause), 4 (paper sensor)
ANSWERS: dict[str, dict[int, int]] = {
    "ok": {1: 0x12, 2: 0x12, 4: 0x12},
    "paper_low": {1: 0x12, 2: 0x12, 4: 0x1E},
    "paper_out": {1: 0x1A, 2: 0x32, 4: 0x72},
    "cover_open": {1: 0x1A, 2: 0x16, 4: 0x12},
    "silent": {},
}


class PrinterEmulator:
    def __init__(self, state: str = "ok", host: str = "127.0.0.1", port: int = 0) -> None:
        if state not in ANSWERS:
            raise ValueError(f"state must be one of {', '.join(ANSWERS)}")
        self.state = state
        self._server = socket.create_server((host, port))
        self._server.settimeout(0.05)
        self.host, self.port = self._server.getsockname()[:2]
        self.jobs: list[bytes] = []  # what each finished connection sent
        self.last_byte_at = 0.0  # time.perf_counter() when the latest byte arrived
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._serve, name="printer-emulator", daemon=True)
        self._thread.start()

    @property
    def received(self) -> bytes:
        with self._lock:
            return b"".join(self.jobs)

    def wait_jobs(self, count: int, timeout: float = 5.0) -> bool:
        """Until `count` connections have finished (the client closed), bounded."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if len(self.jobs) >= count:
                    return True
            time.sleep(0.002)
        return False

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._client, args=(conn,), daemon=True)
            self._threads.append(t)
            t.start()

    def _client(self, conn: socket.socket) -> None:
        buf = bytearray()
        scanned = 0
        conn.settimeout(0.05)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn:
            while not self._stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                buf += chunk
                self.last_byte_at = time.perf_counter()
                # Real-time commands are acted on as they arrive, wherever they are in the stream.
                while (i := buf.find(b"\x10\x04", scanned)) != -1 and i + 2 < len(buf):
                    answer = ANSWERS[self.state].get(buf[i + 2])
                    if answer is not None:
                        try:
                            conn.sendall(bytes([answer]))
                        except OSError:
                            break
                    scanned = i + 3
                scanned = max(scanned, len(buf) - 2)
        with self._lock:
            self.jobs.append(bytes(buf))

    def stop(self) -> None:
        self._stop.set()
        self._server.close()
        self._thread.join(timeout=2)
        for t in self._threads:
            t.join(timeout=2)

    def __enter__(self) -> PrinterEmulator:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
