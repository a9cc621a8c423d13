"""What a synced column may hold beyond its SQL type: the codes of a coded column, the shape
of a date, the length of the ledger's free text. A bundle's rows are held to it before any
is written (row_decoder.RowDecoder), so a value this program could not read back (another
program's bundle, a newer code) or would not keep (a 10 MB note) never gets into the
register to break a list, a check or a printed sheet later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop.domain.entities import (
    BirthDate,
    DepartureStatus,
    Gender,
    HamletKind,
    ResidenceKind,
)
from desktop.domain.errors import KnownError
from desktop.domain.movements import MovementKind
from desktop.domain.pledges import AttachmentKind, PledgeStatus
from desktop.domain.text_bounds import MOVEMENT_TEXT, TIP_TEXT, TextField

Rule = Callable[[str], bool]


def _codes(*enums: type[object]) -> Rule:
    allowed = frozenset(str(member) for enum in enums for member in enum)  # type: ignore[attr-defined]
    return allowed.__contains__


def _parses(parse: Callable[[str], object]) -> Rule:
    def ok(text: str) -> bool:
        try:
            parse(text)
        except ValueError:
            return False
        return True

    return ok


def _birth(text: str) -> bool:
    """'1975', '1975-05' or '1975-05-01' (BirthDate.iso), a real month and day."""
    if len(text) == 10:  # a whole date (most births): what BirthDate.from_iso takes as one
        return _DAY(text)
    try:
        birth = BirthDate.from_iso(text)
    except ValueError:
        return False
    return birth.month is None or 1 <= birth.month <= 12


_DAY = _parses(dt.date.fromisoformat)
_MOMENT = _parses(dt.datetime.fromisoformat)

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
    **{("movement", column): bound for column, bound in MOVEMENT_TEXT.items()},
    **{("tip", column): bound for column, bound in TIP_TEXT.items()},
}


def _at_most(maximum: int) -> Rule:
    return lambda text: len(text) <= maximum


RULES.update({key: _at_most(bound.maximum) for key, bound in TEXT_BOUNDS.items()})


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
    return KnownError("bundle.bad_value", where=where, column=column, value=value[:40])


def broken_rule(table: str, columns: tuple[str, ...], values: tuple[object, ...]) -> str | None:
    """The first column of a row of ``table`` whose value breaks its rule, or None."""
    for index, rule, name in column_rules(table, columns):
        value = values[index]
        if isinstance(value, str) and value and not rule(value):
            return name
    return None
