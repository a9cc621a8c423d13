"""The household editor: the household's particulars, its member roster and relatives abroad,
checked as they are typed and saved together (Ctrl+S) or dropped (Esc, asking first)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.entities import Gender, Person, RelativeAbroad
from desktop.domain.errors import KnownError
from desktop.domain.peoples import ETHNIC_GROUPS, RELATIONSHIPS
from desktop.domain.roster import HEAD_RELATIONSHIP, HouseholdDraft, Part, choose_head
from desktop.domain.validation import Issue
from desktop.messages import describe, describe_issue
from desktop.services import households as service
from desktop.services.register import OpenRegister
from desktop.store.households import list_hamlets
from desktop.ui.household_detail import section_title
from desktop.ui.roster_model import (
    ERROR_TEXT,
    WARNING_TEXT,
    MemberRosterModel,
    RelativeRosterModel,
    RosterModel,
)
from desktop.ui.roster_view import RosterView

DUPLICATE_CODES = frozenset({"id_number.duplicate", "person.possible_duplicate"})
CHECK_DELAY_MS = 120  # checks run this long after the last keystroke


def shortcut_text(key: QKeySequence.StandardKey) -> str:
    """How the platform writes a standard shortcut ("Ctrl+S")."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def issue_label() -> QLabel:
    """Where a field's message appears, right under it; empty (and hidden) when all is well."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    return label


def show_issues(label: QLabel, issues: list[Issue]) -> None:
    if not issues:
        label.clear()
        label.hide()
        return
    ordered = sorted(issues, key=lambda i: not i.is_error)
    label.setText("\n".join(describe_issue(i) for i in ordered))
    color = ERROR_TEXT if ordered[0].is_error else WARNING_TEXT
    label.setStyleSheet(f"color: {color.name()};")
    label.show()


class HouseholdEditor(QWidget):
    """Edits one household at a time. ``saved`` carries its id after a save; ``closed``
    fires when the editor is left (saved or not); ``open_person`` asks the page to show
    another household (a duplicate warning's person)."""

    saved = Signal(str)
    closed = Signal()
    open_person = Signal(str, str)  # household id, person id
    status_message = Signal(str, int)

    def __init__(self, register: OpenRegister, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._register = register
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
        self.code = QLineEdit()
        self.hamlet = QComboBox()
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.notes = QLineEdit()
        self.field_issues = {
            name: issue_label() for name in ("code", "hamlet_id", "address", "phone", "notes")
        }
        self.household_issue = issue_label()  # no members, no head
        self._build_form()

        self.members = MemberRosterModel(self)
        self.member_view = RosterView(
            {"relationship": RELATIONSHIPS, "ethnicity": ETHNIC_GROUPS}, self
        )
        self.member_view.setModel(self.members)
        self.member_view.setAccessibleName(self.tr("Members"))
        self.member_title = section_title("")
        self.add_member_button = QPushButton(self.tr("Add member"))
        self.remove_member_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.head_button = QPushButton(self.tr("Make head"))
        self.move_button = QPushButton(self.tr("Move to household…"))
        self.up_button.setToolTip("Alt+↑")  # keys are not words: no translation
        self.down_button.setToolTip("Alt+↓")
        self.member_issue = issue_label()
        self.duplicate_button = QPushButton()
        self.duplicate_button.setFlat(True)
        self.duplicate_button.setStyleSheet("text-decoration: underline; text-align: left;")
        self.duplicate_button.hide()
        self._duplicate: tuple[str, str] | None = None

        self.relatives = RelativeRosterModel(self)
        self.relative_view = RosterView({"relationship": RELATIONSHIPS}, self)
        self.relative_view.setModel(self.relatives)
        self.relative_view.setAccessibleName(self.tr("Relatives abroad"))
        self.relative_title = section_title("")
        self.add_relative_button = QPushButton(self.tr("Add relative"))
        self.remove_relative_button = QPushButton(self.tr("Remove relative"))
        self.relative_issue = issue_label()

        self.summary = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(False)
        self.save_button.setToolTip(shortcut_text(QKeySequence.StandardKey.Save))
        self.cancel_button.setToolTip("Esc")
        self._layout()
        self._connect()

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.revalidate)

    # --- layout -------------------------------------------------------------------------

    def _build_form(self) -> None:
        self.code.setMaxLength(40)
        self.code.setAccessibleName(self.tr("Household code"))
        self.hamlet.setAccessibleName(self.tr("Hamlet"))
        self.address.setAccessibleName(self.tr("Address"))
        self.phone.setAccessibleName(self.tr("Phone"))
        self.notes.setAccessibleName(self.tr("Notes"))
        self.reload_hamlets()

    def reload_hamlets(self) -> None:
        chosen = self.hamlet.currentData()
        self.hamlet.clear()
        for hamlet in list_hamlets(self._register.db):
            self.hamlet.addItem(hamlet.name, hamlet.id)
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findData(chosen)))

    def _layout(self) -> None:
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 2)
        rows = [
            ((self.tr("Household code:"), self.code, "code"),
             (self.tr("Hamlet:"), self.hamlet, "hamlet_id")),
            ((self.tr("Phone:"), self.phone, "phone"),
             (self.tr("Address:"), self.address, "address")),
        ]  # fmt: skip
        for r, pair in enumerate(rows):
            for c, (text, widget, name) in enumerate(pair):
                label = QLabel(text)
                label.setBuddy(widget)
                form.addWidget(label, 2 * r, 2 * c)
                form.addWidget(widget, 2 * r, 2 * c + 1)
                form.addWidget(self.field_issues[name], 2 * r + 1, 2 * c + 1)
        notes_label = QLabel(self.tr("Notes:"))
        notes_label.setBuddy(self.notes)
        form.addWidget(notes_label, 4, 0)
        form.addWidget(self.notes, 4, 1, 1, 3)
        form.addWidget(self.field_issues["notes"], 5, 1, 1, 3)

        member_bar = QHBoxLayout()
        member_bar.addWidget(self.member_title)
        member_bar.addStretch(1)
        member_buttons = (
            self.add_member_button,
            self.remove_member_button,
            self.up_button,
            self.down_button,
            self.head_button,
            self.move_button,
        )
        for button in member_buttons:
            member_bar.addWidget(button)
        member_messages = QHBoxLayout()
        member_messages.addWidget(self.member_issue, stretch=1)
        member_messages.addWidget(self.duplicate_button)

        relative_bar = QHBoxLayout()
        relative_bar.addWidget(self.relative_title)
        relative_bar.addStretch(1)
        relative_bar.addWidget(self.add_relative_button)
        relative_bar.addWidget(self.remove_relative_button)

        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, stretch=1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.household_issue)
        layout.addLayout(member_bar)
        layout.addWidget(self.member_view, stretch=3)
        layout.addLayout(member_messages)
        layout.addLayout(relative_bar)
        layout.addWidget(self.relative_view, stretch=1)
        layout.addWidget(self.relative_issue)
        layout.addLayout(buttons)

        # Keyboard order: the form top to bottom, then the roster and its buttons.
        order: list[QWidget] = [
            self.code,
            self.hamlet,
            self.phone,
            self.address,
            self.notes,
            self.member_view,
            *member_buttons,
            self.duplicate_button,
            self.relative_view,
            self.add_relative_button,
            self.remove_relative_button,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.tab_order = order

    def _connect(self) -> None:
        for edit in (self.code, self.address, self.phone, self.notes):
            edit.textEdited.connect(self._changed)
        self.hamlet.currentIndexChanged.connect(lambda _i: self._changed())
        self.members.edited.connect(self._changed)
        self.relatives.edited.connect(self._changed)
        self.member_view.entered.connect(self._member_entered)
        self.relative_view.entered.connect(self._relative_entered)
        self.member_view.selectionModel().currentChanged.connect(lambda *_: self._show_row())
        self.relative_view.selectionModel().currentChanged.connect(lambda *_: self._show_row())
        self.add_member_button.clicked.connect(lambda: self.add_member())
        self.remove_member_button.clicked.connect(self.remove_member)
        self.up_button.clicked.connect(lambda: self.move_member(-1))
        self.down_button.clicked.connect(lambda: self.move_member(1))
        self.head_button.clicked.connect(self.make_head)
        self.move_button.clicked.connect(self.ask_move)
        self.duplicate_button.clicked.connect(self._open_duplicate)
        self.add_relative_button.clicked.connect(lambda: self.add_relative())
        self.remove_relative_button.clicked.connect(self.remove_relative)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence(Qt.Key.Key_Escape), self.cancel),
            (QKeySequence("Alt+Up"), lambda: self.move_member(-1)),
            (QKeySequence("Alt+Down"), lambda: self.move_member(1)),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # --- loading ------------------------------------------------------------------------

    def edit_new(self, hamlet_id: str | None) -> None:
        hamlet_id = hamlet_id or self.hamlet.itemData(0) or ""
        code = service.suggest_code(self._register.db, hamlet_id) if hamlet_id else ""
        self._load(service.new_draft(hamlet_id, code), new=True)
        self.add_member(focus=False)
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
        self.reload_hamlets()
        self.code.setText(household.code)
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findData(household.hamlet_id)))
        self.address.setText(household.address)
        self.phone.setText(household.phone)
        self.notes.setText(household.notes)
        self.members.set_people(draft.members, household.head_id)
        self.relatives.set_relatives(draft.relatives)
        self._loading = False
        self.dirty = False
        self.revalidate()
        self._fit_columns()

    def _fit_columns(self) -> None:
        metrics = self.fontMetrics()

        def width(text: str) -> int:
            return metrics.horizontalAdvance(text) + 24

        self.member_view.fit_columns(
            {
                0: width("Nguyễn Thị Phương Thảo"),
                1: width("Nữ ▾"),
                2: width("00/00/0000"),
                3: width("000000000000"),
                4: width("Quan hệ với chủ hộ"),
                5: width("Bru - Vân Kiều"),
                6: width("Thường trú ▾"),
                7: width("0912345678"),
                8: width("Làm nương rẫy"),
            }
        )
        self.relative_view.fit_columns(
            {
                0: width("Nguyễn Thị Phương Thảo"),
                1: width("Con trai"),
                2: width("Trung Quốc"),
                3: width("00/0000"),
                4: width("Chưa rõ ▾"),
                5: width("Zalo 0912345678"),
                6: width("Tết 2027"),
            }
        )

    # --- the draft ----------------------------------------------------------------------

    def draft(self) -> tuple[HouseholdDraft, dict[int, list[Issue]]]:
        """The household as it stands in the widgets, and the birth-date errors by row.

        Blank rows (added, never typed into) are left out.
        """
        assert self._draft is not None
        household = self._draft.household
        household.code = self.code.text()
        household.hamlet_id = self.hamlet.currentData() or ""
        household.address = self.address.text()
        household.phone = self.phone.text()
        household.notes = self.notes.text()
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
        return HouseholdDraft(household, people, relatives, dict(self._moves)), birth_errors

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
        for name, label in self.field_issues.items():
            show_issues(label, household.get(name, []))
        show_issues(
            self.household_issue, household.get("members", []) + household.get("head_id", [])
        )
        self.members.set_issues(members)
        self.relatives.set_issues(relatives)
        everything = [i for issues in household.values() for i in issues]
        everything += [i for issues in members.values() for i in issues]
        everything += [i for issues in relatives.values() for i in issues]
        self.issues = everything
        n_errors = sum(1 for i in everything if i.is_error)
        n_warnings = len(everything) - n_errors
        self.summary.setText(
            self.tr("{errors} error(s), {warnings} warning(s)").format(
                errors=n_errors, warnings=n_warnings
            )
            if everything
            else ""
        )
        color = ERROR_TEXT if n_errors else WARNING_TEXT
        self.summary.setStyleSheet(f"color: {color.name()};")
        self.member_title.setText(self.tr("Members ({count})").format(count=len(draft.members)))
        self.relative_title.setText(
            self.tr("Relatives abroad ({count})").format(count=len(draft.relatives))
        )
        self._show_row()
        return n_errors == 0

    def _changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self._check_timer.start()

    def _show_row(self) -> None:
        """The current member's and relative's messages under their tables."""
        row = self.member_view.current_row()
        issues = self.members.row_issues(row) if 0 <= row < self.members.row_count() else []
        show_issues(self.member_issue, issues)
        duplicate = next((i for i in issues if i.code in DUPLICATE_CODES), None)
        if duplicate is None:
            self._duplicate = None
            self.duplicate_button.hide()
        else:
            params = duplicate.params
            self._duplicate = (str(params["household_id"]), str(params["person_id"]))
            self.duplicate_button.setText(
                self.tr("Open {name} (household {code})").format(
                    name=params["name"], code=params["household_code"]
                )
            )
            self.duplicate_button.show()
        row = self.relative_view.current_row()
        show_issues(
            self.relative_issue,
            self.relatives.row_issues(row) if 0 <= row < self.relatives.row_count() else [],
        )

    def _open_duplicate(self) -> None:
        if self._duplicate is None:
            return
        household_id, person_id = self._duplicate
        if household_id == self.household_id:  # a twin row in this very roster
            for row in range(self.members.row_count()):
                if self.members.entity(row).id == person_id:
                    self.member_view.setCurrentIndex(self.members.index(row, 0))
                    self.member_view.setFocus()
            return
        self.open_person.emit(household_id, person_id)

    # --- roster actions -----------------------------------------------------------------

    def add_member(self, *, focus: bool = True) -> int:
        """Append a member row (ethnicity taken from the row above) and start typing it."""
        assert self._draft is not None
        rows = self.members.row_count()
        person = Person(
            household_id=self._draft.household.id,
            full_name="",
            gender=cast(Gender, ""),
            ethnicity=self.members.text(rows - 1, "ethnicity") if rows else "Kinh",
        )
        if rows == 0:
            person.relationship = HEAD_RELATIONSHIP
            self.members.head_id = person.id
        self.members.add_person(rows, person)
        if focus:
            self.member_view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.member_view.edit_cell(rows, 0)
        return rows

    def _member_entered(self, row: int) -> None:
        self._entered(self.member_view, row, self.add_member)

    def _relative_entered(self, row: int) -> None:
        self._entered(self.relative_view, row, self.add_relative)

    @staticmethod
    def _entered(view: RosterView, row: int, add: Callable[[], int]) -> None:
        """Enter goes down a row; on the last row, once it holds someone, it adds the next."""
        model = view.model()
        assert isinstance(model, RosterModel)
        if row < model.row_count() - 1:
            column = max(0, view.currentIndex().column())
            view.setCurrentIndex(model.index(row + 1, column))
        elif not model.is_blank(row):
            add()

    def _current_member(self) -> int | None:
        row = self.member_view.current_row()
        return row if 0 <= row < self.members.row_count() else None

    def remove_member(self) -> None:
        row = self._current_member()
        if row is None:
            return
        self._drop_member(row)

    def _drop_member(self, row: int) -> None:
        person = self.members.remove_row(row)
        if person.id == self.members.head_id:
            self.members.head_id = None
            if self.members.row_count():
                self._apply_head(self.members.entity(0).id)
        if self.members.row_count():
            self.member_view.setCurrentIndex(
                self.members.index(min(row, self.members.row_count() - 1), 0)
            )

    def move_member(self, delta: int) -> None:
        if self.member_view.state() == QAbstractItemView.State.EditingState:
            return
        row = self._current_member()
        if row is None:
            return
        column = self.member_view.currentIndex().column()
        target = self.members.move_row(row, delta)
        self.member_view.setCurrentIndex(self.members.index(target, column))

    def make_head(self) -> None:
        row = self._current_member()
        if row is not None:
            self._apply_head(self.members.entity(row).id)

    def _apply_head(self, person_id: str) -> None:
        """domain.roster.choose_head on the rows: relationships follow the new head."""
        draft, _ = self.draft()
        ids = [p.id for p in draft.members]
        if person_id not in ids:  # a blank row: it becomes a real member as head
            self.members.head_id = person_id
            self.members.set_head(person_id)
            return
        choose_head(draft, person_id)
        column = self.members.column_of("relationship")
        for person, row in zip(draft.members, self._member_rows, strict=True):
            self.members.setData(self.members.index(row, column), person.relationship)
        self.members.set_head(person_id)
        self._changed()

    def ask_move(self) -> None:
        row = self._current_member()
        if row is None or self._draft is None:
            return
        person = self.members.entity(row)
        stored = {p.id for p in self._draft.members}
        if person.id not in stored:
            self.status_message.emit(
                self.tr("Save the household first: only a saved member can be moved."), 6000
            )
            return
        from desktop.ui.move_dialog import MoveDialog

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
        person = self.members.entity(row)
        self._moves[person.id] = household_id
        self._drop_member(row)

    def add_relative(self) -> int:
        assert self._draft is not None
        rows = self.relatives.row_count()
        self.relatives.add_relative(rows, RelativeAbroad(self._draft.household.id, ""))
        self.relative_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.relative_view.edit_cell(rows, 0)
        return rows

    def remove_relative(self) -> None:
        row = self.relative_view.current_row()
        if 0 <= row < self.relatives.row_count():
            self.relatives.remove_row(row)

    # --- save and leave -----------------------------------------------------------------

    def _commit_open_cell(self) -> None:
        for view in (self.member_view, self.relative_view):
            if view.state() == QAbstractItemView.State.EditingState:
                editor = view.focusWidget()
                if editor is not None and editor is not view:
                    view.commitData(editor)

    def save(self) -> bool:
        """Check and save; True when the household is in the register as shown."""
        if self._draft is None:
            return False
        self._commit_open_cell()
        self._save_tried = True
        if not self.revalidate():
            self.status_message.emit(
                self.tr("Not saved: correct the errors marked in red first."), 8000
            )
            return False
        draft, _ = self.draft()
        try:
            result = service.save_household(self._register, draft, self.today)
        except KnownError as err:
            QMessageBox.warning(self, self.tr("Not saved"), describe(err))
            return False
        self.dirty = False
        self.status_message.emit(
            self.tr("Household {code} saved.").format(code=draft.household.code), 6000
        )
        self.saved.emit(result.household_id)
        self.closed.emit()
        return True

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
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.dirty = False
            return True
        return False

    def cancel(self) -> None:
        for view in (self.member_view, self.relative_view):
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
