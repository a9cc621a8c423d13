"""Rows of an imported list read into people and checked, cell by cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from operator import itemgetter

from desktop.domain.entities import BirthDate, CleanPerson, Gender, Person
from desktop.domain.import_cells import (
    MARKS,
    CellReader,
    ImportIssueCode,
)
from desktop.domain.import_columns import ColumnMap, ImportField
from desktop.domain.validation import Issue, IssueCode, Severity, id_number_issues

__all__ = [
    "IMPORT_ISSUE_CODES",
    "ImportIssueCode",
    "ImportRow",
    "RowIssue",
    "check_duplicate_ids",
    "issue_at",
    "read_rows",
]

IMPORT_ISSUE_CODES: frozenset[str] = frozenset(ImportIssueCode)


@dataclass(frozen=True)
class RowIssue:
    """One problem at one cell of the file: spreadsheet row number and column label."""

    row: int
    column: str
    issue: Issue

    @property
    def is_error(self) -> bool:
        return self.issue.is_error


@dataclass
class ImportRow:
    """One person row of the list, its values cleaned and checked."""

    row: int  # 1-based, as the spreadsheet shows it
    person: Person
    is_head: bool
    household_code: str
    hamlet: str
    address: str
    issues: list[RowIssue] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(i.is_error for i in self.issues)


def issue_at(
    row: int,
    label: str,
    field_name: str,
    code: str,
    severity: Severity = Severity.ERROR,
    **params: object,
) -> RowIssue:
    """An issue at a row and column of the file (the column as its header reads)."""
    return RowIssue(row, label, Issue(field_name, code, severity, params))


# The fields a row is read for, in the order _ListReader.read unpacks them.
_READ_ORDER = (
    ImportField.FULL_NAME,
    ImportField.BIRTH,
    ImportField.BIRTH_MALE,
    ImportField.BIRTH_FEMALE,
    ImportField.GENDER,
    ImportField.ID_NUMBER,
    ImportField.RELATIONSHIP,
    ImportField.HEAD,
    ImportField.HAMLET,
    ImportField.ADDRESS,
    ImportField.PHONE,
    ImportField.ETHNICITY,
    ImportField.HOUSEHOLD_CODE,
    ImportField.OCCUPATION,
    ImportField.NOTES,
)
_GENDER_INVALID = Issue("gender", IssueCode.GENDER_INVALID, Severity.ERROR)
_GENDER_MISSING = Issue("gender", IssueCode.REQUIRED_MISSING, Severity.ERROR)
_GENDER_GUESSED = {
    g: Issue("gender", ImportIssueCode.GENDER_GUESSED, Severity.WARNING, {"gender": g})
    for g in Gender
}


class _ListReader:
    """Reads the rows of one list through its column map (each field's column and label
    found once, each distinct cell text read once by a CellReader)."""

    def __init__(self, columns: ColumnMap, today: dt.date) -> None:
        self.columns = columns
        self.today = today
        self.cells = CellReader(today)
        column = {f: c for f in ImportField if (c := columns.column_of(f)) is not None}
        self.column = column
        label = {f: columns.label(c) for f, c in column.items()}
        self.label = label
        self.width = max(column.values(), default=-1) + 1
        # An unmapped field reads the blank cell put after the row's last mapped one.
        self.pick = itemgetter(*(column.get(f, self.width) for f in _READ_ORDER))
        self.two_birth_columns = (
            ImportField.BIRTH_MALE in column or ImportField.BIRTH_FEMALE in column
        )
        self.id_column = column.get(ImportField.ID_NUMBER, -1)
        self.phone_column = column.get(ImportField.PHONE, -1)
        (
            self.name_label,
            self.birth_label,
            self.gender_label,
            self.id_label,
            self.phone_label,
            self.notes_label,
            self.hamlet_label,
            self.code_label,
        ) = (
            label.get(f, "")
            for f in (
                ImportField.FULL_NAME,
                ImportField.BIRTH,
                ImportField.GENDER,
                ImportField.ID_NUMBER,
                ImportField.PHONE,
                ImportField.NOTES,
                ImportField.HAMLET,
                ImportField.HOUSEHOLD_CODE,
            )
        )

    def _birth(
        self, birth: str, male: str, female: str
    ) -> tuple[BirthDate | None, tuple[Issue, ...], Gender | None, str]:
        """Birth, its issues, the gender the "Nam | Nữ" two-column layout tells, and the
        label of the column the birth was read from."""
        cells = self.cells
        male_text, female_text = cells.text(male), cells.text(female)
        if not (male_text or female_text):
            return *cells.birth(birth), None, self.birth_label
        f = ImportField.BIRTH_MALE if male_text else ImportField.BIRTH_FEMALE
        gender = Gender.MALE if male_text else Gender.FEMALE
        cell = male if male_text else female
        if cells.word(cell).folded in MARKS:  # "Nam | Nữ" columns holding an x, not a year
            f, cell = ImportField.BIRTH, birth
        return *cells.birth(cell), gender, self.label.get(f, "")

    def read(
        self, cells: Sequence[str], row: int, numbers: Set[int] | None, lost: Mapping[int, str]
    ) -> ImportRow:
        """One data row as a Person (household_id left empty) with its issues. ``numbers``:
        the columns whose cells were numbers (None: any all-digit cell may have been one);
        ``lost``: the columns whose cells read empty though they are not (a formula without
        a value: "", an Excel error: "#N/A")."""
        (
            name_cell,
            birth_cell,
            male_cell,
            female_cell,
            gender_cell,
            id_cell,
            relationship_cell,
            head_cell,
            hamlet_cell,
            address_cell,
            phone_cell,
            ethnicity_cell,
            code_cell,
            occupation_cell,
            notes_cell,
        ) = self.pick((*cells, *[""] * (self.width + 1 - len(cells))))
        read = self.cells
        issues: list[RowIssue] = []
        if lost:
            self._lost(issues, row, lost)
        name = read.name(name_cell)
        if self.two_birth_columns:
            birth, birth_issues, birth_gender, birth_label = self._birth(
                birth_cell, male_cell, female_cell
            )
        else:
            birth, birth_issues = read.birth(birth_cell)
            birth_gender, birth_label = None, self.birth_label
        if birth_issues:
            issues += [RowIssue(row, birth_label, issue) for issue in birth_issues]
        gender_word = read.word(gender_cell)
        gender = gender_word.gender
        guessed = False
        if gender is None:
            if gender_word.text:
                issues.append(RowIssue(row, self.gender_label, _GENDER_INVALID))
            elif name.guess is not None:
                gender, guessed = name.guess, True
        if birth_gender is not None and gender is None:
            gender = birth_gender
        if guessed and birth_gender is None and gender is not None:
            issues.append(RowIssue(row, self.name_label, _GENDER_GUESSED[gender]))
        if numbers is None:  # a CSV: any all-digit field may have been a number
            id_number = read.id_number(id_cell, id_cell.strip().isdigit())
            phone = read.phone(phone_cell, phone_cell.strip().isdigit())
        else:
            id_number = read.id_number(id_cell, self.id_column in numbers)
            phone = read.phone(phone_cell, self.phone_column in numbers)
        if id_number.issues:
            issues += [RowIssue(row, self.id_label, issue) for issue in id_number.issues]
        if phone.issues:
            issues += [RowIssue(row, self.phone_label, issue) for issue in phone.issues]
        relationship = read.word(relationship_cell)
        # An empty cell marks no head (most rows, and lists without the column).
        is_head = relationship.is_head or (head_cell != "" and read.head_mark(head_cell, name))
        relationship_text = relationship.text
        if is_head and relationship.folded in ("", "ch"):
            relationship_text = "Chủ hộ"
        notes = read.notes(notes_cell)
        # The checks of validate_person, each made once per distinct text (the birth's
        # and the phone's made above, the birth's against its own column).
        if name.issues:
            issues += [RowIssue(row, self.name_label, issue) for issue in name.issues]
        if id_number.text:
            for issue in id_number_issues(id_number.cleaned, id_number.kind, gender, birth):
                issues.append(RowIssue(row, self.id_label, issue))
        if notes.issues:
            issues += [RowIssue(row, self.notes_label, issue) for issue in notes.issues]
        if gender is None and not gender_word.text:
            issues.append(RowIssue(row, self.gender_label, _GENDER_MISSING))
        hamlet = read.hamlet(hamlet_cell)
        if hamlet.issues:
            issues += [RowIssue(row, self.hamlet_label, issue) for issue in hamlet.issues]
        code = read.code(code_cell)
        if code.issues:
            issues += [RowIssue(row, self.code_label, issue) for issue in code.issues]
        person = CleanPerson(
            household_id="",
            full_name=name.text,
            gender=gender or Gender.MALE,
            birth=birth,
            id_number=id_number.text,
            ethnicity=read.text(ethnicity_cell) or "Kinh",
            relationship=relationship_text,
            phone=phone.text,
            occupation=read.text(occupation_cell),
            notes=notes.text,
        )
        return ImportRow(
            row=row,
            person=person,
            is_head=is_head,
            household_code=code.text,
            hamlet=hamlet.text,
            address=read.text(address_cell),
            issues=issues,
        )

    def _lost(self, issues: list[RowIssue], row: int, lost: Mapping[int, str]) -> None:
        """Cells of known columns read as empty though they are not: a formula whose value
        was never saved, or an Excel error such as #N/A."""
        for column, error in sorted(lost.items()):
            f = self.columns.fields.get(column)
            if f is None or f is ImportField.IGNORE:
                continue
            if error:
                issue = Issue(f.value, ImportIssueCode.CELL_ERROR, Severity.ERROR, {"error": error})
            else:
                issue = Issue(f.value, ImportIssueCode.FORMULA_WITHOUT_VALUE, Severity.ERROR)
            issues.append(RowIssue(row, self.label.get(f, ""), issue))


