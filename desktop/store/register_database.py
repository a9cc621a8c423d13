"""A register's connection: read through sqlite3 from the start, sqlite-utils' Database from its
first other use; a failure of the file or the disk turned into the KnownError a clerk acts on."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from desktop.domain.errors import KnownError
from desktop.store.damage import mark_damaged
from desktop.store.encryption import file_errors, sqlite_errors

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database
    from sqlite_utils.db import Table, View

    _Base = Database
else:
    _Base = object

# Statements that open a transaction themselves: the implicit one a write opens is committed.
_EXPLICIT_OPENERS = ("BEGIN", "SAVEPOINT")
_upgrading = threading.Lock()


class RegisterDatabase(_Base):
    """sqlite-utils' Database over a register's connection, whose write transactions take the
    write lock when they begin.

    Made without importing sqlite-utils (~15 % of a bare PySide6 window's start, with the
    click and pluggy it imports): reading (``execute``, ``table_names``), transactions and
    closing are done here as sqlite-utils does them, and the first use of anything else
    (``db["table"]``, ``db.query``, ``db.table(…)``…) imports sqlite-utils and makes this
    object a Database of it from then on (``use_sqlite_utils``). The window starts, reads and
    paints over the plain connection.

    A plain (deferred) BEGIN that reads and then writes cannot wait for another writer in
    WAL mode: SQLite refuses it at once with "database is locked" instead of calling the busy
    handler. BEGIN IMMEDIATE waits up to the busy timeout; past it, KnownError("db.busy")
    (as a full disk or a read-only file anywhere in the block is its KnownError, rolled back).
    The same holds for a lone write outside atomic(): the connection's implicit transactions
    begin IMMEDIATE too (isolation_level, set in store.register.connect()). Nested atomic()
    blocks stay savepoints.
    """

    path: Path | None = None  # the file, when on disk: a damaged page marks it damaged
    # (st_dev, st_ino) of the file opened at ``path``: what every commit checks is still there.
    identity: tuple[int, int] | None = None

    def __init__(self, conn: sqlite3.Connection) -> None:
        # As sqlite-utils' Database(conn) sets it up, without its plugins: nothing installed
        # beside CamKet may hook our connections, and looking for them (every installed
        # package's entry points) cost ~40 ms of the window's start.
        self.conn = conn
        self.execute("PRAGMA recursive_triggers=on;")

    # --- what the start uses, without sqlite-utils ------------------------------------------

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor:
        """As sqlite-utils' execute: a write outside a transaction is committed at once; a
        failed one leaves no transaction open."""
        was_in_transaction = self.conn.in_transaction
        try:
            if parameters is None:
                cursor = self.conn.execute(sql)
            else:
                cursor = self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and _first_keyword(sql) not in _EXPLICIT_OPENERS
        ):
            try:
                self.refuse_if_replaced()
            except KnownError:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        return cursor

    def table_names(self, fts4: bool = False, fts5: bool = False) -> list[str]:
        if fts4 or fts5:
            return self._sqlite_utils_database().table_names(fts4=fts4, fts5=fts5)
        rows = self.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return [row[0] for row in rows]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> RegisterDatabase:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # a savepoint, as sqlite-utils makes them
            from sqlite_utils import Database

            with Database.atomic(self._sqlite_utils_database()):
                yield self
            return
        with known_sqlite_errors(self.path):
            self.begin()
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            try:
                self.refuse_if_replaced()
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise

    def refuse_if_replaced(self) -> None:
        """KnownError("db.replaced") when the file at ``path`` is no longer the one this
        connection writes to: `camket encrypt` (or a restore replacing a damaged file whole)
        put another in its place while this write waited for the lock. Committed, the write
        went into the file set aside while the command said it was saved."""
        if self.path is None or self.identity is None:
            return
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            raise KnownError("db.replaced", path=str(self.path)) from None
        if (now.st_dev, now.st_ino) != self.identity:
            raise KnownError("db.replaced", path=str(self.path))

    def begin(self) -> None:
        with known_sqlite_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.refuse_if_replaced()
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # --- everything else: sqlite-utils' --------------------------------------------------------

    def use_sqlite_utils(self) -> None:
        """Import sqlite-utils (once per process) and make this a Database of it: the window
        does so once painted, so that its first edit does not wait for the import."""
        self._sqlite_utils_database()

    def _sqlite_utils_database(self) -> Database:
        with _upgrading:
            if not _has_sqlite_utils(self):
                from sqlite_utils import Database

                # Its state, as Database(conn) sets it (the pragma was run above).
                Database.__init__(self, self.conn, recursive_triggers=False, execute_plugins=False)
                self.__class__ = _with_sqlite_utils()
        return self

    def __getattr__(self, name: str) -> Any:
        # Only attributes neither this class nor the instance has: sqlite-utils' API.
        if name.startswith("__") or _has_sqlite_utils(self):
            raise AttributeError(name)
        return getattr(self._sqlite_utils_database(), name)

    def __getitem__(self, table_name: str) -> Table | View:
        return self._sqlite_utils_database()[table_name]

    def __repr__(self) -> str:
        return f"<RegisterDatabase {self.conn}>"


_full_class: list[type[RegisterDatabase]] = []


def _with_sqlite_utils() -> type[RegisterDatabase]:
    """RegisterDatabase with sqlite-utils' Database before it (its execute, table_names and
    the rest; this class's atomic and begin kept), made when first needed."""
    if not _full_class:
        from sqlite_utils import Database

        overrides = {
            name: RegisterDatabase.__dict__[name]
            for name in ("atomic", "begin", "use_sqlite_utils", "_sqlite_utils_database")
        }
        overrides["__doc__"] = RegisterDatabase.__doc__
        overrides["__module__"] = __name__
        _full_class.append(type("RegisterDatabase", (Database, RegisterDatabase), overrides))
    return _full_class[0]


