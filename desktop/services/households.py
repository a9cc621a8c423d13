"""Editing households: create or change one with its members and relatives in one transaction,
delete with undo, move a person, and the checks of a whole household against the commune."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from sqlite_utils import Database

from desktop.domain.entities import Household, Person, RelativeAbroad
from desktop.domain.errors import KnownError
from desktop.domain.roster import (
    HouseholdDraft,
    Part,
    PlacedIssue,
    duplicate_issue,
    id_number_key,
    name_birth_key,
    validate_draft,
)
from desktop.domain.validation import Issue, IssueCode, Severity, keep_phones
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store.households import DeletedHousehold
from desktop.store.register import known_sqlite_errors
from desktop.store.replicas import snapshot
from desktop.store.search import (
    Registered,
    people_with_id_number,
    people_with_name_and_birth_year,
)

__all__ = [
    "DeletedHousehold",
    "SaveResult",
    "check_draft",
    "delete_household",
    "duplicates_elsewhere",
    "load_draft",
    "move_person",
    "new_draft",
    "save_household",
    "suggest_code",
    "undo_delete",
]


@dataclass(frozen=True)
class SaveResult:
    """What a save did: the household's id, whether it was new or changed, its warnings."""

    household_id: str
    created: bool
    changed: bool
    warnings: tuple[PlacedIssue, ...]


def new_draft(hamlet_id: str, code: str = "") -> HouseholdDraft:
    return HouseholdDraft(Household(hamlet_id=hamlet_id, code=code))


_NUMBERED = re.compile(r"(.*?)(\d+)")


def suggest_code(db: Database, hamlet_id: str) -> str:
    """The next free code after the hamlet's highest numbered one ("NT-0012" → "NT-0013"),
    or "" when the hamlet has no numbered code yet."""
    codes = [
        row[0]
        for row in db.execute(
            "SELECT code FROM household WHERE hamlet_id = ? AND deleted = 0", [hamlet_id]
        ).fetchall()
    ]
    numbered = [(m[1], m[2]) for code in codes if (m := _NUMBERED.fullmatch(code))]
    if not numbered:
        return ""
    prefix, digits = max(numbered, key=lambda pair: (int(pair[1]), pair[0]))
    number = int(digits)
    while True:
        number += 1
        code = f"{prefix}{number:0{len(digits)}d}"
        if repo.find_household_by_code(db, code) is None:
            return code


def load_draft(db: Database, household_id: str) -> HouseholdDraft:
    """The stored household, its members in order and its relatives, ready to edit."""
    # One consistent read, inside the caller's transaction or a snapshot of its own: never
    # the write lock (the editor opens while another program writes).
    with contextlib.nullcontext() if db.conn.in_transaction else snapshot(db):
        return HouseholdDraft(
            household=repo.get_household(db, household_id),
            members=repo.members(db, household_id),
            relatives=repo.relatives_abroad(db, household_id),
            loaded=_revs(db, household_id),
        )


_REVS_SQL = """
    SELECT id, rev FROM household WHERE id = :id AND deleted = 0
    UNION ALL SELECT id, rev FROM person WHERE household_id = :id AND deleted = 0
    UNION ALL SELECT id, rev FROM relative_abroad WHERE household_id = :id AND deleted = 0"""


def _revs(db: Database, household_id: str) -> dict[str, int]:
    """id → rev of the household's live rows: what a draft was read from."""
    return dict(db.execute(_REVS_SQL, {"id": household_id}).fetchall())


# --- checks -------------------------------------------------------------------------------


def duplicates_elsewhere(db: Database, person: Person, household_id: str) -> list[Issue]:
    """Warnings when someone of another household has this person's personal ID, or the same
    name and birth year. Members of ``household_id`` itself are the draft's business."""
    issues: list[Issue] = []
    id_key = id_number_key(person.id_number)
    if id_key is not None:
        issues += _first_other(people_with_id_number(db, id_key), person, household_id, "id_number")
    name_key = name_birth_key(person)
    if name_key is not None and person.birth is not None:
        found = people_with_name_and_birth_year(db, person.full_name, person.birth.year)
        issues += _first_other(found, person, household_id, "full_name")
    return issues


def _first_other(
    found: list[Registered], person: Person, household_id: str, field: str
) -> list[Issue]:
    for hit in found:
        if hit.person.id != person.id and hit.person.household_id != household_id:
            code = (
                IssueCode.ID_NUMBER_DUPLICATE
                if field == "id_number"
                else IssueCode.PERSON_POSSIBLE_DUPLICATE
            )
            return [duplicate_issue(field, code, hit.person, hit.household_code)]
    return []


