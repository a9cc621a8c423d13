"""Progress toward 100 % per hamlet, the unsigned lists, and the CSV for the upper level."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from desktop.domain.pledges import HamletProgress, PledgeStatus
from desktop.services import pledges, progress
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store import pledges as store

ON = dt.date(2026, 1, 5)


def _record(reg: OpenRegister, code: str, status: PledgeStatus, reason: str = "") -> None:
    household = pledges.household_by_code(reg, code)
    pledges.record_result(reg, household.id, status, ON, reason=reason, today=ON)


def _by_name(rows: list[HamletProgress]) -> dict[str, HamletProgress]:
    return {r.hamlet_name: r for r in rows}


def test_progress_counts_each_hamlet_toward_the_target(register: OpenRegister) -> None:
    _record(register, "NT-001", PledgeStatus.SIGNED)
    _record(register, "NT-002", PledgeStatus.REFUSED, "không đồng ý")
    _record(register, "T2-001", PledgeStatus.SIGNED)
    rows = progress.progress(register)
    assert [r.hamlet_name for r in rows] == ["Bản Nậm Tăm", "Thôn 2", "Thôn 10"]
    tam, thon2, thon10 = rows
    assert (tam.households, tam.signed, tam.refused, tam.absent, tam.not_printed) == (2, 1, 1, 0, 0)
    assert tam.percent == 50.0
    assert thon2.percent == 100.0 and thon2.percent_of_target == 100.0
    assert (thon10.households, thon10.signed, thon10.not_printed) == (1, 0, 1)
    total = progress.commune_total(rows)
    assert (total.households, total.signed, total.unsigned) == (4, 2, 2)


def test_a_printed_sheet_counts_as_printed_until_it_comes_back(register: OpenRegister) -> None:
    campaign = pledges.current_campaign(register)
    household = pledges.household_by_code(register, "T10-001")
    pledge = pledges.pledge_for(register, household.id)
    pledge.status = PledgeStatus.PRINTED
    store.save_pledge(register.writer, pledge)
    thon10 = _by_name(progress.progress(register, campaign))["Thôn 10"]
    assert (thon10.printed, thon10.not_printed) == (1, 0)


def test_a_deleted_household_and_an_empty_hamlet_do_not_count(register: OpenRegister) -> None:
    household = pledges.household_by_code(register, "T10-001")
    repo.delete_household(register.writer, household.id)
    thon10 = _by_name(progress.progress(register))["Thôn 10"]
    assert (thon10.households, thon10.percent, thon10.percent_of_target) == (0, 0.0, 0.0)


def test_percent_toward_a_lower_target() -> None:
    row = HamletProgress("h", "Thôn 1", 10, 9, 0, 0, 0, 1, target_percent=90)
    assert row.percent == 90.0
    assert row.percent_of_target == 100.0
    half = HamletProgress("h", "Thôn 1", 10, 4, 0, 0, 0, 6, target_percent=80)
    assert half.percent_of_target == 50.0


def test_unsigned_households_of_a_hamlet_in_register_order(register: OpenRegister) -> None:
    _record(register, "NT-001", PledgeStatus.SIGNED)
    _record(register, "NT-002", PledgeStatus.ABSENT, "lên nương")
    tam = repo.list_hamlets(register.db)[0]
    rows = progress.unsigned_households(register, tam.id)
    assert [(r.code, r.head_name, r.status, r.reason) for r in rows] == [
        ("NT-002", "Giàng A Páo", PledgeStatus.ABSENT, "lên nương")
    ]
    everywhere = progress.unsigned_households(register, None)
    assert [r.code for r in everywhere] == ["NT-002", "T2-001", "T10-001"]


def test_the_csv_opens_in_excel_with_diacritics_and_no_formulas(
    register: OpenRegister, tmp_path: Path
) -> None:
    register.db.execute("UPDATE hamlet SET name = '=HYPERLINK(1)' WHERE name = 'Thôn 10'")
    _record(register, "NT-001", PledgeStatus.SIGNED)
    out = tmp_path / "tien-do.csv"
    progress.write_progress_csv(progress.progress(register), out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["Thôn/bản", "Số hộ", "Đã ký"]
    assert rows[1][:3] == ["Bản Nậm Tăm", "2", "1"]
    assert rows[1][7] == "50,0"
    assert "'=HYPERLINK(1)" in [r[0] for r in rows]
    assert rows[-1][:3] == ["Toàn xã", "4", "1"]


def test_progress_is_one_query_whatever_the_hamlet_count(register: OpenRegister) -> None:
    campaign = pledges.current_campaign(register)
    statements: list[str] = []
    register.db.conn.set_trace_callback(statements.append)
    try:
        progress.progress(register, campaign)
    finally:
        register.db.conn.set_trace_callback(None)
    assert len(statements) == 1


@pytest.mark.parametrize("status", list(PledgeStatus))
def test_every_status_has_a_label(status: PledgeStatus) -> None:
    assert progress.STATUS_LABELS[status]
