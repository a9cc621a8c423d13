"""Repositories for the commune's settings, hamlets, households, people and relatives abroad."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from desktop.domain.entities import (
    BirthDate,
    CleanPerson,
    Commune,
    DepartureStatus,
    Gender,
    Hamlet,
    HamletKind,
    Household,
    Person,
    RelativeAbroad,
    ResidenceKind,
)
from desktop.domain.errors import KnownError
from desktop.domain.text import normalize_text, remembered_fold, text_sort_string
from desktop.domain.text_bounds import COMMUNE_TEXT, refuse_long_text
from desktop.domain.unreadable import Reading, kept
from desktop.store.communes import commune_from as commune_from  # re-exported
from desktop.store.communes import dict_rows
from desktop.store.communes import get_commune as get_commune  # re-exported
from desktop.store.communes import list_communes as list_communes  # re-exported
from desktop.store.derived import (
    Deriver,
    digits,
    household_derived,
    name_parts,
    person_derived,
)
from desktop.store.sync import Writer

if TYPE_CHECKING:
    from sqlite_utils import Database

# Columns that are free text: normalised (NFC, trimmed, single spaces) before every write.
_TEXT_FIELDS = frozenset(
    {
        "name",
        "head_name",
        "code",
        "address",
        "phone",
        "notes",
        "full_name",
        "id_number",
        "ethnicity",
        "relationship",
        "occupation",
        "country",
        "since",
        "contact",
        "plans_to_return",
        "clerk_name",
        "border_post",
        "border_officer",
        "province_name",
    }
)


def _clean_fields(entity: Any) -> dict[str, Any]:
    """An entity's fields, shallow (dataclasses.asdict deep-copies and cost 16 µs of the
    40 µs a person row took, which showed in bulk loads of 200,000 people), its free text
    normalised."""
    names = _FIELD_NAMES.get(type(entity))
    if names is None:  # dataclasses.fields() per row was a tenth of a person row's cost
        names = _FIELD_NAMES[type(entity)] = tuple(
            (f.name, f.name in _TEXT_FIELDS) for f in fields(entity)
        )
    return {
        name: _normalized(getattr(entity, name)) if text else getattr(entity, name)
        for name, text in names
    }


_FIELD_NAMES: dict[type, tuple[tuple[str, bool], ...]] = {}
_PERSON_FIELDS = tuple(f.name for f in fields(Person))
_person_values = attrgetter(*_PERSON_FIELDS)


# A bulk load repeats most values (ethnicity, relationship, occupation, hamlet, empty
# notes): each distinct text is normalised once, not once per row.
_normalized = lru_cache(maxsize=65_536)(normalize_text)
# Sort keys and search text, each distinct name keyed and folded once (an import's or a
# demo's people share far fewer names than rows).
_derive_household = Deriver("household", ("code", "phone", "address"))


# --- rows <-> entities ------------------------------------------------------------------


def commune_row(commune: Commune) -> dict[str, Any]:
    """The commune's row; KnownError when a name typed for it is over its bound."""
    row = _clean_fields(commune)
    refuse_long_text(COMMUNE_TEXT, {column: row[column] for column in COMMUNE_TEXT})
    row["id"] = commune.id
    return row


def hamlet_row(hamlet: Hamlet) -> dict[str, Any]:
    row = _clean_fields(hamlet)
    kind = kept(hamlet, "kind", str(hamlet.kind))
    row.update(kind=kind, is_border=int(hamlet.is_border))
    row["sort_key"] = text_sort_string(row["name"])
    return row


def household_row(household: Household) -> dict[str, Any]:
    row = _clean_fields(household)
    row["sort_key"], row["search_text"] = _derive_household(
        (row["code"], row["phone"], row["address"])
    )
    return row


def person_row(person: Person, household_code: str) -> dict[str, Any]:
    if type(person) is CleanPerson:  # an imported person: its text as the import read it
        row = dict(zip(_PERSON_FIELDS, _person_values(person), strict=True))
    else:
        row = _clean_fields(person)
    row.update(
        gender=kept(person, "gender", person.gender and str(person.gender)),
        residence=kept(person, "residence", str(person.residence)),
        birth=kept(person, "birth", person.birth.iso() if person.birth else None),
    )
    row["sort_key"], row["search_text"] = person_derived(
        row["full_name"], row["id_number"], row["phone"], household_code
    )
    return row


