"""Rows of an imported list read into people and checked, cell by cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from desktop.domain.entities import BirthDate, Gender, Person
from desktop.domain.import_columns import ColumnMap, ImportField
from desktop.domain.text import fold_for_search, normalize_multiline, normalize_text
from desktop.domain.validation import (
    HOUSEHOLD_CODE_MAX,
    IdKind,
    Issue,
    IssueCode,
    Severity,
    classify_id_number,
    household_code_ok,
    is_formula_like,
    normalize_phone,
    parse_birth,
    restore_id_zeros,
    restore_phone_zero,
    validate_person,
)


class ImportIssueCode(StrEnum):
    """Codes only an import emits; messages.ISSUE_MESSAGES words each one."""

    GENDER_GUESSED = "import.gender_guessed"
    ID_ZERO_RESTORED = "import.id_zero_restored"
    DUPLICATE_ID = "import.duplicate_id"
    NO_HOUSEHOLD = "import.no_household"
    TWO_HEADS = "import.two_heads"
    HAMLET_MISSING = "import.hamlet_missing"
    HAMLET_NEW = "import.hamlet_new"
    CODE_INVALID = "import.code_invalid"
    CODE_KEPT = "import.code_kept"
    SAME_HOUSEHOLD = "import.same_household"
    PHONE_ZERO_RESTORED = "import.phone_zero_restored"
    FORMULA_WITHOUT_VALUE = "import.formula_without_value"
    CELL_ERROR = "import.cell_error"


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


_HEAD_WORDS = frozenset({"chu ho", "ch", "la chu ho"})
_NO_WORDS = frozenset({"", "0", "khong", "k", "no", "false", "-"})
_MARKS = frozenset({"x", "v", "1", "co", "yes"})
_MALE_WORDS = frozenset({"nam", "m", "male", "trai"})
_FEMALE_WORDS = frozenset({"nu", "f", "female", "gai"})


# A list repeats most of its cells (hamlets, "Nam", "Con", "Kinh", "x"): each distinct
# text is cleaned and folded once, not once per row.
_normalized = lru_cache(maxsize=65_536)(normalize_text)
_folded = lru_cache(maxsize=65_536)(fold_for_search)


def _cell(row: Sequence[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column]


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


class _Layout:
    """The column map read once for a whole list: each field's column and label (a row
    asked the map for them a dozen times: a tenth of an import's checking)."""

    def __init__(self, columns: ColumnMap) -> None:
        self.columns = columns
        self.column: dict[ImportField, int] = {
            f: c for f in ImportField if (c := columns.column_of(f)) is not None
        }
        self.labels = {f: columns.label(c) for f, c in self.column.items()}


class _RowReader:
    """Reads one row through the column map; collects issues labelled with the columns."""

    def __init__(
        self, layout: _Layout, cells: Sequence[str], row: int, numbers: Set[int] | None
    ) -> None:
        self.layout = layout
        self.columns = layout.columns
        self.cells = cells
        self.row = row
        self.numbers = numbers
        self.issues: list[RowIssue] = []
        # Each mapped field's cell, normalised (a row reads some fields more than once).
        width = len(cells)
        self._texts = {
            f: _normalized(value) if (value := cells[c] if c < width else "") else ""
            for f, c in layout.column.items()
        }

    def was_number(self, f: ImportField) -> bool:
        """Whether the cell was a number in the spreadsheet (for a CSV: all digits)."""
        column = self.layout.column.get(f)
        if column is None:
            return False
        if self.numbers is None:
            return _cell(self.cells, column).strip().isdigit()
        return column in self.numbers

    def text(self, f: ImportField) -> str:
        return self._texts.get(f, "")

    def label(self, f: ImportField) -> str:
        return self.layout.labels.get(f, "")

    def add(self, f: ImportField, issue: Issue) -> None:
        self.issues.append(RowIssue(self.row, self.label(f), issue))


