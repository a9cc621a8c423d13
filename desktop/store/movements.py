"""The ledger's rows: movements and their lazy list, people's histories, due reminders."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import FIRST_YEAR
from desktop.domain.errors import KnownError
from desktop.domain.movements import (
    Guest,
    Movement,
    MovementKind,
    Step,
)
from desktop.domain.text import fold_for_search
from desktop.domain.unreadable import Reading, kept, unreadable
from desktop.store.places import commune_hamlet_labels, communes_held
from desktop.store.search import match_expression
from desktop.store.sync import Writer

log = logging.getLogger(__name__)

TRAIL_WORDS = "đường mòn, lối mở"
BORDER_BELT_WORDS = "vào vành đai biên giới"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def movement_row(movement: Movement) -> dict[str, Any]:
    guest = movement.guest or Guest("")
    return {
        "id": movement.id,
        "household_id": movement.household_id,
        "person_id": movement.person_id,
        "kind": kept(movement, "kind", movement.kind.value),
        "guest_name": guest.full_name,
        "guest_birth_year": guest.birth_year,
        "guest_id_number": guest.id_number,
        "guest_nationality": guest.nationality,
        "starts_on": kept(movement, "starts_on", movement.starts_on.isoformat()),
        "until": kept(movement, "until", _iso(movement.until)),
        "ended_on": kept(movement, "ended_on", _iso(movement.ended_on)),
        "place": movement.place,
        "country": movement.country,
        "gate": movement.gate,
        "via_trail": int(movement.via_trail),
        "reason": movement.reason,
        "handed_over_on": kept(movement, "handed_over_on", _iso(movement.handed_over_on)),
        "reported_on": kept(movement, "reported_on", _iso(movement.reported_on)),
        "notes": movement.notes,
        "border_belt": int(movement.border_belt),
        "border_permit": movement.border_permit,
    }


def movement_from(row: dict[str, Any]) -> Movement:
    guest = None
    if row["person_id"] is None:
        guest = Guest(
            row["guest_name"],
            row["guest_birth_year"],
            row["guest_id_number"],
            row["guest_nationality"],
        )
    # A kind or a day CamKet cannot read (domain.unreadable): a lưu trú, on the first day the
    # register holds; no count or reminder takes such a movement (open_stays, steps).
    reading = Reading("movement", row["id"])
    first = dt.date(FIRST_YEAR, 1, 1)
    starts_on: dt.date = reading.value("starts_on", row["starts_on"], dt.date.fromisoformat, first)
    return reading.marked(_movement(row, guest, starts_on, reading))


def _movement(
    row: dict[str, Any], guest: Guest | None, starts_on: dt.date, reading: Reading
) -> Movement:
    return Movement(
        kind=reading.value("kind", row["kind"], MovementKind, MovementKind.LUU_TRU),
        household_id=row["household_id"],
        starts_on=starts_on,
        person_id=row["person_id"],
        guest=guest,
        until=reading.value("until", row["until"], _date, None),
        ended_on=reading.value("ended_on", row["ended_on"], _date, None),
        place=row["place"],
        country=row["country"],
        gate=row["gate"],
        via_trail=bool(row["via_trail"]),
        reason=row["reason"],
        handed_over_on=reading.value("handed_over_on", row["handed_over_on"], _date, None),
        reported_on=reading.value("reported_on", row["reported_on"], _date, None),
        notes=row["notes"],
        border_belt=bool(row["border_belt"]),
        border_permit=row["border_permit"],
        id=row["id"],
    )


def _rows(db: Database, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def add_movement(writer: Writer, movement: Movement) -> None:
    writer.insert("movement", movement_row(movement))


def update_movement(writer: Writer, movement: Movement) -> bool:
    row = movement_row(movement)
    del row["id"]
    return writer.update("movement", movement.id, row)


def get_movement(db: Database, movement_id: str) -> Movement:
    rows = _rows(db, "SELECT * FROM movement WHERE id = ? AND deleted = 0", [movement_id])
    if not rows:
        raise KnownError("movement.missing", id=movement_id)
    return movement_from(rows[0])


def history(db: Database, person_id: str) -> list[Movement]:
    """A person's movements, oldest first."""
    sql = """SELECT * FROM movement WHERE person_id = ? AND deleted = 0
             ORDER BY starts_on, created_at"""
    return [movement_from(r) for r in _rows(db, sql, [person_id])]


