"""A household as the clerk edits it (members in order, head, relatives abroad) and its checks.

Everything here looks at one household only; the checks against the rest of the commune
(household code taken, the same person already registered) need the register and live in
services/households.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from enum import StrEnum

from desktop.domain.entities import FIRST_YEAR, Household, Person, RelativeAbroad
from desktop.domain.text import name_match_prefix, normalize_text
from desktop.domain.text_bounds import RELATIVE_TEXT
from desktop.domain.validation import (
    Issue,
    IssueCode,
    Severity,
    classify_id_number,
    long_text_issues,
    unreadable_issues,
    validate_household,
    validate_person,
)

# What the head's own row says in "relationship to the head" (Quan hệ với chủ hộ).
HEAD_RELATIONSHIP = "Chủ hộ"


@dataclasses.dataclass
class HouseholdDraft:
    """One household with everything that is edited together and saved in one transaction.

    ``members`` are in the household's order (positions are given on save); ``moves`` maps
    the id of a stored member leaving this household to the id of the household they join.
    ``loaded`` holds the rev of every stored row when the draft was read (id → rev), so a
    save can tell that someone else changed the household meanwhile.
    """

    household: Household
    members: list[Person] = dataclasses.field(default_factory=list)
    relatives: list[RelativeAbroad] = dataclasses.field(default_factory=list)
    moves: dict[str, str] = dataclasses.field(default_factory=dict)
    loaded: dict[str, int] = dataclasses.field(default_factory=dict)


class Part(StrEnum):
    HOUSEHOLD = "household"
    MEMBER = "member"
    RELATIVE = "relative"


@dataclasses.dataclass(frozen=True)
class PlacedIssue:
    """An issue and where it sits in the draft: the household, or a member/relative row."""

    part: Part
    row: int  # index in draft.members or draft.relatives; -1 for the household itself
    issue: Issue


# --- editing helpers ----------------------------------------------------------------------


def choose_head(draft: HouseholdDraft, person_id: str) -> None:
    """Make this member the head; their relationship becomes "Chủ hộ", and a former head
    whose row still said "Chủ hộ" is left blank for the clerk to fill in."""
    person = next(p for p in draft.members if p.id == person_id)
    for other in draft.members:
        if other is not person and normalize_text(other.relationship) == HEAD_RELATIONSHIP:
            other.relationship = ""
    person.relationship = HEAD_RELATIONSHIP
    draft.household.head_id = person_id


def move_member(draft: HouseholdDraft, index: int, delta: int) -> int:
    """Move a member up (delta < 0) or down in the order; returns the new index."""
    target = max(0, min(len(draft.members) - 1, index + delta))
    draft.members.insert(target, draft.members.pop(index))
    return target


def remove_member(draft: HouseholdDraft, index: int, *, move_to: str | None = None) -> Person:
    """Take a member off the roster (or, with ``move_to``, send them to that household).

    When the head leaves, the first remaining member becomes head.
    """
    person = draft.members.pop(index)
    if move_to is not None:
        draft.moves[person.id] = move_to
    if draft.household.head_id == person.id:
        draft.household.head_id = None
        if draft.members:
            choose_head(draft, draft.members[0].id)
    return person


# --- checks -------------------------------------------------------------------------------

_SINCE_FORMS = (
    re.compile(r"(?P<y>\d{4})", re.ASCII),
    re.compile(r"(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})", re.ASCII),
    re.compile(r"(?P<d>\d{1,2})\s*([/.-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>\d{4})", re.ASCII),
)


def check_since(text: str, today: dt.date, *, field_name: str = "since") -> list[Issue]:
    """When a relative left: a year, month/year or a full date, not in the future nor
    before 1900 (0001 is a typing mistake).

    Unreadable text is only a warning: families often know no more than "khoảng 2019".
    """
    cleaned = normalize_text(text)
    if not cleaned:
        return []
    for form in _SINCE_FORMS:
        if m := form.fullmatch(cleaned):
            parts = m.groupdict()
            year, month, day = int(parts["y"]), int(parts.get("m") or 1), int(parts.get("d") or 1)
            try:
                when = dt.date(year, month, day)
            except ValueError:
                break
            if when > today:
                return [Issue(field_name, IssueCode.SINCE_IN_FUTURE, Severity.ERROR)]
            if year < FIRST_YEAR:
                params = {"year": parts["y"], "first": FIRST_YEAR}
                return [Issue(field_name, IssueCode.SINCE_TOO_EARLY, Severity.ERROR, params)]
            return []
    return [Issue(field_name, IssueCode.SINCE_UNPARSEABLE, Severity.WARNING)]


def validate_relative(relative: RelativeAbroad, today: dt.date) -> list[Issue]:
    issues: list[Issue] = []
    if not normalize_text(relative.full_name):
        issues.append(Issue("full_name", IssueCode.REQUIRED_MISSING, Severity.ERROR))
    issues += check_since(relative.since, today)
    issues += long_text_issues(RELATIVE_TEXT, relative)
    return issues + unreadable_issues(relative)


def validate_draft(draft: HouseholdDraft, today: dt.date) -> list[PlacedIssue]:
    """Every field of the household, its members and relatives, plus the roster as a whole:
    at least one member, a head among them, no personal ID or name-and-birth-year twice."""
    household = draft.household
    placed = [PlacedIssue(Part.HOUSEHOLD, -1, i) for i in validate_household(household)]
    if not draft.members:
        placed.append(
            PlacedIssue(
                Part.HOUSEHOLD,
                -1,
                Issue("members", IssueCode.HOUSEHOLD_NO_MEMBERS, Severity.ERROR),
            )
        )
    elif household.head_id not in {p.id for p in draft.members}:
        placed.append(
            PlacedIssue(
                Part.HOUSEHOLD,
                -1,
                Issue("head_id", IssueCode.HOUSEHOLD_HEAD_MISSING, Severity.ERROR),
            )
        )
    for row, person in enumerate(draft.members):
        placed += [PlacedIssue(Part.MEMBER, row, i) for i in validate_person(person, today)]
    placed += [
        PlacedIssue(Part.MEMBER, row, issue)
        for row, issue in duplicates_within(draft.members, household.code)
    ]
    for row, relative in enumerate(draft.relatives):
        placed += [PlacedIssue(Part.RELATIVE, row, i) for i in validate_relative(relative, today)]
    return placed


def id_number_key(raw: str) -> str | None:
    """The digits a personal ID is compared by, or None when it is empty or malformed."""
    cleaned, kind = classify_id_number(raw)
    return cleaned if kind in ("cccd", "cmnd") else None


def name_birth_key(person: Person) -> tuple[str, int] | None:
    """Same name (case and tone placement aside) and the same birth year: maybe one person."""
    if person.birth is None or not normalize_text(person.full_name):
        return None
    return name_match_prefix(person.full_name), person.birth.year


def duplicate_issue(field_name: str, code: IssueCode, other: Person, household_code: str) -> Issue:
    """An issue naming the other person, with their id so the window can open them.

    The same personal ID on two people is an error, in the editor as in an import: the
    number is a person's for life (Luật Căn cước 2023), so the second is the same person
    moved (move them, which keeps their history) or a typing mistake; saving both would
    count them twice in every list and pledge. The same name and birth year is only a
    warning: namesakes born the same year are common in a hamlet."""
    return Issue(
        field_name,
        code,
        Severity.ERROR if code is IssueCode.ID_NUMBER_DUPLICATE else Severity.WARNING,
        {
            "name": other.full_name,
            "birth_year": other.birth.year if other.birth else "",
            "household_code": household_code,
            "person_id": other.id,
            "household_id": other.household_id,
        },
    )


def duplicates_within(members: Sequence[Person], household_code: str) -> list[tuple[int, Issue]]:
    """Later rows that repeat an earlier row's personal ID or name and birth year."""
    found: list[tuple[int, Issue]] = []
    by_id: dict[str, Person] = {}
    by_name: dict[tuple[str, int], Person] = {}
    for row, person in enumerate(members):
        id_key = id_number_key(person.id_number)
        if id_key is not None:
            if id_key in by_id:
                issue = duplicate_issue(
                    "id_number", IssueCode.ID_NUMBER_DUPLICATE, by_id[id_key], household_code
                )
                found.append((row, issue))
            else:
                by_id[id_key] = person
        name_key = name_birth_key(person)
        if name_key is not None:
            if name_key in by_name:
                issue = duplicate_issue(
                    "full_name",
                    IssueCode.PERSON_POSSIBLE_DUPLICATE,
                    by_name[name_key],
                    household_code,
                )
                found.append((row, issue))
            else:
                by_name[name_key] = person
    return found
