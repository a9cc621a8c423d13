"""Asking for the passphrase (or recovery key) of an encrypted register before it opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.store.encryption import is_encrypted, key_for, unlock


def unlocking_text(path: Path) -> str:
    return QCoreApplication.translate("PassphraseDialog", "Unlocking {name}…").format(
        name=path.name
    )


class PassphraseDialog(QDialog):
    """The passphrase of one encrypted register; a wrong one is said in the dialog, which
    stays open for another try."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QDialogButtonBox  # for an encrypted register only

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


def ask_passphrase(path: Path, parent: QWidget | None = None) -> bool:
    """True when the register at ``path`` can be opened: plain, already unlocked (or by
    CAMKET_PASSPHRASE), or unlocked now in the dialog; False when the clerk cancelled."""
    if not is_encrypted(path):  # read off its header: nothing to unlock, no thread to start
        return True
    # Imported for an encrypted register only: the window's start paints without them.
    from desktop.ui.off_thread import wait_off_thread

    try:  # a key in memory, or CAMKET_PASSPHRASE stretched: off the window's thread
        wait_off_thread(parent, unlocking_text(path), lambda: key_for(path))
        return True
    except KnownError as err:
        if err.code != "db.needs_passphrase":
            return True  # opening it will say what is wrong
    return PassphraseDialog(path, parent).exec() == QDialog.DialogCode.Accepted
