"""What a synced column may hold beyond its SQL type: the codes of a coded column, the shape
and years of a date, the length of the ledger's free text. A bundle's rows are held to it before any
is written (row_decoder.RowDecoder), so a value this program could not read back (another
program's bundle, a newer code) or would not keep (a 10 MB note) never gets into the
register to break a list, a check or a printed sheet later."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from desktop.domain.entities import (
    FIRST_YEAR,
    LAST_YEAR,
    BirthDate,
    DepartureStatus,
    Gender,
    HamletKind,
    ResidenceKind,
)
from desktop.domain.errors import FileLine, KnownError
from desktop.domain.file_names import is_plain_file_name
from desktop.domain.movements import MovementKind
from desktop.domain.pledges import ATTACHMENT_TYPES, AttachmentKind, PledgeStatus
from desktop.domain.text_bounds import (
    ATTACHMENT_TEXT,
    CAMPAIGN_TEXT,
    COMMUNE_TEXT,
    HAMLET_TEXT,
    HOUSEHOLD_TEXT,
    ID_NUMBER_TEXT,
    KEY_TEXT,
    MOVEMENT_TEXT,
    PERSON_TEXT,
    PHONE_TEXT,
    PLEDGE_TEXT,
    RELATIVE_TEXT,
    TEMPLATE_TEXT,
    TIP_TEXT,
    TextField,
)
from desktop.domain.validation import HOUSEHOLD_CODE_MAX
from desktop.store.registry import TABLES

Rule = Callable[[Any], bool]  # a text; a whole number for a flag


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
_STAMP_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")


def _stamp(text: str) -> bool:
    """A version's created_at or updated_at as store.sync.utc_now writes it (UTC, with
    milliseconds and Z: they are compared as text, so "…27Z" would pass for later than
    "…27.500Z"), a real moment of a year FIRST_YEAR–LAST_YEAR (a stamp of 2999 would win
    every tie between versions for ever)."""
    return _STAMP_SHAPE.fullmatch(text) is not None and _MOMENT(text)


# 1 or 0: a tombstone, a hamlet on the border, a crossing by a trail, a guest in the belt.
_FLAG = frozenset((0, 1)).__contains__
# A campaign's target, as the register's CHECK holds it: checked on reading, so that a
# waiting version (conflicts.csv, a losing line) never holds one a person could not keep.
_PERCENT = range(1, 101).__contains__


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
    ("pledge", "printed_at"): _MOMENT,
    ("attachment", "kind"): _codes(AttachmentKind),
    ("attachment", "sha256"): re.compile("[0-9a-f]{64}").fullmatch,  # type: ignore[dict-item]
    ("movement", "kind"): _codes(MovementKind),
    ("movement", "starts_on"): _DAY,
    ("movement", "until"): _DAY,
    ("movement", "ended_on"): _DAY,
    ("movement", "handed_over_on"): _DAY,
    ("movement", "reported_on"): _DAY,
    ("tip", "received_at"): _MOMENT,
    ("tip", "handed_at"): _MOMENT,
    ("hamlet", "is_border"): _FLAG,
    ("movement", "via_trail"): _FLAG,
    ("movement", "border_belt"): _FLAG,
    ("campaign", "target_percent"): _PERCENT,
}
# Every synced row's stamps and tombstone mark (registry.SYNC_COLUMNS).
RULES.update({(spec.name, "deleted"): _FLAG for spec in TABLES})
RULES.update({(spec.name, c): _stamp for spec in TABLES for c in ("created_at", "updated_at")})
# Rules that hold whole numbers (the others hold text).
_ON_NUMBERS = frozenset(key for key, rule in RULES.items() if rule in (_FLAG, _PERCENT))

# Columns that hold an id or a code a row is known or points by (besides its own id, its
# parents' ids and the installation that made its version, updated_by, which every table has).
_KEYS = {
    "commune": ("code", "province_code"),
    "hamlet": ("commune_code",),
    "household": ("commune_code", "head_id"),
    "pledge_template": ("template_id", "based_on"),
    "campaign": ("template_id",),
    "tip": ("commune_code",),
}

# (table, column) → the bound of its free text, as the window and the command line keep it:
# a bundle's 10 MB note is refused, not carried into every register it reaches. Every text
# column of every synced table has a bound or a rule of its own (a code, a date).
TEXT_BOUNDS: dict[tuple[str, str], TextField] = {
    (table, column): bound
    for table, bounds in (
        *(
            (
                spec.name,
                dict.fromkeys(
                    ("id", *spec.parents, *_KEYS.get(spec.name, ()), "updated_by"), KEY_TEXT
                ),
            )
            for spec in TABLES
        ),
        ("commune", COMMUNE_TEXT),
        ("hamlet", HAMLET_TEXT),
        ("household", {**HOUSEHOLD_TEXT, "phone": PHONE_TEXT}),
        ("household", {"code": TextField("Mã hộ", HOUSEHOLD_CODE_MAX)}),
        ("person", {**PERSON_TEXT, "phone": PHONE_TEXT, "id_number": ID_NUMBER_TEXT}),
        ("relative_abroad", RELATIVE_TEXT),
        ("pledge_template", TEMPLATE_TEXT),
        ("campaign", CAMPAIGN_TEXT),
        ("pledge", PLEDGE_TEXT),
        ("attachment", ATTACHMENT_TEXT),
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
# A file's name that would be a path or a device on some PC is no name to keep (its length
# is checked first, inline, by its bound).
_FILE_NAME = ("attachment", "file_name")
RULES[_FILE_NAME] = is_plain_file_name
# What an attachment is: a type CamKet shows and prints (within its bound, too).
RULES["attachment", "mime"] = frozenset(ATTACHMENT_TYPES).__contains__

# (table, column) → how its value is read as a day, for a refusal that names the years taken.
DATED: dict[tuple[str, str], Callable[[str], dt.date | BirthDate]] = {
    key: dt.date.fromisoformat if rule is _DAY else dt.datetime.fromisoformat
    for key, rule in RULES.items()
    if rule is _DAY or rule is _MOMENT or rule is _stamp
} | {("person", "birth"): BirthDate.from_iso}


def column_rules(table: str, columns: tuple[str, ...]) -> list[tuple[int, Rule, str]]:
    """(index in ``columns``, rule, column) for each column of ``table`` that has a rule."""
    return [(i, RULES[table, c], c) for i, c in enumerate(columns) if (table, c) in RULES]


def refusal(table: str, column: str, value: str, where: str | FileLine) -> KnownError:
    """The refusal of a bundle's ``value`` that breaks the rule of ``table``'s ``column``,
    ``where`` naming the file and line: a text too long says so (naming the field as the
    window does), any other value is quoted."""
    bound = TEXT_BOUNDS.get((table, column))
    if bound is not None and len(value) > bound.maximum:
        return KnownError(
            "bundle.text_too_long",
            where=where,
            column=column,
            field=bound.label,
            length=len(value),
            maximum=bound.maximum,
        )
    if (table, column) == _FILE_NAME:
        return KnownError("bundle.unsafe_file_name", where=where, value=quoted(value))
    if _out_of_years(DATED.get((table, column)), value):
        return KnownError(
            "bundle.date_out_of_range",
            where=where,
            column=column,
            value=quoted(value),
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    return KnownError("bundle.bad_value", where=where, column=column, value=quoted(value))


def quoted(value: str) -> str:
    """A bundle's value as a message quotes it: its first 40 characters, those that print
    nothing (NUL, a line break, a direction mark) written as their code."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value[:40])


def _out_of_years(parse: Callable[[str], dt.date | BirthDate] | None, text: str) -> bool:
    """``text`` is a day or moment ``parse`` reads, of a year the register does not take."""
    if parse is None:
        return False
    try:
        year = parse(text).year
    except ValueError:
        return False
    return not FIRST_YEAR <= year <= LAST_YEAR


def broken_rule(table: str, columns: tuple[str, ...], values: tuple[object, ...]) -> str | None:
    """The first column of a row of ``table`` whose value breaks its rule, or None."""
    for index, rule, name in column_rules(table, columns):
        value = values[index]
        if (table, name) in _ON_NUMBERS:
            if not rule(value):
                return name
        elif isinstance(value, str) and value and not rule(value):
            return name
    return None
