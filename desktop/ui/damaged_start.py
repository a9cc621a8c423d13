"""A register too damaged to open at the window's start: its backups are offered at once.

Without this the start ended on a message naming `camket check` and `camket restore`, and
a clerk who never opens a terminal was left without the register; the window's own File ›
Restore needs a window, which needs the register. The same steps as that menu: choose a
backup (the register's, newest first, or a file), check it, confirm, restore (the damaged
file is kept beside it), then open it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.domain.errors import KnownError
from desktop.messages import describe

# The failures a backup can mend: the file SQLite cannot read, or one `camket check` marked.
DAMAGE = frozenset(("db.corrupt", "db.damaged"))


def restored_after(path: Path, error: KnownError) -> bool:
    """Offer the backups of the register ``error`` refused to open; True when one was put in
    its place (open it again), False when the clerk left or nothing could be restored (the
    reason was shown)."""
    from desktop.store.backups import check_backup, list_backups
    from desktop.store.restore import restore_backup
    from desktop.ui.off_thread import wait_off_thread
    from desktop.ui.restore_dialog import RestoreDialog
    from desktop.ui.unlocking import ask_passphrase

    title = QCoreApplication.translate("DamagedStart", "Restore from a backup")
    has_backups = bool(list_backups(path))
    question = (
        describe(error)
        + "\n\n"
        + (
            QCoreApplication.translate("DamagedStart", "Restore it from one of its backups now?")
            if has_backups
            else QCoreApplication.translate(
                "DamagedStart",
                "It has no backup on this PC. Restore it from a backup file (a USB stick)?",
            )
        )
    )
    answer = QMessageBox.question(None, title, question)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    dialog = RestoreDialog(path)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return False
    chosen = dialog.chosen
    if not ask_passphrase(chosen):  # an encrypted backup: its passphrase
        return False
    try:
        checking = QCoreApplication.translate("DamagedStart", "Checking the backup {name}…").format(
            name=chosen.name
        )
        wait_off_thread(None, checking, lambda: check_backup(chosen))
        restoring = QCoreApplication.translate(
            "DamagedStart", "Restoring the register from {name}…"
        ).format(name=chosen.name)
        aside = wait_off_thread(None, restoring, lambda: restore_backup(chosen, path))
    except KnownError as err:
        QMessageBox.warning(None, title, describe(err))
        return False
    said = QCoreApplication.translate(
        "DamagedStart", "The register was restored from {backup}."
    ).format(backup=chosen.name)
    if aside is not None:
        said += " " + QCoreApplication.translate(
            "DamagedStart", "The damaged register is kept at {path}."
        ).format(path=aside)
    QMessageBox.information(None, title, said)
    return True
