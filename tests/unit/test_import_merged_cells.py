"""Cells merged down a column, as a commune's list writes a hamlet once over its households:
every row under the merge reads the value the clerk sees on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.messages import import_report_lines
from desktop.services.import_lists import import_list
from desktop.services.register import OpenRegister
from tests.import_files import with_sheet_xml

TODAY = dt.date(2026, 1, 1)


def _merged_list(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["DANH SÁCH HỘ GIA ĐÌNH"])  # a title merged across the row: left alone
    sheet.merge_cells("A1:F1")
    sheet.append(["Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Số CCCD"])
    sheet.append(["", "", "", "", "", ""])  # Họ và tên merged down over two header rows
    sheet.merge_cells("B2:B3")
    people = [
        ["H-01", "Lò Văn Ánh", 1980, "Nam", "Bản Nậm Tăm", 12080001234],
        ["H-02", "Lò Văn Bình", 1981, "Nam", None, None],
        ["H-03", "Lò Văn Cường", 1982, "Nam", None, 12082001236],
        ["H-04", "Lò Văn Dũng", 1983, "Nam", "Thôn 2", None],
        ["H-05", "Lò Văn Én", 1984, "Nam", None, 12084001238],
    ]
    for row in people:
        sheet.append(row)
    sheet.merge_cells("E4:E6")  # Bản Nậm Tăm over three households
    sheet.merge_cells("E7:E8")
    workbook.save(path)
    return path


def test_a_hamlet_merged_down_over_its_households_is_every_households(
    register: OpenRegister, tmp_path: Path
) -> None:
    """Before, every household under the merge but the first had no hamlet ("chưa có
    thôn/bản", the whole list refused), though the clerk sees it on each row."""
    report = import_list(register, _merged_list(tmp_path / "ds.xlsx"), today=TODAY)
    assert report.applied, "\n".join(import_report_lines(report))
    assert (report.rows, report.households) == (5, 5)
    hamlets = dict(
        register.db.execute(
            "SELECT p.full_name, m.name FROM person p JOIN household h ON h.id = p.household_id"
            " JOIN hamlet m ON m.id = h.hamlet_id"
        ).fetchall()
    )
    assert [hamlets[f"Lò Văn {n}"] for n in ("Ánh", "Bình", "Cường", "Dũng", "Én")] == [
        "Bản Nậm Tăm",
        "Bản Nậm Tăm",
        "Bản Nậm Tăm",
        "Thôn 2",
        "Thôn 2",
    ]
    ids = dict(register.db.execute("SELECT full_name, id_number FROM person").fetchall())
    assert ids["Lò Văn Bình"] == ""  # an empty cell not merged stays empty
    assert ids["Lò Văn Cường"] == "012082001236"


def test_a_value_merged_down_keeps_its_lost_zero_on_every_row(
    register: OpenRegister, tmp_path: Path
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Số điện thoại"])
    sheet.append(["Lò Văn Ánh", 1980, "Nam", "Nậm Tăm", 912345678])
    sheet.append(["Lò Thị Bình", 1982, "Nữ", "Nậm Tăm", None])
    sheet.merge_cells("E2:E3")  # the household's phone, merged over its people
    workbook.save(tmp_path / "ds.xlsx")
    report = import_list(register, tmp_path / "ds.xlsx", today=TODAY)
    assert report.applied, "\n".join(import_report_lines(report))
    phones = dict(register.db.execute("SELECT full_name, phone FROM person").fetchall())
    assert phones["Lò Văn Ánh"] == phones["Lò Thị Bình"] == "0912345678"


def test_merges_laid_over_each_other_are_refused_as_damaged(
    register: OpenRegister, tmp_path: Path
) -> None:
    """Excel never writes two merges over the same cells: a file of 100,000 of them over
    the same three cells is refused, naming the file (over a list of 200,000 rows, such
    merges would keep the import filling cells for days)."""

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn"])
    for n in range(3):
        sheet.append([f"Lò Văn {'ABC'[n]}", 1980, "Nam", "Nậm Tăm" if n == 0 else None])
    sheet.merge_cells("D2:D4")
    workbook.save(tmp_path / "ok.xlsx")
    one = b'<mergeCell ref="D2:D4" />'
    hostile = with_sheet_xml(
        tmp_path / "ok.xlsx", tmp_path / "chong.xlsx", lambda xml: xml.replace(one, one * 100_000)
    )
    from desktop.cli import main

    assert main(["import", "--db", str(register.path), str(hostile), "--dry-run"]) == 2
    assert import_list(register, tmp_path / "ok.xlsx", dry=True, today=TODAY).rows == 3


def test_a_persons_cells_merged_over_two_rows_are_one_person(
    register: OpenRegister, tmp_path: Path
) -> None:
    """A record laid over two rows, each of its cells merged down (a tall row, for looks):
    one person, as the clerk sees it; filled down, the second row was a second Lò Văn Ánh."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn"])
    sheet.append(["Lò Văn Ánh", 1980, "Nam", "Nậm Tăm"])
    sheet.append([None, None, None, None])
    sheet.append(["Lò Thị Bình", 1982, "Nữ", "Nậm Tăm"])
    for letter in "ABCD":
        sheet.merge_cells(f"{letter}2:{letter}3")
    workbook.save(tmp_path / "ds.xlsx")
    report = import_list(register, tmp_path / "ds.xlsx", today=TODAY)
    assert report.applied, "\n".join(import_report_lines(report))
    assert report.rows == 2
    names = [r[0] for r in register.db.execute("SELECT full_name FROM person")]
    assert names.count("Lò Văn Ánh") == 1


def test_merges_past_any_lists_area_are_refused_before_they_are_all_kept(
    tmp_path: Path,
) -> None:
    """Millions of merged ranges (9 million cells under their first rows: more than any
    list's sheet holds) are refused by the file's check as they come: before, all of them
    were kept first (a 610 KB file took 1.9 GB and 15 s before the import refused it)."""
    import tracemalloc

    import openpyxl
    import pytest

    from desktop.domain.errors import KnownError
    from desktop.exchange.xlsx_bounds import check_xlsx

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn"])
    sheet.append(["Lò Văn A", 1980, "Nam", "Nậm Tăm"])
    sheet.merge_cells("D2:D301")
    workbook.save(tmp_path / "ok.xlsx")
    one = b'<mergeCell ref="D2:D301" />'  # 30,100 × 299 cells > 8,000,000
    hostile = with_sheet_xml(
        tmp_path / "ok.xlsx", tmp_path / "gop.xlsx", lambda xml: xml.replace(one, one * 30_100)
    )
    tracemalloc.start()
    try:
        with pytest.raises(KnownError) as refused:
            check_xlsx(str(hostile), "gop.xlsx", 250_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.code == "import.damaged"
    assert refused.value.params["file"] == "gop.xlsx"
    assert peak < 40 * 1024 * 1024
