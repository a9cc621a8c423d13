"""Bulk loads of new rows (demo data, imports): one executemany per table and batch."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from desktop.store.schema import fts_triggers

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

MANY_ROWS = 5_000  # a load of fewer rows keeps the table's indexes as they are
BULK_CACHE_KIB = 32 * 1024  # page cache during the load: random UUID keys spill a small one
# WAL pages a batch of loads lets gather before a checkpoint copies them into the register
# file (4 KiB pages: 128 MiB, a dozen commune bundles into an upper register); SQLite's
# own 1,000 checkpointed after each commune bundle.
BATCH_WAL_PAGES = 32_768
_NORMAL = 1  # PRAGMA synchronous: OFF 0, NORMAL 1, FULL 2, EXTRA 3


def insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys, inside the caller's transaction.

    sqlite-utils' insert_all costs about three times a plain executemany here (DESIGN §11).
    """
    if not rows:
        return
    columns = list(rows[0])
    insert_values(db, table, columns, map(itemgetter(*columns), rows))


def insert_values(
    db: Database,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    same: Mapping[str, Any] | None = None,
) -> None:
    """Insert rows given as their values in ``columns`` order, inside the caller's
    transaction (no dict a row: a bulk load that makes its rows as tuples). ``same``: the
    columns every row has the same value in (a load's sync stamp), written once into the
    statement instead of bound again for each row (each bound text is copied by SQLite:
    a third of an import's binding)."""
    names, values = list(columns), ["?"] * len(columns)
    bound: list[Any] = []  # of ``same``, values that cannot be written as a literal
    for name, value in (same or {}).items():
        names.append(name)
        literal = _literal(value)
        if literal is None:
            bound.append(value)
        values.append("?" if literal is None else literal)
    if bound:
        extra = tuple(bound)
        rows = (tuple(row) + extra for row in rows)
    sql = f"INSERT INTO [{table}] ({', '.join(names)}) VALUES ({', '.join(values)})"
    db.conn.executemany(sql, rows)


def _literal(value: Any) -> str | None:
    """``value`` as an SQL literal that stores exactly what binding it would (an int, NULL,
    a text without NUL); None when it is better bound."""
    if value is None:
        return "NULL"
    if type(value) is int:
        return str(value)
    if type(value) is str and "\0" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


@contextmanager
def bulk_load(db: Database) -> Iterator[BulkLoad]:
    """Inside a transaction: the per-row insert triggers (FTS indexing, change capture) are
    set aside for the load, and the new rows indexed and noted with one statement per table,
    exactly as the triggers would have (FTS: live rows only): as each table is finished
    (BulkLoad.finish), the others at the end. Per-row triggers cost two thirds of the load
    (19 s of 29 s at 200,000 people). On an error the rollback brings the triggers back
    with everything else."""
    load = BulkLoad(db)
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield load
        load.finish_all()
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")


