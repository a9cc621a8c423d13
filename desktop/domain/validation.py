"""Field checks for hamlets, households and people, returned as coded issues (no wording)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from desktop.domain.entities import BirthDate, Gender, Hamlet, Household, Person
from desktop.domain.id_provinces import KNOWN_ID_PROVINCE_PREFIXES
from desktop.domain.legacy_text import capitalise_words, legacy_reading
from desktop.domain.text_bounds import HAMLET_TEXT, HOUSEHOLD_TEXT, PERSON_TEXT, TextField
from desktop.domain.unreadable import unreadable

__all__ = [
    "ISSUE_CODES",
    "KNOWN_ID_PROVINCE_PREFIXES",
    "OTHER_PHONES",
    "IdKind",
    "Issue",
    "IssueCode",
    "Phones",
    "Severity",
    "check_birth",
    "check_name",
    "classify_id_number",
    "formatted_number",
    "has_errors",
    "household_code_ok",
    "id_kind",
    "id_number_for",
    "id_number_issues",
    "is_formula_like",
    "keep_phones",
    "long_text_issues",
    "normalize_phone",
    "notes_with_phones",
    "parse_birth",
    "phone_with_issues",
    "read_phones",
    "restore_id_zeros",
    "restore_phone_zero",
    "unreadable_issues",
    "validate_hamlet",
    "validate_household",
    "validate_id_number",
    "validate_person",
    "validate_phone",
]


class Severity(StrEnum):
    ERROR = "error"  # the record must not be saved as is
    WARNING = "warning"  # saved, but shown to the clerk as worth a second look


class IssueCode(StrEnum):
    """Every code the domain can emit; the UI must have a message for each one."""

    REQUIRED_MISSING = "required.missing"
    NAME_SINGLE_WORD = "name.single_word"
    NAME_HAS_DIGITS = "name.has_digits"
    NAME_LEGACY_FONT = "name.legacy_font"
    TEXT_FORMULA_LIKE = "text.formula_like"
    TEXT_TOO_LONG = "text.too_long"
    TEXT_TOO_LONG_TO_SEND = "text.too_long_to_send"  # held as a commune sent it (upper)
    FILE_NAME_NOT_PLAIN = "file_name.not_plain"
    TEXT_CUT_AT_EXPORT = "text.cut_at_export"  # of a row no screen opens
    FILE_NAME_RENAMED_AT_EXPORT = "file_name.renamed_at_export"
    # Values a peer's merge refuses a bundle for (services.unsendable), besides the above.
    TEXT_HAS_NUL = "text.has_nul"
    VALUE_UNREADABLE = "value.unreadable"  # a code, a number, a vector no reader takes
    VALUE_BAD_DATE = "value.bad_date"
    ROW_OTHER_COMMUNE = "row.other_commune"
    ROW_NO_PARENT = "row.no_parent"
    ATTACHMENT_SIZE_WRONG = "attachment.size_wrong"
    ATTACHMENT_TOO_LARGE = "attachment.too_large_to_send"
    ROW_SECOND_COMMUNE = "row.second_commune"
    GENDER_INVALID = "gender.invalid"
    BIRTH_UNPARSEABLE = "birth.unparseable"
    BIRTH_INVALID_DATE = "birth.invalid_date"
    BIRTH_IN_FUTURE = "birth.in_future"
    BIRTH_IMPLAUSIBLE_AGE = "birth.implausible_age"
    BIRTH_VERY_OLD = "birth.very_old"
    ID_NUMBER_NOT_DIGITS = "id_number.not_digits"
    ID_NUMBER_BAD_LENGTH = "id_number.bad_length"
    ID_NUMBER_UNKNOWN_PROVINCE = "id_number.unknown_province"
    ID_NUMBER_GENDER_MISMATCH = "id_number.gender_mismatch"
    ID_NUMBER_CENTURY_MISMATCH = "id_number.century_mismatch"
    ID_NUMBER_YEAR_MISMATCH = "id_number.year_mismatch"
    PHONE_INVALID = "phone.invalid"
    # A stored value CamKet cannot read (domain.unreadable): kept by a save left empty, or
    # (a gender) to be chosen again.
    VALUE_UNREADABLE_KEPT = "value.unreadable_kept"
    VALUE_UNREADABLE_CHOOSE = "value.unreadable_choose"
    PHONE_READ_AS = "phone.read_as"  # a number formatted by a spreadsheet, read as a phone
    PHONE_OTHERS_TO_NOTES = "phone.others_to_notes"  # two numbers: the others kept in notes
    NOTES_TOO_LONG_WITH_PHONES = "notes.too_long_with_phones"  # those others pass its bound
    ID_NUMBER_READ_AS = "id_number.read_as"  # a number formatted by a spreadsheet, read as an ID
    HOUSEHOLD_CODE_INVALID = "household.code_invalid"
    # Whole-household checks (domain/roster.py and services/households.py).
    HOUSEHOLD_CODE_TAKEN = "household.code_taken"
    HOUSEHOLD_NO_MEMBERS = "household.no_members"
    HOUSEHOLD_HEAD_MISSING = "household.head_missing"
    HOUSEHOLD_HALF_DELETED = "household.half_deleted"  # services/half_deleted.py
    COMMUNE_DOUBLED = "commune.doubled"  # services/set_apart.py: an upper register's
    ID_NUMBER_DUPLICATE = "id_number.duplicate"
    PERSON_POSSIBLE_DUPLICATE = "person.possible_duplicate"
    SINCE_UNPARSEABLE = "since.unparseable"
    SINCE_IN_FUTURE = "since.in_future"
    SINCE_TOO_EARLY = "since.too_early"


ISSUE_CODES: frozenset[str] = frozenset(IssueCode)


def _empty_params() -> Mapping[str, object]:
    return MappingProxyType({})


@dataclasses.dataclass(frozen=True)
class Issue:
    """One problem with one field: a stable code plus the values a message may quote."""

    field: str
    code: str
    severity: Severity
    # Left out of the hash (mappings are unhashable) but still compared by ==.
    params: Mapping[str, object] = dataclasses.field(default_factory=_empty_params, hash=False)

    def __post_init__(self) -> None:
        # A read-only copy, so a frozen Issue cannot change through the caller's dict.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def _error(field_name: str, code: IssueCode, **params: object) -> Issue:
    return Issue(field_name, code, Severity.ERROR, params)


def _warning(field_name: str, code: IssueCode, **params: object) -> Issue:
    return Issue(field_name, code, Severity.WARNING, params)


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(issue.is_error for issue in issues)


def _clean_text(text: str) -> str:
    """NFC, trimmed, inner whitespace collapsed (DESIGN §5): input methods mix NFC and NFD."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- birth dates ------------------------------------------------------------------------

