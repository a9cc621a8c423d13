"""A register's every live household and person read at once, for matching a whole list."""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from typing import TYPE_CHECKING

from desktop.domain.entities import BirthDate, Gender, Household, Person, ResidenceKind

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
    for (
        household_id,
        full_name,
        gender,
        birth,
        id_number,
        ethnicity,
        relationship,
        residence,
        phone,
        occupation,
        notes,
        position,
        person_id,
    ) in db.execute(_PERSON_SQL):
        people.append(
            Person(
                household_id,
                full_name,
                _GENDERS.get(gender) or Gender(gender),
                _birth(birth) if birth else None,
                id_number,
                ethnicity,
                relationship,
                _RESIDENCES.get(residence) or ResidenceKind(residence),
                phone,
                occupation,
                notes,
                position,
                person_id,
            )
        )
    return people
