"""Flat tables for Excel and other programs: CSV (UTF-8 with BOM) or XLSX, text kept text.

Every spreadsheet CamKet writes (the upload spreadsheet, `report progress --csv`, the
movements CSV) goes through `write_table`, so they all follow one set of rules:

- a ``str`` is text, always: a personal ID "002084001234" keeps its zeros (in XLSX a text
  cell formatted ``@``); an ``int`` or ``float`` is a number; a ``date`` is a day and a
  ``datetime`` a moment (DD/MM/YYYY, DD/MM/YYYY HH:MM); None is an empty cell;
- text that Excel would run as a formula (it starts with = + - @, a tab or a carriage
  return) never runs: in CSV it gets a leading apostrophe, in XLSX it is a text cell;
- CSV: UTF-8 with a BOM (Excel shows the diacritics), RFC 4180 quoting, the delimiter ``;``
  (what Excel expects on a Vietnamese Windows) or ``,``; a decimal number is written with
  the separator that fits it, ``,`` beside ``;`` and ``.`` beside ``,``;
- the file is written whole or not at all, never over a register (desktop.outputs).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress, WorkStopped
from desktop.exchange.xlsx_bounds import MAX_CELL_CHARS
from desktop.outputs import writing_output

Cell = str | int | float | dt.date | dt.datetime | None
SheetKind = Literal["csv", "xlsx"]

DELIMITERS = (";", ",")
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, the header included
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BATCH = 1000  # rows between progress reports and cancel checks


@dataclass(frozen=True)
class SheetFormat:
    """How a table is written: its kind (from the file's suffix) and, for CSV, the delimiter."""

    kind: SheetKind = "csv"
    delimiter: str = ";"

    def __post_init__(self) -> None:
        if self.delimiter not in DELIMITERS:
            raise KnownError("spreadsheet.bad_delimiter", delimiter=self.delimiter)

    @property
    def decimal(self) -> str:
        """The decimal separator that fits the delimiter: ',' beside ';', '.' beside ','."""
        return "," if self.delimiter == ";" else "."


def format_for(path: Path, delimiter: str = ";") -> SheetFormat:
    """The format a file's suffix asks for (.csv or .xlsx); KnownError for any other."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise KnownError("spreadsheet.bad_suffix", path=str(path))
    return SheetFormat("xlsx" if suffix == ".xlsx" else "csv", delimiter)


@dataclass(frozen=True)
class Written:
    rows: int  # data rows, the header not counted
    cancelled: bool = False


def write_table(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    fmt: SheetFormat | None = None,
    *,
    title: str = "",
    total: int = 0,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Written:
    """Write ``header`` and ``rows`` to ``path`` (whole, or nothing when cancelled).
    ``title`` names the XLSX worksheet; ``total`` (the expected row count) is what
    ``progress`` counts toward."""
    fmt = fmt or format_for(path)
    count = 0
    try:
        with writing_output(path) as temp:
            if fmt.kind == "xlsx":
                count = _write_xlsx(temp, header, rows, title, total, progress, cancelled)
            else:
                count = _write_csv(temp, header, rows, fmt, total, progress, cancelled)
    except WorkStopped:
        return Written(count, cancelled=True)
    return Written(count)


def inert(text: str) -> str:
    """The text as a CSV cell that no spreadsheet runs: "=1+1" → "'=1+1"."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_cell(value: Cell, decimal: str = ",") -> str:
    """One value as CSV text (see the module's rules)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", decimal)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def _tick(count: int, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
    if count % _BATCH:
        return
    if cancelled and cancelled():
        raise WorkStopped
    if progress:
        progress(count, max(total, count))


def _write_csv(
    temp: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    fmt: SheetFormat,
    total: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> int:
    count = 0
    with temp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=fmt.delimiter)
        writer.writerow([inert(h) for h in header])
        for row in rows:
            writer.writerow([csv_cell(v, fmt.decimal) for v in row])
            count += 1
            _tick(count, total, progress, cancelled)
    if progress:
        progress(count, count)
    return count


def _write_xlsx(
    temp: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    title: str,
    total: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title))
    sheet.freeze_panes = "A2"
    cells = _XlsxCells(sheet, len(header))
    heading = []
    for text in header:
        cell = cells.make(text, "@")
        cell.font = Font(bold=True)
        heading.append(cell)
    sheet.append(heading)
    count = 0
    try:
        for row in rows:
            sheet.append([cells.cell(column, value) for column, value in enumerate(row)])
            count += 1
            _tick(count, total, progress, cancelled)
    except BaseException:
        # Cancelled or failed: end openpyxl's row writer (left open, it fails at exit) and
        # remove the temporary file it streams the rows into.
        sheet.close()
        with contextlib.suppress(OSError, AttributeError):
            sheet._writer.cleanup()
        raise
    from openpyxl.writer.excel import ExcelWriter

    # Our own archive, closed whatever happens: on a full disk openpyxl's own would be left
    # open, and Python would complain about it on stderr long after the message.
    with temp.open("wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    if progress:
        progress(count, count)
    return count


_XLSX_FORMATS = {
    "text": "@",
    "float": "0.0",
    "date": "DD/MM/YYYY",
    "datetime": "DD/MM/YYYY HH:MM",
}
# Text that Excel would take for a number, a date or a formula once someone edits the cell
# ("002084001234", "0912345678", "03478", "=…"): a text cell formatted @ keeps it text.
_NUMBER_LIKE = frozenset("0123456789+-=@.,\t\r ")


class _XlsxCells:
    """Cells for a write-only sheet. Plain text and whole numbers go in as values; what
    needs a format (number-like text, decimals, days, moments) goes in a styled cell, one
    per column and kind reused row after row: a write-only sheet turns a row into XML as it
    is appended, and styling a fresh cell for each of a district's two million values
    would cost more than writing them."""

    def __init__(self, sheet: Any, width: int) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        # XML 1.0 has no control characters but tab, newline and carriage return: a stray
        # one pasted into a note would make the whole file unreadable to Excel.
        self._illegal = ILLEGAL_CHARACTERS_RE
        self._sheet = sheet
        self._cells: list[dict[str, Any]] = [{} for _ in range(width)]

    def make(self, value: Cell, number_format: str) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self._sheet, value=value)
        cell.number_format = number_format
        return cell

    def cell(self, column: int, value: Cell) -> Any:
        if value is None or value == "":
            return None  # no cell (openpyxl would write an empty text cell for "")
        if isinstance(value, str):
            text = _within_a_cell(self._illegal.sub("", value))
            if text[:1] not in _NUMBER_LIKE:
                return text  # openpyxl writes a str as a text cell (one with "=" aside)
            return self._styled(column, "text", text)
        if isinstance(value, bool | int):
            return int(value)
        if isinstance(value, float):
            return self._styled(column, "float", value)
        return self._styled(column, "datetime" if isinstance(value, dt.datetime) else "date", value)

    def _styled(self, column: int, kind: str, value: Cell) -> Any:
        cell = self._cells[column].get(kind)
        if cell is None:
            cell = self._cells[column][kind] = self.make(None, _XLSX_FORMATS[kind])
        cell.value = value
        if kind == "text":
            cell.data_type = "s"  # "=…" stays text, never a formula
        return cell


def _within_a_cell(text: str) -> str:
    """The text as much as an Excel cell holds (32,767 UTF-16 units): longer, Excel calls the
    whole workbook damaged. Cut, it ends in "…" (the CSV keeps the whole text)."""
    if len(text) <= MAX_CELL_CHARS // 2 or len(text.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS:
        return text
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > MAX_CELL_CHARS - 1:  # room left for the "…"
            return text[:index] + "…"
    return text


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a worksheet's name.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return cleaned[:31] or "Sheet1"
