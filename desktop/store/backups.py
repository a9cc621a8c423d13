"""Backups of a register: consistent copies (SQLite's backup API), their rotation, restore."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Progress
from desktop.outputs import check_output, discard, remove_leftovers, temporary_beside
from desktop.store.encryption import (
    DATABASE_ERRORS,
    FILE_ERRORS,
    SQLITE_ERRORS,
    cipher_connect,
    connect_file,
    encrypt_copy,
    forget_file,
    is_encrypted,
    key_for,
)
from desktop.store.register import check_header, known_error, refuse_foreign_or_newer
from desktop.userdata import data_dir

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

KEEP_LATEST = 10  # the last ten, whatever their age
KEEP_DAILY_DAYS = 30  # plus the newest of each of the last thirty days
STALE_AFTER = dt.timedelta(days=1)  # an older last backup is renewed when a register opens
REASONS = ("manual", "open", "import", "merge", "migration", "restore", "encrypt")
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
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "register.txt").write_text(f"{Path(register_path).resolve()}\n", encoding="utf-8")
    except OSError as exc:
        raise KnownError("backup.failed", path=str(folder), detail=str(exc)) from exc
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
        target = target / f"{Path(register_path).stem}-{stamp}.sqlite3"
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
    encrypted with ``key`` and the register's cipher settings when it is (store.cipher)."""
    # Named after this process: one a killed copy left (a whole register's size, hidden on
    # a USB stick or in the backup folder) is removed by the next copy into that folder.
    partial = temporary_beside(target)

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    source = db.conn
    try:
        remove_leftovers(target.parent)
        copy = connect_file(partial, key, copy_of=source)
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
        finally:
            if own_snapshot and source.in_transaction:
                source.execute("ROLLBACK")
            copy.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except FILE_ERRORS as exc:
        discard(partial)
        raise _copy_failed(exc, target) from exc


def _copy_failed(exc: BaseException, target: Path) -> KnownError:
    """What a clerk can do about a copy that failed: a full disk, a folder or medium that
    takes no files (a write-protected USB stick), or SQLite's or the system's own words."""
    known = known_error(exc)
    if known is not None and known.code == "db.disk_full":
        return KnownError("backup.disk_full", path=str(target))
    if not os.access(target.parent, os.W_OK):
        return KnownError("backup.read_only", path=str(target))
    return KnownError("backup.failed", path=str(target), detail=str(exc))


def list_backups(register_path: Path | str) -> list[Backup]:
    """The register's backups in its backup folder, newest first."""
    return sorted(_backups_in(backup_folder(register_path)), key=lambda b: b.taken_at, reverse=True)


