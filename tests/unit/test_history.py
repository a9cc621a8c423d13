"""A household's change history: its own changes, its members' (moves too), its relatives."""

from __future__ import annotations

import datetime as dt

from desktop.domain.entities import RelativeAbroad
from desktop.domain.roster import remove_member
from desktop.services import households as service
from desktop.services.history import Change, household_history
from desktop.services.register import OpenRegister
from desktop.store import households as repo

TODAY = dt.date(2026, 11, 23)


def _id(register: OpenRegister, code: str) -> str:
    household = repo.find_household_by_code(register.db, code)
    assert household is not None
    return household.id


def test_history_names_people_codes_and_moves(register: OpenRegister) -> None:
    source, target = _id(register, "NT-001"), _id(register, "NT-002")
    draft = service.load_draft(register.db, source)
    draft.members[0].full_name = "Đặng Văn Hoà Bình"
    draft.household.phone = "0987654321"
    draft.relatives = [RelativeAbroad(source, "Đặng Thị Lụa", country="Trung Quốc")]
    service.save_household(register, draft, TODAY)
    draft = service.load_draft(register.db, source)
    remove_member(draft, 0, move_to=target)  # the head leaves: Lò Thị Hòa heads now
    service.save_household(register, draft, TODAY)

    history = household_history(register.db, source)
    described = [(e.entity, e.action, e.subject) for e in history]
    assert described[:3] == [
        ("household", "update", "NT-001"),  # the new head
        ("person", "move", "Đặng Văn Hoà Bình"),
        ("person", "update", "Lò Thị Hòa"),  # first in the order, "Chủ hộ" now
    ]
    move = next(e for e in history if e.action == "move")
    assert (move.subject, move.moved_from, move.moved_to) == (
        "Đặng Văn Hoà Bình",
        "NT-001",
        "NT-002",
    )
    head_change = history[0].changes
    assert Change("head_id", "Đặng Văn Hoà Bình", "Lò Thị Hòa") in head_change
    rename = next(e for e in history if e.changes and e.changes[0].field == "full_name")
    assert rename.changes[0] == Change("full_name", "Đặng Văn Hoà", "Đặng Văn Hoà Bình")
    assert ("relative_abroad", "insert", "Đặng Thị Lụa") in described
    assert ("household", "update", "NT-001") in described
    assert described[-1] == ("household", "insert", "NT-001")
    assert {e.actor for e in history} == {register.installation_id}
    # The person who moved shows in the new household's history too.
    assert any(e.action == "move" for e in household_history(register.db, target))


def test_history_of_a_deleted_and_restored_household(register: OpenRegister) -> None:
    # One line for the delete and one for the restore, not one per member as well.
    household_id = _id(register, "T10-001")
    members = len(service.load_draft(register.db, household_id).members)
    service.undo_delete(register, service.delete_household(register, household_id))
    history = household_history(register.db, household_id)
    assert [(e.entity, e.action, e.members) for e in history[:2]] == [
        ("household", "restore", members),
        ("household", "delete", members),
    ]
    assert all(e.entity == "household" or e.action == "insert" for e in history)


def test_history_query_uses_the_moved_from_index(register: OpenRegister) -> None:
    plan = register.db.execute(
        "EXPLAIN QUERY PLAN SELECT entity_id FROM audit WHERE entity = 'person'"
        " AND before IS NOT NULL AND json_extract(before, '$.household_id') = ?",
        ["x"],
    ).fetchall()
    assert any("audit_person_moved_from" in str(row) for row in plan)
