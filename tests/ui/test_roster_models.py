"""The editor's roster models pass Qt's model tester and read back what the clerk typed."""

from __future__ import annotations

import datetime as dt

from pytestqt.modeltest import ModelTester

from desktop.domain.entities import BirthDate, DepartureStatus, Gender, Person, RelativeAbroad
from desktop.domain.validation import Issue, IssueCode, Severity
from desktop.ui.roster_model import MemberRosterModel, RelativeRosterModel

TODAY = dt.date(2026, 11, 23)


def test_member_roster_edits_moves_and_issues(qtmodeltester: ModelTester) -> None:
    model = MemberRosterModel()
    qtmodeltester.check(model)
    people = [
        Person("h", "Giàng A Páo", Gender.MALE, BirthDate(1980, 1, 5), ethnicity="Mông"),
        Person("h", "Sùng Thị Dợ", Gender.FEMALE, BirthDate(1984), ethnicity="Mông"),
    ]
    model.set_people(people, people[0].id)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Nam"
    assert model.index(0, 2).data() == "05/01/1980"
    assert model.font_for(model._rows[0]) is not None  # the head is bold
    assert model.setData(model.index(1, 2), "31/02/1984")
    person, errors = model.person(1, TODAY)
    assert person.birth is None and [i.code for i in errors] == ["birth.invalid_date"]
    assert person.id == people[1].id
    assert model.move_row(1, -1) == 0
    assert model.text(0, "full_name") == "Sùng Thị Dợ"
    model.set_issues({0: [Issue("birth", IssueCode.BIRTH_INVALID_DATE, Severity.ERROR)]})
    issues_column = model.column_of("issues")
    assert model.index(0, issues_column).data() == "Ngày sinh: ngày không có thật"
    assert model.index(0, 2).data(3) == "Ngày sinh: ngày không có thật"  # tooltip
    model.add_person(2, Person("h", "", Gender.MALE))
    assert model.is_blank(2)
    qtmodeltester.check(model)


def test_relative_roster_reads_back_a_relative(qtmodeltester: ModelTester) -> None:
    model = RelativeRosterModel()
    relative = RelativeAbroad("h", "Lò Văn Pọm", country="Lào", since="2019")
    model.set_relatives([relative])
    qtmodeltester.check(model)
    assert model.index(0, model.column_of("departure")).data() == "Chưa rõ"
    model.setData(model.index(0, model.column_of("departure")), "hop_phap")
    back = model.relative(0)
    assert (back.id, back.full_name, back.departure) == (
        relative.id,
        "Lò Văn Pọm",
        DepartureStatus.LEGAL,
    )
