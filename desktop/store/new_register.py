"""A new register built whole or not at all: made in a temporary file beside the target and
moved into place when complete; which files are still to be set up (and may be replaced)."""

from __future__ import annotations

import contextlib
import errno
import glob
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import KnownError
from desktop.outputs import check_register_name, discard, leading, new_private_file
from desktop.processes import process_alive
from desktop.store.encryption import (
    NewKey,
    connect_file,
    expect_encrypted,
    forget_file,
    remember_key,
    sqlite_errors,
)
from desktop.store.local import UPPER_NAME
from desktop.store.register import MIGRATIONS_TABLE, check_header, connect_read_only

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)


def needs_setup(path: Path | str) -> bool:
    """Whether ``path`` is a register still to be set up: no file, an empty one, or one with
    the schema but no commune (a set-up that never finished). Such a file is offered the
    set-up wizard and `camket init` may replace it. A file that is not a register is not:
    opening it says what it is."""
    path = Path(path)
    if not path.exists():
        return True
    try:
        if not path.is_file():  # a folder, a device, a pipe
            return False
        if path.stat().st_size == 0:
            return True
        check_header(path)
        db = connect_read_only(path)
    except (KnownError, OSError):
        return False
    except sqlite_errors():  # an encrypted register's errors are SQLCipher's own classes
        return False
    try:
        tables = set(db.table_names())
        if not tables:
            return True
        if MIGRATIONS_TABLE not in tables:
            return False
        return not _has_rows(db, tables)
    except sqlite_errors():
        return False
    finally:
        db.close()


def _has_rows(db: Database, tables: set[str]) -> bool:
    """Whether the register keeps anything of a set-up: a commune, a household, or the name
    of an upper-level register."""
    for table in ("commune", "household"):
        if table in tables and db.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchone():
            return True
    return "local_setting" in tables and bool(
        db.execute("SELECT 1 FROM local_setting WHERE key = ?", [UPPER_NAME]).fetchone()
    )


@contextlib.contextmanager
def building_register(target: Path | str, encrypted: NewKey | None = None) -> Iterator[Path]:
    """Build a new register whole, or not at all: yields a temporary path beside ``target``
    to make the register in (every connection to it closed by the end of the block), then
    moves it into place. On any failure, a cancel or an interruption the temporary file is
    removed and ``target`` is as it was. ``target`` may be missing or still to be set up
    (needs_setup); a register in use is refused (KnownError "db.exists").

    With ``encrypted`` the register is encrypted from its first page on (no plain copy of
    it is ever on the disk), and its passphrase is kept before it is moved into place."""
    target = Path(target)
    _refuse_target(target)
    _remove_leftovers(target)
    temp = target.with_name(
        f".{leading(target.name)}.{os.getpid()}-{os.urandom(4).hex()}{_BUILDING}"
    )
    try:
        _new_file(temp, target)
        if encrypted is not None:
            expect_encrypted(temp, encrypted.key)
        yield temp
        _settle(temp)
        _refuse_target(target)  # another program set it up meanwhile
        if encrypted is not None:
            encrypted.keep(target)
        for suffix in _COMPANIONS:  # they belonged to the empty file being replaced
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(temp, target)
        _sync_folder(target.parent)
        forget_file(target)
        if encrypted is not None:
            remember_key(target, encrypted.key)
    finally:
        forget_file(temp)
        for leftover in (temp, *(Path(f"{temp}{suffix}") for suffix in _COMPANIONS)):
            discard(leftover)


def _new_file(temp: Path, target: Path) -> None:
    """The empty file the register ``target`` is built in, the user's alone as its backups
    are (SQLite would make it 0644); KnownError naming ``target`` when the folder takes no
    new file."""
    try:
        new_private_file(temp)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise KnownError("db.disk_full") from exc
        raise KnownError("file.read_only_here", path=str(target)) from exc


_BUILDING = ".building"
_COMPANIONS = ("-wal", "-shm", "-journal")


def _refuse_target(target: Path) -> None:
    check_register_name(target)
    if target.is_dir():
        raise KnownError("db.is_directory", path=str(target))
    if target.exists() and not target.is_file():  # /dev/null: the build renamed over it
        raise KnownError("db.not_a_file", path=str(target))
    if not target.parent.is_dir():
        raise KnownError("db.folder_missing", path=str(target.parent))
    if not needs_setup(target):
        raise KnownError("db.exists", path=str(target))


def _remove_leftovers(target: Path) -> None:
    """Temporary files of builds that were killed on this machine (their process is gone)."""
    begins = leading(target.name)
    for leftover in target.parent.glob(f".{glob.escape(begins)}.*{_BUILDING}*"):
        pid = leftover.name[len(begins) + 2 :].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            log.info("removing %s, left by an interrupted build", leftover.name)
            discard(leftover)


def _settle(temp: Path) -> None:
    """Everything of the new register in its one file, on the disk, before it is moved."""
    if not temp.is_file():
        raise FileNotFoundError(f"the register to move into place was never made: {temp}")
    conn = connect_file(temp)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    with temp.open("rb+") as fh:
        os.fsync(fh.fileno())


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows has no fsync of a folder; its renames are journaled
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
