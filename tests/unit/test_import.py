"""Importing the lists a commune already has, as the clerk runs it: report, register, refusals."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.domain.import_households import Grouping
from desktop.domain.legacy_text import Legacy
from desktop.messages import describe, import_report_lines
from desktop.services import import_lists
from desktop.services.import_lists import ImportOptions, ImportReport, import_list, load_mapping
from desktop.services.register import OpenRegister, open_existing
from desktop.store import households as repo
from tests.import_files import (
    HEADERS,
    NAMES,
    PEOPLE,
    cp1258_bytes,
    csv_text,
    encrypted_xlsx,
    unicode_to_tcvn3,
    write_csv,
    write_xlsx,
)

TODAY = dt.date(2026, 1, 1)


def snapshot(register: OpenRegister) -> dict[str, list[Any]]:
    """Every row of every table: equal snapshots mean an untouched register."""
    tables = ["hamlet", "household", "person", "relative_abroad", "audit"]
    return {t: register.db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


def people_named(register: OpenRegister, names: list[str]) -> dict[str, dict[str, Any]]:
    cursor = register.db.execute(
        "SELECT p.*, h.code AS code, m.name AS hamlet FROM person p"
        " JOIN household h ON h.id = p.household_id JOIN hamlet m ON m.id = h.hamlet_id"
        " WHERE p.deleted = 0"
    )
    cols = [d[0] for d in cursor.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cursor]
    return {r["full_name"]: r for r in rows if r["full_name"] in names}


def run(register: OpenRegister, path: Path, **kwargs: Any) -> ImportReport:
    return import_list(register, path, kwargs.pop("options", None), today=TODAY, **kwargs)


@pytest.fixture
def clean_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "ds-nam-tam.xlsx", [HEADERS, *PEOPLE])


def test_a_clean_xlsx_is_imported_into_households(register: OpenRegister, clean_xlsx: Path) -> None:
    report = run(register, clean_xlsx)
    assert report.applied and not report.errors
    assert (report.rows, report.households, report.new, report.new_households) == (6, 3, 6, 3)
    assert report.grouping is Grouping.CODE
    assert report.new_hamlets == ["Thôn Phiêng Lằn"]
    household = repo.find_household_by_code(register.db, "NT-101")
    assert household is not None
    members = repo.members(register.db, household.id)
    assert [m.full_name for m in members] == ["Giàng A Sử", "Sùng Thị Dợ", "Giàng A Chứ"]
    assert household.head_id == members[0].id
    assert (household.address, household.phone) == ("12", "0912345678")
    people = people_named(register, NAMES)
    assert people["Giàng A Sử"]["id_number"] == "012080001999"  # spaces dropped
    assert people["Lò Văn Thưởng"]["id_number"] == "012075000777"  # dots dropped
    assert people["Lò Văn Thưởng"]["hamlet"] == "Bản Nậm Tăm"  # "Nậm Tăm" matched
    assert people["Sùng Thị Dợ"]["birth"] == "1982"
    assert people["Sùng Thị Dợ"]["relationship"] == "Vợ"
    assert people["Nguyễn Văn Quyết"]["hamlet"] == "Thôn Phiêng Lằn"
    # One audit row for the whole import names the file.
    audit = register.db.execute("SELECT after FROM audit WHERE action = 'import'").fetchall()
    assert len(audit) == 1 and json.loads(audit[0][0])["file"] == "ds-nam-tam.xlsx"


def test_importing_the_same_file_again_creates_no_duplicates(
    register: OpenRegister, clean_xlsx: Path, tmp_path: Path
) -> None:
    run(register, clean_xlsx)
    before = register.db.execute("SELECT count(*) FROM person").fetchone()[0]
    again = run(register, clean_xlsx)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 6)
    assert register.db.execute("SELECT count(*) FROM person").fetchone()[0] == before
    # A changed phone and a new child: one row updated, one new, the rest unchanged.
    changed = [list(p) for p in PEOPLE]
    changed[0][9] = "0987 654 321"
    changed.insert(3, ["", "", "Giàng Thị Mai", "2015", "Nữ", "", "Con", "", "", "", "Mông"])
    third = run(register, write_xlsx(tmp_path / "v2.xlsx", [HEADERS, *changed]))
    assert (third.new, third.updated, third.unchanged) == (1, 1, 5)
    household = repo.find_household_by_code(register.db, "NT-101")
    assert household is not None and household.phone == "0987654321"
    assert len(repo.members(register.db, household.id)) == 4


def test_without_codes_a_reimport_matches_on_personal_id(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [[c for i, c in enumerate(p) if i != 1] for p in PEOPLE[3:5]]
    headers = [h for i, h in enumerate(HEADERS) if i != 1]
    path = write_xlsx(tmp_path / "no-codes.xlsx", [headers, *rows])
    first = run(register, path)
    assert first.grouping is Grouping.HEAD_ROWS and first.new_households == 1
    again = run(register, path)
    assert (again.new, again.unchanged, again.new_households) == (0, 2, 0)


@pytest.mark.parametrize(
    ("encoding", "reported", "legacy"),
    [
        ("utf-8", "utf-8", Legacy.NONE),
        ("utf-8-sig", "utf-8", Legacy.NONE),
        ("utf-16", "utf-16", Legacy.NONE),
        ("cp1258", "windows-1258", Legacy.NONE),
        ("tcvn3", "windows-1252", Legacy.TCVN3),
        ("vni", "windows-1252", Legacy.VNI),
        ("nfd", "utf-8", Legacy.NONE),
    ],
)
def test_csv_in_every_common_encoding_arrives_as_nfc_unicode(
    register: OpenRegister, tmp_path: Path, encoding: str, reported: str, legacy: Legacy
) -> None:
    path = write_csv(tmp_path / f"ds-{encoding}.csv", [HEADERS, *PEOPLE], encoding)
    report = run(register, path)
    assert not report.errors, [describe_all(report)]
    assert report.encoding == reported
    assert report.text.legacy is legacy
    if legacy is not Legacy.NONE:
        assert report.text.legacy_cells > 20
    if encoding == "nfd":
        assert report.text.nfc_cells > 20
    people = people_named(register, NAMES)
    assert sorted(people) == sorted(NAMES)
    for name, row in people.items():
        assert unicodedata.is_normalized("NFC", row["full_name"]), name
    assert people["Lò Văn Thưởng"]["ethnicity"] == "Thái"
    lines = "\n".join(import_report_lines(report))
    if legacy is Legacy.TCVN3:
        assert "từ phông TCVN3 (.VnTime, ABC) sang Unicode" in lines
    if legacy is Legacy.VNI:
        assert "từ phông VNI (VNI-Times) sang Unicode" in lines


@pytest.mark.parametrize("other", ["cp1258", "tcvn3"])
@pytest.mark.parametrize(
    ("first", "bom"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("other", b"")]
)
def test_a_csv_of_two_encodings_is_refused_naming_a_line_of_each(
    register: OpenRegister,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    bom: bytes,
    other: str,
    first: str,
) -> None:
    # Two clerks' lists pasted into one file: one saved as UTF-8, one by an older Excel
    # (Windows-1258) or typed in .VnTime. Read as one encoding, the other half's names
    # came in as "Báº£n Náºm TÄƒm" (or the file was "hỏng" with a codec's English words).
    def old(text: str) -> bytes:
        return cp1258_bytes(text) if other == "cp1258" else unicode_to_tcvn3(text).encode("cp1252")

    lines = [
        (csv_text([row]).encode() if (i < 2) == (first == "utf-8") else old(csv_text([row])))
        for i, row in enumerate(PEOPLE)
    ]
    header = csv_text([HEADERS]).encode() if first == "utf-8" else old(csv_text([HEADERS]))
    path = tmp_path / "ghep.csv"
    path.write_bytes(bom + header + b"".join(lines))
    before = snapshot(register)
    assert main(["import", "--db", str(register.path), str(path)]) == 2
    err = capsys.readouterr().err
    utf8, legacy = ("1", "4") if first == "utf-8" else ("4", "1")
    assert err == (
        f"camket: Tệp ghep.csv trộn hai bảng mã: dòng {utf8} là Unicode (UTF-8), dòng {legacy}"
        " thì không (có lẽ ghép từ hai tệp). Hãy mở từng phần, lưu lại cùng một bảng mã"
        " (Excel: CSV UTF-8) rồi nhập lại.\n"
    )
    assert snapshot(register) == before


def test_a_csv_cut_short_inside_a_letter_is_named_as_cut_short(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy pulled off the stick, a download cut, midway through "Thị": before, the file
    was said to mix two encodings ("có lẽ ghép từ hai tệp"), which it does not."""
    whole = csv_text([HEADERS, *PEOPLE]).encode()
    path = tmp_path / "cut.csv"
    path.write_bytes(whole[: whole.index("Thị".encode()) + 3])  # "Th" and half of "ị"
    assert main(["import", "--db", str(register.path), str(path), "--dry-run"]) == 2
    assert capsys.readouterr().err == (
        "camket: Tệp cut.csv bị cắt cụt: dừng giữa một chữ ở dòng 3, phần sau của danh sách"
        " không có (chép hoặc tải về chưa xong). Hãy chép lại tệp đầy đủ rồi nhập lại.\n"
    )


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_a_csv_that_names_its_separator_on_its_first_line_is_read_by_it(
    register: OpenRegister, tmp_path: Path, delimiter: str
) -> None:
    # "sep=;" first: Excel's hint, written by programs that make lists for Excel. With ";"
    # the file was "không nhận ra cột nào" (the sniffer took "=" for the separator).
    path = tmp_path / "co-sep.csv"
    path.write_text(f"sep={delimiter}\r\n" + csv_text([HEADERS, *PEOPLE], delimiter), "utf-8")
    report = run(register, path)
    assert not report.errors, describe_all(report)
    assert set(people_named(register, NAMES)) == set(NAMES)


