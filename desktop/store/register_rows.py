"""A register's every live household and person read at once, for matching a whole list."""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from desktop.domain.entities import BirthDate, Gender, Household, Person, ResidenceKind
from desktop.store.households import person_from

if TYPE_CHECKING:
    from sqlite_utils import Database

_HOUSEHOLD_SQL = (
    f"SELECT {', '.join(f.name for f in fields(Household))} FROM household WHERE deleted = 0"
)
_PERSON_SQL = (
    f"SELECT {', '.join(f.name for f in fields(Person))} FROM person WHERE deleted = 0"
    " ORDER BY position"
)
_GENDERS = {str(g): g for g in Gender}
_RESIDENCES = {str(r): r for r in ResidenceKind}
# A register's 40,000 people share a few thousand birth dates (frozen: one object each).
_birth = lru_cache(maxsize=1 << 15)(BirthDate.from_iso)


def live_households(db: Database) -> list[Household]:
    """Every household not deleted, as store.households.household_from makes each."""
    return [Household(*row) for row in db.execute(_HOUSEHOLD_SQL)]


def live_people(db: Database) -> list[Person]:
    """Every person not deleted, by position in their household, as
    store.households.person_from makes each (from the row's values, without a dict, an
    enum call or a date parsed per row: a re-import reads the whole register)."""
    people = []
    for values in db.execute(_PERSON_SQL):
        try:
            people.append(_person(values))
        except (ValueError, TypeError):  # a code or a birth CamKet cannot read
            people.append(person_from(dict(zip(_PERSON_NAMES, values, strict=True))))
    return people


# The columns of _PERSON_SQL, as person_from reads them.
_PERSON_NAMES = tuple(f.name for f in fields(Person))


_GENDER_AT, _BIRTH_AT, _RESIDENCE_AT = (
    _PERSON_NAMES.index(column) for column in ("gender", "birth", "residence")
)


def _person(values: tuple[Any, ...]) -> Person:
    """person_from of a row's values, read the quick way (ValueError for a value CamKet
    cannot read)."""
    row = list(values)
    gender, birth, residence = row[_GENDER_AT], row[_BIRTH_AT], row[_RESIDENCE_AT]
    row[_GENDER_AT] = _GENDERS.get(gender) or Gender(gender)
    row[_BIRTH_AT] = _birth(birth) if birth else None
    row[_RESIDENCE_AT] = _RESIDENCES.get(residence) or ResidenceKind(residence)
    return Person(*row)
