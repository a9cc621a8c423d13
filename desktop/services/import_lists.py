"""Importing the lists a commune already has (CSV, XLSX): dry run, then all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.errors import KnownError
from desktop.domain.import_columns import (
    ColumnMap,
    ImportField,
    column_letter,
    find_columns,
    is_known_header,
    map_columns,
)
from desktop.domain.import_households import Grouping, group_rows, resolve_grouping
from desktop.domain.import_rows import ImportIssueCode, ImportRow, RowIssue, issue_at, read_rows
from desktop.domain.legacy_text import Legacy, capitalise_words, convert_legacy, detect_legacy
from desktop.domain.long_work import Cancelled, Progress, WorkStopped, collector_paused
from desktop.exchange.spreadsheet import MAX_ROWS, Sheet, read_sheet
from desktop.exchange.xlsx_bounds import OVERLAPPING_MERGES
from desktop.services.import_plan import HouseholdAction, ImportPlan, RowStatus, plan_import
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store.admin_units import find_commune
from desktop.store.backups import take_backup
from desktop.store.bulk import LoadBatch, bulk_load, insert_values, loading_into
from desktop.store.communes import get_commune
from desktop.store.register import data_version
from desktop.store.sync import Writer

if TYPE_CHECKING:
    from sqlite_utils import Database

BATCH_HOUSEHOLDS = 500  # progress and cancel are checked between batches


@dataclass
class ImportOptions:
    """How to read a list: the mapping JSON's content, or the wizard's choices."""

    columns: dict[str, str] = field(default_factory=dict)  # header or letter -> field
    header_row: int | None = None  # 1-based, as the spreadsheet shows it
    grouping: Grouping = Grouping.AUTO
    hamlet: str = ""  # hamlet of rows whose list has no hamlet column
    # An XLSX's rows hidden in the sheet (by hand, a filter) are left out, not imported.
    skip_hidden: bool = False


MAX_MAPPING_BYTES = 1024 * 1024  # a mapping names a few dozen columns: a few KB


def load_mapping(path: Path | str) -> ImportOptions:
    """Read a mapping JSON file (docs/import.md); KnownError naming the file when bad."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:  # not a mapping: never read whole
            raise KnownError("import.mapping_too_large", file=path.name, maximum_mb=1)
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise KnownError("import.file_missing", file=str(path)) from exc
    except json.JSONDecodeError as exc:  # Python's words are English: say where, in ours
        detail = f"không phải JSON đúng cách ở dòng {exc.lineno}, cột {exc.colno}"
        raise KnownError("import.mapping_unreadable", file=path.name, detail=detail) from exc
    except (OSError, UnicodeDecodeError, RecursionError) as exc:
        raise KnownError("import.mapping_unreadable", file=path.name, detail=str(exc)) from exc

    def bad(detail: str) -> KnownError:
        return KnownError("import.mapping_unreadable", file=path.name, detail=detail)

    if not isinstance(data, dict):
        raise bad('phải là một đối tượng JSON {…} với khoá "columns" (xem docs/import.md)')
    unknown = set(data) - {"columns", "grouping", "header_row", "hamlet"}
    if unknown:
        raise bad(
            f"không có khoá “{sorted(unknown)[0]}” (chỉ có columns, header_row, grouping,"
            ' hamlet; tên trường ghi trong columns, ví dụ "columns": {"Tên": "full_name"})'
        )
    columns = data.get("columns", {})
    grouping = data.get("grouping", "auto")
    header_row = data.get("header_row")
    hamlet = data.get("hamlet", "")
    if not isinstance(columns, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
    ):
        raise bad('“columns” ghi tên cột → tên trường, ví dụ {"Tên người": "full_name"}')
    if not isinstance(grouping, str) or grouping not in set(Grouping):
        raise bad("“grouping” là một trong auto, code, head_rows, each_row")
    if not (header_row is None or (type(header_row) is int and header_row >= 1)):
        raise bad("“header_row” là số thứ tự dòng tiêu đề: 1, 2, …")
    if not isinstance(hamlet, str):
        raise bad("“hamlet” là tên một thôn/bản")
    return ImportOptions(dict(columns), header_row, Grouping(grouping), hamlet)


