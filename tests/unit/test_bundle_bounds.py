"""A bundle is held to the bounds the window and the command line keep: a day of a year no
register holds (0001, 9999) is refused whole, naming the bundle, table, line and field, and
the register is left byte for byte as it was."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from tests.unit.exchange_helpers import SIN_HO, as_pc, resign

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


def _cell(table: str, column: str, value: str):  # type: ignore[no-untyped-def]
    def change(name: str, data: bytes) -> bytes:
        if name != f"tables/{table}.csv":
            return data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        rows[1][rows[0].index(column)] = value
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    return change


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
            ["export", "--out", str(pc.bundle)],
        ):  # fmt: skip
            assert main([*args, "--db", db]) == 0, args
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
    assert _refused(office, capsys, "nam-la.camket", _cell(table, column, value)) == (
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
    maximum = 5000 if column == "notes" else 500
    assert _refused(office, capsys, "dai.camket", _cell(table, column, value)) == (
        f"camket: dai.camket: {table}.csv, dòng 2: cột {column} (“{field}”) dài {len(value)}"
        f" ký tự, quá {maximum} ký tự sổ giữ; không nhận gì từ tệp này."
    )


def test_a_day_of_1900_or_2100_travels(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = resign(
        office.bundle, office.root / "bien.camket", office.data,
        _cell("campaign", "ends_on", "2100-12-31"),
    )  # fmt: skip
    with as_pc(office.laptop_data):
        code = main(["merge", "--db", str(office.laptop), str(hostile)])
    assert code == 0, capsys.readouterr().err