MAX_AGE = 120  # older than the oldest person ever recorded: certainly a typing mistake
VERY_OLD_AGE = 105  # possible, but 1919 typed for 1991 is far more likely

# re.ASCII: "\d" must not accept Arabic-Indic or full-width digits that int() would take.
_DMY = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{4})", re.ASCII)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)


def _age(birth: BirthDate, today: dt.date) -> int:
    """Completed years; for a year-only birth, the age reached in today's year (and for a
    month-and-year one, in today's month)."""
    age = today.year - birth.year
    if birth.month is not None and (today.month, today.day) < (birth.month, birth.day or 1):
        age -= 1
    return age


def check_birth(birth: BirthDate, today: dt.date, *, field_name: str = "birth") -> list[Issue]:
    """Range checks on a birth already parsed: not in the future, a plausible age."""
    month, this_month = (birth.year, birth.month or 1), (today.year, today.month)
    if month > this_month or (month == this_month and (birth.day or 0) > today.day):
        return [_error(field_name, IssueCode.BIRTH_IN_FUTURE)]
    age = _age(birth, today)
    if age > MAX_AGE:
        return [_error(field_name, IssueCode.BIRTH_IMPLAUSIBLE_AGE, age=age, max_age=MAX_AGE)]
    if age > VERY_OLD_AGE:
        return [_warning(field_name, IssueCode.BIRTH_VERY_OLD, age=age)]
    return []


