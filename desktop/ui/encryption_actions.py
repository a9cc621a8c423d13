"""Tệp ▸ Mã hóa sổ… and Tệp ▸ Đổi mật khẩu…: a plain register encrypted in place from the
window (`camket encrypt` does the same), and the passphrase of an encrypted one changed (their
dialogs, in ui.passphrase_dialog, imported when first opened)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.store.encryption import is_encrypted

if TYPE_CHECKING:
    from desktop.services.encryption import Encrypted
    from desktop.ui.main_window import MainWindow
    from desktop.ui.passphrase_dialog import ChangePassphraseDialog, EncryptDialog


class EncryptionActions(QObject):
    """ "Encrypt the register…" for a plain register the window may write, "Change the
    passphrase…" for an encrypted one: each shown only where it applies."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: ChangePassphraseDialog | EncryptDialog | None = None
        encrypted = is_encrypted(window.register.path)
        self.encrypt_action = QAction(self.tr("&Encrypt the register…"), window)
        self.encrypt_action.setToolTip(
            self.tr("Nothing of the file readable without the passphrase or the recovery key")
        )
        self.encrypt_action.setVisible(not encrypted)
        self.encrypt_action.setEnabled(not window.register.read_only)
        self.encrypt_action.triggered.connect(self.encrypt)
        self.passphrase_action = QAction(self.tr("Change the &passphrase…"), window)
        self.passphrase_action.setToolTip(
            self.tr("The passphrase that opens this register on this computer")
        )
        self.passphrase_action.setVisible(encrypted)
        self.passphrase_action.triggered.connect(self.change_passphrase)
        window.file_menu.add_actions(self.encrypt_action, self.passphrase_action)

    # --- the passphrase -------------------------------------------------------------------

    def change_passphrase(self) -> ChangePassphraseDialog:
        """Show the dialog (window-modal); on success the status bar says so."""
        from desktop.ui.passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self._window.register.path, self._window)
        dialog.accepted.connect(self._changed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self._window.statusBar().showMessage(
            self.tr(
                "Passphrase changed: the old one no longer opens the register on this"
                " computer; the recovery key and the backups are as they were."
            )
        )

    # --- encrypting -----------------------------------------------------------------------

    def encrypt(self) -> EncryptDialog | None:
        """Ask for the passphrase (window-modal); OK encrypts the register (encrypt_now)."""
        from PySide6.QtWidgets import QMessageBox

        if self._window.tasks.busy:
            QMessageBox.information(
                self._window,
                self.tr("Encrypt the register"),
                self.tr("Wait for the running job to end, then encrypt the register."),
            )
            return None
        from desktop.ui.passphrase_dialog import EncryptDialog

        dialog = EncryptDialog(self._window.register.path, self._window)
        dialog.accepted.connect(lambda: self.encrypt_now(dialog.chosen))
        self.dialog = dialog
        dialog.open()
        return dialog

    def encrypt_now(self, passphrase: str) -> bool:
        """Encrypt the register in place with ``passphrase`` (a backup first), show the
        recovery key once and reopen the register in a new window; True when encrypted.

        No connection may stay on the file being replaced: the window stops its lane and
        its search and closes its own, as a restore does, and the register is opened again
        in a new window whatever happens."""
        from PySide6.QtWidgets import QMessageBox

        from desktop.services.encryption import encrypt_register
        from desktop.ui.off_thread import wait_off_thread

        if not self._window.leave_editing():
            return False
        path = self._window.register.path
        self._window.shutdown()
        self._window.register.close()
        pages = self._window.pages
        pages.setUpdatesEnabled(False)  # their rows would be read from the closed register
        text = self.tr("Encrypting {name}: a backup first, then the encrypted copy…")
        try:
            done: Encrypted = wait_off_thread(
                self._window,
                text.format(name=path.name),
                lambda: encrypt_register(path, passphrase),
            )
        except KnownError as err:
            self._window.open_register(path)
            QMessageBox.warning(self._window, self.tr("Encrypt the register"), describe(err))
            return False
        except BaseException:  # a bug: the register is opened again, then it is reported
            self._window.open_register(path)
            raise
        finally:
            pages.setUpdatesEnabled(True)
        from desktop.ui.encryption_setup import RecoveryKeyDialog

        RecoveryKeyDialog(path, done.recovery, self._window).exec()
        self._window.open_register(path)
        return True
