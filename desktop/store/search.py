"""Search over people and households that ignores diacritics, đ and case; Vietnamese order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.text import fold_query


@dataclass(frozen=True)
class PersonHit:
    person_id: str
    full_name: str
    birth: str | None
    id_number: str
    household_id: str
    household_code: str
    hamlet: str


@dataclass(frozen=True)
class HouseholdRow:
    """What the household list shows for one household."""

    household_id: str
    code: str
    head_name: str
    hamlet: str
    member_count: int


def match_expression(query: str) -> str:
    """An FTS5 MATCH for a user's query: every folded token as a prefix, all required.

    Raises KnownError("search.empty_query") when the query holds no letter or digit.
    """
    tokens = fold_query(query)
    if not tokens:
        raise KnownError("search.empty_query", query=query)
    if all(token.isdigit() for token in tokens):
        # Clerks type ID and phone numbers in groups ("0912 345 678", "001.090.012"); the
        # index holds them as one run of digits.
        tokens = ["".join(tokens)]
    # Tokens are letters and digits only (fold_query drops the rest), so quoting is safe.
    return " AND ".join(f'"{token}"*' for token in tokens)


def search_people(db: Database, query: str, limit: int = 50) -> list[PersonHit]:
    """People whose name, personal ID, phone or household code match, in Vietnamese order."""
    sql = """
        SELECT p.id, p.full_name, p.birth, p.id_number, h.id, h.code, m.name
        FROM person_fts f
        JOIN person p ON p.rowid = f.rowid
        JOIN household h ON h.id = p.household_id
        JOIN hamlet m ON m.id = h.hamlet_id
        WHERE person_fts MATCH ? AND p.deleted = 0
        ORDER BY p.sort_key
        LIMIT ?"""
    rows = db.execute(sql, [match_expression(query), limit]).fetchall()
    return [PersonHit(*row) for row in rows]


def household_ids(db: Database, query: str = "", hamlet_id: str | None = None) -> list[str]:
    """Ids of the live households matching the query and hamlet, in list order.

    A household matches when its code, phone or address does, or any live member does.
    The list view keeps only these ids and fetches rows lazily (household_rows).
    """
    where = ["h.deleted = 0"]
    params: list[Any] = []
    if hamlet_id:
        where.append("h.hamlet_id = ?")
        params.append(hamlet_id)
    if query.strip():
        expression = match_expression(query)
        where.append(
            """(h.rowid IN (SELECT rowid FROM household_fts WHERE household_fts MATCH ?)
               OR h.id IN (SELECT p.household_id FROM person_fts f
                           JOIN person p ON p.rowid = f.rowid
                           WHERE person_fts MATCH ? AND p.deleted = 0))"""
        )
        params += [expression, expression]
    sql = f"""SELECT h.id FROM household h JOIN hamlet m ON m.id = h.hamlet_id
              WHERE {" AND ".join(where)} ORDER BY m.sort_key, h.sort_key"""
    return [row[0] for row in db.execute(sql, params).fetchall()]


def household_rows(db: Database, ids: Sequence[str]) -> dict[str, HouseholdRow]:
    """The list rows of the given households (a page of the lazy model), keyed by id."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    sql = f"""
        SELECT h.id, h.code, coalesce(p.full_name, ''), m.name,
               (SELECT count(*) FROM person c WHERE c.household_id = h.id AND c.deleted = 0)
        FROM household h
        JOIN hamlet m ON m.id = h.hamlet_id
        LEFT JOIN person p ON p.id = h.head_id AND p.deleted = 0
        WHERE h.id IN ({marks})"""
    return {row[0]: HouseholdRow(*row) for row in db.execute(sql, list(ids)).fetchall()}