def backups_to_keep(backups: list[Backup], now: dt.datetime) -> set[Path]:
    """The rotation policy: the last KEEP_LATEST, plus the newest of each of the last
    KEEP_DAILY_DAYS days (local calendar days)."""
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in newest_first[:KEEP_LATEST]}
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
    None when a recent one exists."""
    latest = list_backups(register_path)
    if latest and clock() - latest[0].taken_at < STALE_AFTER:
        return None
    return take_backup(db, register_path, "open", progress=progress, clock=clock)


def check_backup(path: Path | str) -> None:
    """Refuse (KnownError) a file that is not a whole, sound CamKet register copy: not SQLite,
    damaged (integrity_check), another program's database, a newer CamKet's, or one with no
    commune. Opens the file only to read it."""
    path = Path(path)
    if not path.is_file():
        raise KnownError("backup.missing", path=str(path))
    check_header(path)
    key = key_for(path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True) if key is None else cipher_connect(uri, key, uri=True)
    except SQLITE_ERRORS as exc:
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
    except DATABASE_ERRORS as exc:
        raise KnownError("backup.damaged", path=str(path), detail=str(exc)) from exc
    finally:
        conn.close()


def restore_backup(
    backup: Path | str, register_path: Path | str, *, clock: Clock = _utc_now
) -> Path | None:
    """Put a backup in place of the register; the path the replaced register was kept at
    (beside it, with its -wal), or None when there was no register.

    The copy is checked first (check_backup) and nothing changes when it is refused. A
    sound current register gets a "restore" backup too. No other connection may have the
    register open meanwhile (the window closes its own first).
    """
    # Through a link: the register itself is replaced, not the link.
    backup, register_path = Path(backup), Path(register_path).resolve()
    check_backup(backup)
    if register_path.exists() and backup.resolve() == register_path.resolve():
        raise KnownError("backup.is_register", path=str(backup))
    # A plain copy (one from before the register was encrypted) put back over an encrypted
    # register is encrypted with its key on the way: restoring never undoes the encryption.
    key = key_for(register_path) if is_encrypted(register_path) else None
    remove_leftovers(register_path.parent)  # a killed restore's copy
    staged = temporary_beside(register_path)
    try:
        if key is not None and not is_encrypted(backup):
            encrypt_copy(backup, staged, key)
        else:
            shutil.copyfile(backup, staged)
    except FILE_ERRORS as exc:
        discard(staged)
        raise KnownError("backup.restore_failed", path=str(register_path), detail=str(exc)) from exc
    aside = None
    try:
        check_backup(staged)  # the copy as written, not only its source
        aside = _set_aside(register_path, clock()) if register_path.exists() else None
        os.replace(staged, register_path)
        forget_file(register_path)
    except OSError as exc:
        if aside is not None and _same_file(aside, register_path):
            _put_back(aside, register_path)  # nothing was replaced: no copy of it to keep
        raise KnownError("backup.restore_failed", path=str(register_path), detail=str(exc)) from exc
    finally:
        discard(staged)
        forget_file(staged)
    log.info("restored %s from %s", register_path.name, backup.name)
    return aside


def _backup_before_restore(register_path: Path) -> None:
    from sqlite_utils import Database

    try:
        current = Database(connect_file(register_path))
    except KnownError as err:  # encrypted and locked: the copy set aside is kept anyway
        log.warning("no backup of the replaced register %s: %s", register_path.name, err.code)
        return
    try:
        take_backup(current, register_path, "restore")
    except KnownError as err:
        log.warning("no backup of the replaced register %s: %s", register_path.name, err.code)
    finally:
        # Every page in the register file itself (set aside by a link): none left in a -wal.
        with contextlib.suppress(*SQLITE_ERRORS):
            current.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        current.close()


def _set_aside(register_path: Path, now: dt.datetime) -> Path:
    """Back up (when it opens) and keep the current register aside, with its -wal.

    The register stays in its place until the backup replaces it in one rename: a restore
    killed or failing before that leaves it as it was (moved aside first, it was missing).
    """
    try:
        _backup_before_restore(register_path)  # closing it also empties its -wal
    except FILE_ERRORS as exc:  # a damaged register is the usual reason for a restore
        log.warning("no backup of the replaced register %s: %s", register_path.name, exc)
    stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
    aside = register_path.with_name(f"{register_path.stem}.replaced-{stamp}{register_path.suffix}")
    count = 1
    while aside.exists():  # restored twice within a second
        count += 1
        aside = aside.with_name(f"{register_path.stem}.replaced-{stamp}-{count}{aside.suffix}")
    try:
        os.link(register_path, aside)
    except OSError:  # no hard links (a FAT USB stick): a copy
        shutil.copyfile(register_path, aside)
    # Never left beside the restored file, which SQLite would read it into.
    for side in ("-wal", "-journal"):
        companion = Path(f"{register_path}{side}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{side}"))
    Path(f"{register_path}-shm").unlink(missing_ok=True)
    return aside


def _put_back(aside: Path, register_path: Path) -> None:
    """Undo _set_aside of a register that stayed in place: its -wal back, the link gone."""
    for side in ("-wal", "-journal"):
        companion = Path(f"{aside}{side}")
        if companion.exists() and not Path(f"{register_path}{side}").exists():
            os.replace(companion, Path(f"{register_path}{side}"))
    discard(aside)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
