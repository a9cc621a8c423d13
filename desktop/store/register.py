"""Opening and creating a register file: pragmas, migrations, refusing bad or newer files."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET, migrations

log = logging.getLogger(__name__)

_MIGRATIONS_TABLE = "_sqlite_migrations"


def connect(path: Path | str) -> Database:
    """A Database on an existing file with the pragmas every connection needs."""
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    return db


def memory_register() -> Database:
    """A fresh, migrated, in-memory register (tests)."""
    db = Database(memory=True)
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
