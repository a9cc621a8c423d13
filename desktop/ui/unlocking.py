"""Unlocking an encrypted register before it opens: with the key this process holds (or
CAMKET_PASSPHRASE), else in the passphrase dialog. A plain register is told by its header
alone: its window's start loads neither the dialog nor a thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.domain.errors import KnownError
from desktop.store.encryption import is_encrypted, key_for

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def unlocking_text(path: Path) -> str:
    return QCoreApplication.translate("PassphraseDialog", "Unlocking {name}…").format(
        name=path.name
    )


def ask_passphrase(path: Path, parent: QWidget | None = None) -> bool:
    """True when the register at ``path`` can be opened: plain, already unlocked (or by
    CAMKET_PASSPHRASE), or unlocked now in the dialog; False when the clerk cancelled."""
    if not is_encrypted(path):  # read off its header: nothing to unlock, no thread to start
        return True
    # Imported for an encrypted register only: the window's start paints without them.
    from PySide6.QtWidgets import QDialog

    from desktop.ui.off_thread import wait_off_thread
    from desktop.ui.passphrase_dialog import PassphraseDialog

    try:  # a key in memory, or CAMKET_PASSPHRASE stretched: off the window's thread
        wait_off_thread(parent, unlocking_text(path), lambda: key_for(path))
        return True
    except KnownError as err:
        if err.code != "db.needs_passphrase":
            return True  # opening it will say what is wrong
    return PassphraseDialog(path, parent).exec() == QDialog.DialogCode.Accepted
