"""Reading a list file (CSV in any common encoding, XLSX) into rows of text cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from desktop.domain.errors import KnownError
from desktop.domain.legacy_text import Legacy, detect_legacy

MAX_ROWS = 250_000  # a district's people fit; anything longer is not a commune's list
MAX_CSV_BYTES = 200 * 1024 * 1024
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


def read_sheet(path: Path | str, *, max_rows: int = MAX_ROWS) -> Sheet:
    """The first sheet of an XLSX file, or a CSV file, as text cells.

    Raises KnownError (naming the file) for a missing, empty, damaged, encrypted or
    foreign file, or one longer than ``max_rows``.
    """
    path = Path(path)
    source = path.name
    if not path.is_file():
        raise KnownError("import.file_missing", file=str(path))
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
    data = path.read_bytes()[: 4 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "import.encrypted"
    return "import.old_xls"


# --- XLSX ---------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path, source: str, max_rows: int) -> Sheet:
    import openpyxl  # ~100 ms of imports, paid only by an import
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings(), path.open("rb") as fh:
            # openpyxl warns about styles and extensions it skips: nothing a clerk can act on.
            warnings.simplefilter("ignore")
            # The content said ZIP; a file object, not the path, so openpyxl does not refuse a
            # list that lost its .xlsx extension on the way (Zalo, e-mail: ".csv", ".xls", none).
            workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0] if workbook.worksheets else None
                if sheet is None:
                    raise KnownError("import.empty", file=source)
                rows: list[list[str]] = []
                for values in sheet.iter_rows(values_only=True):
                    if len(rows) >= max_rows:
                        raise KnownError("import.too_many_rows", file=source, maximum=max_rows)
                    rows.append([_cell_text(v) for v in values])
            finally:
                workbook.close()
    except KnownError:
        raise
    except zipfile.BadZipFile as exc:
        raise KnownError("import.damaged", file=source, detail=str(exc)) from exc
    except (
        InvalidFileException,
        KeyError,
        OSError,
        EOFError,
        zlib.error,
        ParseError,
        ValueError,
        TypeError,
    ) as exc:
        if not zipfile.is_zipfile(path) or "xl/workbook.xml" not in _names(path):
            raise KnownError("import.not_spreadsheet", file=source) from exc
        raise KnownError("import.damaged", file=source, detail=str(exc)) from exc
    width = max((len(r) for r in rows), default=0)
    return Sheet(source, "xlsx", "xlsx", [r + [""] * (width - len(r)) for r in rows])


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
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data, "utf-8-sig", source), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", source), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = "\n".join(text[:_SNIFF_BYTES].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _read_csv(path: Path, source: str, max_rows: int) -> Sheet:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise KnownError("import.too_many_rows", file=source, maximum=max_rows)
    text, encoding = decode_text(path.read_bytes(), source)
    if _looks_binary(text):
        raise KnownError("import.not_spreadsheet", file=source)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text), strict=True)
    rows: list[list[str]] = []
    try:
        for values in reader:
            if len(rows) >= max_rows:
                raise KnownError("import.too_many_rows", file=source, maximum=max_rows)
            rows.append(values)
    except csv.Error as exc:
        raise KnownError(
            "import.damaged_row", file=source, row=reader.line_num, detail=str(exc)
        ) from exc
    width = max((len(r) for r in rows), default=0)
    return Sheet(source, "csv", encoding, [r + [""] * (width - len(r)) for r in rows])
