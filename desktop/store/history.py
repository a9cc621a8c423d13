"""A household's audit trail: its own rows, its members' (also those who moved away) and its
relatives abroad, newest first."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str  # UTC ISO-8601
    actor: str  # installation id
    entity: str
    entity_id: str
    action: str  # insert, update, delete, restore
    before: dict[str, Any]
    after: dict[str, Any]


# Audit rows of a household: uses audit_entity for the first and last arm and, for members
# who moved away, audit_person_moved_from (m0003) instead of reading every person's JSON.
_HISTORY_SQL = """
SELECT seq, at, actor, entity, entity_id, action, before, after FROM audit
WHERE (entity = 'household' AND entity_id = :id)
   OR (entity = 'person' AND entity_id IN (
          SELECT id FROM person WHERE household_id = :id
          UNION
          SELECT entity_id FROM audit
          WHERE entity = 'person' AND before IS NOT NULL
            AND json_extract(before, '$.household_id') = :id))
   OR (entity = 'relative_abroad' AND entity_id IN (
          SELECT id FROM relative_abroad WHERE household_id = :id))
ORDER BY seq DESC
LIMIT :limit
"""


def household_audit(db: Database, household_id: str, limit: int = 1000) -> list[AuditRow]:
    rows = db.execute(_HISTORY_SQL, {"id": household_id, "limit": limit}).fetchall()
    return [
        AuditRow(seq, at, actor, entity, entity_id, action, _load(before), _load(after))
        for seq, at, actor, entity, entity_id, action, before, after in rows
    ]


def _load(text: str | None) -> dict[str, Any]:
    return json.loads(text) if text else {}


def names(db: Database, table: str, ids: Iterable[str]) -> dict[str, str]:
    """Display names of rows, tombstones included: people and relatives by full name,
    households by code."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    column = "code" if table == "household" else "full_name"
    marks = ",".join("?" * len(wanted))
    sql = f"SELECT id, {column} FROM [{table}] WHERE id IN ({marks})"
    return dict(db.execute(sql, wanted).fetchall())
