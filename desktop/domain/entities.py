"""The register's entities (DESIGN §3): commune, hamlet, household, person, relative abroad.

Entities are plain values. The store adds the sync columns (created_at, updated_at,
updated_by, rev, deleted) around them; ids are UUID text made where the row is born.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.domain.errors import KnownError

if TYPE_CHECKING:
    import uuid


def new_id() -> str:
    """A fresh row id: UUID version 7 text (RFC 9562), unique across every installation
    that may merge (62 random bits) and time-ordered: the Unix time in milliseconds, then a
    counter that keeps ids made in the same millisecond by this process ascending. A row
    made later sorts after the rows made before it, so the id indexes of a register and of
    a register its bundles are merged into grow at their end instead of at random pages.
    Registers made before keep their random version 4 ids; both are plain UUID text.
    Python's uuid module makes version 7 only from 3.14: written here, without a UUID
    object (a third of the time, which shows in an import's new people)."""
    now = time.time_ns() // 1_000_000
    with _clock_lock:
        last, counter = _clock
        if now > last:
            last, counter = now, 0
        elif counter < 0xFFF:
            counter += 1
        else:  # 4,096 ids in one millisecond: the next ones borrow the next millisecond
            last, counter = last + 1, 0
        _clock[:] = last, counter
    stamp, h = f"{last:012x}", os.urandom(8).hex()  # 62 of these 64 random bits kept
    return f"{stamp[:8]}-{stamp[8:]}-7{counter:03x}-{_VARIANT[int(h[0], 16) & 3]}{h[1:4]}-{h[4:]}"


def new_ids(count: int) -> list[str]:
    """``count`` fresh row ids, each as new_id makes it, in ascending order: a bulk load's
    (an import's 41,252 people) with one reading of the clock and of the random source
    instead of one each (two thirds of their time)."""
    now = time.time_ns() // 1_000_000
    random_hex = os.urandom(8 * count).hex()
    ids: list[str] = []
    with _clock_lock:
        last, counter = _clock
        if now > last:
            last, counter = now, -1
        while len(ids) < count:
            if counter >= 0xFFF:  # as new_id: past 4,096 in one millisecond, borrow the next
                last, counter = last + 1, -1
            stamp = f"{last:012x}"
            head = f"{stamp[:8]}-{stamp[8:]}-7"
            taken = min(count - len(ids), 0xFFF - counter)
            at = 16 * len(ids)
            ids += [
                f"{head}{_COUNTER_HEX[counter + n]}-{_VARIANT_OF[random_hex[i]]}"
                f"{random_hex[i + 1 : i + 4]}-{random_hex[i + 4 : i + 16]}"
                for n, i in enumerate(range(at, at + 16 * taken, 16), start=1)
            ]
            counter += taken
        _clock[:] = last, counter
    return ids


_HEX = "0123456789abcdef"
_VARIANT = "89ab"  # RFC 9562: the variant's two high bits are 10
_VARIANT_OF = {digit: _VARIANT[int(digit, 16) & 3] for digit in _HEX}
# A counter's three hex digits by its value, in order: joined from the digits (the same
# strings as f"{counter:03x}", made in a third of the instructions: 4 M of a window's start).
_COUNTER_HEX = [high + middle + low for high in _HEX for middle in _HEX for low in _HEX]
_clock_lock = threading.Lock()
_clock = [0, 0]  # the millisecond and the counter of this process's last id


def random_id() -> str:
    """UUID version 4 text, random throughout: for what is told apart by the start of its
    id (an installation, a register file: `máy 3c47a1e0`), which a row id's time would
    make alike for all made in the same minute."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def short_id(row_id: str) -> str:
    """A row's id shortened for a message: its last 8 characters (random in every kind of
    id; a time-ordered id begins alike for the rows made in the same minute)."""
    return f"…{row_id[-8:]}"


# Rows that every installation must make alike (a commune, a bundled template, a pledge of
# a household in a campaign) get ids derived from what they are: made on two PCs, they are
# the same row when the PCs' bundles meet, not two rows that clash.
_STABLE_NAMESPACE = "87d62f00-2c4b-5e79-8613-8df72afd6b77"


@functools.cache
def _stable_namespace() -> uuid.UUID:
    import uuid  # not for a window's start, which makes no row (uuid: ~1 % of a bare window's)

    return uuid.UUID(_STABLE_NAMESPACE)


def stable_id(*parts: str) -> str:
    """The same UUID (version 5) for the same parts, on every installation."""
    import uuid

    return str(uuid.uuid5(_stable_namespace(), "\x1f".join(parts)))


def commune_id(code: str) -> str:
    return stable_id("commune", code)


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
class Commune:
    """A commune and its settings: the one of a commune register, or each commune an
    upper-level register merged."""

    code: str
    name: str
    province_code: str
    province_name: str
    clerk_name: str = ""
    border_post: str = ""
    border_officer: str = ""

    @property
    def id(self) -> str:
        return commune_id(self.code)


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
    gender: Gender
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
