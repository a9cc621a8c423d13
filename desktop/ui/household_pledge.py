"""The open household's pledge in the current campaign, with Print sheet (Ctrl+P) and Record
result: one household's lost or spoiled sheet is replaced without printing a hamlet; another
PC's version of it waiting for review is said, one click from the review."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from desktop.domain.pledges import Pledge, PledgeStatus
from desktop.services.conflicts import conflicts_of_row
from desktop.store import households as repo
from desktop.store import pledges as store
from desktop.ui.progress_model import status_words


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _printed_day(printed_at: str | None) -> str:
    """The local day of a print stamped in UTC ISO-8601."""
    if not printed_at:
        return ""
    try:
        moment = dt.datetime.fromisoformat(printed_at.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return _day(moment.astimezone().date())


class HouseholdPledgeBox(QFrame):
    """ "Cam kết — {campaign}: {state}" and the two buttons. ``print_requested`` and
    ``record_requested`` carry the household's id; the window does the work."""

    print_requested = Signal(str)
    record_requested = Signal(str)
    review = Signal(str)  # the id of the oldest conflict waiting on the pledge

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        edits: bool = True,
        each_commune: bool = False,
    ) -> None:
        super().__init__(parent)
        self._db = db
        # An upper register prints and records nothing (the commune does), nor does one
        # open read-only; an upper register shows the state of each household's pledge in
        # its own commune's campaign of the movement.
        self._edits, self._each_commune = edits, each_commune
        self.household_id: str | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.campaign = QLabel()
        self.campaign.setWordWrap(True)
        self.campaign.setTextFormat(Qt.TextFormat.PlainText)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        font = self.state.font()
        font.setBold(True)
        self.state.setFont(font)
        self.print_button = QPushButton(self.tr("Print sheet") + " (Ctrl+P)")
        self.print_button.setToolTip(
            self.tr("This household's pre-filled pledge sheet (Ctrl+P): a lost or spoiled one")
        )
        self.print_button.clicked.connect(self._print)
        self.record_button = QPushButton(self.tr("Record result…"))
        self.record_button.setToolTip(self.tr("Signed, refused or absent, with the date"))
        self.record_button.clicked.connect(self._record)
        # Another PC recorded the pledge otherwise (signed there, reprinted here): the
        # version not shown waits in the conflict queue, and the state above may not be it.
        self.waiting = QLabel(
            self.tr(
                "Another PC recorded this pledge differently: its version waits for review "
                "in Data exchange."
            )
        )
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("QLabel { color: #7a4b00; }")
        self.review_button = QPushButton(self.tr("Review the conflict…"))
        self.review_button.clicked.connect(lambda: self.review.emit(self._conflicts[0]))
        self._conflicts: list[str] = []
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self._print_if_shown)

        if not edits:
            self.print_button.hide()
            self.record_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.campaign)
        layout.addWidget(self.state)
        layout.addWidget(self.waiting)
        layout.addLayout(buttons)

    def show_household(self, household_id: str | None) -> None:
        """The pledge of this household in the current campaign (hidden without either)."""
        self.household_id = household_id
        campaign = store.current_campaign(self._db)
        if household_id is None or campaign is None:
            self.hide()
            return
        pledge = store.pledge_of(
            self._db, campaign.id, household_id, each_commune=self._each_commune
        )
        self.campaign.setText(self.tr("Pledge — {campaign}").format(campaign=campaign.title))
        self.state.setText(self.describe(pledge, household_id))
        self._conflicts = conflicts_of_row(self._db, "pledge", pledge.id) if pledge else []
        self.waiting.setVisible(bool(self._conflicts))
        self.review_button.setVisible(bool(self._conflicts))
        self.show()

    def describe(self, pledge: Pledge | None, household_id: str) -> str:
        words = status_words()
        if pledge is None or pledge.status is PledgeStatus.NOT_PRINTED:
            return words[PledgeStatus.NOT_PRINTED]
        state = words[pledge.status]
        if pledge.status is PledgeStatus.PRINTED:
            day = _printed_day(pledge.printed_at)
            return self.tr("{state} (printed {day})").format(state=state, day=day) if day else state
        if pledge.status is PledgeStatus.SIGNED:
            signer = next(
                (
                    p.full_name
                    for p in repo.members(self._db, household_id)
                    if p.id == pledge.signer_id
                ),
                "",
            )
            return self.tr("{state} on {day} by {signer}").format(
                state=state, day=_day(pledge.signed_on), signer=signer
            )
        return self.tr("{state} on {day}: {reason}").format(
            state=state, day=_day(pledge.signed_on), reason=pledge.reason
        )

    def _print_if_shown(self) -> None:
        if self.isVisible():
            self._print()

    def print_household(self, household_id: str) -> None:
        """Ask for this household's sheet (Ctrl+P in its editor); never in a register that
        prints none (an upper one, or one opened read-only)."""
        if self._edits:
            self.print_requested.emit(household_id)

    def _print(self) -> None:
        if self.household_id is not None:
            self.print_household(self.household_id)

    def _record(self) -> None:
        if self.household_id is not None:
            self.record_requested.emit(self.household_id)
