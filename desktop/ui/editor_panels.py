"""Parts of the household editor: the household's own fields, the member roster and the
relatives abroad, each with its buttons and the messages of what it holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from desktop.domain.entities import Gender, Household, Person, RelativeAbroad
from desktop.domain.peoples import ETHNIC_GROUPS, RELATIONSHIPS
from desktop.domain.roster import HEAD_RELATIONSHIP, HouseholdDraft, choose_head
from desktop.domain.text_bounds import HOUSEHOLD_TEXT, PHONE_TEXT
from desktop.domain.validation import HOUSEHOLD_CODE_MAX, Issue
from desktop.messages import describe_issue
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
from desktop.ui.text_limits import limit_line, show_text

DUPLICATE_CODES = frozenset({"id_number.duplicate", "person.possible_duplicate"})


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


# --- the household's own fields -------------------------------------------------------------


class HouseholdForm(QWidget):
    """Code, hamlet, phone, address and notes, each with its message under it."""

    edited = Signal()
    FIELDS = ("code", "hamlet_id", "address", "phone", "notes")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.code = limit_line(QLineEdit(), HOUSEHOLD_CODE_MAX)
        self.hamlet = QComboBox()
        self.address = limit_line(QLineEdit(), HOUSEHOLD_TEXT["address"])
        self.phone = limit_line(QLineEdit(), PHONE_TEXT)
        self.notes = limit_line(QLineEdit(), HOUSEHOLD_TEXT["notes"])
        self.field_issues = {name: issue_label() for name in self.FIELDS}
        for field, name in (
            (self.code, self.tr("Household code")),
            (self.hamlet, self.tr("Hamlet")),
            (self.address, self.tr("Address")),
            (self.phone, self.tr("Phone")),
            (self.notes, self.tr("Notes")),
        ):
            field.setAccessibleName(name)
        self.reload_hamlets()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
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
                grid.addWidget(label, 2 * r, 2 * c)
                grid.addWidget(widget, 2 * r, 2 * c + 1)
                grid.addWidget(self.field_issues[name], 2 * r + 1, 2 * c + 1)
        notes_label = QLabel(self.tr("Notes:"))
        notes_label.setBuddy(self.notes)
        grid.addWidget(notes_label, 4, 0)
        grid.addWidget(self.notes, 4, 1, 1, 3)
        grid.addWidget(self.field_issues["notes"], 5, 1, 1, 3)

        for edit in (self.code, self.address, self.phone, self.notes):
            edit.textEdited.connect(lambda _text: self.edited.emit())
        self.hamlet.currentIndexChanged.connect(lambda _i: self.edited.emit())

    def focus_order(self) -> list[QWidget]:
        return [self.code, self.hamlet, self.phone, self.address, self.notes]

    def reload_hamlets(self) -> None:
        chosen = self.hamlet.currentData()
        self.hamlet.blockSignals(True)
        self.hamlet.clear()
        for hamlet in list_hamlets(self._db):
            self.hamlet.addItem(hamlet.name, hamlet.id)
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findData(chosen)))
        self.hamlet.blockSignals(False)

    def show_household(self, household: Household) -> None:
        self.reload_hamlets()
        show_text(self.code, household.code)
        self.hamlet.setCurrentIndex(max(0, self.hamlet.findData(household.hamlet_id)))
        show_text(self.address, household.address)
        show_text(self.phone, household.phone)
        show_text(self.notes, household.notes)

    def read_into(self, household: Household) -> None:
        household.code = self.code.text()
        household.hamlet_id = self.hamlet.currentData() or ""
        household.address = self.address.text()
        household.phone = self.phone.text()
        household.notes = self.notes.text()

    def show_issues(self, by_field: dict[str, list[Issue]]) -> None:
        for name, label in self.field_issues.items():
            show_issues(label, by_field.get(name, []))


# --- rosters ----------------------------------------------------------------------------------


class RosterPanel(QWidget):
    """A title and buttons over an editable table, the current row's messages under it."""

    def __init__(
        self, model: RosterModel, words: dict[str, Sequence[str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        model.setParent(self)
        self.model = model
        self.view = RosterView(words, self)
        self.view.setModel(model)
        self.title = section_title("")
        self.buttons: list[QPushButton] = []
        self.issue = issue_label()
        self.extra = QHBoxLayout()  # beside the messages (the member roster's "open" button)
        self._bar = QHBoxLayout()
        self._bar.addWidget(self.title)
        self._bar.addStretch(1)
        messages = QHBoxLayout()
        messages.addWidget(self.issue, stretch=1)
        messages.addLayout(self.extra)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._bar)
        layout.addWidget(self.view, stretch=1)
        layout.addLayout(messages)
        self.view.entered.connect(self._entered)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.show_current())

    def add_buttons(self, *buttons: QPushButton) -> None:
        for button in buttons:
            self._bar.addWidget(button)
        self.buttons += buttons

    def add_row(self) -> int:
        raise NotImplementedError

    def current_row(self) -> int | None:
        row = self.view.current_row()
        return row if 0 <= row < self.model.row_count() else None

    def show_current(self) -> None:
        """The messages of the current row under the table."""
        row = self.current_row()
        show_issues(self.issue, self.model.row_issues(row) if row is not None else [])

    def remove_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.drop(row)

    def drop(self, row: int) -> None:
        self.model.remove_row(row)
        if self.model.row_count():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.row_count() - 1), 0))

    def _entered(self, row: int) -> None:
        """Enter goes down a row; on the last row, once it holds someone, it adds the next."""
        if row < self.model.row_count() - 1:
            column = max(0, self.view.currentIndex().column())
            self.view.setCurrentIndex(self.model.index(row + 1, column))
        elif not self.model.is_blank(row):
            self.add_row()

    def start_row(self, row: int) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit_cell(row, 0)