# The stored columns of a new person and household but the sync ones, in the order of
# people_values and household_values: a bulk load's rows as tuples, not dicts.
PERSON_COLUMNS = (*_PERSON_FIELDS, "sort_key", "search_text")
HOUSEHOLD_COLUMNS = (*(f.name for f in fields(Household)), "sort_key", "search_text")


def people_values(
    people: Iterable[Person],
    household_code: str,
    tail: tuple[Any, ...] = (),
    births: dict[int, str] | None = None,
) -> list[tuple[Any, ...]]:
    """person_row's values of a household's people, each in PERSON_COLUMNS order, then
    ``tail`` (a bulk load's sync columns); imported people's made without a dict (a fifth
    of an import's CPU), in one loop: their household's code folded once, each name's sort
    key and fold looked up once (person_derived's values, without its calls a person).
    ``births``: the births written so far, by the identity of their BirthDate, for a bulk
    load whose people share them (an import reads each distinct birth cell once: 18,000
    births for 41,000 people) and keeps them all alive meanwhile."""
    if births is None:
        births = {}
    folded_code = remembered_fold(household_code)
    values = []
    for person in people:
        if type(person) is not CleanPerson:
            row = person_row(person, household_code)
            values.append((*(row[c] for c in PERSON_COLUMNS), *tail))
            continue
        full_name, id_number, phone, birth = (
            person.full_name,
            person.id_number,
            person.phone,
            person.birth,
        )
        if birth is None:
            written = None
        elif (written := births.get(id(birth))) is None:
            written = births[id(birth)] = birth.iso()
        key, folded = name_parts(full_name)
        # digits() of an ID and a phone already all digits (most) is the text itself.
        number = digits(id_number) if id_number and not id_number.isdigit() else id_number
        phone_digits = digits(phone) if phone and not phone.isdigit() else phone
        search = " ".join(filter(None, (folded, number, phone_digits, folded_code)))
        values.append(
            (
                person.household_id,
                full_name,
                str(person.gender),
                written,
                id_number,
                person.ethnicity,
                person.relationship,
                str(person.residence),
                phone,
                person.occupation,
                person.notes,
                person.position,
                person.id,
                key,
                search,
                *tail,
            )
        )
    return values


