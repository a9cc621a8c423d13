"""Rows a clerk hid or filtered out in Excel are imported like the others, but never unknowingly:
the report names the sheet and the rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.import_lists import import_list
from desktop.services.register import OpenRegister

TODAY = dt.date(2026, 1, 1)
HEADER = ["Họ và tên", "Năm sinh", "Giới tính", "Số điện thoại", "Thôn"]


def _filtered_list(path: Path, hidden: list[int], *, filtered: bool = True) -> Path:
    """A list of 12 people in two hamlets, the sheet named "Danh sách", with these sheet
    rows hidden (as Excel's filter leaves them) and, if ``filtered``, its filter on."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(HEADER)
    for n in range(12):
        hamlet = "Thôn 2" if n % 2 else "Bản Nậm Tăm"
        sheet.append([f"Lù Văn Páo {chr(ord('A') + n)}", 1980 + n, "Nam", "", hamlet])
    for row in hidden:
        sheet.row_dimensions[row].hidden = True
    if filtered:
        sheet.auto_filter.ref = "A1:E13"
    workbook.save(path)
    return path


def test_rows_hidden_by_a_filter_are_named_in_the_report_with_the_sheet(
    register: OpenRegister, tmp_path: Path
) -> None:
    """Before, the five rows filtered out were imported and nothing said so."""
    path = _filtered_list(tmp_path / "ds.xlsx", [3, 5, 6, 7, 13])
    report = import_list(register, path, dry=True, today=TODAY)
    assert report.hidden_rows == [3, 5, 6, 7, 13]
    assert report.sheet_name == "Danh sách"
    assert report.rows == 12  # imported like the rows shown
    from desktop.messages import import_report_lines

    lines = list(import_report_lines(report))
    assert lines[1] == (
        "Cảnh báo: trang tính “Danh sách” của tệp ds.xlsx có 5 hàng đang ẩn hoặc bị lọc khỏi"
        " tầm nhìn (hàng 3, 5–7, 13): các hàng này vẫn được nhập như mọi hàng. Nếu chỉ muốn"
        " nhập các hàng đang hiện, hãy bỏ lọc, xoá các hàng không nhập (hoặc chép các hàng"
        " cần nhập sang tệp mới) rồi nhập lại."
    )


def test_the_import_command_says_so_before_it_imports(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _filtered_list(tmp_path / "ds.xlsx", [4], filtered=False)
    capsys.readouterr()
    assert main(["import", "--db", str(register.path), str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "trang tính “Danh sách” của tệp ds.xlsx có 1 hàng đang ẩn" in out
    assert "(hàng 4)" in out


def test_a_list_with_no_hidden_row_says_nothing_of_them(
    register: OpenRegister, tmp_path: Path
) -> None:
    # Hidden rows with nothing in them (a blank spacer) are not worth a word either.
    path = _filtered_list(tmp_path / "ds.xlsx", [20])
    report = import_list(register, path, dry=True, today=TODAY)
    assert report.hidden_rows == []
    from desktop.messages import import_report_lines

    assert not any("ẩn" in line for line in import_report_lines(report))


def test_many_hidden_rows_are_named_by_their_first_ranges(tmp_path: Path) -> None:
    from desktop.messages import row_ranges

    assert row_ranges([2, 3, 4, 9]) == "2–4, 9"
    assert row_ranges([*range(2, 40, 2)]) == "2, 4, 6, 8, 10, 12, 14, 16, 18, 20, …"
