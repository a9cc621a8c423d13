"""Editable tables of the household editor: the member roster and the relatives abroad.

A row keeps the text the clerk typed (a birth date may be half-typed or wrong) next to the
stored entity it came from, so ids and the fields the table does not show survive an edit.
The editor validates the rows it reads back and hands the issues to ``set_issues``: cells
with an issue are tinted and the last column says what is wrong, in Vietnamese.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.entities import (
    DepartureStatus,
    Gender,
    Person,
    RelativeAbroad,
    ResidenceKind,
)
from desktop.domain.text_bounds import (
    ID_NUMBER_TEXT,
    PERSON_TEXT,
    PHONE_TEXT,
    RELATIVE_TEXT,
    TextField,
)
from desktop.domain.unreadable import carried, unreadable
from desktop.domain.validation import Issue, parse_birth
from desktop.messages import describe_issue
from desktop.ui.household_model import departure_text, gender_text, residence_text

AnyIndex = QModelIndex | QPersistentModelIndex

ERROR_TEXT = QColor("#b00020")
WARNING_TEXT = QColor("#7a4b00")
ERROR_CELL = QColor("#fde7e9")
WARNING_CELL = QColor("#fff4ce")


def choice_label(column: str, value: str) -> str:
    """How a coded cell (gender, residence, departure) reads; '' for an empty choice."""
    if not value:
        return ""
    if column == "gender" and value in set(Gender):
        return gender_text(Gender(value))
    if column == "residence" and value in set(ResidenceKind):
        return residence_text(ResidenceKind(value))
    if column == "departure":
        return departure_text(value)
    return value


CHOICES: dict[str, tuple[str, ...]] = {
    "gender": tuple(Gender),
    "residence": tuple(ResidenceKind),
    "departure": (DepartureStatus.LEGAL, DepartureStatus.ILLEGAL, DepartureStatus.UNKNOWN),
}


@dataclasses.dataclass
class RosterRow:
    """One row: the texts shown in its cells and the entity it was loaded from (or made for)."""

    entity: Any
    texts: dict[str, str]
    issues: list[Issue] = dataclasses.field(default_factory=list)


class RosterModel(QAbstractTableModel):
    """Rows of texts keyed by column name; the last column lists the row's issues."""

    CONTEXT = "RosterModel"
    # (key, header source text); the key is also the Issue.field the column shows.
    COLUMNS: ClassVar[tuple[tuple[str, Any], ...]] = ()
    # key → the bound of what its cell's editor takes (domain.text_bounds); others a line's.
    BOUNDS: ClassVar[Mapping[str, TextField]] = {}
    ISSUES = "issues"
    # Columns that make a row someone: a row with none of them filled is blank and skipped.
    TYPED: ClassVar[tuple[str, ...]] = ()

    edited = Signal()  # the clerk changed a cell, added, removed or moved a row

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._keys = [key for key, _ in self.COLUMNS]

    # --- rows ---------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._rows)

    def column_of(self, key: str) -> int:
        return self._keys.index(key)

    def key_of(self, column: int) -> str:
        return self._keys[column]

    def text(self, row: int, key: str) -> str:
        return self._rows[row].texts.get(key, "")

    def entity(self, row: int) -> Any:
        return self._rows[row].entity

    def is_blank(self, row: int) -> bool:
        """A row added and never typed into: left out of the household when it is saved."""
        return not any(self.text(row, key).strip() for key in self.TYPED)

    def row_issues(self, row: int) -> list[Issue]:
        return self._rows[row].issues

    def insert_row(self, row: int, entity: Any, texts: dict[str, str]) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, RosterRow(entity, texts))
        self.endInsertRows()
        self.edited.emit()

    def remove_row(self, row: int) -> Any:
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self._rows.pop(row)
        self.endRemoveRows()
        self.edited.emit()
        return removed.entity

    def move_row(self, row: int, delta: int) -> int:
        """Move a row up or down by one or more places; returns where it landed."""
        target = max(0, min(len(self._rows) - 1, row + delta))
        if target == row:
            return row
        # Qt wants the destination as the index *before which* the row lands.
        destination = target + 1 if target > row else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        self.edited.emit()
        return target

    def reset_rows(self, rows: Sequence[tuple[Any, dict[str, str]]]) -> None:
        self.beginResetModel()
        self._rows = [RosterRow(entity, texts) for entity, texts in rows]
        self.endResetModel()

    def set_issues(self, by_row: dict[int, list[Issue]]) -> None:
        """Show these issues (row index → issues); rows not named have none."""
        for row, record in enumerate(self._rows):
            issues = by_row.get(row, [])
            if issues != record.issues:
                record.issues = issues
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._keys) - 1))

    # --- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._keys[index.column()] != self.ISSUES:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        key = self._keys[index.column()]
        if key == self.ISSUES:
            return self._issue_data(record, role)
        value = record.texts.get(key, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return choice_label(key, value) if key in CHOICES else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        mine = [i for i in record.issues if i.field == key]
        if role == Qt.ItemDataRole.BackgroundRole and mine:
            return QBrush(ERROR_CELL if any(i.is_error for i in mine) else WARNING_CELL)
        if role == Qt.ItemDataRole.ToolTipRole and mine:
            return "\n".join(describe_issue(i) for i in mine)
        if role == Qt.ItemDataRole.FontRole:
            return self.font_for(record)
        return None

    def font_for(self, record: RosterRow) -> QFont | None:
        return None

    def _issue_data(self, record: RosterRow, role: int) -> Any:
        if not record.issues:
            return None
        ordered = sorted(record.issues, key=lambda i: not i.is_error)
        if role == Qt.ItemDataRole.DisplayRole:
            more = len(ordered) - 1
            first = describe_issue(ordered[0])
            return f"{first} (+{more})" if more else first
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(describe_issue(i) for i in ordered)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ERROR_TEXT if ordered[0].is_error else WARNING_TEXT)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self._keys[index.column()]
        if key == self.ISSUES:
            return False
        text = "" if value is None else str(value)
        record = self._rows[index.row()]
        if record.texts.get(key, "") == text:
            return False
        record.texts[key] = text
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][1])
        return None


