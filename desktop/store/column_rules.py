"""What a synced column may hold beyond its SQL type: the codes of a coded column, the shape
and years of a date, the length of the ledger's free text. A bundle's rows are held to it before any
is written (row_decoder.RowDecoder), so a value this program could not read back (another
program's bundle, a newer code) or would not keep (a 10 MB note) never gets into the
register to break a list, a check or a printed sheet later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop.domain.entities import (
    FIRST_YEAR,
    LAST_YEAR,
    BirthDate,
    DepartureStatus,
    Gender,
    HamletKind,
    ResidenceKind,
)
from desktop.domain.errors import KnownError
from desktop.domain.movements import MovementKind
from desktop.domain.pledges import AttachmentKind, PledgeStatus
from desktop.domain.text_bounds import (
    HAMLET_TEXT,
    HOUSEHOLD_TEXT,
    ID_NUMBER_TEXT,
    MOVEMENT_TEXT,
    PERSON_TEXT,
    PHONE_TEXT,
    RELATIVE_TEXT,
    TIP_TEXT,
    TextField,
)

Rule = Callable[[str], bool]


def _codes(*enums: type[object]) -> Rule:
    allowed = frozenset(str(member) for enum in enums for member in enum)  # type: ignore[attr-defined]
    return allowed.__contains__


def _in_years(parse: Callable[[str], dt.date | BirthDate]) -> Rule:
    """A value ``parse`` reads whose year is one the window and the command line take
    (FIRST_YEAR–LAST_YEAR: 0001 or 9999 is a typing mistake or another program's filler)."""

    def ok(text: str) -> bool:
        try:
            return FIRST_YEAR <= parse(text).year <= LAST_YEAR
        except ValueError:
            return False

    return ok


_DAY = _in_years(dt.date.fromisoformat)
_MOMENT = _in_years(dt.datetime.fromisoformat)
_BIRTH = _in_years(BirthDate.from_iso)


def _birth(text: str) -> bool:
    """'1975', '1975-05' or '1975-05-01' (BirthDate.iso): a real month and day, a year
    FIRST_YEAR–LAST_YEAR."""
    if len(text) == 10:  # a whole date (most births): what BirthDate.from_iso takes as one
        return _DAY(text)
    return _BIRTH(text)


# (table, column) → what its non-empty values must satisfy.
RULES: dict[tuple[str, str], Rule] = {
    ("hamlet", "kind"): _codes(HamletKind),
    ("person", "gender"): _codes(Gender),
    ("person", "birth"): _birth,
    ("person", "residence"): _codes(ResidenceKind),
    ("relative_abroad", "departure"): _codes(DepartureStatus),
    ("campaign", "starts_on"): _DAY,
    ("campaign", "ends_on"): _DAY,
    ("pledge", "status"): _codes(PledgeStatus),
    ("pledge", "signed_on"): _DAY,
    ("attachment", "kind"): _codes(AttachmentKind),
    ("movement", "kind"): _codes(MovementKind),
    ("movement", "starts_on"): _DAY,
    ("movement", "until"): _DAY,
    ("movement", "ended_on"): _DAY,
    ("movement", "handed_over_on"): _DAY,
    ("movement", "reported_on"): _DAY,
    ("tip", "received_at"): _MOMENT,
    ("tip", "handed_at"): _MOMENT,
}

# (table, column) → the bound of its free text, as the window and the command line keep it:
# a bundle's 10 MB note is refused, not carried into every register it reaches.
TEXT_BOUNDS: dict[tuple[str, str], TextField] = {
    (table, column): bound
    for table, bounds in (
        ("hamlet", HAMLET_TEXT),
        ("household", {**HOUSEHOLD_TEXT, "phone": PHONE_TEXT}),
        ("person", {**PERSON_TEXT, "phone": PHONE_TEXT, "id_number": ID_NUMBER_TEXT}),
        ("relative_abroad", RELATIVE_TEXT),
        ("movement", MOVEMENT_TEXT),
        ("tip", {**TIP_TEXT, "informant_phone": PHONE_TEXT}),
    )
    for column, bound in bounds.items()
}


class AtMost:
    """The rule of a bounded text: at most ``maximum`` characters (a row decoder checks it
    inline, without a call)."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum

    def __call__(self, text: str) -> bool:
        return len(text) <= self.maximum


RULES.update({key: AtMost(bound.maximum) for key, bound in TEXT_BOUNDS.items()})

# (table, column) → how its value is read as a day, for a refusal that names the years taken.
DATED: dict[tuple[str, str], Callable[[str], dt.date | BirthDate]] = {
    key: dt.datetime.fromisoformat if rule is _MOMENT else dt.date.fromisoformat
    for key, rule in RULES.items()
    if rule is _DAY or rule is _MOMENT
} | {("person", "birth"): BirthDate.from_iso}


def column_rules(table: str, columns: tuple[str, ...]) -> list[tuple[int, Rule, str]]:
    """(index in ``columns``, rule, column) for each column of ``table`` that has a rule."""
    return [(i, RULES[table, c], c) for i, c in enumerate(columns) if (table, c) in RULES]


def refusal(table: str, column: str, value: str, where: str) -> KnownError:
    """The refusal of a bundle's ``value`` that breaks the rule of ``table``'s ``column``,
    ``where`` naming the file and line: a text too long says so (naming the field as the
    window does), any other value is quoted."""
    bound = TEXT_BOUNDS.get((table, column))
    if bound is not None:
        return KnownError(
            "bundle.text_too_long",
            where=where,
            column=column,
            field=bound.label,
            length=len(value),
            maximum=bound.maximum,
        )
    if _readable(DATED.get((table, column)), value):
        return KnownError(
            "bundle.date_out_of_range",
            where=where,
            column=column,
            value=value[:40],
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    return KnownError("bundle.bad_value", where=where, column=column, value=value[:40])


def _readable(parse: Callable[[str], object] | None, text: str) -> bool:
    if parse is None:
        return False
    try:
        parse(text)
    except ValueError:
        return False
    return True


def broken_rule(table: str, columns: tuple[str, ...], values: tuple[object, ...]) -> str | None:
    """The first column of a row of ``table`` whose value breaks its rule, or None."""
    for index, rule, name in column_rules(table, columns):
        value = values[index]
        if isinstance(value, str) and value and not rule(value):
            return name
    return None
