"""Rows of an imported list read into people and checked, cell by cell."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from typing import Any, TypeVar

from desktop.domain.entities import (
    BirthDate,
    CleanPerson,
    Gender,
    Person,
    ResidenceKind,
    new_ids,
)
from desktop.domain.import_cells import (
    MARKS,
    CellReader,
    ImportIssueCode,
)
from desktop.domain.import_columns import ColumnMap, ImportField
from desktop.domain.text import normalize_text, remembered_fold
from desktop.domain.text_bounds import HAMLET_TEXT, HOUSEHOLD_TEXT, PERSON_TEXT, TextField
from desktop.domain.validation import (
    Issue,
    IssueCode,
    Severity,
    id_number_issues,
    notes_with_phones,
    phones_in_notes_issue,
)

__all__ = [
    "IMPORT_ISSUE_CODES",
    "ImportIssueCode",
    "ImportRow",
    "RowIssue",
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


@dataclass(slots=True)
class ImportRow:
    """One person row of the list, its values cleaned and checked."""

    row: int  # 1-based, as the spreadsheet shows it
    person: Person
    is_head: bool
    household_code: str
    hamlet: str
    address: str
    issues: list[RowIssue] = field(default_factory=list)
    # The list's Cư trú cell named the person's residence (else a new person is thường trú
    # and a stored one keeps theirs).
    residence_given: bool = False

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


T = TypeVar("T")

# A list's closing total, folded: "Cộng", "Tổng cộng: 12 hộ, 47 khẩu", "Tổng số".
_TOTAL = re.compile(
    r"(?:tong cong|tong so|tong|cong)(?: \d.*| (?:so )?(?:ho|khau|nhan khau|nguoi)\b.*)?"
)


def _is_total(row: Sequence[str], names: int | None) -> bool:
    """A row of totals: a cell saying so (in the name column, or in another with the name
    column empty), no person's name."""
    name = remembered_fold(row[names]) if names is not None and names < len(row) else ""
    if name:
        return _TOTAL.fullmatch(name) is not None
    return any(_TOTAL.fullmatch(remembered_fold(cell)) for cell in row if cell.strip())


# A hamlet's heading row over its households, as commune lists without a Thôn column have
# them ("I | BẢN NẬM TĂM", "II. Thôn Nà Pò"): its kind word with its marks, since folded
# "ban " is also the surname Bàn; "tổ dân phố " before "tổ ".
_HEADING_WORDS = (
    "thôn ", "bản ", "xóm ", "tổ dân phố ", "khu phố ", "tổ ", "khu ", "ấp ", "làng ", "đội "
)  # fmt: skip
_NUMBERING = re.compile(r"(?:[IVX]+|\d{1,3}|[A-Z])[.):-]?")  # "I", "II.", "3)", "A"
_NUMBERED = re.compile(r"(?:[IVX]+|\d{1,3}|[A-Z])\s*[.):-]\s*")  # "II. Thôn Nà Pò"


def _heading(row: Sequence[str]) -> str | None:
    """The hamlet a heading row names (one text, or a numbering and one text, the text
    a hamlet's name with its kind word: "I | BẢN NẬM TĂM" -> "Bản Nậm Tăm"), else None."""
    texts = [text for text in map(str.strip, row) if text]
    if not texts or len(texts) > 2 or (len(texts) == 2 and not _NUMBERING.fullmatch(texts[0])):
        return None
    title = normalize_text(texts[-1])
    numbered = _NUMBERED.match(title)
    if numbered is not None and len(texts) == 1:
        title = title[numbered.end() :]
    if len(title) > HAMLET_TEXT["name"].maximum or not title.lower().startswith(_HEADING_WORDS):
        return None
    return title.title() if title.isupper() else title


def _under_headings(
    columns: ColumnMap, rows: Sequence[Sequence[str]], indexes: list[int]
) -> dict[int, str]:
    """Takes the hamlets' heading rows out of ``indexes``; the hamlet each row under one
    falls in, by row index. Only the rows with no birth date are looked at (a person's row
    has one): a list with no heading costs a check of its birth cells (~5 ms for 41,000)."""
    undated = indexes
    for f in (ImportField.BIRTH, ImportField.BIRTH_MALE, ImportField.BIRTH_FEMALE):
        column = columns.column_of(f)
        if column is not None:
            undated = [i for i in undated if len(rows[i]) <= column or not rows[i][column].strip()]
    headings = {i: named for i in undated if (named := _heading(rows[i])) is not None}
    if not headings:
        return {}
    under: dict[int, str] = {}
    hamlet = ""
    for index in indexes:
        if index in headings:
            hamlet = headings[index]
        elif hamlet:
            under[index] = hamlet
    indexes[:] = [index for index in indexes if index not in headings]
    return under


