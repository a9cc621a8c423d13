"""How SQLCipher files are opened and written: the settings of their pages, and the one
function every encrypted connection goes through.

SQLCipher keeps none of its settings in the file: a file opens only with the page size and
HMAC it was written with. New files are written with CURRENT; registers and backups
encrypted before it (SQLCipher 4's defaults) keep opening with SQLCIPHER4, tried when
CURRENT finds "file is not a database". They are read as they are, never rewritten behind
the clerk's back (a backup of one is written with CURRENT: the backup API re-encrypts).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from desktop.domain.errors import KnownError
from desktop.file_kinds import file_key

_MODULE = "sqlcipher3.dbapi2"


def sqlcipher() -> Any:
    """SQLCipher's DB-API module, imported the first time an encrypted file is opened or
    made (its 21 MB library cost a plain register's window start ~1.5 % of a bare PySide6
    window's); KnownError("encrypt.unavailable") in a build without it."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # pragma: no cover - every supported install has the wheel
        raise KnownError("encrypt.unavailable") from exc
    return dbapi2


def cipher_errors() -> tuple[type[Exception], ...]:
    """SQLCipher's error classes, for an ``except`` (evaluated when an error is met): none
    while its module is not loaded, as no SQLCipher connection can have raised one."""
    module = sys.modules.get(_MODULE)
    return (module.Error,) if module is not None else ()


def cipher_database_errors() -> tuple[type[Exception], ...]:
    """SQLCipher's DatabaseError (damaged file, wrong key), as cipher_errors."""
    module = sys.modules.get(_MODULE)
    return (module.DatabaseError,) if module is not None else ()


def cipher_operational_errors() -> tuple[type[Exception], ...]:
    """SQLCipher's OperationalError (locked, disk full), as cipher_errors."""
    module = sys.modules.get(_MODULE)
    return (module.OperationalError,) if module is not None else ()


CIPHER_CACHE_KIB = 131_072  # at most, decrypted pages an encrypted register's connection keeps
_NOT_A_DATABASE = 26  # SQLITE_NOTADB: page 1 failed its HMAC (another key or other settings)


@dataclass(frozen=True)
class CipherSettings:
    """The page layout of an encrypted file (AES-256-CBC, a random IV and an HMAC on every
    page, whatever the settings: a changed page is refused as damaged)."""

    name: str
    page_size: int
    hmac: str

    def apply(self, conn: Any, schema: str = "main") -> None:
        """Set these on ``conn``'s ``schema`` before its first page is read. Every one is
        given (never SQLCipher's default), so a newer library cannot change them."""
        for pragma in (
            f"cipher_page_size = {self.page_size}",
            f"cipher_hmac_algorithm = {self.hmac}",
            "cipher_kdf_algorithm = PBKDF2_HMAC_SHA512",  # a raw key: only the HMAC subkey
            "cipher_use_hmac = ON",
            "cipher_plaintext_header_size = 0",
        ):
            conn.execute(f"PRAGMA {schema}.{pragma}")


# Most of a page's cost is its HMAC (README, Figures: encryption). SHA-256 is what x86 CPUs
# accelerate (SHA-NI: every AMD Ryzen, Intel from Ice Lake / 11th generation and the
# Atom-class Celeron/Pentium Silver): HMAC-SHA256 costs ~40 % less a byte there than
# SQLCipher 4's HMAC-SHA512, ~25 % more on a CPU without SHA-NI (Intel Core 6th–10th
# generation). 16 KiB pages: fewer HMACs and IVs a byte, smaller files (less spare space).
CURRENT = CipherSettings("camket-2026", page_size=16_384, hmac="HMAC_SHA256")
SQLCIPHER4 = CipherSettings("sqlcipher-4-defaults", page_size=4096, hmac="HMAC_SHA512")
SETTINGS = (CURRENT, SQLCIPHER4)

# The settings each file of this process opened with, by file: tried first next time.
_settings_of: dict[str, CipherSettings] = {}


def require_cipher() -> None:
    sqlcipher()


def _file_of(path: Path | str, uri: bool) -> str | None:
    """The file a connection string names, or None for a database in memory."""
    text = str(path)
    if uri and text.startswith("file:"):
        text = _path_of_url(urlparse(text).path)
    if not text or text == ":memory:" or text.startswith("file::memory:"):
        return None
    return text


def _path_of_url(path: str) -> str:
    """urllib.request's url2pathname without importing urllib.request (its HTTP client,
    email parser and SSL: ~10 % of a bare window's start, for a window that reads no URL)."""
    if os.name == "nt":
        import nturl2path

        return nturl2path.url2pathname(path)
    return unquote(path)


def _candidates(file: str | None, new_with: CipherSettings) -> list[CipherSettings]:
    if file is None:
        return [new_with]
    try:
        new = os.path.getsize(file) == 0  # stat() only: never opened by Python
    except OSError:
        new = True
    if new:  # a file about to be written
        _settings_of.pop(file_key(file), None)
        return [new_with]
    known = _settings_of.get(file_key(file))
    return [known, *(s for s in SETTINGS if s != known)] if known else list(SETTINGS)


def cipher_connect(
    path: Path | str, key: bytes, *, new_with: CipherSettings = CURRENT, **options: Any
) -> Any:
    """A SQLCipher connection to ``path`` keyed with ``key`` (an existing file or a new one,
    or a URI with uri=True): every encrypted connection is made here. An existing file is
    opened with the settings it was written with, a new one (or one in memory) is written
    with ``new_with``; a wrong key raises SQLCipher's "file is not a database"
    (DatabaseError), as before."""
    require_cipher()
    file = _file_of(path, bool(options.get("uri")))
    *others, last = _candidates(file, new_with)
    for settings in others:
        try:
            return _connect_with(settings, file, path, key, options)
        except cipher_database_errors() as exc:
            if getattr(exc, "sqlite_errorcode", None) != _NOT_A_DATABASE:
                raise
    return _connect_with(last, file, path, key, options)


def _connect_with(
    settings: CipherSettings, file: str | None, path: Path | str, key: bytes, options: Any
) -> Any:
    conn = sqlcipher().connect(str(path), **options)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a log
        # SQLCipher's own default since 4.5, said here so that a newer library cannot change
        # it: wiping every freed allocation and locking it in RAM would guard little, as the
        # key itself lives in Python objects (store.encryption) that cannot be wiped.
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        settings.apply(conn)
        # Every page read from disk is decrypted and checked: a cache of decrypted pages
        # keeps a search as fast as on a plain register once it has read them. At 50,000
        # households (person table 80 MB) 16 MB kept decrypting the same pages (search 3.3×
        # plain); up to 128 MB, 0.4–0.9× warm (README, Figures).
        conn.execute(f"PRAGMA cache_size = -{CIPHER_CACHE_KIB}")  # reads page 1
    except BaseException:
        conn.close()
        raise
    if file is not None:
        _settings_of[file_key(file)] = settings
    return conn


def settings_in_use(conn: Any) -> CipherSettings:
    """The settings of the encrypted database ``conn`` has open. A copy made with SQLite's
    backup API must be written with them: SQLCipher copies pages of one size only (from a
    WAL register to a file of another page size it crashes or writes a damaged copy)."""
    page_size = int(conn.execute("PRAGMA cipher_page_size").fetchone()[0])
    hmac = conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0]
    for settings in SETTINGS:
        if (settings.page_size, settings.hmac) == (page_size, hmac):
            return settings
    raise ValueError(f"unknown cipher settings: {page_size}, {hmac}")


def forget_settings(path: Path | str | None = None) -> None:
    """The file at ``path`` was replaced (every file when None): try its settings afresh."""
    if path is None:
        _settings_of.clear()
    else:
        _settings_of.pop(file_key(path), None)


def encrypt_copy(source: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy (CURRENT settings) of the plain register ``source`` at the
    new file ``target``."""
    require_cipher()
    conn = sqlcipher().connect(str(source))
    try:
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", [str(target), f"x'{key.hex()}'"])
        CURRENT.apply(conn, "encrypted")
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
