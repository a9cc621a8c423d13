"""What an import would do to a register: households and people matched, new or changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from desktop.domain.entities import Hamlet, Household, Person, new_ids
from desktop.domain.import_columns import ColumnMap, ImportField
from desktop.domain.import_households import HouseholdDraft
from desktop.domain.import_rows import ImportIssueCode, ImportRow, RowIssue
from desktop.domain.roster import duplicate_issue
from desktop.domain.text import fold_for_search, remembered_fold, without_kind_word
from desktop.domain.unreadable import carried, unreadable
from desktop.domain.validation import Issue, IssueCode, Severity
from desktop.services.register import hamlet_kind_of
from desktop.store import households as repo
from desktop.store.register_rows import live_households, live_people

if TYPE_CHECKING:
    from sqlite_utils import Database

# Fields of a person an import may change; an empty cell never erases a stored value.
_PERSON_FIELDS = (
    "full_name",
    "gender",
    "birth",
    "id_number",
    "ethnicity",
    "relationship",
    "phone",
    "occupation",
    "notes",
    "residence",
)
_person_fields = attrgetter(*_PERSON_FIELDS)


class RowStatus(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class HouseholdAction:
    """One household of the file: a new one, or an existing one with its changes."""

    household: Household
    new: bool
    household_changed: bool
    people: list[tuple[Person, RowStatus, int]]  # person, status, file row
    head_id: str | None


@dataclass
class ImportPlan:
    actions: list[HouseholdAction] = field(default_factory=list)
    new_hamlets: list[Hamlet] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)

    def counts(self) -> Counter[RowStatus]:
        """How many of the file's people are new, updated and unchanged (one pass)."""
        people = chain.from_iterable(a.people for a in self.actions)
        return Counter(map(itemgetter(1), people))

    @property
    def new_households(self) -> int:
        return sum(a.new for a in self.actions)


