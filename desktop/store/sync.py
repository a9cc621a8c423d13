"""The one write path for synced rows: rev, version vector, updated_at/by, tombstones, audit."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.domain.errors import KnownError
from desktop.domain.versions import descends, joined, next_vector
from desktop.store.registry import COMMUNE_COLUMN, PRIVATE_VV, commune_sql, table

if TYPE_CHECKING:
    from sqlite_utils import Database


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_SLICE = 5000  # ids bound at once (SQLite binds at most 32,766 values)

# The stamp of rows made alike on every installation: the day the 2025 communes took effect.
MADE_ALIKE_AT = "2025-07-01T00:00:00.000Z"


def vv_text(vv: Mapping[str, int]) -> str:
    """A version vector as stored and exported: canonical JSON (sorted, no spaces)."""
    return json.dumps(dict(vv), sort_keys=True, separators=(",", ":"))


def vv_of(text: str | None) -> dict[str, int]:
    return dict(json.loads(text)) if text else {}


@dataclass
class Writer:
    """Writes synced rows for one installation; every call is one transaction (or savepoint).

    Each edit adds one to the row's rev and to this register file's count in the row's
    version vector (``replica``: store.local.bind_replica; the installation ``actor`` when
    none is given) and stamps ``updated_by`` with the installation; rows that hold their
    commune (registry: a scoped table's, a person's, a movement's) are given
    ``commune_code`` when they do not say which it is.
    """

    db: Database
    actor: str
    commune_code: str = ""
    clock: Callable[[], str] = field(default=utc_now)
    # Off in an upper-level register: it merges its communes' rows and edits none of them
    # (a person settling a conflict aside: supersede).
    edits_communes: bool = True
    # Who counts the edit in version vectors: this file on this installation. Two files on
    # one PC share the installation but never a replica, so neither's edit passes for one
    # the other saw.
    replica: str = ""

    @property
    def counter(self) -> str:
        """The version vectors' key of this writer's edits."""
        return self.replica or self.actor

    def insert(
        self, table_name: str, row: Mapping[str, Any], *, made_alike: bool = False
    ) -> dict[str, Any]:
        """A new row. ``made_alike``: a row every installation makes the same (a bundled
        template, a commune's first campaign and settings at set-up, under an id derived
        from what it is): it gets the same stamps everywhere, so two PCs that made it
        identically hold one version, not two concurrent ones to review."""
        self._may_edit(table_name)
        now = self.clock()
        record = self._scoped(table_name, dict(row))
        if made_alike:
            record.update(created_at=MADE_ALIKE_AT, updated_at=MADE_ALIKE_AT, updated_by="")
            record.update(rev=1, deleted=0, vv=vv_text({}))
        else:
            record.update(created_at=now, updated_at=now, updated_by=self.actor)
            record.update(rev=1, deleted=0, vv=vv_text({self.counter: 1}))
        _private_written(table_name, record, record)
        with self.db.atomic():
            self.db.table(table_name).insert(record)
            self._audit(now, table_name, record["id"], "insert", None, _audited(table_name, record))
        return record

    def update(self, table_name: str, row_id: str, changes: Mapping[str, Any]) -> bool:
        """Apply the changes that differ from the stored row; False when nothing differs.
        A change of derived columns alone (sort key, search text) is written without
        counting as an edit: nothing for another installation to receive."""
        spec = table(table_name)
        with self.db.atomic():
            before = self._get(table_name, row_id)
            changed = {k: v for k, v in changes.items() if before.get(k) != v}
            if not changed:
                return False
            if not any(k not in spec.derived for k in changed):
                self.db.table(table_name).update(row_id, changed)
                return True
            self._may_edit(table_name)
            now = self.clock()
            stamp = _private_written(table_name, changed, self._stamp(table_name, before, now))
            self.db.table(table_name).update(row_id, {**changed, **stamp})
            audited = [k for k in changed if k in spec.audited]
            if audited:
                self._audit(
                    now,
                    table_name,
                    row_id,
                    "update",
                    {k: before.get(k) for k in audited},
                    {k: changed[k] for k in audited},
                )
        return True

    def supersede(
        self,
        table_name: str,
        row_id: str,
        values: Mapping[str, Any],
        seen: Iterable[Mapping[str, int]],
    ) -> None:
        """A person's answer to a conflict: the row becomes ``values`` in a version that
        descends from the stored one and from every version in ``seen``, so that those stop
        being concurrent on every installation that receives it (audited)."""
        spec = table(table_name)
        with self.db.atomic():
            before = self._get(table_name, row_id)
            # ``deleted`` too: the version kept may be a deletion, or the edit of a row the
            # other PC deleted (before, the row stayed as it was whichever was chosen).
            writable = (*spec.columns, "deleted")
            changed = {k: v for k, v in values.items() if k in writable and before.get(k) != v}
            now = self.clock()
            stamp = _private_written(
                table_name, changed, self._stamp(table_name, before, now, seen)
            )
            self.db.table(table_name).update(row_id, {**changed, **stamp})
            logged = {*spec.audited, "deleted"}
            self._audit(
                now,
                table_name,
                row_id,
                "resolve",
                {k: before.get(k) for k in changed if k in logged},
                {k: changed[k] for k in changed if k in logged},
            )

    def _stamp(
        self,
        table_name: str,
        before: Mapping[str, Any],
        now: str,
        seen: Iterable[Mapping[str, int]] = (),
    ) -> dict[str, Any]:
        vv = joined(vv_of(before["vv"]), *seen)
        waiting = self.db.execute(
            "SELECT id, vv, data FROM conflict WHERE tbl = ? AND row_id = ?",
            [table_name, before["id"]],
        ).fetchall()
        if waiting:
            # Waiting versions of the row's content are settled: the edit joins them and
            # they leave the queue, as they will wherever it travels (domain.versions).
            content = table(table_name).content
            vectors = [(conflict_id, vv_of(text)) for conflict_id, text, _ in waiting]
            alike = [_same_content(json.loads(data), before, content) for *_, data in waiting]
            settled = [v for (_, v), same in zip(vectors, alike, strict=True) if same]
            others = [v for (_, v), same in zip(vectors, alike, strict=True) if not same]
            vv = next_vector(self.counter, before["id"], vv, settled, others)
            gone = [conflict_id for conflict_id, v in vectors if descends(vv, v)]
            self.db.conn.executemany("DELETE FROM conflict WHERE id = ?", [[g] for g in gone])
        else:
            vv[self.counter] = vv.get(self.counter, 0) + 1
        return {
            "updated_at": now,
            "updated_by": self.actor,
            "rev": before["rev"] + 1,
            "vv": vv_text(vv),
        }

    def _may_edit(self, table_name: str) -> None:
        if not self.edits_communes and commune_sql(table(table_name)) is not None:
            raise KnownError("upper.read_only", table=table_name)

    def _scoped(self, table_name: str, record: dict[str, Any]) -> dict[str, Any]:
        # A person's or movement's commune is its household's: this register's commune,
        # the one commune whose rows it edits (an upper-level register edits none).
        if table(table_name).holds_commune and not record.get(COMMUNE_COLUMN):
            if not self.commune_code:
                raise ValueError(f"a {table_name} row needs its commune: this register edits none")
            record[COMMUNE_COLUMN] = self.commune_code
        return record

    def tombstone(self, table: str, row_id: str) -> None:
        self._set_deleted(table, row_id, 1, "delete")

    def restore(self, table: str, row_id: str) -> None:
        self._set_deleted(table, row_id, 0, "restore")

    def forget_rows(self, table_name: str, ids: Sequence[str]) -> int:
        """Tombstones for rows that an upper register, which edits no commune's rows, drops
        (a commune's data it must not keep: services.communes.forget_commune), as any
        deletion travels: rev, vector and stamps, so that a register it merges into drops
        them too and a later version of a row from elsewhere meets a deletion that follows
        everything this register held of it. Each deletion descends also from the row's
        versions waiting in the conflict queue, which leave it (a tombstone with one waiting
        is written again). Within the caller's transaction; how many rows it wrote."""
        now = self.clock()
        done = 0
        for start in range(0, len(ids), _SLICE):
            part = list(ids[start : start + _SLICE])
            marks = ",".join("?" * len(part))
            waiting: dict[str, list[dict[str, int]]] = {}
            for row_id, vv in self.db.execute(
                f"SELECT row_id, vv FROM conflict WHERE tbl = ? AND row_id IN ({marks})",
                [table_name, *part],
            ):
                waiting.setdefault(row_id, []).append(vv_of(vv))
            deletions = []
            for row_id, rev, vv, deleted in self.db.execute(
                f"SELECT id, rev, vv, deleted FROM [{table_name}] WHERE id IN ({marks})", part
            ).fetchall():
                if deleted and row_id not in waiting:
                    continue  # a tombstone already, with no other version waiting
                vector = joined(vv_of(vv), *waiting.get(row_id, ()))
                vector[self.counter] = vector.get(self.counter, 0) + 1
                deletions.append((now, self.actor, rev + 1, vv_text(vector), row_id))
            self.db.conn.executemany(
                f"UPDATE [{table_name}] SET deleted = 1, updated_at = ?, updated_by = ?,"
                " rev = ?, vv = ? WHERE id = ?",
                deletions,
            )
            settled = [[table_name, row_id] for row_id in waiting]
            self.db.conn.executemany("DELETE FROM conflict WHERE tbl = ? AND row_id = ?", settled)
            done += len(deletions)
        return done

    def note_bulk(self, table: str, action: str, summary: Mapping[str, Any]) -> None:
        """One audit row for a bulk load (demo data, a whole import) instead of one per row."""
        self.note(table, "*", action, summary)

    def note(self, table: str, row_id: str, action: str, details: Mapping[str, Any]) -> None:
        """An audit row for what is not an edit of a synced row (a choice of this PC,
        a merge, a conflict resolved)."""
        self._audit(self.clock(), table, row_id, action, None, dict(details))

    def stamp_new(
        self, table_name: str, rows: Iterable[dict[str, Any]]
    ) -> Iterable[dict[str, Any]]:
        """Add the sync columns (and the commune, for rows that hold it) to rows headed for a
        bulk insert into ``table_name``."""
        stamp = self._new_rows_stamp(table_name)
        spec = table(table_name)
        for row in rows:
            if spec.holds_commune:
                self._scoped(table_name, row)
            row.update(stamp)
            yield _private_written(table_name, row, row) if spec.private else row

    def stamp_values(self, table_name: str) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """stamp_new for whole new rows given as tuples of values: the columns and the
        values to add to each (the commune too for rows that hold it, the private columns'
        vector for a table that has some)."""
        stamp = self._new_rows_stamp(table_name)
        spec = table(table_name)
        if spec.holds_commune:
            stamp = self._scoped(table_name, stamp)
        if spec.private:
            stamp[PRIVATE_VV] = stamp["vv"]
        return tuple(stamp), tuple(stamp.values())

    def _new_rows_stamp(self, table_name: str) -> dict[str, Any]:
        self._may_edit(table_name)
        now = self.clock()
        return {
            "created_at": now,
            "updated_at": now,
            "updated_by": self.actor,
            "rev": 1,
            "deleted": 0,
            "vv": vv_text({self.counter: 1}),
        }

    def _set_deleted(self, table: str, row_id: str, flag: int, action: str) -> None:
        self._may_edit(table)
        with self.db.atomic():
            before = self._get(table, row_id)
            if before["deleted"] == flag:
                return
            now = self.clock()
            self.db.table(table).update(
                row_id, {"deleted": flag, **self._stamp(table, before, now)}
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


def _private_written(
    table_name: str, changed: Mapping[str, Any], stamp: dict[str, Any]
) -> dict[str, Any]:
    """A stamp that also dates the private columns (a tip's informant) when the edit wrote
    them: their vector is then the row's new one (store.private_columns)."""
    spec = table(table_name)
    if spec.private and any(c in changed for c in spec.private):
        stamp[PRIVATE_VV] = stamp["vv"]
    return stamp


def _same_content(
    version: Mapping[str, Any], row: Mapping[str, Any], columns: Iterable[str]
) -> bool:
    return all(version.get(c) == row.get(c) for c in columns)


def _audited(table_name: str, record: Mapping[str, Any]) -> dict[str, Any]:
    audited = table(table_name).audited
    return {k: v for k, v in record.items() if k in audited}


def _json(value: Mapping[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
