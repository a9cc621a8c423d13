"""Values a bundle may not carry (services.unsendable: what a peer's merge refuses), refused
before an export or, where no screen can repair them and a safe way exists, made sendable by
CamKet itself just before it: local, audited edits through the writer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.file_names import unique_file_name
from desktop.domain.text_bounds import cut_to_bound
from desktop.domain.validation import Issue
from desktop.exchange.bundle_file import NUL
from desktop.services.register import OpenRegister
from desktop.services.unsendable import Fix, Unsendable, by_row, unsendable
from desktop.store.column_rules import TEXT_BOUNDS
from desktop.store.register_database import known_sqlite_errors
from desktop.store.registry import commune_sql, table
from desktop.store.row_decoder import column_types

# Rows named when an export is refused (`camket check` names them all).
LISTED = 20
# The order a cell's repairs are made in: its NULs dropped before it is cut to its bound.
_ORDER = (Fix.NUL, Fix.CUT, Fix.CODE, Fix.RENAME, Fix.CLEAR, Fix.DEFAULT, Fix.SIZE)


@dataclass(frozen=True)
class Repair:
    """One value CamKet made sendable before an export (services.unsendable.Fix)."""

    entity: str  # the row's kind: "hộ", "nhân khẩu", "tệp đính kèm cam kết của hộ"…
    label: str  # what a clerk knows it by: "NT-001 (đã xoá)"
    field: str  # as the window's form names it: "Ghi chú", "Tên tệp" ("": by ``column``)
    length: int = 0  # a text cut: its length before, and its bound now
    maximum: int = 0
    old: str = ""  # a value replaced (an attachment's name, a code, a date): as it was
    new: str = ""  # … and as it is now ("" when emptied)
    how: str = ""  # the Fix made
    column: str = ""


def prepare_export(reg: OpenRegister, since: int = 0) -> tuple[Repair, ...]:
    """Before an export (of every row, or of the changes after the mark ``since``): refuse
    it while a value a peer would refuse has no safe repair (KnownError
    ``export.unsendable``, naming each: where a screen shows it, the clerk edits it there);
    else make sendable those of rows no screen opens (services.unsendable.Fix) in one
    audited transaction committed before the export reads its snapshot. An upper-level
    register edits no commune's rows: it refuses the export, naming them and their communes,
    until the commune's next bundle (repaired there by its own export) is merged (KnownError
    ``export.upper_unsendable``)."""
    found = unsendable(reg.db, since)
    if not found:
        return ()
    if not reg.writer.edits_communes:
        rows = upper_rows(reg.db, found)
        raise KnownError("export.upper_unsendable", count=len(rows), rows=tuple(rows[:LISTED]))
    left = [item for item in found if not item.repairable]
    if left:
        raise unsendable_refusal(left)
    return tuple(_repair(reg, found))


def repair_unsendable(reg: OpenRegister) -> tuple[Repair, ...]:
    """`camket check --fix`: the repairs an export would make, made now (whatever values
    the clerk still has to edit); none in an upper-level register, which edits no commune's
    rows."""
    if not reg.writer.edits_communes:
        return ()
    found = unsendable(reg.db)
    # A row that also holds a value with no safe repair (its vector, say) is left whole.
    stuck = {(item.table, item.row_id) for item in found if not item.repairable}
    found = [item for item in found if (item.table, item.row_id) not in stuck]
    return tuple(_repair(reg, found)) if found else ()


Named = tuple[str, str, Issue]  # a row's kind, what a clerk knows it by, what is wrong


def unsendable_rows(db: Database, *, upper: bool) -> list[Named]:
    """For `camket check`: every value a bundle may not carry as it is. One the export repairs
    itself is a warning saying so; any other an error saying what to do (the screen that
    edits it, or a backup); in an upper-level register each is an error naming its commune,
    whose next bundle repairs it."""
    found = unsendable(db)
    if upper:
        return upper_rows(db, found)
    return [(item.entity, item.label, item.issue(item.then())) for item in found]


def unsendable_refusal(found: list[Unsendable]) -> KnownError:
    """The export's refusal naming the values the clerk deals with first (every peer would
    refuse the bundle whole), each with what to do."""
    rows = tuple((item.entity, item.label, item.issue(item.then())) for item in found[:LISTED])
    return KnownError("export.unsendable", count=len(found), rows=rows)


def _repair(reg: OpenRegister, found: list[Unsendable]) -> list[Repair]:
    writer, db = reg.writer, reg.db
    done: list[Repair] = []
    rows = by_row(found)
    names = _names_by_household(db, [row_id for (t, row_id) in rows if t == "attachment"])
    codes = _household_codes(db) if any(f.fix is Fix.CODE for f in found) else ({}, {})
    with known_sqlite_errors(reg.path), db.atomic():  # a full disk said so, nothing written
        for (table_name, row_id), items in rows.items():
            items = sorted(items, key=lambda f: _ORDER.index(f.fix))
            integer = {n for n, t in column_types(db, table(table_name)).items() if t.integer}
            stored = _stored(db, table_name, row_id, sorted({f.column for f in items}))
            changes: dict[str, Any] = {}
            made: list[tuple[Unsendable, Any, Any]] = []
            for item in items:
                before = changes.get(item.column, stored[item.column])
                after = _repaired(item, before, integer, names, codes)
                changes[item.column] = after
                made.append((item, before, after))
            writer.update(table_name, row_id, changes)
            for item, before, after in made:
                writer.note(table_name, row_id, *_noted(item, before, after))
                done.append(_said(item, before, after))
    return done


def _repaired(
    item: Unsendable,
    value: Any,
    integer: set[str],
    names: dict[str, tuple[str, set[str]]],
    codes: tuple[dict[str, str], dict[str, set[str]]],
) -> Any:
    """The value ``item``'s Fix makes of ``value``."""
    fix = item.fix
    if fix is Fix.NUL:
        return str(value).replace(NUL, "")
    if fix is Fix.CUT:
        return cut_to_bound(str(value), TEXT_BOUNDS[item.table, item.column].maximum)
    if fix is Fix.CODE:
        return _shorter_code(str(value), item, codes)
    if fix is Fix.RENAME:
        _household, others = names[item.row_id]
        new_name = unique_file_name(str(value), others - {value})
        others.discard(value)
        others.add(new_name)
        return new_name
    if fix is Fix.CLEAR:
        return None
    if fix is Fix.SIZE:
        return int(str(item.refused.params["length"]))
    return int(item.default) if item.column in integer else item.default  # Fix.DEFAULT


