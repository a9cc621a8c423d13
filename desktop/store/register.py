"""Opening a register file: pragmas, one writer at a time, migrations, refusing bad, damaged
or newer files, reading without writing (store.new_register builds a new one whole)."""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import KnownError
from desktop.file_kinds import file_kind
from desktop.outputs import check_register_name
from desktop.store.damage import damage_of
from desktop.store.encryption import (
    connect_file,
    database_errors,
    key_for,
    operational_errors,
    sqlite_errors,
)
from desktop.store.migration_set import MIGRATIONS_TABLE as MIGRATIONS_TABLE
from desktop.store.register_database import RegisterDatabase as RegisterDatabase
from desktop.store.register_database import data_version as data_version
from desktop.store.register_database import known_error as known_error
from desktop.store.register_database import known_sqlite_errors as known_sqlite_errors
from desktop.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET, migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

# How long a write waits for another writer (a second window, an import, `camket sign`)
# before it is refused with KnownError("db.busy").
BUSY_TIMEOUT_MS = 10_000


def connect(path: Path | str) -> RegisterDatabase:
    """A Database on an existing file with the pragmas every connection needs; an encrypted
    register is opened with SQLCipher and its key (store.encryption)."""
    conn = connect_file(
        path,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level="IMMEDIATE",
    )
    db = RegisterDatabase(conn)
    db.path = Path(path)
    opened = os.stat(path)
    db.identity = (opened.st_dev, opened.st_ino)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    return db


@functools.cache
def expected_tables() -> frozenset[str]:
    """The tables a register of this version has (a missing one is damage)."""
    db = memory_register()
    try:
        return frozenset(db.table_names())
    finally:
        db.close()


def memory_register() -> Database:
    """A fresh, migrated, in-memory register (tests)."""
    db = RegisterDatabase(sqlite3.connect(":memory:", isolation_level="IMMEDIATE"))
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


def open_register(
    path: Path | str, *, create: bool = False, read_only: bool = False
) -> RegisterDatabase:
    """Open (or with ``create``, make) a register and bring its schema up to date.

    Raises KnownError for a missing, unreadable, corrupt or too-new file; such a file
    is never written to. Only ``create`` gives an empty file a schema: an empty one, or one
    whose set-up never finished, is refused as not set up (needs_setup). ``read_only``
    (check, search, report) never writes to the file: an older schema is brought up to
    date in a copy in memory.
    """
    path = Path(path)
    check_register_name(path)
    if path.is_dir():
        raise KnownError("db.is_directory", path=str(path))
    if path.exists() and not path.is_file():  # a device, a pipe: never read, never replaced
        raise KnownError("db.not_a_file", path=str(path))
    if not path.exists():
        if not create:
            raise KnownError("db.missing", path=str(path))
        if not path.parent.exists():
            raise KnownError("db.folder_missing", path=str(path.parent))
    elif not os.access(path, os.R_OK):
        raise KnownError("db.unreadable", path=str(path))
    elif create and path.stat().st_size > 0:
        raise KnownError("db.exists", path=str(path))
    elif path.stat().st_size == 0 and not create:  # create: the empty file made for it
        raise KnownError("db.no_commune", path=str(path))

    if path.exists() and path.stat().st_size > 0:
        check_header(path)
    damage = None if read_only or create else damage_of(path)
    if damage is not None:
        raise KnownError("db.damaged", path=str(path), detail=damage)
    try:
        db = connect_read_only(path) if read_only else connect(path)
    except sqlite_errors() as exc:
        if not read_only and not writable(path):
            raise KnownError("db.read_only", path=str(path)) from exc
        known = known_error(exc, path)
        if known is not None and known.code == "db.damaged":  # a file cut short, say
            raise KnownError("db.corrupt", path=str(path), detail=str(exc)) from exc
        raise KnownError("db.unreadable", path=str(path), detail=str(exc)) from exc
    try:
        refuse_foreign_or_newer(db, path)
        if not create and not db.table_names():
            raise KnownError("db.no_commune", path=str(path))
        if read_only:
            return _brought_up_to_date_in_memory(db, path)
        db.execute("PRAGMA journal_mode = WAL")
        pending = migrations.pending(db)
        if pending:
            if "household" in db.table_names():  # a register in use, not a brand-new file
                # Imported here: backups reads this module's checks of a register file.
                from desktop.store.backups import take_backup

                take_backup(db, path, "migration")
            log.info("applying %d migration(s) to %s", len(pending), path.name)
            migrations.apply(db)
    except database_errors() as exc:
        db.close()
        known = known_error(exc, path)
        if known is not None and known.code != "db.damaged":  # busy, full, read-only
            raise known from exc
        if not read_only and not writable(path):
            # On a read-only medium SQLite cannot make the -shm file it needs for writing
            # ("unable to open database file"): good data, not damage.
            raise KnownError("db.read_only", path=str(path)) from exc
        raise KnownError("db.corrupt", path=str(path), detail=str(exc)) from exc
    except BaseException:
        db.close()
        raise
    return db