# Which column an Issue about a Person field points at.
_COLUMN_OF_FIELD = {
    "full_name": ImportField.FULL_NAME,
    "gender": ImportField.GENDER,
    "birth": ImportField.BIRTH,
    "id_number": ImportField.ID_NUMBER,
    "phone": ImportField.PHONE,
    "notes": ImportField.NOTES,
}


def _gender(reader: _RowReader, name: str) -> tuple[Gender | None, bool]:
    """(gender, guessed)."""
    raw = reader.text(ImportField.GENDER)
    folded = _folded(raw)
    if folded in _MALE_WORDS:
        return Gender.MALE, False
    if folded in _FEMALE_WORDS:
        return Gender.FEMALE, False
    if raw:
        reader.add(ImportField.GENDER, Issue("gender", IssueCode.GENDER_INVALID, Severity.ERROR))
        return None, False
    # No gender written: the middle name "Thị"/"Văn" tells it for most Kinh names.
    words = fold_for_search(name).split()
    if "thi" in words[1:-1]:
        return Gender.FEMALE, True
    if "van" in words[1:-1]:
        return Gender.MALE, True
    return None, False


def _marked_head(reader: _RowReader, name: str) -> bool:
    """The "Chủ hộ" column holds a mark on the head's row, or the head's name on every row
    of the household (then the row whose name it is, is the head)."""
    mark = _folded(reader.text(ImportField.HEAD))
    if mark in _NO_WORDS:
        return False
    if len(mark.split()) >= 2 and mark not in _HEAD_WORDS:
        return mark == fold_for_search(name)
    return True


def _birth(
    reader: _RowReader, today: dt.date
) -> tuple[BirthDate | None, Gender | None, ImportField]:
    """Birth and, in the two-column "Nam | Nữ" layout, the gender its column tells."""
    male = reader.text(ImportField.BIRTH_MALE)
    female = reader.text(ImportField.BIRTH_FEMALE)
    if male or female:
        f = ImportField.BIRTH_MALE if male else ImportField.BIRTH_FEMALE
        gender = Gender.MALE if male else Gender.FEMALE
        raw = male or female
        if _folded(raw) in _MARKS:  # "Nam | Nữ" columns holding an x, not a year
            f, raw = ImportField.BIRTH, reader.text(ImportField.BIRTH)
    else:
        f, gender, raw = ImportField.BIRTH, None, reader.text(ImportField.BIRTH)
    birth, issues = parse_birth(raw, today)
    for issue in issues:
        reader.add(f, issue)
    return birth, gender, f


def _id_number(reader: _RowReader) -> str:
    raw = reader.text(ImportField.ID_NUMBER)
    cleaned, kind = classify_id_number(raw)
    if kind is IdKind.INVALID and reader.was_number(ImportField.ID_NUMBER):
        # Excel stored the ID as a number and dropped its leading zeros (002… → 2…).
        restored = restore_id_zeros(cleaned)
        if restored is not None:
            zeros = len(restored) - len(cleaned)
            reader.add(
                ImportField.ID_NUMBER,
                Issue(
                    "id_number",
                    ImportIssueCode.ID_ZERO_RESTORED,
                    Severity.WARNING,
                    {"zeros": zeros},
                ),
            )
            return restored
    return cleaned if kind is not IdKind.INVALID else raw


def _phone(reader: _RowReader) -> str:
    raw = reader.text(ImportField.PHONE)
    restored = restore_phone_zero(raw) if reader.was_number(ImportField.PHONE) else None
    if restored is not None:
        # Excel stored the number as a number: 0912345678 became 912345678.
        reader.add(
            ImportField.PHONE,
            Issue("phone", ImportIssueCode.PHONE_ZERO_RESTORED, Severity.WARNING),
        )
        return restored
    return normalize_phone(raw) if raw else ""


def _lost(reader: _RowReader, lost: Mapping[int, str]) -> None:
    """Cells of known columns read as empty though they are not: a formula whose value was
    never saved, or an Excel error such as #N/A."""
    for column, error in sorted(lost.items()):
        f = reader.columns.fields.get(column)
        if f is None or f is ImportField.IGNORE:
            continue
        if error:
            issue = Issue(f.value, ImportIssueCode.CELL_ERROR, Severity.ERROR, {"error": error})
        else:
            issue = Issue(f.value, ImportIssueCode.FORMULA_WITHOUT_VALUE, Severity.ERROR)
        reader.add(f, issue)


