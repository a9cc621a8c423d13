"""Encrypting a register at rest: a new encrypted register, or a plain one encrypted in place."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from desktop.domain.errors import KnownError
from desktop.store import encryption
from desktop.store.backups import list_backups, take_backup
from desktop.store.register import open_register

log = logging.getLogger(__name__)


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> str:
    """The passphrase a clerk chose, or KnownError when it is too short or mistyped."""
    if len(passphrase) < encryption.MIN_PASSPHRASE:
        raise KnownError("encrypt.passphrase_short", length=encryption.MIN_PASSPHRASE)
    if repeated is not None and repeated != passphrase:
        raise KnownError("encrypt.passphrases_differ")
    if encryption.recovery_text(passphrase) is not None:
        raise KnownError("encrypt.passphrase_like_recovery")
    return passphrase


def encrypt_register(path: Path | str, passphrase: str, *, backup: bool = True) -> str:
    """Encrypt the plain register at ``path`` in place; the recovery key, to show once.

    With ``backup`` a backup is taken first; every backup of the register, that one
    included, is then encrypted with the same key. The encrypted copy is checked before it
    replaces the plain file, which is then removed (with its -wal). No other program may
    have the register open meanwhile.
    """
    path = Path(path)
    check_new_passphrase(passphrase)
    if encryption.is_encrypted(path):
        raise KnownError("encrypt.already", path=str(path))
    db = open_register(path)
    try:
        households = db.execute("SELECT count(*) FROM household").fetchone()[0]
        if backup:
            take_backup(db, path, "encrypt")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    recovery = encryption.new_recovery_key()
    key = encryption.key_of_recovery(recovery)
    staged = path.with_name(f".{path.name}.encrypting")
    staged.unlink(missing_ok=True)
    try:
        encryption.encrypt_copy(path, staged, key)
        _check_encrypted(staged, key, households)
        os.replace(staged, path)
        encryption.forget_file(path)
    except encryption.FILE_ERRORS as exc:
        raise KnownError("encrypt.failed", path=str(path), detail=str(exc)) from exc
    finally:
        staged.unlink(missing_ok=True)
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)  # the plain file's, not ours
    encryption.remember_key(path, key)
    encryption.add_passphrase(key, passphrase)
    _encrypt_backups(path, key)
    log.info("register %s encrypted", path.name)
    return recovery


def _check_encrypted(path: Path, key: bytes, households: int) -> None:
    conn = encryption.cipher_connect(path, key)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        copied = conn.execute("SELECT count(*) FROM household").fetchone()[0]
    finally:
        conn.close()
    if verdict != "ok" or copied != households:
        raise KnownError("encrypt.failed", path=str(path), detail=f"{verdict}, {copied} hộ")


def _encrypt_backups(path: Path, key: bytes) -> None:
    """The register's plain backups, encrypted alike (personal data stays encrypted)."""
    for backup in list_backups(path):
        if encryption.is_encrypted(backup.path):
            continue
        staged = backup.path.with_name(f".{backup.path.name}.encrypting")
        try:
            encryption.encrypt_copy(backup.path, staged, key)
            os.replace(staged, backup.path)
            encryption.forget_file(backup.path)
        except encryption.FILE_ERRORS as exc:
            staged.unlink(missing_ok=True)
            raise KnownError("encrypt.failed", path=str(backup.path), detail=str(exc)) from exc


def create_encrypted(path: Path | str, passphrase: str) -> str:
    """Encrypt a register just made by create_register; the recovery key to show once."""
    return encrypt_register(path, passphrase, backup=False)