def read_rows(
    columns: ColumnMap,
    rows: Sequence[Sequence[str]],
    today: dt.date,
    first_row: int = 1,
    number_cells: Mapping[int, Set[int]] | None = None,
    lost_cells: Mapping[int, Mapping[int, str]] | None = None,
) -> list[ImportRow]:
    """Every non-blank row after the header row; ``first_row`` numbers the sheet's first row.
    ``number_cells`` gives, by row index, the columns whose cells were numbers (None: a CSV,
    where any all-digit cell may have been one); ``lost_cells`` those read empty though
    they are not (see _ListReader.read)."""
    out = []
    lost_cells = lost_cells or {}
    no_lost: dict[int, str] = {}
    no_columns: frozenset[int] = frozenset()
    read = _ListReader(columns, today).read
    for index in range(columns.header_row + 1, len(rows)):
        cells = rows[index]
        lost = lost_cells.get(index, no_lost)
        if not lost and not "".join(cells).strip():
            continue
        numbers = None if number_cells is None else number_cells.get(index, no_columns)
        out.append(read(cells, index + first_row, numbers, lost))
    check_duplicate_ids(out, columns)
    return out


def check_duplicate_ids(rows: Iterable[ImportRow], columns: ColumnMap) -> None:
    """The same personal ID on two rows: an error on the later row, naming the first."""
    column = columns.column_of(ImportField.ID_NUMBER)
    label = columns.label(column) if column is not None else ""
    seen: dict[str, int] = {}
    for r in rows:
        number = r.person.id_number
        if not number or not number.isdigit():
            continue
        if number in seen:
            r.issues.append(
                issue_at(
                    r.row, label, "id_number", ImportIssueCode.DUPLICATE_ID, first=seen[number]
                )
            )
        else:
            seen[number] = r.row
