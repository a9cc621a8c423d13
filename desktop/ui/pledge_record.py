"""The dialog a returned sheet opens: mark the household's pledge signed, refused or absent."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.entities import FIRST_YEAR
from desktop.domain.errors import KnownError
from desktop.domain.pledges import Attachment, AttachmentKind, Pledge, PledgeStatus, looks_like_qr
from desktop.domain.text_bounds import PLEDGE_TEXT
from desktop.messages import describe
from desktop.services import checkin
from desktop.services.campaigns import undated_campaign_note
from desktop.services.checkin import CheckedIn
from desktop.services.register import OpenRegister
from desktop.ui.edits import Saving, save_on_lane
from desktop.ui.pledge_evidence import PledgeEvidence
from desktop.ui.progress_model import status_words
from desktop.ui.screen_fit import fit_combo
from desktop.ui.tasks import TaskRunner
from desktop.ui.text_limits import limit_line

log = logging.getLogger(__name__)
SIGNER_LETTERS = 30  # the signer's list holds a name this long before it cuts one


class RecordPledgeDialog(QDialog):
    """One household's pledge in the current campaign: what came back, when, who signed.

    Witnesses are prefilled with the hamlet head and the Border Guard officer; the signer is
    chosen among the members (the head by default). A refusal or absence needs a reason. A
    result that does not hold together shows its message here and changes nothing.
    """

    recorded = Signal(object)  # the saved Pledge
    archive_requested = Signal(object)  # a signed Pledge whose bản lưu should be printed
    scan_requested = Signal(str)  # the id of a kept scan to show
    next_scanned = Signal(str)  # a sheet scanned while this one was open (this one saved)

    def __init__(
        self,
        register: OpenRegister,
        tasks: TaskRunner,
        found: CheckedIn,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._register, self._tasks = register, tasks
        self.found = found
        self.household = found.household
        self.pledge: Pledge = found.pledge
        self.members = list(found.members)
        self.setWindowTitle(self.tr("Pledge of household {code}").format(code=self.household.code))

        words = status_words()
        self.summary = QLabel(
            self.tr("<b>{code}</b> — {head}, {hamlet}<br>Now: {state}").format(
                code=self.household.code,
                head=found.head_name or self.tr("(no head)"),
                hamlet=found.hamlet_name,
                state=self._state_text(words),
            )
        )
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)  # a long name in a long hamlet: on two lines

        self.signed_button = QRadioButton(self.tr("&Signed"))
        self.refused_button = QRadioButton(self.tr("&Refused"))
        self.absent_button = QRadioButton(self.tr("A&bsent"))
        self.result_group = QButtonGroup(self)
        result_row = QHBoxLayout()
        for button, status in (
            (self.signed_button, PledgeStatus.SIGNED),
            (self.refused_button, PledgeStatus.REFUSED),
            (self.absent_button, PledgeStatus.ABSENT),
        ):
            self.result_group.addButton(button)
            button.setProperty("status", str(status))
            result_row.addWidget(button)
        result_row.addStretch(1)

        today = dt.date.today()
        shown = self.pledge.signed_on or today
        self.date_edit = QDateEdit(QDate(shown.year, shown.month, shown.day))
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDateRange(
            QDate(FIRST_YEAR, 1, 1), QDate(today.year, today.month, today.day)
        )
        # A day before the campaign's start is not cut off here: saved, its message says to
        # correct the campaign's start when the sheet was truly signed then (a sheet signed
        # on paper before CamKet came). With no start, a day before the campaign was set up
        # is kept with a note under the day (services.campaigns.undated_campaign_note).
        self.date_note = QLabel()
        self.date_note.setWordWrap(True)
        self.date_note.hide()
        self.date_edit.dateChanged.connect(lambda _day: self._follow_date())

        # As wide as the form, not as the longest name (cut with "…"; its list, whole).
        self.signer_combo = fit_combo(QComboBox(), SIGNER_LETTERS)
        for member in self.members:
            label = f"{member.full_name} ({member.relationship})" if member.relationship else ""
            self.signer_combo.addItem(label or member.full_name, member.id)
        chosen = self.pledge.signer_id or self.household.head_id
        self.signer_combo.setCurrentIndex(max(0, self.signer_combo.findData(chosen)))

        self.witnesses_edit = QLineEdit(self.pledge.witnesses or found.witnesses)
        limit_line(self.witnesses_edit, PLEDGE_TEXT["witnesses"])
        self.witnesses_edit.setToolTip(self.tr("Hamlet head; Border Guard officer"))
        self.reason_edit = limit_line(QLineEdit(self.pledge.reason), PLEDGE_TEXT["reason"])
        self.reason_edit.setPlaceholderText(self.tr("Why the household refused or was absent"))
        self.notes_edit = limit_line(QLineEdit(self.pledge.notes), PLEDGE_TEXT["notes"])

        form = QFormLayout()
        form.addRow(self.tr("Result:"), result_row)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow("", self.date_note)
        form.addRow(self.tr("Si&gner:"), self.signer_combo)
        form.addRow(self.tr("&Witnesses:"), self.witnesses_edit)
        form.addRow(self.tr("R&eason:"), self.reason_edit)
        form.addRow(self.tr("&Notes:"), self.notes_edit)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.setMinimumWidth(460)
        self._typed = ""  # digits a scanner typed into the dialog (see keyPressEvent)
        self.evidence = PledgeEvidence(register, self.pledge)
        self.evidence.scan_chosen.connect(self.attach_scan)
        self.evidence.scan_opened.connect(self.scan_requested)
        self.archive_button = self.buttons.addButton(
            self.tr("Save and print &archive copy"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.archive_button.setToolTip(
            self.tr("The signed sheet with its signature, to keep with the commune (Ctrl+P)")
        )
        self.archive_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.archive_button.clicked.connect(self.save_and_print_archive)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.evidence, stretch=1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        # A scanned sheet, then Enter: saved as signed today by the head (the usual case).
        # (Set once the buttons are in the dialog: a default needs its dialog to register.)
        self.archive_button.setAutoDefault(False)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setDefault(True)
        # Tab walks the buttons as they stand, Lưu, Lưu và in bản lưu, Hủy: the box's own
        # chain put Hủy first, the added archive button last.
        self.setTabOrder(save, self.archive_button)
        self.setTabOrder(
            self.archive_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        )

        self.result_group.buttonToggled.connect(lambda *_: self._follow_result())
        current = self.pledge.status
        {
            PledgeStatus.REFUSED: self.refused_button,
            PledgeStatus.ABSENT: self.absent_button,
        }.get(current, self.signed_button).setChecked(True)
        self._follow_result()
        self._follow_date()
        # The result has the focus: Enter saves, and a scanner's digits reach the dialog.
        (self.result_group.checkedButton() or self.signed_button).setFocus()

    # --- public -------------------------------------------------------------------------

    def status(self) -> PledgeStatus:
        checked = self.result_group.checkedButton() or self.signed_button
        return PledgeStatus(str(checked.property("status")))

    def signed_on(self) -> dt.date:
        date = self.date_edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def save(self) -> Saving | None:
        """Record the result and close; a refused one shows its message and changes nothing."""
        return self.record(self.accept)

    def save_and_print_archive(self) -> Saving | None:
        """Record the result, then ask for the "bản lưu" of the signed sheet."""
        if self.status() is not PledgeStatus.SIGNED:
            self.show_error(self.tr("Only a signed pledge has an archive copy."))
            return None

        def then() -> None:
            self.archive_requested.emit(self.pledge)
            self.accept()

        return self.record(then)

    def attach_scan(self, path: Path) -> Saving:
        """Keep a scanned sheet (image or PDF) with the pledge now."""
        pledge = self.pledge
        return save_on_lane(
            self._tasks,
            self,
            lambda register: checkin.attach_file(register, pledge, AttachmentKind.SCAN, path),
            self._scan_attached,
            lambda err: self.show_error(describe(err)),
        )

    def _scan_attached(self, attachment: Attachment) -> None:
        self.evidence.pledge = self.pledge
        self.evidence.scan_attached(attachment)
        self.clear_error()

    def record(self, then: Callable[[], None]) -> Saving:
        """Store the result and a signature drawn on the pad on the write lane, the dialog
        waiting; then ``recorded`` and ``then()``. Refused (the result does not hold together,
        the register is busy), the message shows and what was entered stays to save again."""
        status = self.status()
        signed = status is PledgeStatus.SIGNED
        household_id, day = self.household.id, self.signed_on()
        drawn = self.evidence.drawn_signature() if signed else None
        signer_id = self.signer_combo.currentData() if signed else None
        witnesses, reason = self.witnesses_edit.text(), self.reason_edit.text()
        notes = self.notes_edit.text()
        return save_on_lane(
            self._tasks,
            self,
            lambda register: checkin.record_with_signature(
                register,
                household_id,
                status,
                day,
                drawn,
                signer_id=signer_id,
                witnesses=witnesses,
                reason=reason,
                notes=notes,
            ),
            lambda saved: self._recorded(saved, then),
            self._refused,
            button=self.buttons.button(QDialogButtonBox.StandardButton.Save),
        )

    def _recorded(self, saved: Pledge, then: Callable[[], None]) -> None:
        self.pledge = saved
        if saved.status is PledgeStatus.SIGNED:
            self.evidence.signature_saved(saved)
        self.clear_error()
        self.recorded.emit(saved)
        then()

    def _refused(self, error: KnownError) -> None:
        log.info("pledge result not recorded: %s", error.code)  # a busy register, a full disk…
        self.show_error(describe(error))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def clear_error(self) -> None:
        """An action that succeeded takes away the message of one that failed before it."""
        self.error_label.clear()
        self.error_label.hide()

    # --- state --------------------------------------------------------------------------

    def _state_text(self, words: dict[PledgeStatus, str]) -> str:
        state = words[self.pledge.status]
        if self.pledge.signed_on is not None:
            state += " " + self.tr("on {date}").format(
                date=self.pledge.signed_on.strftime("%d/%m/%Y")
            )
        return state

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A sheet scanned while this dialog is open types its digits into it (the buttons
        # and radio buttons leave them to the dialog) and ends with Enter, which would save
        # this household and lose the new code. So: save this one as Enter would, then hand
        # the new code on to be checked in.
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self._typed += text
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and looks_like_qr(self._typed):
            scanned, self._typed = self._typed, ""
            event.accept()

            def then() -> None:
                self.accept()
                self.next_scanned.emit(scanned)

            self.record(then)
            return
        self._typed = ""
        super().keyPressEvent(event)

    def _follow_date(self) -> None:
        note = undated_campaign_note(self._register.db, self.found.campaign, self.signed_on())
        self.date_note.setText(describe(note) if note is not None else "")
        self.date_note.setVisible(note is not None)

    def _follow_result(self) -> None:
        signed = self.signed_button.isChecked()
        self.signer_combo.setEnabled(signed and bool(self.members))
        self.reason_edit.setEnabled(not signed)
        self.evidence.pad.setEnabled(signed)
        self.archive_button.setEnabled(signed)
        self.clear_error()