def connect_read_only(path: Path | str) -> RegisterDatabase:
    """A connection that cannot write to the file (searches, read-only commands). A WAL
    register on a read-only medium, where SQLite cannot make its shared-memory file, is
    opened as immutable. An encrypted register is read with its key (store.encryption)."""
    uri = Path(path).resolve().as_uri()
    key = key_for(path)
    conn = connect_file(
        f"{uri}?mode=ro", key, uri=True, check_same_thread=False, isolation_level="IMMEDIATE"
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except operational_errors():
        conn.close()
        conn = connect_file(
            f"{uri}?mode=ro&immutable=1",
            key,
            uri=True,
            check_same_thread=False,
            isolation_level="IMMEDIATE",
        )
    db = RegisterDatabase(conn)
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    return db


def _brought_up_to_date_in_memory(db: RegisterDatabase, path: Path) -> RegisterDatabase:
    if not migrations.pending(db):
        return db
    log.info("reading %s through a copy in memory: its schema is older", path.name)
    copy = connect_file(
        ":memory:",
        key_for(path),
        copy_of=db.conn,
        check_same_thread=False,
        isolation_level="IMMEDIATE",
    )
    db.conn.backup(copy)
    db.close()
    upgraded = RegisterDatabase(copy)
    upgraded.execute("PRAGMA foreign_keys = ON")
    migrations.apply(upgraded)
    upgraded.execute("PRAGMA query_only = ON")  # a write would be lost with the copy: refused
    return upgraded


def writable(path: Path | str) -> bool:
    """Whether the register and its folder take writes (SQLite keeps -wal and -shm files
    beside it): not on a read-only medium or a file marked read-only."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_header(path: Path) -> None:
    # Reading the 16-byte header first keeps a text file or a spreadsheet from ever
    # being opened (and so touched) by SQLite. Read once per process (file_kind): a file
    # this process has open must not be opened and closed again by Python.
    try:
        kind = file_kind(path)
    except OSError as exc:
        raise KnownError("db.unreadable", path=str(path), detail=str(exc)) from exc
    if kind not in ("sqlite", "encrypted"):
        raise KnownError("db.not_a_register", path=str(path))


def refuse_foreign_or_newer(db: Database, path: Path) -> None:
    tables = set(db.table_names())
    if not tables:
        return
    if MIGRATIONS_TABLE not in tables or "household" not in tables:
        raise KnownError("db.not_a_register", path=str(path))
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - set(KNOWN_MIGRATIONS)
    if unknown:
        raise KnownError("db.too_new", path=str(path), migration=sorted(unknown)[-1])
    others = db.execute(
        f"SELECT count(*) FROM {MIGRATIONS_TABLE} WHERE migration_set != ?", [MIGRATION_SET]
    ).fetchone()[0]
    if others:
        raise KnownError("db.not_a_register", path=str(path))
