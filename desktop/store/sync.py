"""The one write path for synced rows: rev, updated_at/by, tombstones and the audit row."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from desktop.domain.errors import KnownError

# Derived columns are rebuilt from the others: they are neither audited nor exported.
DERIVED_COLUMNS = frozenset({"sort_key", "search_text"})
# Binary content (attachments) stays out of audit rows: the row's sha256 column stands for it.
BINARY_COLUMNS = frozenset({"bytes"})
SYNC_COLUMNS = ("created_at", "updated_at", "updated_by", "rev", "deleted")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Writer:
    """Writes synced rows for one installation; every call is one transaction (or savepoint)."""

    db: Database
    actor: str
    clock: Callable[[], str] = field(default=utc_now)

    def insert(self, table: str, row: Mapping[str, Any]) -> dict[str, Any]:
        now = self.clock()
        record = {**row, "created_at": now, "updated_at": now, "updated_by": self.actor}
        record.update(rev=1, deleted=0)
        with self.db.atomic():
            self.db.table(table).insert(record)
            self._audit(now, table, record["id"], "insert", None, _audited(record))
        return record

    def update(self, table: str, row_id: str, changes: Mapping[str, Any]) -> bool:
        """Apply the changes that differ from the stored row; False when nothing differs."""
        with self.db.atomic():
            before = self._get(table, row_id)
            changed = {k: v for k, v in changes.items() if before.get(k) != v}
            if not changed:
                return False
            now = self.clock()
            stamp = {"updated_at": now, "updated_by": self.actor, "rev": before["rev"] + 1}
            self.db.table(table).update(row_id, {**changed, **stamp})
            audited = [k for k in changed if k not in DERIVED_COLUMNS and k not in BINARY_COLUMNS]
            if audited:
                self._audit(
                    now,
                    table,
                    row_id,
                    "update",
                    {k: before.get(k) for k in audited},
                    {k: changed[k] for k in audited},
                )
        return True

    def tombstone(self, table: str, row_id: str) -> None:
        self._set_deleted(table, row_id, 1, "delete")

    def restore(self, table: str, row_id: str) -> None:
        self._set_deleted(table, row_id, 0, "restore")

    def note_bulk(self, table: str, action: str, summary: Mapping[str, Any]) -> None:
        """One audit row for a bulk load (demo data, a whole import) instead of one per row."""
        self._audit(self.clock(), table, "*", action, None, dict(summary))

    def stamp_new(self, rows: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        """Add the sync columns to rows headed for a bulk insert."""
        now = self.clock()
        for row in rows:
            row.update(created_at=now, updated_at=now, updated_by=self.actor, rev=1, deleted=0)
            yield row

    def _set_deleted(self, table: str, row_id: str, flag: int, action: str) -> None:
        with self.db.atomic():
            before = self._get(table, row_id)
            if before["deleted"] == flag:
                return
            now = self.clock()
            self.db.table(table).update(
                row_id,
                {
                    "deleted": flag,
                    "updated_at": now,
                    "updated_by": self.actor,
                    "rev": before["rev"] + 1,
                },
            )
            self._audit(
                now, table, row_id, action, {"deleted": before["deleted"]}, {"deleted": flag}
            )

    def _get(self, table: str, row_id: str) -> dict[str, Any]:
        cursor = self.db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        row = cursor.fetchone()
        if row is None:
            raise KnownError("row.missing", table=table, id=row_id)
        return dict(zip([d[0] for d in cursor.description], row, strict=True))

    def _audit(
        self,
        at: str,
        table: str,
        row_id: str,
        action: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
    ) -> None:
        self.db.execute(
            "INSERT INTO audit(at, actor, entity, entity_id, action, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [at, self.actor, table, row_id, action, _json(before), _json(after)],
        )


def _audited(record: Mapping[str, Any]) -> dict[str, Any]:
    skipped = DERIVED_COLUMNS | BINARY_COLUMNS | frozenset(SYNC_COLUMNS)
    return {k: v for k, v in record.items() if k not in skipped}


def _json(value: Mapping[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
