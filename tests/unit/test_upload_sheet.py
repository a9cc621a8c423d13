"""The upload spreadsheet: what an office above opens in Excel, or another program reads."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.domain.entities import Gender, Household, Person
from desktop.domain.errors import KnownError
from desktop.domain.pledges import PledgeStatus
from desktop.domain.upload_sheet import HEADERS_VI, UploadSheet
from desktop.services import pledges, upload_sheet
from desktop.services.bundles import export_bundle
from desktop.services.register import OpenRegister, create_register
from desktop.services.upload_sheet import content_columns, export_sheet, sheet_columns
from desktop.store import households as repo
from desktop.store import pledges as store
from desktop.store.registry import table
from tests.unit.exchange_helpers import BINH_LU, SIN_HO, as_pc, opened

ID = "002084001234"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "spreadsheet.md"


def _person(reg: OpenRegister, name: str) -> str:
    found = reg.db.execute("SELECT id FROM person WHERE full_name = ?", [name]).fetchone()
    return str(found[0])


def _csv(path: Path, delimiter: str = ";") -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would garble the diacritics"
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=delimiter))


def _named(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.fixture
def marked(register: OpenRegister) -> OpenRegister:
    """The test register with an ID that starts with zeros, and notes Excel would run."""
    hoa = _person(register, "Đặng Văn Hoà")
    register.writer.update(
        "person", hoa, {"id_number": ID, "phone": "0912345678", "notes": "=HYPERLINK(1)"}
    )
    household = pledges.household_by_code(register, "NT-001")
    register.writer.update("household", household.id, {"notes": "+84 gọi lại"})
    return register


def test_an_id_with_leading_zeros_stays_text_in_csv_and_xlsx(
    marked: OpenRegister, tmp_path: Path
) -> None:
    export_sheet(marked, UploadSheet.PEOPLE, tmp_path / "nk.csv", headers="machine")
    hoa = next(r for r in _named(_csv(tmp_path / "nk.csv")) if r["id_number"] == ID)
    assert hoa["full_name"] == "Đặng Văn Hoà" and hoa["phone"] == "0912345678"

    export_sheet(marked, UploadSheet.PEOPLE, tmp_path / "nk.xlsx")
    sheet = load_workbook(tmp_path / "nk.xlsx").active
    assert sheet is not None and sheet.title == "Nhân khẩu"
    header = [c.value for c in sheet[1]]
    id_cells = [row[header.index("Số định danh")] for row in sheet.iter_rows(min_row=2)]
    cell = next(c for c in id_cells if c.value == ID)
    assert (cell.data_type, cell.number_format) == ("s", "@")
    phone = sheet.cell(row=cell.row, column=header.index("Số điện thoại") + 1)
    assert (phone.value, phone.data_type) == ("0912345678", "s")
    code = sheet.cell(row=cell.row, column=header.index("Mã xã") + 1)
    assert (code.value, code.data_type) == (SIN_HO, "s")


def test_cells_excel_would_run_are_escaped(marked: OpenRegister, tmp_path: Path) -> None:
    export_sheet(marked, UploadSheet.PEOPLE, tmp_path / "nk.csv", headers="machine")
    notes = [r["notes"] for r in _named(_csv(tmp_path / "nk.csv"))]
    assert "'=HYPERLINK(1)" in notes and "=HYPERLINK(1)" not in notes
    export_sheet(marked, UploadSheet.HOUSEHOLDS, tmp_path / "ho.csv", headers="machine")
    assert "'+84 gọi lại" in [r["notes"] for r in _named(_csv(tmp_path / "ho.csv"))]

    export_sheet(marked, UploadSheet.PEOPLE, tmp_path / "nk.xlsx", headers="machine")
    sheet = load_workbook(tmp_path / "nk.xlsx").active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    formula = next(c for c in cells if c.value == "=HYPERLINK(1)")
    assert formula.data_type == "s"  # a text cell: never a formula
    assert not [c for c in cells if c.data_type == "f"]


def test_an_empty_value_is_no_cell_in_xlsx(marked: OpenRegister, tmp_path: Path) -> None:
    # docs/spreadsheet.md: "empty: no cell" (an empty text cell is still a cell to a
    # program reading the file).
    export_sheet(marked, UploadSheet.PEOPLE, tmp_path / "nk.xlsx")
    sheet = load_workbook(tmp_path / "nk.xlsx").active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert [c for c in cells if c.value is None]  # the register has empty notes, phones…
    assert [c.coordinate for c in cells if c.value is None and c.data_type != "n"] == []


def test_a_text_longer_than_an_excel_cell_is_cut_in_xlsx_and_whole_in_csv(
    register: OpenRegister, tmp_path: Path
) -> None:
    # Excel calls a workbook with a cell over 32,767 characters damaged (and "repairs" it).
    long_note = "Ghi chú của hộ, dán từ một văn bản dài. " * 1000
    household = pledges.household_by_code(register, "NT-001")
    register.writer.update("household", household.id, {"notes": long_note})
    export_sheet(register, UploadSheet.HOUSEHOLDS, tmp_path / "ho.xlsx", headers="machine")
    sheet = load_workbook(tmp_path / "ho.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    notes = [row[header.index("notes")].value for row in sheet.iter_rows(min_row=2)]
    cut = next(n for n in notes if n and n.startswith("Ghi chú của hộ"))
    assert len(cut) == 32_767 and cut.endswith("…") and long_note.startswith(cut[:-1])
    export_sheet(register, UploadSheet.HOUSEHOLDS, tmp_path / "ho.csv", headers="machine")
    assert long_note in [r["notes"] for r in _named(_csv(tmp_path / "ho.csv"))]


def test_delimiter_and_decimal_separator_go_together(
    register: OpenRegister, tmp_path: Path
) -> None:
    household = pledges.household_by_code(register, "NT-001")
    on = dt.date(2026, 1, 5)
    pledges.record_result(register, household.id, PledgeStatus.ABSENT, on, reason="x", today=on)
    household = pledges.household_by_code(register, "NT-002")
    pledges.record_result(
        register, household.id, PledgeStatus.SIGNED, on, today=on,
        signer_id=_person(register, "Giàng A Páo"),
    )  # fmt: skip
    semicolon, comma = tmp_path / "td.csv", tmp_path / "td-comma.csv"
    export_sheet(register, UploadSheet.PROGRESS, semicolon, headers="machine")
    export_sheet(register, UploadSheet.PROGRESS, comma, delimiter=",", headers="machine")
    assert b";" not in comma.read_bytes().split(b"\r\n")[0]
    by_semicolon = {r["hamlet"]: r for r in _named(_csv(semicolon))}
    by_comma = {r["hamlet"]: r for r in _named(_csv(comma, ","))}
    tam = by_semicolon["Bản Nậm Tăm"]
    assert (tam["households"], tam["signed"], tam["absent"]) == ("2", "1", "1")
    assert tam["percent_signed"] == "50,0"
    assert by_comma["Bản Nậm Tăm"]["percent_signed"] == "50.0"
    assert by_comma["Thôn 10"]["percent_signed"] == "0.0"
    # The Vietnamese header "Đã in, chưa nhận lại" holds a comma: quoted, it stays one column.
    export_sheet(register, UploadSheet.PROGRESS, comma, delimiter=",")
    assert "Đã in, chưa nhận lại" in _csv(comma, ",")[0]

    export_sheet(register, UploadSheet.PROGRESS, tmp_path / "td.xlsx", headers="machine")
    sheet = load_workbook(tmp_path / "td.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    percent = sheet.cell(row=2, column=header.index("percent_signed") + 1)
    assert (percent.value, percent.data_type, percent.number_format) == (50.0, "n", "0.0")
    assert sheet.cell(row=2, column=header.index("households") + 1).value == 2


def test_headers_vietnamese_nfc_or_machine_names(register: OpenRegister, tmp_path: Path) -> None:
    for what in UploadSheet:
        out = tmp_path / f"{what}.csv"
        export_sheet(register, what, out)
        vietnamese = _csv(out)[0]
        assert vietnamese == [HEADERS_VI[c] for c in sheet_columns(what)]
        assert all(unicodedata.is_normalized("NFC", h) for h in vietnamese)
        export_sheet(register, what, out, headers="machine")
        machine = _csv(out)[0]
        assert machine == sheet_columns(what)
        assert all(re.fullmatch(r"[a-z][a-z_]*", h) for h in machine)
    export_sheet(register, UploadSheet.PEOPLE, tmp_path / "nk.csv")
    assert _csv(tmp_path / "nk.csv")[0][:4] == ["Mã xã", "Tên xã", "Thôn/bản", "Mã hộ"]


def test_the_columns_follow_the_registry_and_never_show_ids_or_private_ones() -> None:
    for name in ("household", "person", "relative_abroad", "pledge"):
        shown = [column for column, _ in content_columns(name)]
        spec = table(name)
        assert not set(shown) & (set(spec.derived) | set(spec.binary) | set(spec.private))
        left_out = set(spec.columns) - set(shown)
        assert left_out <= {"id", "commune_code", "hamlet_id", "household_id", "position",
                            "template_version"}  # fmt: skip
    for what in UploadSheet:
        assert not [c for c in sheet_columns(what) if c.endswith("_id") or c == "id"]
    assert {"informant_name", "informant_phone"} <= set(table("tip").private)
    assert not {"informant_name", "informant_phone"} & set(HEADERS_VI)


def test_words_dates_and_live_rows_only(register: OpenRegister, tmp_path: Path) -> None:
    on = dt.date(2026, 1, 5)
    household = pledges.household_by_code(register, "NT-002")
    pledge = pledges.record_result(
        register, household.id, PledgeStatus.SIGNED, on, today=on,
        signer_id=_person(register, "Sùng Thị Mỷ"),
    )  # fmt: skip
    register.writer.update("pledge", pledge.id, {"printed_at": "2026-01-04T17:30:00+00:00"})
    register.writer.update("person", _person(register, "Trần Thị Bình"), {"birth": "1992-02"})
    gone = pledges.household_by_code(register, "T10-001")
    repo.delete_household(register.writer, gone.id)

    export_sheet(register, UploadSheet.PEOPLE, tmp_path / "nk.csv", headers="machine")
    people = {r["full_name"]: r for r in _named(_csv(tmp_path / "nk.csv"))}
    assert "Phạm Thị Hoa" not in people  # her household was deleted
    hoa = people["Đặng Văn Hoà"]
    assert (hoa["commune_name"], hoa["hamlet"], hoa["household_code"]) == (
        "Xã Sìn Hồ", "Bản Nậm Tăm", "NT-001",
    )  # fmt: skip
    assert (hoa["birth"], hoa["gender"]) == ("04/03/1980", "Nam")
    assert (people["Lò Thị Hòa"]["birth"], people["Lò Thị Hòa"]["gender"]) == ("1985", "Nữ")
    assert people["Trần Thị Bình"]["birth"] == "02/1992"

    export_sheet(register, UploadSheet.PLEDGES, tmp_path / "ck.csv", headers="machine")
    rows = _named(_csv(tmp_path / "ck.csv"))
    assert [r["household_code"] for r in rows] == ["NT-001", "NT-002", "T2-001"]
    signed = rows[1]
    assert (signed["status"], signed["signed_on"], signed["signer_name"]) == (
        "Đã ký", "05/01/2026", "Sùng Thị Mỷ",
    )  # fmt: skip
    local = dt.datetime(2026, 1, 4, 17, 30, tzinfo=dt.UTC).astimezone()
    assert signed["printed_at"] == local.strftime("%d/%m/%Y %H:%M")
    assert rows[0]["status"] == "Chưa in" and rows[0]["signed_on"] == ""

    export_sheet(register, UploadSheet.PLEDGES, tmp_path / "ck.xlsx", headers="machine")
    sheet = load_workbook(tmp_path / "ck.xlsx").active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    day = sheet.cell(row=3, column=header.index("signed_on") + 1)
    assert day.is_date and day.number_format == "DD/MM/YYYY"
    assert day.value == dt.datetime(2026, 1, 5)


@pytest.fixture
def vietnam_time() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "ICT-7"  # UTC+7, without needing the tz database
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_a_print_moment_reads_in_the_pcs_local_time(
    register: OpenRegister, tmp_path: Path, vietnam_time: None
) -> None:
    household = pledges.household_by_code(register, "NT-001")
    pledge = pledges.pledge_for(register, household.id)
    pledge.status = PledgeStatus.PRINTED
    pledge.printed_at = "2026-01-04T17:30:00+00:00"
    store.save_pledge(register.writer, pledge)
    export_sheet(register, UploadSheet.PLEDGES, tmp_path / "ck.csv", headers="machine")
    first = _named(_csv(tmp_path / "ck.csv"))[0]
    assert (first["status"], first["printed_at"]) == ("Đã in, chưa nhận lại", "05/01/2026 00:30")


def test_cancel_writes_nothing_and_progress_reaches_the_total(
    register: OpenRegister, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.exchange import sheet_writer

    monkeypatch.setattr(sheet_writer, "_BATCH", 2)
    out = tmp_path / "nk.xlsx"
    done = export_sheet(register, UploadSheet.PEOPLE, out, cancelled=lambda: True)
    assert done.cancelled and not [p for p in tmp_path.iterdir() if "nk.xlsx" in p.name]
    seen: list[tuple[int, int]] = []
    done = export_sheet(
        register, UploadSheet.PEOPLE, out, progress=lambda d, t: seen.append((d, t))
    )
    assert done.rows == 7 and seen[0] == (2, 7) and seen[-1] == (7, 7)
    monkeypatch.setattr(upload_sheet, "XLSX_MAX_ROWS", 7)
    with pytest.raises(KnownError) as refused:
        export_sheet(register, UploadSheet.PEOPLE, out)
    assert refused.value.code == "spreadsheet.too_many_rows"


def _commune(tmp_path: Path, code: str, hamlet: str, households: list[tuple[str, str]]) -> Path:
    """A commune register on its own PC, its first household signed, exported to a bundle."""
    folder, path = tmp_path / f"{code}-data", tmp_path / f"{code}.sqlite3"
    with as_pc(folder):
        create_register(path, code, [hamlet])
    with opened(path, folder) as reg:
        place = repo.list_hamlets(reg.db)[0]
        for number, (household_code, head) in enumerate(households):
            household = Household(hamlet_id=place.id, code=household_code)
            person = Person(household.id, head, Gender.MALE, id_number=ID)
            repo.add_household(reg.writer, household, [person])
            if number == 0:
                on = dt.date(2026, 1, 5)
                pledges.record_result(
                    reg, household.id, PledgeStatus.SIGNED, on, signer_id=person.id, today=on
                )
        bundle = tmp_path / f"{code}.camket"
        export_bundle(reg, bundle)
    return bundle


def test_an_upper_register_lists_its_communes_or_one_with_commune(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sinho = _commune(tmp_path, SIN_HO, "Bản Nậm Tăm", [("NT-001", "Giàng A Páo")])
    binhlu = _commune(
        tmp_path, BINH_LU, "Bản Bình Lư", [("BL-001", "Lò Văn Sơn"), ("NT-001", "Lý A Sử")]
    )
    upper = str(tmp_path / "upper.sqlite3")
    init = ["init", "--db", upper, "--upper", "--province", "12", "--name", "Đồn Biên phòng"]
    assert main(init) == 0
    assert main(["merge", "--db", upper, str(sinho), str(binhlu)]) == 0
    capsys.readouterr()

    both = tmp_path / "ca-hai.csv"
    assert main(["spreadsheet", "--db", upper, "--what", "households", "--out", str(both)]) == 0
    rows = [(r["Mã xã"], r["Tên xã"], r["Mã hộ"], r["Chủ hộ"]) for r in _named(_csv(both))]
    assert rows == [
        (BINH_LU, "Xã Bình Lư", "BL-001", "Lò Văn Sơn"),
        (BINH_LU, "Xã Bình Lư", "NT-001", "Lý A Sử"),
        (SIN_HO, "Xã Sìn Hồ", "NT-001", "Giàng A Páo"),
    ]
    one = tmp_path / "binh-lu.xlsx"
    # "3390": the code as a spreadsheet shows it, its leading zero dropped (init takes it so)
    args = ["spreadsheet", "--db", upper, "--what", "people", "--commune", BINH_LU.lstrip("0")]
    assert main([*args, "--out", str(one), "--headers", "machine"]) == 0
    assert "Đã xuất 2 dòng (nhân khẩu)" in capsys.readouterr().out
    sheet = load_workbook(one).active
    assert sheet is not None
    found = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_col=4)]
    assert found == [[BINH_LU, "Xã Bình Lư", "Bản Bình Lư", "BL-001"],
                     [BINH_LU, "Xã Bình Lư", "Bản Bình Lư", "NT-001"]]  # fmt: skip

    # Pledges and progress count the campaign chosen on the upper register's PC; each
    # commune started its own campaign of that movement, and each household counts in its own.
    pledged = tmp_path / "cam-ket.csv"
    args = ["spreadsheet", "--db", upper, "--what", "pledges", "--headers", "machine"]
    assert main([*args, "--out", str(pledged)]) == 2
    assert "camket campaign use" in capsys.readouterr().err
    with opened(Path(upper), tmp_path / "upper-data") as reg:
        campaigns = reg.db.execute("SELECT id FROM campaign ORDER BY id").fetchall()
    assert len(campaigns) == 2
    assert main(["campaign", "use", "--db", upper, campaigns[0][0]]) == 0
    assert main([*args, "--out", str(pledged)]) == 0
    statuses = [(r["commune_code"], r["household_code"], r["status"], r["signer_name"])
                for r in _named(_csv(pledged))]  # fmt: skip
    assert statuses == [
        (BINH_LU, "BL-001", "Đã ký", "Lò Văn Sơn"),
        (BINH_LU, "NT-001", "Chưa in", ""),
        (SIN_HO, "NT-001", "Đã ký", "Giàng A Páo"),
    ]
    args = ["spreadsheet", "--db", upper, "--what", "progress", "--headers", "machine"]
    assert main([*args, "--out", str(pledged)]) == 0
    counts = [(r["hamlet"], r["households"], r["signed"], r["percent_signed"])
              for r in _named(_csv(pledged))]  # fmt: skip
    assert counts == [("Bản Bình Lư", "2", "1", "50,0"), ("Bản Nậm Tăm", "1", "1", "100,0")]
    capsys.readouterr()

    missing = tmp_path / "khong-co.csv"
    args = ["spreadsheet", "--db", upper, "--what", "people", "--commune", "01273"]
    assert main([*args, "--out", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "chưa có dữ liệu của xã “01273”" in err
    assert f"{BINH_LU} Xã Bình Lư, {SIN_HO} Xã Sìn Hồ" in err  # the codes it takes, named
    assert not missing.exists()
    # The post knows its communes by name: "Bình Lư", marks and "Xã" optional (before,
    # "chưa có dữ liệu của xã mã Bình Lư", the codes listed without their names).
    for name in ("Bình Lư", "binh lu", "Xã Bình Lư"):
        named = ["spreadsheet", "--db", upper, "--what", "households", "--headers", "machine"]
        assert main([*named, "--commune", name, "--out", str(missing)]) == 0, name
        assert {r["commune_code"] for r in _named(_csv(missing))} == {BINH_LU}


def test_a_commune_register_refuses_another_communes_code(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ho.csv"
    args = ["spreadsheet", "--db", str(register.path), "--what", "households", "--out", str(out)]
    assert main([*args, "--commune", BINH_LU]) == 2
    err = capsys.readouterr().err
    assert f"Sổ này là sổ của Xã Sìn Hồ (mã {SIN_HO}), không có dữ liệu của xã “{BINH_LU}”" in err
    assert not out.exists()
    assert main([*args, "--commune", SIN_HO]) == 0
    assert len(_csv(out)) == 5
    assert main([*args, "--commune", SIN_HO.lstrip("0")]) == 0  # "3478", as init reads it
    assert len(_csv(out)) == 5
    assert main([*args, "--commune", "Sìn Hồ"]) == 0  # its own name
    assert len(_csv(out)) == 5
    assert main([*args[:-1], str(tmp_path / "ho.pdf")]) == 2
    assert "phải là tệp .csv hoặc .xlsx" in capsys.readouterr().err
    assert main([*args[:-1], str(register.path)]) == 2  # never over the register


def test_docs_list_every_column_of_every_sheet_with_both_headers() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for what in UploadSheet:
        section = re.search(rf"^### `{what}`\n(.*?)(?=^### |\Z)", text, re.MULTILINE | re.DOTALL)
        assert section, f"docs/spreadsheet.md has no section for {what}"
        documented = re.findall(r"^\| `([a-z_]+)` \| ([^|]+?) \|", section[1], re.MULTILINE)
        assert documented == [(c, HEADERS_VI[c]) for c in sheet_columns(what)], what
