"""Search over people and households that ignores diacritics, đ and case; Vietnamese order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import Person
from desktop.domain.errors import KnownError
from desktop.domain.text import fold_query, name_match_prefix
from desktop.store.households import person_from
from desktop.store.places import commune_hamlet_labels, communes_held
from desktop.store.presence import gone_sql


@dataclass(frozen=True)
class PersonHit:
    person_id: str
    full_name: str
    birth: str | None
    id_number: str
    household_id: str
    household_code: str
    hamlet: str  # with its commune in a register of several: 'Thôn 1 (Sìn Hồ)'
    commune_code: str


@dataclass(frozen=True)
class HouseholdRow:
    """What the household list shows for one household."""

    household_id: str
    code: str
    head_name: str
    hamlet: str
    member_count: int
    matched_id: str = ""  # a member other than the head whom the search matched
    matched_name: str = ""


# Distinct words a search takes: a clerk types a name, a code or a number (a few words); a
# pasted document's thousands made one search of tens of seconds (each word a prefix scan).
MAX_SEARCH_WORDS = 16


def match_expression(query: str) -> str:
    """An FTS5 MATCH for a user's query: every folded token as a prefix, all required (a
    token repeated counts once).

    Raises KnownError("search.empty_query") when the query holds no letter or digit, and
    KnownError("search.too_many_words") past MAX_SEARCH_WORDS distinct words.
    """
    shown = query if len(query) <= 40 else query[:40] + "…"
    typed = fold_query(query)
    tokens = list(dict.fromkeys(typed))
    if not tokens:
        raise KnownError("search.empty_query", query=shown)
    if len(tokens) > MAX_SEARCH_WORDS:
        raise KnownError("search.too_many_words", query=shown, maximum=MAX_SEARCH_WORDS)
    if all(token.isdigit() for token in tokens):
        # Clerks type ID and phone numbers in groups ("0912 345 678", "001.090.012"); the
        # index holds them as one run of digits, a group typed twice included ("001 090 001").
        tokens = ["".join(typed)]
    # Tokens are letters and digits only (fold_query drops the rest), so quoting is safe.
    return " AND ".join(f'"{token}"*' for token in tokens)


def search_people(db: Database, query: str, limit: int = 50) -> list[PersonHit]:
    """People whose name, personal ID, phone or household code match, in Vietnamese order."""
    sql = """
        SELECT p.id, p.full_name, p.birth, p.id_number, h.id, h.code, h.hamlet_id, m.name,
               h.commune_code
        FROM person_fts f
        JOIN person p ON p.rowid = f.rowid
        JOIN household h ON h.id = p.household_id
        JOIN hamlet m ON m.id = h.hamlet_id
        WHERE person_fts MATCH ? AND p.deleted = 0
        ORDER BY p.sort_key
        LIMIT ?"""
    rows = db.execute(sql, [match_expression(query), limit]).fetchall()
    if not rows:
        return []
    hamlets = commune_hamlet_labels(db)
    return [
        PersonHit(pid, full, birth, number, hid, code, hamlets.get(hamlet_id, name), commune)
        for pid, full, birth, number, hid, code, hamlet_id, name, commune in rows
    ]


@dataclass(frozen=True)
class HouseholdOrder:
    """The household list's order: by ``by`` (one of HOUSEHOLD_ORDERS, a header clicked),
    the list's own order (hamlet, then code) breaking ties."""

    by: str = "hamlet"
    descending: bool = False


# Each order's key in SQL over h (household), m (its hamlet) and p (its head), {d} its
# direction; the sort_key columns hold Vietnamese order, numbers by value ("NT-2" before
# "NT-10"). Two communes' hamlets of one name (an upper register's 'Thôn 1 (Bình Lư)' and
# 'Thôn 1 (Sìn Hồ)') each keep their households together. A household with no head comes
# last either way; the member count is of living members.
HOUSEHOLD_ORDERS: dict[str, str] = {
    "hamlet": "m.sort_key{d}, m.commune_code{d}",
    "code": "h.sort_key{d}",
    "head": "p.sort_key IS NULL, p.sort_key{d}",
    "members": """(SELECT count(*) FROM person c WHERE c.household_id = h.id
                   AND c.deleted = 0 AND NOT {gone}){d}""",
}