def steps(db: Database, person_ids: Iterable[str] | None = None) -> dict[str, list[Step]]:
    """Each person's movements (of ``person_ids``, or of every live person), oldest first,
    as presence sees them; people with none are absent. Light enough for every person at
    once (whole Movement rows cost five times as much at 50,000 rows)."""
    sql = """SELECT m.person_id, m.id, m.kind, m.starts_on, m.ended_on
             FROM movement m JOIN person p ON p.id = m.person_id
             WHERE m.deleted = 0 AND p.deleted = 0"""
    chunks: list[list[str]] = [[]]
    if person_ids is not None:
        ids = list(person_ids)
        chunks = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    found: dict[str, list[Step]] = defaultdict(list)
    kinds = {k.value: k for k in MovementKind}
    day = dt.date.fromisoformat
    for chunk in chunks:
        wanted = f" AND m.person_id IN ({','.join('?' * len(chunk))})" if chunk else ""
        for pid, mid, kind, starts, ended in db.execute(
            sql + wanted + " ORDER BY m.starts_on, m.created_at", chunk
        ).fetchall():
            try:
                step = Step(mid, kinds[kind], day(starts), day(ended) if ended else None)
            except (KeyError, ValueError, TypeError):
                # A kind or a day CamKet cannot read: the movement cannot be placed in time,
                # so no count holds it (camket check and the Biến động list name it).
                log.warning("movement %s: a kind or a day CamKet cannot read, not counted", mid)
                continue
            found[pid].append(step)
    return found


# --- the ledger's list -------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerFilter:
    """What the Biến động list shows: a kind, a hamlet, only open ones, a period of the
    movements' start, a search over names, ID numbers and household codes."""

    kind: MovementKind | None = None
    hamlet_id: str | None = None
    household_id: str | None = None
    open_only: bool = False
    ended_only: bool = False
    starts_from: dt.date | None = None
    starts_to: dt.date | None = None
    query: str = ""


@dataclass(frozen=True)
class LedgerRow:
    """One line of the ledger as lists, reports and `camket movement list --json` show it."""

    movement_id: str
    kind: MovementKind
    person_id: str | None
    full_name: str
    household_code: str
    hamlet: str
    starts_on: dt.date | None  # None: a stored day CamKet cannot read (``unreadable``)
    until: dt.date | None
    ended_on: dt.date | None
    place: str
    country: str
    gate: str
    via_trail: bool
    reason: str
    border_belt: bool = False
    # The stored text of each day CamKet cannot read, by column (domain.unreadable).
    unreadable: tuple[tuple[str, str], ...] = ()

    @property
    def gate_words(self) -> str:
        return TRAIL_WORDS if self.via_trail else self.gate

    @property
    def where_words(self) -> str:
        """Place, country, border gate and the border belt, as reports and the terminal
        write them."""
        belt = BORDER_BELT_WORDS if self.border_belt else ""
        return ", ".join(x for x in (self.place, self.country, self.gate_words, belt) if x)


_OPEN_KINDS = "('tam_tru', 'tam_vang', 'luu_tru', 'di_nuoc_ngoai', 've_tu_nuoc_ngoai')"


def movement_ids(db: Database, where: LedgerFilter) -> list[str]:
    """Ids of the live movements the filter keeps, newest first (the lazy list's rows)."""
    clauses = ["m.deleted = 0", "h.deleted = 0"]
    params: list[Any] = []
    if where.kind is not None:
        clauses.append("m.kind = ?")
        params.append(where.kind.value)
    if where.kind is not None or where.starts_from or where.starts_to:
        # The kind and dates are keyed by commune first (m0008): each commune's range read.
        clauses.append(f"m.commune_code IN {communes_held('movement')}")
    if where.hamlet_id:
        clauses.append("h.hamlet_id = ?")
        params.append(where.hamlet_id)
    if where.household_id:
        clauses.append("m.household_id = ?")
        params.append(where.household_id)
    if where.open_only:
        clauses.append(f"m.ended_on IS NULL AND m.kind IN {_OPEN_KINDS}")
    if where.ended_only:
        clauses.append("m.ended_on IS NOT NULL")
    if where.starts_from:
        clauses.append("m.starts_on >= ?")
        params.append(where.starts_from.isoformat())
    if where.starts_to:
        clauses.append("m.starts_on <= ?")
        params.append(where.starts_to.isoformat())
    if where.query.strip():
        expression = match_expression(where.query)
        folded = fold_for_search(where.query)
        clauses.append(
            """(m.person_id IN (SELECT p.id FROM person_fts f JOIN person p ON p.rowid = f.rowid
                                WHERE person_fts MATCH ?)
                OR h.rowid IN (SELECT rowid FROM household_fts WHERE household_fts MATCH ?)
                OR (m.person_id IS NULL AND instr(fold(m.guest_name || ' ' || m.guest_id_number),
                                                  ?) > 0))"""
        )
        params += [expression, expression, folded]
        _register_fold(db)  # only when searching: registering expires prepared statements
    sql = f"""SELECT m.id FROM movement m JOIN household h ON h.id = m.household_id
              WHERE {" AND ".join(clauses)} ORDER BY m.starts_on DESC, m.id"""
    return [r[0] for r in db.execute(sql, params).fetchall()]