def check_draft(db: Database, draft: HouseholdDraft, today: dt.date) -> list[PlacedIssue]:
    """validate_draft plus what only the register knows: the code taken by another household,
    the same person already registered in another household (warnings naming them)."""
    placed = validate_draft(draft, today)
    household = draft.household
    if household.code.strip():
        holder = repo.find_household_by_code(db, household.code)
        if holder is not None and holder.id != household.id:
            issue = Issue("code", IssueCode.HOUSEHOLD_CODE_TAKEN, Severity.ERROR)
            placed.append(PlacedIssue(Part.HOUSEHOLD, -1, issue))
    for row, person in enumerate(draft.members):
        placed += [
            PlacedIssue(Part.MEMBER, row, issue)
            for issue in duplicates_elsewhere(db, person, household.id)
        ]
    return placed


# --- writes -------------------------------------------------------------------------------


def _tidy(person: Person) -> None:
    # IDs are stored as bare digits and phones as 0xxxxxxxxx, so lookups compare like with like.
    key = id_number_key(person.id_number)
    if key is not None:
        person.id_number = key
    # "0912345678 / 0987654321": the first is the phone, the others kept in the notes.
    person.phone, person.notes = keep_phones(person.phone, person.notes)


def save_household(
    register: OpenRegister, draft: HouseholdDraft, today: dt.date | None = None
) -> SaveResult:
    """Create or update the household with its members and relatives in one transaction.

    Members not in the draft any more are tombstoned, or moved when ``draft.moves`` says so;
    every row written is audited and its rev bumped (Writer). Refused as a whole, with
    nothing written, when the draft has errors (KnownError "household.invalid").
    """
    today = today or dt.date.today()
    issues = check_draft(register.db, draft, today)
    errors = [p for p in issues if p.issue.is_error]
    if errors:
        raise KnownError("household.invalid", code=draft.household.code, count=len(errors))
    writer, db = register.writer, register.db
    household = draft.household
    household.phone, household.notes = keep_phones(household.phone, household.notes)
    for position, person in enumerate(draft.members):
        person.household_id = household.id
        person.position = position
        _tidy(person)
    for relative in draft.relatives:
        relative.household_id = household.id

    with known_sqlite_errors(), db.atomic():
        created = not db.execute("SELECT 1 FROM household WHERE id = ?", [household.id]).fetchone()
        if created:
            repo.add_household(writer, household)
            stored = HouseholdDraft(household)
        else:
            stored = load_draft(db, household.id)
            if draft.loaded and stored.loaded != draft.loaded:
                # Another window, an import or a merge changed it after it was opened: saving
                # this draft would undo their change (or drop a member they added).
                raise KnownError("household.changed_elsewhere", code=household.code)
        changed = created
        changed |= _save_members(register, draft, stored)
        changed |= _save_relatives(register, draft.relatives, stored.relatives)
        if not created:
            changed |= repo.update_household(writer, household)
    warnings = tuple(p for p in issues if not p.issue.is_error)
    return SaveResult(household.id, created, changed, warnings)


def _save_members(register: OpenRegister, draft: HouseholdDraft, stored: HouseholdDraft) -> bool:
    writer, code = register.writer, draft.household.code
    before = {p.id for p in stored.members}
    changed = False
    for person in draft.members:
        if person.id in before:
            changed |= writer.update("person", person.id, repo.person_row(person, code))
        else:
            repo.add_person(writer, person, code)
            changed = True
    kept = {p.id for p in draft.members}
    for person in stored.members:
        if person.id in kept:
            continue
        target = draft.moves.get(person.id)
        if target is not None:
            repo.move_person(writer, person.id, target)
        else:
            writer.tombstone("person", person.id)
        changed = True
    return changed


def _save_relatives(
    register: OpenRegister, relatives: list[RelativeAbroad], stored: list[RelativeAbroad]
) -> bool:
    writer = register.writer
    before = {r.id for r in stored}
    changed = False
    for relative in relatives:
        if relative.id in before:
            changed |= repo.update_relative(writer, relative)
        else:
            repo.add_relative_abroad(writer, relative)
            changed = True
    kept = {r.id for r in relatives}
    for relative in stored:
        if relative.id not in kept:
            writer.tombstone("relative_abroad", relative.id)
            changed = True
    return changed


def delete_household(register: OpenRegister, household_id: str) -> DeletedHousehold:
    """Tombstone a household with its members and relatives; keep the result to undo it."""
    with known_sqlite_errors():
        return repo.delete_household(register.writer, household_id)


def undo_delete(register: OpenRegister, deleted: DeletedHousehold) -> None:
    """Restore exactly what one delete tombstoned (KnownError when its code was reused)."""
    with known_sqlite_errors():
        repo.restore_household(register.writer, deleted)


def move_person(register: OpenRegister, person_id: str, household_id: str) -> bool:
    """Move a person to another household now, in its own transaction (audited)."""
    with known_sqlite_errors():
        return repo.move_person(register.writer, person_id, household_id)
