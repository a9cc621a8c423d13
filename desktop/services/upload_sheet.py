"""The upload spreadsheet: a flat view of the register (households, people, pledges,
relatives abroad, progress per hamlet) for offices above that only take Excel or CSV.

The content columns come from the table registry (a column added there reaches the
spreadsheet; a `private` one never does); the spreadsheet adds only the words a flat table
needs (commune and hamlet by name, the household's code, the head's and signer's names).
Live rows only: tombstones never appear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.pledges import Campaign, HamletProgress
from desktop.domain.text import fold_for_search
from desktop.domain.upload_sheet import SHEET_TITLES, VALUE_FORMS, UploadSheet, header_row
from desktop.exchange.sheet_writer import XLSX_MAX_ROWS, Cell, format_for, write_table
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store import local, replicas
from desktop.store.places import short_commune_name
from desktop.store.pledges import current_campaign, pledge_of_household, progress_by_hamlet
from desktop.store.presence import gone_sql
from desktop.store.registry import COMMUNE_COLUMN, table

Headers = Literal["vi", "machine"]

# Registry columns a flat sheet leaves out: ids, the commune (a place column says it), the
# member order (the rows are in it), the template's version (the campaign's title says it).
_LEFT_OUT = frozenset({"id", COMMUNE_COLUMN, "position", "template_version"})
# References shown by what they point at, in words.
_IN_WORDS = {"head_id": "head_name", "signer_id": "signer_name", "campaign_id": "campaign_title"}
_RENAMED = {("household", "code"): "household_code"}
_PLACE = ["commune_code", "commune_name", "hamlet"]
_COUNTS = frozenset({"members", "relatives_abroad"})

_PLACE_JOINS = """JOIN hamlet m ON m.id = h.hamlet_id
    LEFT JOIN commune c ON c.code = h.commune_code AND c.deleted = 0"""
_HOUSEHOLD_FROM = f"household h {_PLACE_JOINS}"
_HEAD = "LEFT JOIN person hp ON hp.id = h.head_id AND hp.deleted = 0"
_EXPRESSIONS = {
    "commune_code": "h.commune_code",
    "commune_name": "coalesce(c.name, '')",
    "hamlet": "m.name",
    "household_code": "h.code",
    "head_name": "coalesce(hp.full_name, '')",
    "members": "(SELECT count(*) FROM person x WHERE x.household_id = h.id AND x.deleted = 0"
    " AND NOT {gone x})",
    "relatives_abroad": "(SELECT count(*) FROM relative_abroad x"
    " WHERE x.household_id = h.id AND x.deleted = 0)",
    "campaign_title": "coalesce((SELECT k.title FROM campaign k WHERE k.id = p.campaign_id),"
    " :campaign_title)",
    "status": "coalesce(p.status, 'chua_in')",
    "signer_name": "coalesce(s.full_name, '')",
}


@dataclass(frozen=True)
class _Rows:
    """Where one sheet's rows come from: a registry table under an alias, joined to its
    household, hamlet and commune."""

    table: str
    alias: str
    source: str  # the FROM clause
    where: str
    order: str
    before: tuple[str, ...] = ()  # columns between the place and the table's own
    after: tuple[str, ...] = ()


_ORDER = "h.commune_code, m.sort_key, h.sort_key"
_SOURCES: dict[UploadSheet, _Rows] = {
    UploadSheet.HOUSEHOLDS: _Rows(
        "household", "h", f"{_HOUSEHOLD_FROM} {_HEAD}", "h.deleted = 0", _ORDER,
        after=("members", "relatives_abroad"),
    ),
    UploadSheet.PEOPLE: _Rows(
        "person", "p", f"person p JOIN household h ON h.id = p.household_id {_PLACE_JOINS}",
        "p.deleted = 0 AND h.deleted = 0 AND NOT {gone p}", f"{_ORDER}, p.position",
        before=("household_code",),
    ),
    UploadSheet.RELATIVES: _Rows(
        "relative_abroad", "r",
        f"relative_abroad r JOIN household h ON h.id = r.household_id {_PLACE_JOINS}",
        "r.deleted = 0 AND h.deleted = 0", f"{_ORDER}, r.full_name", before=("household_code",),
    ),
    # Every live household: one without a pledge row yet is "not printed", as progress counts.
    UploadSheet.PLEDGES: _Rows(
        "pledge", "p",
        f"""{_HOUSEHOLD_FROM} {_HEAD}
        LEFT JOIN pledge p ON {{pledge}}
        LEFT JOIN person s ON s.id = p.signer_id""",
        "h.deleted = 0", _ORDER, before=("household_code", "head_name"),
    ),
}  # fmt: skip
# Progress per hamlet: the figures of `camket report progress` (HamletProgress's counts).
_PROGRESS_COUNTS = [
    f.name for f in fields(HamletProgress) if f.name not in ("hamlet_id", "hamlet_name")
]
PROGRESS_COLUMNS = [*_PLACE, "campaign_title", *_PROGRESS_COUNTS]
PROGRESS_COLUMNS.insert(PROGRESS_COLUMNS.index("target_percent"), "percent_signed")


def content_columns(table_name: str) -> list[tuple[str, str]]:
    """A registry table's columns a flat sheet shows: (column, machine name). Ids, parents
    (the place columns say them), derived, binary and private columns never appear;
    references appear in words."""
    spec = table(table_name)
    hidden = _LEFT_OUT | set(spec.private) | set(spec.binary) | set(spec.derived)
    shown = []
    for column in spec.columns:
        if column in hidden or (column in spec.parents and column not in _IN_WORDS):
            continue
        shown.append((column, _IN_WORDS.get(column, _RENAMED.get((table_name, column), column))))
    return shown


def sheet_columns(what: UploadSheet) -> list[str]:
    """The machine names of a sheet's columns, in order."""
    if what is UploadSheet.PROGRESS:
        return list(PROGRESS_COLUMNS)
    rows = _SOURCES[what]
    own = [name for _, name in content_columns(rows.table) if name not in rows.before]
    return [*_PLACE, *rows.before, *own, *rows.after]


