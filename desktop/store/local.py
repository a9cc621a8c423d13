"""What a register keeps for this PC only and never sends: its kind, current campaign, keys.

A copy of the register on another PC starts from the same values (they are in the file),
but nothing here travels in a bundle (exchange.bundle exports only registry tables).
"""

from __future__ import annotations

from sqlite_utils import Database

# Keys of local_setting.
REGISTER_COMMUNE = "register_commune"  # a commune register: its commune's code
UPPER_PROVINCE = "upper_province"  # an upper-level register: its province code, or ""
UPPER_NAME = "upper_name"  # an upper-level register: what it is called
CURRENT_CAMPAIGN = "current_campaign"
AGE_IDENTITY = "age_identity"  # the register's age secret key: bundles sent to it
LEGACY_INSTALLATION = "legacy_installation_id"  # the id a register carried before m0004


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
