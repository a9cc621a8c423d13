"""A list row is the person on file only when it is: a personal ID already held by someone
else is judged as the editor judges it, never a reason to rename the person on file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.messages import describe_row_issue
from desktop.services.import_lists import import_list
from desktop.services.register import OpenRegister
from tests.import_files import write_csv

TODAY = dt.date(2026, 1, 1)
HEADER = ["Họ và tên", "Năm sinh", "Giới tính", "Số định danh", "Mã hộ", "Thôn"]
HOA_ID = "012080001234"  # Đặng Văn Hoà, born 1980, household NT-001 (tests/unit/conftest.py)


def _person(register: OpenRegister, id_number: str) -> tuple[str, str]:
    row = register.db.execute(
        "SELECT full_name, birth FROM person WHERE id_number = ? AND deleted = 0", [id_number]
    ).fetchall()
    assert len(row) == 1
    return row[0][0], row[0][1]


def test_another_persons_row_with_a_held_id_is_refused_and_renames_no_one(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [HEADER, ["Lò Văn Dũng", "1990", "Nam", HOA_ID, "TH-9", "Thôn 2"]]
    report = import_list(register, write_csv(tmp_path / "ds.csv", rows, "utf-8"), today=TODAY)
    assert not report.applied
    lines = [describe_row_issue(report.source, i) for i in report.errors]
    assert len(lines) == 1 and "dòng 2, cột “Số định danh”" in lines[0]
    assert "Đặng Văn Hoà" in lines[0] and "NT-001" in lines[0]
    assert _person(register, HOA_ID) == ("Đặng Văn Hoà", "1980-03-04")


def test_the_same_person_with_a_corrected_birth_is_still_updated(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [HEADER, ["Đặng Văn Hoà", "1981", "Nam", HOA_ID, "NT-001", "Bản Nậm Tăm"]]
    report = import_list(register, write_csv(tmp_path / "ds.csv", rows, "utf-8"), today=TODAY)
    assert report.applied and report.updated == 1, [
        describe_row_issue(report.source, i) for i in report.issues
    ]
    assert _person(register, HOA_ID) == ("Đặng Văn Hoà", "1981")
