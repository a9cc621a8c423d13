"""Putting a backup back in place of a register, the register as it was kept beside it."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import KnownError
from desktop.outputs import (
    discard,
    leading,
    new_private_file,
    remove_leftovers,
    temporary_beside,
)
from desktop.store.backups import Clock, check_backup, copy_register, take_backup
from desktop.store.damage import clear_damaged
from desktop.store.encryption import (
    connect_file,
    encrypt_copy,
    file_errors,
    forget_file,
    is_encrypted,
    key_for,
    sqlite_errors,
)
from desktop.store.local import SAMPLE_DATA, UPPER_NAME
from desktop.store.register_database import known_error

log = logging.getLogger(__name__)


def _refusals() -> tuple[type[BaseException], ...]:
    """What a restore refuses with a message: a KnownError, or the file's or disk's failure."""
    return (KnownError, *file_errors())


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def restore_backup(
    backup: Path | str, register_path: Path | str, *, clock: Clock = _utc_now
) -> Path | None:
    """Put a backup in place of the register; the path the replaced register was kept at
    (beside it), or None when there was no register.

    The copy is checked first (check_backup) and nothing changes when it is refused. A
    sound current register gets a "restore" backup too, and is written over in place with
    SQLite's backup API under its write lock: a program that has it open meanwhile (a
    `camket sign` of a script beside the window) waits, then goes on with the restored
    register; a file moved aside under it took its writes, and they were lost to the
    register while it said they were saved. A register SQLite cannot write into (a damaged
    file) is replaced whole, in one rename, and must not be open elsewhere.
    """
    # Through a link: the register itself is replaced, not the link.
    backup, register_path = Path(backup), Path(register_path).resolve()
    if register_path.exists() and not register_path.is_file():  # a device, a pipe
        raise KnownError("db.not_a_file", path=str(register_path))
    check_backup(backup)
    if register_path.exists() and backup.resolve() == register_path.resolve():
        raise KnownError("backup.is_register", path=str(backup))
    _refuse_another_register(backup, register_path)
    # A plain copy (one from before the register was encrypted) put back over an encrypted
    # register is encrypted with its key on the way: restoring never undoes the encryption.
    key = key_for(register_path) if is_encrypted(register_path) else None
    remove_leftovers(register_path.parent)  # a killed restore's copy
    staged = temporary_beside(register_path)
    try:
        new_private_file(staged)  # the user's alone, as every register (copyfile: 0644)
        if key is not None and not is_encrypted(backup):
            encrypt_copy(backup, staged, key)
        else:
            shutil.copyfile(backup, staged)
    except file_errors() as exc:
        discard(staged)
        raise _restore_failed(exc, register_path) from exc
    aside = None
    try:
        check_backup(staged)  # the copy as written, not only its source
        _new_stream(staged)
        if register_path.exists():
            aside = _restore_in_place(staged, register_path, clock())
        if aside is None:
            aside = _set_aside(register_path, clock()) if register_path.exists() else None
            os.replace(staged, register_path)
            forget_file(register_path)
    except OSError as exc:
        if aside is not None and _same_file(aside, register_path):
            _put_back(aside, register_path)  # nothing was replaced: no copy of it to keep
        raise _restore_failed(exc, register_path) from exc
    finally:
        discard(staged)
        forget_file(staged)
    # The register is the copy checked sound now, whatever a check found of it before (a
    # register written over in place is the same file, whose old marker would still apply).
    clear_damaged(register_path)
    log.info("restored %s from %s", register_path.name, backup.name)
    return aside


def _new_stream(staged: Path) -> None:
    """The restored register sends its changes as a stream of its own (local.start_new_stream)
    and counts its edits under a replica id of its own (local.forget_replica)."""
    from sqlite_utils import Database

    from desktop.store.local import forget_replica, start_new_stream
    from desktop.store.replicas import change_mark

    copy = Database(connect_file(staged, key_for(staged)))
    try:
        with copy.conn:
            start_new_stream(copy, change_mark(copy) if copy["change_log"].exists() else 0)
        # Its edits count under an id of its own: the register it replaces counted edits
        # after the backup under the old one, and some may have left in bundles or copies.
        forget_replica(copy.conn)
    finally:
        copy.close()


def _refuse_another_register(backup: Path, register_path: Path) -> None:
    """KnownError when ``backup`` is plainly not a copy of this register: another commune's
    (none of its communes in common), the sample data over a real register, an upper-level
    register over a commune's or the other way round (they may hold the same commune), a
    file picked by mistake in the window's dialog. A register that cannot be read (damaged)
    is not compared: putting a copy back is how it is mended."""
    current = _what_it_holds(register_path) if register_path.exists() else None
    chosen = _what_it_holds(backup) if current is not None else None
    if current is None or chosen is None:
        return
    if chosen.sample and not current.sample:
        raise KnownError("backup.sample_over_real", path=str(backup))
    if chosen.upper is not None and current.upper is None:
        raise KnownError(
            "backup.upper_over_commune",
            path=str(backup),
            theirs=chosen.upper,
            ours=", ".join(sorted(current.communes.values())),
        )
    if chosen.upper is None and current.upper is not None:
        raise KnownError(
            "backup.commune_over_upper",
            path=str(backup),
            theirs=", ".join(sorted(chosen.communes.values())),
            ours=current.upper,
        )
    ours, theirs = current.communes, chosen.communes
    if ours and theirs and not set(ours) & set(theirs):
        raise KnownError(
            "backup.other_commune",
            path=str(backup),
            theirs=", ".join(sorted(theirs.values())),
            ours=", ".join(sorted(ours.values())),
        )


@dataclass(frozen=True)
class _Holding:
    """What a register is, as far as telling its backups from other files goes."""

    communes: dict[str, str]  # code → name
    sample: bool
    upper: str | None  # an upper-level register's name


def _what_it_holds(path: Path) -> _Holding | None:
    """A register's communes, whether it is sample data and an upper-level register; None
    when it cannot be read."""
    try:
        conn = connect_file(f"{path.resolve().as_uri()}?mode=ro", key_for(path), uri=True)
    except _refusals():
        return None
    try:
        communes = conn.execute("SELECT code, name FROM commune WHERE deleted = 0").fetchall()
        settings = dict(
            conn.execute(
                "SELECT key, value FROM local_setting WHERE key IN (?, ?)",
                [SAMPLE_DATA, UPPER_NAME],
            ).fetchall()
        )
    except _refusals():
        return None
    finally:
        conn.close()
    upper = settings.get(UPPER_NAME)
    return _Holding(
        {str(code): str(name) for code, name in communes},
        settings.get(SAMPLE_DATA) == "1",
        None if upper is None else str(upper),
    )


def _restore_in_place(staged: Path, register_path: Path, now: dt.datetime) -> Path | None:
    """Copy the register aside, then write ``staged`` into it with the backup API; the copy
    aside, or None when SQLite cannot do it (a damaged register, another key, another page
    size): nothing is changed then."""
    from sqlite_utils import Database

    from desktop.store.register import BUSY_TIMEOUT_MS

    if is_encrypted(staged) != is_encrypted(register_path):
        return None  # an encrypted copy of another register over a plain one
    try:
        current = Database(connect_file(register_path, timeout=BUSY_TIMEOUT_MS / 1000))
    except _refusals():
        return None
    aside = _aside_name(register_path, now)
    try:
        current.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        try:
            take_backup(current, register_path, "restore")
        except KnownError as err:  # a full data folder: the copy aside is kept anyway
            log.warning("no backup of the replaced register %s: %s", register_path.name, err.code)
        copy_register(current, aside, key=key_for(register_path))
        source = connect_file(staged, key_for(staged))
        try:
            source.backup(current.conn)
        finally:
            source.close()
    except _refusals() as exc:
        log.warning("%s restored by replacing the file: %s", register_path.name, exc)
        discard(aside)
        forget_file(aside)
        return None
    finally:
        current.close()
    return aside


def _aside_name(register_path: Path, now: dt.datetime) -> Path:
    stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
    # The name cut short when the whole would be too long for the disk (outputs.leading).
    suffix = register_path.suffix if len(register_path.suffix.encode()) <= 16 else ""
    stem = leading(register_path.stem)
    aside = register_path.with_name(f"{stem}.replaced-{stamp}{suffix}")
    count = 1
    while aside.exists():  # restored twice within a second
        count += 1
        aside = aside.with_name(f"{stem}.replaced-{stamp}-{count}{suffix}")
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
        try:
            current.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite_errors():
            pass
        current.close()


def _set_aside(register_path: Path, now: dt.datetime) -> Path:
    """Back up (when it opens) and keep the current register aside, with its -wal, before
    it is replaced whole.

    The register stays in its place until the backup replaces it in one rename: a restore
    killed or failing before that leaves it as it was (moved aside first, it was missing).
    """
    try:
        _backup_before_restore(register_path)  # closing it also empties its -wal
    except file_errors() as exc:  # a damaged register is the usual reason for a restore
        log.warning("no backup of the replaced register %s: %s", register_path.name, exc)
    aside = _aside_name(register_path, now)
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


def _restore_failed(exc: BaseException, register_path: Path) -> KnownError:
    """A restore the disk did not take, said as such (a full disk; a size limit or quota:
    EFBIG, SQLite's refused write), else with the system's words; the register is as it was."""
    known = known_error(exc)
    if known is not None and known.code in ("db.disk_full", "db.write_refused"):
        return known
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return KnownError("db.write_refused")
    return KnownError("backup.restore_failed", path=str(register_path), detail=str(exc))
