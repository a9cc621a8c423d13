"""The period of the report on population movements: its first and last day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.pledges import parse_sheet_date
from desktop.messages import describe
from desktop.ui.ledger_model import day_text
from desktop.ui.movement_dialog import ERROR_STYLE


class ReportPeriodDialog(QDialog):
    """``period`` is (first day, last day) once accepted; this month so far by default."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period: tuple[dt.date, dt.date] | None = None
        self.setWindowTitle(self.tr("Report on movements"))
        self.starts = QLineEdit(day_text(today.replace(day=1)))
        self.ends = QLineEdit(day_text(today))
        for field in (self.starts, self.ends):
            field.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("From"), self.starts)
        form.addRow(self.tr("To"), self.ends)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.starts.selectAll()

    def save(self) -> None:
        try:
            starts, ends = parse_sheet_date(self.starts.text()), parse_sheet_date(self.ends.text())
            if ends < starts:
                raise KnownError(
                    "movement.ends_before_start", until=day_text(ends), start=day_text(starts)
                )
        except KnownError as err:
            self.error.setText(describe(err))
            return
        self.period = (starts, ends)
        self.accept()
