"""Households deleted on one PC while another PC still worked on them: questions for a person.

A merge takes each row on its own (domain.versions), so two PCs that met after one of them
deleted a household can leave it half-deleted, with nothing lost but nothing in sight:

- *deleted, still in use*: the household is deleted, yet a member or a relative abroad of
  it is alive (the other PC added a member, or its edit of one beat the deletion). The
  live rows are in no list, counted nowhere, found only by a search.
- *members deleted*: the household is alive (an edit of it beat the deletion, or a person
  kept that edit in the conflict queue), yet every member was deleted with it: the rows the
  deletion took stay deleted, and the household shows no one. (A head removed in the
  editor on one PC while the other edited the household is not this: the editor names a
  new head among the members left, and the household's two versions are a conflict.)

Both are read from the register as it is, so every PC that holds the same rows sees the
same questions (in any order of merges), like the household codes given twice
(conflicts.code_clashes). A person answers by restoring the household with the members
deleted with it, or by finishing the deletion: ordinary edits through the one writer, which
travel like any other. The members "deleted with it" are those one installation deleted
within DELETED_TOGETHER of the household (or of its head, or its last member deleted):
store.households deletes a
household and its members in one transaction, while a member removed in the editor
another day stays removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.services.register import OpenRegister
from desktop.store.households import members
from desktop.store.sync import Writer

DELETED_TOGETHER = dt.timedelta(seconds=10)
_CHILDREN = ("person", "relative_abroad")


class HalfDeletedKind(StrEnum):
    DELETED_IN_USE = "deleted_in_use"
    MEMBERS_DELETED = "members_deleted"


@dataclass(frozen=True)
class HalfDeleted:
    kind: HalfDeletedKind
    household_id: str
    code: str
    commune_code: str
    live_names: tuple[str, ...]  # DELETED_IN_USE: the live members and relatives abroad
    restorable: tuple[tuple[str, str], ...]  # (table, id) deleted with the household or head

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "household_id": self.household_id,
            "code": self.code,
            "commune": self.commune_code,
            "live": list(self.live_names),
            "restorable": len(self.restorable),
        }


def half_deleted_households(db: Database) -> list[HalfDeleted]:
    """Every half-deleted household, by commune and code."""
    found: list[HalfDeleted] = []
    in_use = db.execute(
        """SELECT h.id, h.code, h.commune_code, h.updated_by, h.updated_at FROM household h
           WHERE h.deleted = 1 AND (
             EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id AND p.deleted = 0)
             OR EXISTS (SELECT 1 FROM relative_abroad r
                        WHERE r.household_id = h.id AND r.deleted = 0))"""
    ).fetchall()
    for household_id, code, commune, by, at in in_use:
        live = tuple(
            name
            for (name,) in db.execute(
                "SELECT full_name FROM person WHERE household_id = ? AND deleted = 0"
                " UNION ALL SELECT full_name FROM relative_abroad"
                " WHERE household_id = ? AND deleted = 0",
                [household_id, household_id],
            )
        )
        restorable = _deleted_together(db, household_id, by, at)
        found.append(
            HalfDeleted(
                HalfDeletedKind.DELETED_IN_USE, household_id, code, commune, live, restorable
            )
        )
    # The households of the deleted people first (one scan of the people), then those of
    # them alive with no member alive: the deletion is dated by the head's, or by the last.
    emptied = db.execute(
        """SELECT h.id, h.code, h.commune_code, h.head_id FROM household h
           WHERE h.deleted = 0
             AND h.id IN (SELECT household_id FROM person WHERE deleted = 1)
             AND NOT EXISTS (SELECT 1 FROM person m WHERE m.household_id = h.id
                             AND m.deleted = 0)"""
    ).fetchall()
    for household_id, code, commune, head_id in emptied:
        by, at = db.execute(
            "SELECT updated_by, updated_at FROM person WHERE household_id = ? AND deleted = 1"
            " ORDER BY id = ? DESC, updated_at DESC LIMIT 1",
            [household_id, head_id],
        ).fetchone()
        restorable = _deleted_together(db, household_id, by, at)
        found.append(
            HalfDeleted(
                HalfDeletedKind.MEMBERS_DELETED, household_id, code, commune, (), restorable
            )
        )
    return sorted(found, key=lambda h: (h.commune_code, h.code, h.household_id))


def find_half_deleted(db: Database, wanted: str) -> HalfDeleted:
    """A half-deleted household by its code or the start of its id (KnownError when none
    or several match)."""
    key = wanted.strip()
    found = [
        h
        for h in half_deleted_households(db)
        if key and (h.code == key or h.household_id.startswith(key.lower()))
    ]
    if len(found) != 1:
        raise KnownError(
            "conflict.missing" if not found else "conflict.ambiguous", id=wanted, count=len(found)
        )
    return found[0]


def restore_half_deleted(reg: OpenRegister, item: HalfDeleted) -> None:
    """Bring the household back (when deleted) with the rows deleted with it or its head;
    refused when a live household took its code meanwhile."""
    writer = _commune_writer(reg, item)
    with reg.db.atomic():
        if item.kind is HalfDeletedKind.DELETED_IN_USE:
            taken = reg.db.execute(
                "SELECT 1 FROM household WHERE commune_code = ? AND code = ? AND deleted = 0",
                [item.commune_code, item.code],
            ).fetchone()
            if taken is not None:
                raise KnownError("household.code_taken", code=item.code)
            writer.restore("household", item.household_id)
        for name, row_id in item.restorable:
            writer.restore(name, row_id)
        head = reg.db.execute(
            "SELECT p.deleted FROM household h LEFT JOIN person p ON p.id = h.head_id"
            " WHERE h.id = ?",
            [item.household_id],
        ).fetchone()
        if head is None or head[0] != 0:  # its head was not among them: the first member
            live = members(reg.db, item.household_id)
            writer.update("household", item.household_id, {"head_id": live[0].id if live else None})


def finish_deletion(reg: OpenRegister, item: HalfDeleted) -> None:
    """Delete what is still alive of the household: its live members and relatives abroad,
    and the household itself when it is alive."""
    writer = _commune_writer(reg, item)
    with reg.db.atomic():
        for name in _CHILDREN:
            alive = reg.db.execute(
                f"SELECT id FROM [{name}] WHERE household_id = ? AND deleted = 0",
                [item.household_id],
            ).fetchall()
            for (row_id,) in alive:
                writer.tombstone(name, row_id)
        writer.tombstone("household", item.household_id)


def _commune_writer(reg: OpenRegister, item: HalfDeleted) -> Writer:
    """The writer, on a register that edits the household's commune: an upper register
    answers for no commune (the commune does, on its PC, and sends it again)."""
    if not reg.writer.edits_communes:
        raise KnownError("half_deleted.upper", code=item.code)
    return reg.writer


def _deleted_together(
    db: Database, household_id: str, by: str, at: str
) -> tuple[tuple[str, str], ...]:
    """The household's deleted members and relatives abroad that installation ``by``
    deleted within DELETED_TOGETHER of ``at``."""
    moment = dt.datetime.fromisoformat(at)
    since = (moment - DELETED_TOGETHER).isoformat(timespec="milliseconds")
    until = (moment + DELETED_TOGETHER).isoformat(timespec="milliseconds")
    rows: list[tuple[str, str]] = []
    for name in _CHILDREN:
        for (row_id,) in db.execute(
            f"SELECT id FROM [{name}] WHERE household_id = ? AND deleted = 1"
            " AND updated_by = ? AND updated_at BETWEEN ? AND ? ORDER BY id",
            [household_id, by, _stamp(since), _stamp(until)],
        ):
            rows.append((name, row_id))
    return tuple(rows)


def _stamp(iso: str) -> str:
    """An ISO moment written as store.sync.utc_now writes it (Z, milliseconds)."""
    return iso.replace("+00:00", "Z")
