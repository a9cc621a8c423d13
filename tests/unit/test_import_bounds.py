"""Lists too wide, too long or too big are refused in one line, in little time and memory;
formulas without a value are named cell by cell."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.messages import describe, describe_row_issue
from desktop.services.import_lists import import_list
from desktop.services.register import OpenRegister
from tests.import_files import HEADERS, PEOPLE, write_csv, write_xlsx

TODAY = dt.date(2026, 1, 1)
MB = 1024 * 1024


def _rewrite(path: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    """The same XLSX with one part changed, as a tool other than Excel might write it."""
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    parts[part] = edit(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def wide_csv(folder: Path) -> Path:
    """8 MB: a header of 10,007 columns, then rows as wide."""
    path = folder / "rong.csv"
    header = ",".join(f"Cột {i}" for i in range(10_007)) + "\r\n"
    row = ",".join(["x"] * 10_007) + "\r\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header)
        for _ in range(8 * MB // len(row)):
            fh.write(row)
    return path


def claiming_xlsx(folder: Path) -> Path:
    """Ordinary rows (6,000 of them) in a sheet that claims A1:XFD200001."""
    rows = [HEADERS] + [PEOPLE[i % len(PEOPLE)] for i in range(6_000)]
    path = write_xlsx(folder / "vung-lon.xlsx", rows)
    return _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD200001"', xml),
    )


def bomb_xlsx(folder: Path) -> Path:
    """~310 KB on disk, one cell of 300 MB once unpacked (a shared string)."""
    path = write_xlsx(folder / "bom.xlsx", [HEADERS, *PEOPLE])
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="20"><c r="A20" t="s"><v>0</v></c></row></sheetData>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        with target.open("xl/sharedStrings.xml", "w") as fh:
            fh.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            fh.write(b"<si><t>")
            block = b"A" * MB
            for _ in range(300):
                fh.write(block)
            fh.write(b"</t></si></sst>")
    return path


BAD_LISTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "8 MB CSV, 10,007 columns": (
        wide_csv,
        "Tệp rong.csv, dòng 1, cột IW: quá 256 cột, không phải một danh sách hộ",
    ),
    "XLSX claiming A1:XFD200001": (
        claiming_xlsx,
        "Tệp vung-lon.xlsx: trang tính khai báo vùng A1:XFD200001 (200001 dòng × 16384 cột)",
    ),
    "310 KB XLSX holding a 300 MB cell": (
        bomb_xlsx,
        "Tệp bom.xlsx chứa 300 MB dữ liệu, quá lớn cho một danh sách hộ (tối đa 256 MB).",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_LISTS))
def test_oversized_lists_are_refused_in_one_line_naming_the_file(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    make, message = BAD_LISTS[case]
    path = make(tmp_path)
    assert main(["import", "--db", str(register.path), str(path), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"camket: {message}"), err
    assert err.count("\n") == 1


def test_the_oversized_lists_are_refused_in_little_memory(tmp_path: Path) -> None:
    """All three in a process of their own, whose peak memory is theirs alone (VmHWM: the
    high-water mark of its own memory, unlike ru_maxrss, which exec carries over)."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from Linux's /proc")
    paths = [str(make(tmp_path)) for make, _ in BAD_LISTS.values()]
    script = (
        "import json, sys\n"
        "from desktop.domain.errors import KnownError\n"
        "from desktop.services.import_lists import ImportOptions, prepare\n"
        "codes = []\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        prepare(path, ImportOptions())\n"
        "    except KnownError as exc:\n"
        "        codes.append(exc.code)\n"
        "status = open('/proc/self/status').read()\n"
        "peak = int(status.split('VmHWM:')[1].split()[0]) * 1024\n"
        "print(json.dumps([codes, peak]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *paths], capture_output=True, text=True, check=True
    )
    codes, peak = json.loads(done.stdout)
    assert codes == ["import.too_many_columns", "import.sheet_too_large", "import.too_large"]
    assert peak < 300 * MB


def test_a_cell_longer_than_excel_allows_is_refused_before_it_is_decoded(
    register: OpenRegister, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "o-dai.xlsx", [HEADERS, *PEOPLE])
    long_name = b"L" * (2 * MB)
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("Giàng A Sử".encode(), long_name),
    )
    with pytest.raises(KnownError) as info:
        import_list(register, path, today=TODAY)
    assert describe(info.value) == (
        "Tệp o-dai.xlsx có ô dài quá 32767 ký tự (giới hạn của Excel): tệp bị hỏng"
        " hoặc không phải danh sách hộ."
    )


def test_a_csv_cell_longer_than_excel_allows_names_its_row(
    register: OpenRegister, tmp_path: Path
) -> None:
    path = tmp_path / "o-dai.csv"
    path.write_text(f"Họ và tên,Năm sinh\nLò Văn A,1990\n{'L' * 40_000},1991\n", "utf-8")
    with pytest.raises(KnownError) as info:
        import_list(register, path, today=TODAY)
    assert describe(info.value) == (
        "Tệp o-dai.csv, dòng 3: có ô dài quá 32767 ký tự (giới hạn của Excel)."
    )


def test_a_cell_far_to_the_right_is_refused_naming_its_row_and_column(
    register: OpenRegister, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "xa.xlsx", [HEADERS, *PEOPLE])
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="9"><c r="ZZ9" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )
    with pytest.raises(KnownError) as info:
        import_list(register, path, today=TODAY)
    assert describe(info.value).startswith("Tệp xa.xlsx, dòng 9, cột ZZ: quá 256 cột")


