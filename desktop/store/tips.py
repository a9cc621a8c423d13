"""The tip log's rows (tin báo) and the people of the register a tip concerns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import FIRST_YEAR, new_id
from desktop.domain.errors import KnownError
from desktop.domain.tips import Tip
from desktop.domain.unreadable import Reading, kept
from desktop.store.sync import Writer

# Never in a log, a spreadsheet or a report: only the register and a full bundle hold them.
INFORMANT_COLUMNS = ("informant_name", "informant_phone")


def _at(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="minutes") if value else None


def tip_row(tip: Tip) -> dict[str, Any]:
    return {
        "id": tip.id,
        "commune_code": tip.commune_code,
        "received_at": kept(tip, "received_at", _at(tip.received_at)),
        "informant_name": tip.informant_name,
        "informant_phone": tip.informant_phone,
        "hamlet_id": tip.hamlet_id,
        "place": tip.place,
        "people_count": tip.people_count,
        "description": tip.description,
        "about": tip.about,
        "handed_to": tip.handed_to,
        "handed_at": kept(tip, "handed_at", _at(tip.handed_at)),
        "outcome": tip.outcome,
    }


def _moment(stored: str) -> dt.datetime | None:
    return dt.datetime.fromisoformat(stored) if stored else None


def tip_from(row: dict[str, Any]) -> Tip:
    """The tip; a moment CamKet cannot read is read as the first one the register holds
    (received) or none (handed over), and shown as unreadable (domain.unreadable)."""
    reading = Reading("tip", row["id"])
    first = dt.datetime(FIRST_YEAR, 1, 1)
    received = reading.value("received_at", row["received_at"], dt.datetime.fromisoformat, first)
    return reading.marked(_tip(row, received, reading))


def _tip(row: dict[str, Any], received: dt.datetime, reading: Reading) -> Tip:
    return Tip(
        commune_code=row["commune_code"],
        received_at=received,
        place=row["place"],
        about=row["about"],
        informant_name=row["informant_name"],
        informant_phone=row["informant_phone"],
        hamlet_id=row["hamlet_id"],
        people_count=row["people_count"],
        description=row["description"],
        handed_to=row["handed_to"],
        handed_at=reading.value("handed_at", row["handed_at"], _moment, None),
        outcome=row["outcome"],
        id=row["id"],
    )


def add_tip(writer: Writer, tip: Tip, person_ids: tuple[str, ...] = ()) -> None:
    with writer.db.atomic():
        writer.insert("tip", tip_row(tip))
        for person_id in person_ids:
            writer.insert("tip_person", {"id": new_id(), "tip_id": tip.id, "person_id": person_id})


def update_tip(writer: Writer, tip: Tip) -> bool:
    row = tip_row(tip)
    del row["id"]
    return writer.update("tip", tip.id, row)


def get_tip(db: Database, tip_id: str) -> Tip:
    cursor = db.execute("SELECT * FROM tip WHERE id = ? AND deleted = 0", [tip_id])
    row = cursor.fetchone()
    if row is None:
        raise KnownError("tip.missing", id=tip_id)
    return tip_from(dict(zip([d[0] for d in cursor.description], row, strict=True)))


def list_tips(
    db: Database, since: dt.date | None = None, until: dt.date | None = None
) -> list[Tip]:
    """Live tips, newest first, received within the days given."""
    where, params = ["deleted = 0"], []
    if since:
        where.append("received_at >= ?")
        params.append(since.isoformat())
    if until:
        where.append("received_at < ?")
        params.append((until + dt.timedelta(days=1)).isoformat())
    cursor = db.execute(
        f"SELECT * FROM tip WHERE {' AND '.join(where)} ORDER BY received_at DESC, id", params
    )
    names = [d[0] for d in cursor.description]
    return [tip_from(dict(zip(names, r, strict=True))) for r in cursor.fetchall()]


def concerned(db: Database, tip_id: str) -> list[tuple[str, str]]:
    """(person id, full name) of the people a tip concerns."""
    sql = """SELECT p.id, p.full_name FROM tip_person t JOIN person p ON p.id = t.person_id
             WHERE t.tip_id = ? AND t.deleted = 0 ORDER BY p.sort_key"""
    return [(r[0], r[1]) for r in db.execute(sql, [tip_id]).fetchall()]


def set_concerned(writer: Writer, tip_id: str, person_ids: tuple[str, ...]) -> None:
    """The tip concerns exactly these people: links no longer wanted become tombstones."""
    live = dict(
        writer.db.execute(
            "SELECT person_id, id FROM tip_person WHERE tip_id = ? AND deleted = 0", [tip_id]
        ).fetchall()
    )
    for person_id, link_id in live.items():
        if person_id not in person_ids:
            writer.tombstone("tip_person", link_id)
    for person_id in person_ids:
        if person_id not in live:
            writer.insert("tip_person", {"id": new_id(), "tip_id": tip_id, "person_id": person_id})