class _Register:
    """The register's live households, people and hamlets, indexed for matching."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.hamlets = repo.list_hamlets(db)
        self.hamlet_by_id = {h.id: h for h in self.hamlets}
        self.hamlet_by_name: dict[str, Hamlet] = {}
        for hamlet in self.hamlets:
            folded = fold_for_search(hamlet.name)
            self.hamlet_by_name.setdefault(folded, hamlet)
            self.hamlet_by_name.setdefault(without_kind_word(folded), hamlet)
        self.households: dict[str, Household] = {}
        self.household_by_code: dict[str, str] = {}
        for h in live_households(db):
            self.households[h.id] = h
            self.household_by_code[remembered_fold(h.code)] = h.id
        self.members: dict[str, list[Person]] = {}
        self.person_by_id_number: dict[str, Person] = {}
        for p in live_people(db):
            self.members.setdefault(p.household_id, []).append(p)
            if p.id_number:
                self.person_by_id_number[p.id_number] = p
        self.codes = set(self.household_by_code)
        heads = {p.id: p for people in self.members.values() for p in people}
        self.household_by_head: dict[tuple[str, str, int | None], str] = {}
        for household in self.households.values():
            head = heads.get(household.head_id or "")
            if head is not None:
                self.household_by_head.setdefault(
                    _head_key(household.hamlet_id, head), household.id
                )


def _head_key(hamlet_id: str, person: Person) -> tuple[str, str, int | None]:
    """A household known by its head: hamlet, name without marks, birth year."""
    return hamlet_id, remembered_fold(person.full_name), person.birth.year if person.birth else None


def plan_import(
    db: Database,
    drafts: Sequence[HouseholdDraft],
    columns: ColumnMap,
    default_hamlet: str = "",
) -> ImportPlan:
    """Match every household of the file with the register (by household code, then by a
    member's personal ID) and list what is new, changed or the same."""
    reg = _Register(db)
    plan = ImportPlan()
    new_hamlets: dict[str, Hamlet] = {}
    hamlet_label = _label(columns, ImportField.HAMLET)
    id_label = _label(columns, ImportField.ID_NUMBER)
    free_codes = _FreeCodes(reg.codes | {remembered_fold(d.code) for d in drafts if d.code})
    matched: dict[str, int] = {}  # existing household id -> file row of the draft it matched
    hamlets: dict[str, Hamlet] = {}  # by the name the file gives (a list repeats a few)
    household_ids = iter(new_ids(len(drafts)))  # in one go (a first import's are all new)
    for draft in drafts:
        head = draft.rows[0]
        named = draft.hamlet or default_hamlet
        hamlet: Hamlet | None = None
        if named:
            hamlet = hamlets.get(named)
            if hamlet is None:
                hamlet = hamlets[named] = _hamlet(reg, new_hamlets, named)
        if hamlet is None and len(reg.hamlets) == 1:
            hamlet = reg.hamlets[0]
        existing_id = _existing_household(reg, draft, hamlet)
        if existing_id is not None and not named:
            # A list without hamlets updates households where they are.
            hamlet = reg.hamlet_by_id[reg.households[existing_id].hamlet_id]
        if hamlet is None:
            plan.issues.append(
                RowIssue(
                    head.row,
                    hamlet_label or _label(columns, ImportField.FULL_NAME),
                    Issue("hamlet_id", ImportIssueCode.HAMLET_MISSING, Severity.ERROR),
                )
            )
            continue
        if existing_id is None:
            for row in draft.rows if reg.person_by_id_number else ():
                issue = _id_held_by_another(reg, row, None)
                if issue is not None:
                    plan.issues.append(RowIssue(row.row, id_label, issue))
            plan.actions.append(_new_household(draft, hamlet, free_codes, next(household_ids)))
            continue
        if existing_id in matched:
            plan.issues.append(
                _row_issue(
                    head.row,
                    _label(columns, ImportField.FULL_NAME),
                    "household",
                    ImportIssueCode.SAME_HOUSEHOLD,
                    Severity.ERROR,
                    row=matched[existing_id],
                )
            )
            continue
        matched[existing_id] = head.row
        stored_code = reg.households[existing_id].code
        if draft.code and fold_for_search(draft.code) != fold_for_search(stored_code):
            plan.issues.append(
                _row_issue(
                    head.row,
                    _label(columns, ImportField.HOUSEHOLD_CODE),
                    "code",
                    ImportIssueCode.CODE_KEPT,
                    Severity.WARNING,
                    code=stored_code,
                )
            )
        plan.actions.append(
            _update_household(reg, draft, hamlet, existing_id, columns, plan.issues)
        )
    plan.new_hamlets = list(new_hamlets.values())
    for hamlet in plan.new_hamlets:
        first = next(a for a in plan.actions if a.household.hamlet_id == hamlet.id)
        plan.issues.append(
            RowIssue(
                min(r for _, _, r in first.people),
                hamlet_label,
                Issue(
                    "hamlet_id", ImportIssueCode.HAMLET_NEW, Severity.WARNING, {"name": hamlet.name}
                ),
            )
        )
    return plan


def _label(columns: ColumnMap, f: ImportField) -> str:
    column = columns.column_of(f)
    return columns.label(column) if column is not None else ""


def _hamlet(reg: _Register, new: dict[str, Hamlet], name: str) -> Hamlet:
    folded = fold_for_search(name)
    found = reg.hamlet_by_name.get(folded) or reg.hamlet_by_name.get(without_kind_word(folded))
    if found is not None:
        return found
    if folded not in new:
        new[folded] = Hamlet(name=name, kind=hamlet_kind_of(name))
    return new[folded]


def _existing_household(reg: _Register, draft: HouseholdDraft, hamlet: Hamlet | None) -> str | None:
    """The register's household this draft is: by code, else by a member's personal ID,
    else by its head (name and birth year in the same hamlet), for lists with neither."""
    if not reg.households:  # a first import: nothing to match
        return None
    if draft.code:
        found = reg.household_by_code.get(remembered_fold(draft.code))
        if found is not None:
            return found
    for row in draft.rows:
        person = reg.person_by_id_number.get(row.person.id_number)
        if row.person.id_number and person is not None and _same_person(person, row.person):
            return person.household_id
    if hamlet is None:
        return None
    return reg.household_by_head.get(_head_key(hamlet.id, draft.rows[0].person))


def _same_person(stored: Person, incoming: Person) -> bool:
    """Whether a row whose personal ID the register holds is that person: the name (marks
    and case aside) or the birth year agrees. A row whose name and birth year both differ
    is another person typed with that number (Excel's fill-down, a slip of the finger):
    taking it as the same would rename the person on file."""
    if remembered_fold(stored.full_name) == remembered_fold(incoming.full_name):
        return True
    return bool(stored.birth and incoming.birth and stored.birth.year == incoming.birth.year)


def _id_held_by_another(reg: _Register, row: ImportRow, household_id: str | None) -> Issue | None:
    """The editor's judgement of a personal ID another person already holds (an error
    naming them): held in another household, or in this one by someone else."""
    other = reg.person_by_id_number.get(row.person.id_number) if row.person.id_number else None
    if other is None or (other.household_id == household_id and _same_person(other, row.person)):
        return None
    code = reg.households[other.household_id].code
    return duplicate_issue("id_number", IssueCode.ID_NUMBER_DUPLICATE, other, code)


def _row_issue(
    file_row: int,
    column: str,
    field_name: str,
    issue_code: str,
    severity: Severity,
    **params: object,
) -> RowIssue:
    return RowIssue(file_row, column, Issue(field_name, issue_code, severity, params))


@dataclass
class _FreeCodes:
    """The codes new households without one are given: the hamlet's initials and the
    lowest number no household of the register or the file has. Each prefix's search goes
    on from the number it last gave (codes are only ever taken): counting from 1 again for
    every household made a list of 4,708 households without codes in one hamlet take 24 s
    of CPU to plan."""

    taken: set[str]  # folded codes of the register and the file
    next_number: dict[str, int] = field(default_factory=dict)

    def next_for(self, hamlet: Hamlet) -> str:
        folded = fold_for_search(without_kind_word(fold_for_search(hamlet.name)))
        prefix = "".join(w[0] for w in folded.split() if w[0].isalpha()).upper()[:4] or "HO"
        number = self.next_number.get(prefix, 1)
        while fold_for_search(f"{prefix}-{number:03d}") in self.taken:
            number += 1
        code = f"{prefix}-{number:03d}"
        self.taken.add(fold_for_search(code))
        self.next_number[prefix] = number + 1
        return code


def _new_household(
    draft: HouseholdDraft, hamlet: Hamlet, codes: _FreeCodes, household_id: str
) -> HouseholdAction:
    code = draft.code or codes.next_for(hamlet)
    household = Household(hamlet.id, code, draft.address, draft.phone, id=household_id)
    people = []
    new = RowStatus.NEW  # looked up once (Python 3.11's Enum class: through its __getattr__)
    for position, row in enumerate(draft.rows):
        # The row's person is this plan's own (read_rows made it for this dry run): placed
        # in its household as it is, not copied (dataclasses.replace: 3 % of an import).
        person = row.person
        person.household_id, person.position = household.id, position
        people.append((person, new, row.row))
    household.head_id = people[0][0].id
    return HouseholdAction(household, True, True, people, household.head_id)


def _match_member(members: list[Person], row: ImportRow, used: set[str]) -> Person | None:
    candidates = [m for m in members if m.id not in used]
    if row.person.id_number:
        for m in candidates:
            if m.id_number == row.person.id_number:
                return m
    name = remembered_fold(row.person.full_name)
    for m in candidates:
        if remembered_fold(m.full_name) != name:
            continue
        if row.person.birth and m.birth and row.person.birth.year != m.birth.year:
            continue
        if row.person.id_number and m.id_number and row.person.id_number != m.id_number:
            continue
        return m
    return None


def _merged(stored: Person, row: ImportRow) -> Person:
    """The stored person with the values the row gives: ``stored`` itself when none
    differs (a list imported again is mostly such rows)."""
    incoming = row.person
    given, held = _person_fields(incoming), _person_fields(stored)
    if given == held:
        return stored
    changes: dict[str, Any] = {}
    for name, value, old in zip(_PERSON_FIELDS, given, held, strict=True):
        if value in ("", None) or value == old:
            continue
        if name == "ethnicity" and value == "Kinh" and old:
            continue  # the parser's default, not a value read from the file
        if name == "residence" and not row.residence_given:
            continue  # the default of a list without a Cư trú column, or an empty cell
        changes[name] = value
    if not changes:
        return stored
    # A value CamKet could not read that the list does not give stays (domain.unreadable).
    kept = [c for c in unreadable(stored) if c not in changes]
    return carried(stored, replace(stored, **changes), kept)


def _update_household(
    reg: _Register,
    draft: HouseholdDraft,
    hamlet: Hamlet,
    household_id: str,
    columns: ColumnMap,
    issues: list[RowIssue],
) -> HouseholdAction:
    stored = reg.households[household_id]
    address = draft.address or stored.address
    members = reg.members.get(household_id, [])
    used: set[str] = set()
    people: list[tuple[Person, RowStatus, int]] = []
    position = max((m.position for m in members), default=-1) + 1
    id_label = _label(columns, ImportField.ID_NUMBER)
    for row in draft.rows:
        issue = _id_held_by_another(reg, row, household_id)
        if issue is not None:
            issues.append(RowIssue(row.row, id_label, issue))
            continue
        match = _match_member(members, row, used)
        if match is None:
            person = replace(row.person, household_id=household_id, position=position)
            position += 1
            people.append((person, RowStatus.NEW, row.row))
            continue
        used.add(match.id)
        merged = _merged(match, row)
        status = RowStatus.UNCHANGED if merged is match else RowStatus.UPDATED
        people.append((merged, status, row.row))
    head_id = people[0][0].id if people and draft.rows[0].is_head else stored.head_id
    # The household's phone is its head's (HouseholdDraft.phone): the first row's phone
    # only when that row is the head, marked or as stored; a wife's row first in a list
    # without the head (dead, moved out: not in camket spreadsheet's live people) is not.
    heads = bool(people) and people[0][0].id == head_id
    phone = (draft.phone if heads else "") or stored.phone
    if phone != stored.phone and stored.phone:
        # A household phone of its own (a landline, typed in the household editor), not
        # the head's stored one: the head's row is the head's phone (camket spreadsheet's
        # people carry each their own), and changes the head's alone.
        head = next((m for m in members if m.id == head_id), None)
        if head is None or head.phone != stored.phone:
            phone = stored.phone
    if not draft.rows[0].is_head:
        # The household keeps the head it has: the first row was not made its head, as the
        # warning of a new household's says.
        first = draft.rows[0]
        first.issues[:] = [i for i in first.issues if i.issue.code != ImportIssueCode.NO_HEAD]
    given = (hamlet.id, address, phone, head_id)
    changed = given != (stored.hamlet_id, stored.address, stored.phone, stored.head_id)
    if changed and people and people[0][1] is RowStatus.UNCHANGED:
        people[0] = (people[0][0], RowStatus.UPDATED, people[0][2])
    household = (
        replace(stored, hamlet_id=hamlet.id, address=address, phone=phone, head_id=head_id)
        if changed
        else stored
    )
    return HouseholdAction(household, False, changed, people, head_id)
