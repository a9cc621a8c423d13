"""A table's private columns (a tip's informant) when bundles meet: versioned apart from the row.

They travel in full bundles only. Beside them a row keeps ``private_vv``, the version vector
of the edit that wrote them. An incremental bundle has no private values: the merge leaves
the receiver's as they are (not sent is not emptied), and so they keep their older vector.
A full bundle's values replace the receiver's when they rank higher by (edits counted in the
vector, the vector as text, the values): a vector that descends from another counts more
edits, so a later edit always replaces an earlier one, and the rank is a total order, so any
order or repetition of the same bundles keeps the same values everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlite_utils import Database

from desktop.store.registry import PRIVATE_VV, SyncedTable

# A row's private values, and the vector of the edit that wrote them.
PrivatePart = tuple[tuple[str, ...], str]

_IN_CHUNK = 2000


def rank(part: PrivatePart) -> tuple[int, str, tuple[str, ...]]:
    values, vv = part
    return (sum(json.loads(vv).values()) if vv else 0, vv, values)


def merge_private(db: Database, spec: SyncedTable, incoming: Mapping[str, PrivatePart]) -> set[str]:
    """Give each stored row of ``incoming`` the higher ranked of its private values and the
    bundle's; the ids of the rows whose values changed (rows not stored are skipped)."""
    columns = [*spec.private, PRIVATE_VV]
    ids = list(incoming)
    changed: set[str] = set()
    updates: list[list[str]] = []
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        cursor = db.execute(
            f"SELECT id, {', '.join(f'[{c}]' for c in columns)} FROM [{spec.name}]"
            f" WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        for row_id, *stored in cursor.fetchall():
            mine: PrivatePart = (tuple(stored[:-1]), stored[-1])
            theirs = incoming[row_id]
            if rank(theirs) > rank(mine):
                changed.add(row_id)
                updates.append([*theirs[0], theirs[1], row_id])
    if updates:
        assignments = ", ".join(f"[{c}] = ?" for c in columns)
        db.conn.executemany(f"UPDATE [{spec.name}] SET {assignments} WHERE id = ?", updates)
    return changed