def read_row(
    columns: ColumnMap,
    cells: Sequence[str],
    row: int,
    today: dt.date,
    numbers: Set[int] | None = None,
    lost: Mapping[int, str] | None = None,
    layout: _Layout | None = None,
) -> ImportRow:
    """One data row as a Person (household_id left empty) with its issues. ``numbers``: the
    columns whose cells were numbers (None: any all-digit cell may have been one);
    ``lost``: the columns whose cells read empty though they are not (a formula without a
    value: "", an Excel error: "#N/A")."""
    reader = _RowReader(layout or _Layout(columns), cells, row, numbers)
    if lost:
        _lost(reader, lost)
    name = reader.text(ImportField.FULL_NAME)
    birth, birth_gender, _ = _birth(reader, today)
    gender, guessed = _gender(reader, name)
    if birth_gender is not None and gender is None:
        gender = birth_gender
    if guessed and birth_gender is None:
        reader.add(
            ImportField.FULL_NAME,
            Issue("gender", ImportIssueCode.GENDER_GUESSED, Severity.WARNING, {"gender": gender}),
        )
    id_number = _id_number(reader)
    relationship = reader.text(ImportField.RELATIONSHIP)
    is_head = _folded(relationship) in _HEAD_WORDS or _marked_head(reader, name)
    if is_head and _folded(relationship) in ("", "ch"):
        relationship = "Chủ hộ"
    phone = _phone(reader)
    person = Person(
        household_id="",
        full_name=name,
        gender=gender or Gender.MALE,
        birth=birth,
        id_number=id_number,
        ethnicity=reader.text(ImportField.ETHNICITY) or "Kinh",
        relationship=relationship,
        phone=phone,
        occupation=reader.text(ImportField.OCCUPATION),
        notes=normalize_multiline(_cell(cells, columns.column_of(ImportField.NOTES))),
    )
    # parse_birth has checked the birth and reported it against the right column already.
    for issue in validate_person(person, today, birth_checked=True):
        if issue.code == IssueCode.ID_NUMBER_GENDER_MISMATCH and gender is None:
            continue  # compared with a placeholder gender
        target = _COLUMN_OF_FIELD.get(issue.field, ImportField.FULL_NAME)
        reader.add(target, issue)
    if gender is None and not reader.text(ImportField.GENDER):
        reader.add(
            ImportField.GENDER,
            Issue("gender", IssueCode.REQUIRED_MISSING, Severity.ERROR),
        )
    hamlet = reader.text(ImportField.HAMLET)
    if is_formula_like(hamlet):
        reader.add(ImportField.HAMLET, Issue("hamlet", IssueCode.TEXT_FORMULA_LIKE, Severity.ERROR))
    code = reader.text(ImportField.HOUSEHOLD_CODE)
    if code and not household_code_ok(code):
        reader.add(
            ImportField.HOUSEHOLD_CODE,
            Issue(
                "code",
                ImportIssueCode.CODE_INVALID,
                Severity.ERROR,
                {"max_length": HOUSEHOLD_CODE_MAX},
            ),
        )
    return ImportRow(
        row=row,
        person=person,
        is_head=is_head,
        household_code=code,
        hamlet=hamlet,
        address=reader.text(ImportField.ADDRESS),
        issues=reader.issues,
    )


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
    they are not (see read_row)."""
    out = []
    lost_cells = lost_cells or {}
    no_lost: dict[int, str] = {}
    no_columns: frozenset[int] = frozenset()
    layout = _Layout(columns)
    for index in range(columns.header_row + 1, len(rows)):
        cells = rows[index]
        lost = lost_cells.get(index, no_lost)
        if not lost and not any(c.strip() for c in cells):
            continue
        numbers = None if number_cells is None else number_cells.get(index, no_columns)
        out.append(read_row(columns, cells, index + first_row, today, numbers, lost, layout))
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