# The words of a Cư trú cell, folded (domain.text.fold_for_search).
_RESIDENCES = {
    "thuong tru": ResidenceKind.PERMANENT,
    "tt": ResidenceKind.PERMANENT,
    "tam tru": ResidenceKind.TEMPORARY,
}

_GENDER_INVALID = Issue("gender", IssueCode.GENDER_INVALID, Severity.ERROR)
_GENDER_MISSING = Issue("gender", IssueCode.REQUIRED_MISSING, Severity.ERROR)
_GENDER_GUESSED = {
    g: Issue("gender", ImportIssueCode.GENDER_GUESSED, Severity.WARNING, {"gender": g})
    for g in Gender
}


# The list's columns of free text → the field (of a person, a household, a hamlet) it fills
# and that field's bound (domain.text_bounds), as the window keeps it.
_BOUNDED: Mapping[ImportField, tuple[str, TextField]] = {
    ImportField.FULL_NAME: ("full_name", PERSON_TEXT["full_name"]),
    ImportField.ETHNICITY: ("ethnicity", PERSON_TEXT["ethnicity"]),
    ImportField.RELATIONSHIP: ("relationship", PERSON_TEXT["relationship"]),
    ImportField.OCCUPATION: ("occupation", PERSON_TEXT["occupation"]),
    ImportField.NOTES: ("notes", PERSON_TEXT["notes"]),
    ImportField.ADDRESS: ("address", HOUSEHOLD_TEXT["address"]),
    ImportField.HAMLET: ("hamlet", HAMLET_TEXT["name"]),
}


