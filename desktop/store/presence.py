"""Who is no longer a living member, in SQL: the ledger's dead and moved out, for counts and
lists over many people (services.ledger.presence says the same for a few, in Python)."""

from __future__ import annotations

import datetime as dt

from desktop.domain.movements import WHEREABOUTS_KINDS

_WHEREABOUTS_SQL = "(" + ", ".join(f"'{k.value}'" for k in sorted(WHEREABOUTS_KINDS)) + ")"


def gone_ids_sql(today: dt.date | str) -> str:
    """A SELECT of the ids of the people dead or moved out on ``today`` (a date, or an SQL
    expression such as ":today"): presence_of's DEAD and MOVED_OUT (a test holds the two to
    the same answers). Not correlated with the outer query: SQLite reads it once (a
    correlated one was searched through the kind index once per row: 50 times slower)."""
    # A date this program made is safe to write into the statement.
    day = today if isinstance(today, str) else f"'{today.isoformat()}'"
    return f"""SELECT g.person_id FROM movement g
        WHERE g.deleted = 0 AND g.person_id IS NOT NULL AND g.starts_on <= {day}
          AND (g.kind = 'chet' OR (g.kind = 'chuyen_di' AND NOT EXISTS (
                SELECT 1 FROM movement l WHERE l.person_id = g.person_id AND l.deleted = 0
                  AND l.starts_on <= {day} AND l.starts_on > g.starts_on
                  AND l.kind IN {_WHEREABOUTS_SQL})))"""


def gone_sql(person_id: str, today: dt.date | str) -> str:
    """An SQL condition true when the person whose id is the expression ``person_id`` is
    dead or moved out on ``today``."""
    return f"{person_id} IN ({gone_ids_sql(today)})"
