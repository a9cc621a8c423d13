"""What a register keeps for this PC only and never sends: its kind, current campaign, keys,
and which file on which installation it is (its replica id, the writer its edits count under).

A copy of the register on another PC starts from the same values (they are in the file),
but nothing here travels in a bundle (exchange.bundle exports only registry tables).
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.row_ids import random_id

if TYPE_CHECKING:
    from sqlite_utils import Database

# Keys of local_setting.
REGISTER_COMMUNE = "register_commune"  # a commune register: its commune's code
UPPER_PROVINCE = "upper_province"  # an upper-level register: its province code, or ""
UPPER_NAME = "upper_name"  # an upper-level register: what it is called
CURRENT_CAMPAIGN = "current_campaign"
AGE_IDENTITY = "age_identity"  # the register's age secret key: bundles sent to it
LEGACY_INSTALLATION = "legacy_installation_id"  # the id a register carried before m0004
REGISTER_ID = "register_id"  # this register file's own id: an incremental bundle's base
REGISTER_INSTALLATION = "register_installation"  # the installation whose id REGISTER_ID is
_RECEIVED_SEQ = "received_seq:"  # + a register id: the highest mark of it merged here
SAMPLE_DATA = "sample_data"  # "1": made-up households (camket demo, the wizard's sample)
REPLICA_ID = "replica_id"  # the writer this file's edits count under in version vectors
REPLICA_INSTALLATION = "replica_installation"  # the installation it was made for
REPLICA_FILE = "replica_file"  # JSON {"path", "dev", "ino"}: the file it was made for
REPLICA_KEYS = (REPLICA_ID, REPLICA_INSTALLATION, REPLICA_FILE)


def register_id_for(db: Database, installation_id: str) -> str | None:
    """The id this register's bundles carry when ``installation_id`` exports it; None when
    a new one is to be made (by its first export there). A file copied to (or restored on)
    another PC gets an id of its own there: its changes are a stream apart from the
    original's, never taken by a receiver to continue the original's (nor the reverse)."""
    found = get_setting(db, REGISTER_ID)
    owner = get_setting(db, REGISTER_INSTALLATION)
    return found if owner in (None, installation_id) else None  # None: kept before owners


def received_seq(db: Database, register_id: str) -> int:
    """The highest change mark merged here from the register ``register_id``'s bundles: an
    incremental bundle of it that continues from above it is refused (one is missing)."""
    return int(get_setting(db, f"{_RECEIVED_SEQ}{register_id}") or 0)


def note_received_seq(db: Database, register_id: str, seq: int) -> None:
    if seq > received_seq(db, register_id):
        set_setting(db, f"{_RECEIVED_SEQ}{register_id}", str(seq))


def start_new_stream(db: Database, mark: int) -> None:
    """Forget this file's register id: its next export is whole, under an id of its own. A
    register put back from a backup is older than the bundles it sent after that backup;
    continuing their stream, its next "changes since" one of them would leave out its own
    changes numbered at or below that bundle's mark, and a receiver would take them as
    the original's. What it holds of its old stream (up to its change ``mark``) it counts
    as received: its own bundles made after that mark merge back in order."""
    if not _has_settings(db):  # a register from before exchange: no id
        return
    old = get_setting(db, REGISTER_ID)
    db.execute(
        "DELETE FROM local_setting WHERE key IN (?, ?)", [REGISTER_ID, REGISTER_INSTALLATION]
    )
    if old is not None:
        note_received_seq(db, old, mark)


def register_id_if_any(db: Database) -> str | None:
    """This register's id, made by its first export (``--since`` takes only a bundle it
    made): None until then."""
    return get_setting(db, REGISTER_ID)


def age_identity(db: Database) -> str:
    """The register's age secret key (made on first use): bundles encrypted to its
    recipient open here, on whichever PC holds this register."""
    found = get_setting(db, AGE_IDENTITY)
    if found is None:
        import pyrage

        found = str(pyrage.x25519.Identity.generate())
        set_setting(db, AGE_IDENTITY, found)
    return found


def _has_settings(db: Database) -> bool:
    """The register has local settings (one from before exchange has none): asked in SQL,
    not through sqlite-utils, which the window's start does not load before its paint."""
    found = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'local_setting'"
    return db.execute(found).fetchone() is not None


