"""A bundle is held to the bounds the window and the command line keep: a day of a year no
register holds (0001, 9999), a text longer than its field keeps (any text column of any synced
table), a scan's file name that is a path or a device is refused whole, naming the bundle,
table, line and field, and the register is left byte for byte as it was."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.pledges import AttachmentKind
from desktop.services import checkin
from desktop.services.pledges import household_by_code, pledge_for
from desktop.store.column_rules import TEXT_BOUNDS, broken_rule, refusal
from desktop.store.registry import TABLES
from tests.unit.exchange_helpers import SIN_HO, as_pc, opened, resign, with_cell

LISTING = (
    "Thôn,Mã hộ,Họ và tên,Quan hệ với chủ hộ,Ngày sinh,Giới tính,Số định danh\n"
    "Bản Nậm Tăm,NT-001,Lò Văn Páo,Chủ hộ,04/03/1980,Nam,012080001234\n"
)


class Office:
    """The commune office's register with a row of every table that holds a day, its full
    bundle, and a laptop register made from that bundle."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "office-data"
        self.bundle = root / "full.camket"
        self.laptop = root / "laptop.sqlite3"
        self.laptop_data = root / "laptop-data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(office: Office, capsys: pytest.CaptureFixture[str], name: str, change: Any) -> str:
    """The last line `camket merge` says of the office's bundle re-signed with ``change``,
    as ``name``, into the laptop's register: refused (exit 2), the register byte for byte
    as it was."""
    before = _digest(office.laptop)
    hostile = resign(office.bundle, office.root / name, office.data, change)
    with as_pc(office.laptop_data):
        code = main(["merge", "--db", str(office.laptop), str(hostile)])
    assert code == 2
    assert _digest(office.laptop) == before
    return capsys.readouterr().err.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    pc = Office(tmp_path_factory.mktemp("bounds"))
    db = str(pc.root / "office.sqlite3")
    listing = pc.root / "danh-sach.csv"
    listing.write_text(LISTING, encoding="utf-8")
    with as_pc(pc.data):
        for args in (
            ["init", "--commune", SIN_HO],
            ["import", str(listing)],
            ["campaign", "new", "--template", "bien-gioi", "--from", "01/11/2026",
             "--to", "31/12/2026"],
            ["sign", "NT-001", "--on", "01/12/2026"],
            ["movement", "add", "--kind", "tam-vang", "--person", "012080001234",
             "--from", "01/11/2026", "--until", "05/11/2026"],
            ["tip", "add", "--at", "01/12/2026 10:00", "--place", "Mốc 79",
             "--about", "Người lạ mặt", "--informant", "Lò Văn Pọm"],
        ):  # fmt: skip
            assert main([*args, "--db", db]) == 0, args
    scan = pc.root / "ban-quet.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with opened(pc.root / "office.sqlite3", pc.data) as reg:
        pledge = pledge_for(reg, household_by_code(reg, "NT-001").id)
        checkin.attach_file(reg, pledge, AttachmentKind.SCAN, scan)
    with as_pc(pc.data):
        assert main(["export", "--db", db, "--out", str(pc.bundle)]) == 0
    with as_pc(pc.laptop_data):
        assert main(["init", "--db", str(pc.laptop), "--from", str(pc.bundle)]) == 0
    yield pc


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("person", "birth", "0001-01-01"),
        ("person", "birth", "9999"),
        ("movement", "starts_on", "0001-01-01"),
        ("movement", "until", "9999-12-31"),
        ("pledge", "signed_on", "9999-12-31"),
        ("campaign", "starts_on", "0001-01-01"),
        ("campaign", "ends_on", "9999-12-31"),
        ("tip", "received_at", "0001-01-01T10:00:00"),
    ],
)
def test_a_day_of_a_year_no_register_holds_refuses_the_bundle_whole(
    office: Office, capsys: pytest.CaptureFixture[str], table: str, column: str, value: str
) -> None:
    assert _refused(office, capsys, "nam-la.camket", with_cell(table, column, value)) == (
        f"camket: nam-la.camket: {table}.csv, dòng 2: cột {column} có ngày “{value}” ngoài"
        " các năm 1900–2100 sổ giữ; không nhận gì từ tệp này."
    )


