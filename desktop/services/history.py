"""A household's change history from the audit table, with ids turned into names and codes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
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
    members: int = 0  # a household deleted or restored: with this many members
    relatives: int = 0  # and relatives abroad, written in the same stroke


# A household deleted or restored takes its members and relatives abroad along, each with
# its own audit row (sync needs them); the history shows that as one line.
_WHOLE = frozenset({"delete", "restore"})
_ALONG = frozenset({"person", "relative_abroad"})


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
    along = _taken_along(rows)
    entity = {row.seq: row.entity for row in rows}
    counts: dict[int, Counter[str]] = {}
    for seq, owner in along.items():
        counts.setdefault(owner, Counter())[entity[seq]] += 1
    entries = []
    for row in rows:
        if row.seq in along:
            continue
        entry = _entry(row, subjects, households, heads)
        taken = counts.get(row.seq)
        if taken:
            entry = replace(entry, members=taken["person"], relatives=taken["relative_abroad"])
        entries.append(entry)
    return entries


def _taken_along(rows: list[AuditRow]) -> dict[int, int]:
    """seq of a member's or relative's row -> seq of the household row it went along with:
    written in the same stroke as a household's delete (just before it) or restore (just
    after it) by the same computer, with the same action."""
    by_seq = {row.seq: row for row in rows}
    along: dict[int, int] = {}
    for row in rows:
        if row.entity != "household" or row.action not in _WHOLE:
            continue
        step = -1 if row.action == "delete" else 1
        seq = row.seq + step
        while (other := by_seq.get(seq)) is not None and (
            other.entity in _ALONG and other.action == row.action and other.actor == row.actor
        ):
            along[seq] = row.seq
            seq += step
    return along


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
