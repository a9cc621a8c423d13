"""Who is no longer a living member, in SQL: the ledger's dead and moved out, for counts and
lists over many people (services.ledger.presence says the same for a few, in Python)."""

from __future__ import annotations

import datetime as dt

from desktop.domain.movements import WHEREABOUTS_KINDS


def gone_sql(person_id: str, today: dt.date) -> str:
    """An SQL condition true when the person whose id is the expression ``person_id`` is
    dead or moved out on ``today``: presence_of's DEAD and MOVED_OUT, for counts over many
    people (a test holds the two to the same answers)."""
    day = f"'{today.isoformat()}'"  # a date this program made: safe to write in
    return f"""EXISTS (
        SELECT 1 FROM movement g WHERE g.person_id = {person_id} AND g.deleted = 0
          AND g.starts_on <= {day}
          AND (g.kind = 'chet' OR (g.kind = 'chuyen_di' AND NOT EXISTS (
                SELECT 1 FROM movement l WHERE l.person_id = {person_id} AND l.deleted = 0
                  AND l.starts_on <= {day} AND l.starts_on > g.starts_on
                  AND l.kind IN {_WHEREABOUTS_SQL}))))"""


_WHEREABOUTS_SQL = "(" + ", ".join(f"'{k.value}'" for k in sorted(WHEREABOUTS_KINDS)) + ")"
