"""The register's entities (DESIGN §3): commune, hamlet, household, person, relative abroad.

Entities are plain values. The store adds the sync columns (created_at, updated_at,
updated_by, rev, deleted) around them; ids are UUID text made where the row is born.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.domain.commune import Commune
from desktop.domain.errors import KnownError
from desktop.domain.row_ids import commune_id, new_id, new_ids, random_id, short_id, stable_id

# Re-exported: most of the domain and store take ids and the Commune from here; a
# register's start takes them from domain.row_ids and domain.commune, without the
# dataclasses below.
__all__ = [
    "DEPARTURE_LABELS",
    "FIRST_YEAR",
    "GENDER_LABELS",
    "LAST_YEAR",
    "RESIDENCE_LABELS",
    "BirthDate",
    "CleanPerson",
    "Commune",
    "DepartureStatus",
    "Gender",
    "Hamlet",
    "HamletKind",
    "Household",
    "Person",
    "RelativeAbroad",
    "ResidenceKind",
    "calendar_day",
    "commune_id",
    "new_id",
    "new_ids",
    "random_id",
    "short_id",
    "stable_id",
]


class Gender(StrEnum):
    MALE = "nam"
    FEMALE = "nu"


class HamletKind(StrEnum):
    THON = "thon"
    BAN = "ban"
    AP = "ap"
    KHU_PHO = "khu_pho"
    TO_DAN_PHO = "to_dan_pho"


class ResidenceKind(StrEnum):
    PERMANENT = "thuong_tru"
    TEMPORARY = "tam_tru"


class DepartureStatus(StrEnum):
    LEGAL = "hop_phap"
    ILLEGAL = "bat_hop_phap"
    UNKNOWN = "chua_ro"


# How these values read in Vietnamese outside the window (printed sheets, spreadsheets); the
# window translates its own with tr().
GENDER_LABELS: dict[Gender, str] = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}
RESIDENCE_LABELS: dict[ResidenceKind, str] = {
    ResidenceKind.PERMANENT: "Thường trú",
    ResidenceKind.TEMPORARY: "Tạm trú",
}
DEPARTURE_LABELS: dict[DepartureStatus, str] = {
    DepartureStatus.LEGAL: "Hợp pháp",
    DepartureStatus.ILLEGAL: "Bất hợp pháp",
    DepartureStatus.UNKNOWN: "Chưa rõ",
}


# The years a day typed into the register may have (a movement, a signature, a tip, a
# campaign, a relative's departure): 0001 or 9999 is a typing mistake, never a date to keep.
FIRST_YEAR = 1900
LAST_YEAR = 2100


def calendar_day(year: int, month: int, day: int, text: str) -> dt.date:
    """The day ``text`` was read as; KnownError when there is no such day (31/02) or its
    year is outside FIRST_YEAR–LAST_YEAR."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise KnownError("date.out_of_range", text=text, first=FIRST_YEAR, last=LAST_YEAR)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise KnownError("date.invalid", text=text) from exc


@dataclass(frozen=True, order=True)
class BirthDate:
    """A birth date known to the day, to the month ("05/2001") or only the year: old
    records often have no more."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day goes with a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError("month out of range")
        if self.month is not None and self.day is not None:
            dt.date(self.year, self.month, self.day)  # raises ValueError on 31/02
        elif not 1 <= self.year <= 9999:
            raise ValueError("year out of range")

    @property
    def year_only(self) -> bool:
        return self.month is None

    def as_date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def iso(self) -> str:
        """'1990-05-01', '1990-05' or '1990': how the store keeps it."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """'01/05/1990', '05/1990' or '1990': how a Vietnamese clerk reads it."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"

    @classmethod
    def from_iso(cls, text: str) -> BirthDate:
        if len(text) == 4:
            return cls(int(text))
        if len(text) == 7:
            return cls(int(text[:4]), int(text[5:7]))
        d = dt.date.fromisoformat(text)
        return cls(d.year, d.month, d.day)


@dataclass
class Hamlet:
    name: str
    kind: HamletKind = HamletKind.THON
    head_name: str = ""
    is_border: bool = True
    id: str = field(default_factory=new_id)


@dataclass
class Household:
    hamlet_id: str
    code: str
    address: str = ""
    phone: str = ""
    head_id: str | None = None
    notes: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Person:
    household_id: str
    full_name: str
    gender: Gender | None  # None: a stored code CamKet cannot read (domain.unreadable)
    birth: BirthDate | None = None
    id_number: str = ""
    ethnicity: str = "Kinh"
    relationship: str = ""
    residence: ResidenceKind = ResidenceKind.PERMANENT
    phone: str = ""
    occupation: str = ""
    notes: str = ""
    position: int = 0
    id: str = field(default_factory=new_id)


@dataclass
class CleanPerson(Person):
    """A Person whose text is in the form the store keeps (domain.text.normalize_text, the
    notes too), as an import reads each cell once: the store
    writes it without normalising every field again. dataclasses.replace keeps the type,
    so only household_id and position may be replaced on one."""


@dataclass
class RelativeAbroad:
    household_id: str
    full_name: str
    relationship: str = ""
    country: str = ""
    since: str = ""
    departure: DepartureStatus = DepartureStatus.UNKNOWN
    contact: str = ""
    plans_to_return: str = ""
    id: str = field(default_factory=new_id)
