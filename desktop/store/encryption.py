"""Registers encrypted at rest (SQLCipher 4): their key, the passphrase and the recovery key.

An encrypted register is keyed with a random 256-bit key. The recovery key printed for the
commune's safe encodes it (160 random bits, typed as eight groups of four letters and
digits); the clerk's passphrase unlocks it on this computer through a key slot in the data
folder (keys.json: the key XOR a PBKDF2 stretch of the passphrase, with a check value).
On another computer, or when the passphrase is forgotten, the recovery key opens the
register wherever a passphrase is asked. Keys live in this process's memory once unlocked,
so every connection (window, task lane, search, backups) opens without asking again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import KnownError
from desktop.file_kinds import file_key, file_kind, forget_kind, forget_kinds, remember_kind
from desktop.store.cipher import (
    CURRENT,
    cipher_connect,
    cipher_database_errors,
    cipher_errors,
    cipher_operational_errors,
    forget_settings,
    require_cipher,
    settings_in_use,
    sqlcipher,
)
from desktop.store.cipher import (
    encrypt_copy as encrypt_copy,  # re-exported: the services and backups use it here
)
from desktop.userdata import data_dir

# hashlib, hmac, secrets and base64 are imported where a key is made or checked: with
# OpenSSL's library they cost a window's start ~3 ms, and a plain register needs none.

log = logging.getLogger(__name__)

PASSPHRASE_ENV = "CAMKET_PASSPHRASE"
KEYS_FILE = "keys.json"
KDF_ITERATIONS = 600_000  # PBKDF2-HMAC-SHA256 of the passphrase (OWASP 2023)
MIN_PASSPHRASE = 8
_RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters
_RECOVERY = re.compile(r"^[A-Z2-7]{32}$")

# Keys unlocked in this process, by register file (normalised path).
_unlocked: dict[str, bytes] = {}

# Every SQLite failure, from the standard module or SQLCipher's: functions, for an
# ``except sqlite_errors():`` is evaluated when an error is met, and SQLCipher's classes
# exist only once its module is loaded (by the first encrypted file: a plain register's
# start never loads it).


def sqlite_errors() -> tuple[type[Exception], ...]:
    return (sqlite3.Error, *cipher_errors())


def database_errors() -> tuple[type[Exception], ...]:
    return (sqlite3.DatabaseError, *cipher_database_errors())


def file_errors() -> tuple[type[Exception], ...]:
    return (OSError, sqlite3.Error, *cipher_errors())


def operational_errors() -> tuple[type[Exception], ...]:
    return (sqlite3.OperationalError, *cipher_operational_errors())


def forget_file(path: Path | str) -> None:
    """The file at ``path`` was replaced: read its kind afresh next time."""
    forget_kind(path)
    forget_settings(path)
    _unlocked.pop(file_key(path), None)


def is_encrypted(path: Path | str) -> bool:
    try:
        return file_kind(path) == "encrypted"
    except OSError:
        return False


# --- the recovery key and the passphrase's key slot ------------------------------------


def new_recovery_key() -> str:
    """A fresh recovery key as the clerk copies it: 'ABCD-EFGH-…' (eight groups of four)."""
    import base64
    import secrets

    text = base64.b32encode(secrets.token_bytes(_RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_text(secret: str) -> str | None:
    """The recovery key in ``secret`` without dashes, spaces and case, or None when
    ``secret`` has not its shape (then it is a passphrase)."""
    text = re.sub(r"[\s-]", "", secret).upper()
    return text if _RECOVERY.match(text) else None


def key_of_recovery(recovery: str) -> bytes:
    text = recovery_text(recovery)
    if text is None:
        raise ValueError("not a recovery key")
    import base64
    import hashlib

    return hashlib.sha256(b"camket register key\0" + base64.b32decode(text)).digest()


def stretch(passphrase: str, salt: bytes, *, as_typed: bool = False) -> bytes:
    """PBKDF2-HMAC-SHA256 of ``passphrase`` (KDF_ITERATIONS rounds): the one stretch a process
    pays to unlock a register. The same bytes as hashlib.pbkdf2_hmac (which made the slots of
    earlier versions), from the OpenSSL that cryptography bundles: half the time of the
    system's (0.10–0.13 s against 0.21–0.28 s here; its SHA-256 uses the CPU's SHA-NI).

    The passphrase is taken in NFC: Vietnamese keyboards type "ậ" as one character or as
    "a" and two combining marks (Unikey's "Unicode tổ hợp"), and the window, a terminal and
    CAMKET_PASSPHRASE must all unlock the register alike; ``as_typed`` (slots made by
    earlier versions) without it. Bytes a terminal gave that are not UTF-8 are kept as
    they came (surrogateescape), not refused with a traceback."""
    # Imported here: a window that opens no encrypted register never loads it.
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    text = passphrase if as_typed else unicodedata.normalize("NFC", passphrase)
    secret = text.encode("utf-8", "surrogateescape")
    return PBKDF2HMAC(SHA256(), 32, salt, KDF_ITERATIONS).derive(secret)


def _check(key: bytes) -> str:
    import hmac

    return hmac.new(key, b"camket key check", "sha256").hexdigest()[:32]


def _slots_path() -> Path:
    return data_dir() / KEYS_FILE


def _read_slots() -> list[dict[str, Any]]:
    try:
        data = json.loads(_slots_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        log.warning("key slots unreadable: %s", exc)
        return []
    slots = data.get("slots", []) if isinstance(data, dict) else []
    return [s for s in slots if isinstance(s, dict)]


def add_passphrase(key: bytes, passphrase: str, register: Path | str | None = None) -> None:
    """Let ``passphrase`` unlock ``key`` on this computer: a slot in keys.json, readable by
    this user alone, naming the ``register`` it was made for (tried first for that file)."""
    slot = _slot(key, passphrase, register)
    _write_slots(lambda slots: [*slots, slot])


def set_passphrase(key: bytes, passphrase: str, register: Path | str) -> int:
    """Let ``passphrase`` alone unlock ``key`` on this computer: the slots of that key (every
    passphrase that unlocked it here, whichever file they were made for) are replaced by one
    made for ``register``. The key does not change, so the register's backups and copies
    open with the new passphrase and the recovery key as before. Returns how many slots
    were dropped."""
    slot = _slot(key, passphrase, register)
    check = slot["check"]
    dropped = 0

    def replaced(slots: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal dropped
        kept = [s for s in slots if s.get("check") != check]
        dropped = len(slots) - len(kept)
        return [*kept, slot]

    _write_slots(replaced)
    return dropped


def _slot(key: bytes, passphrase: str, register: Path | str | None) -> dict[str, Any]:
    import secrets

    salt = secrets.token_bytes(16)
    wrapped = bytes(a ^ b for a, b in zip(key, stretch(passphrase, salt), strict=True))
    slot = {"salt": salt.hex(), "wrapped": wrapped.hex(), "check": _check(key)}
    if register is not None:
        slot["register"] = file_key(register)
    return slot


def _write_slots(change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
    """keys.json read, changed and written whole (a new file put in its place), by one
    process at a time."""
    path = _slots_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _one_writer(path):  # two registers encrypted at once: neither slot is lost
            _set_aside_if_unreadable(path)
            partial = path.with_suffix(".json.tmp")
            partial.unlink(missing_ok=True)
            slots = change(_read_slots())
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"slots": slots}, fh, indent=1)
                fh.flush()
                os.fsync(fh.fileno())  # the old slots are gone: the new one must be on disk
            partial.replace(path)
    except OSError as exc:
        raise KnownError("encrypt.keys_unwritable", path=str(path), detail=str(exc)) from exc


_WRITER_WAIT_S = 10.0  # a keys.json lock held longer was left by a process that died


@contextlib.contextmanager
def _one_writer(path: Path) -> Iterator[None]:
    """keys.json is read, added to and written back by one process at a time (a lock file
    made exclusively beside it)."""
    lock = path.with_name(f"{path.name}.lock")
    waited_since = time.monotonic()
    while True:
        try:
            os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            break
        except FileExistsError:
            if time.monotonic() - waited_since > _WRITER_WAIT_S:
                log.warning("taking over %s, left by a process that died", lock.name)
                lock.unlink(missing_ok=True)
                waited_since = time.monotonic()
            time.sleep(0.02)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _set_aside_if_unreadable(path: Path) -> None:
    """A keys.json that cannot be read (damaged by hand, a bad disk) is kept aside, never
    written over: the slots in it may still be recovered, and the recovery keys open
    their registers meanwhile."""
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except ValueError:
        import secrets

        aside = path.with_name(f"{path.name}.unreadable-{secrets.token_hex(4)}")
        log.warning("key slots unreadable: kept aside as %s", aside.name)
        path.replace(aside)


def _keys_of(secret: str, path: Path | str) -> Iterator[bytes]:
    """The keys ``secret`` (a recovery key or a passphrase) stands for, one at a time: the
    slots made for the register at ``path`` first, the newest first (a register made again
    at the same place has a new key), as each slot costs a passphrase stretch."""
    if recovery_text(secret) is not None:
        yield key_of_recovery(secret)
        return
    import hmac

    own = file_key(path)
    slots = sorted(reversed(_read_slots()), key=lambda slot: slot.get("register") != own)
    for slot in slots:
        try:
            salt, wrapped = bytes.fromhex(slot["salt"]), bytes.fromhex(slot["wrapped"])
        except (KeyError, TypeError, ValueError):
            continue
        # A slot of an earlier version holds the passphrase as typed: tried that way too
        # when the typing was not NFC.
        ways = (False,) if secret == unicodedata.normalize("NFC", secret) else (False, True)
        for as_typed in ways:
            stretched = stretch(secret, salt, as_typed=as_typed)
            key = bytes(a ^ b for a, b in zip(wrapped, stretched, strict=True))
            if hmac.compare_digest(_check(key), str(slot.get("check", ""))):
                yield key
                break


# --- opening ---------------------------------------------------------------------------


def _opens_with(path: Path, key: bytes) -> bool:
    try:
        conn = cipher_connect(path, key)
    except cipher_database_errors():
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except cipher_database_errors():
        return False
    finally:
        conn.close()


def unlock(path: Path | str, secret: str) -> bytes:
    """Remember the key that ``secret`` (passphrase or recovery key) gives for the encrypted
    register at ``path``, and return it; KnownError("db.wrong_passphrase") when it gives
    none ("db.passphrase_not_here" for a passphrase when no slot here was made for that
    file)."""
    require_cipher()
    for key in _keys_of(secret, path):
        if _opens_with(Path(path), key):
            _unlocked[file_key(path)] = key
            return key
    if recovery_text(secret) is None and not _kept_here(path):
        # A register copied or restored from another computer: the right passphrase
        # cannot open it here until the recovery key has once (say so, not just "wrong").
        raise KnownError("db.passphrase_not_here", path=str(path))
    raise KnownError("db.wrong_passphrase", path=str(path))


def _kept_here(path: Path | str) -> bool:
    """Whether a passphrase slot on this computer was made for the register at ``path``."""
    own = file_key(path)
    return any(slot.get("register") == own for slot in _read_slots())


def remember_key(path: Path | str, key: bytes) -> None:
    _unlocked[file_key(path)] = key


def expect_encrypted(path: Path | str, key: bytes) -> None:
    """The register about to be made at ``path`` (no file yet) is encrypted with ``key``:
    every connection to it, the first included, is SQLCipher's, so no page of it is ever
    written in plain (SQLCipher keeps temporary tables in memory: TEMP_STORE=2)."""
    remember_kind(path, "encrypted")
    remember_key(path, key)


@dataclass(frozen=True)
class NewKey:
    """The key of a register being encrypted, the recovery key that encodes it (shown once)
    and the clerk's passphrase that will unlock it on this computer."""

    key: bytes
    recovery: str
    passphrase: str = ""

    @classmethod
    def for_passphrase(cls, passphrase: str) -> NewKey:
        recovery = new_recovery_key()
        return cls(key_of_recovery(recovery), recovery, passphrase)

    def keep(self, register: Path) -> None:
        """Let the passphrase unlock the key here (before the register is in place, so that
        a register in place is always one the passphrase opens)."""
        if self.passphrase:
            add_passphrase(self.key, self.passphrase, register)


def forget_keys() -> None:
    """Drop every unlocked key and known file (tests; a new process)."""
    _unlocked.clear()
    forget_kinds()
    forget_settings()


def key_for(path: Path | str) -> bytes | None:
    """The key of the register at ``path``: None for a plain file. An encrypted one is
    unlocked by a key already in memory (its backups and copies share it), else by
    CAMKET_PASSPHRASE; KnownError("db.needs_passphrase") when neither does."""
    path = Path(path)
    if not is_encrypted(path):
        return None
    require_cipher()
    known = _unlocked.get(file_key(path))
    if known is not None:
        return known
    for key in dict.fromkeys(_unlocked.values()):
        if _opens_with(path, key):
            _unlocked[file_key(path)] = key
            return key
    secret = os.environ.get(PASSPHRASE_ENV)
    if secret:
        unlock(path, secret)
        return _unlocked[file_key(path)]
    raise KnownError("db.needs_passphrase", path=str(path))


_FIND = b""  # connect_file's default: look the key up


def connect_file(
    path: Path | str, key: bytes | None = _FIND, *, copy_of: Any = None, **options: Any
) -> Any:
    """A connection to the register at ``path`` (or a URI, or ":memory:"): plain sqlite3
    when ``key`` is None, else SQLCipher with it; by default the key key_for finds.
    ``copy_of``: the connection a new file is about to be a backup-API copy of (an encrypted
    copy is written with the same cipher settings: store.cipher.settings_in_use)."""
    if key == _FIND:
        key = key_for(path)
    if key is None:
        return sqlite3.connect(str(path), **options)
    new_with = CURRENT if copy_of is None else settings_in_use(copy_of)
    return cipher_connect(path, key, new_with=new_with, **options)


@contextlib.contextmanager
def holding_write_lock(path: Path, timeout_s: float) -> Iterator[Any]:
    """A connection to the plain register ``path`` that holds its write lock for the block:
    other programs read on but their writes wait (a write to a plain file about to be
    replaced by its encrypted copy would be lost). SQLCipher's library, as every other
    connection this process makes to the file meanwhile (two SQLite libraries in one
    process would drop each other's locks). KnownError("db.busy") when a writer keeps it."""
    require_cipher()
    conn = sqlcipher().connect(str(path), timeout=timeout_s, isolation_level=None)
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except cipher_errors() as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise KnownError("db.busy") from exc
            raise
        yield conn
    finally:
        conn.close()  # its transaction wrote nothing: rolled back
