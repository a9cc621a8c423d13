"""Opening and creating a register file: pragmas, migrations, refusing bad or newer files."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET, migrations

log = logging.getLogger(__name__)

_MIGRATIONS_TABLE = "_sqlite_migrations"

# How long a write waits for another writer (a second window, an import, `camket sign`)
# before it is refused with KnownError("db.busy").
BUSY_TIMEOUT_MS = 10_000


class RegisterDatabase(Database):
    """sqlite-utils' Database whose write transactions take the write lock when they begin.

    A plain (deferred) BEGIN that reads and then writes cannot wait for another writer in
    WAL mode: SQLite refuses it at once with "database is locked" instead of calling the busy
    handler. BEGIN IMMEDIATE waits up to the busy timeout; past it, KnownError("db.busy")
    (as a full disk or a read-only file anywhere in the block is its KnownError, rolled back).
    The same holds for a lone write outside atomic(): the connection's implicit transactions
    begin IMMEDIATE too (isolation_level, set in connect()). Nested atomic() blocks stay
    savepoints.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        with known_sqlite_errors():
            self.begin()
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise

    def begin(self) -> None:
        with known_sqlite_errors():
            self.conn.execute("BEGIN IMMEDIATE")


def known_error(exc: BaseException) -> KnownError | None:
    """The KnownError a clerk can act on for a failure of the file or the disk, or None for
    anything else (a bug). SQLite words its failures in English; its codes are not exposed
    by Python 3.11's sqlite3, so the wording is matched."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return KnownError("db.disk_full")
    if not isinstance(exc, sqlite3.Error):
        return None
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return KnownError("db.busy")
    if "disk is full" in text or "disk full" in text:
        return KnownError("db.disk_full")
    if "readonly" in text or "read-only" in text:
        return KnownError("db.read_only")
    return None


@contextlib.contextmanager
def known_sqlite_errors() -> Iterator[None]:
    """Turn a busy register, a full disk or a read-only file into its KnownError."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        known = known_error(exc)
        if known is None:
            raise
        raise known from exc


def data_version(db: Database) -> int:
    """A number that changes whenever another connection commits to the file: a plan made
    from earlier reads is stale when it differs under the write lock."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def connect(path: Path | str) -> RegisterDatabase:
    """A Database on an existing file with the pragmas every connection needs."""
    conn = sqlite3.connect(
        str(path),
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level="IMMEDIATE",
    )
    db = RegisterDatabase(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    return db


def memory_register() -> Database:
    """A fresh, migrated, in-memory register (tests)."""
    db = RegisterDatabase(sqlite3.connect(":memory:", isolation_level="IMMEDIATE"))
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


def open_register(path: Path | str, *, create: bool = False) -> Database:
    """Open (or with ``create``, make) a register and bring its schema up to date.

    Raises KnownError for a missing, unreadable, corrupt or too-new file; such a file
    is never written to.
    """
    path = Path(path)
    if path.is_dir():
        raise KnownError("db.is_directory", path=str(path))
    if not path.exists():
        if not create:
            raise KnownError("db.missing", path=str(path))
        if not path.parent.exists():
            raise KnownError("db.folder_missing", path=str(path.parent))
    elif not os.access(path, os.R_OK):
        raise KnownError("db.unreadable", path=str(path))
    elif create and path.stat().st_size > 0:
        raise KnownError("db.exists", path=str(path))

    if path.exists() and path.stat().st_size > 0:
        check_header(path)
    try:
        db = connect(path)
    except sqlite3.Error as exc:
        raise KnownError("db.unreadable", path=str(path), detail=str(exc)) from exc
    try:
        refuse_foreign_or_newer(db, path)
        db.execute("PRAGMA journal_mode = WAL")
        pending = migrations.pending(db)
        if pending:
            if "household" in db.table_names():  # a register in use, not a brand-new file
                # Imported here: backups reads this module's checks of a register file.
                from desktop.store.backups import take_backup

                take_backup(db, path, "migration")
            log.info("applying %d migration(s) to %s", len(pending), path.name)
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise KnownError("db.corrupt", path=str(path), detail=str(exc)) from exc
    except BaseException:
        db.close()
        raise
    return db


def check_header(path: Path) -> None:
    # Reading the 16-byte header first keeps a text file or a spreadsheet from ever
    # being opened (and so touched) by SQLite.
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise KnownError("db.unreadable", path=str(path), detail=str(exc)) from exc
    if header != b"SQLite format 3\x00":
        raise KnownError("db.not_a_register", path=str(path))


def refuse_foreign_or_newer(db: Database, path: Path) -> None:
    tables = set(db.table_names())
    if not tables:
        return
    if _MIGRATIONS_TABLE not in tables or "household" not in tables:
        raise KnownError("db.not_a_register", path=str(path))
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - set(KNOWN_MIGRATIONS)
    if unknown:
        raise KnownError("db.too_new", path=str(path), migration=sorted(unknown)[-1])
    others = db.execute(
        f"SELECT count(*) FROM {_MIGRATIONS_TABLE} WHERE migration_set != ?", [MIGRATION_SET]
    ).fetchone()[0]
    if others:
        raise KnownError("db.not_a_register", path=str(path))
