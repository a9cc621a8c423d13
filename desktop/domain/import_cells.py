"""An imported list's cells read once per distinct text: a cell's meaning and its checks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from functools import lru_cache, partial
from typing import NamedTuple, TypeVar

from desktop.domain.entities import BirthDate, Gender
from desktop.domain.text import fold_for_search, normalize_text, remembered_fold
from desktop.domain.validation import (
    HOUSEHOLD_CODE_MAX,
    IdKind,
    Issue,
    IssueCode,
    Severity,
    check_name,
    classify_id_number,
    formatted_number,
    household_code_ok,
    is_formula_like,
    parse_birth,
    read_phones,
    restore_id_zeros,
)

# Distinct texts each reading remembers: a list repeats most of its cells (hamlets, "Nam",
# "Con", "Kinh", birth years, a household's name on each member's row). 65,536: a list of
# 41,000 people has 18,000 distinct births, and past 16,384 each new one pushed out another,
# read again later; a bound still, for a list of 250,000 rows.
_REMEMBERED = 1 << 16

_HEAD_WORDS = frozenset({"chu ho", "ch", "la chu ho"})
_NO_WORDS = frozenset({"", "0", "khong", "k", "no", "false", "-"})
MARKS = frozenset({"x", "v", "1", "co", "yes"})
_MALE_WORDS = frozenset({"nam", "m", "male", "trai"})
_FEMALE_WORDS = frozenset({"nu", "f", "female", "gai"})


class ImportIssueCode(StrEnum):
    """Codes only an import emits; messages.ISSUE_MESSAGES words each one."""

    GENDER_GUESSED = "import.gender_guessed"
    ID_ZERO_RESTORED = "import.id_zero_restored"
    DUPLICATE_ID = "import.duplicate_id"
    NO_HOUSEHOLD = "import.no_household"
    TWO_HEADS = "import.two_heads"
    NO_HEAD = "import.no_head"
    HAMLET_OTHER = "import.hamlet_other"
    HAMLET_MISSING = "import.hamlet_missing"
    HAMLET_NEW = "import.hamlet_new"
    CODE_INVALID = "import.code_invalid"
    CODE_KEPT = "import.code_kept"
    SAME_HOUSEHOLD = "import.same_household"
    PHONE_ZERO_RESTORED = "import.phone_zero_restored"
    ID_SCIENTIFIC = "import.id_scientific"
    FORMULA_WITHOUT_VALUE = "import.formula_without_value"
    CELL_ERROR = "import.cell_error"
    RESIDENCE_INVALID = "import.residence_invalid"
    OTHER_COMMUNE = "import.other_commune"


class NameCell(NamedTuple):
    """A full name: its text, folded, the name checks and the gender its middle name
    ("Thị", "Văn") tells, if any."""

    text: str
    folded: str
    issues: tuple[Issue, ...]
    guess: Gender | None


class WordCell(NamedTuple):
    """A cell read as a word (gender, relationship, head mark): its text, folded, the
    gender it names if any, and whether it says "head of household"."""

    text: str
    folded: str
    gender: Gender | None
    is_head: bool


class IdCell(NamedTuple):
    """A personal ID as stored (as typed when it is no ID), cleaned of its separators and
    classified (classify_id_number), and the warning when Excel lost its zeros."""

    text: str
    cleaned: str
    kind: IdKind
    issues: tuple[Issue, ...]


class PhoneCell(NamedTuple):
    """A phone cell: its first number as stored (as typed when it is none), its issues, and
    the other numbers it holds (validation.read_phones), kept in the person's notes."""

    text: str
    issues: tuple[Issue, ...]
    others: tuple[str, ...] = ()


class CheckedCell(NamedTuple):
    """A cell's text and the issues of that text alone."""

    text: str
    issues: tuple[Issue, ...]


T = TypeVar("T")


def _remembered(read: Callable[..., T]) -> Callable[..., T]:
    return lru_cache(maxsize=_REMEMBERED)(read)


class CellReader:
    """Readings of the cells of one list, each distinct text read once (``today`` is the
    day birth dates are judged against). Each reading remembers plain functions, never the
    reader itself: no cycle keeps its caches alive once the list is read (the import runs
    with the cycle collector paused)."""

    def __init__(self, today: dt.date) -> None:
        self.text: Callable[[str], str] = _remembered(normalize_text)
        self.word: Callable[[str], WordCell] = _remembered(_word)
        self.name: Callable[[str], NameCell] = _remembered(_name)
        self.birth: Callable[[str], tuple[BirthDate | None, tuple[Issue, ...]]] = _remembered(
            partial(_birth, today=today)
        )
        # Not remembered: a personal ID is on one row (a reading remembered cost its
        # remembering, and forgetting another, for each).
        self.id_number: Callable[[str, bool], IdCell] = _id_number
        self.phone: Callable[[str, bool], PhoneCell] = _remembered(_phone)
        self.hamlet: Callable[[str], CheckedCell] = _remembered(_hamlet)
        self.code: Callable[[str], CheckedCell] = _remembered(_code)
        self.notes: Callable[[str], CheckedCell] = _remembered(_notes)

    def head_mark(self, cell: str, name: NameCell) -> bool:
        """The "Chủ hộ" column holds a mark on the head's row, or the head's name on every
        row of the household (then the row whose name it is, is the head)."""
        mark = self.word(cell).folded
        if mark in _NO_WORDS:
            return False
        if mark not in _HEAD_WORDS and " " in mark:
            return mark == name.folded
        return True


