"""Reading the commune a register keeps: a register's start reads it alone, without the
other entities and their repositories (store.households)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desktop.domain.commune import Commune
from desktop.store.local import REGISTER_COMMUNE, get_setting

if TYPE_CHECKING:
    from sqlite_utils import Database


def dict_rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """The rows of a query, each as a dict by column name."""
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def commune_from(r: dict[str, Any]) -> Commune:
    return Commune(
        code=r["code"],
        name=r["name"],
        province_code=r["province_code"],
        province_name=r["province_name"],
        clerk_name=r["clerk_name"],
        border_post=r["border_post"],
        border_officer=r["border_officer"],
    )


def get_commune(db: Database) -> Commune | None:
    """The commune a commune register keeps (None for an upper-level register, or a file
    whose set-up never finished)."""
    code = get_setting(db, REGISTER_COMMUNE)
    rows = dict_rows(db, "SELECT * FROM commune WHERE code = ? AND deleted = 0", [code])
    return commune_from(rows[0]) if rows else None


def list_communes(db: Database) -> list[Commune]:
    """Every commune the register holds (many in an upper-level register), by code."""
    return [
        commune_from(r)
        for r in dict_rows(db, "SELECT * FROM commune WHERE deleted = 0 ORDER BY code")
    ]
