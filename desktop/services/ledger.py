"""The residency ledger's use cases: record and end movements, who is here now, what is due,
the tip log. Every write is one transaction through the register's Writer."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import BirthDate
from desktop.domain.errors import KnownError
from desktop.domain.legacy_text import refuse_legacy_font
from desktop.domain.meanwhile import edit_onto
from desktop.domain.movements import (
    GONE,
    Guest,
    Movement,
    MovementKind,
    Presence,
    ReminderReason,
    check_born,
    check_days,
    check_end,
    check_new,
    check_text_lengths,
    is_vietnamese,
    presence_of,
    staying_now,
)
from desktop.domain.text import normalize_text
from desktop.domain.tips import Tip, check_tip
from desktop.domain.unreadable import Reading, carried, unreadable
from desktop.domain.validation import classify_id_number, is_formula_like
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store import movements as store
from desktop.store import pledges as pledge_store
from desktop.store import tips as tip_store
from desktop.store.places import communes_held, several_communes, short_commune_name
from desktop.store.reminders import (
    Reminder,
    head_gone_reminders,
    movement_reminders,
    nobody_lives_reminders,
)


def find_person(db: Database, text: str) -> tuple[str, str]:
    """(person id, household id) of the live person with this personal ID number or row id;
    KnownError when there is none (or two people hold the number)."""
    wanted = text.strip()
    digits, _kind = classify_id_number(wanted)
    rows = db.execute(
        f"""SELECT p.id, p.household_id FROM person p
           JOIN household h ON h.id = p.household_id AND h.deleted = 0
           WHERE p.deleted = 0 AND (p.id = ? OR (p.commune_code IN {communes_held("person")}
                                                 AND p.id_number != '' AND p.id_number = ?))""",
        [wanted, digits or wanted],
    ).fetchall()
    if not rows:
        raise KnownError("movement.unknown_person", person=wanted)
    if len(rows) > 1:
        raise KnownError("movement.ambiguous_person", person=wanted, count=len(rows))
    return rows[0][0], rows[0][1]


def host_household(db: Database, code: str) -> str:
    if not code.strip():
        raise KnownError("movement.host_missing")
    household = repo.the_household_coded(db, code.strip())
    if household is None:
        raise KnownError("household.unknown_code", code=code)
    return household.id


def tidy_guest(guest: Guest) -> Guest:
    """NFC names; Vietnamese nationality written one way ('Việt Nam'), so reminders about
    foreign guests find the others."""
    nationality = normalize_text(guest.nationality)
    if nationality and is_vietnamese(nationality):
        nationality = "Việt Nam"
    return Guest(
        normalize_text(guest.full_name),
        guest.birth_year,
        normalize_text(guest.id_number).replace(" ", ""),
        nationality,
    )


def _tidy(movement: Movement, today: dt.date) -> Movement:
    """The movement in the register's spelling (NFC, one way of writing Việt Nam), checked
    for what needs no history: its days against today, a guest's birth year, text
    pasted in a legacy font (read as typed: TCVN3's ư is a soft hyphen, which tidying drops),
    a text longer than the ledger keeps."""
    check_text_lengths(movement)  # first: a pasted document is refused before it is read
    guest = movement.guest
    refuse_legacy_font(
        (
            *((guest.full_name, guest.nationality) if guest else ()),
            movement.place,
            movement.country,
            movement.gate,
            movement.reason,
            movement.notes,
            movement.border_permit,
        )
    )
    movement = carried(
        movement,
        replace(
            movement,
            place=normalize_text(movement.place),
            country=normalize_text(movement.country),
            gate=normalize_text(movement.gate),
            reason=normalize_text(movement.reason),
            notes=normalize_text(movement.notes),
            border_permit=normalize_text(movement.border_permit),
            guest=tidy_guest(movement.guest) if movement.guest else None,
        ),
        unreadable(movement),
    )
    if movement.guest is not None and is_formula_like(movement.guest.full_name):
        raise KnownError("movement.guest_formula_like", name=movement.guest.full_name)
    check_days(movement, today)
    year = movement.guest.birth_year if movement.guest else None
    if year is not None and not 1900 <= year <= today.year:
        raise KnownError("movement.bad_birth_year", year=year)
    return movement


def add_movement(reg: OpenRegister, movement: Movement, today: dt.date) -> Movement:
    """Check a new movement against the person's history and write it (KnownError when it is
    refused; nothing is written then)."""
    movement = _tidy(movement, today)
    with reg.db.atomic():
        past = store.history(reg.db, movement.person_id) if movement.person_id else []
        check_born(movement, _birth(reg.db, movement))
        check_new(movement, past)
        store.add_movement(reg.writer, movement)
    return movement


def edit_movement(
    reg: OpenRegister, movement: Movement, today: dt.date, read: Movement | None = None
) -> Movement:
    """Write a saved movement's corrected fields (same id) with the checks of a new one
    against the person's other movements; audited and synced like any edit. With ``read``
    (the movement as the form showed it), only what the person changed is written, onto
    the movement as it is now (KnownError ``movement.changed_elsewhere`` when a merge or
    another window changed the same field meanwhile). KnownError when it is refused or
    gone; nothing is written then."""
    movement = _tidy(movement, today)
    with reg.db.atomic():
        stored = store.get_movement(reg.db, movement.id)  # KnownError when there is none
        if read is not None:
            movement = edit_onto(
                _tidy_read(read, today), movement, stored, "movement.changed_elsewhere"
            )
        past = store.history(reg.db, movement.person_id) if movement.person_id else []
        check_born(movement, _birth(reg.db, movement))
        check_new(movement, past)
        store.update_movement(reg.writer, movement)
    return movement


def _tidy_read(read: Movement, today: dt.date) -> Movement:
    """The form's first reading in the register's spelling, as the edit is, so a field the
    clerk did not touch compares equal; as it was when a check refuses it (an old day)."""
    try:
        return _tidy(read, today)
    except KnownError:
        return read


def _birth(db: Database, movement: Movement) -> BirthDate | None:
    """When the movement's person (or guest) was born, as far as the register knows."""
    if movement.person_id is None:
        year = movement.guest.birth_year if movement.guest else None
        return BirthDate(year) if year else None
    row = db.execute("SELECT birth FROM person WHERE id = ?", [movement.person_id]).fetchone()
    if not row or not row[0]:
        return None
    return Reading("person", movement.person_id).value("birth", row[0], BirthDate.from_iso, None)