def test_a_row_far_below_is_refused_before_the_sheet_is_read(
    register: OpenRegister, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "sau.xlsx", [HEADERS, *PEOPLE])
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="900"><c r="A900" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )
    with pytest.raises(KnownError) as info:
        import_list(register, path, today=TODAY, max_rows=500)
    assert describe(info.value) == "Tệp sau.xlsx có quá 500 dòng; hãy chia thành nhiều tệp."


def test_trailing_empty_fields_of_a_csv_do_not_count_as_columns(
    register: OpenRegister, tmp_path: Path
) -> None:
    path = tmp_path / "phay.csv"
    header = "Họ và tên,Năm sinh,Giới tính,Thôn" + "," * 400
    path.write_text(header + "\nLò Văn A,1990,Nam,Thôn 2\n", "utf-8")
    report = import_list(register, path, today=TODAY)
    assert report.applied and report.rows == 1


def test_formulas_without_a_saved_value_are_named_cell_by_cell(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Số điện thoại", "Thôn"],
        ["=ROW()-3", "Lò Văn Hùng", 1980, "Nam", '="0912"&"345678"', "Thôn 2"],
        ["=ROW()-3", "Lò Thị Mai", "=1980+2", "Nữ", "", "Thôn 2"],
    ]
    path = write_xlsx(tmp_path / "cong-thuc.xlsx", rows)  # openpyxl saves no values
    report = import_list(register, path, today=TODAY)
    assert not report.applied
    lines = [describe_row_issue(report.source, i) for i in report.errors]
    assert lines == [
        "cong-thuc.xlsx, dòng 4, cột “Số điện thoại”: ô có công thức nhưng chưa có giá trị:"
        " mở và lưu lại bằng Excel",
        "cong-thuc.xlsx, dòng 5, cột “Năm sinh”: ô có công thức nhưng chưa có giá trị:"
        " mở và lưu lại bằng Excel",
    ]  # the STT column is not imported, so its formulas do not matter


def test_formulas_with_their_values_saved_are_read_as_values(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn"],
        ["=ROW()-3", "Lò Văn Hùng", "=1978+2", "Nam", "Thôn 2"],
    ]
    path = _rewrite(
        write_xlsx(tmp_path / "da-luu.xlsx", rows),
        "xl/worksheets/sheet1.xml",  # as Excel saves them: the value after the formula
        lambda xml: xml.replace(b"<f>ROW()-3</f><v />", b"<f>ROW()-3</f><v>1</v>").replace(
            b"<f>1978+2</f><v />", b"<f>1978+2</f><v>1980</v>"
        ),
    )
    report = import_list(register, path, today=TODAY)
    assert report.applied, [describe_row_issue(report.source, i) for i in report.issues]
    birth = register.db.execute("SELECT birth FROM person WHERE full_name = 'Lò Văn Hùng'")
    assert birth.fetchone()[0] == "1980"


def test_names_hamlets_and_notes_a_spreadsheet_would_run_are_refused(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [
        ["Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Ghi chú"],
        ['=HYPERLINK("http://x","Lò Văn A")', 1980, "Nam", "Thôn 2", ""],
        ["Lò Văn B", 1981, "Nam", "@Thôn 9", ""],
        ["Lò Văn C", 1982, "Nam", "Thôn 2", "+1+cmd"],
    ]
    path = write_csv(tmp_path / "tiem.csv", [[str(c) for c in r] for r in rows], "utf-8")
    report = import_list(register, path, today=TODAY)
    assert not report.applied
    assert {(i.row, i.column, i.issue.code) for i in report.errors} == {
        (2, "Họ và tên", "text.formula_like"),
        (3, "Thôn", "text.formula_like"),
        (4, "Ghi chú", "text.formula_like"),
    }


def test_a_zip_directory_that_understates_a_part_is_refused_as_damaged(
    register: OpenRegister, tmp_path: Path
) -> None:
    """The bomb again, its directory claiming the 300 MB part unpacks to 1 KB."""
    path = bomb_xlsx(tmp_path)
    data = bytearray(path.read_bytes())
    name = b"xl/sharedStrings.xml"
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at : start + name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = (1024).to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))
    with pytest.raises(KnownError) as info:
        import_list(register, path, today=TODAY)
    assert describe(info.value).startswith("Tệp bom.xlsx bị hỏng hoặc không đầy đủ")


def test_cells_showing_an_excel_error_are_named_not_read_as_empty(
    register: OpenRegister, tmp_path: Path
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Năm sinh", "Giới tính", "Số điện thoại", "Thôn"])
    sheet.append(["Lò Văn Hùng", 1980, "Nam", "#N/A", "Thôn 2"])
    sheet["D2"].data_type = "e"  # as a failed VLOOKUP leaves it
    workbook.save(tmp_path / "loi.xlsx")
    report = import_list(register, tmp_path / "loi.xlsx", today=TODAY)
    assert not report.applied
    assert [describe_row_issue(report.source, i) for i in report.errors] == [
        "loi.xlsx, dòng 2, cột “Số điện thoại”: ô báo lỗi #N/A trong Excel: sửa ô này rồi lưu lại"
    ]


def test_a_folder_or_a_device_given_as_the_list_is_no_spreadsheet_not_missing(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The stick picked instead of its file, or /dev/zero: "not found" sent the clerk
    looking for a file that is there."""
    stick = tmp_path / "usb"
    stick.mkdir()
    assert main(["import", "--db", str(register.path), str(stick), "--dry-run"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "camket: Tệp usb không phải bảng tính CSV hoặc Excel (.xlsx)."
    )
