"""A believable residency ledger for demo registers: people away for work, a few abroad and
back (one by a trail), temporary residents, guests (some foreign), moves, births, deaths,
some reminders due today, and a few tips. Written in bulk inside the demo's transaction."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import Gender
from desktop.domain.movements import (
    LUU_TRU_MAX_DAYS,
    Guest,
    Movement,
    MovementKind,
    add_months,
)
from desktop.domain.tips import TIP_TOPICS, Tip
from desktop.services import demo_names as names
from desktop.store.bulk import insert_rows
from desktop.store.movements import movement_row
from desktop.store.sync import Writer
from desktop.store.tips import tip_row

AWAY_PLACES = names._ranked(
    "TP_Hà_Nội Tỉnh_Bắc_Ninh Tỉnh_Thái_Nguyên TP_Hồ_Chí_Minh Tỉnh_Bình_Dương Tỉnh_Lào_Cai"
    " Tỉnh_Điện_Biên Tỉnh_Quảng_Ninh"
)
AWAY_REASONS = names._ranked("Đi_làm_ăn Làm_công_nhân Đi_học Chữa_bệnh Thăm_thân")
GATES = names._ranked("Cửa_khẩu_Ma_Lù_Thàng Cửa_khẩu_Lào_Cai Cửa_khẩu_Hữu_Nghị Cửa_khẩu_Tây_Trang")
TIP_PLACES = names._ranked("Mốc_79 Mốc_82 Đường_mòn_khe_suối Bãi_đất_trống_đầu_bản Bến_đò_cũ")
HANDED_TO = ("Đồn Biên phòng", "Công an xã")


@dataclass(frozen=True)
class _Resident:
    person_id: str
    household_id: str
    birth: str | None
    gender: Gender
    ethnicity: str
    temporary: bool


@dataclass(frozen=True)
class DemoLedger:
    movements: int
    tips: int


def populate_ledger(
    db: Database, writer: Writer, rng: random.Random, today: dt.date, after_rowid: int
) -> DemoLedger:
    """Ledger rows for the households after ``after_rowid`` (those the demo just made)."""
    people = [
        _Resident(pid, hid, birth, Gender(gender), ethnicity, residence == "tam_tru")
        for pid, hid, birth, gender, ethnicity, residence in db.execute(
            """SELECT p.id, p.household_id, p.birth, p.gender, p.ethnicity, p.residence
               FROM person p JOIN household h ON h.id = p.household_id
               WHERE h.rowid > ? AND p.deleted = 0 ORDER BY p.rowid""",
            [after_rowid],
        )
    ]
    rows: list[dict[str, Any]] = []
    for person in people:
        movement = _story(person, rng, today)
        if movement is not None:
            rows.extend(movement_row(m) for m in movement)
    households = sorted({p.household_id for p in people})
    for household_id in households:
        if rng.random() < 0.05:
            rows.append(movement_row(_guest(household_id, rng, today)))
    insert_rows(db, "movement", list(writer.stamp_new("movement", rows)))
    commune_code = db.execute("SELECT code FROM commune LIMIT 1").fetchone()[0]
    hamlets = [tuple(r) for r in db.execute("SELECT id, name FROM hamlet WHERE deleted = 0")]
    tips = [
        tip_row(_tip(commune_code, hamlets, rng, today))
        for _ in range(min(60, 3 + len(households) // 150))
    ]
    insert_rows(db, "tip", list(writer.stamp_new("tip", tips)))
    return DemoLedger(len(rows), len(tips))


def _days_ago(today: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    return today - dt.timedelta(days=rng.randint(low, high))


def _story(person: _Resident, rng: random.Random, today: dt.date) -> list[Movement] | None:
    """At most one short story per person, so the ledger never contradicts itself."""
    year = int(person.birth[:4]) if person.birth else 1980
    age = today.year - year
    base: dict[str, Any] = {"household_id": person.household_id, "person_id": person.person_id}
    if person.temporary:
        start = _days_ago(today, rng, 30, 700)
        until = min(add_months(start, rng.choice((12, 24))), add_months(start, 24))
        if until < today:  # renewed: the current stay runs on
            start, until = until, add_months(until, 12)
        return [
            Movement(MovementKind.TAM_TRU, starts_on=start, until=until,
                     place="Tỉnh " + rng.choice(("Lai Châu", "Điện Biên", "Sơn La", "Yên Bái")),
                     reason=rng.choice(("Công tác", "Làm việc tại thủy điện", "Kết hôn")), **base)
        ]  # fmt: skip
    if person.birth and len(person.birth) == 10 and age <= 1:
        born = dt.date.fromisoformat(person.birth)
        if born <= today:
            return [Movement(MovementKind.SINH, starts_on=born, place="Trạm y tế xã", **base)]
    draw = rng.random()
    if 18 <= age <= 55 and draw < 0.14:
        start = _days_ago(today, rng, 10, 450)
        away = Movement(
            MovementKind.TAM_VANG, starts_on=start, until=add_months(start, 12),
            place=names.phrase(AWAY_PLACES, rng), reason=names.phrase(AWAY_REASONS, rng), **base,
        )  # fmt: skip
        if rng.random() < 0.25:
            away.ended_on = min(today, start + dt.timedelta(days=rng.randint(20, 200)))
        return [away]
    if 18 <= age <= 50 and draw < 0.18:
        country = names.COUNTRIES.pick(rng).replace("_", " ")
        left = Movement(
            MovementKind.DI_NUOC_NGOAI, starts_on=_days_ago(today, rng, 60, 900), country=country,
            gate=names.phrase(GATES, rng), reason="Lao động", **base,
        )  # fmt: skip
        if rng.random() < 0.5:
            return [left]
        back_on = _days_ago(today, rng, 1, 50)
        back = Movement(
            MovementKind.VE_TU_NUOC_NGOAI, starts_on=max(back_on, left.starts_on), country=country,
            until=back_on + dt.timedelta(days=21), reason="Hết hợp đồng", **base,
        )  # fmt: skip
        left.ended_on = back.starts_on
        if rng.random() < 0.15:
            back.via_trail = True
            if rng.random() < 0.5:
                back.handed_over_on = back.starts_on + dt.timedelta(days=1)
        else:
            back.gate = left.gate
        return [left, back]
    if draw < 0.20:
        kind = MovementKind.CHUYEN_DEN if rng.random() < 0.5 else MovementKind.CHUYEN_DI
        place = "Xã " + rng.choice(("Lê Lợi", "Nậm Hàng", "Pu Sam Cáp", "Tả Phìn", "Phăng Sô Lin"))
        return [Movement(kind, starts_on=_days_ago(today, rng, 5, 700), place=place, **base)]
    if age >= 70 and draw < 0.26:
        return [Movement(MovementKind.CHET, starts_on=_days_ago(today, rng, 5, 400), **base)]
    return None


def _guest(household_id: str, rng: random.Random, today: dt.date) -> Movement:
    foreign = rng.random() < 0.15
    gender = Gender.MALE if rng.random() < 0.6 else Gender.FEMALE
    year = rng.randint(1960, 2004)
    if foreign:
        nationality = rng.choice(("Trung Quốc", "Lào"))
        full_name = rng.choice(("Vương Lập Quân", "Lý Kiến Hoa", "Somchai Phommachan"))
        number = f"E{rng.randint(10_000_000, 99_999_999)}"
    else:
        nationality = "Việt Nam"
        full_name = names.full_name(rng, "Kinh", gender, year)
        number = f"0{rng.randint(10, 96):02d}{rng.randint(0, 10**9 - 1):09d}"
    start = _days_ago(today, rng, 0, 40)
    stay = Movement(
        MovementKind.LUU_TRU, household_id, start,
        guest=Guest(full_name, year, number, nationality),
        until=start + dt.timedelta(days=rng.randint(2, LUU_TRU_MAX_DAYS)),
        reason=rng.choice(("Thăm người thân", "Làm thuê mùa vụ", "Buôn bán")),
    )  # fmt: skip
    assert stay.until is not None
    if stay.until < today and rng.random() < 0.7:
        stay.ended_on = stay.until
    if foreign and rng.random() < 0.5:
        stay.reported_on = start
    # A quarter go into the border belt, most of them told to the Border Guard post, the
    # foreign ones with a permit (decided from the ID number: the draws stay as they were).
    if int(number[-1]) % 4 == 0:
        stay.border_belt = True
        stay.border_permit = f"{int(number[-4:])}/GP-PA08" if foreign else ""
        if int(number[-2]) % 3:
            stay.handed_over_on = start
    return stay


def _tip(
    commune_code: str, hamlets: list[tuple[str, str]], rng: random.Random, today: dt.date
) -> Tip:
    hamlet_id, hamlet_name = rng.choice(hamlets)
    received = dt.datetime.combine(_days_ago(today, rng, 1, 180), dt.time(rng.randint(5, 22), 0))
    handed = received + dt.timedelta(hours=rng.randint(1, 20)) if rng.random() < 0.8 else None
    anonymous = rng.random() < 0.6
    return Tip(
        commune_code=commune_code,
        received_at=received,
        place=f"{names.phrase(TIP_PLACES, rng)}, {hamlet_name}",
        about=rng.choice(TIP_TOPICS),
        informant_name="" if anonymous else names.full_name(rng, "Kinh", Gender.MALE, 1975),
        informant_phone="" if anonymous else f"09{rng.randint(0, 10**8 - 1):08d}",
        hamlet_id=hamlet_id,
        people_count=rng.randint(1, 6),
        description=rng.choice(("Đi bộ theo đường mòn", "Mang theo hành lý lớn", "Nói tiếng lạ")),
        handed_to=rng.choice(HANDED_TO) if handed else "",
        handed_at=handed,
        outcome=rng.choice(("Đã xác minh, không có vi phạm", "Đang xác minh", ""))
        if handed
        else "",
    )