def _register_fold(db: Database) -> None:
    db.conn.create_function("fold", 1, fold_for_search, deterministic=True)


_ROW_SQL = """
    SELECT m.id, m.kind, m.person_id, coalesce(p.full_name, m.guest_name), h.code, t.name,
           m.starts_on, m.until, m.ended_on, m.place, m.country, m.gate, m.via_trail, m.reason,
           m.border_belt, t.id
    FROM movement m
    JOIN household h ON h.id = m.household_id
    JOIN hamlet t ON t.id = h.hamlet_id
    LEFT JOIN person p ON p.id = m.person_id"""


def _ledger_row(row: Sequence[Any], hamlets: dict[str, str]) -> LedgerRow:
    """A list row; a kind CamKet cannot read is read as lưu trú, a day as none, each
    carried in ``unreadable`` (domain.unreadable)."""
    reading = Reading("movement", row[0])
    return LedgerRow(
        movement_id=row[0],
        kind=reading.value("kind", row[1], MovementKind, MovementKind.LUU_TRU),
        person_id=row[2],
        full_name=row[3],
        household_code=row[4],
        hamlet=hamlets.get(row[15], row[5]),
        starts_on=reading.value("starts_on", row[6], _date, None),
        until=reading.value("until", row[7], _date, None),
        ended_on=reading.value("ended_on", row[8], _date, None),
        place=row[9],
        country=row[10],
        gate=row[11],
        via_trail=bool(row[12]),
        reason=row[13],
        border_belt=bool(row[14]),
        unreadable=tuple(reading.found.items()),
    )


def ledger_rows(db: Database, ids: Sequence[str]) -> dict[str, LedgerRow]:
    """The list rows of the given movements (a page of the lazy model), keyed by id; the
    hamlet with its commune in an upper-level register (desktop.store.places)."""
    if not ids:
        return {}
    sql = f"{_ROW_SQL} WHERE m.id IN ({','.join('?' * len(ids))})"
    hamlets = commune_hamlet_labels(db)
    return {r[0]: _ledger_row(r, hamlets) for r in db.execute(sql, list(ids)).fetchall()}


def ledger(db: Database, where: LedgerFilter) -> list[LedgerRow]:
    """Every row the filter keeps, newest first (command line, reports)."""
    ids = movement_ids(db, where)
    rows: dict[str, LedgerRow] = {}
    for start in range(0, len(ids), 500):
        rows.update(ledger_rows(db, ids[start : start + 500]))
    return [rows[i] for i in ids]


def open_stays(db: Database) -> list[Movement]:
    """Live lưu trú and tạm trú not ended (who may be staying here)."""
    sql = """SELECT m.* FROM movement m JOIN household h ON h.id = m.household_id
             WHERE m.deleted = 0 AND h.deleted = 0 AND m.ended_on IS NULL
               AND m.kind IN ('luu_tru', 'tam_tru')"""
    stays = [movement_from(r) for r in _rows(db, sql)]
    return [m for m in stays if not unreadable(m)]  # not placed in time: no one's stay


def foreign_guest_ids(db: Database, movement_ids: Sequence[str]) -> set[str]:
    """Which of these lưu trú are of foreign guests (nationality not Việt Nam, not empty)."""
    found: set[str] = set()
    for start in range(0, len(movement_ids), 500):
        chunk = list(movement_ids[start : start + 500])
        found |= {
            r[0]
            for r in db.execute(
                f"""SELECT id FROM movement WHERE id IN ({",".join("?" * len(chunk))})
                    AND guest_nationality NOT IN ('', 'Việt Nam')""",
                chunk,
            )
        }
    return found