@dataclass
class TextReport:
    """What was done to the text: legacy font detected, cells converted, NFD composed."""

    legacy: Legacy = Legacy.NONE
    legacy_cells: int = 0
    nfc_cells: int = 0


@dataclass
class PreparedList:
    """A list read and cleaned, with its columns found: enough for a preview."""

    sheet: Sheet
    rows: list[list[str]]
    text: TextReport
    columns: ColumnMap


def unicode_rows(
    rows: list[list[str]], names_column: int | None, header_row: int | None = None
) -> tuple[list[list[str]], TextReport]:
    """Cells as NFC Unicode: legacy TCVN3/VNI converted, NFD composed, counted.

    Headers retyped in Unicode over legacy data stay as they are even when all their
    letters are Latin-1 ("Thôn" would read as TCVN3 "Thụn").
    """
    legacy = detect_legacy(chain.from_iterable(rows))
    report = TextReport(legacy)
    if legacy is Legacy.NONE and unicodedata.is_normalized(
        "NFC", "\x1e".join(map("\x1f".join, rows))
    ):
        # The usual list: already Unicode NFC, every row as it is (checked in one go: the
        # separators compose with nothing, so the joined sheet is NFC exactly when every
        # cell is). The sheet's own rows, not copies: nothing changes a row once read.
        return rows, report
    out = []
    for number, row in enumerate(rows):
        if legacy is Legacy.NONE and unicodedata.is_normalized("NFC", "\x1f".join(row)):
            # The usual row: already Unicode NFC (the separator composes with nothing, so
            # the joined row is NFC exactly when every cell is).
            out.append(list(row))
            continue
        cells = []
        for index, cell in enumerate(row):
            keep = number == header_row and is_known_header(cell)
            text = cell if keep else convert_legacy(cell, legacy)
            if text != cell:
                report.legacy_cells += 1
                if index == names_column and (header_row is None or number > header_row):
                    text = capitalise_words(text)
            elif not cell.isascii() and not unicodedata.is_normalized("NFC", cell):
                report.nfc_cells += 1
            cells.append(unicodedata.normalize("NFC", text))
        out.append(cells)
    return out, report


def prepare(path: Path | str, options: ImportOptions, *, max_rows: int = MAX_ROWS) -> PreparedList:
    """Read the file and find its columns (KnownError naming the file when it cannot)."""
    sheet, rows, text = _read(path, options, max_rows)
    columns = _columns(rows, options, sheet)
    _fill_merged(sheet, rows, columns)
    return PreparedList(sheet, rows, text, columns)


def preview(path: Path | str, *, max_rows: int = MAX_ROWS) -> PreparedList:
    """The list read for the wizard: like prepare, but a sheet whose headers are not
    recognised still comes back (its header row the first, no field known), so the clerk
    can map its columns by hand."""
    options = ImportOptions()
    sheet, rows, text = _read(path, options, max_rows)
    try:
        columns = _columns(rows, options, sheet)
    except KnownError:
        first = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), 0)
        columns = ColumnMap(first, tuple(rows[first]), {})
    _fill_merged(sheet, rows, columns)
    return PreparedList(sheet, rows, text, columns)