def _shorter_code(
    code: str, item: Unsendable, codes: tuple[dict[str, str], dict[str, set[str]]]
) -> str:
    """A deleted household's code cut to its bound and, when another household of its commune
    holds that code (a live one, or another deleted one), numbered apart ("…-2", "…-3"):
    rows point at a household by its id, and two households of one code are a clash to
    review (conflicts.code_clashes), not a repair."""
    maximum = TEXT_BOUNDS["household", "code"].maximum
    commune_of, by_commune = codes
    taken = by_commune[commune_of[item.row_id]]
    taken.discard(code.casefold())
    new = cut_to_bound(code, maximum)
    number = 1
    while new.casefold() in taken:
        number += 1
        tail = f"-{number}"
        new = cut_to_bound(code, maximum - len(tail)) + tail
    taken.add(new.casefold())
    return new


def _noted(item: Unsendable, before: Any, after: Any) -> tuple[str, dict[str, Any]]:
    """The audit note of a repair (besides the writer's own of the edit): lengths only for a
    text cut, a private text (a tip's informant) being no log's."""
    if item.fix is Fix.CUT:
        length, maximum = len(str(before)), TEXT_BOUNDS[item.table, item.column].maximum
        return "shorten_to_send", {"column": item.column, "length": length, "maximum": maximum}
    if item.fix is Fix.RENAME:
        return "rename_to_send", {"file_name": before, "new_name": after}
    return "repair_to_send", {"column": item.column, "fix": str(item.fix)}


def _said(item: Unsendable, before: Any, after: Any) -> Repair:
    bound = TEXT_BOUNDS.get((item.table, item.column))
    field = bound.label if bound is not None else ""
    if item.fix is Fix.CUT and bound is not None:
        return Repair(item.entity, item.label, field, len(str(before)), bound.maximum)
    old = "" if before is None else str(before)
    new = "" if after is None else str(after)
    how = str(item.fix)
    return Repair(item.entity, item.label, field, old=old, new=new, how=how, column=item.column)


def _stored(db: Database, table_name: str, row_id: str, columns: list[str]) -> dict[str, Any]:
    names = ", ".join(f"[{c}]" for c in columns)
    row = db.execute(f"SELECT {names} FROM [{table_name}] WHERE id = ?", [row_id]).fetchone()
    return dict(zip(columns, row, strict=True))


def _names_by_household(db: Database, ids: list[str]) -> dict[str, tuple[str, set[str]]]:
    """For each attachment of ``ids``: its pledge's household and the file names of every
    attachment (tombstones too) of that household's pledges, one set a household shared."""
    found: dict[str, tuple[str, set[str]]] = {}
    taken: dict[str, set[str]] = defaultdict(set)
    for row_id in ids:
        household = db.execute(
            "SELECT coalesce(p.household_id, '') FROM attachment a"
            " LEFT JOIN pledge p ON p.id = a.pledge_id WHERE a.id = ?",
            [row_id],
        ).fetchone()[0]
        if household not in taken:
            for (name,) in db.execute(
                "SELECT a.file_name FROM attachment a JOIN pledge p ON p.id = a.pledge_id"
                " WHERE p.household_id = ?",
                [household],
            ):
                taken[household].add(name or "")
        found[row_id] = (household, taken[household])
    return found


def _household_codes(db: Database) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Each household's commune, and every household code (tombstones too) of each commune,
    letter case aside."""
    commune_of: dict[str, str] = {}
    codes: dict[str, set[str]] = defaultdict(set)
    for row_id, commune, code in db.execute("SELECT id, commune_code, code FROM household"):
        commune_of[row_id] = commune
        codes[commune].add(str(code).casefold())
    return commune_of, codes


def upper_rows(db: Database, found: list[Unsendable]) -> list[Named]:
    """An upper-level register forwards its communes' rows as they sent them: each value a
    peer would refuse, named with its commune, whose next bundle brings it repaired."""
    ids: dict[str, list[str]] = defaultdict(list)
    for item in found:
        ids[item.table].append(item.row_id)
    communes = {name: _communes_of(db, name, row_ids) for name, row_ids in ids.items()}
    return [
        (
            item.entity,
            item.label + _of_commune(communes[item.table].get(item.row_id)),
            item.issue(item.then(upper=True)),
        )
        for item in found
    ]


def _of_commune(code: str | None) -> str:
    return f", xã {code}" if code else ""


def _communes_of(db: Database, table_name: str, ids: list[str]) -> dict[str, str]:
    sql = commune_sql(table(table_name))
    if sql is None or not ids:  # a template, a campaign: of no one commune
        return {}
    marks = ", ".join("?" * len(ids))
    return {row_id: code for row_id, code in db.execute(f"{sql} ({marks})", ids)}
