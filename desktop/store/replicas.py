"""Rows as versions for the exchange: reading them out, writing merged ones, the conflict
queue, the change log's marks, the installations met and the bundles sent and received."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.versions import Version
from desktop.store import local
from desktop.store.registry import SyncedTable, table
from desktop.store.sync import utc_now, vv_text

_IN_CHUNK = 2000  # ids per `IN (…)`: well under SQLite's 32,766 variables


def version_columns(spec: SyncedTable) -> tuple[str, ...]:
    """The columns a version of a row holds: all stored ones but binary content, vv and the
    private columns (versioned apart: store.private_columns)."""
    return _version_columns(spec.name)


@cache
def _version_columns(name: str) -> tuple[str, ...]:
    spec = table(name)
    apart = {*spec.binary, *spec.private, *spec.private_sync, "vv"}
    return tuple(c for c in spec.stored if c not in apart)


def stored_version(spec: SyncedTable, data: str, vv: str) -> Version:
    """A version kept as JSON (a waiting conflict, here or in a bundle)."""
    return Version.of(version_columns(spec), _parsed(data), canonical_vv(vv))


def _parsed(text: str) -> Any:
    """JSON of a bundle; ValueError for text nested past Python's stack ("[[[[…", a few
    KB), which json raises as RecursionError, a crash where a refusal is meant."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("JSON nested too deep") from exc


# One installation's edits only (most rows): canonical as it stands, no parse needed.
_ONE_ENTRY_VV = re.compile(r'\{"[0-9A-Za-z-]{1,64}":[1-9][0-9]{0,9}\}')


@lru_cache(maxsize=4096)  # a bundle's rows share few vectors ({installation: edits})
def canonical_vv(text: str) -> str:
    """A version vector as canonical text (ValueError when it is not one)."""
    if _ONE_ENTRY_VV.fullmatch(text):
        return text
    vector = _parsed(text)
    if not isinstance(vector, dict) or not all(
        isinstance(k, str) and isinstance(v, int) for k, v in vector.items()
    ):
        raise ValueError("not a version vector")
    return vv_text(vector)


StoredRow = tuple[Any, ...]  # a stored row's version values, then its vector


def local_rows(db: Database, spec: SyncedTable, ids: Sequence[str]) -> dict[str, StoredRow]:
    """The stored row of each of ``ids`` the register has, as its version's values followed
    by its vector (no Version made: most rows a merge meets are only compared)."""
    found: dict[str, StoredRow] = {}
    columns = version_columns(spec)
    names = ", ".join(f"[{c}]" for c in (*columns, "vv"))
    id_at = columns.index("id")
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = list(ids[start : start + _IN_CHUNK])
        marks = ", ".join("?" * len(chunk))
        for values in db.execute(f"SELECT {names} FROM [{spec.name}] WHERE id IN ({marks})", chunk):
            found[values[id_at]] = values
    return found


def last_id(db: Database, spec: SyncedTable) -> str:
    """The greatest id of the table's rows, tombstones included ('' when it has none)."""
    row = db.execute(f"SELECT max(id) FROM [{spec.name}]").fetchone()
    return row[0] or ""


def has_conflicts(db: Database, spec: SyncedTable) -> bool:
    """Any version of this table's rows waits in the conflict queue."""
    row = db.execute("SELECT 1 FROM conflict WHERE tbl = ? LIMIT 1", [spec.name]).fetchone()
    return row is not None


def local_conflicts(
    db: Database, spec: SyncedTable, ids: Sequence[str]
) -> dict[str, list[Version]]:
    """The versions of each of ``ids`` waiting in the conflict queue."""
    found: dict[str, list[Version]] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = list(ids[start : start + _IN_CHUNK])
        marks = ", ".join("?" * len(chunk))
        for row_id, vv, data in db.execute(
            f"SELECT row_id, vv, data FROM conflict WHERE tbl = ? AND row_id IN ({marks})",
            [spec.name, *chunk],
        ):
            found.setdefault(row_id, []).append(stored_version(spec, data, vv))
    return found


def write_versions(
    db: Database,
    spec: SyncedTable,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    new: bool,
) -> None:
    """Store winning versions, each as its values in ``columns`` order (the version's, its
    vector, its binary and derived values): ``new`` ones, whose id the register does not
    hold, are inserted (a plain INSERT costs half an upsert over indexed tables); the
    others are written over their row."""
    names = ", ".join(f"[{c}]" for c in columns)
    sql = f"INSERT INTO [{spec.name}] ({names}) VALUES ({', '.join('?' * len(columns))})"
    if not new:
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != "id")
        sql += f" ON CONFLICT(id) DO UPDATE SET {updates}"
    db.conn.executemany(sql, rows)


