"""A bulk load's values the same on every row (its sync stamp), written once into the
statement: the register holds exactly what binding them on each row stored."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlite_utils import Database

from desktop.store.bulk import insert_values

SAME: dict[str, Any] = {
    "quoted": "Hộ ông Đ'Ninh; --",  # a quote and SQL-like text, kept as they are
    "number": 3,
    "big": 2**62,
    "empty": None,
    "nul": "a\0b",  # a text with NUL cannot be a literal: bound instead
    "real": 1.5,
    "blob": b"\x00\x01",
}


def _table(db: Database) -> None:
    db.execute(f"CREATE TABLE t (a, b, {', '.join(SAME)})")


def test_values_the_same_on_every_row_are_stored_as_bound_ones() -> None:
    once, bound = Database(sqlite3.connect(":memory:")), Database(sqlite3.connect(":memory:"))
    rows = [("x", 1), ("y", None), ("ž", 2.5)]
    for db in (once, bound):
        _table(db)
    insert_values(once, "t", ("a", "b"), rows, SAME)
    insert_values(bound, "t", ("a", "b", *SAME), [(*row, *SAME.values()) for row in rows])
    columns = ["a", "b", *SAME]
    select = f"SELECT {', '.join(f'{c}, typeof({c})' for c in columns)} FROM t ORDER BY rowid"
    assert once.execute(select).fetchall() == bound.execute(select).fetchall()
    assert once.execute("SELECT nul, quoted FROM t").fetchone() == ("a\0b", SAME["quoted"])