def _fill_merged(sheet: Sheet, rows: list[list[str]], columns: ColumnMap) -> None:
    """Cells merged down a column under the header take the value the range's first holds,
    as the clerk sees it on every row (a hamlet written once over its households; before,
    the rows under the first had none). A merge in the title or the header is left as it
    is (a header over two rows is read as one), and so is a name merged down (one person's
    cells over two rows are no second person), and a row holding nothing of its own."""
    if not sheet.merged_down:  # most lists
        return
    if sum(last - first for first, last, _ in sheet.merged_down) > len(rows) * len(rows[0]):
        # More cells merged than the sheet has: ranges laid over one another (never Excel's)
        raise KnownError("import.damaged", file=sheet.source, detail=OVERLAPPING_MERGES)
    fields = columns.fields
    names = (ImportField.FULL_NAME, ImportField.FAMILY_NAME, ImportField.MIDDLE_NAME)
    ranges = [
        (first, last, column)
        for first, last, column in sheet.merged_down
        if first >= columns.first_row and fields.get(column) not in names
    ]
    blank = {  # before any is filled
        index
        for index in {i for first, last, _ in ranges for i in range(first + 1, last + 1)}
        if not any(cell.strip() for cell in rows[index])
    }
    numbers = sheet.number_cells
    for first, last, column in ranges:
        value = rows[first][column]
        number = numbers is not None and column in numbers.get(first, ())
        for index in range(first + 1, last + 1):
            if index not in blank and not rows[index][column]:
                rows[index][column] = value
                if numbers is not None and number:
                    numbers.setdefault(index, set()).add(column)


def _read(
    path: Path | str, options: ImportOptions, max_rows: int
) -> tuple[Sheet, list[list[str]], TextReport]:
    sheet = read_sheet(path, max_rows=max_rows)
    names: int | None = None
    header_row: int | None = None
    try:
        raw_columns = _columns(sheet.rows, options, sheet)
        names, header_row = raw_columns.column_of(ImportField.FULL_NAME), raw_columns.header_row
    except KnownError:
        pass  # headers typed in a legacy font that the mapping names in Unicode
    rows, text = unicode_rows(sheet.rows, names, header_row)
    return sheet, rows, text


def _columns(rows: list[list[str]], options: ImportOptions, sheet: Sheet) -> ColumnMap:
    if options.columns or options.header_row is not None:
        return map_columns(rows, options.columns, sheet.source, options.header_row)
    return find_columns(rows, sheet.source, frozenset(sheet.hidden_columns))


