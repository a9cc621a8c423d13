"""Tệp ▸ Đổi mật khẩu…: the window's action for the passphrase of an encrypted register (its
dialog, passphrase_dialog.ChangePassphraseDialog, imported when first opened)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.store.encryption import is_encrypted

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.passphrase_dialog import ChangePassphraseDialog


class EncryptionActions(QObject):
    """ "Change the passphrase…", enabled for an encrypted register only (a plain one says
    in its tooltip how it is encrypted)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: ChangePassphraseDialog | None = None
        self.passphrase_action = QAction(self.tr("Change the &passphrase…"), window)
        encrypted = is_encrypted(window.register.path)
        self.passphrase_action.setEnabled(encrypted)
        self.passphrase_action.setToolTip(
            self.tr("The passphrase that opens this register on this computer")
            if encrypted
            else self.tr("This register is not encrypted (camket encrypt)")
        )
        self.passphrase_action.triggered.connect(self.change_passphrase)
        window.file_menu.add_actions(self.passphrase_action)

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