def parse_birth(
    text: str, today: dt.date, *, required: bool = False, field_name: str = "birth"
) -> tuple[BirthDate | None, list[Issue]]:
    """Read a birth date as clerks type it: dd/mm/yyyy (also - or .), mm/yyyy, ISO, or a
    bare year.

    The date is returned only when there is no error, so a caller cannot store a value
    that was refused; warnings come back alongside the date.
    """
    cleaned = _clean_text(text)
    if not cleaned:
        issues = [_error(field_name, IssueCode.REQUIRED_MISSING)] if required else []
        return None, issues
    if len(cleaned) == 10 and cleaned[2] == cleaned[5] == "/" and cleaned.isascii():
        digits = cleaned.replace("/", "")
        if len(digits) == 8 and digits.isdigit():  # "24/06/1966", the usual cell: no pattern
            return _birth_of(int(digits[4:]), int(digits[2:4]), int(digits[:2]), today, field_name)
    if m := _DMY.fullmatch(cleaned):
        year, month, day = int(m[4]), int(m[3]), int(m[1])
    elif m := _ISO.fullmatch(cleaned):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif _YEAR.fullmatch(cleaned):
        year, month, day = int(cleaned), None, None
    elif m := _MONTH_YEAR.fullmatch(cleaned):
        year, month, day = int(m[2]), int(m[1]), None
    elif m := _ISO_MONTH.fullmatch(cleaned):
        year, month, day = int(m[1]), int(m[2]), None
    else:
        return None, [_error(field_name, IssueCode.BIRTH_UNPARSEABLE)]
    return _birth_of(year, month, day, today, field_name)


def _birth_of(
    year: int, month: int | None, day: int | None, today: dt.date, field_name: str
) -> tuple[BirthDate | None, list[Issue]]:
    try:
        birth = BirthDate(year, month, day)
    except ValueError:  # 31/02, month 13, year 0
        return None, [_error(field_name, IssueCode.BIRTH_INVALID_DATE)]
    issues = check_birth(birth, today, field_name=field_name)
    # check_birth gives one issue at most.
    return (None if issues and issues[0].is_error else birth), issues


# --- personal ID numbers ----------------------------------------------------------------


class IdKind(StrEnum):
    CCCD = "cccd"  # 12-digit personal ID (số định danh cá nhân), also on 12-digit CMND
    CMND = "cmnd"  # legacy 9-digit identity card, still valid on old lists
    INVALID = "invalid"
    EMPTY = "empty"  # nothing typed: the ID is optional (children, elderly without one)


# What clerks put between digit groups: spaces (incl. no-break), dots, dashes.
_ID_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015]+")


def classify_id_number(raw: str) -> tuple[str, IdKind]:
    """(cleaned text, kind); cleaning only drops separators, so letters stay visible, and
    reads a number a spreadsheet formatted (formatted_number: "2.085.012.345",
    "2085012345.0") as its digits, the zeros it lost put back (restore_id_zeros)."""
    if raw.isascii() and raw.isdigit():  # the usual cell, cleaned already: nothing to drop
        cleaned = raw
    elif (number := formatted_number(raw)) is not None:
        cleaned = restore_id_zeros(number) or number
    else:
        cleaned = _ID_SEPARATORS.sub("", unicodedata.normalize("NFC", raw))
    if not cleaned:
        return cleaned, IdKind.EMPTY
    if not (cleaned.isascii() and cleaned.isdigit()):
        return cleaned, IdKind.INVALID
    if len(cleaned) == 12:
        return cleaned, IdKind.CCCD
    if len(cleaned) == 9:
        return cleaned, IdKind.CMND
    return cleaned, IdKind.INVALID


