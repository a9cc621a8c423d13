"""A sheet whose XML tags carry a namespace prefix (<x:row>, <x:c>), as programs built on
Microsoft's OpenXML SDK write it: checked as any sheet, not only read."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from desktop.services.import_lists import import_list
from desktop.services.register import OpenRegister

TODAY = dt.date(2026, 1, 1)


def _prefixed(plain: Path, out: Path) -> Path:
    """``plain`` with its sheet's tags written <x:…> (the namespace bound to x)."""
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as to:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = _prefix(data)
                assert b"<x:row " in data and b"<row " not in data
            to.writestr(info, data)
    return out


def _prefix(xml: bytes) -> bytes:
    xml = xml.replace(b'<worksheet xmlns="', b'<x:worksheet xmlns:x="')
    return re.sub(rb"<(/?)(?!x:|\?)([A-Za-z]+)", rb"<\1x:\2", xml)


def test_a_prefixed_sheet_has_its_hidden_rows_columns_and_lost_formulas_named(
    register: OpenRegister, tmp_path: Path
) -> None:
    """Before, calamine read the sheet, but the scan that finds hidden rows and columns and
    formulas without a saved value found none: the hidden row came in unsaid, and the
    formula's cell was read as empty (a birth lost without a word)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "DS"
    sheet.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Số CCCD"])
    for n in range(5):
        sheet.append([f"Lò Văn {'ABCDE'[n]}", 1980 + n, "Nam", "Nậm Tăm", ""])
    sheet["B6"] = "=1979+5"  # no value saved, as programs other than Excel leave it
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["E"].hidden = True
    workbook.save(tmp_path / "plain.xlsx")
    report = import_list(register, _prefixed(tmp_path / "plain.xlsx", tmp_path / "x.xlsx"))
    assert report.rows == 5
    assert report.hidden_rows == [3]
    assert report.hidden_columns == [("E", "Số CCCD")]
    assert [(e.row, e.column) for e in report.errors] == [(6, "Năm sinh")]
    assert not report.applied


def test_a_prefixed_list_on_a_second_sheet_beside_an_empty_first_one_is_read(
    register: OpenRegister, tmp_path: Path
) -> None:
    """Before, no prefixed sheet was seen to hold a value: the empty Sheet1 was read, and
    the file refused as empty."""
    import openpyxl

    workbook = openpyxl.Workbook()
    empty = workbook.active
    assert empty is not None
    empty.title = "Sheet1"
    listed = workbook.create_sheet("Sheet2")
    listed.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn"])
    listed.append(["Lò Văn Páo", 1980, "Nam", "Nậm Tăm"])
    workbook.save(tmp_path / "plain.xlsx")
    prefixed = tmp_path / "x.xlsx"
    with (
        zipfile.ZipFile(tmp_path / "plain.xlsx") as source,
        zipfile.ZipFile(prefixed, "w", zipfile.ZIP_DEFLATED) as to,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = _prefix(data)
            to.writestr(info, data)
    report = import_list(register, prefixed, dry=True, today=TODAY)
    assert (report.encoding, report.rows) == ("xlsx, trang tính “Sheet2”", 1)
