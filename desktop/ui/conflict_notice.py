"""The notice above a household being edited while another PC's version of it (or of one of
its members or relatives) waits for review: what is saved now does not settle it, and the
review is one click away."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget
from sqlite_utils import Database

from desktop.services.conflicts import conflicts_of_household


class ConflictNotice(QFrame):
    """Hidden unless the household shown has conflicts waiting; ``review`` carries the id of
    the oldest, when the clerk asks to see it."""

    review = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictNotice")
        self.setStyleSheet(
            "#conflictNotice { background: #fff4d6; border: 1px solid #e0b04a;"
            " border-radius: 4px; }"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Review the conflict…"))
        self.button.clicked.connect(lambda: self.review.emit(self._waiting[0]))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, stretch=1)
        row.addWidget(self.button)
        self._waiting: list[str] = []
        self.hide()

    def show_for(self, db: Database, household_id: str | None) -> None:
        """Read which conflicts wait on this household (none for a new one) and show or hide."""
        self._waiting = conflicts_of_household(db, household_id) if household_id else []
        self.text.setText(
            self.tr(
                "Another PC changed this household too: {count} version(s) wait for review"
                " in Data exchange. Saving here does not settle them."
            ).format(count=len(self._waiting))
        )
        self.setVisible(bool(self._waiting))
