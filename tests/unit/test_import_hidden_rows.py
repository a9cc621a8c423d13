"""Rows a clerk hid or filtered out in Excel are imported like the others, or left out as she
chooses, but never unknowingly: the report names the sheet and the rows; and the hidden
columns the import reads are named too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.messages import import_report_lines
from desktop.services.import_lists import ImportOptions, import_list
from desktop.services.register import OpenRegister
from tests.import_files import with_sheet_xml

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
    assert lines[1:3] == [
        "Cảnh báo: trang tính “Danh sách” của tệp ds.xlsx có 5 hàng đang ẩn hoặc bị lọc khỏi"
        " tầm nhìn (hàng 3, 5–7, 13): các hàng này vẫn được nhập như mọi hàng.",
        "  Để chỉ nhập các hàng đang hiện: camket import --skip-hidden.",
    ]


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


def test_the_clerk_can_leave_the_hidden_rows_out(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clerk filtered the sheet to Bản Nậm Tăm: before, the six rows of Thôn 2 she did not
    see came in with no way to leave them out but editing the file."""
    path = _filtered_list(tmp_path / "ds.xlsx", [3, 5, 7, 9, 11, 13])
    db = str(register.path)
    capsys.readouterr()
    assert main(["import", "--db", db, str(path), "--skip-hidden"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Tệp ds.xlsx (xlsx): 6 dòng, 6 hộ;"), out
    assert (
        "Không nhập 6 hàng đang ẩn hoặc bị lọc khỏi tầm nhìn của trang tính “Danh sách”"
        " (tệp ds.xlsx, hàng 3, 5, 7, 9, 11, 13), như đã chọn."
    ) in out
    assert "--skip-hidden." not in out  # no advice to do what was done
    assert "Mới: 6 dòng (6 hộ mới)" in out
    names = {r[0] for r in register.db.execute("SELECT full_name FROM person")}
    assert "Lù Văn Páo A" in names and "Lù Văn Páo B" not in names
    assert "--skip-hidden" in _help(capsys)


def _help(capsys: pytest.CaptureFixture[str]) -> str:
    main(["import", "--help"])
    return capsys.readouterr().out


def test_rows_left_out_are_not_checked_and_still_group_the_rows_shown(
    register: OpenRegister, tmp_path: Path
) -> None:
    """A household's code on its head's row only: with the head's row hidden, its wife's
    row shown stays in that household (not the one above), and the hidden row's bad birth
    is no error of the import."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "DS"
    for row in [
        ["Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Quan hệ với chủ hộ", "Thôn"],
        ["NT-001", "Đặng Văn Hoà", "1980", "Nam", "Chủ hộ", "Nậm Tăm"],
        ["NT-050", "Vàng A Dính", "31/02/1970", "Nam", "Chủ hộ", "Nậm Tăm"],
        ["", "Ly Thị Mai", "1972", "Nữ", "Vợ", "Nậm Tăm"],
    ]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    workbook.save(tmp_path / "ds.xlsx")
    kept = import_list(register, tmp_path / "ds.xlsx", dry=True, today=TODAY)
    assert {i.row for i in kept.errors} == {3}  # imported: the bad birth is an error
    options = ImportOptions(skip_hidden=True)
    report = import_list(register, tmp_path / "ds.xlsx", options, today=TODAY)
    assert report.applied and not report.errors, "\n".join(import_report_lines(report))
    assert (report.rows, report.households, report.hidden_rows) == (2, 2, [3])
    # A new household whose head's row is left out: the row shown first is its head, said.
    assert [(w.row, w.issue.code) for w in report.warnings] == [(4, "import.no_head")]
    household = dict(
        register.db.execute(
            "SELECT p.full_name, h.code FROM person p JOIN household h ON h.id = p.household_id"
        ).fetchall()
    )
    assert household["Ly Thị Mai"] == "NT-050"
    assert "Vàng A Dính" not in household


def _hidden_columns_list(path: Path, hidden: str, *, right_of_list: bool = False) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Ghi chú riêng"])
    sheet.append([1, "Lù Văn Páo", 1980, "Nam", "012080001999", "nợ thuế"])
    for letter in hidden.split():
        sheet.column_dimensions[letter].hidden = True
    if right_of_list:  # as a clerk hides every column past the list's: G to XFD
        sheet.column_dimensions.group("G", "XFD", hidden=True)
    workbook.save(path)
    return path


def test_hidden_columns_that_are_read_are_named_by_letter_and_header(
    register: OpenRegister, tmp_path: Path
) -> None:
    """Before, a hidden ID column came in without a word: the clerk checking the list on
    screen never saw it. A hidden column the import does not read (STT, F's own notes)
    and the empty columns hidden right of the list are not named."""
    path = _hidden_columns_list(tmp_path / "ds.xlsx", "A E F", right_of_list=True)
    report = import_list(register, path, dry=True, today=TODAY)
    assert report.hidden_columns == [("E", "Số CCCD")]
    lines = list(import_report_lines(report))
    assert lines[1] == (
        "Cảnh báo: trang tính “Danh sách” của tệp ds.xlsx có 1 cột đang ẩn (E “Số CCCD”):"
        " các cột này vẫn được nhập như mọi cột."
    )
    assert report.rows == 1
    shown = _hidden_columns_list(tmp_path / "hien.xlsx", "")
    assert import_list(register, shown, dry=True, today=TODAY).hidden_columns == []


def test_an_old_column_hidden_beside_its_new_one_is_not_read(
    register: OpenRegister, tmp_path: Path
) -> None:
    """The old phones hidden in C, the new ones typed in F under the same header: before,
    the first column named "Số điện thoại" was read, the hidden one, and the old numbers
    came in (only named by the warning). Now the column shown is read."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(["Họ và tên", "Năm sinh", "Số điện thoại", "Giới tính", "Thôn", "Số điện thoại"])
    sheet.append(["Lù Văn Páo", 1980, "0912000111", "Nam", "Nậm Tăm", "0987654321"])
    sheet.column_dimensions["C"].hidden = True
    workbook.save(tmp_path / "ds.xlsx")
    report = import_list(register, tmp_path / "ds.xlsx", today=TODAY)
    assert report.applied and report.hidden_columns == []
    phones = dict(register.db.execute("SELECT full_name, phone FROM person").fetchall())
    assert phones["Lù Văn Páo"] == "0987654321"


def test_a_hidden_span_repeated_a_hundred_thousand_times_takes_no_memory(
    register: OpenRegister, tmp_path: Path
) -> None:
    """The sheet's <cols> repeating one hidden span (G to XFD) 100,000 times, as no Excel
    writes it: the list is read as with one, its hidden columns marked once each; before,
    each repeat added 250 columns to a list (a 148 KB file of a million took 2 GB)."""
    import tracemalloc

    from desktop.exchange.xlsx_bounds import check_xlsx

    def repeated(xml: bytes) -> bytes:
        start, end = xml.index(b"<col ", xml.index(b"<cols>")), xml.index(b"</cols>")
        return xml[:start] + xml[start:end] * 100_000 + xml[end:]

    plain = _hidden_columns_list(tmp_path / "ds.xlsx", "E", right_of_list=True)
    hostile = with_sheet_xml(plain, tmp_path / "lap.xlsx", repeated)
    tracemalloc.start()
    try:
        bounds = check_xlsx(str(hostile), "lap.xlsx", 250_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert bounds.hidden_columns == [5, *range(7, 257)]
    assert peak < 40 * 1024 * 1024
    report = import_list(register, hostile, dry=True, today=TODAY)
    assert report.hidden_columns == [("E", "Số CCCD")]
