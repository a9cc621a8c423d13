"""Backups of a register: consistent copies (SQLite's backup API), their rotation, restore."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Progress
from desktop.outputs import (
    PRIVATE_FILE,
    check_output,
    check_register_name,
    discard,
    leading,
    new_private_file,
    private_folder,
    remove_leftovers,
    temporary_beside,
)
from desktop.store.encryption import (
    cipher_connect,
    connect_file,
    database_errors,
    file_errors,
    key_for,
    sqlite_errors,
)
from desktop.store.local import forget_replica
from desktop.store.register import check_header, known_error, refuse_foreign_or_newer
from desktop.userdata import data_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

KEEP_LATEST = 10  # the last ten, whatever their age
KEEP_DAILY_DAYS = 30  # plus the newest of each of the last thirty days
STALE_AFTER = dt.timedelta(days=1)  # an older last backup is renewed when a register opens
REASONS = ("manual", "open", "import", "merge", "migration", "restore", "encrypt", "forget")
_BYTES_PER_STEP = 16 * 1024 * 1024  # progress is reported between steps of about this much
_NAME = re.compile(r"^(\d{8}T\d{6}\d{6})Z-([a-z]+)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%S%f"
_HEADER = b"SQLite format 3\x00"
_COMPANIONS = ("-wal", "-shm", "-journal", ".lock")  # files that belong to a register

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Backup:
    """One kept copy: its file, when it was taken (UTC), why, and its size in bytes."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def backup_folder(register_path: Path | str) -> Path:
    """The register's own folder of backups in the data folder, keyed by its full path so that
    two registers named alike in different folders never share one."""
    import hashlib  # not loaded for a window's start (OpenSSL's library)

    resolved = os.path.normcase(str(Path(register_path).resolve()))
    key = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:12]
    return data_dir() / "backups" / f"{Path(register_path).stem}-{key}"


def take_backup(
    db: Database,
    register_path: Path | str,
    reason: str,
    *,
    progress: Progress | None = None,
    clock: Clock = _utc_now,
) -> Path:
    """Copy the open register into its backup folder and rotate the folder; the copy's path.

    SQLite's backup API copies a consistent state even while other connections write.
    The copy is written under a temporary name and renamed when complete.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    folder = backup_folder(register_path)
    try:
        private_folder(folder.parent)
        private_folder(folder)
        _write_private(folder / "register.txt", f"{Path(register_path).resolve()}\n")
    except OSError as exc:  # the data folder's disk full, a profile that takes no files
        raise _copy_failed(exc, folder) from exc
    now = clock()
    target = folder / f"{now.astimezone(dt.UTC).strftime(_STAMP)}Z-{reason}.sqlite3"
    copy_register(db, target, key=key_for(register_path), progress=progress)
    rotate(folder, now)
    log.info("backup (%s) of %s: %s", reason, Path(register_path).name, target.name)
    return target


def backup_to(
    db: Database,
    register_path: Path | str,
    out: Path | str,
    *,
    progress: Progress | None = None,
    clock: Clock = _utc_now,
) -> Path:
    """A copy of the open register at ``out``: a new file, or a new file named after the
    register and the time inside ``out`` when it is a folder (a USB stick). Never replaces
    a file, so never the register, its -wal or another register."""
    target = Path(out)
    if target.is_dir():
        stamp = clock().astimezone().strftime("%Y%m%d-%H%M%S")
        target = target / f"{leading(Path(register_path).stem)}-{stamp}.sqlite3"
    check_register_name(target)  # a copy is a register: it is opened, restored
    # Checked without opening any file: Python opening and closing the register this
    # process has open would drop SQLite's locks on it (see desktop.file_kinds).
    if target.exists() or Path(f"{target}-wal").exists():
        raise KnownError("db.exists", path=str(target))
    if target.name.endswith(_COMPANIONS):
        raise KnownError("output.is_database", path=str(target))
    check_output(target)  # the shared checks: no folder, no backup folder, no database
    copy_register(db, target, key=key_for(register_path), progress=progress)
    log.info("backup of %s to %s", Path(register_path).name, target)
    return target


def copy_register(
    db: Database, target: Path, *, key: bytes | None = None, progress: Progress | None = None
) -> None:
    """A consistent single-file copy of ``db`` at ``target`` (temporary name, then renamed),
    encrypted with ``key`` and the register's cipher settings when it is (store.cipher);
    readable by the user alone, as the register."""
    # Named after this process: one a killed copy left (a whole register's size, hidden on
    # a USB stick or in the backup folder) is removed by the next copy into that folder.
    partial = temporary_beside(target)

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    source = db.conn
    try:
        remove_leftovers(target.parent)
        copy = connect_file(new_private_file(partial), key, copy_of=source)
        # The copy is made durable by the fsync below before it takes its name: SQLite's own
        # syncs of a file nobody reads yet were most of a small register's backup (an import
        # into a new register waited 50–400 ms on them).
        copy.execute("PRAGMA synchronous = OFF")
        # The backup copies in steps; a read transaction held across them keeps one
        # snapshot (WAL lets writers go on meanwhile). Without it every write by another
        # connection restarts the copy, and a busy register would never finish.
        own_snapshot = not source.in_transaction
        try:
            if own_snapshot:
                source.execute("BEGIN")
                source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # 4,096 pages of a plain register, 1,024 of an encrypted one (16 KiB pages).
            page_size = int(source.execute("PRAGMA page_size").fetchone()[0])
            steps = max(1, _BYTES_PER_STEP // page_size)
            source.backup(copy, pages=steps, progress=report)
            # One file to carry around: no -wal beside the copy.
            copy.execute("PRAGMA journal_mode = DELETE")
            forget_replica(copy)  # a copy is not the file: opened, it gets an id of its own
        finally:
            if own_snapshot and source.in_transaction:
                source.execute("ROLLBACK")
            copy.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        _refuse_if_replaced(db, partial)
        os.replace(partial, target)
    except file_errors() as exc:
        discard(partial)
        # And SQLite's journal of it, left when a write failed (a stick that takes no more).
        discard(partial.with_name(f"{partial.name}-journal"))
        raise _copy_failed(exc, target) from exc


def _write_private(path: Path, text: str) -> None:
    """``text`` as the whole of ``path``, a file readable by the user alone."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE)  # one written before, by the umask


