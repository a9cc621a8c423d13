"""What each register file of this process is ("sqlite", "encrypted"), read once, and which
files Python must therefore never open. Outside the layers: store opens registers by it,
and desktop.outputs (used by printing and exchange) refuses to write over them.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.domain.errors import KnownError

_SQLITE_MAGIC = b"SQLite format 3\x00"


def file_key(path: Path | str) -> str:
    return os.path.normcase(str(Path(path).resolve()))


# What each register file of this process is ("sqlite" or "encrypted"), read once. A file
# this process has a connection to must never be opened and closed by Python: closing any
# descriptor of a file drops every POSIX lock the process holds on it, SQLite's included,
# and another process may then checkpoint and delete the WAL under our connection
# (sqlite.org/howtocorrupt.html §2.2). So the header is read before the first connection.
# Each kind is kept with the file's identity (st_dev, st_ino), checked by stat() alone: a file
# replaced since (by restore or encrypt, here or in another program: they write a new file
# and rename it over the old) is read afresh, which is safe since a connection of ours holds
# the old file, not the new one. None: remembered before the file was made. Replacing a
# file here still calls forget_kind: a freed inode may be given to the next new file.
_kinds: dict[str, tuple[str, tuple[int, int] | None]] = {}


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def file_kind(path: Path | str) -> str:
    """ "sqlite", "encrypted" (random bytes in whole pages: SQLCipher's shape), "empty"
    (missing or 0 bytes) or "other" (a spreadsheet, a text file). OSError when unreadable."""
    key = file_key(path)
    known = _kinds.get(key)
    if known is not None:
        kind, seen = known
        now = _identity(path)
        if now is None or seen == now:
            return kind
        if seen is None:  # made since it was remembered
            _kinds[key] = (kind, now)
            return kind
        del _kinds[key]  # replaced by another file since it was read
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "empty"
    if size == 0:
        return "empty"
    with path.open("rb") as fh:
        header = fh.read(16)
    if header == _SQLITE_MAGIC:
        kind = "sqlite"
    elif size >= 1024 and size % 1024 == 0:
        kind = "encrypted"
    else:
        return "other"
    _kinds[key] = (kind, _identity(path))
    return kind


def is_known_file(path: Path | str) -> bool:
    """Whether ``path`` is (by identity: a link or another spelling counts) a register or
    backup whose kind this process has read: one it may have a connection to, which Python
    must not open (see _kinds). Decided with stat() alone."""
    try:
        wanted = os.stat(path)
    except OSError:
        return False
    for known in list(_kinds):
        try:
            seen = os.stat(known)
        except OSError:
            continue
        if (seen.st_dev, seen.st_ino) == (wanted.st_dev, wanted.st_ino):
            return True
    return False


def refuse_register(path: Path | str) -> None:
    """KnownError("file.is_register") when a file the clerk chose to read (a list, a bundle,
    an attachment, a key file) is a register this process may hold: reading it would drop
    this process's locks on it."""
    if is_known_file(path):
        raise KnownError("file.is_register", path=str(path))


def remember_kind(path: Path | str, kind: str) -> None:
    """The file about to be made at ``path`` is of ``kind`` (a register built encrypted)."""
    _kinds[file_key(path)] = (kind, None)


def forget_kind(path: Path | str) -> None:
    """The file at ``path`` was replaced: read its kind afresh next time."""
    _kinds.pop(file_key(path), None)


def forget_kinds() -> None:
    _kinds.clear()