def get_setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM local_setting WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_setting(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO local_setting(key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def is_upper(db: Database) -> bool:
    """An upper-level register (a province's or a Border Guard post's): it merges the
    bundles of many communes and edits none of their rows."""
    return get_setting(db, UPPER_NAME) is not None


def is_sample(db: Database) -> bool:
    """A register of made-up sample data (issue 11 §1): marked in the window, and its
    bundles are refused by every register that is not sample data too."""
    return get_setting(db, SAMPLE_DATA) == "1"


def mark_sample(db: Database) -> None:
    set_setting(db, SAMPLE_DATA, "1")


# --- the replica: this file on this installation ------------------------------------------
#
# Every edit counts one in the row's version vector under the writer that made it
# (domain.versions). Were that writer the installation, two register files of one commune on
# one PC (a copy made in the file manager, a backup opened beside the register, the file
# copied back from the campaign laptop) would count their edits of a row under one name: the
# copy's third edit would pass for a version that saw the original's second, and replace it
# silently wherever they meet. So edits count under the *replica*: one register file on one
# installation, an id the file keeps with the file it was made for (path and inode). A file
# that is not that file (a copy elsewhere, a backup, a file from another PC) gets an id of its
# own the first time it is opened for writing, and sends its changes as a stream of its own.
# No installation list in the data folder is needed: the file knows where it was.
# Rows keep `updated_by` = the installation (who made it, as the window shows it).


@dataclass(frozen=True)
class FilePlace:
    """Where a register file is: its full path (case-folded where the system ignores case)
    and its device and inode (0, 0 where the system gives none)."""

    path: str
    dev: int
    ino: int

    def same_file(self, other: FilePlace) -> bool:
        """The same file: the same path, or the same inode (renamed, moved within its disk,
        reached through a link or another drive letter)."""
        same_inode = self.ino != 0 and (self.dev, self.ino) == (other.dev, other.ino)
        return same_inode or self.path == other.path

    def text(self) -> str:
        return json.dumps({"path": self.path, "dev": self.dev, "ino": self.ino}, sort_keys=True)

    @staticmethod
    def of_text(text: str | None) -> FilePlace | None:
        try:
            found = json.loads(text or "")
            return FilePlace(str(found["path"]), int(found["dev"]), int(found["ino"]))
        except (ValueError, KeyError, TypeError):
            return None


def file_place(path: Path | str, stat_of: Path | str | None = None) -> FilePlace:
    """Where the register at ``path`` is; ``stat_of``: the file that will be moved there (a
    register being built, whose inode the rename keeps)."""
    resolved = os.path.normcase(str(Path(path).resolve()))
    try:
        found = os.stat(stat_of or path)
    except OSError:
        return FilePlace(resolved, 0, 0)
    return FilePlace(resolved, int(found.st_dev), int(found.st_ino))


def replica_id(db: Database, installation_id: str, place: FilePlace) -> str | None:
    """The id this file's edits count under when ``installation_id`` writes it at ``place``;
    None when it needs one of its own (bind_replica): never one made on another
    installation, nor for another file."""
    found = get_setting(db, REPLICA_ID) if _has_settings(db) else None
    if not found or get_setting(db, REPLICA_INSTALLATION) != installation_id:
        return None
    made_for = FilePlace.of_text(get_setting(db, REPLICA_FILE))
    return found if made_for is not None and made_for.same_file(place) else None


def bind_replica(db: Database, installation_id: str, place: FilePlace) -> str:
    """This file's replica id on ``installation_id`` (in a write transaction of the caller's
    when anything is written): kept when the file is the one it was made for (its place
    noted again when it moved), else a new one. A new one starts a new stream of bundles
    (start_new_stream): the original's bundles of changes are not this file's."""
    found = replica_id(db, installation_id, place)
    if found is not None:
        if get_setting(db, REPLICA_FILE) != place.text():  # moved, or replaced in place
            set_setting(db, REPLICA_FILE, place.text())
        return found
    made = random_id()
    mark = db.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
    start_new_stream(db, int(mark))
    set_setting(db, REPLICA_ID, made)
    set_setting(db, REPLICA_INSTALLATION, installation_id)
    set_setting(db, REPLICA_FILE, place.text())
    return made


def forget_replica(conn: sqlite3.Connection) -> None:
    """A copy of a register (a backup, the register kept aside by a restore) is not the file
    its replica id was made for: forgotten in it, whatever path it is opened at later (even
    put back over the register by hand), it gets one of its own."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'local_setting'").fetchone():
        with conn:
            marks = ", ".join("?" * len(REPLICA_KEYS))
            conn.execute(f"DELETE FROM local_setting WHERE key IN ({marks})", REPLICA_KEYS)
