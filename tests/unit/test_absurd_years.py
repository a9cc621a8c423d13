"""A year no register can hold (0001, 9999, a relative gone before 1900) is refused where it
is typed, with a message naming the option or field, and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.cli import main
from desktop.domain.roster import check_since
from desktop.messages import describe_issue
from desktop.services.register import OpenRegister

FAR_PAST = "Năm của ngày “01/01/0001” không hợp lý: chỉ nhận ngày từ năm 1900 đến năm 2100."
FAR_AHEAD = "Năm của ngày “31/12/9999” không hợp lý: chỉ nhận ngày từ năm 1900 đến năm 2100."
WRITTEN = (
    "SELECT (SELECT count(*) FROM movement) + (SELECT count(*) FROM tip)"
    " + (SELECT count(*) FROM campaign) + (SELECT count(*) FROM pledge WHERE signed_on IS NOT NULL)"
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["movement", "add", "--kind", "tam-vang", "--person", "012080001234",
          "--from", "01/01/0001"], f"camket: --from: {FAR_PAST}"),
        (["movement", "add", "--kind", "tam-vang", "--person", "012080001234",
          "--from", "01/11/2026", "--until", "31/12/9999"], f"camket: --until: {FAR_AHEAD}"),
        (["movement", "list", "--from", "01/01/0001"], f"camket: --from: {FAR_PAST}"),
        (["reminders", "--on", "31/12/9999"], f"camket: --on: {FAR_AHEAD}"),
        (["report", "movements", "--from", "01/01/2026", "--to", "31/12/9999"],
         f"camket: --to: {FAR_AHEAD}"),
        (["sign", "NT-001", "--on", "01/01/0001"], f"camket: --on: {FAR_PAST}"),
        (["campaign", "new", "--template", "bien-gioi", "--from", "01/01/0001"],
         f"camket: --from: {FAR_PAST}"),
        (["tip", "add", "--at", "01/01/0001 10:00", "--place", "Bản Nậm Tăm",
          "--about", "Người lạ mặt"],
         "camket: --at: Năm của ngày “01/01/0001 10:00” không hợp lý"),
    ],
)  # fmt: skip
def test_a_day_of_an_absurd_year_on_the_command_line_is_refused_naming_the_option(
    register: OpenRegister,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    before = register.db.execute(WRITTEN).fetchone()[0]
    code = main([*args, "--db", str(register.path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines()[-1].startswith(message)
    assert register.db.execute(WRITTEN).fetchone()[0] == before


def test_a_year_from_1900_to_2100_is_taken(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", "movements", "--db", str(register.path), "--from", "01/01/1900",
                 "--to", "31/12/2100"])  # fmt: skip
    assert code == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("since", "problem"),
    [
        ("0001", "Đi từ: năm 0001 không hợp lý: chỉ nhận từ năm 1900 trở đi"),
        ("05/1899", "Đi từ: năm 1899 không hợp lý: chỉ nhận từ năm 1900 trở đi"),
        ("1950", None),
    ],
)
def test_a_relative_gone_abroad_before_1900_is_refused(since: str, problem: str | None) -> None:
    issues = check_since(since, dt.date(2026, 12, 5))
    assert [describe_issue(i) for i in issues] == ([problem] if problem else [])
    assert all(i.is_error for i in issues)
