"""Reading a list file (CSV in any common encoding, XLSX) into rows of text cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from desktop.domain.errors import KnownError
from desktop.domain.import_columns import column_letter
from desktop.domain.legacy_text import Legacy, detect_legacy
from desktop.exchange.xlsx_bounds import MAX_CELL_CHARS, MAX_COLUMNS, check_xlsx
from desktop.exchange.xlsx_unmerged import without_merge_pass
from desktop.file_kinds import refuse_register

log = logging.getLogger(__name__)

MAX_ROWS = 250_000  # a district's people fit; anything longer is not a commune's list
MAX_CSV_BYTES = 64 * 1024 * 1024  # a district's 250,000 rows take ~40 MB
_SNIFF_BYTES = 256 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and every encrypted Office file
_ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGICS = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x1f\x8b",
)


@dataclass
class Sheet:
    """A list as text cells: ``rows[0]`` is the spreadsheet's row ``first_row``."""

    source: str  # the file's name, for messages
    kind: str  # "csv" or "xlsx"
    encoding: str  # how the bytes were read ("utf-8", "windows-1258", "xlsx", …)
    rows: list[list[str]]
    first_row: int = 1
    # Cells Excel stored as whole numbers, by row index then column index; None for a CSV,
    # whose every all-digit field may have been one (Excel writes them without quotes).
    number_cells: dict[int, set[int]] | None = None
    # Cells read as empty that are not, by row index then column index: a formula with no
    # value saved ("": files not written by Excel), or an Excel error ("#N/A").
    lost_cells: dict[int, dict[int, str]] = field(default_factory=dict)
    sheet_name: str = ""  # an XLSX's sheet read, as its tab names it
    # An XLSX's rows hidden (by hand, a filter, a collapsed group) that hold something, as
    # the sheet numbers them: read like the others, named to the clerk (import report).
    hidden_rows: list[int] = field(default_factory=list)
    # An XLSX's columns hidden, by column index (0 for A): read like the others, named.
    hidden_columns: list[int] = field(default_factory=list)
    # An XLSX's cells merged down a column, by (first row, last row, column) index: the
    # first holds the value every row of the range shows (import_lists fills them).
    merged_down: list[tuple[int, int, int]] = field(default_factory=list)


