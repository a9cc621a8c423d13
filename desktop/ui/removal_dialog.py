"""Removing a saved member asks what happened: moved away or died are written to the ledger and
the person stays in the household's history; only "entered by mistake" removes the row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.movements import Movement, MovementKind
from desktop.domain.pledges import parse_sheet_date
from desktop.domain.text_bounds import MOVEMENT_TEXT
from desktop.messages import describe
from desktop.services import ledger
from desktop.ui.edits import save_on_lane
from desktop.ui.form_dialog import ERROR_STYLE, read_named
from desktop.ui.ledger_model import day_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_limits import limit_line

MISTAKE = "mistake"


class RemovalDialog(QDialog):
    """``choice`` is MovementKind.CHUYEN_DI, MovementKind.CHET or MISTAKE once accepted;
    for the first two the movement is already written (``recorded``)."""

    def __init__(
        self,
        tasks: TaskRunner,
        person_id: str,
        household_id: str,
        name: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.person_id, self.household_id = tasks, person_id, household_id
        self.today = today
        self.choice: MovementKind | str | None = None
        self.recorded: Movement | None = None
        self.setWindowTitle(self.tr("Remove {name}").format(name=name))
        question = QLabel(self.tr("What happened to {name}?").format(name=name))
        question.setWordWrap(True)
        self.moved = QRadioButton(self.tr("&Moved away"))
        self.died = QRadioButton(self.tr("&Died"))
        self.mistake = QRadioButton(self.tr("&Entered by mistake (remove from the household)"))
        self.moved.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.moved, self.died, self.mistake):
            group.addButton(button)
        self.day = QLineEdit(day_text(today))
        self.day.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.place = limit_line(QLineEdit(), MOVEMENT_TEXT["place"])
        self.place.setPlaceholderText(self.tr("Commune, province or country"))
        self.hint = QLabel(
            self.tr(
                "Moved away or died: the ledger records it and the person stays in the "
                "household's history."
            )
        )
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("On"), self.day)
        form.addRow(self.tr("Moved to"), self.place)
        self._form = form
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        for button in (self.moved, self.died, self.mistake):
            layout.addWidget(button)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        group.buttonToggled.connect(self._show_fields)
        self._show_fields()

    def _show_fields(self) -> None:
        self._form.setRowVisible(self.day, not self.mistake.isChecked())
        self._form.setRowVisible(self.place, self.moved.isChecked())
        self.hint.setVisible(not self.mistake.isChecked())

    def save(self) -> None:
        if self.mistake.isChecked():
            self.choice = MISTAKE
            self.accept()
            return
        kind = MovementKind.CHUYEN_DI if self.moved.isChecked() else MovementKind.CHET
        try:
            movement = Movement(
                kind,
                self.household_id,
                read_named(self._form, self.day, parse_sheet_date),
                person_id=self.person_id,
                place=self.place.text() if kind is MovementKind.CHUYEN_DI else "",
            )
        except KnownError as err:
            self.error.setText(describe(err))
            return
        today = self.today
        save_on_lane(
            self.tasks,
            self,
            lambda register: ledger.add_movement(register, movement, today),
            lambda recorded: self._recorded(kind, recorded),
            lambda err: self.error.setText(describe(err)),
            button=self.ok_button,
        )

    def _recorded(self, kind: MovementKind, recorded: Movement) -> None:
        self.recorded = recorded
        self.choice = kind
        self.accept()
