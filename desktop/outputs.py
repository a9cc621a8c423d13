"""Files written for the clerk (PDF, CSV, exports): never over a register or any SQLite file,
always whole (written beside the target under a temporary name and renamed when complete).

Every command or dialog that writes a file the clerk named goes through writing_output (or
check_output first, when it asks before the work). Outside the layers on purpose: printing,
exchange and services all write such files.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import glob
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from desktop.domain.errors import KnownError
from desktop.file_kinds import is_known_file
from desktop.processes import process_alive
from desktop.userdata import in_backup_folder

log = logging.getLogger(__name__)

_SQLITE = b"SQLite format 3\x00"
_WAL = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
# Files a clerk may replace whose first bytes are not text: PDF, ZIP (XLSX, bundles), age,
# PNG, old Excel, UTF-16 text.
_OUTPUT_MAGICS = (b"%PDF", b"PK\x03\x04", b"PK\x05\x06", b"age-encryption", b"\x89PNG",
                  b"\xd0\xcf\x11\xe0", b"\xff\xfe", b"\xfe\xff")  # fmt: skip
# Files that belong to the SQLite file named without the suffix (SQLite's own, our window lock).
_COMPANIONS = ("-wal", "-shm", "-journal", ".lock")
_PART = ".part"


def check_output(path: Path | str) -> Path:
    """``path`` if the clerk's file may be written there; KnownError when it is a register or
    any other SQLite file (a backup, another program's database), a file that belongs to
    one (-wal, -shm, -journal, .lock), a backup folder, a folder, or no plain file (a
    device, a pipe)."""
    path = Path(path)
    if path.is_dir():
        raise KnownError("output.is_directory", path=str(path))
    if not path.parent.is_dir():
        raise KnownError("output.folder_missing", path=str(path), folder=str(path.parent))
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/null, /dev/stdout): the whole file written beside it
        # would be renamed over it (for root, /dev/null itself became a plain file).
        raise KnownError("output.not_a_file", path=str(path))
    if _is_database(path):
        raise KnownError("output.is_database", path=str(path))
    for suffix in _COMPANIONS:
        if path.name.endswith(suffix) and _is_database(path.with_name(path.name[: -len(suffix)])):
            raise KnownError("output.is_database", path=str(path))
    if in_backup_folder(path):
        raise KnownError("output.is_database", path=str(path))
    return path


def check_pdf_and_csv(pdf: Path | None, csv: Path | None) -> None:
    """check_output of a report's PDF and CSV, before any work; KnownError when both name
    one file (the CSV would be written over the PDF just printed)."""
    for path in (pdf, csv):
        if path is not None:
            check_output(path)
    if pdf is not None and csv is not None and same_file(pdf, csv):
        raise KnownError("output.pdf_is_csv", path=str(csv))


def same_file(one: Path, other: Path) -> bool:
    """Whether ``one`` and ``other`` name one file (through a link, "." or ".." too),
    whether or not it exists yet."""
    try:
        return one.resolve() == other.resolve() or one.samefile(other)
    except OSError:  # either missing: not one file
        return False


@contextlib.contextmanager
def writing_output(path: Path | str) -> Iterator[Path]:
    """Check ``path`` (check_output), then yield a temporary path beside it to write to; when
    the block ends it is renamed to ``path``. A failure or a cancel (any exception) removes
    it and leaves ``path`` as it was; one left by a killed process is removed by the next
    write into that folder. A full disk or a folder that takes no files is a KnownError.
    The temporary file is made empty first, readable by the user alone (new_private_file):
    a bundle, a list, a printed sheet carry names and personal ID numbers, and a writer
    opening it again ("wb") keeps that mode, whatever the umask."""
    path = check_output(path)
    remove_leftovers(path.parent)
    temp = temporary_beside(path)
    try:
        yield new_private_file(temp)
        check_output(path)  # something else may have put a database there meanwhile
        try:
            os.replace(temp, path)
        except PermissionError as exc:
            if path.exists():
                # The folder took the whole file beside it; the file in its place does not
                # give way: Windows keeps a file another program holds open (the last
                # spreadsheet in Excel, a PDF in a viewer).
                raise KnownError("output.in_use", path=str(path)) from exc
            raise
    except OSError as exc:
        raise _known(exc, path) from exc
    finally:
        discard(temp)


@contextlib.contextmanager
def output_stream(path: Path | str) -> Iterator[BinaryIO]:
    """writing_output as an open binary file."""
    with writing_output(path) as temp:
        try:
            stream = temp.open("wb")
        except OSError as exc:
            raise _known(exc, Path(path)) from exc
        with stream:
            yield stream


# Who may read a register, its copies and the folders holding them on a POSIX system: the
# user alone (names, births, personal ID numbers: Decree 13/2023/NĐ-CP). Windows keeps a
# user's files private by the profile's own rights.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(folder: Path) -> Path:
    """``folder`` made when missing, readable by the user alone (one made before, 0755 by
    the umask, is narrowed too: a backup folder holds every copy of a register)."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        os.chmod(folder, PRIVATE_FOLDER)
    return folder


def new_private_file(path: Path) -> Path:
    """An empty new file at ``path`` readable by the user alone, for SQLite to make a
    register or a copy in (SQLite's own files are 0644 less the umask; its journal and WAL
    take the mode of the file they belong to). FileExistsError when there is one."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    return path


def discard(path: Path) -> None:
    """Remove a temporary file if it is there. On a read-only medium it never was, and
    asking to remove it fails (EROFS): that must not hide the error that matters."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("temporary file %s not removed: %s", path.name, exc)


def _is_database(path: Path) -> bool:
    """Whether ``path`` is an SQLite file: plain, encrypted (SQLCipher) or a WAL.

    A register or backup this process knows (it may hold a connection to it) is told by
    its identity and never opened here: closing any descriptor of a file drops every POSIX
    lock this process holds on it, SQLite's included (desktop.file_kinds). Any other
    file is read for its first 16 bytes."""
    if is_known_file(path):
        return True
    try:
        if not path.is_file():
            return False
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError:
        return False
    if header.startswith(_SQLITE) or header[:4] in _WAL:
        return True
    return _looks_encrypted(header, size)


def _looks_encrypted(header: bytes, size: int) -> bool:
    """An SQLCipher file has no plain header: random bytes (its salt) in whole pages of at
    least 512 bytes. A file of ours (PDF, ZIP, bundle) or text is not one."""
    if size < 1024 or size % 512 or header.startswith(_OUTPUT_MAGICS):
        return False
    try:  # text cut after 16 bytes may end inside a character: decoded incrementally
        text = codecs.getincrementaldecoder("utf-8")().decode(header)
    except UnicodeDecodeError:
        return True
    return not all(c.isprintable() or c in "\t\r\n" for c in text)


def _known(exc: OSError, path: Path) -> KnownError:
    if exc.errno == errno.ENOSPC:  # named: a stick's disk, not the register's, may be full
        return KnownError("output.disk_full", path=str(path))
    if exc.errno == errno.EFBIG:  # a FAT32 stick takes no file over 4 GB; a quota, a ulimit
        return KnownError("file.too_large_here", path=str(path))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):  # a write-protected stick
        return KnownError("file.read_only_here", path=str(path))
    if exc.errno == errno.ENAMETOOLONG:
        return KnownError("file.name_too_long", path=str(path))
    if exc.errno == errno.ENOENT and not path.parent.is_dir():  # the stick pulled out
        return KnownError("output.folder_missing", path=str(path), folder=str(path.parent))
    return KnownError("file.unwritable", path=str(path), detail=exc.strerror or str(exc))


