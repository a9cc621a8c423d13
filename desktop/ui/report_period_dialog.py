"""The period of the report on population movements: its first and last day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.domain.errors import KnownError
from desktop.ui.form_dialog import Button, FormDialog
from desktop.ui.ledger_model import day_text


class ReportPeriodDialog(FormDialog):
    """``period`` is (first day, last day) once accepted; this month so far by default."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__("", self.save, parent, ok=Button.Ok)
        self.setWindowTitle(self.tr("Report on movements"))
        self.period: tuple[dt.date, dt.date] | None = None
        self.starts = QLineEdit(day_text(today.replace(day=1)))
        self.ends = QLineEdit(day_text(today))
        for field in (self.starts, self.ends):
            field.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.form.addRow(self.tr("From"), self.starts)
        self.form.addRow(self.tr("To"), self.ends)
        self.starts.selectAll()

    def save(self) -> None:
        def choose() -> None:
            starts, ends = self.day_in(self.starts), self.day_in(self.ends)
            assert starts is not None and ends is not None  # required
            if ends < starts:
                raise KnownError(
                    "movement.ends_before_start", until=day_text(ends), start=day_text(starts)
                )
            self.period = (starts, ends)

        self.attempt(choose)