# A number a spreadsheet (or a hand) formatted: with its zero decimals ("2085012345.0",
# "912345678,0"), or grouped in threes by dots or spaces ("2.085.012.345", "002 085 012 345").
_ZERO_DECIMALS = re.compile(r"(\d+)[.,]0+", re.ASCII)
_GROUPED = re.compile(r"\d{1,3}([. ])\d{3}(?:\1\d{3})*", re.ASCII)


def formatted_number(text: str) -> str | None:
    """The digits of a number written as a spreadsheet formats one (zero decimals, grouped in
    threes), or None for any other text (plain digits too). Such a number was stored as a
    number: its leading zeros are gone (restore_id_zeros, restore_phone_zero)."""
    text = text.strip()
    if (decimals := _ZERO_DECIMALS.fullmatch(text)) is not None:
        return decimals[1]
    if _GROUPED.fullmatch(text) is not None:
        return text.replace(".", "").replace(" ", "")
    return None


def restore_id_zeros(digits: str) -> str | None:
    """The personal ID a spreadsheet stored as a number, its leading zeros put back, or None.

    Excel drops them: "002085012345" (Hà Giang) becomes 2085012345. Only a restored ID whose
    province prefix exists is given back (10 or 11 digits → 12), and an 8-digit one → a
    9-digit CMND (the old cards of provinces numbered 01–09).
    """
    if not (digits.isascii() and digits.isdigit()) or digits.startswith("0"):
        return None
    if len(digits) in (10, 11):
        full = digits.zfill(12)
        return full if full[:3] in KNOWN_ID_PROVINCE_PREFIXES else None
    if len(digits) == 8:
        return "0" + digits
    return None


def id_kind(raw: str) -> IdKind:
    return classify_id_number(raw)[1]


