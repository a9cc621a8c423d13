"""The dialog asking for the passphrase (or recovery key) of an encrypted register."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.store.encryption import unlock
from desktop.ui.unlocking import unlocking_text


class PassphraseDialog(QDialog):
    """The passphrase of one encrypted register; a wrong one is said in the dialog, which
    stays open for another try."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self.setWindowTitle(self.tr("Encrypted register"))
        intro = QLabel(
            self.tr(
                "The register {name} is encrypted. Type its passphrase, or the recovery key"
                " kept in the commune's safe."
            ).format(name=path.name)
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.accept_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.accept_button.setText(self.tr("Open"))
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.passphrase, self.error, buttons):
            layout.addWidget(widget)
        self.resize(460, self.sizeHint().height())

    def _try(self) -> None:
        # The key is stretched from the passphrase on purpose slowly: off the window's thread.
        secret = self.passphrase.text()
        from desktop.ui.off_thread import wait_off_thread

        try:
            wait_off_thread(self, unlocking_text(self._path), lambda: unlock(self._path, secret))
        except KnownError as err:
            self.error.setText(describe(err))
            self.error.show()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.accept()