# The longest name of one file on the disks a commune uses: 255 bytes of UTF-8 on ext4 and
# APFS, 255 UTF-16 units on NTFS and exFAT (Windows), as name_size counts them.
NAME_MAX = 255
# SQLite's journal beside a file it writes: a register's name leaves room for it.
REGISTER_NAME_MAX = NAME_MAX - len("-journal")
# What a name made from another's adds after its start: ".", then ".<pid>-<8 hex>.building"
# or ".replaced-<stamp>-<n>.sqlite3", and SQLite's "-journal" of a copy written under it.
_ADDED_ROOM = 48
_UTF16 = os.name == "nt"


def name_size(name: str) -> int:
    """How long the disk counts a file's name: UTF-16 units on Windows, else UTF-8 bytes."""
    return len(name.encode("utf-16-le")) // 2 if _UTF16 else len(name.encode("utf-8"))


def leading(name: str) -> str:
    """``name`` as the files CamKet makes beside it begin (a temporary copy, the register
    set aside by a restore): whole, or its first characters when the whole would leave no
    room for what they add after it (a name the disk took may be NAME_MAX long)."""
    room = NAME_MAX - _ADDED_ROOM
    while name_size(name) > room:
        name = name[: -max(1, (name_size(name) - room) // 4)]
    return name


def check_register_name(path: Path) -> None:
    """KnownError when the register's file name leaves SQLite no room for its journal
    beside it (every write would fail as if the file were damaged or read-only)."""
    size = name_size(path.name)
    if size > REGISTER_NAME_MAX:
        raise KnownError("db.name_too_long", path=str(path), size=size, limit=REGISTER_NAME_MAX)


def temporary_beside(path: Path) -> Path:
    """A hidden temporary name beside ``path`` naming this process: remove_leftovers
    removes it once this process is gone (killed before it could)."""
    return path.with_name(f".{leading(path.name)}.{os.getpid()}-{os.urandom(4).hex()}{_PART}")


def remove_leftovers(folder: Path) -> None:
    """Remove the temporary files (temporary_beside) that killed processes left in ``folder``."""
    # With SQLite's journal of a copy being written (.part-journal).
    for leftover in folder.glob(f".*.*-*{glob.escape(_PART)}*"):
        pid = leftover.name.rsplit(".", 2)[-2].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            log.info("removing %s, left by an interrupted write", leftover.name)
            discard(leftover)
