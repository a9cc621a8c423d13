"""Columns of an imported list: which field each header means, found without a mapping."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from itertools import zip_longest

from desktop.domain.errors import KnownError
from desktop.domain.legacy_text import tcvn3_to_unicode, vni_to_unicode
from desktop.domain.text import fold_for_search

HEADER_SCAN_ROWS = 20  # lists often start with a title, the commune and a blank line


class ImportField(StrEnum):
    """What a column of an imported list holds (the names of the mapping JSON)."""

    FULL_NAME = "full_name"
    # A name split over columns, as national lists have it: "Họ và tên đệm" | "Tên", or "Họ" |
    # "Tên đệm" | "Tên" (the last one is the full_name column, "Tên").
    FAMILY_NAME = "family_name"
    MIDDLE_NAME = "middle_name"
    BIRTH = "birth"
    BIRTH_MALE = "birth_male"  # the old two-column "Năm sinh: Nam | Nữ" layout
    BIRTH_FEMALE = "birth_female"
    GENDER = "gender"
    ID_NUMBER = "id_number"
    RELATIONSHIP = "relationship"
    HEAD = "head"  # a mark (x, có, chủ hộ) on the row of the head of household
    HAMLET = "hamlet"
    ADDRESS = "address"
    PHONE = "phone"
    ETHNICITY = "ethnicity"
    HOUSEHOLD_CODE = "household_code"
    OCCUPATION = "occupation"
    NOTES = "notes"
    RESIDENCE = "residence"  # Thường trú / Tạm trú, as camket spreadsheet writes it
    COMMUNE_CODE = "commune_code"  # the commune's official code, as camket spreadsheet has it
    IGNORE = "ignore"


# Folded headers (fold_for_search: no marks, đ→d, lower case) as communes write them.
HEADER_ALIASES: dict[ImportField, tuple[str, ...]] = {
    ImportField.FULL_NAME: (
        "ho va ten",
        "ho ten",
        "ho va ten nhan khau",
        "ho ten nhan khau",
        "ho va ten thanh vien",
        "ten",
    ),
    ImportField.FAMILY_NAME: (
        "ho",
        "ho va ten dem",
        "ho va chu dem",
        "ho dem",
        "ho va ten lot",
        "ho va dem",
    ),
    ImportField.MIDDLE_NAME: ("ten dem", "chu dem", "ten lot", "dem"),
    ImportField.BIRTH: (
        "ngay sinh",
        "ngay thang nam sinh",
        "ngay thang sinh",
        "nam sinh",
        "ns",
        "sinh ngay",
    ),
    ImportField.BIRTH_MALE: ("nam sinh nam", "nam"),
    ImportField.BIRTH_FEMALE: ("nam sinh nu", "nu"),
    ImportField.GENDER: ("gioi tinh", "gioi", "nam nu", "gt"),
    ImportField.ID_NUMBER: (
        "so cccd",
        "cccd",
        "so dinh danh",
        "so dinh danh ca nhan",
        "so ddcn",
        "ma dinh danh",
        "so cmnd",
        "cmnd",
        "so cmnd cccd",
        "cmnd cccd",
        "so cccd cmnd",
        "cccd cmnd",
        "so can cuoc",
        "so can cuoc cong dan",
    ),
    ImportField.RELATIONSHIP: (
        "quan he voi chu ho",
        "quan he",
        "qh voi chu ho",
        "quan he chu ho",
    ),
    ImportField.HEAD: ("chu ho", "la chu ho"),
    ImportField.HAMLET: (
        "thon",
        "ban",
        "ap",
        "thon ban",
        "thon ban ap",
        "thon xom",
        "xom",
        "to dan pho",
        "khu pho",
        "to",
        "thon to",
    ),
    ImportField.ADDRESS: ("so nha", "dia chi", "noi o", "noi o hien nay", "dia chi thuong tru"),
    ImportField.PHONE: ("so dien thoai", "dien thoai", "sdt", "dt", "so dt"),
    ImportField.ETHNICITY: ("dan toc",),
    ImportField.HOUSEHOLD_CODE: ("ma ho", "ma ho gia dinh", "ma hgd", "so ho", "ma so ho"),
    ImportField.OCCUPATION: ("nghe nghiep", "nghe"),
    ImportField.NOTES: ("ghi chu",),
    # Not "nơi cư trú": a place, not a kind of residence.
    ImportField.RESIDENCE: (
        "cu tru",
        "tinh trang cu tru",
        "loai cu tru",
        "hinh thuc cu tru",
        "thuong tru tam tru",
    ),
    ImportField.COMMUNE_CODE: ("ma xa", "ma xa phuong", "ma don vi hanh chinh", "ma dvhc"),
}
_BY_ALIAS: dict[str, ImportField] = {
    alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases
}
# Fields a column may be mapped to more than once would make rows ambiguous: only the first
# column of a kind is taken, the others are reported as ignored.


def is_known_header(text: str) -> bool:
    """The header as it stands (no legacy decoding) names a field: Unicode, keep it."""
    return fold_for_search(text) in _BY_ALIAS


def recognise_header(text: str) -> ImportField | None:
    """The field a header names, also when the header was typed in TCVN3 or VNI."""
    for candidate in (text, tcvn3_to_unicode(text), vni_to_unicode(text)):
        folded = fold_for_search(candidate)
        field = _BY_ALIAS.get(folded)
        if field is ImportField.FAMILY_NAME and folded == "ho":
            # "Họ", the family name, not "Hộ" (a household's number), which folds alike.
            field = field if "họ" in unicodedata.normalize("NFC", candidate).lower() else None
        if field is not None:
            return field
    return None


@dataclass(frozen=True)
class ColumnMap:
    """Which field each column holds: header row index and {column index: field}."""

    header_row: int  # 0-based index into the sheet's rows
    headers: tuple[str, ...]
    fields: Mapping[int, ImportField]
    # Rows right under the header that hold no person (below_header): the list's rows begin
    # after them.
    skipped: int = 0

    @property
    def first_row(self) -> int:
        """The index of the first row that may hold a person."""
        return self.header_row + 1 + self.skipped

    @cached_property
    def _columns(self) -> dict[ImportField, int]:
        return {f: index for index, f in sorted(self.fields.items(), reverse=True)}

    def column_of(self, field: ImportField) -> int | None:
        return self._columns.get(field)

    def label(self, column: int) -> str:
        """How a message names a column: its header, else its spreadsheet letter."""
        header = self.headers[column].strip() if column < len(self.headers) else ""
        return header or column_letter(column)


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA' (as a spreadsheet names its columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _fields_of(headers: Sequence[str], hidden: Set[int] = frozenset()) -> dict[int, ImportField]:
    """Each field's column: the first whose header names it, a column ``hidden`` in the
    sheet only when no column shown does (an old column hidden beside its new one)."""
    found: dict[int, ImportField] = {}
    order: Iterable[int] = range(len(headers))
    if hidden:  # seldom: the columns shown first
        order = sorted(order, key=lambda index: index in hidden)
    for index in order:
        field = recognise_header(headers[index])
        if field is not None and field not in found.values():
            found[index] = field
    return dict(sorted(found.items())) if hidden else found


def _resolve_two_column_birth(fields: dict[int, ImportField]) -> dict[int, ImportField]:
    # "Nam" and "Nữ" are birth columns only as a pair; a lone "Nam" column is not a gender.
    kinds = set(fields.values())
    if not {ImportField.BIRTH_MALE, ImportField.BIRTH_FEMALE} <= kinds:
        return {
            i: f
            for i, f in fields.items()
            if f not in (ImportField.BIRTH_MALE, ImportField.BIRTH_FEMALE)
        }
    return fields


def find_columns(
    rows: Sequence[Sequence[str]], source: str, hidden: Set[int] = frozenset()
) -> ColumnMap:
    """The header row (the one naming the most fields, among the first rows) and its fields
    (those of ``hidden`` columns only when no column shown names them).

    KnownError "import.no_columns" when no row names at least a full name column.
    """
    best: tuple[int, int, dict[int, ImportField]] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = _resolve_two_column_birth(_fields_of(row, hidden))
        if ImportField.FULL_NAME not in fields.values():
            continue
        if best is None or len(fields) > best[1]:
            best = (index, len(fields), fields)
    if best is None:
        raise KnownError("import.no_columns", file=source)
    index, _, fields = best
    return below_header(rows, ColumnMap(index, tuple(rows[index]), fields))


# A cell of the row of column numbers official forms put under their headers: "1", "(2)",
# "A", "(B)".
_COLUMN_NUMBER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z])\)?")


def below_header(rows: Sequence[Sequence[str]], columns: ColumnMap) -> ColumnMap:
    """``columns`` with the rows right under its header that hold no person taken out of the
    list: a second header row (a header over two rows, "Năm sinh" merged over the columns
    "Nam" and "Nữ": its headers name those columns' fields), then a row numbering the
    columns ("(1)", "(2)" or "A", "B", 1, 2 as official forms have it)."""
    return _without_numbers_row(rows, _with_second_header(rows, columns))


def _with_second_header(rows: Sequence[Sequence[str]], columns: ColumnMap) -> ColumnMap:
    names = columns.column_of(ImportField.FULL_NAME)
    at = columns.first_row
    if names is None or at >= len(rows) or not _is_second_header(rows[at], names):
        return columns
    headers, group = [], ""
    for top, below in zip_longest(columns.headers, rows[at], fillvalue=""):
        # A header merged over several columns is held by its first cell only.
        group = top.strip() or (group if below.strip() else "")
        headers.append(" ".join(filter(None, (group, below.strip()))))
    fields = {**columns.fields, **_fields_of(rows[at])}
    return ColumnMap(
        columns.header_row,
        tuple(headers),
        _resolve_two_column_birth(fields),
        columns.skipped + 1,
    )


def _without_numbers_row(rows: Sequence[Sequence[str]], columns: ColumnMap) -> ColumnMap:
    names = columns.column_of(ImportField.FULL_NAME)
    at = columns.first_row
    if names is None or at >= len(rows) or not _numbers_columns(rows[at], names):
        return columns
    return ColumnMap(columns.header_row, columns.headers, columns.fields, columns.skipped + 1)


def _is_second_header(row: Sequence[str], names: int) -> bool:
    """A row with no name whose every cell (two at least) is a header CamKet knows."""
    cells = [cell for cell in row if cell.strip()]
    return (
        not _cell(row, names)
        and len(cells) >= 2
        and all(recognise_header(cell) is not None for cell in cells)
    )


def _numbers_columns(row: Sequence[str], names: int) -> bool:
    """A row whose name is a column's number, as is every cell of it (two at least)."""
    cells = [cell.strip() for cell in row if cell.strip()]
    return (
        _COLUMN_NUMBER.fullmatch(_cell(row, names)) is not None
        and len(cells) >= 2
        and all(_COLUMN_NUMBER.fullmatch(cell) for cell in cells)
    )


def _cell(row: Sequence[str], column: int) -> str:
    return row[column].strip() if column < len(row) else ""


def map_columns(
    rows: Sequence[Sequence[str]],
    mapping: Mapping[str, str],
    source: str,
    header_row: int | None = None,
) -> ColumnMap:
    """A ColumnMap from a mapping {header text or column letter: field name}.

    Columns the mapping does not name keep their recognised field. The header row is the
    one given (1-based, as the spreadsheet shows it), else the one find_columns picks, else
    the first row holding one of the mapped headers.
    """
    fields_by_name = {f.value: f for f in ImportField}
    for key, name in mapping.items():
        if name not in fields_by_name:
            raise KnownError("import.mapping_bad_field", file=source, column=key, field=name)
    if header_row is not None:
        if not 1 <= header_row <= len(rows):
            raise KnownError("import.mapping_bad_header_row", file=source, row=header_row)
        index = header_row - 1
    else:
        index = _row_with_headers(rows, mapping)
    first = tuple(rows[index]) if rows else ()
    found_here = _with_second_header(rows, ColumnMap(index, first, _fields_of(first)))
    headers = found_here.headers
    letters = {column_letter(i): i for i in range(len(headers))}
    by_header: dict[str, int] = {}
    for row in rows[index : found_here.first_row]:
        for column, header in enumerate(row):
            if header.strip():
                by_header.setdefault(fold_for_search(header), column)
    fields = dict(found_here.fields)
    for key, name in mapping.items():
        found = by_header.get(fold_for_search(key), letters.get(key.strip().upper()))
        if found is None:
            raise KnownError("import.mapping_unknown_column", file=source, column=key)
        wanted = fields_by_name[name]
        if wanted is not ImportField.IGNORE:  # one column per field: the mapping's wins
            fields = {c: f for c, f in fields.items() if f is not wanted}
        fields[found] = wanted
    fields = {c: f for c, f in fields.items() if f is not ImportField.IGNORE}
    if ImportField.FULL_NAME not in fields.values():
        raise KnownError("import.no_columns", file=source)
    return _without_numbers_row(
        rows, ColumnMap(index, headers, _resolve_two_column_birth(fields), found_here.skipped)
    )


def _row_with_headers(rows: Sequence[Sequence[str]], mapping: Mapping[str, str]) -> int:
    try:
        return find_columns(rows, "").header_row
    except KnownError:
        pass
    wanted = {fold_for_search(k) for k in mapping}
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if wanted & {fold_for_search(cell) for cell in row}:
            return index
    return 0
