"""Excel's lost leading zeros: ID and phone numbers stored as numbers get them back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.messages import describe_row_issue
from desktop.services.import_lists import import_list
from desktop.services.register import OpenRegister
from tests.import_files import write_csv, write_xlsx

TODAY = dt.date(2026, 1, 1)
HEADER = ["Họ và tên", "Năm sinh", "Giới tính", "Số định danh", "Số điện thoại", "Thôn"]
# Border provinces whose IDs begin with zeros Excel drops: (name, the ID as typed).
BORDER_PEOPLE = [
    ("Lù Văn Páo", "002085001234"),  # Hà Giang
    ("Nông Văn Dũng", "004085001234"),  # Cao Bằng
    ("Giàng A Sình", "010085001234"),  # Lào Cai
    ("Lò Văn Ún", "011085001234"),  # Điện Biên
    ("Tẩn A Lở", "012085001234"),  # Lai Châu
    ("Hoàng Văn Thạch", "020085001234"),  # Lạng Sơn
    ("Trần Văn Cường", "022085001234"),  # Quảng Ninh
]


def _ids(register: OpenRegister) -> dict[str, tuple[str, str]]:
    rows = register.db.execute("SELECT full_name, id_number, phone FROM person WHERE deleted = 0")
    return {name: (number, phone) for name, number, phone in rows}


def test_an_xlsx_whose_id_cells_are_numbers_gets_every_border_province_back(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows: list[list[object]] = [HEADER]
    for name, number in BORDER_PEOPLE:
        rows.append([name, 1985, "Nam", int(number), 912345678, "Thôn 2"])
    rows.append(["Vàng Thị Mỷ", 1985, "Nữ", 12345678, "", "Thôn 2"])  # a CMND of 0…
    path = write_xlsx(tmp_path / "bien-gioi.xlsx", rows)
    report = import_list(register, path, today=TODAY)
    assert report.applied, [describe_row_issue(report.source, i) for i in report.issues]
    ids = _ids(register)
    assert {name: ids[name] for name, _ in BORDER_PEOPLE} == {
        name: (number, "0912345678") for name, number in BORDER_PEOPLE
    }
    assert ids["Vàng Thị Mỷ"] == ("012345678", "")
    lines = [describe_row_issue(report.source, i) for i in report.warnings]
    assert sorted(lines[:2]) == [
        "bien-gioi.xlsx, dòng 4, cột “Số điện thoại”: Excel lưu ô này thành số nên mất số 0"
        " ở đầu; đã thêm lại",
        "bien-gioi.xlsx, dòng 4, cột “Số định danh”: Excel lưu ô này thành số nên mất 2 số 0"
        " ở đầu; đã thêm lại",
    ]
    assert len(lines) == 2 * len(BORDER_PEOPLE) + 1


def test_a_number_typed_as_text_is_taken_as_typed(register: OpenRegister, tmp_path: Path) -> None:
    rows: list[list[object]] = [HEADER, ["Lù Văn Páo", 1985, "Nam", "2085001234", "", "Thôn 2"]]
    report = import_list(register, write_xlsx(tmp_path / "chu.xlsx", rows), today=TODAY)
    assert not report.applied
    assert [describe_row_issue(report.source, i) for i in report.errors] == [
        "chu.xlsx, dòng 4, cột “Số định danh”: có 10 chữ số; cần 12 (định danh) hoặc 9 (CMND cũ)"
    ]


def test_zeros_come_back_only_where_they_make_a_province(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows: list[list[object]] = [HEADER, ["Lù Văn Páo", 1985, "Nam", 3085001234, "", "Thôn 2"]]
    report = import_list(register, write_xlsx(tmp_path / "sai.xlsx", rows), today=TODAY)
    assert [i.issue.code for i in report.errors] == ["id_number.bad_length"]


def test_a_csv_field_of_digits_may_have_been_a_number(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [HEADER]
    rows += [
        [name, "1985", "Nam", number.lstrip("0"), "912345678", "Thôn 2"]
        for name, number in BORDER_PEOPLE
    ]
    report = import_list(register, write_csv(tmp_path / "ds.csv", rows, "utf-8"), today=TODAY)
    assert report.applied
    ids = _ids(register)
    assert {name: ids[name][0] for name, _ in BORDER_PEOPLE} == dict(BORDER_PEOPLE)


def test_an_id_excel_saved_as_an_exponent_names_excel_and_the_way_out(
    register: OpenRegister, tmp_path: Path
) -> None:
    # A 12-digit ID not starting with 0 (Hải Phòng 031…) shows as 3,10851E+11 in Excel's
    # General format, and "Save as CSV" writes it so: the last digits are gone for good.
    rows = [
        HEADER,
        ["Phạm Văn Hải", "1985", "Nam", "3,10851E+11", "", "Thôn 2"],  # Vietnamese Excel
        ["Phạm Văn Hà", "1985", "Nam", "3.10851E+11", "", "Thôn 2"],
    ]
    report = import_list(register, write_csv(tmp_path / "ds.csv", rows, "utf-8"), today=TODAY)
    assert not report.applied
    lines = [describe_row_issue(report.source, i) for i in report.errors]
    assert len(lines) == 2
    for row, line in zip((2, 3), lines, strict=True):
        assert line.startswith(
            f"ds.csv, dòng {row}, cột “Số định danh”: Excel đã lưu số này ở dạng số mũ"
        )
        assert "định dạng cột này là Văn bản (Text)" in line
