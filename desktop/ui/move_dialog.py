"""Asks which household a member moves to: type its code, see whose household it is."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from desktop.domain.entities import Household
from desktop.domain.validation import HOUSEHOLD_CODE_MAX
from desktop.store.households import find_household_by_code, members
from desktop.ui.text_limits import limit_line


class MoveDialog(QDialog):
    """``target`` is the chosen household once the dialog is accepted."""

    def __init__(
        self, db: Database, from_household_id: str, person_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._from = from_household_id
        self.target: Household | None = None
        self.setWindowTitle(self.tr("Move to another household"))
        self.code = limit_line(QLineEdit(), HOUSEHOLD_CODE_MAX)
        self.code.setPlaceholderText(self.tr("Household code, e.g. NT-012"))
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Move {name} to household:").format(name=person_name), self.code)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.found)
        layout.addWidget(self.buttons)
        self.code.textChanged.connect(self._look_up)
        self._look_up("")

    def _look_up(self, text: str) -> None:
        household = find_household_by_code(self._db, text) if text.strip() else None
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if household is None:
            self.target = None
            self.found.setText(self.tr("No household has this code.") if text.strip() else "")
        elif household.id == self._from:
            self.target = None
            self.found.setText(self.tr("That is the household the member is in now."))
        else:
            self.target = household
            head = next(
                (p for p in members(self._db, household.id) if p.id == household.head_id), None
            )
            self.found.setText(
                self.tr("Household {code}, head: {head}").format(
                    code=household.code, head=head.full_name if head else "—"
                )
            )
        ok.setEnabled(self.target is not None)