def replace_conflicts(
    db: Database, spec: SyncedTable, row_id: str, versions: Sequence[Version]
) -> None:
    """The versions of a row that lost to its winner and wait for a person."""
    db.execute("DELETE FROM conflict WHERE tbl = ? AND row_id = ?", [spec.name, row_id])
    now = utc_now()
    for version in versions:
        db.execute(
            "INSERT INTO conflict(id, tbl, row_id, vv, data, found_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                version.digest[:32],
                spec.name,
                row_id,
                version.vv,
                json.dumps(version.row, ensure_ascii=False, sort_keys=True),
                now,
            ],
        )


def conflicts_in(db: Database, spec: SyncedTable) -> Iterator[tuple[str, str, str]]:
    """(row id, vv, data JSON) of every waiting version of this table."""
    yield from db.execute(
        "SELECT row_id, vv, data FROM conflict WHERE tbl = ? ORDER BY row_id, id", [spec.name]
    )


# --- change log marks ---------------------------------------------------------------------


def change_mark(db: Database) -> int:
    """The register's last change: an incremental bundle sends what comes after a mark."""
    row = db.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
    return int(row[0])


def rows_of(
    db: Database, spec: SyncedTable, columns: Sequence[str], since: int = 0
) -> Iterator[tuple[Any, ...]]:
    """Every row of a table (tombstones included), or those changed after mark ``since``,
    as its values in ``columns``."""
    names = ", ".join(f"t.[{c}]" for c in columns)
    if since:
        cursor = db.execute(
            f"SELECT {names} FROM [{spec.name}] t JOIN change_log c"
            f" ON c.tbl = ? AND c.row_id = t.id WHERE c.seq > ? ORDER BY t.rowid",
            [spec.name, since],
        )
    else:
        cursor = db.execute(f"SELECT {names} FROM [{spec.name}] t ORDER BY t.rowid")
    yield from cursor


# --- installations met, bundles sent and received ---------------------------------------


def check_installation(db: Database, installation_id: str, public_key: str, source: str) -> None:
    """The first bundle of an installation records its key; a later one claiming that
    installation with another key is refused."""
    row = db.execute(
        "SELECT public_key FROM installation WHERE id = ?", [installation_id]
    ).fetchone()
    if row is not None and row[0] != public_key:
        raise KnownError("bundle.key_mismatch", file=source, installation=installation_id[:8])


def has_met(db: Database, installation_id: str) -> bool:
    """This register merged a bundle of that installation before."""
    found = db.execute("SELECT 1 FROM installation WHERE id = ?", [installation_id]).fetchone()
    return found is not None


def meet_installation(
    db: Database, installation_id: str, public_key: str, communes: Sequence[str]
) -> None:
    now = utc_now()
    db.execute(
        "INSERT INTO installation(id, public_key, first_seen, last_seen, commune_codes)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen,"
        " commune_codes = excluded.commune_codes",
        [installation_id, public_key, now, now, " ".join(communes)],
    )


@dataclass(frozen=True)
class BundleRecord:
    direction: str  # "sent" or "received"
    at: str
    file_name: str
    sha256: str
    installation_id: str
    commune_codes: str
    made_at: str
    summary: dict[str, Any]


def log_bundle(db: Database, record: BundleRecord) -> None:
    db.execute(
        "INSERT INTO bundle_log(direction, at, file_name, sha256, installation_id,"
        " commune_codes, made_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            record.direction,
            record.at,
            record.file_name,
            record.sha256,
            record.installation_id,
            record.commune_codes,
            record.made_at,
            json.dumps(record.summary, ensure_ascii=False, sort_keys=True),
        ],
    )


def bundle_records(db: Database, limit: int = 200) -> list[BundleRecord]:
    """The bundles sent and received, newest first."""
    return [
        BundleRecord(d, at, name, sha, inst, codes, made, json.loads(summary))
        for d, at, name, sha, inst, codes, made, summary in db.execute(
            "SELECT direction, at, file_name, sha256, installation_id, commune_codes, made_at,"
            " summary FROM bundle_log ORDER BY seq DESC LIMIT ?",
            [limit],
        )
    ]


@contextmanager
def snapshot(db: Database) -> Iterator[None]:
    """Reads inside see one consistent state of the register, whatever other connections
    commit meanwhile, without holding the write lock (an export takes no writer's turn)."""
    db.conn.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        db.conn.execute("ROLLBACK")


def sent_from(record: BundleRecord, installation_id: str, register_id: str) -> bool:
    """Whether a bundle sent was sent from this file on this PC (a copy of the file holds
    the original's records; one written before the record named its register was)."""
    made_by = record.summary.get("register_id", register_id)
    return record.installation_id == installation_id and made_by == register_id


def bundles_sent_here(db: Database, installation_id: str, limit: int = 200) -> list[BundleRecord]:
    """Of the last ``limit`` bundles sent and received, those this file sent from this PC,
    newest first: what "only the changes since" may continue. A copy of the file (on
    another PC, before its own first export) holds the original's records but sent none."""
    register_id = local.register_id_for(db, installation_id)
    if register_id is None:
        return []
    return [
        r
        for r in bundle_records(db, limit=limit)
        if r.direction == "sent" and sent_from(r, installation_id, register_id)
    ]
