"""An import checks each person it reads as the editor's validate_person does."""

from __future__ import annotations

import datetime as dt
import unicodedata

from desktop.domain.import_columns import find_columns
from desktop.domain.import_rows import read_rows
from desktop.domain.validation import IssueCode, validate_person

TODAY = dt.date(2026, 1, 5)
HEADERS = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại", "Ghi chú"]
NAMES = ["Nguyễn Văn An", "Lê Thị Bình", "An", "Trần Văn 2", "=Cộng", " Hoàng  Văn   C ", ""]
BIRTHS = ["05/01/1990", "1 /12/1990", "31/02/1990", "1990", "05/2001", "2099", "1890", "abc", ""]
GENDERS = ["Nam", "Nữ", "", "x"]
IDS = [
    "001090012345",
    "0010 9001 2345",
    "12-34-56",
    "2085012345",
    "999090012345",
    "001190012345",
    "01209001234a",
    "",
]
PHONES = ["0912345678", "912345678", "+84 912 345 678", "12345", ""]
NOTES = ["", "=HYPERLINK(1)", "ghi chú\nhai dòng", unicodedata.normalize("NFD", "Hoà")]


def test_every_check_of_validate_person_is_made_on_the_imported_rows() -> None:
    """The import makes validate_person's checks itself, each once per distinct text: a
    check added to validate_person and not to the import fails here."""
    cells = [HEADERS] + [
        [
            NAMES[i % len(NAMES)],
            BIRTHS[i % len(BIRTHS)],
            GENDERS[i % len(GENDERS)],
            IDS[i % len(IDS)],
            PHONES[i % len(PHONES)],
            NOTES[i % len(NOTES)],
        ]
        for i in range(300)
    ]
    columns = find_columns(cells, "list.csv")
    rows = read_rows(columns, cells, TODAY)
    checked = 0
    for row in rows:
        made = {(r.issue.field, r.issue.code) for r in row.issues}
        gender_known = ("gender", IssueCode.REQUIRED_MISSING) not in made and (
            "gender",
            IssueCode.GENDER_INVALID,
        ) not in made
        expected = {
            (i.field, i.code)
            for i in validate_person(row.person, TODAY, birth_checked=True)
            # The person's gender is a placeholder when the row gave none.
            if gender_known or i.code != IssueCode.ID_NUMBER_GENDER_MISMATCH
        }
        assert expected <= made, row.row
        checked += bool(expected)
    assert checked > 100
