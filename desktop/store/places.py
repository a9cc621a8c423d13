"""How a hamlet reads where several communes sit side by side (an upper-level register)."""

from __future__ import annotations

from sqlite_utils import Database

from desktop.domain.text import fold_for_search
from desktop.store.admin_units import find_commune


def hamlet_labels(db: Database) -> dict[str, str]:
    """Every live hamlet's id → how it reads, in list order. A register of one commune: the
    hamlet's name, in register order. A register of several (an upper level's): the name
    with its commune's, 'Thôn 1 (Sìn Hồ)', so two communes' 'Thôn 1' are told apart, by
    commune and then in register order. A commune whose own row never arrived (a bundle
    made by another program without it) is named by its code."""
    rows = db.execute(
        """SELECT h.id, h.name, h.commune_code, coalesce(c.name, h.commune_code) FROM hamlet h
           LEFT JOIN commune c ON c.code = h.commune_code AND c.deleted = 0
           WHERE h.deleted = 0 ORDER BY h.sort_key"""
    ).fetchall()
    if len({code for _id, _name, code, _commune in rows}) <= 1:
        return {hamlet_id: name for hamlet_id, name, _code, _commune in rows}
    rows.sort(key=lambda r: fold_for_search(short_commune_name(r[2], r[3])))  # stable
    return {i: f"{name} ({short_commune_name(code, commune)})" for i, name, code, commune in rows}


def commune_hamlet_labels(db: Database) -> dict[str, str]:
    """hamlet_labels where they differ from the hamlets' own names (a register of several
    communes), else nothing: for rows that carry their hamlet's name already (a search's
    hits, a page of the household list or of Biến động), so a commune's register does not
    read its every hamlet for each search it answers (that doubled a search's time at
    district size)."""
    return hamlet_labels(db) if several_communes(db) else {}


def several_communes(db: Database) -> bool:
    """The register holds hamlets of more than one commune (an upper register's)."""
    several = db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT commune_code FROM hamlet WHERE deleted = 0 LIMIT 2)"
    ).fetchone()[0]
    return bool(several > 1)


def short_commune_name(code: str, name: str) -> str:
    """'Sìn Hồ' for 03478: the official name without its kind; ``name`` for a code the
    official list lacks."""
    unit = find_commune(code) if code else None
    return unit.short_name if unit else name


def communes_held(table: str) -> str:
    """SQL of the commune codes the rows of ``table`` (person, movement: m0008) hold, each
    found by one seek of the index keyed by commune first: ``commune_code IN (this) AND
    key = ?`` asks that index once a commune, where an index of the key alone is no more
    (a register of one commune: once)."""
    return f"""(WITH RECURSIVE held(code) AS (
                  SELECT min(commune_code) FROM {table}
                  UNION ALL SELECT (SELECT min(commune_code) FROM {table}
                                    WHERE commune_code > held.code)
                  FROM held WHERE held.code IS NOT NULL)
                SELECT code FROM held WHERE code IS NOT NULL)"""