class LoadBatch:
    """A batch of transactions on one connection that each load many rows (the bundles of
    one merge; an import's one transaction), set up for it between them (``with``; outside
    a transaction), as it was again after it:

    - one checkpoint for the batch, at its end (and when the WAL holds BATCH_WAL_PAGES):
      after each commit of 1,000 pages or more, SQLite copied the pages into the register
      file and synced it, the ~2,500 pages each commune bundle touches, most of them the
      same index pages every bundle touches again;
    - the load's page cache kept from one transaction to the next (its pages read again
      from the WAL for each bundle, before);
    - statement journals and sorts in memory (a temporary file written for each bundle;
      5 MB written and read back by an import of 41,000 people). SQLite chooses where a
      write transaction keeps them as it begins: set here, before it;
    - in WAL mode, commits not synced one by one (synchronous NORMAL): the batch's end
      syncs them all before it reports them. SQLite's WAL never loses part of a
      transaction nor a commit without those before it (each frame's checksum follows the
      ones before): a power cut in the middle of the batch leaves the register as of one
      of its commits, never damaged, and each bundle's rows, its line in the bundle log, the
      installation met and the sequence received are one transaction, kept or lost
      together. So the register never says a bundle was merged that it does not hold, and
      merging the same files again brings what was lost (a merge is idempotent). What runs
      between the batch's transactions on the same connection, an edit let in, runs
      within ``synced()``: its commit is synced at once, as outside a batch (and the
      batch's before it with it)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._wal = str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
        self._saved: dict[str, int] = {}

    def __enter__(self) -> LoadBatch:
        db = self.db
        for name in ("wal_autocheckpoint", "cache_size", "temp_store", "synchronous"):
            self._saved[name] = int(db.execute(f"PRAGMA {name}").fetchone()[0])
        db.execute(f"PRAGMA wal_autocheckpoint = {BATCH_WAL_PAGES}")
        db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        db.execute("PRAGMA temp_store = MEMORY")
        if self._wal:
            db.execute(f"PRAGMA synchronous = {min(self._saved['synchronous'], _NORMAL)}")
        return self

    def __exit__(self, *exc: object) -> None:
        db = self.db
        for name, value in reversed(self._saved.items()):
            db.execute(f"PRAGMA {name} = {value}")
        if self._wal and not db.conn.in_transaction:
            self._checkpoint()

    @contextmanager
    def synced(self) -> Iterator[None]:
        """Between the batch's transactions: the commits made within are synced (the
        synchronous setting the connection had before the batch)."""
        db = self.db
        db.execute(f"PRAGMA synchronous = {self._saved['synchronous']}")
        try:
            yield
        finally:
            if self._wal:
                db.execute(f"PRAGMA synchronous = {min(self._saved['synchronous'], _NORMAL)}")

    def _checkpoint(self) -> None:
        """The batch's pages copied into the register file, the WAL synced first (SQLite's
        checkpoint); a reader of an earlier state (another program) may hold some back:
        the WAL is then synced here, so that every commit of the batch is on the disk."""
        _busy, held, copied = self.db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if copied >= held:
            return
        files = self.db.execute("PRAGMA database_list").fetchall()
        main = next((file for _, name, file in files if name == "main"), "")
        if main:
            with open(f"{main}-wal", "r+b") as wal:  # no SQLite lock is held on the WAL file
                os.fsync(wal.fileno())
            log.info("WAL synced after a batch: %d of %d pages checkpointed", copied, held)


class BulkLoad:
    """The insert triggers set aside by bulk_load, and the rows each table held before."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._saved = db.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND (name GLOB '*_fts_insert' OR name GLOB '*_change_insert')"
        ).fetchall()
        tables = {table for _, table, _ in self._saved}
        self._last = {
            t: db.execute(f"SELECT coalesce(max(rowid), 0) FROM [{t}]").fetchone()[0]
            for t in tables
        }
        # Rows the load writes and then updates (a row a bundle names twice, a member's
        # search text after a household's new code) are not in the index yet: the update and
        # delete triggers are kept to the rows there before (a 'delete' of what an
        # external-content index never held damages it, and the load's rows would be
        # indexed twice).
        indexed = [table for name, table, _ in self._saved if name.endswith("_fts_insert")]
        self._kept = db.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN"
            f" ({', '.join('?' * 2 * len(indexed))})",
            [f"{t}_fts_{event}" for t in indexed for event in ("update", "delete")],
        ).fetchall()
        for name, _, _ in [*self._saved, *self._kept]:
            db.execute(f"DROP TRIGGER [{name}]")
        for table in indexed:
            for sql in fts_triggers(table, up_to_rowid=self._last[table]):
                db.execute(sql)
        self._finished: set[str] = set()

    def finish(self, table: str) -> None:
        """The load of ``table`` is done: its new rows indexed and noted, its triggers back
        (a later change of its rows goes through them, as outside a load)."""
        if table in self._finished:
            return
        self._finished.add(table)
        db, last = self.db, self._last.get(table, 0)
        for name, of, sql in self._saved:
            if of != table:
                continue
            if name.endswith("_fts_insert"):
                db.execute(
                    f"INSERT INTO {table}_fts(rowid, search_text) SELECT rowid, search_text"
                    f" FROM {table} WHERE rowid > ? AND deleted = 0",
                    [last],
                )
            else:
                # In id order: the change log's (tbl, row_id) index is filled in order, not
                # at random places (a merge of 200,000 people: 0.4 s instead of 1.0 s). The
                # order of marks within one load means nothing: exports read "after a mark".
                # `+id`: the rows after ``last`` sorted, not the whole id index read in order
                # for them (each commune bundle merged read every row the register held).
                db.execute(
                    "INSERT OR REPLACE INTO change_log(tbl, row_id)"
                    f" SELECT ?, id FROM [{table}] WHERE rowid > ? ORDER BY +id",
                    [table, last],
                )
            db.execute(sql)
        for name, of, sql in self._kept:
            if of == table:
                db.execute(f"DROP TRIGGER [{name}]")
                db.execute(sql)

    def finish_all(self) -> None:
        """Every table not finished yet, in the order their triggers were found."""
        for _, table, _ in self._saved:
            self.finish(table)


@contextmanager
def indexes_set_aside(db: Database, table: str) -> Iterator[None]:
    """Inside a transaction: the table's plain indexes (made by CREATE INDEX, none that
    keeps rows unique: no constraint is lifted) dropped for a load of many rows and made
    again after it, one sort each instead of a random B-tree insert per row and index. On
    an error the rollback brings them back with everything else."""
    plain = [
        name
        for _, name, unique, origin, _ in db.execute(f"PRAGMA index_list([{table}])").fetchall()
        if origin == "c" and not unique
    ]
    saved = [
        db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", [name]
        ).fetchone()[0]
        for name in plain
    ]
    for name in plain:
        db.execute(f"DROP INDEX [{name}]")
    yield
    for sql in saved:
        db.execute(sql)


def loading_into(db: Database, table: str, arriving: int) -> AbstractContextManager[None]:
    """Inside a transaction: ``arriving`` new rows loaded into ``table``. When they are many
    more than the table holds (a first import, a register rebuilt), its plain indexes are
    set aside and made again after the load (indexes_set_aside); a load into a table that
    holds more keeps them, for rebuilding them would cost more than the rows' inserts."""
    if arriving < MANY_ROWS:
        return nullcontext()
    held = db.execute(f"SELECT coalesce(max(rowid), 0) FROM [{table}]").fetchone()[0]
    return indexes_set_aside(db, table) if arriving >= 4 * held else nullcontext()