class MemberPanel(RosterPanel):
    """The member roster: add, remove, reorder, choose the head, move to another household;
    the duplicate warning of the current row comes with a button that opens that person."""

    move_requested = Signal(int)  # row
    remove_requested = Signal(int)  # row: the editor asks what happened before removing
    open_duplicate = Signal(str, str)  # household id, person id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            MemberRosterModel(), {"relationship": RELATIONSHIPS, "ethnicity": ETHNIC_GROUPS}, parent
        )
        self.members = cast(MemberRosterModel, self.model)
        self.add_button = QPushButton(self.tr("Add member"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.head_button = QPushButton(self.tr("Make head"))
        self.move_button = QPushButton(self.tr("Move to household…"))
        self.up_button.setToolTip("Alt+↑")  # keys are not words: no translation
        self.down_button.setToolTip("Alt+↓")
        self.add_buttons(
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.head_button,
            self.move_button,
        )
        self.view.setAccessibleName(self.tr("Members"))
        self.household_id = ""
        self.today = dt.date.today()
        self.duplicate_button = QPushButton()
        self.duplicate_button.setFlat(True)
        self.duplicate_button.setStyleSheet("text-decoration: underline; text-align: left;")
        self.duplicate_button.hide()
        self.extra.addWidget(self.duplicate_button)
        self._duplicate: tuple[str, str] | None = None
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.head_button.clicked.connect(self.make_head)
        self.move_button.clicked.connect(self._ask_move)
        self.duplicate_button.clicked.connect(self._open_duplicate)

    def add_row(self, *, focus: bool = True) -> int:
        """Append a member (ethnicity taken from the row above) and start typing the name.
        The first member of a household heads it."""
        rows = self.members.row_count()
        person = Person(
            household_id=self.household_id,
            full_name="",
            gender=cast(Gender, ""),
            ethnicity=self.members.text(rows - 1, "ethnicity") if rows else "Kinh",
        )
        if rows == 0:
            person.relationship = HEAD_RELATIONSHIP
            self.members.head_id = person.id
        self.members.add_person(rows, person)
        if focus:
            self.start_row(rows)
        return rows

    def remove_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.remove_requested.emit(row)

    def drop(self, row: int) -> None:
        was_head = self.members.entity(row).id == self.members.head_id
        super().drop(row)
        if was_head:
            self.members.head_id = None
            if self.members.row_count():
                self.apply_head(self.members.entity(0).id)

    def keep_a_head(self) -> None:
        """While the head is a row never typed into (the new household's first row) and the
        clerk types someone into another row, that first typed member heads the household."""
        rows = range(self.members.row_count())
        head = [r for r in rows if self.members.entity(r).id == self.members.head_id]
        typed = [r for r in rows if not self.members.is_blank(r)]
        if not head or not typed or not self.members.is_blank(head[0]):
            return  # a typed head, or none chosen (the check says so): the clerk's choice
        if self.members.text(head[0], "relationship") == HEAD_RELATIONSHIP:
            column = self.members.column_of("relationship")
            self.members.setData(self.members.index(head[0], column), "")
        self.apply_head(self.members.entity(typed[0]).id)

    def move_current(self, delta: int) -> None:
        if self.view.state() == QAbstractItemView.State.EditingState:
            return
        row = self.current_row()
        if row is None:
            return
        column = self.view.currentIndex().column()
        target = self.members.move_row(row, delta)
        self.view.setCurrentIndex(self.members.index(target, column))

    def make_head(self) -> None:
        row = self.current_row()
        if row is not None:
            self.apply_head(self.members.entity(row).id)

    def apply_head(self, person_id: str) -> None:
        """domain.roster.choose_head on the rows: relationships follow the new head."""
        rows = [r for r in range(self.members.row_count()) if not self.members.is_blank(r)]
        people = [self.members.person(r, self.today)[0] for r in rows]
        if person_id in {p.id for p in people}:
            draft = HouseholdDraft(Household(hamlet_id="", code=""), people)
            choose_head(draft, person_id)
            column = self.members.column_of("relationship")
            for person, row in zip(people, rows, strict=True):
                self.members.setData(self.members.index(row, column), person.relationship)
        # A blank row may head too: it becomes a member once typed into.
        self.members.set_head(person_id)
        self.members.edited.emit()

    def _ask_move(self) -> None:
        row = self.current_row()
        if row is not None:
            self.move_requested.emit(row)

    def show_current(self) -> None:
        super().show_current()
        row = self.current_row()
        issues = self.members.row_issues(row) if row is not None else []
        duplicate = next((i for i in issues if i.code in DUPLICATE_CODES), None)
        if duplicate is None:
            self._duplicate = None
            self.duplicate_button.hide()
            return
        params = duplicate.params
        self._duplicate = (str(params["household_id"]), str(params["person_id"]))
        self.duplicate_button.setText(
            self.tr("Open {name} (household {code})").format(
                name=params["name"], code=params["household_code"]
            )
        )
        self.duplicate_button.show()

    def _open_duplicate(self) -> None:
        if self._duplicate is None:
            return
        household_id, person_id = self._duplicate
        if household_id == self.household_id:  # a twin row in this very roster
            for row in range(self.members.row_count()):
                if self.members.entity(row).id == person_id:
                    self.view.setCurrentIndex(self.members.index(row, 0))
                    self.view.setFocus()
            return
        self.open_duplicate.emit(household_id, person_id)


class RelativePanel(RosterPanel):
    """The household's relatives abroad."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(RelativeRosterModel(), {"relationship": RELATIONSHIPS}, parent)
        self.relatives = cast(RelativeRosterModel, self.model)
        self.add_button = QPushButton(self.tr("Add relative"))
        self.remove_button = QPushButton(self.tr("Remove relative"))
        self.add_buttons(self.add_button, self.remove_button)
        self.view.setAccessibleName(self.tr("Relatives abroad"))
        self.household_id = ""
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current)
        for changed in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            changed.connect(self._fit_height)
        self._fit_height()
        policy = self.sizePolicy()  # never taller than its rows need (the table's at most)
        policy.setVerticalPolicy(QSizePolicy.Policy.Maximum)
        self.setSizePolicy(policy)

    def _fit_height(self) -> None:
        # Most households have no relative abroad: the table is as tall as its rows (one
        # empty row at least), so a big household's members get the height instead.
        view = self.view
        view.setMaximumHeight(
            view.horizontalHeader().sizeHint().height()
            + view.verticalHeader().defaultSectionSize() * max(1, self.relatives.row_count())
            + view.horizontalScrollBar().sizeHint().height()
            + 2 * view.frameWidth()
        )

    def add_row(self) -> int:
        rows = self.relatives.row_count()
        self.relatives.add_relative(rows, RelativeAbroad(self.household_id, ""))
        self.start_row(rows)
        return rows
