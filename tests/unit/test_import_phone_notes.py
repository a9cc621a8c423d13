"""A second phone moved into the notes ("SĐT khác: …") is held to the notes' bound as any
over-long cell is, by the import and by the household editor alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.messages import describe_row_issue
from desktop.services.import_lists import import_list
from desktop.services.register import OpenRegister
from tests.import_files import write_csv

TODAY = dt.date(2026, 1, 1)
HEADER = ["Họ và tên", "Năm sinh", "Giới tính", "Số điện thoại", "Thôn"]


def test_a_second_phone_that_makes_the_notes_too_long_is_an_error_naming_row_and_field(
    register: OpenRegister, tmp_path: Path
) -> None:
    """Before, a 4,995-letter note and 'SĐT khác: 0987654321' were stored as 5,017 letters,
    over the 5,000 the register keeps (and a bundle carries)."""
    rows = [
        [*HEADER, "Ghi chú"],
        ["Lù Văn Páo", "1985", "Nam", "0912345678 / 0987654321", "Thôn 2", "x" * 4995],
        ["Lù Thị Mai", "1987", "Nữ", "0912345679 / 0987654322", "Thôn 2", "x" * 4970],
    ]
    report = import_list(register, write_csv(tmp_path / "ds.csv", rows, "utf-8"), today=TODAY)
    assert not report.applied
    assert [describe_row_issue(report.source, i) for i in report.errors] == [
        "ds.csv, dòng 2, cột “Ghi chú”: thêm “SĐT khác: 0987654321” (số điện thoại thứ hai)"
        " thì dài 5017 ký tự, quá 5000 ký tự sổ giữ; hãy viết gọn lại"
    ]
    assert (
        register.db.execute("SELECT count(*) FROM person WHERE full_name LIKE 'Lù %'").fetchone()[0]
        == 0
    )


def test_the_household_editor_refuses_the_same_notes_the_import_refuses(
    register: OpenRegister,
) -> None:
    """The editor keeps a second phone in the notes as the import does: before, a note
    typed up to its 5,000 letters was saved 5,017 letters long."""
    from desktop.domain.errors import KnownError
    from desktop.messages import describe_issue
    from desktop.services.households import check_draft, load_draft, save_household

    household_id = register.db.execute("SELECT id FROM household WHERE code = 'NT-001'").fetchone()
    draft = load_draft(register.db, household_id[0])
    draft.members[0].phone = "0912345678 / 0987654321"
    draft.members[0].notes = "x" * 4995
    said = [describe_issue(p.issue) for p in check_draft(register.db, draft, TODAY)]
    assert (
        "Ghi chú: thêm “SĐT khác: 0987654321” (số điện thoại thứ hai) thì dài 5017 ký tự,"
        " quá 5000 ký tự sổ giữ; hãy viết gọn lại"
    ) in said
    with pytest.raises(KnownError) as refused:
        save_household(register, draft, TODAY)
    assert refused.value.code == "household.invalid"