def use_sqlite_utils(db: Database) -> None:
    """Have ``db`` import sqlite-utils now, if it has not yet (RegisterDatabase)."""
    if isinstance(db, RegisterDatabase):
        db.use_sqlite_utils()


def _has_sqlite_utils(db: RegisterDatabase) -> bool:
    return bool(_full_class) and isinstance(db, _full_class[0])


def _first_keyword(sql: str) -> str:
    """The first word of a statement, upper-cased (our own SQL: no comment before it)."""
    words = sql.lstrip(" \t\r\n;\ufeff").split(None, 1)
    return words[0].upper().rstrip(";") if words else ""


def data_version(db: Database) -> int:
    """A number that changes whenever another connection commits to the file: a plan made
    from earlier reads is stale when it differs under the write lock."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def known_error(exc: BaseException, path: Path | None = None) -> KnownError | None:
    """The KnownError a clerk can act on for a failure of the file or the disk, or None for
    anything else (a bug). SQLite words its failures in English and the wording is matched;
    a write the disk refused is told by its code (sqlite3's, not SQLCipher's binding)."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return KnownError("db.disk_full")
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:  # a name typed or pasted
        return KnownError("file.name_too_long", path=str(exc.filename or path or "?"))
    if not isinstance(exc, sqlite_errors()):
        return None
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return KnownError("db.busy")
    if "disk is full" in text or "disk full" in text:
        return KnownError("db.disk_full")
    if "readonly" in text or "read-only" in text:
        # Without the path (a caller that had none to give), "the open register file".
        return KnownError("db.read_only", path=str(path) if path else "đang mở")
    if getattr(exc, "sqlite_errorname", "") in _NO_ROOM:
        return KnownError("db.disk_full")
    if getattr(exc, "sqlite_errorname", "") in _WRITE_REFUSED:
        return KnownError("db.write_refused")
    if any(sign in text for sign in _DAMAGE_SIGNS):
        return KnownError("db.damaged", path=str(path or "?"), detail=str(exc))
    return None


# A write the disk refused ("disk I/O error" too): a file-size limit (FAT32's 4 GB, `ulimit
# -f`), a quota, a stick pulled out. SQLite rolled the transaction back and the file is as it
# was: no damage to mark, nor a backup to restore (an older one would lose the day's work).
_WRITE_REFUSED = frozenset({"SQLITE_IOERR_WRITE"})

# No room on the disk for the shared-memory file (-shm) beside the register, as SQLite's
# own documentation says of this code: its words are "disk I/O error", as for damage.
_NO_ROOM = frozenset({"SQLITE_IOERR_SHMSIZE"})

# What SQLite (or Python reading its text) says of a damaged file.
_DAMAGE_SIGNS = (
    "malformed",
    "not a database",
    "could not decode",
    "disk i/o error",
    "no such table",
    "no such column",
)


@contextlib.contextmanager
def known_sqlite_errors(path: Path | None = None) -> Iterator[None]:
    """Turn a busy register, a full disk, a read-only or a damaged file into its KnownError;
    a damaged one (at ``path``) is marked so, and no command writes to it again."""
    try:
        yield
    except file_errors() as exc:
        known = known_error(exc, path)
        if known is None:
            raise
        if known.code == "db.damaged" and path is not None:
            mark_damaged(path, str(exc))
        raise known from exc