_NOTES_MAX = PERSON_TEXT["notes"].maximum


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

    def read_all(
        self,
        rows: Sequence[Sequence[str]],
        indexes: Sequence[int],
        first_row: int,
        number_cells: Mapping[int, Set[int]] | None,
        lost_cells: Mapping[int, Mapping[int, str]],
    ) -> list[ImportRow]:
        """The rows at ``indexes``, each as a Person (household_id left empty) with its
        issues. Each column's cells are read at once (each distinct text once, by the
        CellReader), then each row is put together from its readings: no row of cells is
        padded, picked or read field by field (the half of an import's reading spent on the
        row itself). ``number_cells``: by row index, the columns whose cells were numbers
        (None: any all-digit cell may have been one); ``lost_cells``: the cells read empty
        though they are not (a formula without a value: "", an Excel error: "#N/A")."""
        picked = [rows[index] for index in indexes]
        count = len(picked)
        shortest = min(map(len, picked), default=0)
        read = self.cells

        taken: dict[ImportField, list[str]] = {}  # each column's cells, taken once

        def cells_of(f: ImportField) -> list[str] | None:
            column = self.column.get(f)
            if column is None:
                return None
            if (cells := taken.get(f)) is None:
                if column < shortest:
                    cells = list(map(itemgetter(column), picked))
                else:
                    cells = [row[column] if column < len(row) else "" for row in picked]
                taken[f] = cells
            return cells

        def readings(f: ImportField, reading: Callable[[str], T]) -> Iterable[T]:
            cells = cells_of(f)
            return repeat(reading(""), count) if cells is None else map(reading, cells)

        def was_number(cells: list[str] | None, column: int) -> Iterable[bool]:
            if cells is None or (number_cells is not None and not number_cells):
                return repeat(False, count)
            if number_cells is None:  # a CSV: any all-digit field may have been a number
                return [cell.strip().isdigit() for cell in cells]
            no_columns: frozenset[int] = frozenset()
            return [column in number_cells.get(index, no_columns) for index in indexes]

        too_long = self._too_long(cells_of, indexes, first_row)
        name_cells = cells_of(ImportField.FULL_NAME) or [""] * count
        split = [cells_of(f) for f in (ImportField.FAMILY_NAME, ImportField.MIDDLE_NAME)]
        if any(part is not None for part in split):  # "Họ và tên đệm" | "Tên": one name
            parts = [part or [""] * count for part in split]
            name_cells = [
                " ".join(filter(None, map(str.strip, p)))
                for p in zip(*parts, name_cells, strict=True)
            ]
        names = [read.name(cell) for cell in name_cells]
        # (birth, its issues), or with the two "Nam | Nữ" columns (birth, its issues, the
        # gender its column tells, that column's label).
        births: Iterable[tuple[Any, ...]]
        if self.two_birth_columns:
            births = map(
                self._birth,
                cells_of(ImportField.BIRTH) or repeat("", count),
                cells_of(ImportField.BIRTH_MALE) or repeat("", count),
                cells_of(ImportField.BIRTH_FEMALE) or repeat("", count),
            )
        else:
            births = readings(ImportField.BIRTH, read.birth)
        id_cells, phone_cells = cells_of(ImportField.ID_NUMBER), cells_of(ImportField.PHONE)
        id_numbers = map(
            read.id_number, id_cells or repeat("", count), was_number(id_cells, self.id_column)
        )
        phones = map(
            read.phone, phone_cells or repeat("", count), was_number(phone_cells, self.phone_column)
        )
        head_cells = cells_of(ImportField.HEAD)
        heads = (
            repeat(False, count)
            if head_cells is None
            # An empty cell marks no head (most rows).
            else [
                cell != "" and read.head_mark(cell, name)
                for cell, name in zip(head_cells, names, strict=True)
            ]
        )
        ids = new_ids(count)
        rows_read = zip(
            indexes,
            names,
            births,
            readings(ImportField.GENDER, read.word),
            id_numbers,
            phones,
            readings(ImportField.RELATIONSHIP, read.word),
            heads,
            readings(ImportField.NOTES, read.notes),
            readings(ImportField.HAMLET, read.hamlet),
            readings(ImportField.HOUSEHOLD_CODE, read.code),
            readings(ImportField.ETHNICITY, read.text),
            readings(ImportField.OCCUPATION, read.text),
            readings(ImportField.ADDRESS, read.text),
            ids,
            strict=True,
        )
        two_birth_columns = self.two_birth_columns
        name_label, birth_label, gender_label = self.name_label, self.birth_label, self.gender_label
        id_label, phone_label, notes_label = self.id_label, self.phone_label, self.notes_label
        hamlet_label, code_label = self.hamlet_label, self.code_label
        # Enum members looked up once, not a row: Python 3.11's Enum class finds each through
        # its __getattr__ hook (~0.2 µs a name).
        male, permanent = Gender.MALE, ResidenceKind.PERMANENT
        out = []
        seen: dict[str, int] = {}  # personal ID -> the first row holding it
        for (
            index,
            name,
            birth_reading,
            gender_word,
            id_number,
            phone,
            relationship,
            head_mark,
            notes,
            hamlet,
            code,
            ethnicity,
            occupation,
            address,
            person_id,
        ) in rows_read:
            row = index + first_row
            issues: list[RowIssue] = []
            if lost_cells and (lost := lost_cells.get(index)):
                self._lost(issues, row, lost)
            if too_long and (long_cells := too_long.get(index)):
                issues += long_cells
            if two_birth_columns:
                birth, birth_issues, birth_gender, row_birth_label = birth_reading
            else:
                (birth, birth_issues), birth_gender, row_birth_label = (
                    birth_reading,
                    None,
                    birth_label,
                )
            if birth_issues:
                issues += [RowIssue(row, row_birth_label, issue) for issue in birth_issues]
            gender = gender_word.gender
            guessed = False
            if gender is None:
                if gender_word.text:
                    issues.append(RowIssue(row, gender_label, _GENDER_INVALID))
                elif name.guess is not None:
                    gender, guessed = name.guess, True
            if birth_gender is not None and gender is None:
                gender = birth_gender
            if guessed and birth_gender is None and gender is not None:
                issues.append(RowIssue(row, name_label, _GENDER_GUESSED[gender]))
            if id_number.issues:
                issues += [RowIssue(row, id_label, issue) for issue in id_number.issues]
            if phone.issues:
                issues += [RowIssue(row, phone_label, issue) for issue in phone.issues]
            is_head = relationship.is_head or head_mark
            relationship_text = relationship.text
            if is_head and relationship.folded in ("", "ch"):
                relationship_text = "Chủ hộ"
            # The checks of validate_person, each made once per distinct text (the birth's
            # and the phone's made above, the birth's against its own column).
            if name.issues:
                issues += [RowIssue(row, name_label, issue) for issue in name.issues]
            if id_number.text:
                for issue in id_number_issues(id_number.cleaned, id_number.kind, gender, birth):
                    issues.append(RowIssue(row, id_label, issue))
            if notes.issues:
                issues += [RowIssue(row, notes_label, issue) for issue in notes.issues]
            notes_text = notes.text
            if phone.others:  # "0912345678 / 0987654321": the second kept in the notes
                notes_text = notes_with_phones(notes_text, phone.others)
                if len(notes_text) > _NOTES_MAX and (
                    long := phones_in_notes_issue(notes.text, phone.others, _NOTES_MAX)
                ):  # on the notes' column (the phone's when the list has none)
                    issues.append(RowIssue(row, notes_label or phone_label, long))
            if gender is None and not gender_word.text:
                issues.append(RowIssue(row, gender_label, _GENDER_MISSING))
            if hamlet.issues:
                issues += [RowIssue(row, hamlet_label, issue) for issue in hamlet.issues]
            if code.issues:
                issues += [RowIssue(row, code_label, issue) for issue in code.issues]
            # The same personal ID on two rows: an error on the later row, naming the first.
            number = id_number.text
            if number and number.isdigit() and (first := seen.setdefault(number, row)) != row:
                issues.append(
                    issue_at(row, id_label, "id_number", ImportIssueCode.DUPLICATE_ID, first=first)
                )
            person = CleanPerson(
                "",
                name.text,
                gender or male,
                birth,
                id_number.text,
                ethnicity or "Kinh",
                relationship_text,
                permanent,
                phone.text,
                occupation,
                notes_text,
                0,
                person_id,
            )
            out.append(ImportRow(row, person, is_head, code.text, hamlet.text, address, issues))
        if (residences := cells_of(ImportField.RESIDENCE)) is not None:
            self._residences(out, residences)
        return out

    def _residences(self, out: list[ImportRow], cells: list[str]) -> None:
        """Each row's Cư trú cell (a column of its own, as camket spreadsheet writes it):
        Thường trú or Tạm trú; an empty cell gives none."""
        label = self.label[ImportField.RESIDENCE]
        for row, cell in zip(out, cells, strict=True):
            if not (text := normalize_text(cell)):
                continue
            kind = _RESIDENCES.get(remembered_fold(text))
            if kind is None:
                code = ImportIssueCode.RESIDENCE_INVALID
                row.issues.append(issue_at(row.row, label, "residence", code, text=text))
                continue
            row.person.residence, row.residence_given = kind, True

    def _too_long(
        self,
        cells_of: Callable[[ImportField], list[str] | None],
        indexes: Sequence[int],
        first_row: int,
    ) -> dict[int, list[RowIssue]]:
        """By row index, the cells longer than their field keeps: each column's longest
        found at once (max of the lengths), its cells looked at one by one only when that is
        too long (a pasted document, another program's filler)."""
        found: dict[int, list[RowIssue]] = {}
        for f, (name, bound) in _BOUNDED.items():
            cells = cells_of(f)
            if not cells or max(map(len, cells)) <= bound.maximum:
                continue
            for index, cell in zip(indexes, cells, strict=True):
                if len(cell) > bound.maximum and len(text := normalize_text(cell)) > bound.maximum:
                    params = {"length": len(text), "maximum": bound.maximum}
                    issue = Issue(name, IssueCode.TEXT_TOO_LONG, Severity.ERROR, params)
                    row_issue = RowIssue(index + first_row, self.label.get(f, ""), issue)
                    found.setdefault(index, []).append(row_issue)
        return found

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
    """Every non-blank row after the header row but the totals closing the list ("Tổng
    cộng: 12 hộ") and the hamlets' heading rows, each of which gives the rows under it their
    hamlet ("I | BẢN NẬM TĂM"); ``first_row`` numbers the sheet's first row.
    ``number_cells`` gives, by row index, the columns whose cells were numbers (None: a
    CSV, where any all-digit cell may have been one); ``lost_cells`` those read empty
    though they are not (see
    _ListReader.read_all)."""
    lost_cells = lost_cells or {}
    indexes = [
        index
        for index in range(columns.first_row, len(rows))
        if lost_cells.get(index) or "".join(rows[index]).strip()
    ]
    names = columns.column_of(ImportField.FULL_NAME)
    while indexes and not lost_cells.get(indexes[-1]) and _is_total(rows[indexes[-1]], names):
        indexes.pop()
    under = _under_headings(columns, rows, indexes)
    reader = _ListReader(columns, today)
    read = reader.read_all(rows, indexes, first_row, number_cells, lost_cells)
    if under:  # a row's own Thôn cell, when it has one, before its heading's
        for index, row in zip(indexes, read, strict=True):
            if not row.hamlet and index in under:
                row.hamlet = under[index]
    return read