@pytest.mark.parametrize(
    ("table", "column", "value", "field"),
    [
        ("person", "full_name", "Lò Văn " * 100, "Họ và tên"),
        ("person", "occupation", "Làm nương" * 100, "Nghề nghiệp"),
        ("household", "address", "Bản Nậm Tăm, " * 50, "Địa chỉ"),
        ("household", "notes", "Ghi chú. " * 600, "Ghi chú"),
        # A tip's informant travels apart from the row's version (private columns).
        ("tip", "informant_name", "Lò Văn Pọm " * 60, "Người báo tin"),
        ("tip", "informant_phone", "0912345678" * 60, "Số điện thoại"),
        ("household", "code", "NT-" + "0" * 18, "Mã hộ"),
        ("pledge", "witnesses", "Lò Văn Pọm; " * 500, "Người chứng kiến"),
        ("pledge", "reason", "Đi làm nương xa. " * 40, "Lý do"),
        ("pledge", "notes", "Ghi chú. " * 600, "Ghi chú"),
        ("campaign", "title", "Toàn dân bảo vệ biên giới " * 20, "Tên đợt"),
        ("pledge_template", "title", "Mẫu cam kết " * 50, "Tên mẫu"),
        ("pledge_template", "source", "movement = Bảo vệ biên giới\n" * 1200, "Nội dung mẫu"),
        ("commune", "name", "Xã Sìn Hồ " * 60, "Tên xã"),
        ("commune", "clerk_name", "Lò Thị Mai " * 50, "Cán bộ phụ trách sổ"),
        ("attachment", "file_name", "ban-quet-" * 30 + ".pdf", "Tên tệp"),
        ("person", "household_id", "0" * 101, "Mã"),
    ],
)
def test_a_free_text_longer_than_a_register_keeps_refuses_the_bundle_whole(
    office: Office,
    capsys: pytest.CaptureFixture[str],
    table: str,
    column: str,
    value: str,
    field: str,
) -> None:
    maximum = TEXT_BOUNDS[table, column].maximum
    assert _refused(office, capsys, "dai.camket", with_cell(table, column, value)) == (
        f"camket: dai.camket: {table}.csv, dòng 2: cột {column} (“{field}”) dài {len(value)}"
        f" ký tự, quá {maximum} ký tự sổ giữ; không nhận gì từ tệp này."
    )


def test_a_day_of_1900_or_2100_travels(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = resign(
        office.bundle, office.root / "bien.camket", office.data,
        with_cell("campaign", "ends_on", "2100-12-31"),
    )  # fmt: skip
    with as_pc(office.laptop_data):
        code = main(["merge", "--db", str(office.laptop), str(hostile)])
    assert code == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../../.bashrc", "../../../.bashrc"),
        ("C:\\Windows\\win.ini", "C:\\Windows\\win.ini"),
        ("ban\x1fquet.pdf", "ban\\u001fquet.pdf"),  # a NUL: test_a_nul_in_a_text_cell_…
        ("CON.pdf", "CON.pdf"),
        ("lpt1", "lpt1"),
        ("..", ".."),
    ],
)
def test_a_scan_named_as_a_path_or_a_device_refuses_the_bundle_whole(
    office: Office, capsys: pytest.CaptureFixture[str], name: str, shown: str
) -> None:
    assert _refused(
        office, capsys, "ten-tep.camket", with_cell("attachment", "file_name", name)
    ) == (
        f"camket: ten-tep.camket: attachment.csv, dòng 2: cột file_name có tên tệp “{shown}”"
        " là một đường dẫn hoặc tên thiết bị (dấu /, \\, ký tự điều khiển, CON, NUL, …),"
        " không phải tên tệp; không nhận gì từ tệp này."
    )


def test_every_text_column_of_every_synced_table_is_bounded_in_a_bundle(
    office: Office,
) -> None:
    """A future text column without a bound or rule fails here: a 100,001-character value
    of it breaks its rule, and the refusal names the column."""
    with opened(office.root / "office.sqlite3", office.data) as reg:
        for spec in TABLES:
            types = {row[1]: row[2] for row in reg.db.execute(f"PRAGMA table_info([{spec.name}])")}
            for column in (*spec.columns, *spec.private):
                if column in spec.binary or types[column].upper() != "TEXT":
                    continue
                value = "0" * 100_001
                assert broken_rule(spec.name, (column,), (value,)) == column, (spec.name, column)
                assert refusal(spec.name, column, value, "x").code in (
                    "bundle.text_too_long",
                    "bundle.bad_value",
                ), (spec.name, column)


@pytest.mark.parametrize(
    "odd",
    [b"\xff\xfe", b"\xed\xa0\x80", "\ud83d".encode("utf-8", "surrogatepass"), b"\xc3"],
    ids=["not-utf8", "lone-surrogate", "half-an-emoji", "cut-short"],
)
def test_a_text_cell_that_is_no_utf8_refuses_the_bundle_whole(
    office: Office, capsys: pytest.CaptureFixture[str], odd: bytes
) -> None:
    def change(name: str, data: bytes) -> bytes:
        return data.replace(b"NT-001", b"NT-" + odd, 1) if name == "tables/household.csv" else data

    said = _refused(office, capsys, "hong.camket", change)
    assert said.startswith(
        "camket: Tệp hong.camket bị hỏng hoặc không đọc được (tables/household.csv"
    )


def test_a_nul_in_a_text_cell_refuses_the_bundle_naming_its_line(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: a household code 'NT-001a\\0b' was merged (into the conflict queue), a text
    SQLite's functions, Qt and the printer cut at the NUL."""
    said = _refused(office, capsys, "nul.camket", with_cell("household", "code", "NT-0\x001"))
    assert said == (
        "camket: Tệp nul.camket: tables/household.csv, dòng 2 có ký tự rỗng (NUL), không phải"
        " chữ; không nhận gì từ tệp này."
    )


def test_a_cell_that_is_no_utf8_is_named_so_in_vietnamese(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(name: str, data: bytes) -> bytes:
        return data.replace(b"NT-001", b"NT-\xff", 1) if name == "tables/household.csv" else data

    said = _refused(office, capsys, "latin.camket", change)
    assert "(tables/household.csv: không phải chữ UTF-8, byte 0xff)" in said
    assert "codec" not in said