def household_values(household: Household, tail: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    """household_row's values in HOUSEHOLD_COLUMNS order, then ``tail``; made without a
    dict (an import's 10,000 new households)."""
    code, address, phone = (
        _normalized(household.code),
        _normalized(household.address),
        _normalized(household.phone),
    )
    return (
        household.hamlet_id,
        code,
        address,
        phone,
        household.head_id,
        _normalized(household.notes),
        household.id,
        *household_derived(code, phone, address),
        *tail,
    )


def relative_row(relative: RelativeAbroad) -> dict[str, Any]:
    row = _clean_fields(relative)
    row["departure"] = kept(relative, "departure", str(relative.departure))
    return row


def hamlet_from(row: dict[str, Any]) -> Hamlet:
    """The hamlet; a kind CamKet cannot read is read as a thôn (domain.unreadable)."""
    reading = Reading("hamlet", row["id"])
    return reading.marked(_hamlet(row, reading))


def _hamlet(row: dict[str, Any], reading: Reading) -> Hamlet:
    return Hamlet(
        name=row["name"],
        kind=reading.value("kind", row["kind"], HamletKind, HamletKind.THON),
        head_name=row["head_name"],
        is_border=bool(row["is_border"]),
        id=row["id"],
    )


def household_from(row: dict[str, Any]) -> Household:
    return Household(
        hamlet_id=row["hamlet_id"],
        code=row["code"],
        address=row["address"],
        phone=row["phone"],
        head_id=row["head_id"],
        notes=row["notes"],
        id=row["id"],
    )


def _birth(stored: str) -> BirthDate | None:
    return BirthDate.from_iso(stored) if stored else None


def person_from(row: dict[str, Any]) -> Person:
    """The person; a gender or a birth CamKet cannot read is read as none, a residence as
    thường trú (domain.unreadable)."""
    reading = Reading("person", row["id"])
    return reading.marked(
        Person(
            household_id=row["household_id"],
            full_name=row["full_name"],
            gender=reading.value("gender", row["gender"], Gender, None),
            birth=reading.value("birth", row["birth"], _birth, None),
            id_number=row["id_number"],
            ethnicity=row["ethnicity"],
            relationship=row["relationship"],
            residence=reading.value(
                "residence", row["residence"], ResidenceKind, ResidenceKind.PERMANENT
            ),
            phone=row["phone"],
            occupation=row["occupation"],
            notes=row["notes"],
            position=row["position"],
            id=row["id"],
        )
    )


def relative_from(row: dict[str, Any]) -> RelativeAbroad:
    """The relative; a departure CamKet cannot read is read as chưa rõ (domain.unreadable)."""
    reading = Reading("relative_abroad", row["id"])
    return reading.marked(_relative(row, reading))


def _relative(row: dict[str, Any], reading: Reading) -> RelativeAbroad:
    return RelativeAbroad(
        household_id=row["household_id"],
        full_name=row["full_name"],
        relationship=row["relationship"],
        country=row["country"],
        since=row["since"],
        departure=reading.value(
            "departure", row["departure"], DepartureStatus, DepartureStatus.UNKNOWN
        ),
        contact=row["contact"],
        plans_to_return=row["plans_to_return"],
        id=row["id"],
    )


# --- reads --------------------------------------------------------------------------------


def list_hamlets(db: Database) -> list[Hamlet]:
    return [
        hamlet_from(r)
        for r in dict_rows(db, "SELECT * FROM hamlet WHERE deleted = 0 ORDER BY sort_key")
    ]


def get_household(db: Database, household_id: str) -> Household:
    rows = dict_rows(db, "SELECT * FROM household WHERE id = ? AND deleted = 0", [household_id])
    if not rows:
        raise KnownError("household.missing", id=household_id)
    return household_from(rows[0])


def find_household_by_code(db: Database, code: str) -> Household | None:
    rows = dict_rows(
        db, "SELECT * FROM household WHERE code = ? AND deleted = 0", [normalize_text(code)]
    )
    return household_from(rows[0]) if rows else None


def the_household_coded(db: Database, code: str) -> Household | None:
    """The live household with this code, for a command that names it; KnownError when two
    PCs gave it to two households (a code clash, until one is renamed): picking one of
    them would sign, print or host for a household no one chose."""
    rows = dict_rows(
        db, "SELECT * FROM household WHERE code = ? AND deleted = 0", [normalize_text(code)]
    )
    if len(rows) > 1:
        raise KnownError("household.code_shared", code=normalize_text(code), count=len(rows))
    return household_from(rows[0]) if rows else None


def members(db: Database, household_id: str) -> list[Person]:
    return [
        person_from(r)
        for r in dict_rows(
            db,
            "SELECT * FROM person WHERE household_id = ? AND deleted = 0 ORDER BY position",
            [household_id],
        )
    ]


def relatives_abroad(db: Database, household_id: str) -> list[RelativeAbroad]:
    return [
        relative_from(r)
        for r in dict_rows(
            db,
            "SELECT * FROM relative_abroad WHERE household_id = ? AND deleted = 0"
            " ORDER BY full_name",
            [household_id],
        )
    ]


# --- writes -------------------------------------------------------------------------------


def save_commune(writer: Writer, commune: Commune, *, made_alike: bool = False) -> None:
    """Store the commune's settings; at set-up (``made_alike``) as every PC that sets the
    same commune up the same way does."""
    row = commune_row(commune)
    if writer.db.execute("SELECT 1 FROM commune WHERE id = ?", [row["id"]]).fetchone():
        writer.update("commune", row["id"], row)
    else:
        writer.insert("commune", row, made_alike=made_alike)


def add_hamlet(writer: Writer, hamlet: Hamlet) -> None:
    writer.insert("hamlet", hamlet_row(hamlet))


def add_household(writer: Writer, household: Household, people: Iterable[Person] = ()) -> None:
    """A household with its members in one transaction; the first member heads it by default."""
    people = list(people)
    if household.head_id is None and people:
        household.head_id = people[0].id
    with writer.db.atomic():
        if find_household_by_code(writer.db, household.code) is not None:
            raise KnownError("household.code_taken", code=household.code)
        writer.insert("household", household_row(household))
        for position, person in enumerate(people):
            person.household_id = household.id
            person.position = position
            writer.insert("person", person_row(person, household.code))


def update_household(writer: Writer, household: Household) -> bool:
    row = household_row(household)
    with writer.db.atomic():
        changed = writer.update("household", household.id, row)
        if changed:
            # Members carry the household code in their search text.
            for person in members(writer.db, household.id):
                writer.update(
                    "person",
                    person.id,
                    {"search_text": person_row(person, household.code)["search_text"]},
                )
    return changed


def update_person(writer: Writer, person: Person) -> bool:
    code = get_household(writer.db, person.household_id).code
    return writer.update("person", person.id, person_row(person, code))


def add_relative_abroad(writer: Writer, relative: RelativeAbroad) -> None:
    writer.insert("relative_abroad", relative_row(relative))


def add_person(writer: Writer, person: Person, household_code: str) -> None:
    writer.insert("person", person_row(person, household_code))


def update_relative(writer: Writer, relative: RelativeAbroad) -> bool:
    return writer.update("relative_abroad", relative.id, relative_row(relative))


@dataclass(frozen=True)
class DeletedHousehold:
    """What one delete tombstoned, so that exactly that can be restored (undo)."""

    household_id: str
    code: str
    person_ids: tuple[str, ...]
    relative_ids: tuple[str, ...]


def delete_household(writer: Writer, household_id: str) -> DeletedHousehold:
    """Tombstone the household, its members and its relatives abroad; the rows stay for sync."""
    with writer.db.atomic():
        household = get_household(writer.db, household_id)
        people = tuple(p.id for p in members(writer.db, household_id))
        relatives = tuple(r.id for r in relatives_abroad(writer.db, household_id))
        for person_id in people:
            writer.tombstone("person", person_id)
        for relative_id in relatives:
            writer.tombstone("relative_abroad", relative_id)
        writer.tombstone("household", household_id)
    return DeletedHousehold(household_id, household.code, people, relatives)


def restore_household(writer: Writer, deleted: DeletedHousehold) -> None:
    """Bring back what delete_household tombstoned; refused when the code was reused since."""
    with writer.db.atomic():
        if find_household_by_code(writer.db, deleted.code) is not None:
            raise KnownError("household.code_taken", code=deleted.code)
        writer.restore("household", deleted.household_id)
        for person_id in deleted.person_ids:
            writer.restore("person", person_id)
        for relative_id in deleted.relative_ids:
            writer.restore("relative_abroad", relative_id)


def move_person(writer: Writer, person_id: str, household_id: str) -> bool:
    """Move a live person to the end of another live household (audited as a change of
    household_id). A head who leaves is replaced by the first remaining member."""
    with writer.db.atomic():
        rows = dict_rows(
            writer.db, "SELECT * FROM person WHERE id = ? AND deleted = 0", [person_id]
        )
        if not rows:
            raise KnownError("row.missing", table="person", id=person_id)
        person = person_from(rows[0])
        if person.household_id == household_id:
            return False
        source = get_household(writer.db, person.household_id)
        target = get_household(writer.db, household_id)
        last = writer.db.execute(
            "SELECT max(position) FROM person WHERE household_id = ? AND deleted = 0",
            [household_id],
        ).fetchone()[0]
        person.household_id = household_id
        person.position = 0 if last is None else last + 1
        writer.update("person", person_id, person_row(person, target.code))
        if source.head_id == person_id:
            remaining = members(writer.db, source.id)
            writer.update(
                "household", source.id, {"head_id": remaining[0].id if remaining else None}
            )
    return True
