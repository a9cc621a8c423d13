"""A household's change history from the audit table, with ids turned into names and codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.store.history import AuditRow, household_audit, names

# Fields a clerk does not think of as changes of their own.
_QUIET = frozenset({"id", "household_id", "sort_key", "search_text"})


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    """One audited change, as the history shows it."""

    at: str  # UTC ISO-8601, as stored
    actor: str  # installation id of the register copy that made the change
    entity: str  # household, person, relative_abroad
    action: str  # insert, update, delete, restore, or move (a person changed household)
    subject: str  # the person's or relative's name, or the household code
    changes: tuple[Change, ...] = ()
    moved_from: str = ""  # household codes of a move
    moved_to: str = ""


def household_history(db: Database, household_id: str) -> list[HistoryEntry]:
    """Newest first: the household's own changes, its members' (also of those who moved away,
    shown as a move) and its relatives abroad."""
    rows = household_audit(db, household_id)
    people = names(db, "person", [r.entity_id for r in rows if r.entity == "person"])
    relatives = names(
        db, "relative_abroad", [r.entity_id for r in rows if r.entity == "relative_abroad"]
    )
    households = names(db, "household", [household_id, *_household_ids(rows)])
    heads = names(db, "person", _head_ids(rows))
    subjects = {"person": people, "relative_abroad": relatives, "household": households}
    return [_entry(row, subjects, households, heads) for row in rows]


def _household_ids(rows: list[AuditRow]) -> list[str]:
    return [
        side["household_id"]
        for row in rows
        for side in (row.before, row.after)
        if side.get("household_id")
    ]


def _head_ids(rows: list[AuditRow]) -> list[str]:
    return [
        side["head_id"]
        for row in rows
        if row.entity == "household"
        for side in (row.before, row.after)
        if side.get("head_id")
    ]


def _entry(
    row: AuditRow,
    subjects: dict[str, dict[str, str]],
    households: dict[str, str],
    heads: dict[str, str],
) -> HistoryEntry:
    subject = subjects.get(row.entity, {}).get(row.entity_id, "")
    if row.entity == "household":
        subject = households.get(row.entity_id, subject)
    if row.action != "update":
        return HistoryEntry(row.at, row.actor, row.entity, row.action, subject)
    if "household_id" in row.after:
        return HistoryEntry(
            row.at,
            row.actor,
            row.entity,
            "move",
            subject,
            moved_from=households.get(row.before.get("household_id", ""), "?"),
            moved_to=households.get(row.after["household_id"], "?"),
        )
    changes = []
    for field, after in row.after.items():
        if field in _QUIET:
            continue
        before = row.before.get(field)
        if field == "head_id":
            before, after = heads.get(before or "", ""), heads.get(after or "", "")
        changes.append(Change(field, before, after))
    return HistoryEntry(row.at, row.actor, row.entity, "update", subject, tuple(changes))
