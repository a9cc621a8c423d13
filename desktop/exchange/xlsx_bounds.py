"""Checking an XLSX file stays within a list's bounds before any cell is decoded."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree import ElementTree

from desktop.domain.errors import KnownError
from desktop.domain.import_columns import column_letter

MAX_COLUMNS = 256  # Excel 2003's width; a list of households has a few dozen columns
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
# A cell's text in the XML, escaped (&amp;, &#x1EA1;): at most 8 bytes a character.
MAX_CELL_BYTES = 8 * MAX_CELL_CHARS
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # every part unpacked: a 250,000-row list is ~130 MB
MAX_CELLS = 8_000_000  # the sheet's area (rows × columns): 250,000 rows of 32 columns
_CHUNK = 1024 * 1024
_SMALL_PART = 4 * 1024 * 1024  # workbook.xml and its relationships, read whole

_DIMENSION = re.compile(
    rb'<dimension\b[^>]*?\bref="([A-Z]{1,3})?(\d{1,9})?(?::([A-Z]{1,3})(\d{1,9}))?"'
)
_ROW = re.compile(rb'<row\b[^>]*?\sr="(\d{1,10})"')
# A sheet whose tags carry a namespace prefix (<x:worksheet>, <x:row>, <x:c>), as programs
# built on Microsoft's OpenXML SDK write it: calamine reads it as any.
_PREFIXED_ROOT = re.compile(rb"<(\w{1,16}:)worksheet\b")
# A row hidden by hand, by a filter or in a collapsed group: Excel writes hidden="1",
# LibreOffice hidden="true" (the attributes in either order).
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\shidden="(?:1|true)"[^>]*>')
# Columns hidden, in the sheet's <cols> (before its rows): <col min="3" max="4" hidden="1"/>.
_HIDDEN_COLUMNS = re.compile(rb'<col\b[^>]*?\shidden="(?:1|true)"[^>]*>')
_COLUMN_SPAN = re.compile(rb'\s(min|max)="(\d{1,5})"')
# A range of merged cells, in the sheet's <mergeCells> (after its rows): "E4:E9".
OVERLAPPING_MERGES = "các vùng gộp ô chồng lên nhau"  # import.damaged's detail
_MERGED = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
# A cell reference from column AA on, or in a row from 100,000 on (rows' r="12" have no
# letters): few lists reach either. The reader places a cell where its reference says, in
# upper or lower case, however far (ZZZZZZ2 or B4000000000 asked it for terabytes, and the
# process was aborted). Written to start with its literal r=" (the space before it checked
# looking back), so the scan jumps from one r=" to the next instead of trying the pattern at
# every byte; its first letter taken once, before the two ways on (every cell's reference
# tried both after it: a fifth of the scan).
_WIDE_CELL = re.compile(rb'r="(?<=\sr=")([A-Za-z](?:[A-Za-z]+|(?=\d{6})))(\d+)"')
# Where _WIDE_CELL may match: an r=" whose reference begins with two letters, or a letter and
# six digits. A list's sheet has few or none, and _WIDE_CELL is tried only there (tried at
# every one of the bench's 410,000 references, it took ~30 ms of CPU over the 19 MB sheet;
# this look ~20 ms). Every match of _WIDE_CELL starts at one of these, and none holds another.
_WIDE_CELL_START = re.compile(rb'r="(?=[A-Za-z](?:[A-Za-z]|\d{6}))')
# A cell with a formula: its attributes, and its cached value (group 2) when it has one.
_FORMULA_CELL = re.compile(
    rb"<c\b([^>]*)>\s*<f\b(?:[^>]*/>|[^>]*>[^<]*</f>)\s*"
    rb"(?:<v\b[^>]*/>|<v\b[^>]*>([^<]*)</v>)?\s*(?:<is>.*?</is>\s*)?</c>",
    re.S,
)
# A cell showing an Excel error (#N/A, #VALUE!…): its attributes and the error.
_ERROR_CELL = re.compile(
    rb'<c\b([^>]*\st="e"[^>]*)>(?:\s*<f\b(?:[^>]*/>|[^>]*>[^<]*</f>))?\s*<v>([^<]*)</v>'
)
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})(\d{1,10})"')
# A cell's opening tag with its style index (group 1), in either order of its attributes.
_STYLED_CELL = re.compile(rb'<c\b[^>]*?\ss="(\d{1,6})"[^>]*>')
# A count a part declares (the shared strings' count="…" and uniqueCount="…"): the reader
# makes room for that many before it reads one (999999999999 aborted the process). A list
# holds at most MAX_CELLS cells: no honest count has eight digits.
_HUGE_COUNT = re.compile(rb'ount="(\d{8,})"')


def column_number(letters: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27, 'XFD' → 16384."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


@dataclass
class XlsxBounds:
    """What the scan learnt of cells the reader gives as empty, by (row, column), 1-based:
    formulas without a cached value (""), and Excel errors ("#N/A"); and the part name of
    the sheet it scanned (the workbook's first one shown: not a hidden one)."""

    lost_cells: list[tuple[int, int, str]] = field(default_factory=list)
    # Cells whose format shows a date without its day, by (row, column): "month" ("05/2001",
    # "mmm-yy") or "year" ("yyyy"): Excel keeps "05/2001" typed as 1 May 2001.
    dayless_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    sheet: str = ""
    sheet_name: str = ""  # as the workbook names it (its tab)
    sheet_count: int = 1
    # Rows hidden in the sheet (by hand, a filter, a collapsed group), 1-based: read as any.
    hidden_rows: list[int] = field(default_factory=list)
    # Columns hidden in the sheet, marked by their 1-based number (up to MAX_COLUMNS: a
    # sheet often hides all those right of its list, to XFD): read as any. A mark each, not
    # a list the sheet's <col> elements add to: a 148 KB file repeating one hidden span a
    # million times grew such a list to 2 GB.
    hidden_marks: bytearray = field(default_factory=lambda: bytearray(MAX_COLUMNS + 1))
    # Merged cells over several rows, by (first row, last row, column), 1-based: the value
    # shows on every row of the range, the file holds it in the first.
    merged_down: list[tuple[int, int, int]] = field(default_factory=list)
    merged_cells: int = 0  # the rows under the first of every range of merged_down

    @property
    def hidden_columns(self) -> list[int]:
        """The columns hidden, 1-based, in order."""
        return [column for column, hidden in enumerate(self.hidden_marks) if hidden]


def check_xlsx(path: str, source: str, max_rows: int) -> XlsxBounds:
    """Refuse (KnownError naming the file) an XLSX whose parts unpack beyond
    MAX_UNPACKED_BYTES (read from the zip directory, before anything is unpacked), whose
    first sheet claims or holds more than ``max_rows`` rows, MAX_COLUMNS columns or
    MAX_CELLS cells, or any of whose XML holds a text longer than a cell can be. The parts
    are unpacked a megabyte at a time: the scan itself stays small whatever the file."""
    bounds = XlsxBounds()
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        unpacked = sum(i.file_size for i in infos)
        if unpacked > MAX_UNPACKED_BYTES:
            raise KnownError(
                "import.too_large",
                file=source,
                size_mb=unpacked // (1024 * 1024),
                maximum_mb=MAX_UNPACKED_BYTES // (1024 * 1024),
            )
        sheet, bounds.sheet_name, bounds.sheet_count = _first_sheet(archive, source)
        bounds.sheet = sheet
        dayless = _dayless_styles(archive, source)
        for info in infos:
            if info.filename == sheet:
                _scan_sheet(archive, info, source, max_rows, bounds, dayless)
            elif info.filename.endswith((".xml", ".rels")):
                for segment in _segments(archive, info, source):
                    if (count := _HUGE_COUNT.search(segment)) and int(count[1]) > MAX_CELLS:
                        detail = f"{info.filename} khai báo {int(count[1])} mục"
                        raise KnownError("import.damaged", file=source, detail=detail)
    return bounds


def _first_sheet(archive: zipfile.ZipFile, source: str) -> tuple[str, str, int]:
    """The part name and the name of the sheet the import reads, and how many sheets the
    workbook has: its first worksheet shown (a hidden one before it, drop-down values or
    an older copy, is not what the clerk sees in the list), else its first."""
    try:
        workbook = _small_xml(archive, "xl/workbook.xml", source)
        rels = _small_xml(archive, "xl/_rels/workbook.xml.rels", source)
    except KeyError as exc:
        raise KnownError("import.not_spreadsheet", file=source) from exc
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter() if r.get("Id")}
    sheets = [e for e in workbook.iter() if e.tag.rsplit("}", 1)[-1] == "sheet"]
    found = [(e.get("name", ""), e.get("state", "visible"), _target(e, targets)) for e in sheets]
    shown = [f for f in found if f[1] == "visible" and "worksheets/" in f[2]]
    if len(shown) > 1:
        # The first sheet shown that holds something: the list typed on Sheet2 beside an
        # empty Sheet1 was refused as an empty file.
        shown = [next((f for f in shown if _holds_a_value(archive, _part(f[2]), source)), shown[0])]
    name, _, target = (shown or found or [("", "", "")])[0]
    if not target:
        raise KnownError("import.empty", file=source)
    return _part(target), name, len(found)


