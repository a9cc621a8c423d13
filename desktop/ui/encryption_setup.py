"""Encryption at set-up: the wizard's choice and passphrase, and the recovery key shown once."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPagedPaintDevice, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.encryption import check_new_passphrase


class EncryptionChoice(QWidget):
    """ "Encrypt the register (recommended)" with the passphrase typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.encrypt = QCheckBox(self.tr("&Encrypt the register (recommended)"))
        self.encrypt.setToolTip(
            self.tr(
                "ID numbers, relatives abroad and tips are personal data: encrypted, the file"
                " cannot be read without the passphrase or the recovery key."
            )
        )
        self.passphrase = QLineEdit()
        self.repeated = QLineEdit()
        for field in (self.passphrase, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("at least 8 characters"))
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Repeat it:"), self.repeated)
        self._fields = QWidget()
        self._fields.setLayout(form)
        note = QLabel(
            self.tr(
                "A recovery key is shown once after the register is made: print it or write"
                " it down for the commune's safe."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.encrypt)
        layout.addWidget(self._fields)
        layout.addWidget(note)
        self.encrypt.toggled.connect(self._fields.setEnabled)
        self._fields.setEnabled(False)

    def chosen_passphrase(self) -> str | None:
        """The passphrase when encryption is chosen (KnownError when it is refused)."""
        if not self.encrypt.isChecked():
            return None
        return check_new_passphrase(self.passphrase.text(), self.repeated.text())


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown this once, with a page to print for the commune's safe."""

    def __init__(self, path: Path, recovery: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._recovery = recovery
        self.setWindowTitle(self.tr("Recovery key"))
        intro = QLabel(
            self.tr(
                "The register is encrypted. This recovery key is shown only now: print the"
                " page or copy it by hand and keep it in the commune's safe. It opens the"
                " register, and its backups, when the passphrase is forgotten or on another"
                " computer."
            )
        )
        intro.setWordWrap(True)
        self.key = QLabel(recovery)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton(self.tr("&Print the page…"))
        self.print_button.setToolTip(
            self.tr("On paper for the safe; do not keep it as a file on this computer.")
        )
        self.print_button.clicked.connect(self._print)
        self.kept = QCheckBox(self.tr("I have printed or copied the recovery key"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.kept.toggled.connect(self.ok_button.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (intro, self.key, self.print_button, self.kept, buttons):
            layout.addWidget(widget)

    def reject(self) -> None:  # Escape does not lose the key unseen
        if self.kept.isChecked():
            super().reject()

    def page_html(self) -> str:
        return self.tr(
            "<h2>CamKet — recovery key of an encrypted register</h2>"
            "<p>Register: {path}</p><p style='font-size:20pt; font-family:monospace'>{key}</p>"
            "<p>Type this key where CamKet asks for the passphrase when the passphrase is"
            " forgotten or on another computer. Keep this page in the commune's safe.</p>"
        ).format(path=html.escape(str(self._path)), key=self._recovery)

    def print_page(self, device: QPagedPaintDevice) -> None:
        document = QTextDocument()
        document.setHtml(self.page_html())
        document.print_(device)

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.print_page(printer)