@dataclass
class ImportReport:
    """The dry run's (or the import's) outcome, for the clerk."""

    source: str
    encoding: str
    text: TextReport
    grouping: Grouping
    rows: int
    households: int
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_households: int = 0
    new_hamlets: list[str] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    applied: bool = False
    cancelled: bool = False
    sheet_name: str = ""  # an XLSX's sheet read
    hidden_rows: list[int] = field(default_factory=list)  # rows of people hidden in the sheet
    hidden_left_out: bool = False  # ... and left out (ImportOptions.skip_hidden), not read
    # Columns hidden in the sheet that are read (a field's): (letter, header).
    hidden_columns: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[RowIssue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def accepted(self) -> int:
        """Rows without an error."""
        bad = {i.row for i in self.errors}
        return self.rows - len(bad)


def dry_run(
    register: OpenRegister | Database,
    prepared: PreparedList,
    options: ImportOptions,
    today: dt.date | None = None,
) -> tuple[ImportReport, ImportPlan]:
    """Everything an import would do, without writing."""
    db = register.db if isinstance(register, OpenRegister) else register
    sheet = prepared.sheet
    rows = read_rows(
        prepared.columns,
        prepared.rows,
        today or dt.date.today(),
        number_cells=sheet.number_cells,
        lost_cells=sheet.lost_cells,
    )
    hidden = _hidden_rows_read(sheet, rows)
    left_out = frozenset(hidden) if options.skip_hidden else frozenset()
    grouping = resolve_grouping(options.grouping, rows)
    drafts = group_rows(rows, grouping, prepared.columns, left_out)
    if left_out:  # as if the list did not have them: their cells are not even checked
        rows = [r for r in rows if r.row not in left_out]
    plan = plan_import(db, drafts, prepared.columns, options.hamlet)
    issues = sorted(
        [i for r in rows for i in r.issues] + plan.issues + _other_communes(db, prepared, rows),
        key=lambda i: (i.row, i.column),
    )
    counts = plan.counts()
    report = ImportReport(
        source=prepared.sheet.source,
        encoding=prepared.sheet.encoding,
        text=prepared.text,
        grouping=grouping,
        rows=len(rows),
        households=len(drafts),
        new=counts[RowStatus.NEW],
        updated=counts[RowStatus.UPDATED],
        unchanged=counts[RowStatus.UNCHANGED],
        new_households=plan.new_households,
        new_hamlets=[h.name for h in plan.new_hamlets],
        issues=issues,
        sheet_name=sheet.sheet_name,
        hidden_rows=hidden,
        hidden_left_out=bool(left_out),
        hidden_columns=hidden_columns_read(sheet, prepared.columns),
    )
    return report, plan


def _other_communes(db: Database, prepared: PreparedList, rows: list[ImportRow]) -> list[RowIssue]:
    """An error on each row a Mã xã column gives to another commune of the official list
    than the register's (camket spreadsheet of another commune, or of an upper register
    holding several): every household would go into this commune, those of two communes
    sharing a code into one. A code the list does not have (a commune's code before the
    2025 mergers, in an older list of its own) is no other commune's."""
    column = prepared.columns.column_of(ImportField.COMMUNE_CODE)
    own = get_commune(db)
    if column is None or own is None:
        return []
    label = prepared.columns.label(column)
    found = []
    for row in rows:
        cells = prepared.rows[row.row - 1]  # read_rows numbers the sheet's first row 1
        text = cells[column].strip() if column < len(cells) else ""
        code = text.zfill(5) if text.isascii() and text.isdigit() else text
        if code and code != own.code and (unit := find_commune(code)) is not None:
            commune = f"{unit.name} ({code})"
            issue = ImportIssueCode.OTHER_COMMUNE
            where = f"{own.name} ({own.code})"
            found.append(issue_at(row.row, label, "commune", issue, commune=commune, own=where))
    return found


def _hidden_rows_read(sheet: Sheet, rows: list[ImportRow]) -> list[int]:
    """The rows hidden in the sheet (by hand, a filter) that are read as the others: after
    the header, not blank. A filter left on by mistake, or a sheet filtered to one hamlet,
    would otherwise bring rows the clerk does not see without a word."""
    if not sheet.hidden_rows:
        return []
    read = {r.row for r in rows}
    return [row for row in sheet.hidden_rows if row in read]


def hidden_columns_read(sheet: Sheet, columns: ColumnMap) -> list[tuple[str, str]]:
    """The columns hidden in the sheet whose cells are read (a field's), by letter and
    header: a clerk checking the list on screen never saw what they hold."""
    if not sheet.hidden_columns:
        return []
    hidden = set(sheet.hidden_columns)
    read = sorted(c for c in columns.fields if c in hidden)
    headers = columns.headers
    return [(column_letter(c), headers[c].strip() if c < len(headers) else "") for c in read]


def import_list(
    register: OpenRegister,
    path: Path | str,
    options: ImportOptions | None = None,
    *,
    dry: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    today: dt.date | None = None,
    max_rows: int = MAX_ROWS,
) -> ImportReport:
    """Read, check and (unless ``dry`` or any row has an error) import a list in one
    transaction. A cancel between batches rolls everything back."""
    with collector_paused():
        return _import_list(register, path, options, dry, progress, cancelled, today, max_rows)


def _import_list(
    register: OpenRegister,
    path: Path | str,
    options: ImportOptions | None,
    dry: bool,
    progress: Progress | None,
    cancelled: Cancelled | None,
    today: dt.date | None,
    max_rows: int,
) -> ImportReport:
    options = options or ImportOptions()
    prepared = prepare(path, options, max_rows=max_rows)
    # The file is read; the plan is not made yet: an edit waiting for the window's lane
    # goes in now (its write would not move data_version, read by this same connection).
    register.between_transactions()
    if cancelled and cancelled():
        return _cancelled(prepared)
    seen = data_version(register.db)
    report, plan = dry_run(register, prepared, options, today)
    if dry or report.errors:
        return report
    take_backup(register.db, register.path, "import")
    try:
        # LoadBatch: the load's sorts in memory, and its commit synced once, by the
        # checkpoint that copies it into the register file.
        with LoadBatch(register.db), register.db.atomic(), bulk_load(register.db):
            if data_version(register.db) != seen:
                # Another program wrote meanwhile (the same list imported at once, a pledge
                # signed): plan again under the write lock, against what is there now.
                report, plan = dry_run(register, prepared, options, today)
                if report.errors:
                    return report
            _apply(register.writer, plan, report, progress, cancelled)
    except WorkStopped:
        report.cancelled = True
        return report
    report.applied = True
    return report


def _cancelled(prepared: PreparedList) -> ImportReport:
    return ImportReport(
        prepared.sheet.source,
        prepared.sheet.encoding,
        prepared.text,
        Grouping.AUTO,
        0,
        0,
        cancelled=True,
    )


def _apply(
    writer: Writer,
    plan: ImportPlan,
    report: ImportReport,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    for hamlet in plan.new_hamlets:
        repo.add_hamlet(writer, hamlet)
    total = len(plan.actions)
    done = 0
    if progress:
        progress(0, total)
    actions = iter(plan.actions)
    # Each distinct birth written out once for the whole import (people of many batches share
    # it), by the identity of its BirthDate: the plan holds every person, and so their births.
    births: dict[int, str] = {}
    with (
        loading_into(writer.db, "household", plan.new_households),
        loading_into(writer.db, "person", report.new),
    ):
        while batch := list(islice(actions, BATCH_HOUSEHOLDS)):
            if cancelled and cancelled():
                raise WorkStopped
            households, people = _new_values([a for a in batch if a.new], births)
            _insert_new(writer, households, people)
            for action in batch:
                if not action.new:
                    _update(writer, action)
            done += len(batch)
            if progress:
                progress(done, total)
        if cancelled and cancelled():
            raise WorkStopped
    writer.note_bulk(
        "household",
        "import",
        {
            "file": report.source,
            "households": report.households,
            "new": report.new,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )


def _new_values(
    actions: list[HouseholdAction], births: dict[int, str]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The stored values of new households and of their people (``births``: the births
    written so far, store.households.people_values)."""
    households = [repo.household_values(a.household) for a in actions]
    people = [
        values
        for a in actions
        for values in repo.people_values(
            [p for p, _, _ in a.people], a.household.code, births=births
        )
    ]
    return households, people


def _insert_new(
    writer: Writer, households: list[tuple[Any, ...]], people: list[tuple[Any, ...]]
) -> None:
    """New households and their people in two executemany statements (one audit row for
    the whole import, like a demo load: an audit row per imported person would double
    the import's time and the file's size for nothing a clerk reads)."""
    columns, stamp = writer.stamp_values("household")
    same = dict(zip(columns, stamp, strict=True))  # written once into each statement
    insert_values(writer.db, "household", repo.HOUSEHOLD_COLUMNS, households, same)
    columns, stamp = writer.stamp_values("person")
    same = dict(zip(columns, stamp, strict=True))
    insert_values(writer.db, "person", repo.PERSON_COLUMNS, people, same)


def _update(writer: Writer, action: HouseholdAction) -> None:
    if action.household_changed:
        repo.update_household(writer, action.household)
    code = action.household.code
    for person, status, _ in action.people:
        if status is RowStatus.NEW:
            writer.insert("person", repo.person_row(person, code))
        elif status is RowStatus.UPDATED:
            writer.update("person", person.id, repo.person_row(person, code))