def describe_all(report: ImportReport) -> str:
    return "\n".join(import_report_lines(report))


def test_semicolon_csv_with_folded_headers_and_no_hamlet_column(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [
        ["HO VA TEN", "NAM SINH", "GIOI TINH", "SO DINH DANH", "CHU HO"],
        ["Vàng A Lử", "1970", "nam", "", "x"],
        ["Vàng Thị Say", "1972", "nữ", "", ""],
    ]
    path = write_csv(tmp_path / "ascii.csv", rows, "utf-8", delimiter=";")
    options = ImportOptions(hamlet="Thôn 2")
    report = run(register, path, options=options)
    assert report.applied and report.households == 1 and report.grouping is Grouping.HEAD_ROWS
    assert people_named(register, ["Vàng Thị Say"])["Vàng Thị Say"]["hamlet"] == "Thôn 2"


def test_a_mapping_file_names_columns_the_app_does_not_know(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [
        ["Tên người", "Sinh", "Phái", "Xóm cũ", "Mã"],
        ["Hầu A Dình", "1988", "Nam", "Thôn 10", "T10-050"],
    ]
    path = write_xlsx(tmp_path / "odd.xlsx", rows, title=False)
    with pytest.raises(KnownError) as info:
        run(register, path)
    assert describe(info.value).startswith("Tệp odd.xlsx: không nhận ra cột nào")
    mapping = tmp_path / "map.json"
    mapping.write_text(
        json.dumps(
            {
                "columns": {
                    "Tên người": "full_name",
                    "Sinh": "birth",
                    "C": "gender",
                    "Xóm cũ": "hamlet",
                    "Mã": "household_code",
                },
                "grouping": "code",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    report = run(register, path, options=load_mapping(mapping))
    assert report.applied and report.new == 1
    assert people_named(register, ["Hầu A Dình"])["Hầu A Dình"]["code"] == "T10-050"


def test_bad_mapping_files_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    for content in ("{", '{"columns": {"A": 1}}', '{"grouping": "by-magic"}', "[]"):
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(KnownError) as info:
            load_mapping(bad)
        assert describe(info.value).startswith("Không đọc được tệp ánh xạ cột bad.json")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{", "không phải JSON đúng cách ở dòng 1, cột 2"),
        ('{"full_name": "Tên"}', "không có khoá “full_name”"),  # a field outside columns
        ('{"columns": {"A": 1}}', "“columns” ghi tên cột → tên trường"),
        ('{"grouping": ["code"]}', "“grouping” là một trong auto, code"),  # was a TypeError
        ('{"header_row": true}', "“header_row” là số thứ tự dòng tiêu đề"),  # was row 1
        ('{"hamlet": 2}', "“hamlet” là tên một thôn/bản"),
        ("[]", "phải là một đối tượng JSON"),
    ],
)
def test_a_bad_mapping_file_is_said_in_vietnamese_naming_its_key(
    tmp_path: Path, content: str, said: str
) -> None:
    """Before: Python's English ("Expecting value: line 1 column 2 (char 1)", "unknown key
    full_name", "bad keys", "not an object"), a list as "grouping" a crash, and `true`
    taken as header row 1."""
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(KnownError) as info:
        load_mapping(bad)
    assert describe(info.value).startswith(f"Không đọc được tệp ánh xạ cột bad.json: {said}")


def test_a_file_with_errors_changes_nothing_and_names_row_and_column(
    register: OpenRegister, tmp_path: Path
) -> None:
    bad = [list(p) for p in PEOPLE]
    bad[1][3] = "31/02/1990"
    bad[2][3] = "1990?"
    bad[4][5] = "12AB"
    path = write_xlsx(tmp_path / "loi.xlsx", [HEADERS, *bad])
    before = snapshot(register)
    report = run(register, path)
    assert not report.applied
    assert snapshot(register) == before
    lines = [line for line in describe_all(report).splitlines() if "Lỗi:" in line]
    # Row numbers as the spreadsheet shows them: title, blank, header, then data at row 4.
    assert lines == [
        "  Lỗi: loi.xlsx, dòng 5, cột “Ngày sinh”: ngày không có thật",
        "  Lỗi: loi.xlsx, dòng 6, cột “Ngày sinh”: không đọc được; nhập dd/mm/yyyy, mm/yyyy"
        " hoặc năm sinh yyyy",
        "  Lỗi: loi.xlsx, dòng 8, cột “Số CCCD”: chỉ gồm chữ số",
    ]
    assert report.accepted == 3


def test_dry_run_reports_and_writes_nothing(register: OpenRegister, clean_xlsx: Path) -> None:
    before = snapshot(register)
    report = run(register, clean_xlsx, dry=True)
    assert not report.applied and (report.new, report.new_households) == (6, 3)
    assert snapshot(register) == before


def test_a_cancelled_import_leaves_the_register_as_it_was(
    register: OpenRegister, clean_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_lists, "BATCH_HOUSEHOLDS", 1)
    before = snapshot(register)
    seen: list[tuple[int, int]] = []
    report = run(
        register,
        clean_xlsx,
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: len(seen) >= 2,  # after the first household is written
    )
    assert report.cancelled and not report.applied
    assert seen == [(0, 3), (1, 3)]
    assert snapshot(register) == before


def test_id_numbers_excel_turned_into_numbers_get_their_zero_back(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [["Họ và tên", "Năm sinh", "Giới tính", "Số định danh", "Thôn"]]
    rows.append(["Lầu A Vàng", 1980, "Nam", 12080000123, "Thôn 2"])
    report = run(register, write_xlsx(tmp_path / "so.xlsx", rows))
    assert report.applied
    assert [i.issue.code for i in report.warnings] == ["import.id_zero_restored"]
    assert people_named(register, ["Lầu A Vàng"])["Lầu A Vàng"]["id_number"] == "012080000123"


# --- files that are not lists -------------------------------------------------------------


def _xlsx_bytes(tmp_path: Path) -> bytes:
    return write_xlsx(tmp_path / "src.xlsx", [HEADERS, *PEOPLE]).read_bytes()


def _zip_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "khac.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("anh/so-ho.txt", "không phải bảng tính")
    return path.read_bytes()


@pytest.mark.parametrize("name", ["ds-qua-zalo.csv", "ds-email.xls", "ds-khong-duoi"])
def test_an_xlsx_with_the_wrong_extension_is_read_by_its_content(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(_xlsx_bytes(tmp_path))
    assert main(["import", "--db", str(register.path), str(path)]) == 0
    assert set(people_named(register, NAMES)) == set(NAMES)


def test_the_first_sheet_the_clerk_sees_is_read_not_a_hidden_one_before_it(
    register: OpenRegister, tmp_path: Path
) -> None:
    # A list from above with a hidden sheet first (drop-down values, an older copy): the
    # import read that one, and would have written households nobody saw in the file.
    import openpyxl

    workbook = openpyxl.Workbook()
    hidden = workbook.active
    assert hidden is not None
    hidden.title = "Danh mục"
    for row in (HEADERS, ["1", "XX-001", "Người Ẩn Danh", "1970", "Nam", "", "Chủ hộ", "Bản Ẩn"]):
        hidden.append(row)
    hidden.sheet_state = "hidden"
    shown = workbook.create_sheet("Danh sách")
    for row in (HEADERS, *PEOPLE):
        shown.append(row)
    workbook.active = 1
    path = tmp_path / "ds-co-trang-an.xlsx"
    workbook.save(path)
    report = run(register, path)
    assert set(people_named(register, [*NAMES, "Người Ẩn Danh"])) == set(NAMES)
    assert "“Danh sách”" in import_report_lines(report).__next__()


def test_the_list_typed_on_a_later_sheet_beside_an_empty_first_one_is_read(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel's new workbook holds an empty Sheet1; the list typed on Sheet2 was refused as
    # "Tệp … trống, không có dòng dữ liệu nào" (a sheet of formatted empty cells too).
    import openpyxl

    workbook = openpyxl.Workbook()
    empty = workbook.active
    assert empty is not None
    empty.title = "Sheet1"
    empty["B3"].number_format = "dd/mm/yyyy"  # formatted, never typed in
    listed = workbook.create_sheet("Sheet2")
    for row in (HEADERS, *PEOPLE):
        listed.append(row)
    workbook.create_sheet("Sheet3")
    path = tmp_path / "sheet2.xlsx"
    workbook.save(path)
    assert main(["import", "--db", str(register.path), str(path)]) == 0, capsys.readouterr()
    assert capsys.readouterr().out.startswith(
        "Tệp sheet2.xlsx (xlsx, trang tính “Sheet2”): 6 dòng, 3 hộ"
    )
    assert set(people_named(register, NAMES)) == set(NAMES)


def test_the_registers_own_people_spreadsheet_imported_again_changes_nothing(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The way README gives to carry a register's entries over (camket spreadsheet, then
    # import). Before: its "Cư trú" column was not read, so Lò Thị Hòa, tạm trú, went in
    # as thường trú; and imported again into the register itself, NT-001, whose head died
    # (not in the sheet of live people), took her own phone as the household's.
    db = str(register.path)
    with register.db.atomic():
        register.db.execute(
            "UPDATE person SET residence = 'tam_tru', phone = '0987654321', relationship = 'Vợ'"
            " WHERE full_name = 'Lò Thị Hòa'"
        )
    died = ["movement", "add", "--kind", "chet", "--person", "012080001234", "--from"]
    assert main([*died, "01/06/2025", "--db", db]) == 0
    sheet = tmp_path / "nhan-khau.xlsx"
    assert main(["spreadsheet", "--what", "people", "--out", str(sheet), "--db", db]) == 0
    before = snapshot(register)
    capsys.readouterr()
    assert main(["import", str(sheet), "--db", db]) == 0
    out = capsys.readouterr().out
    # No "người ở dòng này … được ghi là chủ hộ" either: the household keeps its head.
    assert "Dòng hợp lệ: 6; cảnh báo: 0; lỗi: 0." in out, out
    assert "Mới: 0 dòng (0 hộ mới); cập nhật: 0; không đổi: 6." in out
    assert snapshot(register)["household"] == before["household"]
    assert snapshot(register)["person"] == before["person"]
    elsewhere = tmp_path / "moi.sqlite3"
    assert main(["init", "--commune", "03478", "--db", str(elsewhere)]) == 0
    assert main(["import", str(sheet), "--db", str(elsewhere)]) == 0
    other = open_existing(elsewhere, read_only=True)
    try:
        kinds = dict(other.db.execute("SELECT full_name, residence FROM person").fetchall())
    finally:
        other.close()
    assert kinds["Lò Thị Hòa"] == "tam_tru"
    assert set(kinds.values()) == {"tam_tru", "thuong_tru"}


def test_a_residence_column_is_read_and_an_unknown_word_named(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [
        ["Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Tình trạng cư trú"],
        ["NT-001", "Đặng Văn Hoà", "1980", "Nam", "Tạm trú"],
        ["NT-001", "Lò Thị Hòa", "1985", "Nữ", ""],
        ["NT-002", "Giàng A Páo", "1975", "Nam", "KT3"],
    ]
    report = run(register, write_xlsx(tmp_path / "cu-tru.xlsx", rows))
    assert [describe_issue_line(report, i) for i in report.errors] == [
        "cu-tru.xlsx, dòng 6, cột “Tình trạng cư trú”: “KT3” không rõ; ghi Thường trú hoặc"
        " Tạm trú (hoặc để trống)"
    ]
    rows[3][4] = "thường trú"
    report = run(register, write_xlsx(tmp_path / "cu-tru.xlsx", rows))
    assert report.applied, describe_all(report)
    people = people_named(register, ["Đặng Văn Hoà", "Lò Thị Hòa", "Giàng A Páo"])
    assert {n: p["residence"] for n, p in people.items()} == {
        "Đặng Văn Hoà": "tam_tru",
        "Lò Thị Hòa": "thuong_tru",  # an empty cell keeps what the register holds
        "Giàng A Páo": "thuong_tru",
    }


def test_rows_of_another_commune_by_their_ma_xa_are_refused(
    register: OpenRegister, tmp_path: Path
) -> None:
    # Bình Lư's sheet (camket spreadsheet: "Mã xã" on every row) picked by mistake: before,
    # its households went into Sìn Hồ's register, two communes' NT-001 into one household.
    rows = [
        ["Mã xã", "Tên xã", "Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Thôn/bản"],
        ["03390", "Xã Bình Lư", "NT-001", "Lò Văn Pọm", "1970", "Nam", "Bản Nậm Tăm"],
        ["3478", "Xã Sìn Hồ", "NT-009", "Lò Văn Khăm", "1971", "Nam", "Bản Nậm Tăm"],
        ["99999", "", "NT-010", "Lò Văn Sung", "1972", "Nam", "Bản Nậm Tăm"],
    ]
    before = snapshot(register)
    report = run(register, write_xlsx(tmp_path / "binh-lu.xlsx", rows))
    assert [describe_issue_line(report, i) for i in report.errors] == [
        "binh-lu.xlsx, dòng 4, cột “Mã xã”: dòng của Xã Bình Lư (03390), không phải Xã Sìn Hồ"
        " (03478) của sổ này; hãy nhập tệp (hay các dòng này) vào sổ của xã đó"
    ]
    assert snapshot(register) == before
    del rows[1]  # its own code with Excel's lost zero, and one no commune has now: taken
    report = run(register, write_xlsx(tmp_path / "sin-ho.xlsx", rows))
    assert report.applied and not report.errors, describe_all(report)


@pytest.mark.parametrize(
    "header",
    [["Họ và tên đệm", "Tên"], ["Họ", "Tên đệm", "Tên"], ["HỌ VÀ CHỮ ĐỆM", "TÊN"]],
)
def test_a_name_split_over_columns_is_read_whole(
    register: OpenRegister, tmp_path: Path, header: list[str]
) -> None:
    # National lists split the name: "Họ và tên đệm" | "Tên". Before, "Tên" was taken for
    # the full name and "Pọm" went in alone, with only the warning "chỉ có một từ".
    split = (
        [["Lò Văn", "Pọm"], ["Lò Thị", "Ơn"]]
        if len(header) == 2
        else [["Lò", "Văn", "Pọm"], ["Lò", "Thị", "Ơn"]]
    )
    rows = [
        ["STT", *header, "Năm sinh", "Giới tính", "Quan hệ với chủ hộ", "Hộ", "Thôn"],
        ["1", *split[0], "1970", "Nam", "Chủ hộ", "1", "Bản Nậm Tăm"],
        ["2", *split[1], "1972", "Nữ", "Vợ", "1", ""],
    ]
    report = run(register, write_xlsx(tmp_path / "ten-tach.xlsx", rows))
    assert report.applied and not report.issues, describe_all(report)
    people = people_named(register, ["Lò Văn Pọm", "Lò Thị Ơn"])
    assert {n: p["gender"] for n, p in people.items()} == {"Lò Văn Pọm": "nam", "Lò Thị Ơn": "nu"}


@pytest.mark.parametrize(
    "total",
    [
        ["", "Tổng cộng: 2 hộ, 3 khẩu", "", "", "", ""],
        ["Cộng", "", "", "", "", ""],  # in the STT column, merged over the name's
        ["", "Tổng số", "", "", "", "3"],
    ],
)
def test_the_total_closing_a_list_is_no_person(
    register: OpenRegister, tmp_path: Path, total: list[str]
) -> None:
    # Before: read as a person, "Giới tính: chưa nhập", and the whole list refused.
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Số khẩu"],
        ["1", "Công Văn Tổng", "1970", "Nam", "Bản Nậm Tăm", "2"],
        ["2", "Tống Thị Cộng", "1972", "Nữ", "Bản Nậm Tăm", "1"],
        total,
    ]
    report = run(register, write_xlsx(tmp_path / "co-tong.xlsx", rows))
    assert report.applied and not report.issues, describe_all(report)
    assert (report.rows, report.households, report.new) == (2, 2, 2)


@pytest.mark.parametrize(
    "headings",
    [
        (["I", "BẢN NẬM TĂM", "", "", "", ""], ["II", "THÔN PÚ CAI", "", "", "", ""]),
        (["I. Bản Nậm Tăm", "", "", "", "", ""], ["II. Thôn Pú Cai", "", "", "", "", ""]),
    ],
)
def test_a_hamlets_heading_row_gives_the_rows_under_it_their_hamlet(
    register: OpenRegister, tmp_path: Path, headings: tuple[list[str], list[str]]
) -> None:
    # Commune lists without a Thôn column head each hamlet's households with a row of its
    # name (in the STT column, merged across the row, or numbered beside the name). Before,
    # such a row was read as a person ("Giới tính: chưa nhập") and the whole list refused.
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Quan hệ với chủ hộ", "Hộ"],
        headings[0],
        ["1", "Bàn Văn Sình", "1970", "Nam", "Chủ hộ", "1"],
        ["2", "Bàn Thị Mẩy", "1972", "Nữ", "Vợ", "1"],
        headings[1],
        ["3", "Tổ Văn Páo", "1980", "Nam", "Chủ hộ", "2"],
    ]
    report = run(register, write_xlsx(tmp_path / "theo-thon.xlsx", rows))
    assert report.applied, describe_all(report)
    # The one word said: the new hamlet (a hamlet the register has is matched by name).
    assert [i.issue.code for i in report.issues] == ["import.hamlet_new"]
    assert (report.rows, report.households, report.new_hamlets) == (3, 2, ["Thôn Pú Cai"])
    hamlet_of = {
        name: hamlet
        for name, hamlet in register.db.execute(
            """SELECT p.full_name, m.name FROM person p JOIN household h ON h.id = p.household_id
               JOIN hamlet m ON m.id = h.hamlet_id"""
        )
    }
    assert hamlet_of["Bàn Văn Sình"] == hamlet_of["Bàn Thị Mẩy"] == "Bản Nậm Tăm"
    assert hamlet_of["Tổ Văn Páo"] == "Thôn Pú Cai"


def test_a_person_with_no_birth_is_no_hamlets_heading(
    register: OpenRegister, tmp_path: Path
) -> None:
    # "Bàn" (a surname) folds as "Bản" does: a row is a heading only with the kind word's
    # own marks, and a person's row (gender, relationship…) never is.
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Thôn"],
        ["1", "Bàn Văn Sình", "", "Nam", "Bản Nậm Tăm"],
        ["2", "Bàn Thị Mẩy", "1972", "Nữ", "Bản Nậm Tăm"],
    ]
    report = run(register, write_xlsx(tmp_path / "khong-nam-sinh.xlsx", rows))
    assert report.applied, describe_all(report)
    assert report.rows == 2


def test_a_birth_excel_shows_as_month_and_year_or_year_alone_is_imported_so(
    register: OpenRegister, tmp_path: Path
) -> None:
    # "05/2001" typed in Excel is a date of 1 May 2001 shown as "05/2001" (a format with
    # no day); "1960" under a "yyyy" format alike. They came in as 01/05/2001 and
    # 01/01/1960: a day the list never gave, printed on the sheet.
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in PEOPLE:
        sheet.append(row)
    shown = {
        "D2": ("mm/yyyy", dt.datetime(1980, 4, 1)),
        "D3": ("yyyy", dt.datetime(1982, 1, 1)),
        "D6": ("mmm\\-yy;@", dt.datetime(1979, 3, 1)),
        "D7": ("[$-42A]dd/mm/yyyy", dt.datetime(1990, 1, 1)),
    }
    for cell, (number_format, value) in shown.items():
        sheet[cell] = value
        sheet[cell].number_format = number_format
    path = tmp_path / "ngay-sinh.xlsx"
    workbook.save(path)
    report = run(register, path)
    assert not report.errors, describe_all(report)
    births = {name: row["birth"] for name, row in people_named(register, NAMES).items()}
    assert births["Giàng A Sử"] == "1980-04"
    assert births["Sùng Thị Dợ"] == "1982"
    assert births["Đặng Thị Hoà"] == "1979-03"
    assert births["Nguyễn Văn Quyết"] == "1990-01-01"  # a format with its day: the whole date


def test_a_household_without_a_head_row_or_with_members_in_another_hamlet_is_warned_of(
    register: OpenRegister, tmp_path: Path
) -> None:
    # Both went in silently: the "Con" of the first row printed as "Họ và tên chủ hộ" with
    # "Quan hệ: Con" on the same sheet, and a wife's row saying "Bản Pá Khoang" placed in
    # the head's hamlet.
    rows = [
        ["Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Quan hệ với chủ hộ", "Thôn"],
        ["NT-201", "Lò Văn Một", "1980", "Nam", "Chủ hộ", "Bản Nậm Tăm"],
        ["NT-201", "Lò Thị Hai", "1982", "Nữ", "Vợ", "Bản Pá Khoang"],
        ["NT-201", "Lò Văn Ba", "2005", "Nam", "Con", "Nậm Tăm"],  # the same, no kind word
        ["NT-202", "Lò Văn Bốn", "1990", "Nam", "Con", "Bản Nậm Tăm"],
        ["NT-202", "Lò Thị Năm", "1992", "Nữ", "Em", ""],
    ]
    path = write_csv(tmp_path / "ho.csv", rows, "utf-8")
    report = run(register, path)
    lines = describe_all(report)
    assert not report.errors, lines
    assert (
        "ho.csv, dòng 3, cột “Thôn”: thôn/bản “Bản Pá Khoang” khác thôn/bản của hộ"
        " (“Bản Nậm Tăm”, dòng 2); người này được ghi vào hộ ở “Bản Nậm Tăm”"
    ) in lines
    assert (
        "ho.csv, dòng 5, cột “Quan hệ với chủ hộ”: hộ NT-202 không có dòng nào là chủ hộ;"
        " người ở dòng này (quan hệ “Con”) được ghi là chủ hộ"
    ) in lines
    assert lines.count("khác thôn/bản của hộ") == 1 and lines.count("không có dòng nào") == 1


BAD_FILES: dict[str, tuple[str, Callable[[Path], bytes], str]] = {
    "empty": ("trong.csv", lambda _: b"", "Tệp trong.csv trống"),
    "blank lines": ("trang.csv", lambda _: b"\r\n ; \r\n", "Tệp trang.csv trống"),
    "truncated": (
        "cut.xlsx",
        lambda tmp: _xlsx_bytes(tmp)[:3000],
        "Tệp cut.xlsx bị hỏng hoặc không đầy đủ",
    ),
    "pdf": (
        "ds.xlsx",
        lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "Tệp ds.xlsx không phải bảng tính",
    ),
    "image": ("anh.csv", lambda _: b"\x89PNG\r\n\x1a\n" + bytes(200), "Tệp anh.csv không phải"),
    "binary": ("x.csv", lambda _: bytes(range(256)) * 8, "Tệp x.csv không phải bảng tính"),
    "old xls": (
        "cu.xls",
        lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "Tệp cu.xls là định dạng Excel cũ (.xls)",
    ),
    "no columns": (
        "khac.csv",
        lambda _: "Mặt hàng,Số lượng\nGạo,10\n".encode(),
        "Tệp khac.csv: không nhận ra cột nào",
    ),
    "zip not xlsx": (
        "nen.xlsx",
        lambda tmp: _zip_bytes(tmp),
        "Tệp nen.xlsx không phải bảng tính",
    ),
    "open quote": (
        "ngoac.csv",
        lambda _: 'Họ và tên,Năm sinh\n"Lò Văn A,1990\n'.encode(),
        "Tệp ngoac.csv, dòng",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_are_refused_in_one_line_and_change_nothing(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, make, message = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    before = snapshot(register)
    assert main(["import", "--db", str(register.path), str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"camket: {message}"), err
    assert err.count("\n") == 1
    assert snapshot(register) == before


def test_a_password_protected_xlsx_is_refused(register: OpenRegister, tmp_path: Path) -> None:
    path = encrypted_xlsx(tmp_path / "mat-khau.xlsx", [HEADERS, *PEOPLE])
    with pytest.raises(KnownError) as info:
        run(register, path)
    assert describe(info.value) == (
        "Tệp mat-khau.xlsx được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại."
    )


def test_a_list_longer_than_the_limit_is_refused_before_anything_is_written(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [HEADERS] + [["", "", f"Lò Văn A{i}", "1990", "Nam"] for i in range(50)]
    path = write_csv(tmp_path / "dai.csv", rows, "utf-8")
    before = snapshot(register)
    with pytest.raises(KnownError) as info:
        run(register, path, max_rows=40)
    assert describe(info.value) == "Tệp dai.csv có quá 40 dòng; hãy chia thành nhiều tệp."
    assert snapshot(register) == before


# --- the command --------------------------------------------------------------------------


def test_the_import_command_dry_run_then_import(
    register: OpenRegister, clean_xlsx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    assert main(["import", "--db", db, str(clean_xlsx), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Tệp ds-nam-tam.xlsx (xlsx): 6 dòng, 3 hộ; chia hộ theo mã hộ." in out
    assert "Mới: 6 dòng (3 hộ mới); cập nhật: 0; không đổi: 0." in out
    assert out.rstrip().endswith("Chạy thử: chưa ghi gì vào sổ đăng ký.")
    assert main(["import", "--db", db, str(clean_xlsx)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("Đã nhập vào sổ đăng ký.")
    assert main(["import", "--db", db, str(clean_xlsx)]) == 0
    out = capsys.readouterr().out
    # No "người ở dòng này … được ghi là chủ hộ" either: the household keeps its head.
    assert "Dòng hợp lệ: 6; cảnh báo: 0; lỗi: 0." in out, out
    assert "Mới: 0 dòng (0 hộ mới); cập nhật: 0; không đổi: 6." in out


def test_the_import_command_exits_1_on_row_errors(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = [list(p) for p in PEOPLE]
    bad[0][3] = "31/02/1990"
    path = write_xlsx(tmp_path / "loi.xlsx", [HEADERS, *bad])
    assert main(["import", "--db", str(register.path), str(path)]) == 1
    captured = capsys.readouterr()
    assert "loi.xlsx, dòng 4, cột “Ngày sinh”: ngày không có thật" in captured.out
    assert captured.err == "camket: Tệp loi.xlsx có 1 lỗi; chưa nhập gì vào sổ.\n"


def test_every_import_code_has_vietnamese_wording() -> None:
    import re

    from desktop.domain.import_rows import IMPORT_ISSUE_CODES
    from desktop.messages import ISSUE_MESSAGES, MESSAGES

    assert set(ISSUE_MESSAGES) >= IMPORT_ISSUE_CODES
    root = Path(__file__).resolve().parents[2] / "desktop"
    raised = {
        code
        for path in root.rglob("*.py")
        for code in re.findall(r'KnownError\(\s*"(import\.[a-z_]+)"', path.read_text("utf-8"))
    }
    assert raised and raised <= set(MESSAGES), raised - set(MESSAGES)


def test_imported_people_are_found_by_search_without_diacritics(
    register: OpenRegister, clean_xlsx: Path, tmp_path: Path
) -> None:
    from desktop.store.search import search_people

    run(register, clean_xlsx)
    assert [h.full_name for h in search_people(register.db, "giang a su")] == ["Giàng A Sử"]
    assert [h.household_code for h in search_people(register.db, "dang thi hoa")] == ["NT-102"]
    # A new member of an existing household, added by a second import, is found too.
    more = [list(p) for p in PEOPLE]
    more.insert(5, ["", "", "Lò Thị Én", "2012", "Nữ", "", "Con", "", "", "", "Thái"])
    run(register, write_xlsx(tmp_path / "v2.xlsx", [HEADERS, *more]))
    assert [h.household_code for h in search_people(register.db, "lo thi en")] == ["NT-102"]
    assert register.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    register.db.execute("INSERT INTO person_fts(person_fts) VALUES ('integrity-check')")


def test_a_list_without_codes_or_ids_is_matched_by_its_heads_on_reimport(
    register: OpenRegister, tmp_path: Path
) -> None:
    rows = [
        ["Họ và tên", "Năm sinh", "Giới tính", "Quan hệ", "Bản"],
        ["Thào A Pó", "1970", "Nam", "Chủ hộ", "Bản Nậm Tăm"],
        ["Mùa Thị Dê", "1973", "Nữ", "Vợ", ""],
        ["Thào A Lồng", "1985", "Nam", "Chủ hộ", "Bản Nậm Tăm"],
    ]
    path = write_xlsx(tmp_path / "khong-ma.xlsx", rows)
    first = run(register, path)
    assert (first.new_households, first.new) == (2, 3)
    codes = sorted(h["code"] for h in people_named(register, ["Thào A Pó", "Thào A Lồng"]).values())
    assert codes == ["NT-003", "NT-004"]  # the hamlet's initials, next free numbers
    again = run(register, path)
    assert (again.new_households, again.new, again.unchanged) == (0, 0, 3)


def test_a_known_household_under_another_code_keeps_its_code(
    register: OpenRegister, tmp_path: Path
) -> None:
    # NT-001 of the register (Đặng Văn Hoà, ID 012080001234) arrives coded "HK-9".
    rows = [
        ["Mã hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại"],
        ["HK-9", "Đặng Văn Hoà", "04/03/1980", "Nam", "012080001234", 912000111],
    ]
    report = run(register, write_xlsx(tmp_path / "ma-khac.xlsx", rows))
    assert report.applied, describe_all(report)
    assert (report.new_households, report.updated) == (0, 1)
    assert [describe_issue_line(report, i) for i in report.warnings] == [
        "ma-khac.xlsx, dòng 4, cột “Mã hộ”: hộ này đã có trong sổ với mã NT-001; giữ mã cũ",
        "ma-khac.xlsx, dòng 4, cột “Số điện thoại”: Excel lưu ô này thành số nên mất số 0 ở"
        " đầu; đã thêm lại",
    ]
    assert repo.find_household_by_code(register.db, "HK-9") is None
    person = people_named(register, ["Đặng Văn Hoà"])["Đặng Văn Hoà"]
    assert (person["code"], person["phone"]) == ("NT-001", "0912000111")


def describe_issue_line(report: ImportReport, issue: Any) -> str:
    from desktop.messages import describe_row_issue

    return describe_row_issue(report.source, issue)


@pytest.mark.slow
def test_a_100000_row_list_with_one_bad_date_names_it_and_writes_nothing(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Quan hệ với chủ hộ", "Thôn"]]
    for n in range(25_000):
        code = f"NT-{n:05d}"
        rows.append([code, "Lò Văn Pọm", str(1950 + n % 50), "Nam", "Chủ hộ", "Bản Nậm Tăm"])
        rows += [["", "Lò Thị Ún", "1960", "Nữ", "Vợ", ""] for _ in range(3)]
    rows[99_998][2] = "31/02/1990"
    path = write_csv(tmp_path / "ca-huyen.csv", rows, "utf-8")
    before = snapshot(register)
    assert main(["import", "--db", str(register.path), str(path)]) == 1
    captured = capsys.readouterr()
    assert "Tệp ca-huyen.csv (utf-8): 100000 dòng, 25000 hộ" in captured.out
    assert "ca-huyen.csv, dòng 99999, cột “Năm sinh”: ngày không có thật" in captured.out
    assert captured.err == "camket: Tệp ca-huyen.csv có 1 lỗi; chưa nhập gì vào sổ.\n"
    assert snapshot(register) == before


def test_an_xlsx_typed_in_vntime_under_unicode_headers_is_converted(
    register: OpenRegister, tmp_path: Path
) -> None:
    from desktop.domain.legacy_text import unicode_to_tcvn3

    legacy = [[unicode_to_tcvn3(cell) for cell in row] for row in PEOPLE]
    report = run(register, write_xlsx(tmp_path / "vntime.xlsx", [HEADERS, *legacy]))
    assert report.applied and report.text.legacy is Legacy.TCVN3
    assert sorted(people_named(register, NAMES)) == sorted(NAMES)
    assert repo.find_household_by_code(register.db, "NT-101") is not None


def test_a_head_name_column_and_gender_columns_marked_with_x(
    register: OpenRegister, tmp_path: Path
) -> None:
    # "Chủ hộ" repeats the head's name on each row; "Nam"/"Nữ" hold an x, not the year.
    rows = [
        ["Chủ hộ", "Họ và tên", "Nam", "Nữ", "Năm sinh", "Thôn"],
        ["Vàng A Sình", "Vàng A Sình", "x", "", "1966", "Thôn 2"],
        ["Vàng A Sình", "Giàng Thị Pàng", "", "x", "1969", ""],
        ["Lý Văn Tài", "Lý Văn Tài", "x", "", "1980", "Thôn 2"],
    ]
    report = run(register, write_xlsx(tmp_path / "chu-ho.xlsx", rows))
    assert report.applied, describe_all(report)
    assert (report.grouping, report.households) == (Grouping.HEAD_ROWS, 2)
    people = people_named(register, ["Vàng A Sình", "Giàng Thị Pàng", "Lý Văn Tài"])
    assert people["Giàng Thị Pàng"]["gender"] == "nu"
    assert people["Giàng Thị Pàng"]["birth"] == "1969"
    assert people["Giàng Thị Pàng"]["household_id"] == people["Vàng A Sình"]["household_id"]
    assert people["Lý Văn Tài"]["household_id"] != people["Vàng A Sình"]["household_id"]


def test_a_header_over_two_rows_names_its_columns_from_both(
    register: OpenRegister, tmp_path: Path
) -> None:
    # The old layout as lists have it: "Năm sinh" merged over the columns "Nam" and "Nữ" on a
    # second header row, the other headers merged down over both rows. Before, the second
    # row was read as a person (4 errors) and a woman's year, in "Nữ", was lost.
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["STT", "Họ và tên", "Năm sinh", None, "Quan hệ với chủ hộ", "Thôn"])
    sheet.append([None, None, "Nam", "Nữ", None, None])
    for area in ("A1:A2", "B1:B2", "C1:D1", "E1:E2", "F1:F2"):
        sheet.merge_cells(area)
    sheet.append([1, "Vàng A Sình", 1966, None, "Chủ hộ", "Thôn 2"])
    sheet.append([2, "Giàng Mí Pàng", None, "1969", "Vợ", ""])
    sheet.append([3, "Vàng Mí Súa", None, "abc", "Con", ""])
    path = tmp_path / "hai-dong.xlsx"
    workbook.save(path)
    report = run(register, path)
    assert [describe_issue_line(report, i) for i in report.issues] == [
        "hai-dong.xlsx, dòng 5, cột “Năm sinh Nữ”: không đọc được; nhập dd/mm/yyyy, mm/yyyy"
        " hoặc năm sinh yyyy"
    ]
    sheet.delete_rows(5)
    workbook.save(path)
    report = run(register, path)
    assert report.applied and not report.issues, describe_all(report)
    assert (report.rows, report.households) == (2, 1)
    people = people_named(register, ["Vàng A Sình", "Giàng Mí Pàng"])
    assert (people["Vàng A Sình"]["gender"], people["Vàng A Sình"]["birth"]) == ("nam", "1966")
    assert (people["Giàng Mí Pàng"]["gender"], people["Giàng Mí Pàng"]["birth"]) == ("nu", "1969")


@pytest.mark.parametrize(
    "numbers",
    [
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [1, 2, 3, 4, 5, 6],
        ["A", "B", "1", "2", "3", "4"],
    ],
)
def test_the_row_numbering_the_columns_under_the_header_is_no_person(
    register: OpenRegister, tmp_path: Path, numbers: list[object]
) -> None:
    # Official forms number their columns on the row under the header; it was read as a
    # person named "(2)" born "(3)" and the whole list refused (5 errors).
    rows = [
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Quan hệ với chủ hộ", "Thôn"],
        numbers,
        [1, "Vàng A Sình", "03/04/1966", "Nam", "Chủ hộ", "Thôn 2"],
        [2, "Giàng Thị Pàng", "1969", "Nữ", "Vợ", ""],
    ]
    report = run(register, write_xlsx(tmp_path / "mau-bieu.xlsx", rows))
    assert report.applied and not report.issues, describe_all(report)
    assert (report.rows, report.households, report.new) == (2, 1, 2)
    assert sorted(people_named(register, ["Vàng A Sình", "Giàng Thị Pàng"])) == [
        "Giàng Thị Pàng",
        "Vàng A Sình",
    ]


def test_a_personal_id_held_in_another_household_is_refused_as_the_editor_refuses_it(
    register: OpenRegister, tmp_path: Path
) -> None:
    # Đặng Văn Hoà of NT-001 holds 012080001234; the list puts that number in T2-001.
    rows = [
        ["Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Số CCCD"],
        ["T2-001", "Đặng Văn Hải", 1980, "Nam", "012080001234"],
    ]
    report = run(register, write_xlsx(tmp_path / "trung.xlsx", rows))
    assert not report.applied
    assert [describe_issue_line(report, i) for i in report.errors] == [
        "trung.xlsx, dòng 4, cột “Số CCCD”: trùng với Đặng Văn Hoà (hộ NT-001)"
    ]
    assert [i.issue.code for i in report.errors] == ["id_number.duplicate"]


def test_a_note_of_several_lines_imported_again_is_unchanged(
    register: OpenRegister, tmp_path: Path
) -> None:
    # A cell with line breaks (Alt+Enter in Excel) is kept on one line, as every note is:
    # read again, it was compared line by line with its stored line and called changed.
    rows = [[*p, ""] for p in PEOPLE]
    rows[0][-1] = "Đi làm ăn\nở Trung Quốc\n\nnăm 2019"
    path = write_xlsx(tmp_path / "ghi-chu.xlsx", [[*HEADERS, "Ghi chú"], *rows])
    run(register, path)
    assert people_named(register, NAMES)["Giàng A Sử"]["notes"] == (
        "Đi làm ăn ở Trung Quốc năm 2019"
    )
    again = run(register, path)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 6)


def test_households_without_codes_take_the_lowest_numbers_left_free(
    register: OpenRegister, tmp_path: Path
) -> None:
    # The register holds NT-001 and NT-002, the file gives NT-004 and NT-006 itself: the
    # households without a code take 3, 5, 7 and 8, in file order.
    rows = [["Mã hộ", "Họ và tên", "Năm sinh", "Giới tính", "Quan hệ", "Bản"]]
    given = {1: "NT-004", 3: "NT-006"}
    names = [f"Thào A {word}" for word in ("Pó", "Lồng", "Dình", "Chư", "Súa", "Vàng")]
    for n, name in enumerate(names):
        rows.append([given.get(n, ""), name, "1970", "Nam", "Chủ hộ", "Bản Nậm Tăm"])
    options = ImportOptions(grouping=Grouping.HEAD_ROWS)
    run(register, write_xlsx(tmp_path / "nua-ma.xlsx", rows), options=options)
    codes = people_named(register, names)
    assert [codes[name]["code"] for name in names] == [
        "NT-003",
        "NT-004",
        "NT-005",
        "NT-006",
        "NT-007",
        "NT-008",
    ]


def test_camket_import_of_a_list_does_not_load_sqlite_utils(
    register: OpenRegister, tmp_path: Path
) -> None:
    """sqlite-utils brings click and pluggy (a tenth of the command's start): a list whose
    hamlets the register has is imported over the plain connection."""
    import subprocess
    import sys

    path = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE[:5]])
    db = str(register.path)
    register.db.close()
    script = (
        "import sys; from desktop.cli import main; code = main(sys.argv[1:]);"
        " print(code, 'sqlite_utils' in sys.modules, 'click' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, "import", "--db", db, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[-3:] == ["0", "False", "False"]
    again = open_existing(Path(db))
    assert set(people_named(again, NAMES[:5])) == set(NAMES[:5])
    again.db.close()


def test_the_heads_own_phone_on_reimport_leaves_the_households_phone_alone(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The household editor keeps the household's phone (a landline at home) apart from
    each person's. Before, importing the register's own people spreadsheet again made the
    head's mobile the household's phone: its head's row carries the head's own phone."""
    db = str(register.path)
    with register.db.atomic():
        register.db.execute(
            "UPDATE person SET phone = '0987654321' WHERE full_name = 'Đặng Văn Hoà'"
        )
    sheet = tmp_path / "nhan-khau.xlsx"
    assert main(["spreadsheet", "--what", "people", "--out", str(sheet), "--db", db]) == 0
    before = snapshot(register)
    assert main(["import", str(sheet), "--db", db]) == 0, capsys.readouterr()
    assert "cập nhật: 0; không đổi: 7." in capsys.readouterr().out
    assert snapshot(register)["household"] == before["household"]
    household = repo.find_household_by_code(register.db, "NT-001")
    assert household is not None and household.phone == "0912345678"
    # A new phone on the head's row is the head's: the household's own number stays.
    changed = tmp_path / "moi.csv"
    changed.write_text(
        "Mã hộ,Họ và tên,Năm sinh,Giới tính,Số điện thoại\n"
        "NT-001,Đặng Văn Hoà,1980,Nam,0977 111 222\n",
        encoding="utf-8",
    )
    assert run(register, changed).applied
    household = repo.find_household_by_code(register.db, "NT-001")
    assert household is not None and household.phone == "0912345678"
    head = people_named(register, ["Đặng Văn Hoà"])["Đặng Văn Hoà"]
    assert head["phone"] == "0977111222"
    # A household whose phone is its head's (as a first import makes them) follows it,
    # and one with no phone takes the head's.
    with register.db.atomic():
        register.db.execute("UPDATE household SET phone = '' WHERE code = 'NT-002'")
    both = tmp_path / "ca-hai.csv"
    both.write_text(
        "Mã hộ,Họ và tên,Năm sinh,Giới tính,Số điện thoại\n"
        "NT-001,Đặng Văn Hoà,1980,Nam,0977 333 444\n"
        "NT-002,Giàng A Páo,1975,Nam,0977 555 666\n",
        encoding="utf-8",
    )
    with register.db.atomic():
        register.db.execute("UPDATE household SET phone = '0977111222' WHERE code = 'NT-001'")
    assert run(register, both).applied
    phones = dict(register.db.execute("SELECT code, phone FROM household").fetchall())
    assert (phones["NT-001"], phones["NT-002"]) == ("0977333444", "0977555666")
