"""Names built to look like one thing and be another: a name of only combining marks (no
letter) is no name; bidi controls (a right-to-left override that shows "oáP năV òL" as "Lò
Văn Páo") and zero-width characters are not kept, wherever a name enters (an imported list,
the editor's checks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.entities import Gender, Person
from desktop.domain.text import normalize_text
from desktop.domain.validation import validate_person
from desktop.messages import describe_issue
from desktop.services.register import OpenRegister

HEADER = "Thôn,Mã hộ,Họ và tên,Quan hệ với chủ hộ,Ngày sinh,Giới tính\n"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\u202eoáP năV òL", "oáP năV òL"),  # shown reversed, as "Lò Văn Páo"
        ("Lò Văn Páo\u2067", "Lò Văn Páo"),
        ("\u2066Lò\u2069 Văn \u202aPáo\u202c", "Lò Văn Páo"),
        ("\u061cLò Văn Páo", "Lò Văn Páo"),
        ("Lò \u0301Văn Páo", "Lò Văn Páo"),  # a mark with no letter under it
        ("\u0301\u0300\u0303", ""),
        ("Lò Văn Pa\u0301o", "Lò Văn Páo"),  # a mark on its letter is composed, kept
    ],
)
def test_direction_controls_and_loose_marks_are_not_kept(typed: str, kept: str) -> None:
    assert normalize_text(typed) == kept


def test_a_name_of_only_combining_marks_is_no_name(register: OpenRegister) -> None:
    person = Person("", "\u0301\u0300\u0303\u0309", Gender.MALE)  # type: ignore[arg-type]
    issues = validate_person(person, dt.date(2026, 12, 5))
    assert [describe_issue(i) for i in issues if i.field == "full_name"] == ["Họ và tên: chưa nhập"]


def test_a_list_of_hostile_names_imports_what_reads_and_refuses_no_name(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "ten-la.csv"
    listing.write_text(
        HEADER
        + "Bản Nậm Tăm,NT-050,\u202eoáP năV òL,Chủ hộ,1970,Nam\n"
        + "Bản Nậm Tăm,NT-051,\u0301\u0300\u0303,Chủ hộ,1980,Nam\n",
        encoding="utf-8",
    )
    assert main(["import", "--db", str(register.path), str(listing), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "ten-la.csv, dòng 3, cột “Họ và tên”: chưa nhập" in out
    listing.write_text(HEADER + "Bản Nậm Tăm,NT-050,Lò\u202e Văn Páo\u202c,Chủ hộ,1970,Nam\n")
    assert main(["import", "--db", str(register.path), str(listing)]) == 0
    names = register.db.execute(
        "SELECT p.full_name FROM person p JOIN household h ON h.id = p.household_id"
        " WHERE h.code = 'NT-050'"
    ).fetchall()
    assert names == [("Lò Văn Páo",)]


def test_a_list_with_a_stray_nul_names_its_line(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "nul.csv"
    listing.write_text(
        HEADER
        + "Bản Nậm Tăm,NT-050,Lò Văn Páo,Chủ hộ,1970,Nam\n"
        + "Bản Nậm Tăm,NT-051,Vàng A\x00 Sử,Chủ hộ,1980,Nam\n",
        encoding="utf-8",
    )
    assert main(["import", "--db", str(register.path), str(listing), "--dry-run"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "camket: Tệp nul.csv, dòng 3: có ký tự NUL (mã 0), không có trong một danh sách chữ;"
        " tệp có thể bị hỏng khi lưu. Hãy mở tệp bằng Excel, sửa dòng đó rồi lưu lại dạng CSV."
    )
    listing.write_bytes(b"Thon,Ma ho\n".decode().encode("utf-16-le"))  # no BOM: every other a NUL
    assert main(["import", "--db", str(register.path), str(listing), "--dry-run"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "camket: Tệp nul.csv không phải bảng tính CSV hoặc Excel (.xlsx)."
    )


def test_a_stray_nul_in_a_short_list_names_its_line(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A header and one row (under a hundred characters): before, its one NUL was "many"
    for the file's size and the list was called no spreadsheet at all."""
    listing = tmp_path / "nul.csv"
    listing.write_text("Họ và tên,Năm sinh\nLò Văn\x00 Páo,1970\n", encoding="utf-8")
    assert main(["import", "--db", str(register.path), str(listing), "--dry-run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("camket: Tệp nul.csv, dòng 2: có ký tự NUL (mã 0)")


def test_a_quote_never_closed_is_named_at_its_own_line_in_vietnamese(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell that opens a quote and never closes it takes every line below into itself:
    before, the refusal named the file's last line, in Python's English ("dòng 301: không
    đọc được (unexpected end of data)"), where nothing is wrong."""
    rows = [f"Bản Nậm Tăm,NT-{n:03d},Lò Văn Páo {n},Chủ hộ,1970,Nam\n" for n in range(300)]
    rows[4] = 'Bản Nậm Tăm,NT-004,"Lò Văn Páo,Chủ hộ,1970,Nam\n'
    listing = tmp_path / "ngoac.csv"
    listing.write_text(HEADER + "".join(rows), encoding="utf-8")
    assert main(["import", "--db", str(register.path), str(listing), "--dry-run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("camket: Tệp ngoac.csv, dòng 6: một ô mở dấu ngoặc kép")
    assert "unexpected" not in err
    listing.write_text('Họ và tên\nLò A\n"Páo" Lò\n', encoding="utf-8")  # then more text
    assert main(["import", "--db", str(register.path), str(listing), "--dry-run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("camket: Tệp ngoac.csv, dòng 3: một ô bắt đầu bằng chữ trong dấu")


def test_a_command_line_text_in_a_legacy_encoding_is_refused_and_a_path_is_taken(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A script saved in Windows-1258 passes "Đi xa" as bytes that are no UTF-8: Python keeps
    # them as lone surrogates, which SQLite cannot store (before: a traceback).
    reason = b"\xd0i\xff xa".decode("utf-8", "surrogateescape")
    before = register.db.execute("SELECT count(*) FROM audit").fetchone()
    code = main(["sign", "--db", str(register.path), "NT-001", "--on", "01/12/2026",
                 "--status", "refused", "--reason", reason])  # fmt: skip
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "camket: “�i� xa” có byte không phải chữ Unicode (UTF-8), có lẽ của một bảng mã cũ"
        " (TCVN3, VNI, Windows-1258); hãy gõ lại bằng Unicode. Chưa làm gì."
    )
    assert register.db.execute("SELECT count(*) FROM audit").fetchone() == before
    named = tmp_path / b"danh-s\xe1ch.csv".decode("utf-8", "surrogateescape")  # a legacy name
    named.write_text(HEADER + "Bản Nậm Tăm,NT-050,Lò Văn Páo,Chủ hộ,1970,Nam\n", "utf-8")
    assert main(["import", "--db", str(register.path), str(named), "--dry-run"]) == 0