@dataclass(frozen=True)
class SheetExport:
    path: Path
    what: UploadSheet
    rows: int
    cancelled: bool = False
    sample: bool = False  # from a register of made-up sample data: not for any office


def export_sheet(
    reg: OpenRegister,
    what: UploadSheet,
    out: Path,
    *,
    commune: str | None = None,
    delimiter: str = ";",
    headers: Headers = "vi",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> SheetExport:
    """Write one sheet of the register (of one commune, in an upper-level register) to
    ``out`` (.csv or .xlsx), whole or not at all."""
    fmt = format_for(out, delimiter)
    code = commune_scope(reg, commune)
    campaign = None
    if what in (UploadSheet.PLEDGES, UploadSheet.PROGRESS):
        # An upper-level register has no current campaign until one is chosen on its PC.
        if current_campaign(reg.db) is None:
            raise KnownError("spreadsheet.no_campaign")
        campaign = current_campaign(reg.db)
    columns = sheet_columns(what)
    with replicas.snapshot(reg.db):
        if what is UploadSheet.PROGRESS:
            assert campaign is not None
            lines: list[list[Cell]] = list(_progress_rows(reg, campaign, code))
            total = len(lines)
            rows: Iterator[Sequence[Cell]] | list[list[Cell]] = lines
        else:
            query, params = _query(
                what, columns, code, campaign, local.is_upper(reg.db), dt.date.today()
            )
            total = reg.db.execute(f"SELECT count(*) FROM ({query})", params).fetchone()[0]
            rows = _typed(columns, reg.db.execute(query, params))
        if fmt.kind == "xlsx" and total >= XLSX_MAX_ROWS:
            raise KnownError("spreadsheet.too_many_rows", rows=total, limit=XLSX_MAX_ROWS - 1)
        written = write_table(
            out,
            header_row(columns, headers),
            rows,
            fmt,
            title=SHEET_TITLES[what],
            total=total,
            progress=progress,
            cancelled=cancelled,
        )
    return SheetExport(out, what, written.rows, written.cancelled, local.is_sample(reg.db))


def commune_scope(reg: OpenRegister, commune: str | None) -> str | None:
    """The commune code a sheet is limited to (None: the whole register). An upper-level
    register holds many communes and takes any of its own; a commune register only its own."""
    if commune is None or not commune.strip():
        return None
    code = commune.strip()
    if code.isascii() and code.isdigit():  # "3478": the zero a spreadsheet dropped, as init
        code = code.zfill(5)
    upper = local.is_upper(reg.db)
    held = repo.list_communes(reg.db) if upper else [reg.commune]
    wanted = fold_for_search(code)  # or its name, as the post knows it: "Sìn Hồ"
    for unit in held:
        names = (unit.name, short_commune_name(unit.code, unit.name))
        if code == unit.code or wanted in map(fold_for_search, names):
            return unit.code
    if upper:
        listed = ", ".join(f"{c.code} {c.name}" for c in held) or "—"
        raise KnownError("spreadsheet.commune_missing", code=code, held=listed)
    raise KnownError(
        "spreadsheet.other_commune", code=code, own=reg.commune.code, name=reg.commune.name
    )


def _query(
    what: UploadSheet,
    columns: list[str],
    code: str | None,
    campaign: Campaign | None,
    upper: bool,
    today: dt.date,
) -> tuple[str, dict[str, Any]]:
    """The sheet's SELECT and its parameters; members dead or moved out by ``today`` are
    neither listed nor counted (they stay in the register as their household's history)."""
    rows = _SOURCES[what]
    by_name = {name: column for column, name in content_columns(rows.table)}
    selected = [
        _EXPRESSIONS[name] if name in _EXPRESSIONS else f"{rows.alias}.[{by_name[name]}]"
        for name in columns
    ]
    where = rows.where + (" AND h.commune_code = :commune" if code else "")
    params: dict[str, Any] = {"commune": code}
    if campaign is not None:
        params.update(campaign=campaign.id, campaign_title=campaign.title)
    source = rows.source.format(pledge=pledge_of_household(upper, ":campaign"))
    sql = f"SELECT {', '.join(selected)} FROM {source} WHERE {where} ORDER BY {rows.order}"
    for alias in ("x", "p"):
        sql = sql.replace(f"{{gone {alias}}}", gone_sql(f"{alias}.id", today))
    return sql, params


def _typed(columns: list[str], found: Any) -> Iterator[list[Cell]]:
    """Stored values as cells: labels, dates and moments by VALUE_FORMS, counts as
    numbers, everything else as text (a stored ID number or phone never becomes a number)."""
    forms = [VALUE_FORMS.get(name) for name in columns]
    counts = [name in _COUNTS for name in columns]
    for values in found:
        yield [
            form(v) if form else (None if v is None else int(v) if count else str(v))
            for v, form, count in zip(values, forms, counts, strict=True)
        ]


def _progress_rows(reg: OpenRegister, campaign: Campaign, code: str | None) -> Iterator[list[Cell]]:
    places = {
        hamlet_id: (commune_code or "", commune_name)
        for hamlet_id, commune_code, commune_name in reg.db.execute(
            """SELECT m.id, m.commune_code, coalesce(c.name, '') FROM hamlet m
               LEFT JOIN commune c ON c.code = m.commune_code AND c.deleted = 0
               WHERE m.deleted = 0"""
        )
    }
    hamlets = progress_by_hamlet(reg.db, campaign, each_commune=local.is_upper(reg.db))
    # Hamlets come in register order; communes by code around them (stable sort).
    hamlets.sort(key=lambda r: places[r.hamlet_id][0])
    for r in hamlets:
        commune_code, commune_name = places[r.hamlet_id]
        if code and commune_code != code:
            continue
        counts: dict[str, Cell] = {n: getattr(r, n) for n in _PROGRESS_COUNTS}
        counts["percent_signed"] = round(r.percent, 1)
        words: dict[str, Cell] = {
            "commune_code": commune_code,
            "commune_name": commune_name,
            "hamlet": r.hamlet_name,
            "campaign_title": campaign.title,
        }
        yield [words[n] if n in words else counts[n] for n in PROGRESS_COLUMNS]
