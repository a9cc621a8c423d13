"""The conflict queue: concurrent versions of a row waiting for a person, and their answers.

Every installation shows the same winner of a conflict (domain.versions); the other
version is kept here until a person keeps one of the two or combines them field by field.
The answer is a new version that descends from both, so it settles the conflict on every
PC that receives it. Two households given the same code on two PCs are shown here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import short_id
from desktop.domain.errors import KnownError
from desktop.domain.versions import Version, joined, to_review
from desktop.services.register import OpenRegister
from desktop.store.derived import derived_values
from desktop.store.registry import SYNC_COLUMNS, table
from desktop.store.replicas import stored_version, version_columns

_LABELS = {
    "household": "code",
    "person": "full_name",
    "hamlet": "name",
    "relative_abroad": "full_name",
    "commune": "name",
    "campaign": "title",
    "pledge_template": "title",
    "tip": "place",
}
# Rows without a name of their own are named by what a person knows them by: a pledge (or
# its signature or scan) by its household's code, a movement by who moved.
_LABEL_SQL = {
    "pledge": "SELECT h.code FROM pledge p JOIN household h ON h.id = p.household_id"
    " WHERE p.id = ?",
    "attachment": "SELECT h.code FROM attachment a JOIN pledge p ON p.id = a.pledge_id"
    " JOIN household h ON h.id = p.household_id WHERE a.id = ?",
    "movement": "SELECT coalesce(pe.full_name, nullif(m.guest_name, '')) FROM movement m"
    " LEFT JOIN person pe ON pe.id = m.person_id WHERE m.id = ?",
    "tip_person": "SELECT pe.full_name FROM tip_person t JOIN person pe ON pe.id = t.person_id"
    " WHERE t.id = ?",
}


# Columns holding another row's id: a person knows that row by its name or code.
_REFERENCES = {
    "hamlet_id": "SELECT name FROM hamlet WHERE id = ?",
    "household_id": "SELECT code FROM household WHERE id = ?",
    "head_id": "SELECT full_name FROM person WHERE id = ?",
    "signer_id": "SELECT full_name FROM person WHERE id = ?",
    "person_id": "SELECT full_name FROM person WHERE id = ?",
    "campaign_id": "SELECT title FROM campaign WHERE id = ?",
    "pledge_id": "SELECT h.code FROM pledge p JOIN household h ON h.id = p.household_id"
    " WHERE p.id = ?",
    "tip_id": "SELECT place FROM tip WHERE id = ?",
}


def referenced_name(db: Database, column: str, value: Any) -> str | None:
    """The name (or code) of the row ``value`` names in ``column`` (a household's code for
    household_id, a person's name for person_id…); None when the column names no row or
    the row is not in the register."""
    query = _REFERENCES.get(column)
    if not query or not value:
        return None
    found = db.execute(query, [value]).fetchone()
    return str(found[0]) if found and found[0] is not None else None


@dataclass(frozen=True)
class Conflict:
    id: str
    table: str
    row_id: str
    current: dict[str, Any]  # the version every installation shows now
    other: dict[str, Any]  # the concurrent version that lost
    other_vv: dict[str, int]  # the vectors of the waiting versions of the other's content
    named: str = ""  # the name of what the row belongs to (_LABEL_SQL), when it has none
    members: tuple[str, ...] = ()  # the queue's ids of those versions (the best one's first)
    found_at: str = ""

    @property
    def label(self) -> str:
        column = _LABELS.get(self.table)
        own = (self.current.get(column) or self.other.get(column)) if column else None
        return str(own or self.named or short_id(self.row_id))

    def differences(self) -> list[tuple[str, Any, Any]]:
        """(column, current value, other value) for each content column that differs."""
        return [
            (c, self.current.get(c), self.other.get(c))
            for c in table(self.table).content
            if self.current.get(c) != self.other.get(c)
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": "versions",
            "conflict_id": self.id,
            "table": self.table,
            "row_id": self.row_id,
            "label": self.label,
            "current_by": self.current.get("updated_by"),
            "other_by": self.other.get("updated_by"),
            "fields": [{"field": f, "current": a, "other": b} for f, a, b in self.differences()],
        }


def open_conflicts(db: Database) -> list[Conflict]:
    """The questions waiting for a person, first found first: per row, one per content its
    waiting versions hold other than the row's (domain.versions.to_review)."""
    found = [c for name in _tables_waiting(db) for c in conflicts_of_table(db, name)]
    return sorted(found, key=lambda c: (c.found_at, c.id))


def conflicts_of_table(db: Database, name: str) -> list[Conflict]:
    """The questions waiting on rows of one table (open_conflicts of that table)."""
    return [
        _conflict(db, name, row_id, current, group)
        for row_id, current, groups in _review(db, name)
        for group in groups
    ]


def count_conflicts(db: Database) -> int:
    """How many questions wait (open_conflicts), counted by SQLite: per row, the distinct
    contents of its waiting versions other than the row's own (a queue of 5,000 versions in
    tens of milliseconds, a tenth of reading them as versions)."""
    total = 0
    for name in _tables_waiting(db):
        pairs = [(f"json_extract(c.data, '$.{c}')", f"t.[{c}]") for c in table(name).content]
        other = " AND ".join(f"{waiting} IS {row}" for waiting, row in pairs)
        sql = (
            f"SELECT count(*) FROM (SELECT DISTINCT c.row_id,"
            f" json_array({', '.join(waiting for waiting, _ in pairs)})"
            f" FROM conflict c LEFT JOIN [{name}] t ON t.id = c.row_id"
            f" WHERE c.tbl = ? AND NOT ({other}))"
        )
        total += int(db.execute(sql, [name]).fetchone()[0])
    return total


def conflicts_of_household(db: Database, household_id: str) -> list[str]:
    """The ids of the conflicts waiting on a household's own row, its members' or its
    relatives' abroad (what its editor shows), the oldest first: questions for a person,
    as open_conflicts lists them (a settled version is none)."""
    rows = db.execute(
        "SELECT DISTINCT tbl, row_id FROM conflict WHERE (tbl = 'household' AND row_id = :h)"
        " OR (tbl = 'person' AND row_id IN (SELECT id FROM person WHERE household_id = :h))"
        " OR (tbl = 'relative_abroad'"
        "     AND row_id IN (SELECT id FROM relative_abroad WHERE household_id = :h))",
        {"h": household_id},
    ).fetchall()
    found = [
        (min(w.found_at for w in group), group[0].id)
        for name, row_id in rows
        for _row, _current, groups in _review(db, name, row_id)
        for group in groups
    ]
    return [conflict_id for _found_at, conflict_id in sorted(found)]


def conflicts_of_row(db: Database, name: str, row_id: str) -> list[str]:
    """The ids of the questions waiting on one row of table ``name`` (a household's pledge:
    its box says so), the oldest first; a settled version is none."""
    found = [
        (min(w.found_at for w in group), group[0].id)
        for _row, _current, groups in _review(db, name, row_id)
        for group in groups
    ]
    return [conflict_id for _found_at, conflict_id in sorted(found)]


def find_conflict(db: Database, conflict_id: str) -> Conflict:
    """A conflict by its id or the start of it, or of any waiting version of its content
    (KnownError when none or several match; a version of the row's own content is settled
    and matches none)."""
    wanted = conflict_id.strip().lower()
    rows = (
        db.execute(
            "SELECT DISTINCT tbl, row_id FROM conflict WHERE id LIKE ? || '%'", [wanted]
        ).fetchall()
        if wanted
        else []
    )
    found = [
        _conflict(db, name, row_id, current, group)
        for name, row_id in rows
        for _row, current, groups in _review(db, name, row_id)
        for group in groups
        if any(w.id.startswith(wanted) for w in group)
    ]
    if len(found) != 1:
        raise KnownError(
            "conflict.missing" if not found else "conflict.ambiguous",
            id=conflict_id,
            count=len(found),
        )
    return found[0]


def keep_version(reg: OpenRegister, conflict: Conflict, which: str) -> None:
    """Keep the ``current`` or the ``other`` version whole."""
    if which not in ("current", "other"):
        raise KnownError("conflict.bad_version", version=which)
    chosen = conflict.current if which == "current" else conflict.other
    combine(reg, conflict, chosen)


def combine(reg: OpenRegister, conflict: Conflict, values: dict[str, Any]) -> None:
    """Settle the conflict with these values (each field taken from either version)."""
    spec = table(conflict.table)
    content = {k: v for k, v in values.items() if k in spec.columns and k not in spec.binary}
    content["deleted"] = values.get("deleted", conflict.current["deleted"])
    with reg.db.atomic():
        reg.writer.supersede(conflict.table, conflict.row_id, content, [conflict.other_vv])
        if spec.name == "household" and content["deleted"]:
            # Deleted here, or by the merge (the deletion won): either way members the
            # other PC added stayed alive in it.
            _delete_what_it_holds(reg, conflict.row_id)
        if spec.derived:
            stored = dict(
                zip(
                    [c for c in spec.columns],
                    reg.db.execute(
                        f"SELECT {', '.join(spec.columns)} FROM [{spec.name}] WHERE id = ?",
                        [conflict.row_id],
                    ).fetchone(),
                    strict=True,
                )
            )
            code = commune = ""
            if "household_id" in stored:  # a person's and a movement's are its household's
                found = reg.db.execute(
                    "SELECT code, commune_code FROM household WHERE id = ?",
                    [stored["household_id"]],
                ).fetchone()
                code, commune = found if found else ("", "")
            derived = derived_values(spec.name, stored, code, commune)
            reg.writer.update(spec.name, conflict.row_id, derived)
        # The answer descends from every version of the group: its stamp took them out of
        # the queue already (store.sync), as every register it reaches drops them.
        for member in conflict.members or (conflict.id,):
            reg.db.execute("DELETE FROM conflict WHERE id = ?", [member])


def _delete_what_it_holds(reg: OpenRegister, household_id: str) -> None:
    """A household deleted by the version kept goes as the household page deletes one: with
    its members and relatives abroad (a member added on the other PC was otherwise left
    alive, found by search in a household nobody could open). An upper-level register edits
    no commune's members: the commune's own answer brings them."""
    if not reg.writer.edits_communes:
        return
    for name in ("person", "relative_abroad"):
        held = reg.db.execute(
            f"SELECT id FROM [{name}] WHERE household_id = ? AND deleted = 0", [household_id]
        ).fetchall()
        for (row_id,) in held:
            reg.writer.tombstone(name, row_id)


def code_clashes(db: Database) -> list[tuple[str, str, list[str]]]:
    """(commune code, household code, household ids) for codes two live households share:
    two PCs numbered a new household alike. Kept both (nothing lost); a person renames one."""
    rows = db.execute(
        """SELECT commune_code, code, group_concat(id, ' ') FROM household WHERE deleted = 0
           GROUP BY commune_code, code HAVING count(*) > 1 ORDER BY commune_code, code"""
    ).fetchall()
    return [(commune, code, ids.split()) for commune, code, ids in rows]


@dataclass(frozen=True)
class _Waiting:
    """A waiting version as the queue holds it."""

    id: str
    found_at: str
    version: Version


def _tables_waiting(db: Database) -> list[str]:
    return [n for (n,) in db.execute("SELECT DISTINCT tbl FROM conflict ORDER BY tbl")]


def _review(
    db: Database, name: str, row_id: str | None = None
) -> Iterator[tuple[str, dict[str, Any], list[list[_Waiting]]]]:
    """(row id, its current values, the groups of its waiting versions a person reviews)
    for each row of table ``name`` (or the one ``row_id``) with versions waiting: one query
    a table, each row read beside its waiting versions."""
    spec = table(name)
    columns = version_columns(spec)
    names = ", ".join(f"t.[{c}]" for c in (*columns, "vv"))
    sql = (
        f"SELECT c.row_id, c.id, c.vv, c.data, c.found_at, {names} FROM conflict c"
        f" LEFT JOIN [{name}] t ON t.id = c.row_id WHERE c.tbl = ?"
    )
    params = [name]
    if row_id is not None:
        sql, params = sql + " AND c.row_id = ?", [name, row_id]
    waiting: dict[str, list[_Waiting]] = {}
    rows: dict[str, tuple[Any, ...]] = {}
    for row, conflict_id, vv, data, found_at, *stored in db.execute(sql + " ORDER BY c.id", params):
        version = stored_version(spec, data, vv)
        waiting.setdefault(row, []).append(_Waiting(conflict_id, found_at, version))
        rows[row] = tuple(stored)
    for row, versions in waiting.items():
        *values, vv = rows[row]  # all None when the row is not here (a damaged register)
        of = {w.version: w for w in versions}
        groups = to_review([Version(columns, tuple(values), vv or ""), *of])
        yield row, dict(zip(columns, values, strict=True)), [[of[v] for v in g] for g in groups]


def _conflict(
    db: Database, name: str, row_id: str, current: dict[str, Any], group: list[_Waiting]
) -> Conflict:
    """One question: the row as it is against the best of a group of waiting versions of
    one content (a person settling it answers for them all)."""
    other = group[0].version.row
    for column in SYNC_COLUMNS:
        other.setdefault(column, None)
    named = db.execute(_LABEL_SQL[name], [row_id]).fetchone() if name in _LABEL_SQL else None
    return Conflict(
        group[0].id,
        name,
        row_id,
        current,
        other,
        joined(*(w.version.vector for w in group)),
        str(named[0]) if named and named[0] else "",
        members=tuple(w.id for w in group),
        found_at=min(w.found_at for w in group),
    )
