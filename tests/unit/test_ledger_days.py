"""The ledger refuses what a clerk cannot know yet or what a correction would break: a lasting
movement beginning years ahead, an arrival still to come, a move back in moved past an
absence; and a tip's informant phone is checked as every phone is."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from desktop.domain.errors import KnownError
from desktop.domain.movements import (
    PLANNED_DAYS_AHEAD,
    Guest,
    Movement,
    MovementKind,
    Presence,
)
from desktop.domain.tips import Tip
from desktop.messages import describe
from desktop.services import ledger
from desktop.services.register import OpenRegister
from desktop.store import movements as store
from desktop.store.movements import LedgerFilter
from desktop.store.tips import list_tips

TODAY = dt.date(2026, 12, 5)
NOW = dt.datetime(2026, 12, 5, 8, 0)
D = dt.date


def _add(reg: OpenRegister, kind: MovementKind, start: dt.date, **kw: object) -> Movement:
    person_id, household_id = ledger.find_person(reg.db, "012080001234")
    movement = Movement(kind, household_id, start, person_id=person_id, **kw)  # type: ignore[arg-type]
    return ledger.add_movement(reg, movement, TODAY)


def _refused(reg: OpenRegister, kind: MovementKind, start: dt.date, **kw: object) -> KnownError:
    with pytest.raises(KnownError) as refused:
        _add(reg, kind, start, **kw)
    return refused.value


def _stored(reg: OpenRegister) -> list[Movement]:
    rows = store.ledger(reg.db, LedgerFilter())
    return [store.get_movement(reg.db, row.movement_id) for row in rows]


def test_a_planned_absence_is_recorded_weeks_ahead_but_not_years(register: OpenRegister) -> None:
    ahead = TODAY + dt.timedelta(days=PLANNED_DAYS_AHEAD)
    planned = _add(register, MovementKind.TAM_VANG, ahead, place="TP Hà Nội")
    guest = _add(register, MovementKind.DI_NUOC_NGOAI, D(2026, 12, 20), country="Lào")
    err = _refused(register, MovementKind.TAM_TRU, D(2036, 1, 10), until=D(2036, 6, 1))
    assert err.code == "movement.too_far_ahead"
    assert describe(err).startswith("“Từ ngày”: ngày 10/01/2036 còn hơn 90 ngày nữa")
    err = _refused(register, MovementKind.LUU_TRU, ahead + dt.timedelta(days=1))
    assert err.code == "movement.too_far_ahead"
    assert {m.id for m in _stored(register)} == {planned.id, guest.id}
    # Corrected to a mistyped year, a saved one is refused the same way and stays as it was.
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(planned, starts_on=D(2036, 12, 1)), TODAY)
    assert refused.value.code == "movement.too_far_ahead"
    assert store.get_movement(register.db, planned.id).starts_on == ahead


def test_an_arrival_or_an_end_still_to_come_is_refused_naming_its_field(
    register: OpenRegister,
) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    err = _refused(register, MovementKind.VE_TU_NUOC_NGOAI, tomorrow, country="Trung Quốc")
    assert err.code == "movement.in_future"
    assert describe(err) == "“Từ ngày”: ngày 06/12/2026 ở tương lai; hãy ghi ngày thực tế."
    away = _add(register, MovementKind.TAM_VANG, D(2026, 11, 1))
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(away, ended_on=tomorrow), TODAY)
    assert describe(refused.value).startswith("“Kết thúc ngày”: ngày 06/12/2026 ở tương lai")
    assert _stored(register) == [away]


def test_moving_a_move_back_in_past_an_absence_is_refused_as_recording_it_was(
    register: OpenRegister,
) -> None:
    _add(register, MovementKind.CHUYEN_DI, D(2026, 10, 1), place="Hà Nội")
    back = _add(register, MovementKind.CHUYEN_DEN, D(2026, 11, 1), place="Hà Nội")
    away = _add(register, MovementKind.TAM_VANG, D(2026, 11, 20), place="Hà Nội")
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(back, starts_on=D(2026, 11, 25)), TODAY)
    assert refused.value.code == "movement.strands_later"
    assert describe(refused.value) == (
        "Ghi như vậy thì tạm vắng từ 20/11/2026 đã ghi sẽ rơi vào lúc người này đã chuyển đi "
        "(ngày 01/10/2026); hãy xem lại ngày, hoặc sửa tạm vắng đó trước."
    )
    assert store.get_movement(register.db, back.id).starts_on == D(2026, 11, 1)
    # A move out put before the absence breaks it the same way, new or corrected.
    err = _refused(register, MovementKind.CHUYEN_DI, D(2026, 11, 10), place="Lào Cai")
    assert err.code == "movement.strands_later"
    # Still before the absence, the move back in may be corrected.
    ledger.edit_movement(register, replace(back, starts_on=D(2026, 11, 15)), TODAY)
    person_id = away.person_id
    assert person_id is not None
    assert ledger.presence(register.db, [person_id], TODAY) == {person_id: Presence.AWAY}
    assert len(_stored(register)) == 3


def _tip(register: OpenRegister, phone: str) -> Tip:
    return Tip(
        register.commune.code,
        dt.datetime(2026, 12, 4, 21, 30),
        "Mốc 79",
        "Người lạ mặt",
        informant_name="Vàng A Sử",
        informant_phone=phone,
    )


@pytest.mark.parametrize("phone", ["abc123", "09 12", "091234567890", "+1 202 555 0100"])
def test_a_tips_informant_phone_is_checked_as_every_phone(
    register: OpenRegister, phone: str
) -> None:
    with pytest.raises(KnownError) as refused:
        ledger.add_tip(register, _tip(register, phone), NOW)
    assert refused.value.code == "tip.phone_invalid"
    assert describe(refused.value).startswith("“Điện thoại người báo” không phải số điện thoại")
    assert phone not in describe(refused.value)  # a refusal may reach a log
    assert list_tips(register.db) == []


def test_a_tips_informant_phone_is_stored_as_every_phone(register: OpenRegister) -> None:
    ledger.add_tip(register, _tip(register, "+84 912 345 678"), NOW)
    (kept,) = list_tips(register.db)
    assert kept.informant_phone == "0912345678"
    kept.informant_phone = "09x"
    with pytest.raises(KnownError):
        ledger.update_tip(register, kept, NOW)
    kept.informant_phone = ""  # none given: anonymous or no phone
    ledger.update_tip(register, kept, NOW)
    assert list_tips(register.db)[0].informant_phone == ""


def test_a_movement_before_its_person_was_born_is_refused(register: OpenRegister) -> None:
    # Born 04/03/1980: 1926 typed for 2026 kept him "away" for a hundred years.
    err = _refused(register, MovementKind.TAM_VANG, D(1926, 11, 1), place="Hà Nội")
    assert err.code == "movement.before_birth"
    assert describe(err) == (
        "“Từ ngày”: ngày 01/11/1926 trước khi người này sinh ra (04/03/1980); hãy xem lại"
        " ngày và năm."
    )
    host = ledger.host_household(register.db, "NT-002")
    guest = Movement(
        MovementKind.LUU_TRU, host, D(1989, 12, 1), guest=Guest("Hà Văn Tư", birth_year=1990)
    )
    with pytest.raises(KnownError) as refused:
        ledger.add_movement(register, guest, TODAY)
    assert refused.value.code == "movement.before_birth"
    assert _stored(register) == []
    born = _add(register, MovementKind.CHUYEN_DEN, D(1980, 3, 4), place="Lào Cai")
    with pytest.raises(KnownError):
        ledger.edit_movement(register, replace(born, starts_on=D(1980, 3, 3)), TODAY)


def test_a_birth_is_recorded_once_and_on_the_day_the_register_says_its_person_was_born(
    register: OpenRegister,
) -> None:
    # Born 04/03/1980: a "Sinh" on 01/12/2026 (today's day picked by mistake) counted a
    # birth of 2026 in the period's report, and three of them three births of one person.
    err = _refused(register, MovementKind.SINH, D(2026, 12, 1), place="Trạm y tế xã")
    assert err.code == "movement.birth_not_on_birth_day"
    assert describe(err) == (
        "“Từ ngày”: biến động Sinh ghi ngày 01/12/2026, nhưng sổ ghi người này sinh"
        " 04/03/1980; hãy ghi đúng ngày sinh (hoặc sửa ngày sinh ở màn hình Hộ gia đình trước)."
    )
    assert _stored(register) == []
    born = _add(register, MovementKind.SINH, D(1980, 3, 4), place="Trạm y tế xã")
    err = _refused(register, MovementKind.SINH, D(1980, 3, 4))
    assert err.code == "movement.already_born"
    assert describe(err) == "Sổ đã ghi biến động Sinh của người này ngày 04/03/1980."
    assert [m.id for m in _stored(register)] == [born.id]
    with pytest.raises(KnownError) as refused:  # nor moved off the day by an edit
        ledger.edit_movement(register, replace(born, starts_on=D(1980, 3, 5)), TODAY)
    assert refused.value.code == "movement.birth_not_on_birth_day"
    ledger.edit_movement(register, replace(born, place="Bệnh viện huyện"), TODAY)


def test_a_birth_known_to_the_month_or_year_is_recorded_on_a_day_within_it(
    register: OpenRegister,
) -> None:
    person_id, _ = ledger.find_person(register.db, "012080001234")
    for birth, inside, outside in (
        ("2001-05", D(2001, 5, 31), D(2001, 6, 1)),
        ("2001", D(2001, 12, 31), D(2002, 1, 1)),
    ):
        register.db.execute("UPDATE person SET birth = ? WHERE id = ?", [birth, person_id])
        assert _refused(register, MovementKind.SINH, outside).code == (
            "movement.birth_not_on_birth_day"
        )
        born = _add(register, MovementKind.SINH, inside)
        register.db.execute("DELETE FROM movement WHERE id = ?", [born.id])
