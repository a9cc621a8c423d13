"""Editing households through the services: one transaction per save, audited, with checks."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from desktop.domain.entities import BirthDate, DepartureStatus, Gender, Person, RelativeAbroad
from desktop.domain.errors import KnownError
from desktop.domain.roster import (
    HEAD_RELATIONSHIP,
    HouseholdDraft,
    Part,
    PlacedIssue,
    check_since,
    choose_head,
    move_member,
    remove_member,
)
from desktop.domain.validation import ISSUE_CODES
from desktop.messages import FIELD_LABELS, ISSUE_MESSAGES, describe, describe_issue
from desktop.services import households as service
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store.search import household_ids, search_people

TODAY = dt.date(2026, 11, 23)


def _hamlet_id(register: OpenRegister) -> str:
    return repo.list_hamlets(register.db)[0].id


def _draft(register: OpenRegister, code: str = "NT-100") -> HouseholdDraft:
    draft = service.new_draft(_hamlet_id(register), code)
    draft.household.address = "Bản Nậm Tăm"
    draft.members = [
        Person("", "Vàng Thị Lan", Gender.FEMALE, BirthDate(1984, 2, 1), "012184000777"),
        Person("", "Hầu A Sình", Gender.MALE, BirthDate(2010)),
    ]
    choose_head(draft, draft.members[0].id)
    return draft


def _count(register: OpenRegister, sql: str, *params: object) -> int:
    return int(register.db.execute(sql, list(params)).fetchone()[0])


def _audit(register: OpenRegister, row_id: str) -> list[tuple[str, dict, dict]]:
    rows = register.db.execute(
        "SELECT action, before, after FROM audit WHERE entity_id = ? ORDER BY seq", [row_id]
    ).fetchall()
    return [(a, json.loads(b) if b else {}, json.loads(c) if c else {}) for a, b, c in rows]


def _placed(issues: list[PlacedIssue]) -> set[tuple[str, int, str, str]]:
    return {(p.part, p.row, p.issue.field, p.issue.code) for p in issues}


def test_a_new_household_is_saved_whole_and_found_without_diacritics(
    register: OpenRegister,
) -> None:
    draft = _draft(register)
    result = service.save_household(register, draft, TODAY)
    assert result.created and result.changed and result.warnings == ()
    stored = service.load_draft(register.db, result.household_id)
    assert [p.full_name for p in stored.members] == ["Vàng Thị Lan", "Hầu A Sình"]
    assert [p.position for p in stored.members] == [0, 1]
    assert stored.household.head_id == stored.members[0].id
    assert stored.members[0].relationship == HEAD_RELATIONSHIP
    assert result.household_id in household_ids(register.db, "vang thi lan")
    assert [h.full_name for h in search_people(register.db, "hau a sinh")] == ["Hầu A Sình"]
    assert [a for a, _, _ in _audit(register, result.household_id)] == ["insert"]


def test_editing_changes_only_what_changed_with_rev_and_audit(register: OpenRegister) -> None:
    result = service.save_household(register, _draft(register), TODAY)
    draft = service.load_draft(register.db, result.household_id)
    son = draft.members[1]
    son.full_name = "Hầu A Sềnh"
    draft.household.phone = "0912 000 111"
    again = service.save_household(register, draft, TODAY)
    assert again.changed and not again.created
    assert _count(register, "SELECT rev FROM person WHERE id = ?", son.id) == 2
    assert _count(register, "SELECT rev FROM person WHERE id = ?", draft.members[0].id) == 1
    assert _count(register, "SELECT rev FROM household WHERE id = ?", result.household_id) == 2
    action, before, after = _audit(register, son.id)[-1]
    assert (action, before, after) == (
        "update",
        {"full_name": "Hầu A Sình"},
        {"full_name": "Hầu A Sềnh"},
    )
    assert repo.get_household(register.db, result.household_id).phone == "0912000111"
    # Saving what is stored is no change at all.
    unchanged = service.save_household(
        register, service.load_draft(register.db, draft.household.id)
    )
    assert not unchanged.changed
    assert _count(register, "SELECT rev FROM person WHERE id = ?", son.id) == 2


def test_a_draft_with_errors_writes_nothing(register: OpenRegister) -> None:
    audit_rows = _count(register, "SELECT count(*) FROM audit")
    draft = _draft(register, code="NT 100")  # a space is not allowed in a code
    draft.members[1].full_name = "Hầu A 2"
    with pytest.raises(KnownError) as caught:
        service.save_household(register, draft, TODAY)
    assert caught.value.code == "household.invalid"
    assert describe(caught.value) == "Hộ NT 100 còn 2 lỗi; sửa các lỗi trước khi lưu."
    assert _count(register, "SELECT count(*) FROM audit") == audit_rows
    assert _count(register, "SELECT count(*) FROM person WHERE full_name LIKE 'Vàng%'") == 0


def test_whole_household_checks(register: OpenRegister) -> None:
    draft = service.new_draft(_hamlet_id(register), "NT-001")  # taken by the fixture
    assert _placed(service.check_draft(register.db, draft, TODAY)) == {
        ("household", -1, "code", "household.code_taken"),
        ("household", -1, "members", "household.no_members"),
    }
    draft = _draft(register)
    draft.household.head_id = None
    draft.relatives = [RelativeAbroad("", "", country="Lào", since="2031")]
    assert _placed(service.check_draft(register.db, draft, TODAY)) == {
        ("household", -1, "head_id", "household.head_missing"),
        ("relative", 0, "full_name", "required.missing"),
        ("relative", 0, "since", "since.in_future"),
    }


def test_the_same_person_elsewhere_in_the_commune_is_named_an_id_an_error(
    register: OpenRegister,
) -> None:
    hoa = next(
        p
        for h in ("NT-001",)
        for p in repo.members(register.db, repo.find_household_by_code(register.db, h).id)  # type: ignore[union-attr]
        if p.full_name == "Đặng Văn Hoà"
    )
    draft = _draft(register)
    # Same ID typed with spaces; same name in the other tone placement and the same year.
    draft.members[1].id_number = "012 080 001 234"
    draft.members.append(Person("", "đặng văn hòa", Gender.MALE, BirthDate(1980)))
    issues = service.check_draft(register.db, draft, TODAY)
    duplicates = [
        p for p in issues if p.issue.code in ("id_number.duplicate", "person.possible_duplicate")
    ]
    assert {(p.row, p.issue.field, p.issue.code) for p in duplicates} == {
        (1, "id_number", "id_number.duplicate"),
        (2, "full_name", "person.possible_duplicate"),
    }
    for placed in duplicates:
        assert placed.issue.params["person_id"] == hoa.id
        assert placed.issue.params["household_id"] == hoa.household_id
    assert describe_issue(duplicates[0].issue) == "Số định danh: trùng với Đặng Văn Hoà (hộ NT-001)"
    assert describe_issue(duplicates[1].issue) == (
        "Họ và tên: trùng họ tên và năm sinh với Đặng Văn Hoà, sinh 1980 (hộ NT-001)"
    )
    # The same ID is an error, as in an import (one number is one person: move them, or
    # correct the typing); the same name and birth year only a warning (namesakes).
    assert [p.issue.is_error for p in sorted(duplicates, key=lambda p: p.row)] == [True, False]
    with pytest.raises(KnownError) as refused:
        service.save_household(register, draft, TODAY)
    assert refused.value.code == "household.invalid"
    draft.members[1].id_number = ""
    result = service.save_household(register, draft, TODAY)
    assert [w.issue.code for w in result.warnings] == ["person.possible_duplicate"]


def test_the_same_id_twice_in_one_household_names_the_first_row(register: OpenRegister) -> None:
    draft = _draft(register)
    draft.members[1].id_number = draft.members[0].id_number
    issues = [
        p
        for p in service.check_draft(register.db, draft, TODAY)
        if p.issue.code == "id_number.duplicate"
    ]
    assert [(p.row, p.part, p.issue.params["name"]) for p in issues] == [
        (1, Part.MEMBER, "Vàng Thị Lan")
    ]


def test_a_saved_member_is_not_their_own_duplicate(register: OpenRegister) -> None:
    result = service.save_household(register, _draft(register), TODAY)
    draft = service.load_draft(register.db, result.household_id)
    assert service.check_draft(register.db, draft, TODAY) == []


def test_reorder_choose_head_and_remove(register: OpenRegister) -> None:
    result = service.save_household(register, _draft(register), TODAY)
    draft = service.load_draft(register.db, result.household_id)
    draft.members.append(Person("", "Hầu Thị Mai", Gender.FEMALE, BirthDate(2012)))
    assert move_member(draft, 2, -1) == 1
    choose_head(draft, draft.members[1].id)  # Hầu Thị Mai heads now
    assert draft.members[0].relationship == ""  # the former head's "Chủ hộ" is cleared
    lan = remove_member(draft, 0)
    service.save_household(register, draft, TODAY)
    stored = service.load_draft(register.db, result.household_id)
    assert [p.full_name for p in stored.members] == ["Hầu Thị Mai", "Hầu A Sình"]
    assert [p.position for p in stored.members] == [0, 1]
    assert stored.household.head_id == stored.members[0].id
    assert stored.members[0].relationship == HEAD_RELATIONSHIP
    assert _count(register, "SELECT deleted FROM person WHERE id = ?", lan.id) == 1
    assert _audit(register, lan.id)[-1][0] == "delete"


def test_removing_the_head_makes_the_next_member_head() -> None:
    draft = HouseholdDraft(service.new_draft("t").household)
    draft.members = [Person("", n, Gender.MALE) for n in ("Lò Văn A", "Lò Văn B")]
    choose_head(draft, draft.members[0].id)
    remove_member(draft, 0)
    assert draft.household.head_id == draft.members[0].id
    assert draft.members[0].relationship == HEAD_RELATIONSHIP


def test_moving_a_person_shows_in_the_history(register: OpenRegister) -> None:
    result = service.save_household(register, _draft(register), TODAY)
    target = repo.find_household_by_code(register.db, "NT-002")
    assert target is not None
    draft = service.load_draft(register.db, result.household_id)
    lan = draft.members[0]
    remove_member(draft, 0, move_to=target.id)
    service.save_household(register, draft, TODAY)
    assert [p.full_name for p in repo.members(register.db, target.id)][-1] == "Vàng Thị Lan"
    assert repo.members(register.db, target.id)[-1].position == 2
    moved = [(b, a) for action, b, a in _audit(register, lan.id) if "household_id" in b]
    assert moved == [
        (
            {"household_id": result.household_id, "position": 0},
            {"household_id": target.id, "position": 2},
        )
    ]
    stored = service.load_draft(register.db, result.household_id)
    assert [p.full_name for p in stored.members] == ["Hầu A Sình"]
    assert stored.household.head_id == stored.members[0].id
    # Search finds her under her new household's code.
    assert [h.household_code for h in search_people(register.db, "vang thi lan")] == ["NT-002"]


def test_move_person_directly_replaces_a_leaving_head(register: OpenRegister) -> None:
    source = repo.find_household_by_code(register.db, "NT-001")
    target = repo.find_household_by_code(register.db, "T10-001")
    assert source is not None and target is not None
    head = source.head_id
    assert head is not None
    assert service.move_person(register, head, target.id) is True
    assert service.move_person(register, head, target.id) is False
    after = repo.get_household(register.db, source.id)
    assert after.head_id == repo.members(register.db, source.id)[0].id != head
    with pytest.raises(KnownError) as caught:
        service.move_person(register, head, "no-such-household")
    assert caught.value.code == "household.missing"


def test_relatives_abroad_add_edit_remove(register: OpenRegister) -> None:
    draft = _draft(register)
    draft.relatives = [
        RelativeAbroad(
            "",
            "Vàng A Tú",
            relationship="Con trai",
            country="Trung Quốc",
            since="03/2019",
            departure=DepartureStatus.ILLEGAL,
            contact="Zalo 0912000222",
            plans_to_return="Tết 2027",
        ),
        RelativeAbroad("", "Vàng Thị Dợ", country="Lào", since="2020"),
    ]
    result = service.save_household(register, draft, TODAY)
    stored = service.load_draft(register.db, result.household_id)
    assert [(r.full_name, r.departure) for r in stored.relatives] == [
        ("Vàng A Tú", DepartureStatus.ILLEGAL),
        ("Vàng Thị Dợ", DepartureStatus.UNKNOWN),
    ]
    tu, do = stored.relatives
    tu.departure = DepartureStatus.LEGAL
    stored.relatives = [tu]
    service.save_household(register, stored, TODAY)
    again = repo.relatives_abroad(register.db, result.household_id)
    assert [(r.full_name, r.departure, r.plans_to_return) for r in again] == [
        ("Vàng A Tú", DepartureStatus.LEGAL, "Tết 2027")
    ]
    assert _audit(register, tu.id)[-1] == (
        "update",
        {"departure": "bat_hop_phap"},
        {"departure": "hop_phap"},
    )
    assert _audit(register, do.id)[-1][0] == "delete"


def test_delete_and_undo(register: OpenRegister) -> None:
    household = repo.find_household_by_code(register.db, "NT-001")
    assert household is not None
    repo.add_relative_abroad(
        register.writer, RelativeAbroad(household.id, "Đặng Văn Tài", country="Lào")
    )
    deleted = service.delete_household(register, household.id)
    assert len(deleted.person_ids) == 2 and len(deleted.relative_ids) == 1
    assert household.id not in household_ids(register.db)
    assert search_people(register.db, "dang van hoa") == []
    service.undo_delete(register, deleted)
    assert household.id in household_ids(register.db)
    assert [h.full_name for h in search_people(register.db, "dang van hoa")] == ["Đặng Văn Hoà"]
    assert len(repo.relatives_abroad(register.db, household.id)) == 1
    assert [a for a, _, _ in _audit(register, household.id)] == ["insert", "delete", "restore"]


def test_undo_is_refused_when_the_code_was_reused(register: OpenRegister) -> None:
    household = repo.find_household_by_code(register.db, "T10-001")
    assert household is not None
    deleted = service.delete_household(register, household.id)
    service.save_household(register, _draft(register, code="T10-001"), TODAY)
    with pytest.raises(KnownError) as caught:
        service.undo_delete(register, deleted)
    assert caught.value.code == "household.code_taken"
    assert household.id not in household_ids(register.db)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("", []),
        ("2019", []),
        ("3/2019", []),
        ("15.03.2019", []),
        ("31/02/2019", ["since.unparseable"]),
        ("khoảng 2019", ["since.unparseable"]),
        ("2027", ["since.in_future"]),
        ("12/2026", ["since.in_future"]),
    ],
)
def test_since(text: str, codes: list[str]) -> None:
    assert [i.code for i in check_since(text, TODAY)] == codes


def test_every_issue_code_and_field_has_vietnamese_wording() -> None:
    assert set(ISSUE_MESSAGES) >= ISSUE_CODES
    for field in ("members", "head_id", "since", "full_name", "id_number", "country"):
        assert field in FIELD_LABELS


def test_name_match_prefix_ignores_case_and_tone_placement_only() -> None:
    from desktop.domain.text import name_match_prefix

    assert name_match_prefix("Đặng Văn Hoà") == name_match_prefix("đặng  văn hòa")
    assert name_match_prefix("Đặng Văn Hoà") != name_match_prefix("Đặng Văn Hoa")
    assert name_match_prefix("Đặng Văn Hoà") != name_match_prefix("Dặng Văn Hoà")


def test_suggest_code_follows_the_hamlets_last_number(register: OpenRegister) -> None:
    tam, thon2, _ = repo.list_hamlets(register.db)
    assert service.suggest_code(register.db, tam.id) == "NT-003"
    service.save_household(register, _draft(register, code="NT-009"), TODAY)
    assert service.suggest_code(register.db, tam.id) == "NT-010"
    assert service.suggest_code(register.db, thon2.id) == "T2-002"
    hamlet = repo.list_hamlets(register.db)[2]
    assert service.suggest_code(register.db, hamlet.id) == "T10-002"


def test_a_draft_changed_elsewhere_meanwhile_is_refused(register: OpenRegister) -> None:
    household_id = service.save_household(register, _draft(register), TODAY).household_id
    mine = service.load_draft(register.db, household_id)
    theirs = service.load_draft(register.db, household_id)
    theirs.members.append(Person("", "Hầu Thị Mỷ", Gender.FEMALE, BirthDate(2015)))
    service.save_household(register, theirs, TODAY)
    mine.household.phone = "0912000333"
    with pytest.raises(KnownError) as caught:
        service.save_household(register, mine, TODAY)
    assert caught.value.code == "household.changed_elsewhere"
    assert "NT-100" in describe(caught.value)
    # Nothing of mine was written, nothing of theirs lost.
    assert repo.get_household(register.db, household_id).phone == ""
    assert len(repo.members(register.db, household_id)) == 3
    # Opened again, it saves.
    again = service.load_draft(register.db, household_id)
    again.household.phone = "0912000333"
    assert service.save_household(register, again, TODAY).changed


def test_a_register_locked_by_another_writer_is_a_known_error(register: OpenRegister) -> None:
    register.db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(str(register.path), timeout=0.05)
    other.execute("BEGIN IMMEDIATE")  # an import holding the write lock
    try:
        with pytest.raises(KnownError) as caught:
            service.save_household(register, _draft(register), TODAY)
        assert caught.value.code == "db.busy"
        assert "đang bận" in describe(caught.value)
    finally:
        other.rollback()
        other.close()
    assert service.save_household(register, _draft(register), TODAY).created
