"""The floor staff's confirmations. Each is opened with open() (the window keeps refreshing
behind it), emits `confirmed(...)`, and stays open showing the error when the action is refused
(a wrong PIN, an empty reason); the window closes it on success."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from admin.presenter import ResetPreview
from ui.widgets import BigButton


class _Form(QDialog):
    def __init__(self, title: str, body: str, confirm: str, role: str = "primary",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.body = QLabel(body)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.form = QFormLayout()
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #A1121B; font-weight: bold;")
        self.cancel = BigButton("Batal / Cancel", "secondary", min_height=56)
        self.cancel.clicked.connect(self.reject)
        self.confirm = BigButton(confirm, role, min_height=56)
        self.confirm.clicked.connect(self._confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.confirm)
        lay = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 22px; font-weight: bold;")
        lay.addWidget(heading)
        lay.addWidget(self.body)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.setMinimumWidth(640)

    def _confirm(self) -> None:
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        self.confirm.setEnabled(not busy and self.ready())
        self.cancel.setEnabled(not busy)

    def ready(self) -> bool:
        return True

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.set_busy(False)


class CloseServiceDialog(_Form):
    confirmed = Signal(str)

    def __init__(self, name: str, waiting: int, parent: QWidget | None = None) -> None:
        super().__init__(f"Tutup {name} hari ini", (
            f"Kiosk berhenti memberi nomor {name} sampai dibuka lagi, dan menampilkan alasan di bawah ini "
            f"kepada warga. {waiting} tiket yang sudah menunggu tetap dilayani.\n"
            f"The kiosk stops issuing tickets for this service and shows the reason; the {waiting} waiting "
            "tickets are still served."), "Tutup layanan / Close", "danger", parent)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("mis. Jaringan instansi terputus")
        self.reason.setMaxLength(120)
        self.reason.textChanged.connect(lambda _t: self.set_busy(False))
        self.form.addRow("Alasan / Reason", self.reason)
        self.set_busy(False)

    def ready(self) -> bool:
        return bool(self.reason.text().strip())

    def _confirm(self) -> None:
        self.set_busy(True)
        self.confirmed.emit(self.reason.text().strip())


class QuotaDialog(_Form):
    confirmed = Signal(int, int)

    def __init__(self, name: str, quota: int, used: int, priority_quota: int, priority_used: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Kuota {name} hari ini", (
            f"Terpakai sekarang: {used} biasa, {priority_used} prioritas. Berlaku hanya untuk hari ini; "
            "besok kembali ke angka di config.toml.\n"
            f"Used now: {used} regular, {priority_used} priority. For today only."), "Simpan / Save", parent=parent)
        self.quota = QSpinBox()
        self.quota.setRange(0, 9999)
        self.quota.setValue(quota)
        self.priority = QSpinBox()
        self.priority.setRange(0, 9999)
        self.priority.setValue(priority_quota)
        self.form.addRow("Kuota / Quota", self.quota)
        self.form.addRow("Kuota prioritas / Priority quota", self.priority)

    def _confirm(self) -> None:
        self.set_busy(True)
        self.confirmed.emit(self.quota.value(), self.priority.value())


class ResetDialog(_Form):
    """The consequences in numbers, a reason, and the PIN again."""

    confirmed = Signal(str, str)

    def __init__(self, preview: ResetPreview, parent: QWidget | None = None) -> None:
        id_text, en_text = preview.consequences()
        title = ("Reset nomor antrean / Reset queue numbers" if preview.scope
                 else "Reset SEMUA nomor antrean / Reset ALL queue numbers")
        super().__init__(title, f"{id_text}\n\n{en_text}", "Reset sekarang / Reset now", "danger", parent)
        self.preview = preview
        self.body.setStyleSheet("background: #FFF4D6; border: 2px solid #7A4A00; padding: 10px;")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("mis. nomor tercetak ganda")
        self.reason.setMaxLength(120)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setPlaceholderText("PIN petugas / staff PIN")
        for field in (self.reason, self.pin):
            field.textChanged.connect(lambda _t: self.set_busy(False))
        self.form.addRow("Alasan / Reason", self.reason)
        self.form.addRow("PIN", self.pin)
        self.set_busy(False)

    def ready(self) -> bool:
        return bool(self.reason.text().strip() and self.pin.text())

    def _confirm(self) -> None:
        pin = self.pin.text()
        self.pin.clear()  # never kept longer than the check
        self.set_busy(True)
        self.confirmed.emit(self.reason.text().strip(), pin)
