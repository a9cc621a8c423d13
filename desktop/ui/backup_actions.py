"""The File menu's backup verbs: back up to a file or a USB folder, restore from a backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.messages import describe, file_size_text
from desktop.services.register import OpenRegister
from desktop.ui.tasks import Task
from desktop.ui.unlocking import ask_passphrase

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

BACKUP_FILTER = "*.sqlite3"


class BackupActions(QObject):
    """Sao lưu…, Sao lưu ra USB… and Khôi phục từ bản sao lưu… in the window's File menu.

    Copies are read beside the window's task lane (with its progress bar); a restore closes the
    window's connections, puts the backup in place and reopens the register in a new window
    (MainWindow.open_register)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.backup_action = QAction(self.tr("&Back up…"), window)
        self.backup_action.setToolTip(self.tr("Save a copy of the register to a file you choose"))
        self.backup_action.triggered.connect(self.back_up_to_file)
        self.usb_action = QAction(self.tr("Back up to &USB…"), window)
        self.usb_action.setToolTip(self.tr("Save a copy of the register into a folder (USB)"))
        self.usb_action.triggered.connect(self.back_up_to_folder)
        self.restore_action = QAction(self.tr("Res&tore from a backup…"), window)
        self.restore_action.triggered.connect(self.restore)
        window.file_menu.add_actions(self.backup_action, self.usb_action, self.restore_action)

    @property
    def _path(self) -> Path:
        return self._window.register.path

    # --- backing up -----------------------------------------------------------------------

    def back_up_to_file(self) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        suggested = self._path.with_name(f"{self._path.stem}-{stamp}.sqlite3")
        from PySide6.QtWidgets import QFileDialog  # the dialogs: when asked for, not at start

        chosen, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Back up the register"),
            str(suggested),
            self.tr("CamKet registers ({pattern})").format(pattern=BACKUP_FILTER),
            options=QFileDialog.Option.DontConfirmOverwrite,  # a backup never replaces a file
        )
        if chosen:
            self.back_up_to(Path(chosen))

    def back_up_to_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen = QFileDialog.getExistingDirectory(
            self._window, self.tr("Back up to a folder (USB)"), str(self._path.parent)
        )
        if chosen:
            self.back_up_to(Path(chosen))

    def back_up_to(self, target: Path) -> None:
        """Copy the register to ``target`` (a new file, or into a folder) beside the task
        lane: a copy only reads, and the clerk's edits save meanwhile."""

        def work(register: OpenRegister, progress: Progress, _cancelled: Cancelled) -> Path:
            from desktop.store import backups  # on the lane: the window's start paints first

            return backups.backup_to(register.db, register.path, target, progress=progress)

        self._window.tasks.submit(
            Task(self.tr("Backing up"), work, self._backed_up, self._refused_backup, reads=True)
        )

    def backup_if_stale(self) -> None:
        """The automatic backup when the window opens a register whose last is a day old."""

        def work(register: OpenRegister, progress: Progress, _cancelled: Cancelled) -> Any:
            from desktop.store import backups  # on the lane: the window's start paints first

            return backups.backup_if_stale(register.db, register.path, progress=progress)

        # Quiet: most starts find a recent backup and have nothing to say; a copy made says
        # where it went.
        self._window.tasks.submit(
            Task(
                self.tr("Automatic backup"),
                work,
                self._stale_done,
                self._refused,
                quiet=True,
                reads=True,
            )
        )

    def _stale_done(self, copy: Path | None) -> None:
        if copy is not None:
            self._backed_up(copy)

    def _backed_up(self, copy: Path) -> None:
        self._window.statusBar().showMessage(
            self.tr("Backed up to {path} ({size})").format(
                path=copy, size=file_size_text(copy.stat().st_size)
            ),
            15000,
        )

    def _refused_backup(self, error: KnownError) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self._window, self.tr("Back up the register"), describe(error))

    def _refused(self, error: KnownError) -> None:
        self._window.statusBar().showMessage(describe(error), 15000)

    # --- restoring ------------------------------------------------------------------------

    def restore(self) -> bool:
        """Choose a backup, check it, confirm, restore it and reopen the register; True when
        the register was replaced."""
        from PySide6.QtWidgets import QDialog, QMessageBox

        title = self.tr("Restore from a backup")
        if self._window.tasks.busy:
            QMessageBox.information(
                self._window, title, self.tr("Wait for the running job to end, then restore.")
            )
            return False
        # Imported when restoring: the window's start paints without them.
        from desktop.store.backups import check_backup
        from desktop.store.restore import restore_backup
        from desktop.ui.off_thread import wait_off_thread
        from desktop.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self._path, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return False
        chosen = dialog.chosen
        if not ask_passphrase(chosen, self._window):
            return False
        checking = self.tr("Checking the backup {name}…").format(name=chosen.name)
        try:
            wait_off_thread(self._window, checking, lambda: check_backup(chosen))
        except KnownError as err:
            QMessageBox.warning(self._window, title, describe(err))
            return False
        question = self.tr(
            "Replace the register with the backup {backup}?\n\nEverything entered since that"
            " backup is replaced; the current register is kept beside it, and backed up."
        ).format(backup=chosen.name)
        if QMessageBox.question(self._window, title, question) != QMessageBox.StandardButton.Yes:
            return False
        if not self._window.leave_editing():
            return False
        # No connection may stay on the file being replaced: the window stops its lane and
        # its search (closing their connections) and closes its own, then reopens the
        # register in a new window whatever happens.
        self._window.shutdown()
        self._window.register.close()
        restoring = self.tr("Restoring the register from {name}…").format(name=chosen.name)
        pages = self._window.pages
        pages.setUpdatesEnabled(False)  # their rows would be read from the closed register
        try:
            aside = wait_off_thread(
                self._window, restoring, lambda: restore_backup(chosen, self._path)
            )
        except KnownError as err:
            self._window.open_register(self._path)
            QMessageBox.warning(self._window, title, describe(err))
            return False
        except BaseException:  # a bug: the register is opened again, then it is reported
            self._window.open_register(self._path)
            raise
        finally:
            pages.setUpdatesEnabled(True)
        self._window.open_register(self._path)
        said = self.tr("The register was restored from {backup}.").format(backup=chosen.name)
        if aside is not None:
            said += " " + self.tr("The replaced register is kept at {path}.").format(path=aside)
        QMessageBox.information(self._window, title, said)
        return True