def household_ids(
    db: Database,
    query: str = "",
    hamlet_id: str | None = None,
    order: HouseholdOrder | None = None,
    today: dt.date | None = None,
) -> list[str]:
    """Ids of the live households matching the query and hamlet, in ``order`` (by default
    the list's own: hamlet, then code).

    A household matches when its code, phone or address does, or any live member does.
    The list view keeps only these ids and fetches rows lazily (household_rows). Sorted in
    SQL: 50,000 households by their member count take 0.25 s on the search's thread.
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
    order = order or HouseholdOrder()
    key = HOUSEHOLD_ORDERS[order.by].format(
        gone=gone_sql("c.id", today or dt.date.today()), d=" DESC" if order.descending else ""
    )
    head = " LEFT JOIN person p ON p.id = h.head_id AND p.deleted = 0" if order.by == "head" else ""
    sql = f"""SELECT h.id FROM household h JOIN hamlet m ON m.id = h.hamlet_id{head}
              WHERE {" AND ".join(where)}
              ORDER BY {key}, m.sort_key, m.commune_code, h.sort_key"""
    return [row[0] for row in db.execute(sql, params).fetchall()]


def household_rows(
    db: Database, ids: Sequence[str], query: str = "", today: dt.date | None = None
) -> dict[str, HouseholdRow]:
    """The list rows of the given households (a page of the lazy model), keyed by id; with
    the ``query`` that found them, the first member it matched when the head did not. The
    member count is of living members (not those dead or moved out by ``today``)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    gone = gone_sql("c.id", today or dt.date.today())
    sql = f"""
        SELECT h.id, h.code, coalesce(p.full_name, ''), h.hamlet_id, m.name,
               (SELECT count(*) FROM person c WHERE c.household_id = h.id AND c.deleted = 0
                AND NOT {gone}),
               h.head_id
        FROM household h
        JOIN hamlet m ON m.id = h.hamlet_id
        LEFT JOIN person p ON p.id = h.head_id AND p.deleted = 0
        WHERE h.id IN ({marks})"""
    found = db.execute(sql, list(ids)).fetchall()
    matched = _matched_members(db, ids, query) if query.strip() else {}
    hamlets = commune_hamlet_labels(db)
    rows = {}
    for household_id, code, head, hamlet_id, name, count, head_id in found:
        hamlet = hamlets.get(hamlet_id, name)
        members = matched.get(household_id, [])
        first = members[0] if members and all(m[0] != head_id for m in members) else ("", "")
        rows[household_id] = HouseholdRow(household_id, code, head, hamlet, count, *first)
    return rows


def _matched_members(
    db: Database, ids: Sequence[str], query: str
) -> dict[str, list[tuple[str, str]]]:
    """Per household, the live members the query matches, in name order."""
    try:
        expression = match_expression(query)
    except KnownError:
        return {}
    marks = ",".join("?" * len(ids))
    sql = f"""SELECT p.household_id, p.id, p.full_name FROM person_fts f
              JOIN person p ON p.rowid = f.rowid
              WHERE person_fts MATCH ? AND p.deleted = 0 AND p.household_id IN ({marks})
              ORDER BY p.sort_key"""
    matched: dict[str, list[tuple[str, str]]] = {}
    for household_id, person_id, name in db.execute(sql, [expression, *ids]).fetchall():
        matched.setdefault(household_id, []).append((person_id, name))
    return matched


# --- the same person elsewhere in the commune -----------------------------------------------


@dataclass(frozen=True)
class Registered:
    """A live person of the register, with the code of their household."""

    person: Person
    household_code: str


def _registered(db: Database, where: str, params: Sequence[Any]) -> list[Registered]:
    sql = f"""SELECT p.*, h.code AS household_code FROM person p
              JOIN household h ON h.id = p.household_id AND h.deleted = 0
              WHERE p.deleted = 0 AND {where} ORDER BY p.sort_key LIMIT 20"""
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    return [Registered(person_from(row), row["household_code"]) for row in rows]


def people_with_id_number(db: Database, id_number: str) -> list[Registered]:
    """Live people holding this personal ID (stored digits only, as the editor saves them),
    of any commune of the register."""
    # "!= ''" lets the partial index serve (a bound value never proves it): without it the
    # look-up read every person (0.8 s at district size).
    return _registered(
        db,
        f"p.commune_code IN {communes_held('person')} AND p.id_number != '' AND p.id_number = ?",
        [id_number],
    )


def people_with_name_and_birth_year(db: Database, full_name: str, year: int) -> list[Registered]:
    """Live people with the same name (case and tone placement aside) born that year."""
    prefix = name_match_prefix(full_name)
    # A range over the sort_key index, in each commune: every key starting with the prefix.
    return _registered(
        db,
        f"p.commune_code IN {communes_held('person')}"
        " AND p.sort_key > ? AND p.sort_key < ? AND substr(p.birth, 1, 4) = ?",
        [prefix, prefix + "\U0010ffff", f"{year:04d}"],
    )