def read_sheet(path: Path | str, *, max_rows: int = MAX_ROWS) -> Sheet:
    """The first sheet of an XLSX file, or a CSV file, as text cells.

    Raises KnownError (naming the file) for a missing, empty, damaged, encrypted or
    foreign file, or one longer than ``max_rows``.
    """
    path = Path(path)
    source = path.name
    if not path.is_file():
        if path.exists():  # a folder (the stick, not its file), a device, a pipe
            raise KnownError("import.not_spreadsheet", file=source)
        raise KnownError("import.file_missing", file=str(path))
    refuse_register(path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise KnownError("import.empty", file=source)
    if head.startswith(_OLE_MAGIC):
        raise KnownError(_ole_kind(path), file=source)
    if head.startswith(_ZIP_MAGIC):
        sheet = _read_xlsx(path, source, max_rows)
    elif head.startswith(_BINARY_MAGICS):
        raise KnownError("import.not_spreadsheet", file=source)
    else:
        sheet = _read_csv(path, source, max_rows)
    if not any(any(c.strip() for c in row) for row in sheet.rows):
        raise KnownError("import.empty", file=source)
    return sheet


def _ole_kind(path: Path) -> str:
    # An encrypted .xlsx is an OLE compound file holding an "EncryptedPackage" stream.
    with path.open("rb") as fh:
        data = fh.read(4 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "import.encrypted"
    return "import.old_xls"


# --- XLSX ---------------------------------------------------------------------------------


def _is_panic(exc: BaseException) -> bool:
    """Whether ``exc`` is a panic of a library written in Rust (calamine, age, …), which
    pyo3 raises as a BaseException: never an interrupt or an exit."""
    return type(exc).__name__ == "PanicException"


def _cell_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _read_xlsx(path: Path, source: str, max_rows: int) -> Sheet:
    """The first sheet shown, read by calamine once check_xlsx has found it within bounds."""
    from python_calamine import CalamineError, PasswordError

    try:
        bounds = check_xlsx(str(path), source, max_rows)
        # Bytes, not the path, so a list that lost its .xlsx extension on the way (Zalo,
        # e-mail: ".csv", ".xls", none) is still read by its content; the sheet's pass for
        # merged cells, which the import does not use, cut short (xlsx_unmerged).
        data = path.read_bytes()
        unmerged = without_merge_pass(data, bounds.sheet)
        try:
            rows, numbers = _first_sheet(unmerged or data, bounds.sheet_name, source, max_rows)
        except KnownError:
            raise
        except BaseException as exc:
            # The rebuilt bytes refused (a calamine release stricter about what comes
            # before the sheet's XML): the file as it is, as before xlsx_unmerged.
            if unmerged is None or not (isinstance(exc, Exception) or _is_panic(exc)):
                raise
            log.warning("XLSX read without its merged-cell pass refused (%s): read as is", exc)
            rows, numbers = _first_sheet(data, bounds.sheet_name, source, max_rows)
    except KnownError:
        raise
    except PasswordError as exc:
        raise KnownError("import.encrypted", file=source) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise KnownError("import.damaged", file=source, detail=str(exc)) from exc
    except (CalamineError, KeyError, OSError) as exc:
        if not zipfile.is_zipfile(path) or "xl/workbook.xml" not in _names(path):
            raise KnownError("import.not_spreadsheet", file=source) from exc
        raise KnownError("import.damaged", file=source, detail=str(exc)) from exc
    except BaseException as exc:
        # A panic of the Rust reader (pyo3's PanicException is no Exception): a date cell
        # of -1e300 days ended the command with a traceback, or left the window's lane
        # waiting for a job that would never report.
        if not _is_panic(exc):
            raise
        raise KnownError("import.damaged", file=source, detail=str(exc)) from exc
    width = max((len(r) for r in rows), default=0)
    lost: dict[int, dict[int, str]] = {}
    for row, column, error in bounds.lost_cells:
        lost.setdefault(row - 1, {})[column - 1] = error
    for cells in rows:
        if len(cells) < width:
            cells += [""] * (width - len(cells))
    for (row, column), kind in bounds.dayless_cells.items():
        if row <= len(rows) and column <= width:
            rows[row - 1][column - 1] = _dayless_text(rows[row - 1][column - 1], kind)
    # A workbook of several sheets: which one was read, by the name on its tab.
    read_as = f"xlsx, trang tính “{bounds.sheet_name}”" if bounds.sheet_count > 1 else "xlsx"
    hidden = [
        row
        for row in bounds.hidden_rows  # none in most lists: nothing looked at
        if row <= len(rows) and any(cell.strip() for cell in rows[row - 1])
    ]
    return Sheet(
        source,
        "xlsx",
        read_as,
        rows,
        number_cells=numbers,
        lost_cells=lost,
        sheet_name=bounds.sheet_name,
        hidden_rows=hidden,
        hidden_columns=[column - 1 for column in bounds.hidden_columns if column <= width],
        merged_down=[
            (first - 1, min(last, len(rows)) - 1, column - 1)
            for first, last, column in bounds.merged_down  # none in most lists
            if first < len(rows) and column <= width
        ],
    )


_SHOWN_DATE = re.compile(r"\d\d/(\d\d/\d{4})")


def _dayless_text(text: str, kind: str) -> str:
    """A date cell's text as its format shows it: "05/2001" for a month and a year,
    "2001" for a year alone (Excel keeps "05/2001" typed as 1 May 2001)."""
    if not (shown := _SHOWN_DATE.fullmatch(text)):
        return text  # not a date: a number or a text the format does not change
    return shown[1] if kind == "month" else shown[1][-4:]


def _first_sheet(
    data: bytes, name: str, source: str, max_rows: int
) -> tuple[list[list[str]], dict[int, set[int]]]:
    """The cells of the XLSX ``data``'s sheet ``name`` (check_xlsx found it: the first
    shown), else its first (_sheet_rows)."""
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        if not workbook.sheet_names:
            raise KnownError("import.empty", file=source)
        if name in workbook.sheet_names:
            return _sheet_rows(workbook.get_sheet_by_name(name), source, max_rows)
        return _sheet_rows(workbook.get_sheet_by_index(0), source, max_rows)


_TEXT_ONLY = frozenset({str})


def _sheet_rows(
    sheet: Any, source: str, max_rows: int
) -> tuple[list[list[str]], dict[int, set[int]]]:
    """Text cells from A1 (as openpyxl gave them, so rows and letters are the sheet's), and
    which cells held whole numbers (by row index, then column index)."""
    # From A1, blank rows and columns before the first cell included: the whole area at
    # once (calamine's rows one by one, then padded, took a fifth longer).
    rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
    if len(rows) > max_rows:
        raise KnownError("import.too_many_rows", file=source, maximum=max_rows)
    numbers: dict[int, set[int]] = {}
    if set(map(type, chain.from_iterable(rows))) <= _TEXT_ONLY:  # the usual list: all text
        return rows, numbers
    for index, values in enumerate(rows):
        if set(map(type, values)) <= _TEXT_ONLY:
            continue
        whole = {i for i, v in enumerate(values) if type(v) is float and v.is_integer()}
        if whole:
            numbers[index] = whole
        rows[index] = [_cell_text(v) for v in values]
    return rows, numbers


def _names(path: Path) -> set[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return set()


# --- CSV ----------------------------------------------------------------------------------


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes.

    UTF-8 and UTF-16 (with a BOM) first; then Windows-1258 when its tones compose; then
    lists typed with TCVN3/VNI fonts, whose bytes are the Western code page's (decoded as
    Windows-1252 so the legacy tables apply); then charset-normalizer's guess.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", source), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"  # with its BOM or without
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # UTF-8 to its last bytes, cut in a letter
            row = data.count(b"\n", 0, exc.start) + 1
            raise KnownError("import.cut_short", file=source, row=row) from exc
    _refuse_two_encodings(data, source)
    if _cp1258_composes(data[:_SNIFF_BYTES]):
        return _decode(data, "cp1258", source), "windows-1258"
    if b"\x00" not in data[:_SNIFF_BYTES]:
        latin = data.decode("latin-1")
        if detect_legacy(latin[:_SNIFF_BYTES].splitlines()) is not Legacy.NONE:
            return data.decode("cp1252", errors="replace"), "windows-1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SNIFF_BYTES]).best()
    if best is None:
        raise KnownError("import.not_spreadsheet", file=source)
    encoding = str(best.encoding)
    return _decode(data, encoding, source), encoding.replace("_", "-").replace("cp", "windows-")


def _refuse_two_encodings(data: bytes, source: str) -> None:
    """KnownError naming a line of each when the bytes that are not UTF-8 sit beside lines
    of UTF-8 letters: two lists pasted into one file (one saved as UTF-8, one by an older
    Excel or typed in TCVN3/VNI), of which either encoding would have garbled one half."""
    unicode_line = other_line = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            unicode_line = unicode_line or number
        if unicode_line and other_line:
            raise KnownError(
                "import.two_encodings", file=source, utf8=unicode_line, other=other_line
            )


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def _cp1258_composes(sample: bytes) -> bool:
    """Windows-1258 writes tones as combining bytes after their vowel; read that way, nearly
    every tone follows a vowel. TCVN3 and VNI bytes read as 1258 leave
    loose marks after consonants ("ThÞ", "Thò" for "Thị"), so they fail this test."""
    text = sample.decode("cp1258", errors="replace")
    tones = loose = 0
    for prev, ch in zip(" " + text, text, strict=False):
        if ch in _TONE_MARKS:
            tones += 1
            loose += prev not in _VOWELS
    return tones > 0 and loose * 10 <= tones


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise KnownError("import.damaged", file=source, detail=str(exc)) from exc


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    return "\x00" in sample or controls > len(sample) // 100


_SEP_LINE = re.compile(r"sep=([,;\t|])[ \t]*(?:\r?\n|$)", re.IGNORECASE)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    if said := _SEP_LINE.match(text):
        # "sep=;" on the first line: Excel's own hint, which programs writing for Excel put
        # there (and the sniffer reads as a list separated by "="). The line stays: the
        # header is looked for below it, as below a title.
        separator = said[1]

        class Said(csv.excel):
            delimiter = separator

        return Said
    sample = "\n".join(text[:_SNIFF_BYTES].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _read_csv(path: Path, source: str, max_rows: int) -> Sheet:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise KnownError(
            "import.too_large",
            file=source,
            size_mb=path.stat().st_size // (1024 * 1024),
            maximum_mb=MAX_CSV_BYTES // (1024 * 1024),
        )
    text, encoding = decode_text(path.read_bytes(), source)
    if _looks_binary(text):
        nul = text.find("\x00")
        # Not UTF-16's every other character: one or two NULs (a short list of a few
        # lines is under a hundred characters a NUL), or one in a hundred.
        nuls = text.count("\x00")
        stray = nul >= 0 and (nuls <= 2 or nuls * 100 <= len(text))
        if stray and not _looks_binary(text.replace("\x00", "")):
            # A list of text with a stray NUL (a damaged save, a hostile cell): say where.
            raise KnownError("import.nul", file=source, row=text.count("\n", 0, nul) + 1)
        raise KnownError("import.not_spreadsheet", file=source)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text), strict=True)
    rows: list[list[str]] = []
    ended = 0  # the line the last row read ended on: the next one begins below it
    try:
        for values in reader:
            if len(rows) >= max_rows:
                raise KnownError("import.too_many_rows", file=source, maximum=max_rows)
            if (
                values
                and values[-1].strip()
                and len(values) <= MAX_COLUMNS
                and max(map(len, values)) <= MAX_CELL_CHARS
            ):  # the usual row: within bounds, no trailing empty field to drop
                rows.append(values)
            else:
                rows.append(_bounded(values, source, reader.line_num))
            ended = reader.line_num
    except csv.Error as exc:
        if "field limit" in str(exc):  # longer than csv.field_size_limit(): 131,072
            raise KnownError("import.cell_too_long", file=source, maximum=MAX_CELL_CHARS) from exc
        if "unexpected end of data" in str(exc):
            # A quote opened and never closed took every line below into one cell: the row
            # it opened in is where to look, not the file's last line that csv reached.
            raise KnownError("import.open_quote", file=source, row=ended + 1) from exc
        if "expected after" in str(exc):  # "Páo" Lò: a quoted start, then more text
            raise KnownError("import.text_after_quote", file=source, row=reader.line_num) from exc
        raise KnownError(
            "import.damaged_row", file=source, row=reader.line_num, detail=str(exc)
        ) from exc
    width = max(map(len, rows), default=0)
    for cells in rows:
        if len(cells) < width:
            cells += [""] * (width - len(cells))
    return Sheet(source, "csv", encoding, rows)


def _bounded(values: list[str], source: str, row: int) -> list[str]:
    """A CSV row without its trailing empty fields, refused when it is wider than a list
    or one of its cells longer than a cell can be."""
    while values and not values[-1].strip():
        values.pop()
    if len(values) > MAX_COLUMNS:
        raise KnownError(
            "import.too_many_columns",
            file=source,
            row=row,
            column=column_letter(MAX_COLUMNS),
            maximum=MAX_COLUMNS,
        )
    longest = max(values, key=len, default="")
    if len(longest) > MAX_CELL_CHARS:
        raise KnownError("import.cell_too_long_at", file=source, row=row, maximum=MAX_CELL_CHARS)
    return values
