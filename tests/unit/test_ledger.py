"""The residency ledger's rules and use cases: checks, presence from the ledger, reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from desktop.domain.errors import KnownError
from desktop.domain.movements import (
    REMINDER_LABELS,
    Guest,
    Movement,
    MovementKind,
    Presence,
    ReminderReason,
    add_months,
    check_new,
    presence_of,
)
from desktop.domain.tips import Tip
from desktop.messages import describe
from desktop.services import ledger
from desktop.services.households import delete_household
from desktop.services.progress import progress
from desktop.services.register import OpenRegister
from desktop.store import movements as store
from desktop.store import pledges as pledge_store
from desktop.store.movements import LedgerFilter
from desktop.store.tips import list_tips

TODAY = dt.date(2026, 12, 5)
D = dt.date


def _person(reg: OpenRegister, id_number: str) -> tuple[str, str]:
    return ledger.find_person(reg.db, id_number)


def _add(reg: OpenRegister, kind: MovementKind, start: dt.date, **kw: object) -> Movement:
    person_id, household_id = _person(reg, "012080001234")
    movement = Movement(kind, household_id, start, person_id=person_id, **kw)  # type: ignore[arg-type]
    return ledger.add_movement(reg, movement, TODAY)


def _count(reg: OpenRegister, table: str = "movement") -> int:
    return int(reg.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 2, 29), -12) == D(2023, 2, 28)
    assert add_months(D(2026, 12, 5), 24) == D(2028, 12, 5)


@pytest.mark.parametrize(
    ("movement", "code"),
    [
        (Movement(MovementKind.LUU_TRU, "h", D(2026, 1, 1), "p", until=D(2026, 1, 31)),
         "movement.luu_tru_too_long"),
        (Movement(MovementKind.TAM_TRU, "h", D(2026, 1, 1), "p"), "movement.tam_tru_until_missing"),
        (Movement(MovementKind.TAM_TRU, "h", D(2026, 1, 1), "p", until=D(2028, 1, 2)),
         "movement.tam_tru_too_long"),
        (Movement(MovementKind.TAM_VANG, "h", D(2026, 1, 5), "p", until=D(2026, 1, 4)),
         "movement.ends_before_start"),
        (Movement(MovementKind.DI_NUOC_NGOAI, "h", D(2026, 1, 5), "p"), "movement.country_missing"),
        (Movement(MovementKind.TAM_VANG, "h", D(2026, 1, 5)), "movement.person_required"),
        (Movement(MovementKind.LUU_TRU, "h", D(2026, 1, 5), guest=Guest(" ")),
         "movement.guest_name_missing"),
    ],
)  # fmt: skip
def test_check_new_refuses_what_the_rules_forbid(movement: Movement, code: str) -> None:
    with pytest.raises(KnownError) as refused:
        check_new(movement, [])
    assert refused.value.code == code


def test_lưu_trú_of_29_days_and_tạm_trú_of_exactly_two_years_are_accepted() -> None:
    check_new(Movement(MovementKind.LUU_TRU, "h", D(2026, 1, 1), "p", until=D(2026, 1, 30)), [])
    check_new(Movement(MovementKind.TAM_TRU, "h", D(2026, 1, 1), "p", until=D(2028, 1, 1)), [])


def test_presence_follows_the_latest_whereabouts() -> None:
    left = Movement(MovementKind.DI_NUOC_NGOAI, "h", D(2026, 3, 1), "p", country="Lào")
    back = Movement(MovementKind.VE_TU_NUOC_NGOAI, "h", D(2026, 6, 1), "p", country="Lào")
    away = Movement(MovementKind.TAM_VANG, "h", D(2026, 8, 1), "p")
    assert presence_of([], TODAY) is Presence.PRESENT
    assert presence_of([left], TODAY) is Presence.ABROAD
    assert presence_of([left], D(2026, 2, 1)) is Presence.PRESENT  # not gone yet
    assert presence_of([left, back], TODAY) is Presence.PRESENT
    assert presence_of([left, back, away], TODAY) is Presence.AWAY
    away.ended_on = D(2026, 10, 1)
    assert presence_of([left, back, away], TODAY) is Presence.PRESENT
    moved = Movement(MovementKind.CHUYEN_DI, "h", D(2026, 11, 1), "p", place="Hà Nội")
    assert presence_of([left, back, moved], TODAY) is Presence.MOVED_OUT
    died = Movement(MovementKind.CHET, "h", D(2026, 11, 2), "p")
    assert presence_of([left, moved, died], TODAY) is Presence.DEAD


def test_a_movement_is_written_through_the_writer_and_audited(register: OpenRegister) -> None:
    movement = _add(register, MovementKind.TAM_VANG, D(2026, 10, 1), place="Hà Nội")
    row = register.db.execute(
        "SELECT kind, place, rev, updated_by FROM movement WHERE id = ?", [movement.id]
    ).fetchone()
    assert row == ("tam_vang", "Hà Nội", 1, register.installation_id)
    audited = register.db.execute(
        "SELECT action FROM audit WHERE entity = 'movement' AND entity_id = ?", [movement.id]
    ).fetchall()
    assert audited == [("insert",)]


def test_an_open_tạm_vắng_refuses_another_until_it_ends(register: OpenRegister) -> None:
    first = _add(register, MovementKind.TAM_VANG, D(2026, 10, 1))
    with pytest.raises(KnownError) as refused:
        _add(register, MovementKind.TAM_VANG, D(2026, 11, 1))
    assert refused.value.code == "movement.tam_vang_open"
    assert _count(register) == 1
    ledger.end_movement(register, first.id, D(2026, 10, 20))
    _add(register, MovementKind.TAM_VANG, D(2026, 11, 1))
    assert _count(register) == 2


def test_two_tạm_trú_of_one_person_never_overlap(register: OpenRegister) -> None:
    first = _add(register, MovementKind.TAM_TRU, D(2026, 6, 1), until=D(2027, 2, 1))
    with pytest.raises(KnownError) as refused:
        _add(register, MovementKind.TAM_TRU, D(2026, 12, 1), until=D(2027, 6, 1))
    assert refused.value.code == "movement.tam_tru_overlap"
    assert "từ 01/06/2026 đến 01/02/2027" in describe(refused.value)
    assert _count(register) == 1
    renewal = _add(register, MovementKind.TAM_TRU, D(2027, 2, 1), until=D(2028, 2, 1))
    # Corrected to begin earlier, the renewal meets the first stay again.
    with pytest.raises(KnownError):
        ledger.edit_movement(register, replace(renewal, starts_on=D(2027, 1, 1)), TODAY)
    ledger.end_movement(register, first.id, D(2026, 11, 20))
    _add(register, MovementKind.TAM_TRU, D(2026, 12, 1), until=D(2027, 1, 31))
    assert _count(register) == 3


def test_someone_moved_out_is_not_away_until_moved_back(register: OpenRegister) -> None:
    _add(register, MovementKind.CHUYEN_DI, D(2026, 10, 1), place="Hà Nội")
    for kind in (MovementKind.TAM_VANG, MovementKind.CHUYEN_DI):
        with pytest.raises(KnownError) as refused:
            _add(register, kind, D(2026, 10, 5), place="Hà Nội")
        assert refused.value.code == "movement.moved_out"
        assert "đã chuyển đi ngày 01/10/2026" in describe(refused.value)
    assert _count(register) == 1
    _add(register, MovementKind.CHUYEN_DEN, D(2026, 11, 1), place="Hà Nội")
    _add(register, MovementKind.TAM_VANG, D(2026, 11, 20), place="Hà Nội")
    person_id, _ = _person(register, "012080001234")
    assert ledger.presence(register.db, [person_id], TODAY) == {person_id: Presence.AWAY}


def test_nothing_is_recorded_after_a_death(register: OpenRegister) -> None:
    _add(register, MovementKind.CHET, D(2026, 11, 2))
    for kind, start in (
        (MovementKind.CHUYEN_DI, D(2026, 11, 3)),
        (MovementKind.CHET, D(2026, 11, 4)),
    ):
        with pytest.raises(KnownError):
            _add(register, kind, start)
    assert _count(register) == 1
    person_id, _ = _person(register, "012080001234")
    assert ledger.presence(register.db, [person_id], TODAY) == {person_id: Presence.DEAD}


def test_ending_checks_the_kind_and_the_day(register: OpenRegister) -> None:
    born = _add(register, MovementKind.CHUYEN_DEN, D(2026, 1, 1), place="Xã Lê Lợi")
    with pytest.raises(KnownError) as refused:
        ledger.end_movement(register, born.id, D(2026, 2, 1))
    assert refused.value.code == "movement.not_lasting"
    away = _add(register, MovementKind.TAM_VANG, D(2026, 3, 1))
    with pytest.raises(KnownError) as refused:
        ledger.end_movement(register, away.id, D(2026, 2, 1))
    assert refused.value.code == "movement.ends_before_start"
    ledger.end_movement(register, away.id, D(2026, 4, 1))
    with pytest.raises(KnownError) as refused:
        ledger.end_movement(register, away.id, D(2026, 4, 2))
    assert refused.value.code == "movement.already_ended"


def test_a_guest_stays_at_a_host_household(register: OpenRegister) -> None:
    host = ledger.host_household(register.db, "NT-002")
    guest = Guest("Lý  Văn Páo", 1990, "E123 456", "Trung Quốc")
    stay = Movement(MovementKind.LUU_TRU, host, D(2026, 12, 1), guest=guest, until=D(2026, 12, 9))
    ledger.add_movement(register, stay, TODAY)
    (row,) = store.ledger(register.db, LedgerFilter(kind=MovementKind.LUU_TRU))
    assert (row.full_name, row.household_code, row.person_id) == ("Lý Văn Páo", "NT-002", None)
    here = ledger.here_now(register.db, TODAY)
    assert (here.guests, here.people, here.count(Presence.PRESENT)) == (1, 7, 7)
    assert [r.movement_id for r in store.ledger(register.db, LedgerFilter(query="ly van pao"))] == [
        stay.id
    ]


def test_text_pasted_in_a_legacy_font_or_a_formula_is_refused_and_nothing_written(
    register: OpenRegister,
) -> None:
    host = ledger.host_household(register.db, "NT-002")

    def stay(guest: Guest, reason: str = "") -> Movement:
        return Movement(
            MovementKind.LUU_TRU, host, D(2026, 12, 1), guest=guest, until=D(2026, 12, 9),
            reason=reason,
        )  # fmt: skip

    refusals = [
        # A reason pasted from an old .VnTime document, a name from a VNI one.
        (stay(Guest("Lý Văn Páo"), reason="Th¨m ng­êi nhµ"), "có lẽ là “Thăm người nhà”"),
        (stay(Guest("Lyù Vaên Paùo")), "phông cũ VNI (VNI-Times)"),
        (stay(Guest('=HYPERLINK("x")')), "bắt đầu bằng =, +, - hoặc @"),
    ]
    for movement, words in refusals:
        with pytest.raises(KnownError) as refused:
            ledger.add_movement(register, movement, TODAY)
        assert words in describe(refused.value)
    assert _count(register) == 0
    # A foreign name's own letter is no legacy font.
    ledger.add_movement(register, stay(Guest("Pablo Muñoz", nationality="Tây Ban Nha")), TODAY)
    tip = Tip(register.commune.code, dt.datetime(2026, 12, 4, 21, 30), "Mèc 79, B¶n Nµ Pång", "x")
    with pytest.raises(KnownError) as refused:
        ledger.add_tip(register, tip, dt.datetime(2026, 12, 5, 8, 0))
    assert "có lẽ là “Mốc 79, Bản Nà Pồng”" in describe(refused.value)
    assert (_count(register), _count(register, "tip")) == (1, 0)


def test_reminders_name_what_is_due(register: OpenRegister) -> None:
    _add(register, MovementKind.TAM_TRU, D(2025, 1, 1), until=D(2026, 12, 15))
    _add(register, MovementKind.TAM_VANG, D(2025, 11, 1))
    back = _add(
        register, MovementKind.VE_TU_NUOC_NGOAI, D(2026, 11, 1), country="Lào", via_trail=True
    )
    host = ledger.host_household(register.db, "NT-002")
    foreign = Guest("Somchai Phommachan", nationality="Lào")
    ledger.add_movement(
        register, Movement(MovementKind.LUU_TRU, host, D(2026, 12, 4), guest=foreign), TODAY
    )
    local = Guest("Hà Văn Tư", nationality="viet nam")
    ledger.add_movement(
        register,
        Movement(MovementKind.LUU_TRU, host, D(2026, 11, 1), guest=local, until=D(2026, 11, 20)),
        TODAY,
    )
    found = ledger.reminders(register, TODAY)
    reasons = [r.reason for r in found if r.reason is not ReminderReason.HO_CHUA_KY_CAM_KET]
    assert sorted(reasons) == sorted(
        [
            ReminderReason.TAM_TRU_HET_HAN,
            ReminderReason.TAM_VANG_QUA_12_THANG,
            ReminderReason.NHAP_CANH_KHONG_QUA_CUA_KHAU,
            ReminderReason.KHACH_NUOC_NGOAI_CHUA_BAO,
            ReminderReason.LUU_TRU_QUA_HAN,
        ]
    )
    unsigned = [r.household_code for r in found if r.reason is ReminderReason.HO_CHUA_KY_CAM_KET]
    assert sorted(unsigned) == ["NT-001", "NT-002", "T10-001", "T2-001"]
    ledger.mark_handled(register, back.id, D(2026, 11, 2))
    after = {r.reason for r in ledger.reminders(register, TODAY)}
    assert ReminderReason.NHAP_CANH_KHONG_QUA_CUA_KHAU not in after
    assert ReminderReason.TAM_TRU_HET_HAN not in {
        r.reason for r in ledger.reminders(register, D(2026, 11, 29))
    }


def test_a_tip_keeps_its_informant_in_the_register_only(register: OpenRegister) -> None:
    tip = Tip(
        register.commune.code,
        dt.datetime(2026, 12, 4, 21, 30),
        " Mốc  79 ",
        "Người lạ mặt",
        informant_name="Vàng A Sử",
        informant_phone="0912345678",
        people_count=3,
    )
    ledger.add_tip(register, tip, dt.datetime(2026, 12, 5, 8, 0))
    (kept,) = list_tips(register.db)
    assert (kept.place, kept.informant_name, kept.people_count) == ("Mốc 79", "Vàng A Sử", 3)
    kept.informant_phone = "0987654321"
    ledger.update_tip(register, kept, dt.datetime(2026, 12, 5, 9, 0))
    audit = register.db.execute("SELECT before, after FROM audit WHERE entity = 'tip'").fetchall()
    assert audit and "Vàng A Sử" not in str(audit)
    assert "0912345678" not in str(audit) and "0987654321" not in str(audit)
    with pytest.raises(KnownError) as refused:
        ledger.add_tip(
            register,
            Tip(register.commune.code, dt.datetime(2026, 12, 6), "x", "y"),
            dt.datetime(2026, 12, 5, 8, 0),
        )
    assert refused.value.code == "tip.in_future"


def test_nothing_is_due_about_someone_who_died(register: OpenRegister) -> None:
    _add(register, MovementKind.TAM_VANG, D(2025, 1, 1))
    due = [r.reason for r in ledger.reminders(register, TODAY) if r.movement_id]
    assert due == [ReminderReason.TAM_VANG_QUA_12_THANG]
    _add(register, MovementKind.CHET, D(2026, 6, 1))
    assert [r for r in ledger.reminders(register, TODAY) if r.movement_id] == []


def _member(reg: OpenRegister, full_name: str) -> tuple[str, str]:
    row = reg.db.execute(
        "SELECT id, household_id FROM person WHERE full_name = ?", [full_name]
    ).fetchone()
    return str(row[0]), str(row[1])


def test_a_household_where_nobody_lives_any_more_is_reminded_and_still_counted(
    register: OpenRegister,
) -> None:
    campaign = pledge_store.current_campaign(register.db)
    assert campaign is not None
    counted = progress(register, campaign)
    hoa, t10 = _member(register, "Phạm Thị Hoa")  # T10-001's only member
    ledger.add_movement(
        register, Movement(MovementKind.CHET, t10, D(2026, 10, 3), person_id=hoa), TODAY
    )
    an, t2 = _member(register, "Nguyễn Văn An")  # T2-001 keeps Trần Thị Bình
    ledger.add_movement(
        register,
        Movement(MovementKind.CHUYEN_DI, t2, D(2026, 9, 1), person_id=an, place="Xã Lê Lợi"),
        TODAY,
    )
    found = ledger.reminders(register, TODAY)
    nobody = [r for r in found if r.reason is ReminderReason.HO_KHONG_CON_AI_CU_TRU]
    assert [(r.household_code, r.household_id, r.full_name, r.due) for r in nobody] == [
        ("T10-001", t10, "Phạm Thị Hoa", D(2026, 10, 3))
    ]
    assert REMINDER_LABELS[ReminderReason.HO_KHONG_CON_AI_CU_TRU] == (
        "Hộ không còn ai cư trú: xóa hộ hoặc cập nhật thành viên"
    )
    # T2-001's head moved out while Trần Thị Bình still lives there: choose a new head
    # (its sheet would read "Họ và tên chủ hộ: ……"); T10-001 has only the reminder above.
    heads = [r for r in found if r.reason is ReminderReason.CHU_HO_KHONG_CON_CU_TRU]
    assert [(r.household_code, r.household_id, r.full_name, r.due) for r in heads] == [
        ("T2-001", t2, "Nguyễn Văn An", D(2026, 9, 1))
    ]
    assert REMINDER_LABELS[ReminderReason.CHU_HO_KHONG_CON_CU_TRU] == (
        "Chủ hộ đã chết hoặc chuyển đi: chọn chủ hộ mới"
    )
    # The counts stay what they were: still a household not signed.
    unsigned = [r.household_code for r in found if r.reason is ReminderReason.HO_CHUA_KY_CAM_KET]
    assert "T10-001" in unsigned
    assert progress(register, campaign) == counted
    # The day before she died, and once the household is deleted, nothing to do.
    before = ledger.reminders(register, D(2026, 10, 2))
    assert ReminderReason.HO_KHONG_CON_AI_CU_TRU not in {r.reason for r in before}
    before_an_went = ledger.reminders(register, D(2026, 8, 31))
    assert ReminderReason.CHU_HO_KHONG_CON_CU_TRU not in {r.reason for r in before_an_went}
    delete_household(register, t10)
    after = ledger.reminders(register, TODAY)
    assert ReminderReason.HO_KHONG_CON_AI_CU_TRU not in {r.reason for r in after}