def edited(reg: OpenRegister, saved: Movement, changes: dict[str, Any]) -> Movement:
    """``saved`` with ``changes`` made (Movement fields, plus ``person`` (an ID number or
    person id), ``host`` (a household code) and the guest's ``guest_name``,
    ``guest_id_number``, ``guest_nationality``, ``guest_birth_year``): not checked or
    written yet (edit_movement does)."""
    changes = dict(changes)
    if "starts_on" in changes and changes["starts_on"] is None:
        raise KnownError("date.unparseable", text="")
    person_id, household_id, guest = saved.person_id, saved.household_id, saved.guest
    if "person" in changes:
        person_id, household_id = find_person(reg.db, changes.pop("person"))
        guest = None
    guest_fields = {k: changes.pop(k) for k in _GUEST_FIELDS if k in changes}
    if guest_fields:
        base = guest or Guest("")
        guest = Guest(
            guest_fields.get("guest_name", base.full_name),
            guest_fields.get("guest_birth_year", base.birth_year),
            guest_fields.get("guest_id_number", base.id_number),
            guest_fields.get("guest_nationality", base.nationality),
        )
        person_id = None if "guest_name" in guest_fields else person_id
    if "host" in changes:
        household_id = host_household(reg.db, changes.pop("host"))
    if person_id is not None:
        guest = None
    edited = replace(saved, person_id=person_id, household_id=household_id, guest=guest, **changes)
    # A day CamKet could not read that the clerk did not enter again stays (domain.unreadable).
    return carried(saved, edited, [c for c in unreadable(saved) if c not in changes])


_GUEST_FIELDS = ("guest_name", "guest_birth_year", "guest_id_number", "guest_nationality")


def end_movement(reg: OpenRegister, movement_id: str, ended_on: dt.date) -> Movement:
    """Record that a lasting movement ended (back from tạm vắng, a guest left…)."""
    with reg.db.atomic():
        movement = store.get_movement(reg.db, movement_id)
        check_end(movement, ended_on)
        movement.ended_on = ended_on
        store.update_movement(reg.writer, movement)
    return movement


def mark_handled(
    reg: OpenRegister, movement_id: str, on: dt.date, *, reported: bool = False
) -> Movement:
    """An arrival not through a gate handed to the Border Guard, or (``reported``) a foreign
    guest reported, on ``on``."""
    with reg.db.atomic():
        movement = store.get_movement(reg.db, movement_id)
        if on < movement.starts_on:
            raise KnownError(
                "movement.ends_before_start",
                until=on.strftime("%d/%m/%Y"),
                start=movement.starts_on.strftime("%d/%m/%Y"),
            )
        if reported:
            movement.reported_on = on
        else:
            movement.handed_over_on = on
        store.update_movement(reg.writer, movement)
    return movement