# --- members --------------------------------------------------------------------------------


class MemberRosterModel(RosterModel):
    """The members of the household being edited, in their order; the head in bold."""

    CONTEXT = "MemberRosterModel"
    COLUMNS: ClassVar[tuple[tuple[str, Any], ...]] = (
        ("full_name", QT_TRANSLATE_NOOP("MemberRosterModel", "Full name")),
        ("gender", QT_TRANSLATE_NOOP("MemberRosterModel", "Gender")),
        ("birth", QT_TRANSLATE_NOOP("MemberRosterModel", "Date of birth")),
        ("id_number", QT_TRANSLATE_NOOP("MemberRosterModel", "Personal ID")),
        ("relationship", QT_TRANSLATE_NOOP("MemberRosterModel", "Relationship to head")),
        ("ethnicity", QT_TRANSLATE_NOOP("MemberRosterModel", "Ethnicity")),
        ("residence", QT_TRANSLATE_NOOP("MemberRosterModel", "Residence")),
        ("phone", QT_TRANSLATE_NOOP("MemberRosterModel", "Phone")),
        ("occupation", QT_TRANSLATE_NOOP("MemberRosterModel", "Occupation")),
        ("issues", QT_TRANSLATE_NOOP("MemberRosterModel", "Checks")),
    )
    TYPED: ClassVar[tuple[str, ...]] = ("full_name", "birth", "id_number", "phone", "occupation")
    BOUNDS: ClassVar[Mapping[str, TextField]] = {
        **PERSON_TEXT,
        "phone": PHONE_TEXT,
        "id_number": ID_NUMBER_TEXT,
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.head_id: str | None = None
        self._bold: QFont | None = None

    def set_people(self, people: Sequence[Person], head_id: str | None) -> None:
        self.head_id = head_id
        self.reset_rows([(p, person_texts(p)) for p in people])

    def set_head(self, person_id: str | None) -> None:
        self.head_id = person_id
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def add_person(self, row: int, person: Person) -> None:
        self.insert_row(row, person, person_texts(person))

    def person(self, row: int, today: dt.date) -> tuple[Person, list[Issue]]:
        """The row as a Person, with the birth-date issues of its text (the date is None
        when the text does not read as one)."""
        texts = self._rows[row].texts
        birth, birth_issues = parse_birth(texts.get("birth", ""), today)
        person = dataclasses.replace(
            self._rows[row].entity,
            full_name=texts["full_name"],
            gender=texts["gender"],
            birth=birth,
            id_number=texts["id_number"],
            relationship=texts["relationship"],
            ethnicity=texts["ethnicity"],
            residence=ResidenceKind(texts["residence"] or ResidenceKind.PERMANENT),
            phone=texts["phone"],
            occupation=texts["occupation"],
        )
        # A value CamKet could not read and the clerk left empty is kept (domain.unreadable).
        carried(self._rows[row].entity, person, [c for c in _CODED if not texts[c]])
        # Warnings of a date that did read come again from validate_person: keep errors only.
        return person, [i for i in birth_issues if i.is_error]

    def font_for(self, record: RosterRow) -> QFont | None:
        if record.entity.id != self.head_id:
            return None
        if self._bold is None:
            self._bold = QFont()
            self._bold.setBold(True)
        return self._bold


_CODED = ("gender", "birth", "residence")  # a person's values a store may not read


def person_texts(person: Person) -> dict[str, str]:
    """The roster's cells of ``person``; a value CamKet could not read, empty."""
    gone = unreadable(person)
    return {
        "full_name": person.full_name,
        "gender": str(person.gender or ""),
        "birth": person.birth.display() if person.birth else "",
        "id_number": person.id_number,
        "relationship": person.relationship,
        "ethnicity": person.ethnicity,
        "residence": "" if "residence" in gone else str(person.residence),
        "phone": person.phone,
        "occupation": person.occupation,
    }


# --- relatives abroad -----------------------------------------------------------------------


class RelativeRosterModel(RosterModel):
    """The household's relatives living abroad."""

    CONTEXT = "RelativeRosterModel"
    COLUMNS: ClassVar[tuple[tuple[str, Any], ...]] = (
        ("full_name", QT_TRANSLATE_NOOP("RelativeRosterModel", "Full name")),
        ("relationship", QT_TRANSLATE_NOOP("RelativeRosterModel", "Relationship")),
        ("country", QT_TRANSLATE_NOOP("RelativeRosterModel", "Country")),
        ("since", QT_TRANSLATE_NOOP("RelativeRosterModel", "Abroad since")),
        ("departure", QT_TRANSLATE_NOOP("RelativeRosterModel", "Left legally")),
        ("contact", QT_TRANSLATE_NOOP("RelativeRosterModel", "Contact")),
        ("plans_to_return", QT_TRANSLATE_NOOP("RelativeRosterModel", "Plans to return")),
        ("issues", QT_TRANSLATE_NOOP("RelativeRosterModel", "Checks")),
    )
    BOUNDS: ClassVar[Mapping[str, TextField]] = RELATIVE_TEXT
    TYPED: ClassVar[tuple[str, ...]] = (
        "full_name",
        "relationship",
        "country",
        "since",
        "contact",
        "plans_to_return",
    )

    def set_relatives(self, relatives: Sequence[RelativeAbroad]) -> None:
        self.reset_rows([(r, relative_texts(r)) for r in relatives])

    def add_relative(self, row: int, relative: RelativeAbroad) -> None:
        self.insert_row(row, relative, relative_texts(relative))

    def relative(self, row: int) -> RelativeAbroad:
        texts = self._rows[row].texts
        changes: dict[str, Any] = {key: texts[key] for key in self.TYPED}
        changes["departure"] = DepartureStatus(texts["departure"] or DepartureStatus.UNKNOWN)
        entity = self._rows[row].entity
        kept = [] if texts["departure"] else ["departure"]
        return carried(entity, dataclasses.replace(entity, **changes), kept)


def relative_texts(relative: RelativeAbroad) -> dict[str, str]:
    texts = {key: getattr(relative, key) for key in RelativeRosterModel.TYPED}
    texts["departure"] = "" if "departure" in unreadable(relative) else str(relative.departure)
    return texts
