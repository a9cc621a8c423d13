"""Bulk reads for printing: the households of a hamlet with their pledge, members, relatives."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from desktop.domain.entities import GENDER_LABELS, BirthDate, Gender
from desktop.domain.pledges import PledgeStatus, SheetMember, SheetRelative
from desktop.domain.unreadable import Reading

CHUNK = 500  # households per IN (...) query: under SQLite's bound-variable limit


@dataclass(frozen=True)
class SheetHousehold:
    household_id: str
    code: str
    address: str
    head_id: str | None
    hamlet_name: str
    hamlet_head: str
    pledge_id: str | None
    status: PledgeStatus
    signed_on: str | None
    signer_id: str | None


def sheet_households(
    db: Database,
    campaign_id: str,
    hamlet_id: str | None,
    unsigned_only: bool,
    household_id: str | None = None,
) -> list[SheetHousehold]:
    """Live households (of a hamlet, or all, or just one) in register order, with their
    pledge state."""
    where = ["h.deleted = 0"]
    params: list[str] = [campaign_id]
    if hamlet_id:
        where.append("h.hamlet_id = ?")
        params.append(hamlet_id)
    if household_id:
        where.append("h.id = ?")
        params.append(household_id)
    if unsigned_only:
        where.append("coalesce(p.status, 'chua_in') != 'da_ky'")
    rows = db.execute(
        f"""SELECT h.id, h.code, h.address, h.head_id, m.name, m.head_name,
                   p.id, coalesce(p.status, 'chua_in'), p.signed_on, p.signer_id
            FROM household h
            JOIN hamlet m ON m.id = h.hamlet_id
            LEFT JOIN pledge p ON p.household_id = h.id AND p.campaign_id = ?
                AND p.deleted = 0
            WHERE {" AND ".join(where)}
            ORDER BY m.sort_key, h.sort_key""",
        params,
    ).fetchall()
    return [
        SheetHousehold(hid, code, address, head, hamlet, hamlet_head, pid, _status(pid, st), on, by)
        for hid, code, address, head, hamlet, hamlet_head, pid, st, on, by in rows
    ]


def _status(pledge_id: str | None, stored: str) -> PledgeStatus:
    """A pledge's status; one CamKet cannot read, as not printed (domain.unreadable)."""
    return Reading("pledge", pledge_id).value(
        "status", stored, PledgeStatus, PledgeStatus.NOT_PRINTED
    )


def _gender_label(stored: str) -> str:
    return GENDER_LABELS[Gender(stored)]


def _birth_shown(stored: str) -> str:
    return BirthDate.from_iso(stored).display() if stored else ""


@dataclass(frozen=True)
class MemberRow:
    person_id: str
    member: SheetMember


def members_by_household(db: Database, household_ids: Sequence[str]) -> dict[str, list[MemberRow]]:
    found: dict[str, list[MemberRow]] = defaultdict(list)
    for chunk in _chunks(household_ids):
        for hid, pid, name, gender, birth, id_number, relationship in db.execute(
            "SELECT household_id, id, full_name, gender, birth, id_number, relationship"
            f" FROM person WHERE deleted = 0 AND household_id IN ({_marks(chunk)})"
            " ORDER BY household_id, position",
            chunk,
        ):
            # A value CamKet cannot read is printed as such (domain.unreadable).
            reading = Reading("person", pid)
            sex = reading.text("gender", gender, _gender_label)
            born = reading.text("birth", birth, _birth_shown)
            member = SheetMember(name, sex, born, id_number, relationship)
            found[hid].append(MemberRow(pid, member))
    return found


def relatives_by_household(
    db: Database, household_ids: Sequence[str]
) -> dict[str, list[SheetRelative]]:
    found: dict[str, list[SheetRelative]] = defaultdict(list)
    for chunk in _chunks(household_ids):
        for hid, name, relationship, country, since in db.execute(
            "SELECT household_id, full_name, relationship, country, since FROM relative_abroad"
            f" WHERE deleted = 0 AND household_id IN ({_marks(chunk)})"
            " ORDER BY household_id, full_name",
            chunk,
        ):
            found[hid].append(SheetRelative(name, relationship, country, since))
    return found


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    return [list(ids[i : i + CHUNK]) for i in range(0, len(ids), CHUNK)]


def _marks(chunk: Sequence[str]) -> str:
    return ", ".join("?" * len(chunk))
