"""What a piece of work changed, read off the audit trail and the change log it left: the
tables and the households."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


# Past this many audit rows the households are not listed one by one: "any of them".
MAX_NAMED = 2000

_SINCE_SQL = """
SELECT entity, entity_id,
       coalesce(json_extract(after, '$.household_id'), json_extract(before, '$.household_id'))
FROM audit WHERE seq > ? ORDER BY seq LIMIT ?"""


@dataclass(frozen=True)
class Changed:
    """The notice a write sends to the views: the tables it wrote and the households it
    touched (None when too many to name, or a bulk write: any household may have changed)."""

    tables: frozenset[str] = frozenset()
    households: frozenset[str] | None = frozenset()

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, *tables: str) -> bool:
        return not self.tables.isdisjoint(tables)

    def touches_household(self, household_id: str | None) -> bool:
        """True when this household may have changed (it, a member, a relative, a pledge…)."""
        if household_id is None:
            return False
        return self.households is None or household_id in self.households


# Tables whose rows belong to one household: a change to them is a change of that household.
HOUSEHOLD_TABLES = frozenset(
    {"household", "person", "relative_abroad", "pledge", "attachment", "movement"}
)


def audit_mark(db: Database) -> tuple[int, int]:
    """Where the audit trail and the change log end now (changes_since reads what follows)."""
    row = db.execute(
        "SELECT (SELECT max(seq) FROM audit), (SELECT max(seq) FROM change_log)"
    ).fetchone()
    return int(row[0] or 0), int(row[1] or 0)


def changes_since(db: Database, mark: tuple[int, int]) -> Changed:
    """What the writes after ``mark`` changed. The audit names the rows a clerk's edit
    touched; the change log (triggers) also sees what bulk loads and merges wrote."""
    audited = _audited_since(db, mark[0])
    # `+tbl`: the entries after the mark (a range of seq), not the whole log's (tbl, row_id)
    # index read for its distinct tables (after every job: 17 ms at 391,000 entries).
    logged = {
        tbl
        for (tbl,) in db.execute("SELECT DISTINCT +tbl FROM change_log WHERE seq > ?", [mark[1]])
    }
    unnamed = (logged - audited.tables) & HOUSEHOLD_TABLES
    households = None if unnamed else audited.households
    return Changed(audited.tables | logged, households)


def _audited_since(db: Database, seq: int) -> Changed:
    rows = db.execute(_SINCE_SQL, [seq, MAX_NAMED + 1]).fetchall()
    if not rows:
        return Changed()
    tables = frozenset(entity for entity, _id, _household in rows)
    if len(rows) > MAX_NAMED:
        # `+entity`: the rows after the mark, not the whole audit_entity index.
        every = db.execute("SELECT DISTINCT +entity FROM audit WHERE seq > ?", [seq])
        return Changed(frozenset(entity for (entity,) in every), None)
    households: set[str] = set()
    for entity, row_id, household_id in rows:
        if row_id == "*":  # a bulk load's one audit row
            return Changed(tables, None)
        if entity == "household":
            households.add(row_id)
        elif household_id:
            households.add(str(household_id))
    return Changed(tables, frozenset(households))
