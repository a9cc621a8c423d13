"""A household's, a person's, a relative's and a hamlet's free text is bounded where it
enters (the editor's checks, an imported list), as the ledger's is: a pasted document is
refused naming the field, and nothing is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.entities import Gender, Hamlet, Person, RelativeAbroad
from desktop.domain.errors import KnownError
from desktop.domain.validation import validate_hamlet
from desktop.messages import describe_issue
from desktop.services import households as service
from desktop.services.register import OpenRegister
from desktop.store import households as repo

TODAY = dt.date(2026, 12, 5)


def _household_id(register: OpenRegister, code: str) -> str:
    found: str = register.db.execute("SELECT id FROM household WHERE code = ?", [code]).fetchone()[
        0
    ]
    return found


def _written(register: OpenRegister) -> tuple[int, int, int]:
    counts: tuple[int, int, int] = register.db.execute(
        "SELECT (SELECT count(*) FROM audit), (SELECT count(*) FROM person),"
        " (SELECT count(*) FROM household)"
    ).fetchone()
    return counts


def test_a_household_whose_texts_run_past_their_bounds_is_not_saved_and_says_which(
    register: OpenRegister,
) -> None:
    before = _written(register)
    draft = service.load_draft(register.db, _household_id(register, "NT-001"))
    draft.household.address = "Bản Nậm Tăm, " * 50
    draft.members[0].occupation = "Làm nương" * 100
    draft.members.append(Person("", "Lò Văn " * 100, Gender.MALE))
    draft.relatives.append(RelativeAbroad("", "Lò Thị Mai", contact="0912345678 " * 60))
    problems = [describe_issue(p.issue) for p in service.check_draft(register.db, draft, TODAY)]
    assert "Địa chỉ: dài 650 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại" in problems
    assert "Nghề nghiệp: dài 900 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại" in problems
    assert "Họ và tên: dài 700 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại" in problems
    assert "Liên lạc: dài 660 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại" in problems
    with pytest.raises(KnownError) as refused:
        service.save_household(register, draft, TODAY)
    assert refused.value.code == "household.invalid"
    assert _written(register) == before


def test_texts_as_long_as_their_bounds_are_saved(register: OpenRegister) -> None:
    draft = service.load_draft(register.db, _household_id(register, "NT-001"))
    draft.household.address = "x" * 500
    draft.household.notes = "x" * 5000
    service.save_household(register, draft, TODAY)
    assert register.db.execute(
        "SELECT length(address), length(notes) FROM household WHERE code = 'NT-001'"
    ).fetchone() == (500, 5000)


def test_a_hamlet_name_past_its_bound_is_refused() -> None:
    issues = validate_hamlet(Hamlet("Bản " * 200))
    assert [describe_issue(i) for i in issues] == [
        "Tên: dài 800 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại"
    ]


def test_a_list_with_a_cell_past_its_bound_is_refused_naming_row_and_column(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _written(register)
    listing = tmp_path / "danh-sach.csv"
    listing.write_text(
        "Thôn,Mã hộ,Họ và tên,Ngày sinh,Giới tính,Nghề nghiệp,Địa chỉ\n"
        "Bản Nậm Tăm,NT-050,Lò Văn Páo,1970,Nam,Làm ruộng,Bản Nậm Tăm\n"
        f"Bản Nậm Tăm,NT-051,Vàng A Sử,1980,Nam,{'Làm nương ' * 60},Bản Nậm Tăm\n",
        encoding="utf-8",
    )
    code = main(["import", "--db", str(register.path), str(listing)])
    out = capsys.readouterr()
    assert code == 1  # rows with errors: nothing imported
    assert (
        "danh-sach.csv, dòng 3, cột “Nghề nghiệp”: dài 599 ký tự, quá 500 ký tự sổ giữ;"
        " hãy viết gọn lại"
    ) in out.out + out.err
    assert _written(register) == before
    assert repo.list_hamlets(register.db)
