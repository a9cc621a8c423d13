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


def test_numbers_formatted_by_excel_or_by_hand_are_read_with_a_warning_naming_row_and_field(
    register: OpenRegister, tmp_path: Path
) -> None:
    """An ID or a phone grouped by dots or spaces, with Excel's ".0", or "+84": the digits
    are kept (the zeros Excel dropped put back), each repair a warning naming the row and
    the column; before, the whole list was refused."""
    rows = [
        HEADER,
        ["Lù Văn Páo", "1985", "Nam", "2.085.012.345", "0912.345.678", "Thôn 2"],
        ["Lù Thị Mai", "1987", "Nữ", "002 187 012 346", "0912 345 679", "Thôn 2"],
        ["Lù Văn Sáng", "1990", "Nam", "2090012347.0", "912345680.0", "Thôn 2"],
        ["Lù Văn Chỉnh", "1992", "Nam", "", "+84 912 345 681", "Thôn 2"],
    ]
    report = import_list(register, write_csv(tmp_path / "so.csv", rows, "utf-8"), today=TODAY)
    assert report.applied, [describe_row_issue(report.source, i) for i in report.issues]
    assert {name: held for name, held in _ids(register).items() if name.startswith("Lù")} == {
        "Lù Văn Páo": ("002085012345", "0912345678"),
        "Lù Thị Mai": ("002187012346", "0912345679"),
        "Lù Văn Sáng": ("002090012347", "0912345680"),
        "Lù Văn Chỉnh": ("", "0912345681"),
    }
    lost = "Excel lưu ô này thành số nên mất {} ở đầu; đã thêm lại"
    assert sorted(describe_row_issue(report.source, i) for i in report.warnings) == [
        f"so.csv, dòng 2, cột “Số định danh”: {lost.format('2 số 0')}",
        f"so.csv, dòng 4, cột “Số điện thoại”: {lost.format('số 0')}",
        f"so.csv, dòng 4, cột “Số định danh”: {lost.format('2 số 0')}",
    ]


def test_two_phones_in_one_cell_keep_the_first_and_the_other_in_the_person_s_notes(
    register: OpenRegister, tmp_path: Path
) -> None:
    """ "0912345678 / 0987654321" blocked the whole list: the first is the person's phone, the
    other goes into their notes (nothing lost, shown in the editor, searchable by eye), said
    as a warning naming the row, the column and both numbers."""
    header = [*HEADER, "Ghi chú"]
    rows = [
        header,
        ["Lù Văn Páo", "1985", "Nam", "", "0912345678 / 0987654321", "Thôn 2", "Hộ nghèo"],
        ["Lù Thị Mai", "1987", "Nữ", "", "0912345679, 0987.654.322", "Thôn 2", ""],
    ]
    report = import_list(register, write_csv(tmp_path / "hai-so.csv", rows, "utf-8"), today=TODAY)
    assert report.applied, [describe_row_issue(report.source, i) for i in report.issues]
    held = register.db.execute(
        "SELECT full_name, phone, notes FROM person WHERE full_name LIKE 'Lù %'"
    )
    assert {name: (phone, notes) for name, phone, notes in held} == {
        "Lù Thị Mai": ("0912345679", "SĐT khác: 0987654322"),
        "Lù Văn Páo": ("0912345678", "Hộ nghèo; SĐT khác: 0987654321"),
    }
    assert [describe_row_issue(report.source, i) for i in report.warnings] == [
        "hai-so.csv, dòng 2, cột “Số điện thoại”: có nhiều số: giữ 0912345678 làm số điện"
        " thoại, ghi 0987654321 vào Ghi chú (“SĐT khác”)",
        "hai-so.csv, dòng 3, cột “Số điện thoại”: có nhiều số: giữ 0912345679 làm số điện"
        " thoại, ghi 0987654322 vào Ghi chú (“SĐT khác”)",
    ]
