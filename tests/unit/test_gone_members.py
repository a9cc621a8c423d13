"""Members the ledger says are dead or moved out stay in their household's history but are
not living members: not printed on the pledge sheet, not counted, not offered as signer."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.movements import Movement, MovementKind, ReminderReason
from desktop.domain.pledges import PledgeStatus, parse_qr
from desktop.domain.upload_sheet import UploadSheet
from desktop.services import checkin, ledger, pledges, printing
from desktop.services.register import OpenRegister
from desktop.services.sheets import sheets_for
from desktop.services.upload_sheet import export_sheet
from desktop.store.presence import gone_sql
from desktop.store.search import household_ids, household_rows
from tests.golden.pdf_facts import qr_codes

TODAY = dt.date(2026, 12, 5)
D = dt.date


def _person(reg: OpenRegister, name: str) -> tuple[str, str]:
    row = reg.db.execute(
        "SELECT id, household_id FROM person WHERE full_name = ?", [name]
    ).fetchone()
    return row[0], row[1]


def _record(reg: OpenRegister, name: str, kind: MovementKind, day: dt.date, **kw: str) -> None:
    person_id, household_id = _person(reg, name)
    movement = Movement(kind, household_id, day, person_id=person_id, **kw)  # type: ignore[arg-type]
    ledger.add_movement(reg, movement, TODAY)


@pytest.fixture
def moved(register: OpenRegister) -> OpenRegister:
    """NT-001: the head died, his wife moved out; NT-002: one moved out and came back, one
    abroad; T2-001: one moves out in November, one is away (tạm vắng)."""
    _record(register, "Đặng Văn Hoà", MovementKind.CHET, D(2026, 6, 1))
    _record(register, "Lò Thị Hòa", MovementKind.CHUYEN_DI, D(2026, 3, 1), place="Hà Nội")
    _record(register, "Giàng A Páo", MovementKind.CHUYEN_DI, D(2026, 1, 1), place="Lào Cai")
    _record(register, "Giàng A Páo", MovementKind.CHUYEN_DEN, D(2026, 5, 1), place="Lào Cai")
    _record(register, "Sùng Thị Mỷ", MovementKind.DI_NUOC_NGOAI, D(2026, 2, 1), country="Lào")
    _record(register, "Nguyễn Văn An", MovementKind.CHUYEN_DI, D(2026, 11, 1), place="Huế")
    _record(register, "Trần Thị Bình", MovementKind.TAM_VANG, D(2026, 9, 1))
    return register


def _names(reg: OpenRegister, ids: set[str]) -> set[str]:
    names = dict(reg.db.execute("SELECT id, full_name FROM person").fetchall())
    return {names[pid] for pid in ids}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 10, 1), {"Đặng Văn Hoà", "Lò Thị Hòa"}),
        (TODAY, {"Đặng Văn Hoà", "Lò Thị Hòa", "Nguyễn Văn An"}),
        (D(2026, 4, 1), {"Lò Thị Hòa", "Giàng A Páo"}),  # before he came back
    ],
)
def test_the_sql_and_the_ledger_agree_on_who_is_gone(
    moved: OpenRegister, day: dt.date, expected: set[str]
) -> None:
    everyone = [r[0] for r in moved.db.execute("SELECT id FROM person")]
    by_sql = {
        r[0] for r in moved.db.execute(f"SELECT id FROM person p WHERE {gone_sql('p.id', day)}")
    }
    assert _names(moved, by_sql) == expected
    assert ledger.gone(moved.db, everyone, day) == by_sql


def test_the_pledge_sheet_lists_living_members_only(moved: OpenRegister) -> None:
    sheets = {s.household_code: s for s in sheets_for(moved, today=TODAY)}
    assert sheets["NT-001"].members == () and sheets["NT-001"].head_name == ""
    assert [m.full_name for m in sheets["NT-002"].members] == ["Giàng A Páo", "Sùng Thị Mỷ"]
    assert [m.full_name for m in sheets["T2-001"].members] == ["Trần Thị Bình"]
    assert sheets["T2-001"].member_count == 1
    before = {s.household_code: s for s in sheets_for(moved, today=D(2026, 10, 1))}
    assert before["T2-001"].member_count == 2  # he had not moved out yet


def test_counts_leave_them_out(moved: OpenRegister) -> None:
    ids = household_ids(moved.db)
    counts = {r.code: r.member_count for r in household_rows(moved.db, ids, today=TODAY).values()}
    assert counts == {"NT-001": 0, "NT-002": 2, "T2-001": 1, "T10-001": 1}
    here = ledger.here_now(moved.db, TODAY)
    assert here.people == 4  # 7 people, one dead and two moved out
    assert sum(here.by_presence.values()) == 7


def test_the_upload_sheet_lists_and_counts_living_members(
    moved: OpenRegister, tmp_path: Path
) -> None:
    def rows(what: UploadSheet) -> list[dict[str, str]]:
        out = tmp_path / f"{what.value}.csv"
        export_sheet(moved, what, out, headers="machine")
        with out.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f, delimiter=";"))

    people = {r["full_name"] for r in rows(UploadSheet.PEOPLE)}
    assert "Đặng Văn Hoà" not in people and "Nguyễn Văn An" not in people
    assert {"Sùng Thị Mỷ", "Trần Thị Bình", "Giàng A Páo"} <= people
    members = {r["household_code"]: r["members"] for r in rows(UploadSheet.HOUSEHOLDS)}
    assert (members["NT-001"], members["T2-001"]) == ("0", "1")


def test_check_in_offers_only_living_members_as_signer(moved: OpenRegister) -> None:
    found = checkin.check_in(moved, "T2-001")
    assert [p.full_name for p in found.members] == ["Trần Thị Bình"]


def test_search_still_finds_them_and_says_where_they_are(
    moved: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "--db", str(moved.path), "dang van hoa"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("Đặng Văn Hoà") and line.endswith("\tĐã chết")


def test_nothing_is_due_about_someone_who_moved_out(moved: OpenRegister) -> None:
    _record(moved, "Lò Thị Hòa", MovementKind.TAM_VANG, D(2025, 1, 1), place="Hà Nội")
    person_id, _ = _person(moved, "Lò Thị Hòa")

    def due(on: dt.date) -> list[ReminderReason]:
        return [r.reason for r in ledger.reminders(moved, on) if r.person_id == person_id]

    assert due(D(2026, 2, 1)) == [ReminderReason.TAM_VANG_QUA_12_THANG]  # before she left
    assert due(TODAY) == []


def test_someone_dead_or_moved_out_cannot_sign_for_the_household(
    moved: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(moved.path)
    code = main(["sign", "NT-001", "--db", db, "--on", "05/12/2026"])  # the head died
    assert code == 2 and "Đặng Văn Hoà đã chết hoặc đã chuyển đi" in capsys.readouterr().err
    args = ["sign", "T2-001", "--db", db, "--on", "05/12/2026", "--signer", "Nguyễn Văn An"]
    assert main(args) == 2
    assert main([*args[:-1], "Trần Thị Bình"]) == 0


def test_no_sheet_is_printed_for_a_household_nobody_lives_in(
    moved: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # NT-001's sheet named no one ("Số nhân khẩu: 0") and was marked printed: the hamlet
    # head took it to an empty house.
    out = tmp_path / "ca-xa.pdf"
    argv = ["print", "pledges", "--db", str(moved.path), "--out", str(out)]
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "Đã in 3 hộ" in said and "1 hộ không còn ai cư trú không được in" in said
    printed = {parse_qr(text).household_id for page in qr_codes(out) for text in page}
    assert pledges.household_by_code(moved, "NT-001").id not in printed
    assert len(printed) == 3
    assert main([*argv, "--household", "NT-001"]) == 2
    assert "Hộ NT-001 không còn ai cư trú" in capsys.readouterr().err
    # Signed before they left, its sheet is the bản lưu: printed as ever.
    nt001 = pledges.household_by_code(moved, "NT-001").id
    pledges.record_result(moved, nt001, PledgeStatus.SIGNED, D(2026, 1, 5), today=D(2026, 1, 5))
    done = printing.print_pledges(moved, tmp_path / "ban-luu.pdf", households=[nt001])
    assert done.households == 1 and done.nobody_lives == 0