def _refuse_if_replaced(db: Database, partial: Path) -> None:
    """No copy of a file another took the place of while it was copied (`camket encrypt`
    swapping in the encrypted register): it would be a plain copy of the register as it was,
    kept beside the encrypted one's backups after they were encrypted."""
    check = getattr(db, "refuse_if_replaced", None)  # a register's connection (store.register)
    if check is None:
        return
    try:
        check()
    except KnownError:
        discard(partial)
        raise


def _copy_failed(exc: BaseException, target: Path) -> KnownError:
    """What a clerk can do about a copy that failed: a full disk, a folder or medium that
    takes no files (a write-protected USB stick), or SQLite's or the system's own words."""
    known = known_error(exc)
    if known is not None and known.code == "db.disk_full":
        return KnownError("backup.disk_full", path=str(target))
    too_large = isinstance(exc, OSError) and exc.errno == errno.EFBIG
    if too_large or (known is not None and known.code == "db.write_refused"):
        return KnownError("backup.too_large_here", path=str(target))
    if not target.parent.is_dir():  # the stick pulled out while the copy was written
        return KnownError("backup.folder_gone", path=str(target), folder=str(target.parent))
    if not os.access(target.parent, os.W_OK):
        return KnownError("backup.read_only", path=str(target))
    return KnownError("backup.failed", path=str(target), detail=str(exc))


def list_backups(register_path: Path | str) -> list[Backup]:
    """The register's backups in its backup folder, newest first."""
    return sorted(_backups_in(backup_folder(register_path)), key=lambda b: b.taken_at, reverse=True)


def backups_to_keep(backups: list[Backup], now: dt.datetime) -> set[Path]:
    """The rotation policy: the last KEEP_LATEST, plus the newest of each of the last
    KEEP_DAILY_DAYS days (local calendar days).

    The last ones are those taken up to ``now``: copies dated ahead by a clock that was
    wrong (then set right) are kept one a day, and do not take the places of today's."""
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in [b for b in newest_first if b.taken_at <= now][:KEEP_LATEST]}
    today = now.astimezone().date()
    days_seen: set[dt.date] = set()
    for backup in newest_first:
        day = backup.taken_at.astimezone().date()
        if (today - day).days < KEEP_DAILY_DAYS and day not in days_seen:
            days_seen.add(day)
            keep.add(backup.path)
    return keep


def rotate(folder: Path, now: dt.datetime) -> list[Path]:
    """Remove the backups of ``folder`` the policy does not keep; the removed paths."""
    backups = _backups_in(folder)
    keep = backups_to_keep(backups, now)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
            except FileNotFoundError:
                continue
            removed.append(backup.path)
    return removed


def _backups_in(folder: Path) -> list[Backup]:
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    found = []
    for path in entries:
        match = _NAME.match(path.name)
        if not match:
            continue
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # rotated away meanwhile by another process
            continue
        taken = dt.datetime.strptime(match[1], _STAMP).replace(tzinfo=dt.UTC)
        found.append(Backup(path, taken, match[2], size))
    return found


def backup_if_stale(
    db: Database,
    register_path: Path | str,
    *,
    progress: Progress | None = None,
    clock: Clock = _utc_now,
) -> Path | None:
    """Take an "open" backup when the register has none younger than a day; its path, or
    None when a recent one exists. A copy dated ahead (a clock that was wrong, then set
    right) is not a recent one: it stopped the daily copy until its date came."""
    now = clock()
    if any(dt.timedelta(0) <= now - b.taken_at < STALE_AFTER for b in list_backups(register_path)):
        return None
    return take_backup(db, register_path, "open", progress=progress, clock=clock)


def check_backup(path: Path | str) -> None:
    """Refuse (KnownError) a file that is not a whole, sound CamKet register copy: not SQLite,
    damaged (integrity_check), another program's database, a newer CamKet's, or one with no
    commune. Opens the file only to read it."""
    path = Path(path)
    if path.is_dir():
        raise KnownError("backup.is_folder", path=str(path))
    if not path.is_file():
        raise KnownError("backup.missing", path=str(path))
    check_header(path)
    key = key_for(path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True) if key is None else cipher_connect(uri, key, uri=True)
    except sqlite_errors() as exc:
        raise KnownError("backup.damaged", path=str(path), detail=str(exc)) from exc
    from sqlite_utils import Database

    db = Database(conn)
    try:
        verdict = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        if verdict != ["ok"]:
            raise KnownError("backup.damaged", path=str(path), detail="; ".join(verdict[:3]))
        refuse_foreign_or_newer(db, path)
        if (
            "commune" not in db.table_names()
            or not db.execute("SELECT count(*) FROM commune").fetchone()[0]
        ):
            raise KnownError("db.not_a_register", path=str(path))
    except database_errors() as exc:
        raise KnownError("backup.damaged", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()