def presence(db: Database, person_ids: Iterable[str], today: dt.date) -> dict[str, Presence]:
    """Each person's presence on ``today``, from the ledger (no movement: present)."""
    ids = list(person_ids)
    found = store.steps(db, ids)
    return {pid: presence_of(found.get(pid, ()), today) for pid in ids}


def gone(db: Database, person_ids: Iterable[str], today: dt.date) -> set[str]:
    """Which of these people are dead or moved out on ``today``: kept in their household's
    history, not living members of it."""
    return {pid for pid, now in presence(db, person_ids, today).items() if now in GONE}


@dataclass(frozen=True)
class HereNow:
    """Who is here on a day: people of the register by presence, and guests staying."""

    people: int  # living members (neither dead nor moved out)
    by_presence: dict[Presence, int]
    guests: int  # lưu trú of people not in the register, staying today
    temporary: int  # tạm trú under way today

    def count(self, presence: Presence) -> int:
        return self.by_presence.get(presence, 0)


def here_now(db: Database, today: dt.date) -> HereNow:
    people = db.execute(
        """SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id
           WHERE p.deleted = 0 AND h.deleted = 0"""
    ).fetchone()[0]
    counts: Counter[Presence] = Counter(
        presence_of(moves, today) for moves in store.steps(db).values()
    )
    counts[Presence.PRESENT] = people - sum(
        n for p, n in counts.items() if p is not Presence.PRESENT
    )
    staying = [m for m in store.open_stays(db) if staying_now(m, today)]
    guests = sum(1 for m in staying if m.kind is MovementKind.LUU_TRU)
    living = people - sum(counts[p] for p in GONE)
    return HereNow(living, dict(counts), guests, len(staying) - guests)


def reminders(reg: OpenRegister, today: dt.date) -> list[Reminder]:
    """Everything due on ``today``: the ledger's reminders, the households where nobody
    lives any more and those whose head is gone, then the households that have not signed
    in the current campaign."""
    found = movement_reminders(reg.db, today)
    found += nobody_lives_reminders(reg.db, today)
    found += head_gone_reminders(reg.db, today)
    campaign = pledge_store.current_campaign(reg.db)
    if campaign is not None:
        upper = not reg.writer.edits_communes  # each commune's own campaign, as progress counts
        for household in pledge_store.unsigned_households(reg.db, campaign.id, each_commune=upper):
            found.append(
                Reminder(
                    ReminderReason.HO_CHUA_KY_CAM_KET,
                    campaign.ends_on or today,
                    None,
                    None,
                    household.head_name,
                    household.code,
                    commune_code=household.commune_code,
                )
            )
    if several_communes(reg.db):  # each household's code with its commune: NT-001 (Sìn Hồ)
        names = {code: short_commune_name(code, code) for code in {r.commune_code for r in found}}
        found = [replace(r, commune_name=names[r.commune_code]) for r in found]
    return found


def add_tip(reg: OpenRegister, tip: Tip, now: dt.datetime, person_ids: tuple[str, ...] = ()) -> Tip:
    tip = check_tip(tip, now)
    tip_store.add_tip(reg.writer, tip, person_ids)
    return tip


def update_tip(
    reg: OpenRegister,
    tip: Tip,
    now: dt.datetime,
    person_ids: tuple[str, ...] = (),
    read: tuple[Tip, tuple[str, ...]] | None = None,
) -> Tip:
    """What came of a tip (handed to whom and when, the outcome), and whom it concerns.
    With ``read`` (the tip and its people as the form showed them), only what the person
    changed is written, onto the tip as it is now: a merge's change to another field, or a
    person it linked, stays (KnownError ``tip.changed_elsewhere`` for the same field)."""
    tip = check_tip(tip, now)
    with reg.db.atomic():
        if read is not None:
            read_tip, read_people = read
            # In the register's spelling, as the edit is; as the form read it when an old
            # time no longer passes today's check.
            with contextlib.suppress(KnownError):
                read_tip = check_tip(read_tip, now)
            stored = tip_store.get_tip(reg.db, tip.id)  # KnownError when it is gone
            tip = edit_onto(read_tip, tip, stored, "tip.changed_elsewhere")
            linked = {p for p, _name in tip_store.concerned(reg.db, tip.id)}
            linked |= set(person_ids) - set(read_people)
            linked -= set(read_people) - set(person_ids)
            person_ids = tuple(sorted(linked))
        tip_store.update_tip(reg.writer, tip)
        tip_store.set_concerned(reg.writer, tip.id, person_ids)
    return tip
