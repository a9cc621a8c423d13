"""What a register keeps for this PC only and never sends: its kind, current campaign, keys.

A copy of the register on another PC starts from the same values (they are in the file),
but nothing here travels in a bundle (exchange.bundle exports only registry tables).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    if not db["local_setting"].exists():  # a register from before exchange: no id
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