def _part(target: str) -> str:
    """The archive's name of the part a workbook's relationship targets."""
    return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)


_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)>")


def _holds_a_value(archive: zipfile.ZipFile, part: str, source: str) -> bool:
    """Whether the sheet ``part`` has a cell holding a value (a formatted empty cell holds
    none); read up to its first such cell."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return False
    return any(_VALUE.search(segment) for segment in _segments(archive, info, source))


def _target(sheet: ElementTree.Element, targets: dict[str | None, str]) -> str:
    """The part a workbook's <sheet> points at, through its r:id."""
    rel_id = next((v for k, v in sheet.attrib.items() if k.rsplit("}", 1)[-1] == "id"), "")
    return targets.get(rel_id, "") if rel_id else ""


def _small_xml(archive: zipfile.ZipFile, name: str, source: str) -> ElementTree.Element:
    info = archive.getinfo(name)
    if info.file_size > _SMALL_PART:
        raise KnownError("import.damaged", file=source, detail=f"{name} quá lớn")
    try:
        return ElementTree.fromstring(archive.read(info))
    except ElementTree.ParseError as exc:
        raise KnownError("import.damaged", file=source, detail=f"{name}: {exc}") from exc


def _segments(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> Iterator[bytes]:
    """The part's bytes in pieces that end where a cell ends (else where a tag begins),
    refusing a text longer than any cell can hold as soon as it is seen."""
    carry = b""
    with archive.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            buffer = carry + chunk
            end = buffer.rfind(b"</c>") + 4
            if end < 4 or len(buffer) - end > _CHUNK:
                end = max(buffer.rfind(b"<"), 0)
            segment, carry = buffer[:end], buffer[end:]
            if _has_long_text(segment) or len(carry) > MAX_CELL_BYTES + _CHUNK:
                raise KnownError("import.cell_too_long", file=source, maximum=MAX_CELL_CHARS)
            if segment:
                yield segment
    if _has_long_text(carry):
        raise KnownError("import.cell_too_long", file=source, maximum=MAX_CELL_CHARS)
    yield carry


def _has_long_text(data: bytes) -> bool:
    """Whether ``data`` holds more than MAX_CELL_BYTES without a '<'. Such a run covers
    one of the windows of half that size laid end to end, so only a window with no '<'
    (a find that stops at once in ordinary XML) has its run measured."""
    window = MAX_CELL_BYTES // 2
    for start in range(0, len(data) - window + 1, window):
        if data.find(b"<", start, start + window) == -1:
            before = data.rfind(b"<", 0, start) + 1
            after = data.find(b"<", start + window)
            if (len(data) if after == -1 else after) - before > MAX_CELL_BYTES:
                return True
    return False


def _scan_sheet(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    source: str,
    max_rows: int,
    bounds: XlsxBounds,
    dayless: dict[int, str],
) -> None:
    """The sheet's claimed area, then its real one: the reader makes room for every cell
    from A1 to the last row and the widest column, whatever lies between. The cells styled
    with a ``dayless`` date format (by style index) go in ``bounds.dayless_cells``."""
    last_row, last_column = 0, 26  # cells in columns A–Z are not looked at one by one
    prefix = b""
    for number, segment in enumerate(_segments(archive, info, source)):
        if number == 0 and (named := _PREFIXED_ROOT.search(segment, 0, 1024)):  # its root
            prefix = named[1]
        if prefix:  # <x:row>, <x:c>: read as the tags every pattern here looks for
            segment = segment.replace(b"<" + prefix, b"<").replace(b"</" + prefix, b"</")
        if number == 0 and (claim := _DIMENSION.search(segment)):
            _check_area(source, claim, max_rows)
        if rows := _ROW.findall(segment):
            last_row = max(last_row, max(map(int, rows)))
            if last_row > max_rows:
                raise KnownError("import.too_many_rows", file=source, maximum=max_rows)
        for start in _WIDE_CELL_START.finditer(segment):
            if (cell := _WIDE_CELL.match(segment, start.start())) is None:
                continue
            letters, row = cell.groups()
            column = column_number(letters.decode().upper())
            if column > MAX_COLUMNS:
                raise KnownError(
                    "import.too_many_columns",
                    file=source,
                    row=int(row),
                    column=letters.decode().upper()[:8],
                    maximum=MAX_COLUMNS,
                )
            if int(row) > max_rows:
                raise KnownError("import.too_many_rows", file=source, maximum=max_rows)
            last_column = max(last_column, column)
        # "f" alone first: one byte is looked for at memory speed, and a list's text has
        # few (the two bytes "<f" cost a sixth of the scan, on every segment).
        if b"f" in segment and b"<f" in segment:
            _formulas(segment, bounds)
        if b't="e"' in segment:
            _errors(segment, bounds)
        if dayless and b' s="' in segment:
            _dayless(segment, bounds, dayless)
        if b'hidden="' in segment:  # a list's rows seldom are (~1 ms over the bench's sheet)
            _hidden(segment, bounds)
        # Merged cells come after the rows: looked for past a segment's last cell only (a
        # segment of cells ends with one, so nothing of it is read again).
        if segment.find(b"<mergeCell ", segment.rfind(b"</c>") + 1) != -1:
            _merged(segment, bounds, source, max_rows)
    if last_row * last_column > MAX_CELLS:
        raise KnownError(
            "import.sheet_too_large",
            file=source,
            area=f"A1:{column_letter(last_column - 1)}{last_row}",
            rows=last_row,
            columns=last_column,
        )


def _check_area(source: str, claim: re.Match[bytes], max_rows: int) -> None:
    """The <dimension ref="A1:XFD200001"> a sheet claims."""
    last_letters, last_row = claim[3] or claim[1], claim[4] or claim[2]
    if not last_letters or not last_row:
        return
    rows, columns = int(last_row), column_number(last_letters.decode())
    if rows > max_rows or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise KnownError(
            "import.sheet_too_large",
            file=source,
            area=claim[0].split(b'"')[1].decode(),
            rows=rows,
            columns=columns,
        )


def _formulas(segment: bytes, bounds: XlsxBounds) -> None:
    for cell in _FORMULA_CELL.finditer(segment):
        attributes, value = cell[1], cell[2]
        if value or (value is not None and b't="str"' in attributes):
            continue  # a cached value (an empty text is a formula's fair result)
        ref = _CELL_REF.search(attributes)
        if ref is not None:
            bounds.lost_cells.append((int(ref[2]), column_number(ref[1].decode()), ""))


def _dayless(segment: bytes, bounds: XlsxBounds, dayless: dict[int, str]) -> None:
    for cell in _STYLED_CELL.finditer(segment):
        kind = dayless.get(int(cell[1]))
        ref = _CELL_REF.search(cell[0]) if kind else None
        if ref is not None and kind is not None:
            bounds.dayless_cells[(int(ref[2]), column_number(ref[1].decode()))] = kind


def _hidden(segment: bytes, bounds: XlsxBounds) -> None:
    for row in _HIDDEN_ROW.finditer(segment):
        if (number := _ROW.match(row[0])) is not None:
            bounds.hidden_rows.append(int(number[1]))
    if b"<col " in segment:  # the sheet's start: its columns' widths, and which are hidden
        for columns in _HIDDEN_COLUMNS.finditer(segment):
            span = {kind: int(number) for kind, number in _COLUMN_SPAN.findall(columns[0])}
            low = max(span.get(b"min", 1), 1)
            high = min(span.get(b"max", low), MAX_COLUMNS)
            if low <= high:
                bounds.hidden_marks[low : high + 1] = b"\x01" * (high + 1 - low)


def _merged(segment: bytes, bounds: XlsxBounds, source: str, max_rows: int) -> None:
    for merged in _MERGED.finditer(segment):
        first, last = int(merged[2]), min(int(merged[4]), max_rows)
        column = column_number(merged[1].decode())
        if last > first and column <= MAX_COLUMNS:
            bounds.merged_down.append((first, last, column))
            bounds.merged_cells += last - first
            if bounds.merged_cells > MAX_CELLS:
                # More cells merged than a sheet of a list has: ranges laid over one another
                # (never Excel's), refused as they come, not once millions are kept (a 610 KB
                # file of 9.5 million took 1.9 GB before the import refused it).
                raise KnownError("import.damaged", file=source, detail=OVERLAPPING_MERGES)


def _dayless_styles(archive: zipfile.ZipFile, source: str) -> dict[int, str]:
    """The workbook's cell styles (by index) whose number format shows a date without its
    day: "month" (Excel's own 17, "mmm-yy"; "mm/yyyy") or "year" ("yyyy")."""
    try:
        styles = _small_xml(archive, "xl/styles.xml", source)
    except (KeyError, KnownError):  # none, or bloated past 4 MB (styles copied in over years)
        return {}
    codes = {
        int(e.get("numFmtId", "-1")): e.get("formatCode", "")
        for e in styles.iter()
        if e.tag.rsplit("}", 1)[-1] == "numFmt" and e.get("numFmtId", "").isdigit()
    }
    found: dict[int, str] = {}
    cell_styles = next((e for e in styles.iter() if e.tag.rsplit("}", 1)[-1] == "cellXfs"), None)
    for index, xf in enumerate(cell_styles if cell_styles is not None else ()):
        number = xf.get("numFmtId", "")
        if not number.isdigit():
            continue
        kind = "month" if int(number) == 17 else _dayless_kind(codes.get(int(number), ""))
        if kind:
            found[index] = kind
    return found


def _dayless_kind(code: str) -> str | None:
    """ "month" for a date format with a month and a year but no day ("mm/yyyy", "mmm-yy"),
    "year" for a year alone ("yyyy"), else None (a day, a time, or no date)."""
    shown = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code.split(";", 1)[0]).lower()
    if "y" not in shown or "d" in shown or "h" in shown or "s" in shown:
        return None
    return "month" if "m" in shown else "year"


def _errors(segment: bytes, bounds: XlsxBounds) -> None:
    for cell in _ERROR_CELL.finditer(segment):
        ref = _CELL_REF.search(cell[1])
        if ref is not None:
            error = cell[2].decode("utf-8", "replace").strip() or "#"
            bounds.lost_cells.append((int(ref[2]), column_number(ref[1].decode()), error))
