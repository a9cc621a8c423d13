"""The dialog choosing a backup to restore: the register's backups, newest first, or a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.messages import backup_reason, file_size_text
from desktop.store.backups import list_backups
from desktop.ui.backup_actions import BACKUP_FILTER


class RestoreDialog(QDialog):
    """The register's backups, newest first, or another file; ``chosen`` after OK."""

    def __init__(self, register_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.chosen: Path | None = None
        self._register_path = register_path
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Backups"))
        for backup in list_backups(register_path):
            taken = backup.taken_at.astimezone().strftime("%d/%m/%Y %H:%M")
            reason = backup_reason(backup.reason)
            item = QListWidgetItem(f"{taken} — {reason} — {file_size_text(backup.size)}")
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.other_button = QPushButton(self.tr("Another file…"))
        self.other_button.clicked.connect(self._choose_file)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Restore…"))
        self.ok_button.setEnabled(self.list.count() > 0)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self._accept_current())
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Backups of this register, newest first (automatic and on request):")
            if self.list.count()
            else self.tr("This register has no backups yet: choose a backup file.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.other_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup"),
            str(self._register_path.parent),
            self.tr("CamKet registers ({pattern});;All files (*)").format(pattern=BACKUP_FILTER),
        )
        if chosen:
            self.chosen = Path(chosen)
            self.accept()
