"""The household editor: the household's particulars, its member roster and relatives abroad,
checked as they are typed and saved together (Ctrl+S) or dropped (Esc, asking first)."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.entities import Person
from desktop.domain.errors import KnownError
from desktop.domain.roster import HouseholdDraft, Part
from desktop.domain.validation import Issue
from desktop.messages import describe
from desktop.services import households as service
from desktop.services.register import OpenRegister
from desktop.ui.conflict_notice import ConflictNotice
from desktop.ui.editor_panels import (
    HouseholdForm,
    MemberPanel,
    RelativePanel,
    issue_label,
    shortcut_text,
    show_issues,
)
from desktop.ui.edits import Saving, save_on_lane
from desktop.ui.household_detail import section_title
from desktop.ui.household_model import group_thousands
from desktop.ui.ledger_model import day_text, kind_name
from desktop.ui.move_dialog import MoveDialog
from desktop.ui.removal_dialog import MISTAKE, RemovalDialog
from desktop.ui.roster_model import ERROR_TEXT, WARNING_TEXT
from desktop.ui.tasks import TaskRunner

__all__ = ["HouseholdEditor", "shortcut_text"]

CHECK_DELAY_MS = 120  # checks run this long after the last keystroke
HINT_MS = 8000
# Ways the keyboard comes into a roster that it did not choose by a click.
_MOVED_IN = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.OtherFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
# Typical contents of the rosters' columns, which take their widths from them.
MEMBER_SAMPLES = ("Nguyễn Thị Phương Thảo", "Nữ ▾", "00/00/0000", "000000000000",
    "Quan hệ với chủ hộ", "Bru - Vân Kiều", "Thường trú ▾", "0912345678",
    "Làm nương rẫy")  # fmt: skip
RELATIVE_SAMPLES = ("Nguyễn Thị Phương Thảo", "Con trai", "Trung Quốc", "00/0000",
    "Bất hợp pháp ▾", "Zalo 0912345678", "Tết 2027")  # fmt: skip


class HouseholdEditor(QWidget):
    """Edits one household at a time. ``saved`` carries its id after a save; ``closed``
    fires when the editor is left (saved or not); ``open_person`` asks the page to show
    another household (a duplicate warning's person)."""

    saved = Signal(str)
    closed = Signal()
    open_person = Signal(str, str)  # household id, person id
    status_message = Signal(str, int)
    print_asked = Signal()  # Ctrl+P: the household's sheet (the page knows whether it may)

    def __init__(
        self, register: OpenRegister, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._register, self._tasks = register, tasks
        self._draft: HouseholdDraft | None = None
        self._moves: dict[str, str] = {}
        self._loading = False
        self.dirty = False
        self.today = dt.date.today()
        self.issues: list[Issue] = []
        self.is_new = False
        self._save_tried = False
        self._member_rows: list[int] = []
        self._relative_rows: list[int] = []

        self.title = section_title("")
        self.conflict_notice = ConflictNotice(self)  # another PC's version waits for review
        self.form = HouseholdForm(register.db, self)
        self.household_issue = issue_label()  # no members, no head
        self.member_panel = MemberPanel(self)
        self.relative_panel = RelativePanel(self)
        self.summary = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(shortcut_text(QKeySequence.StandardKey.Save))
        self.cancel_button.setToolTip("Esc")
        self._name_parts()
        self._layout()
        self._connect()

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.revalidate)

    def _name_parts(self) -> None:
        """Short names for the widgets the window and the tests reach into."""
        form, members, relatives = self.form, self.member_panel, self.relative_panel
        self.code, self.hamlet, self.address = form.code, form.hamlet, form.address
        self.phone, self.notes, self.field_issues = form.phone, form.notes, form.field_issues
        self.members, self.member_view = members.members, members.view
        self.member_issue, self.member_title = members.issue, members.title
        self.duplicate_button = members.duplicate_button
        self.head_button, self.move_button = members.head_button, members.move_button
        self.add_member_button = members.add_button
        self.remove_member_button = members.remove_button
        self.relatives, self.relative_view = relatives.relatives, relatives.view
        self.relative_issue, self.relative_title = relatives.issue, relatives.title
        self.add_relative_button = relatives.add_button

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, stretch=1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.conflict_notice)
        layout.addWidget(self.form)
        layout.addWidget(self.household_issue)
        layout.addWidget(self.member_panel, stretch=3)
        layout.addWidget(self.relative_panel, stretch=1)
        layout.addLayout(buttons)
        # Keyboard order: the form top to bottom, then each roster and its buttons, then
        # Hủy and Lưu as they stand (Lưu came before Hủy, right to left).
        order: list[QWidget] = [
            *self.form.focus_order(),
            self.member_view,
            *self.member_panel.buttons,
            self.duplicate_button,
            self.relative_view,
            *self.relative_panel.buttons,
            self.cancel_button,
            self.save_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.tab_order = order

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The keyboard come into a roster from outside it: how to leave it, in the status
        # bar (Tab walks its cells, so a clerk on the keyboard alone found no way on to
        # Lưu). Not again each time a cell's editing ends.
        if event.type() == QEvent.Type.FocusOut and isinstance(watched, QWidget):
            focused = QApplication.focusWidget()
            self._in_a_cell = focused is not None and watched.isAncestorOf(focused)
        elif (
            event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() in _MOVED_IN
            and not self._in_a_cell
        ):
            self.status_message.emit(
                self.tr(
                    "In the table: Tab goes to the next cell, Enter down a row;"
                    " Ctrl+Tab leaves the table."
                ),
                HINT_MS,
            )
        elif event.type() == QEvent.Type.FocusIn:
            self._in_a_cell = False
        return False

    def _connect(self) -> None:
        self._in_a_cell = False  # a roster's cell being typed in has the keyboard
        for roster in (self.member_view, self.relative_view):
            roster.installEventFilter(self)
        self.form.edited.connect(self._changed)
        self.members.edited.connect(self._changed)
        self.relatives.edited.connect(self._changed)
        self.member_panel.move_requested.connect(self.ask_move)
        self.member_panel.remove_requested.connect(self.ask_removal)
        self.member_panel.open_duplicate.connect(self.open_person)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence(Qt.Key.Key_Escape), self.cancel),
            (QKeySequence("Alt+Up"), lambda: self.member_panel.move_current(-1)),
            (QKeySequence("Alt+Down"), lambda: self.member_panel.move_current(1)),
            (QKeySequence.StandardKey.Print, self.print_asked.emit),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # --- loading ------------------------------------------------------------------------

    def edit_new(self, hamlet_id: str | None) -> None:
        hamlet_id = hamlet_id or self.hamlet.itemData(0) or ""
        code = service.suggest_code(self._register.db, hamlet_id) if hamlet_id else ""
        self._load(service.new_draft(hamlet_id, code), new=True)
        self.member_panel.add_row(focus=False)
        self.dirty = False  # the blank first row is ours, not the clerk's: nothing to check yet
        self._check_timer.stop()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.code.selectAll()

    def edit_household(self, household_id: str) -> None:
        self._load(service.load_draft(self._register.db, household_id), new=False)
        self.member_view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.members.row_count():
            self.member_view.setCurrentIndex(self.members.index(0, 0))

    @property
    def household_id(self) -> str | None:
        return self._draft.household.id if self._draft else None

    def _load(self, draft: HouseholdDraft, *, new: bool) -> None:
        self._loading = True
        self._draft = draft
        self._moves = {}
        self.is_new = new
        self.today = dt.date.today()  # the app may stay open past midnight
        self._save_tried = False
        household = draft.household
        self.title.setText(
            self.tr("New household")
            if new
            else self.tr("Edit household {code}").format(code=household.code)
        )
        self.form.show_household(household)
        self.conflict_notice.show_for(self._register.db, None if new else household.id)
        for panel in (self.member_panel, self.relative_panel):
            panel.household_id = household.id
        self.member_panel.today = self.today
        self.members.set_people(draft.members, household.head_id)
        self.relatives.set_relatives(draft.relatives)
        self._loading = False
        self.dirty = False
        self.revalidate()
        self.member_view.fit_columns(MEMBER_SAMPLES)
        self.relative_view.fit_columns(RELATIVE_SAMPLES)

    # --- the draft and its checks -------------------------------------------------------

    def draft(self) -> tuple[HouseholdDraft, dict[int, list[Issue]]]:
        """The household as it stands in the widgets, and the birth-date errors by row.

        Blank rows (added, never typed into) are left out.
        """
        assert self._draft is not None
        household = self._draft.household
        self.form.read_into(household)
        household.head_id = self.members.head_id
        people: list[Person] = []
        birth_errors: dict[int, list[Issue]] = {}
        self._member_rows = []
        for row in range(self.members.row_count()):
            if self.members.is_blank(row):
                continue
            person, errors = self.members.person(row, self.today)
            if errors:
                birth_errors[len(people)] = errors
            people.append(person)
            self._member_rows.append(row)
        self._relative_rows = [
            row for row in range(self.relatives.row_count()) if not self.relatives.is_blank(row)
        ]
        relatives = [self.relatives.relative(row) for row in self._relative_rows]
        draft = HouseholdDraft(household, people, relatives, dict(self._moves))
        draft.loaded = self._draft.loaded  # what was read: the save refuses a stale draft
        return draft, birth_errors

    def revalidate(self) -> bool:
        """Check everything now and show the messages; True when nothing blocks saving."""
        if self._draft is None:
            return False
        self._check_timer.stop()
        draft, birth_errors = self.draft()
        placed = service.check_draft(self._register.db, draft, self.today)
        household: dict[str, list[Issue]] = {}
        members: dict[int, list[Issue]] = {}
        relatives: dict[int, list[Issue]] = {}
        for row, errors in birth_errors.items():
            members.setdefault(self._member_rows[row], []).extend(errors)
        for p in placed:
            if p.part is Part.MEMBER:
                members.setdefault(self._member_rows[p.row], []).append(p.issue)
            elif p.part is Part.RELATIVE:
                relatives.setdefault(self._relative_rows[p.row], []).append(p.issue)
            else:
                household.setdefault(p.issue.field, []).append(p.issue)
        if self.is_new and not self.dirty and not self._save_tried:
            # A blank new household is not wrong yet: say nothing until the clerk types.
            household, members, relatives = {}, {}, {}
        self.form.show_issues(household)
        show_issues(
            self.household_issue, household.get("members", []) + household.get("head_id", [])
        )
        self.members.set_issues(members)
        self.relatives.set_issues(relatives)
        self.member_view.fit_last_column()
        self.relative_view.fit_last_column()
        self.issues = [
            i for part in (household, members, relatives) for v in part.values() for i in v
        ]
        self._summarise(len(draft.members), len(draft.relatives))
        self.member_panel.show_current()
        self.relative_panel.show_current()
        return not any(i.is_error for i in self.issues)

    def _summarise(self, members: int, relatives: int) -> None:
        errors = sum(1 for i in self.issues if i.is_error)
        warnings = len(self.issues) - errors
        self.summary.setText(
            self.tr("{errors} error(s), {warnings} warning(s)").format(
                errors=errors, warnings=warnings
            )
            if self.issues
            else ""
        )
        self.summary.setStyleSheet(f"color: {(ERROR_TEXT if errors else WARNING_TEXT).name()};")
        self.member_title.setText(
            self.tr("Members ({count})").format(count=group_thousands(members))
        )
        self.relative_title.setText(self.tr("Relatives abroad ({count})").format(count=relatives))

    def _changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self.member_panel.keep_a_head()
        self._check_timer.start()

    # --- moving a member out ------------------------------------------------------------

    def ask_move(self, row: int) -> None:
        if self._draft is None:
            return
        person = self.members.entity(row)
        if person.id not in {p.id for p in self._draft.members}:
            self.status_message.emit(
                self.tr("Save the household first: only a saved member can be moved."), 6000
            )
            return
        dialog = MoveDialog(
            self._register.db,
            self._draft.household.id,
            self.members.text(row, "full_name"),
            self,
        )
        if dialog.exec() and dialog.target is not None:
            self.move_to(row, dialog.target.id)

    def move_to(self, row: int, household_id: str) -> None:
        """Take the member off this roster; the save moves them to that household."""
        self._moves[self.members.entity(row).id] = household_id
        self.member_panel.drop(row)

    # --- removing a member --------------------------------------------------------------

    def ask_removal(self, row: int) -> RemovalDialog | None:
        """A row never saved goes at once; for a saved member the clerk says what happened:
        moved away or died is written to the ledger and the member stays (their presence
        says it), only "entered by mistake" takes the row off (the save removes them)."""
        person = self.members.entity(row)
        if self._draft is None or person.id not in {p.id for p in self._draft.members}:
            self.member_panel.drop(row)
            return None
        name = self.members.text(row, "full_name")
        dialog = RemovalDialog(
            self._tasks, person.id, self._draft.household.id, name, self.today, self
        )
        dialog.accepted.connect(lambda: self._removed(dialog, person.id, name))
        dialog.open()
        return dialog

    def _removed(self, dialog: RemovalDialog, person_id: str, name: str) -> None:
        if dialog.choice == MISTAKE:
            rows = range(self.members.row_count())
            row = next(r for r in rows if self.members.entity(r).id == person_id)
            self.member_panel.drop(row)
        elif dialog.recorded is not None:
            self.status_message.emit(
                self.tr("Recorded in the ledger: {name}, {what} on {day}.").format(
                    name=name,
                    what=kind_name(dialog.recorded.kind).lower(),
                    day=day_text(dialog.recorded.starts_on),
                ),
                8000,
            )

    # --- save and leave -----------------------------------------------------------------

    def _views(self) -> tuple[QAbstractItemView, QAbstractItemView]:
        return self.member_view, self.relative_view

    def _commit_open_cell(self) -> None:
        for view in self._views():
            if view.state() == QAbstractItemView.State.EditingState:
                editor = view.focusWidget()
                if editor is not None and editor is not view:
                    view.commitData(editor)

    def save(self) -> Saving | None:
        """Check, then save on the write lane (the editor waits greyed, the window goes on);
        None when errors keep it from being sent. Stored: ``saved``, then ``closed``.
        Refused (the register busy, the household changed elsewhere): the clerk is told
        and the editor keeps what they typed."""
        if self._draft is None:
            return None
        self._commit_open_cell()
        self._save_tried = True
        if not self.revalidate():
            self.status_message.emit(
                self.tr("Not saved: correct the errors marked in red first."), 8000
            )
            return None
        draft, _ = self.draft()
        today = self.today
        return save_on_lane(
            self._tasks,
            self,
            lambda register: service.save_household(register, draft, today),
            lambda result: self._stored(draft, result.household_id),
            self._refused,
            button=self.save_button,
        )

    def _refused(self, error: KnownError) -> None:
        # A busy register is said in the status bar (try again in a moment); a refusal
        # about the household itself in a box that waits to be read.
        if error.code in ("db.busy", "db.busy_job"):
            self.status_message.emit(describe(error), 8000)
        else:
            QMessageBox.warning(self, self.tr("Not saved"), describe(error))

    def save_and_wait(self) -> bool:
        """Save, and wait for the outcome; True when the household is in the register."""
        saving = self.save()
        return saving is not None and saving.wait()

    def _stored(self, draft: HouseholdDraft, household_id: str) -> None:
        self.status_message.emit(
            self.tr("Household {code} saved.").format(code=draft.household.code), 6000
        )
        if self.household_id != household_id:
            return  # the clerk left it (Discard) while it was saved and opened another
        self.dirty = False
        self.saved.emit(household_id)
        self.closed.emit()

    def confirm_leave(self) -> bool:
        """True when the editor may close: nothing unsaved, or the clerk saved or dropped it."""
        self._commit_open_cell()
        if not self.dirty:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("The household has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        box.deleteLater()
        self.activateWindow()  # back to the window, also where the platform would not
        if answer == QMessageBox.StandardButton.Save:
            return self.save_and_wait()
        if answer == QMessageBox.StandardButton.Discard:
            self.dirty = False
            return True
        return False

    def cancel(self) -> None:
        for view in self._views():
            if view.state() == QAbstractItemView.State.EditingState:
                # Esc inside a cell only drops what was typed in that cell.
                editor = view.focusWidget()
                if editor is not None and editor is not view:
                    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return
        if self.confirm_leave():
            self.dirty = False
            self._check_timer.stop()
            self.closed.emit()

    def shutdown(self) -> None:
        """No more checks: the window is closing and the register with it."""
        self._check_timer.stop()
        self._draft = None
