"""Reading an XLSX without calamine's pass over merged cells: the same cells as calamine reads
from the file itself, whatever the file holds (merged cells, shared strings, numbers, dates,
an XML declaration, a data descriptor); files not laid out for it are read as they are."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from desktop.exchange.spreadsheet import read_sheet
from desktop.exchange.xlsx_unmerged import MERGE_CELLS, crc32_combine, without_merge_pass
from tests.import_files import HEADERS, PEOPLE, write_xlsx

SHEET = "xl/worksheets/sheet1.xml"


def _calamine_rows(data: bytes) -> list[list[Any]]:
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)


def _merged_list(path: Path) -> Path:
    """A list as Excel users make them: a merged title over the columns, shared strings,
    numbers and dates."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["DANH SÁCH HỘ GIA ĐÌNH BẢN NẬM TĂM"])
    sheet.merge_cells("A1:F1")
    sheet.append(HEADERS)
    for row in PEOPLE:
        sheet.append(row)
    sheet.append(["NH-099", "Lò Văn Tám", dt.date(1990, 5, 1), "Nam", 2012345678, "Chủ hộ"])
    sheet.merge_cells("G3:G5")
    workbook.save(path)
    return path


def test_the_cells_are_those_calamine_reads_from_the_file_itself(tmp_path: Path) -> None:
    data = _merged_list(tmp_path / "danh-sach.xlsx").read_bytes()
    rebuilt = without_merge_pass(data, SHEET)
    assert rebuilt is not None
    assert _calamine_rows(rebuilt) == _calamine_rows(data)
    with zipfile.ZipFile(io.BytesIO(rebuilt)) as archive:
        assert archive.testzip() is None  # every part's CRC-32 and size right
        sheet = archive.read(SHEET)
        with zipfile.ZipFile(io.BytesIO(data)) as original:
            assert sheet == MERGE_CELLS + original.read(SHEET)
            assert archive.namelist() == original.namelist()
            for name in original.namelist():
                if name != SHEET:
                    assert archive.read(name) == original.read(name)


def test_the_import_reads_the_list_as_before(tmp_path: Path) -> None:
    path = _merged_list(tmp_path / "danh-sach.xlsx")
    sheet = read_sheet(path)
    assert sheet.rows[0][0] == "DANH SÁCH HỘ GIA ĐÌNH BẢN NẬM TĂM"
    assert sheet.rows[1][: len(HEADERS)] == list(HEADERS)
    assert sheet.rows[-1][:5] == ["NH-099", "Lò Văn Tám", "01/05/1990", "Nam", "2012345678"]
    assert sheet.number_cells == {len(sheet.rows) - 1: {4}}


def test_a_sheet_written_with_data_descriptors_is_rebuilt_with_its_sizes(tmp_path: Path) -> None:
    """Tools that stream their XLSX (no seeking back) put each part's sizes after it."""
    path = write_xlsx(tmp_path / "danh-sach.xlsx", [HEADERS, *PEOPLE], title=False)
    with zipfile.ZipFile(path) as source:
        parts = [(i.filename, source.read(i)) for i in source.infolist()]
    streamed = io.BytesIO()

    class _Unseekable(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, chunk: bytes) -> int:  # type: ignore[override]
            return streamed.write(chunk)

    with zipfile.ZipFile(_Unseekable(), "w", zipfile.ZIP_DEFLATED) as target:
        for name, part in parts:
            target.writestr(name, part)
    data = streamed.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all(i.flag_bits & 0x8 for i in archive.infolist())
    rebuilt = without_merge_pass(data, SHEET)
    assert rebuilt is not None
    assert _calamine_rows(rebuilt) == _calamine_rows(data)


def test_a_sheet_stored_uncompressed_or_missing_is_read_as_it_is(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "danh-sach.xlsx", [HEADERS, *PEOPLE], title=False)
    with zipfile.ZipFile(path) as source:
        parts = [(i.filename, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as target:
        for name, part in parts:
            target.writestr(name, part)
    data = path.read_bytes()
    assert without_merge_pass(data, SHEET) is None
    assert without_merge_pass(data, "xl/worksheets/sheet9.xml") is None
    assert read_sheet(path).rows[0] == list(HEADERS)


def test_a_sheet_beginning_with_a_byte_order_mark_is_read_as_it_is(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "danh-sach.xlsx", [HEADERS, *PEOPLE], title=False)
    with zipfile.ZipFile(path) as source:
        parts = [(i.filename, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, part in parts:
            target.writestr(name, b"\xef\xbb\xbf" + part if name == SHEET else part)
    assert without_merge_pass(path.read_bytes(), SHEET) is None
    assert read_sheet(path).rows[0] == list(HEADERS)


@given(st.binary(max_size=300), st.binary(max_size=3000))
def test_crc32_combine_is_the_crc_of_both_in_turn(first: bytes, second: bytes) -> None:
    combined = crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second))
    assert combined == zlib.crc32(first + second)


def test_a_list_whose_rebuilt_bytes_calamine_refuses_is_read_as_it_is(
    tmp_path: Path, monkeypatch: Any, caplog: Any
) -> None:
    """A calamine release stricter about the element put before the sheet's XML must not
    stop every XLSX import: the file is read again as it is, with the same cells."""
    path = _merged_list(tmp_path / "danh-sach.xlsx")
    expected = read_sheet(path).rows
    monkeypatch.setattr(
        "desktop.exchange.spreadsheet.without_merge_pass", lambda data, sheet: b"PK\x03\x04 no"
    )
    assert read_sheet(path).rows == expected
    assert "read as is" in caplog.text
