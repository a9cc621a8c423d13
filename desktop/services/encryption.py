"""Encrypting a register at rest: the key of a new encrypted register, or a plain register
encrypted in place (after a backup; its backups encrypted alike)."""

from __future__ import annotations

import logging
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import KnownError
from desktop.outputs import discard, leading
from desktop.store import encryption
from desktop.store.backups import list_backups, take_backup
from desktop.store.register import BUSY_TIMEOUT_MS, known_error, open_register, writable

log = logging.getLogger(__name__)

_STAGED = ".encrypting"


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> str:
    """The passphrase a clerk chose, or KnownError when it is too short or mistyped: its
    length is of the letters it has, composed ("ậ" one, as it is stretched), spaces around
    it not counted (eight presses of the space bar are no passphrase)."""
    letters = unicodedata.normalize("NFC", passphrase).strip()
    if len(letters) < encryption.MIN_PASSPHRASE:
        raise KnownError("encrypt.passphrase_short", length=encryption.MIN_PASSPHRASE)
    if repeated is not None and repeated != passphrase:
        raise KnownError("encrypt.passphrases_differ")
    if encryption.recovery_text(passphrase) is not None:
        raise KnownError("encrypt.passphrase_like_recovery")
    return passphrase


def new_key(passphrase: str) -> encryption.NewKey:
    """The key of a register to be made encrypted (init --encrypt, the set-up wizard): the
    register is built with it from its first page (store.new_register.building_register)."""
    return encryption.NewKey.for_passphrase(check_new_passphrase(passphrase))


@dataclass(frozen=True)
class Encrypted:
    """A register encrypted in place: its recovery key (to show once), the backup taken just
    before, and how many of its backups were encrypted alike (that one included)."""

    recovery: str
    before: Path | None
    backups: int


def encrypt_register(path: Path | str, passphrase: str, *, backup: bool = True) -> Encrypted:
    """Encrypt the plain register at ``path`` in place.

    With ``backup`` a backup is taken first. The encrypted copy is made beside the register
    while its write lock is held (other programs' writes wait), checked, and the passphrase
    kept, before it replaces the plain file (whose -wal goes with it). Every backup of the
    register, that one included, is then encrypted with the same key; a run killed before
    that is finished by finish_backups (`camket encrypt` again).
    """
    path = Path(path).resolve()  # through a link: the register itself, not the link
    check_new_passphrase(passphrase)
    if encryption.is_encrypted(path):
        raise KnownError("encrypt.already", path=str(path))
    if path.exists() and not writable(path):  # a CD, a write-protected USB stick
        raise KnownError("db.read_only", path=str(path))
    db = open_register(path)
    try:
        before = take_backup(db, path, "encrypt") if backup else None
    finally:
        db.close()
    key = encryption.NewKey.for_passphrase(passphrase)
    staged = path.with_name(f".{leading(path.name)}{_STAGED}")
    _discard_staged(staged)  # a killed run's: encrypted, never plain
    try:
        with encryption.holding_write_lock(path, BUSY_TIMEOUT_MS / 1000) as plain:
            households = plain.execute("SELECT count(*) FROM household").fetchone()[0]
            encryption.encrypt_copy(path, staged, key.key)
            _check_encrypted(staged, key.key, households)
            key.keep(path)  # before it is in place: a register in place opens with it
        os.replace(staged, path)
        encryption.forget_file(path)
    except encryption.file_errors() as exc:
        known = known_error(exc, path)
        if known is not None and known.code == "db.disk_full":
            raise known from exc  # "the disk is full; nothing written"
        raise KnownError("encrypt.failed", path=str(path), detail=str(exc)) from exc
    finally:
        _discard_staged(staged)
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)  # the plain file's, not ours
    encryption.remember_key(path, key.key)
    log.info("register %s encrypted", path.name)
    return Encrypted(key.recovery, before, _encrypt_backups(path, key.key))


def finish_backups(path: Path | str) -> int:
    """Encrypt the plain backups an encrypted register still has (an encryption killed
    half-way); how many. KnownError("encrypt.already") when there are none."""
    path = Path(path)
    key = encryption.key_for(path)
    if key is None:
        raise ValueError(f"{path} is not encrypted")
    done = _encrypt_backups(path, key)
    if not done:
        raise KnownError("encrypt.already", path=str(path))
    return done


def change_passphrase(path: Path | str, current: str, passphrase: str, repeated: str) -> None:
    """Let ``passphrase`` unlock the encrypted register at ``path`` on this computer instead
    of the passphrases that did; ``current`` is one of them or the recovery key (on a new
    computer, where no passphrase unlocks it yet, the recovery key). The register's key is
    kept: nothing of the register or its backups is rewritten, and the recovery key still
    opens them."""
    path = Path(path)
    if not encryption.is_encrypted(path):
        raise KnownError("encrypt.not_encrypted", path=str(path))
    check_new_passphrase(passphrase, repeated)
    key = encryption.unlock(path, current)  # a wrong one: KnownError, nothing changed
    dropped = encryption.set_passphrase(key, passphrase, path)
    log.info("passphrase of %s changed (%d earlier slots dropped)", path.name, dropped)


def plain_backups(path: Path | str) -> list[Path]:
    """The backups of the register at ``path`` that are not encrypted."""
    return [b.path for b in list_backups(path) if not encryption.is_encrypted(b.path)]


def _discard_staged(staged: Path) -> None:
    for leftover in (staged, Path(f"{staged}-journal")):
        discard(leftover)


def _check_encrypted(path: Path, key: bytes, households: int) -> None:
    conn = encryption.cipher_connect(path, key)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        copied = conn.execute("SELECT count(*) FROM household").fetchone()[0]
    finally:
        conn.close()
    if verdict != "ok" or copied != households:
        raise KnownError("encrypt.failed", path=str(path), detail=f"{verdict}, {copied} hộ")


def _encrypt_backups(path: Path, key: bytes) -> int:
    """The register's plain backups, encrypted alike (personal data stays encrypted); how
    many. Each is replaced whole by its encrypted copy."""
    done = 0
    for plain in plain_backups(path):
        staged = plain.with_name(f".{leading(plain.name)}{_STAGED}")
        _discard_staged(staged)  # a killed run's, half-written: the copy is made afresh
        try:
            encryption.encrypt_copy(plain, staged, key)
            os.replace(staged, plain)
            encryption.forget_file(plain)
        except encryption.file_errors() as exc:
            raise KnownError("encrypt.backup_failed", path=str(plain), detail=str(exc)) from exc
        finally:
            _discard_staged(staged)
        done += 1
    return done