def _word(cell: str) -> WordCell:
    text = normalize_text(cell)
    folded = fold_for_search(text)
    gender = (
        Gender.MALE if folded in _MALE_WORDS else Gender.FEMALE if folded in _FEMALE_WORDS else None
    )
    return WordCell(text, folded, gender, folded in _HEAD_WORDS)


def _birth(cell: str, today: dt.date) -> tuple[BirthDate | None, tuple[Issue, ...]]:
    # "24/06/1966", the usual cell, is already as normalize_text would leave it.
    plain = len(cell) == 10 and cell[2] == cell[5] == "/" and cell.isascii()
    if not (plain and cell.replace("/", "").isdigit()):
        cell = normalize_text(cell)
    birth, issues = parse_birth(cell, today)
    return birth, tuple(issues)


def _id_number(cell: str, was_number: bool) -> IdCell:
    """The ID as stored (its separators dropped, or as typed when it is no ID), with the
    warning when Excel stored it as a number and lost its leading zeros."""
    if cell.isdigit() and cell.isascii():  # the usual cell: nothing to clean, no exponent
        kind = classify_id_number(cell)[1]
        if not was_number or kind is not IdKind.INVALID:
            return IdCell(cell, cell, kind, ())
    raw = normalize_text(cell)
    if (number := formatted_number(raw)) is not None:
        # "2.085.012.345", "2085012345.0": a number cell as Excel formats it (or a hand),
        # whose zeros are gone as a number cell's are.
        raw, was_number = number, True
    if _SCIENTIFIC.fullmatch(raw):
        # Excel wrote a 12-digit number as it shows it, "3,10851E+11": its last digits are
        # gone from the file. The cell is refused as such (not "digits only").
        return IdCell("", "", IdKind.EMPTY, (_ID_SCIENTIFIC,))
    cleaned, kind = classify_id_number(raw)
    if kind is IdKind.INVALID and was_number:
        restored = restore_id_zeros(cleaned)
        if restored is not None:
            zeros = len(restored) - len(cleaned)
            restored_kind = classify_id_number(restored)[1]
            return IdCell(restored, restored, restored_kind, (_id_zeros_restored(zeros),))
    return IdCell(cleaned if kind is not IdKind.INVALID else raw, cleaned, kind, ())


def _phone(cell: str, was_number: bool) -> PhoneCell:
    """The phone as stored (validation.read_phones: "0912.345.678", "+84 912 345 678",
    "912345678.0"), with the warning when Excel lost its 0 (912345678) or the error when it
    is no Vietnamese number; a cell of several numbers ("0912345678 / 0987654321") keeps
    the first and gives the others, with a warning naming them."""
    raw = normalize_text(cell)
    if not raw:
        return PhoneCell("", ())
    phones = read_phones(raw, was_number)
    if phones is None:
        return PhoneCell(raw, (_PHONE_INVALID,))
    issues: tuple[Issue, ...] = (_PHONE_ZERO_RESTORED,) if phones.zero_restored else ()
    if phones.others:
        params = {"kept": phones.first, "others": ", ".join(phones.others)}
        issues += (Issue("phone", IssueCode.PHONE_OTHERS_TO_NOTES, Severity.WARNING, params),)
    return PhoneCell(phones.first, issues, phones.others)


def _name(cell: str) -> NameCell:
    text = normalize_text(cell)
    folded = remembered_fold(text)  # the store folds the name again for its search text
    # No gender written: the middle name "Thị"/"Văn" tells it for most Kinh names.
    middle = folded.split()[1:-1]
    guess = Gender.FEMALE if "thi" in middle else Gender.MALE if "van" in middle else None
    return NameCell(text, folded, tuple(check_name(text)), guess)


def _hamlet(cell: str) -> CheckedCell:
    text = normalize_text(cell)
    if is_formula_like(text):
        return CheckedCell(text, (Issue("hamlet", IssueCode.TEXT_FORMULA_LIKE, Severity.ERROR),))
    return CheckedCell(text, ())


def _code(cell: str) -> CheckedCell:
    text = normalize_text(cell)
    if text and not household_code_ok(text):
        return CheckedCell(text, (_CODE_INVALID,))
    return CheckedCell(text, ())


def _notes(cell: str) -> CheckedCell:
    text = normalize_text(cell)  # on one line, as the store keeps every note
    if is_formula_like(text):
        return CheckedCell(text, (Issue("notes", IssueCode.TEXT_FORMULA_LIKE, Severity.ERROR),))
    return CheckedCell(text, ())


@lru_cache(maxsize=16)
def _id_zeros_restored(zeros: int) -> Issue:
    # Excel stored the ID as a number and dropped its leading zeros (002… → 2…).
    return Issue("id_number", ImportIssueCode.ID_ZERO_RESTORED, Severity.WARNING, {"zeros": zeros})


# A number Excel saved to CSV as it shows it (General format, over 11 digits): 3.10851E+11
# or, with a Vietnamese decimal comma, 3,10851E+11.
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+?\d{1,2}")
_ID_SCIENTIFIC = Issue("id_number", ImportIssueCode.ID_SCIENTIFIC, Severity.ERROR)

# Excel stored the number as a number: 0912345678 became 912345678.
_PHONE_ZERO_RESTORED = Issue("phone", ImportIssueCode.PHONE_ZERO_RESTORED, Severity.WARNING)
_PHONE_INVALID = Issue("phone", IssueCode.PHONE_INVALID, Severity.ERROR)
_CODE_INVALID = Issue(
    "code", ImportIssueCode.CODE_INVALID, Severity.ERROR, {"max_length": HOUSEHOLD_CODE_MAX}
)
