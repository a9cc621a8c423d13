"""Campaigns and recording results: what a clerk records, and what is refused unchanged."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from desktop.domain.errors import KnownError
from desktop.domain.pledges import PledgeStatus, parse_sheet_date
from desktop.messages import describe
from desktop.services import pledges
from desktop.services.register import OpenRegister, create_register, open_existing
from desktop.store import households as repo
from desktop.store import pledges as store

TODAY = dt.date(2026, 1, 10)


def _household(reg: OpenRegister, code: str) -> tuple[str, list[str]]:
    household = pledges.household_by_code(reg, code)
    return household.id, [p.id for p in pledges.members_of(reg, household.id)]


def _audit(reg: OpenRegister, entity: str) -> list[tuple[str, str | None]]:
    return reg.db.execute(
        "SELECT action, after FROM audit WHERE entity = ? ORDER BY seq", [entity]
    ).fetchall()


def test_a_new_register_has_one_current_campaign_on_the_first_template(
    register: OpenRegister,
) -> None:
    campaign = pledges.current_campaign(register)
    assert campaign.is_current
    assert campaign.target_percent == 100
    kept = store.get_template(register.db, campaign.template_id, campaign.template_version)
    assert kept is not None
    assert campaign.title == kept.title
    assert "Toàn dân" in campaign.title
    assert len(store.list_campaigns(register.db)) == 1


def test_a_register_from_before_campaigns_gets_one_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    create_register(path, "03478", ["Thôn 1"])
    with sqlite3.connect(path) as conn:  # as if made before campaigns existed
        conn.execute("DELETE FROM campaign")
    reg = open_existing(path)
    try:
        assert pledges.current_campaign(reg).is_current
    finally:
        reg.close()


def test_a_household_without_a_pledge_row_is_not_printed(register: OpenRegister) -> None:
    hid, _ = _household(register, "NT-001")
    pledge = pledges.pledge_for(register, hid)
    assert pledge.status is PledgeStatus.NOT_PRINTED
    assert pledge.template_version == pledges.current_campaign(register).template_version


def test_signed_by_the_head_by_default_with_witnesses_prefilled(register: OpenRegister) -> None:
    hid, members = _household(register, "NT-001")
    hamlet = repo.list_hamlets(register.db)[0]
    register.db.execute("UPDATE hamlet SET head_name = 'Lò Văn Pình' WHERE id = ?", [hamlet.id])
    register.db.execute("UPDATE commune SET border_officer = 'Trung úy Hà Văn Minh'")
    register.commune = repo.get_commune(register.db) or register.commune

    pledge = pledges.record_result(
        register, hid, PledgeStatus.SIGNED, dt.date(2026, 1, 5), today=TODAY
    )

    assert pledge.status is PledgeStatus.SIGNED
    assert pledge.signed_on == dt.date(2026, 1, 5)
    assert pledge.signer_id == members[0]
    assert pledge.witnesses == "Lò Văn Pình; Trung úy Hà Văn Minh"
    assert pledge == pledges.pledge_for(register, hid)
    (action, after), *_ = _audit(register, "pledge")
    assert action == "insert"
    assert json.loads(after or "{}")["status"] == "da_ky"


def test_another_member_can_sign_and_a_second_record_updates_the_same_pledge(
    register: OpenRegister,
) -> None:
    hid, members = _household(register, "NT-001")
    first = pledges.record_result(
        register, hid, PledgeStatus.ABSENT, dt.date(2026, 1, 3), reason="đi nương", today=TODAY
    )
    wife = pledges.signer_named(register, hid, "lo thi hoa")
    second = pledges.record_result(
        register,
        hid,
        PledgeStatus.SIGNED,
        dt.date(2026, 1, 6),
        signer_id=wife.id,
        witnesses="Ông A; Ông B",
        today=TODAY,
    )
    assert second.id == first.id
    assert (second.signer_id, second.reason, second.witnesses) == (members[1], "", "Ông A; Ông B")
    assert [a for a, _ in _audit(register, "pledge")] == ["insert", "update"]


@pytest.mark.parametrize(
    ("status", "on", "signer", "reason", "code"),
    [
        (PledgeStatus.SIGNED, dt.date(2026, 1, 11), None, "", "pledge.date_in_future"),
        (PledgeStatus.SIGNED, TODAY, "stranger", "", "pledge.signer_not_member"),
        (PledgeStatus.REFUSED, TODAY, None, "  ", "pledge.reason_missing"),
        (PledgeStatus.ABSENT, TODAY, None, "", "pledge.reason_missing"),
        (PledgeStatus.PRINTED, TODAY, None, "", "pledge.bad_status"),
    ],
)
def test_a_result_that_does_not_hold_together_changes_nothing(
    register: OpenRegister,
    status: PledgeStatus,
    on: dt.date,
    signer: str | None,
    reason: str,
    code: str,
) -> None:
    hid, _ = _household(register, "NT-002")
    other_member = _household(register, "T2-001")[1][0]
    before = register.db.execute("SELECT count(*) FROM audit").fetchone()
    with pytest.raises(KnownError) as err:
        pledges.record_result(
            register,
            hid,
            status,
            on,
            signer_id=other_member if signer else None,
            reason=reason,
            today=TODAY,
        )
    assert err.value.code == code
    assert register.db.execute("SELECT count(*) FROM audit").fetchone() == before
    assert store.pledge_of(register.db, pledges.current_campaign(register).id, hid) is None


def test_a_household_without_members_has_no_default_signer(register: OpenRegister) -> None:
    hamlet = repo.list_hamlets(register.db)[0]
    from desktop.domain.entities import Household

    empty = Household(hamlet_id=hamlet.id, code="NT-009")
    repo.add_household(register.writer, empty)
    with pytest.raises(KnownError) as err:
        pledges.record_result(register, empty.id, PledgeStatus.SIGNED, TODAY, today=TODAY)
    assert err.value.code == "pledge.signer_missing"


def test_unknown_codes_and_names_are_refused(register: OpenRegister) -> None:
    with pytest.raises(KnownError) as err:
        pledges.household_by_code(register, "XX-999")
    assert (err.value.code, err.value.params["code"]) == ("household.unknown_code", "XX-999")
    hid, _ = _household(register, "NT-001")
    with pytest.raises(KnownError) as err:
        pledges.signer_named(register, hid, "Giàng A Páo")  # a member of another household
    assert err.value.code == "pledge.signer_unknown"


def test_a_new_current_campaign_takes_over(register: OpenRegister) -> None:
    from desktop.services.campaigns import start_campaign

    first = pledges.current_campaign(register)
    template = store.get_template(register.db, first.template_id, first.template_version)
    assert template is not None
    second = start_campaign(register.writer, template, title="Đợt 2 năm 2026")
    assert pledges.current_campaign(register).id == second.id
    assert not store.get_campaign(register.db, first.id).is_current
    assert len(store.list_templates(register.db)) == 1  # the same version is kept once


@pytest.mark.parametrize(
    ("text", "expected"),
    [("05/01/2026", dt.date(2026, 1, 5)), ("5/1/2026", dt.date(2026, 1, 5)), ("05-01-2026", None)],
)
def test_sheet_dates_read_day_month_year(text: str, expected: dt.date | None) -> None:
    assert parse_sheet_date(text) == (expected or dt.date(2026, 1, 5))


@pytest.mark.parametrize(
    ("text", "code"), [("2026-01-05", "date.unparseable"), ("31/02/2026", "date.invalid")]
)
def test_bad_sheet_dates_are_refused(text: str, code: str) -> None:
    with pytest.raises(KnownError) as err:
        parse_sheet_date(text)
    assert err.value.code == code


def test_an_edited_copy_is_the_next_version_and_printed_pledges_keep_theirs(
    register: OpenRegister,
) -> None:
    from desktop.services.campaigns import copy_template, print_with
    from desktop.services.sheets import mark_printed

    campaign = pledges.current_campaign(register)
    base = store.get_template(register.db, campaign.template_id, campaign.template_version)
    assert base is not None
    hid, _ = _household(register, "NT-001")
    mark_printed(register, [hid])
    copy = copy_template(register.writer, base, base.source + "\n# sửa\n", title="Bản sửa")
    assert (copy.template_id, copy.version, copy.based_on) == (
        base.template_id,
        base.version + 1,
        f"{base.template_id}@{base.version}",
    )
    # The kept text names the version it is kept as (the sheet's foot prints it).
    assert f"\nversion = {base.version + 1}\n" in copy.source
    assert "# sửa" in copy.source
    moved = print_with(register.writer, campaign, copy)
    assert moved.template_version == copy.version
    other, _ = _household(register, "NT-002")
    mark_printed(register, [other])
    assert pledges.pledge_for(register, hid).template_version == base.version
    assert pledges.pledge_for(register, other).template_version == copy.version


def test_a_result_recorded_by_mistake_can_be_cleared(register: OpenRegister) -> None:
    from desktop.services.sheets import mark_printed

    hid, _ = _household(register, "NT-001")
    assert pledges.clear_result(register, hid) is None  # nothing recorded yet
    mark_printed(register, [hid])
    pledges.record_result(register, hid, PledgeStatus.SIGNED, TODAY, today=TODAY)
    cleared = pledges.clear_result(register, hid)
    assert cleared is not None
    assert (cleared.status, cleared.signed_on, cleared.signer_id) == (
        PledgeStatus.PRINTED,
        None,
        None,
    )
    other, _ = _household(register, "NT-002")
    pledges.record_result(register, other, PledgeStatus.ABSENT, TODAY, reason="đi xa", today=TODAY)
    back = pledges.clear_result(register, other)
    assert back is not None
    assert (back.status, back.reason) == (PledgeStatus.NOT_PRINTED, "")


def test_camket_check_finds_pledges_that_do_not_hold_together(register: OpenRegister) -> None:
    from desktop.messages import describe_issue
    from desktop.services.checks import check_register

    signed, _ = _household(register, "NT-001")
    absent, _ = _household(register, "NT-002")
    moved, _ = _household(register, "T2-001")
    pledges.record_result(register, signed, PledgeStatus.SIGNED, TODAY, today=TODAY)
    pledges.record_result(register, absent, PledgeStatus.ABSENT, TODAY, reason="đi xa", today=TODAY)
    pledges.record_result(register, moved, PledgeStatus.SIGNED, TODAY, today=TODAY)
    # As a bundle merged from elsewhere, or a hand edit, might leave them:
    register.db.execute("UPDATE pledge SET signer_id = NULL WHERE household_id = ?", [signed])
    register.db.execute("UPDATE pledge SET reason = '' WHERE household_id = ?", [absent])
    other_person = _household(register, "T10-001")[1][0]
    register.db.execute(
        "UPDATE pledge SET signer_id = ? WHERE household_id = ?", [other_person, moved]
    )
    report = check_register(register.path, today=TODAY)
    assert not report.ok
    lines = [
        (f.label, describe_issue(f.issue)) for f in report.findings if f.entity == "cam kết của hộ"
    ]
    assert lines == [
        ("NT-001", "Người ký: bản cam kết đã ký nhưng chưa ghi người ký"),
        ("NT-002", "Lý do: chưa ghi lý do từ chối hoặc vắng mặt"),
        ("T2-001", "Người ký: người ký không còn là thành viên của hộ"),
    ]
    assert [f.label for f in report.warnings] == ["T2-001"]
    assert report.counts["bản cam kết"] == 3


def test_a_date_before_the_campaign_started_is_refused(register: OpenRegister) -> None:
    from desktop.services.campaigns import start_campaign

    first = pledges.current_campaign(register)
    template = store.get_template(register.db, first.template_id, first.template_version)
    assert template is not None
    campaign = start_campaign(
        register.writer, template, title="Đợt tháng 12", starts_on=dt.date(2025, 12, 1)
    )
    hid, _ = _household(register, "NT-002")
    before = register.db.execute("SELECT count(*) FROM audit").fetchone()
    with pytest.raises(KnownError) as err:
        pledges.record_result(register, hid, PledgeStatus.SIGNED, dt.date(1990, 1, 1), today=TODAY)
    assert err.value.code == "pledge.date_before_campaign"
    assert "01/01/1990" in describe(err.value) and "01/12/2025" in describe(err.value)
    assert register.db.execute("SELECT count(*) FROM audit").fetchone() == before
    # The day the campaign starts is fine.
    saved = pledges.record_result(
        register, hid, PledgeStatus.SIGNED, dt.date(2025, 12, 1), campaign=campaign, today=TODAY
    )
    assert saved.signed_on == dt.date(2025, 12, 1)


def test_check_result_takes_any_past_date_when_the_campaign_has_no_start() -> None:
    from desktop.domain.pledges import check_result

    check_result(
        PledgeStatus.SIGNED, dt.date(1990, 1, 1), TODAY, signer_id="a", member_ids=["a"], reason=""
    )
    with pytest.raises(KnownError) as err:
        check_result(
            PledgeStatus.ABSENT,
            dt.date(2025, 11, 30),
            TODAY,
            signer_id=None,
            member_ids=[],
            reason="đi nương",
            starts_on=dt.date(2025, 12, 1),
        )
    assert err.value.code == "pledge.date_before_campaign"


def test_camket_check_finds_a_pledge_dated_before_its_campaign(register: OpenRegister) -> None:
    from desktop.messages import describe_issue
    from desktop.services.campaigns import start_campaign
    from desktop.services.checks import check_register

    first = pledges.current_campaign(register)
    template = store.get_template(register.db, first.template_id, first.template_version)
    assert template is not None
    start_campaign(register.writer, template, title="Đợt tháng 12", starts_on=dt.date(2025, 12, 1))
    early, _ = _household(register, "NT-001")
    fine, _ = _household(register, "NT-002")
    for hid in (early, fine):
        pledges.record_result(register, hid, PledgeStatus.SIGNED, dt.date(2025, 12, 2), today=TODAY)
    # A hand edit or a merged bundle might leave one dated before the campaign began:
    register.db.execute(
        "UPDATE pledge SET signed_on = '2025-11-30' WHERE household_id = ?", [early]
    )
    report = check_register(register.path, today=TODAY)
    assert not report.ok
    assert [
        (f.label, describe_issue(f.issue)) for f in report.findings if f.entity == "cam kết của hộ"
    ] == [
        (
            "NT-001",
            "Ngày ký: 30/11/2025 trước ngày bắt đầu đợt cam kết (01/12/2025); sửa ngày ký ở"
            " trang Cam kết, hoặc ngày bắt đầu đợt (Đợt cam kết… › Sửa ngày, chỉ tiêu…; camket"
            " campaign edit)",
        )
    ]