def _century_start(digit: int) -> int:
    """Digit 4: 0/1 → 1900s, 2/3 → 2000s, … 8/9 → 2300s (Circular 07/2016/TT-BCA)."""
    return 1900 + (digit // 2) * 100


def validate_id_number(
    raw: str,
    gender: Gender | None,
    birth: BirthDate | None,
    *,
    required: bool = False,
    field_name: str = "id_number",
) -> list[Issue]:
    """Shape errors; province, gender and birth-year disagreements only as warnings.

    Disagreements are warnings because either side may be the typo, and the clerk
    often copies the ID from a card that cannot be checked here.
    """
    cleaned, kind = classify_id_number(raw)
    issues = id_number_issues(
        cleaned, kind, gender, birth, required=required, field_name=field_name
    )
    number = None if raw.isdigit() else formatted_number(raw)
    decimals = _ZERO_DECIMALS.fullmatch(raw.strip()) is not None
    changed = number is not None and (cleaned != number or decimals)
    if changed and kind is not IdKind.INVALID:
        # "2.085.012.345" pasted from Excel: read as 002085012345, said.
        read = Issue(field_name, IssueCode.ID_NUMBER_READ_AS, Severity.WARNING, {"kept": cleaned})
        issues.append(read)
    return issues


def id_number_issues(
    cleaned: str,
    kind: IdKind,
    gender: Gender | None,
    birth: BirthDate | None,
    *,
    required: bool = False,
    field_name: str = "id_number",
) -> list[Issue]:
    """validate_id_number of an ID classify_id_number has cleaned and classified."""
    # The usual kind first: Python 3.11's Enum class looks each member up through its
    # __getattr__ hook (~0.2 µs a name), which three tests of an import's 34,000 IDs paid.
    if kind is IdKind.CCCD:
        year = birth.year if birth is not None else None
        return list(_cccd_issues(cleaned[:6], gender, year, field_name))
    if kind is IdKind.EMPTY:
        return [_error(field_name, IssueCode.REQUIRED_MISSING)] if required else []
    if kind is IdKind.INVALID:
        if cleaned.isascii() and cleaned.isdigit():
            return [_error(field_name, IssueCode.ID_NUMBER_BAD_LENGTH, length=len(cleaned))]
        return [_error(field_name, IssueCode.ID_NUMBER_NOT_DIGITS)]
    return []  # a 9-digit CMND encodes neither birth province, gender nor year


@lru_cache(maxsize=1 << 14)
def _cccd_issues(
    head: str, gender: Gender | None, birth_year: int | None, field_name: str
) -> tuple[Issue, ...]:
    """A 12-digit ID's disagreements with its holder: what its first six digits (province,
    gender and century, year) say against the gender and birth year (None: no birth). An
    imported list's 34,000 IDs share a few thousand of these."""
    issues: list[Issue] = []
    prefix = head[:3]
    if prefix not in KNOWN_ID_PROVINCE_PREFIXES:
        issues.append(_warning(field_name, IssueCode.ID_NUMBER_UNKNOWN_PROVINCE, prefix=prefix))
    digit = int(head[3])
    id_gender = Gender.MALE if digit % 2 == 0 else Gender.FEMALE
    if gender is not None and gender != id_gender:
        issues.append(
            _warning(field_name, IssueCode.ID_NUMBER_GENDER_MISMATCH, id_gender=id_gender)
        )
    if birth_year is not None:
        century = _century_start(digit)
        if not century <= birth_year < century + 100:
            issues.append(
                _warning(
                    field_name,
                    IssueCode.ID_NUMBER_CENTURY_MISMATCH,
                    id_century=century,
                    birth_year=birth_year,
                )
            )
        if int(head[4:6]) != birth_year % 100:
            issues.append(
                _warning(
                    field_name,
                    IssueCode.ID_NUMBER_YEAR_MISMATCH,
                    id_year_digits=head[4:6],
                    birth_year=birth_year,
                )
            )
    return tuple(issues)


def id_number_for(province_prefix: str, gender: Gender, birth_year: int, serial: int) -> str:
    """A 12-digit ID consistent with its holder, e.g. for demo data; ValueError otherwise."""
    if province_prefix not in KNOWN_ID_PROVINCE_PREFIXES:
        raise ValueError(f"unknown province prefix {province_prefix!r}")
    if not 1900 <= birth_year <= 2399:
        raise ValueError(f"birth year {birth_year} has no century digit")
    if not 0 <= serial <= 999_999:
        raise ValueError(f"serial {serial} does not fit in 6 digits")
    digit = (birth_year - 1900) // 100 * 2 + (0 if Gender(gender) is Gender.MALE else 1)
    return f"{province_prefix}{digit}{birth_year % 100:02d}{serial:06d}"


# --- phone numbers ----------------------------------------------------------------------

# Mobile: 10 digits, networks 03/05/07/08/09. Landline: 0 + 3-digit area code 2xx +
# 7 digits (the 2017 renumbering put every area code under 02).
_MOBILE = re.compile(r"0[35789]\d{8}", re.ASCII)
_LANDLINE = re.compile(r"02\d{9}", re.ASCII)
_PHONE_SEPARATORS = re.compile(r"[\s.\-()\u2010-\u2015]+")


def _canonical_phone(raw: str) -> str | None:
    """The stored form '0xxxxxxxxx', or None when the text is not a Vietnamese number."""
    text = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFC", raw))
    if text.startswith("+84"):
        national = text[3:]
    elif text.startswith("0084"):
        national = text[4:]
    elif text.startswith("84") and len(text) in (11, 12):  # country code without the '+'
        national = text[2:]
    else:
        national = text
    if national != text and not national.startswith("0"):
        national = "0" + national  # '+84 912…' drops the trunk 0; '+84 0912…' keeps it
    if _MOBILE.fullmatch(national) or _LANDLINE.fullmatch(national):
        return national
    return None


def restore_phone_zero(digits: str) -> str | None:
    """A phone number a spreadsheet stored as a number (912345678), its 0 put back, or None
    when that does not make a Vietnamese number."""
    if not (digits.isascii() and digits.isdigit()) or digits.startswith("0"):
        return None
    candidate = "0" + digits
    return candidate if _canonical_phone(candidate) == candidate else None


@dataclasses.dataclass(frozen=True)
class Phones:
    """The numbers a phone cell holds: the first, kept as the phone; the others ("0912345678
    / 0987654321"), kept in the notes (keep_phones); whether a spreadsheet's number lost
    its 0 (912345678, 912345678.0) and it was put back."""

    first: str
    others: tuple[str, ...] = ()
    zero_restored: bool = False


# Between two numbers of one cell: "/", ",", ";", "|", a new line.
_PHONE_LIST = re.compile(r"\s*[/,;|\n]\s*")
OTHER_PHONES = "SĐT khác: "  # how keep_phones writes the other numbers into the notes


def _one_phone(text: str, was_number: bool) -> tuple[str, bool] | None:
    """(the number, whether its lost 0 was put back), or None when ``text`` is none."""
    if not was_number and (canonical := _canonical_phone(text)) is not None:
        return canonical, False  # most cells: a number as typed
    if (number := formatted_number(text)) is not None:
        text, was_number = number, True  # a number cell, formatted: its 0 is gone
    if was_number and (restored := restore_phone_zero(text)) is not None:
        return restored, True
    canonical = _canonical_phone(text)
    return None if canonical is None else (canonical, False)


def read_phones(raw: str, was_number: bool = False) -> Phones | None:
    """The Vietnamese numbers ``raw`` holds, as a clerk types or pastes them and as a
    spreadsheet formats them ("0912.345.678", "+84 912 345 678", "912345678.0"; with
    ``was_number``, a cell stored as a number, "912345678" too); several, one after the
    other ("0912345678 / 0987654321", "0912345678, 0987654321"). None when any is no
    number: nothing is guessed."""
    one = _one_phone(raw, was_number)
    if one is not None:
        return Phones(one[0], (), one[1])
    parts = [part for part in _PHONE_LIST.split(raw.strip()) if part]
    if len(parts) < 2:
        return None
    read = [_one_phone(part, False) for part in parts]
    numbers = [r[0] for r in read if r is not None]
    if len(numbers) < len(parts):
        return None
    others = tuple(dict.fromkeys(n for n in numbers[1:] if n != numbers[0]))
    return Phones(numbers[0], others, any(r[1] for r in read if r is not None))


def keep_phones(phone: str, notes: str) -> tuple[str, str]:
    """The phone to store and the notes: a cell of several numbers keeps the first as the
    phone and the others in the notes ("SĐT khác: 0987654321"), where the editor shows them
    and a spreadsheet carries them; any other text is normalize_phone's."""
    phones = read_phones(phone)
    if phones is None or not phones.others:
        return normalize_phone(phone), notes
    return phones.first, notes_with_phones(notes, phones.others)


def notes_with_phones(notes: str, others: Iterable[str]) -> str:
    """``notes`` and then the other numbers of a phone cell: "Hộ nghèo; SĐT khác: 0987654321"."""
    kept = OTHER_PHONES + ", ".join(others)
    return f"{notes.strip()}; {kept}" if notes.strip() else kept


def phones_in_notes_issue(notes: str, others: Sequence[str], maximum: int) -> Issue | None:
    """The error when ``notes`` with the other numbers of a phone cell ("SĐT khác: …", as
    keep_phones stores them) pass the notes' bound ``maximum`` while the notes alone do not
    (those are named too long already)."""
    kept = notes_with_phones(notes, others)
    if len(kept) <= maximum or len(notes.strip()) > maximum:
        return None
    added = OTHER_PHONES + ", ".join(others)
    return _error(
        "notes", IssueCode.NOTES_TOO_LONG_WITH_PHONES, kept=added, length=len(kept), maximum=maximum
    )


def _phones_in_notes(phone: str, notes: str, maximum: int) -> list[Issue]:
    # The phone cell's text is the most it adds: most notes are far from the bound, and
    # their phone is not read again (`camket check` validates every person).
    if len(notes) + len(phone) + len(OTHER_PHONES) + 2 <= maximum:
        return []
    phones = read_phones(phone)
    if phones is None or not phones.others:
        return []
    issue = phones_in_notes_issue(notes, phones.others, maximum)
    return [issue] if issue is not None else []


def normalize_phone(raw: str) -> str:
    """The form to store: '0912345678' for a valid number (read_phones), else the trimmed
    text as typed."""
    phones = read_phones(raw)
    return phones.first if phones is not None and not phones.others else _clean_text(raw)


def phone_with_issues(raw: str, *, field_name: str = "phone") -> tuple[str, list[Issue]]:
    """normalize_phone and validate_phone of the same text, its number read once: one number
    only (a tip's informant has no notes to keep a second)."""
    phones = read_phones(raw)
    if phones is not None and not phones.others:
        return phones.first, _read_as(phones, raw, field_name)
    # No number: the text as typed, trimmed (collapsing its spaces reads no number either).
    text = _clean_text(raw)
    return text, [_error(field_name, IssueCode.PHONE_INVALID)] if text else []


def validate_phone(raw: str, *, field_name: str = "phone") -> list[Issue]:
    """An error for a text that is no number; a warning for the numbers read from a
    spreadsheet's format, or kept in the notes when the text holds several (keep_phones)."""
    if not raw.strip():
        return []  # phones are optional everywhere
    phones = read_phones(raw)
    if phones is None:
        return [_error(field_name, IssueCode.PHONE_INVALID)]
    if phones.others:
        params = {"kept": phones.first, "others": ", ".join(phones.others)}
        return [Issue(field_name, IssueCode.PHONE_OTHERS_TO_NOTES, Severity.WARNING, params)]
    return _read_as(phones, raw, field_name)


def _read_as(phones: Phones, raw: str, field_name: str) -> list[Issue]:
    if not phones.zero_restored:
        return []
    return [Issue(field_name, IssueCode.PHONE_READ_AS, Severity.WARNING, {"kept": phones.first})]


# --- records ----------------------------------------------------------------------------

HOUSEHOLD_CODE_MAX = 20


# A cell starting with one of these is a formula to Excel and LibreOffice: text typed
# "=HYPERLINK(...)" in a name would run when the register is exported and opened.
FORMULA_STARTS = ("=", "+", "-", "@")


def is_formula_like(text: str) -> bool:
    return text.lstrip().startswith(FORMULA_STARTS)


def long_text_issues(bounds: Mapping[str, TextField], entity: object) -> list[Issue]:
    """An error for each field of ``entity`` named in ``bounds`` (domain.text_bounds) that is
    longer than its bound: a pasted document is no name or note to keep, print or send
    upward."""
    return [
        _error(name, IssueCode.TEXT_TOO_LONG, length=len(text), maximum=bound.maximum)
        for name, bound in bounds.items()
        if len(text := getattr(entity, name)) > bound.maximum
    ]


def _check_text(raw: str, field_name: str) -> list[Issue]:
    """Free text (notes): refused only when a spreadsheet would take it for a formula."""
    return [_error(field_name, IssueCode.TEXT_FORMULA_LIKE)] if is_formula_like(raw) else []


def check_name(raw: str, field_name: str = "full_name") -> list[Issue]:
    """A person's name: given (marks or signs with no letter are none), not a formula, no
    digits; a warning for a single word."""
    name = _clean_text(raw)
    if not any(ch.isalnum() for ch in name):
        return [_error(field_name, IssueCode.REQUIRED_MISSING)]
    issues: list[Issue] = _check_text(name, field_name)
    # Read as typed (tidying drops TCVN3's ư, a soft hyphen); a warning, so one telltale
    # character is enough ("NguyÔn V¨n An" has one: ¨).
    legacy = legacy_reading((raw,), least=1)
    if legacy is not None:
        meant = capitalise_words(legacy.meant)  # TCVN3 has no capital Ò, Ú…
        issues.append(
            _warning(field_name, IssueCode.NAME_LEGACY_FONT, font=legacy.font, meant=meant)
        )
    # Letters are never digits: only a name with other characters is looked through.
    if not name.replace(" ", "").isalpha() and any(ch.isdigit() for ch in name):
        issues.append(_error(field_name, IssueCode.NAME_HAS_DIGITS))
    if len(name.split()) < 2:
        # Vietnamese names have a family and a given name; one word is usually a nickname.
        issues.append(_warning(field_name, IssueCode.NAME_SINGLE_WORD))
    return issues


_GENDERS = frozenset(Gender)


def _check_gender(value: object) -> tuple[Gender | None, list[Issue]]:
    # Typed as Gender, but rows read from imports or old databases may hold anything.
    if value is None or value == "":
        return None, [_error("gender", IssueCode.REQUIRED_MISSING)]
    if isinstance(value, str) and value in _GENDERS:
        return Gender(value), []
    return None, [_error("gender", IssueCode.GENDER_INVALID)]


def unreadable_issues(entity: object, but: tuple[str, ...] = ()) -> list[Issue]:
    """A warning for each stored value of ``entity`` CamKet could not read and still keeps
    (domain.unreadable): a save left empty writes it back."""
    return [
        Issue(column, IssueCode.VALUE_UNREADABLE_KEPT, Severity.WARNING, {"value": stored})
        for column, stored in unreadable(entity).items()
        if column not in but
    ]


def validate_person(person: Person, today: dt.date, *, birth_checked: bool = False) -> list[Issue]:
    """Every check of a person's fields; ``birth_checked``: the caller has just made the
    birth's checks itself (parse_birth, as an import reads each row), not made again."""
    issues = check_name(person.full_name)
    gender, gender_issues = _check_gender(person.gender)
    if "gender" in (gone := unreadable(person)) and not person.gender:
        gender_issues = [_error("gender", IssueCode.VALUE_UNREADABLE_CHOOSE, value=gone["gender"])]
    issues += unreadable_issues(person, but=("gender",))
    issues += gender_issues
    if person.birth is not None and not birth_checked:
        issues += check_birth(person.birth, today)
    issues += validate_id_number(person.id_number, gender, person.birth)
    issues += validate_phone(person.phone)
    issues += _check_text(person.notes, "notes")
    issues += long_text_issues(PERSON_TEXT, person)
    issues += _phones_in_notes(person.phone, person.notes, PERSON_TEXT["notes"].maximum)
    return issues


_ASCII_CODE = re.compile(r"[A-Za-z0-9/-]*")  # the letters, digits and marks of a plain code


@lru_cache(maxsize=4096)  # an imported list repeats a household's code on each member's row
def household_code_ok(code: str) -> bool:
    """Short and plain so it can be typed, printed on the pledge and searched exactly."""
    if len(code) > HOUSEHOLD_CODE_MAX:
        return False
    if code.isascii():
        return _ASCII_CODE.fullmatch(code) is not None
    return all(ch.isalpha() or (ch.isascii() and ch.isdigit()) or ch in "-/" for ch in code)


def validate_household(household: Household) -> list[Issue]:
    issues: list[Issue] = []
    code = _clean_text(household.code)
    if not code:
        issues.append(_error("code", IssueCode.REQUIRED_MISSING))
    elif not household_code_ok(code):
        issues.append(
            _error("code", IssueCode.HOUSEHOLD_CODE_INVALID, max_length=HOUSEHOLD_CODE_MAX)
        )
    if not household.hamlet_id.strip():
        issues.append(_error("hamlet_id", IssueCode.REQUIRED_MISSING))
    issues += validate_phone(household.phone)
    issues += _check_text(household.notes, "notes")
    issues += long_text_issues(HOUSEHOLD_TEXT, household)
    issues += _phones_in_notes(household.phone, household.notes, HOUSEHOLD_TEXT["notes"].maximum)
    return issues


def validate_hamlet(hamlet: Hamlet) -> list[Issue]:
    if not _clean_text(hamlet.name):
        return [_error("name", IssueCode.REQUIRED_MISSING)]
    return (
        _check_text(hamlet.name, "name")
        + _check_text(hamlet.head_name, "head_name")
        + long_text_issues(HAMLET_TEXT, hamlet)
    )
