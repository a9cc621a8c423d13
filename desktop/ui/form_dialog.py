"""The small form dialog the ledger's dialogs share: rows of fields, a refusal in Vietnamese
under them, Save (or OK) and Cancel; and a look-only mode for an upper-level register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.pledges import parse_sheet_date
from desktop.messages import describe

ERROR_STYLE = "color: #b00020;"
Button = QDialogButtonBox.StandardButton


def day_or_none(text: str) -> dt.date | None:
    """A typed day (dd/mm/yyyy), or None when the field is empty (KnownError if unreadable)."""
    return parse_sheet_date(text) if text.strip() else None


class FormDialog(QDialog):
    """``form`` takes the rows; ``save`` runs on Save (and Ctrl+S) and usually calls
    ``attempt(work)``, which closes the dialog, or shows why the work was refused and keeps
    it open (nothing was written then)."""

    def __init__(
        self,
        title: str,
        save: Callable[[], object],
        parent: QWidget | None = None,
        ok: QDialogButtonBox.StandardButton = Button.Save,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(ok | Button.Cancel)
        self.buttons.accepted.connect(save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut: QShortcut | None = None
        if ok == Button.Save:
            self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, save)
        self.view_only = False
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def attempt(self, work: Callable[[], object]) -> bool:
        if self.view_only:
            return False
        try:
            work()
        except KnownError as err:
            self.error.setText(describe(err))
            return False
        self.accept()
        return True

    def set_view_only(self) -> None:
        """Show, never write: every field read-only, no Save (Ctrl+S does nothing), one Close
        button (an upper-level register looks at the communes' rows, it does not edit them)."""
        self.view_only = True
        for line in self.findChildren(QLineEdit):
            line.setReadOnly(True)
        for spin in self.findChildren(QAbstractSpinBox):
            spin.setReadOnly(True)
        for widget in (
            *self.findChildren(QComboBox),
            *self.findChildren(QAbstractButton),
            *self.findChildren(QListWidget),
        ):
            if widget.parent() is not self.buttons:
                widget.setEnabled(False)
        self.buttons.setStandardButtons(Button.Close)
        if self.save_shortcut is not None:
            self.save_shortcut.setEnabled(False)
