"""Starting a campaign and switching the current one: checked, audited, counted."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.domain.errors import KnownError
from desktop.domain.pledges import PledgeStatus
from desktop.services import campaigns, pledges
from desktop.services.register import OpenRegister
from desktop.store import pledges as store

TODAY = dt.date(2026, 1, 10)


def _audit(reg: OpenRegister) -> list[tuple[str, dict[str, object]]]:
    rows = reg.db.execute(
        "SELECT action, after FROM audit WHERE entity = 'campaign' ORDER BY seq"
    ).fetchall()
    return [(action, json.loads(after or "{}")) for action, after in rows]


def test_a_new_campaign_on_a_bundled_template_becomes_current_audited(
    register: OpenRegister,
) -> None:
    first = pledges.current_campaign(register)
    choices = campaigns.template_choices(register.db)
    border = next(t for t in choices if t.template_id != first.template_id)
    before = len(_audit(register))

    new = campaigns.start_campaign(
        register.writer,
        border,
        title="  Bảo vệ biên giới 2026 ",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 6, 30),
        target_percent=90,
    )

    current = pledges.current_campaign(register)
    assert (current.id, current.title, current.target_percent) == (
        new.id,
        "Bảo vệ biên giới 2026",
        90,
    )
    assert (current.template_id, current.template_version) == (border.template_id, border.version)
    assert store.get_template(register.db, border.template_id, border.version) is not None
    assert not store.get_campaign(register.db, first.id).is_current
    audit = _audit(register)[before:]
    assert [a for a, _ in audit] == ["insert", "use"]  # the new one, then chosen on this PC
    assert audit[0][1]["target_percent"] == 90


def test_template_choices_list_kept_copies_and_unkept_bundled_once(
    register: OpenRegister,
) -> None:
    first = pledges.current_campaign(register)
    kept = store.get_template(register.db, first.template_id, first.template_version)
    assert kept is not None
    copy = campaigns.copy_template(register.writer, kept, kept.source, title="Bản sửa của xã")
    keys = [(t.template_id, t.version) for t in campaigns.template_choices(register.db)]
    assert len(keys) == len(set(keys))
    assert (copy.template_id, copy.version) in keys
    assert (first.template_id, first.template_version) in keys
    assert len({k[0] for k in keys}) == 2  # both bundled movements


@pytest.mark.parametrize(
    ("starts", "ends", "target", "code"),
    [
        (dt.date(2026, 3, 1), dt.date(2026, 2, 28), 100, "campaign.ends_before_start"),
        (None, None, 0, "campaign.target_out_of_range"),
        (None, None, 101, "campaign.target_out_of_range"),
    ],
)
def test_a_campaign_that_does_not_hold_together_changes_nothing(
    register: OpenRegister, starts: dt.date | None, ends: dt.date | None, target: int, code: str
) -> None:
    first = pledges.current_campaign(register)
    template = campaigns.template_choices(register.db)[0]
    audit = register.db.execute("SELECT count(*) FROM audit").fetchone()
    with pytest.raises(KnownError) as err:
        campaigns.start_campaign(
            register.writer,
            template,
            title="Đợt 2",
            starts_on=starts,
            ends_on=ends,
            target_percent=target,
        )
    assert err.value.code == code
    assert register.db.execute("SELECT count(*) FROM audit").fetchone() == audit
    assert pledges.current_campaign(register).id == first.id


def test_making_an_earlier_campaign_current_again_brings_back_its_count(
    register: OpenRegister,
) -> None:
    first = pledges.current_campaign(register)
    head = pledges.household_by_code(register, "NT-001")
    pledges.record_result(register, head.id, PledgeStatus.SIGNED, TODAY, today=TODAY)
    template = campaigns.template_choices(register.db)[0]
    second = campaigns.start_campaign(register.writer, template, title="Đợt 2", target_percent=80)

    by_id = {s.campaign.id: s for s in campaigns.campaign_summaries(register.db)}
    assert (by_id[first.id].signed, by_id[second.id].signed) == (1, 0)
    assert by_id[first.id].households == 4
    assert by_id[second.id].template_title == template.title
    assert campaigns.campaign_summaries(register.db)[0].campaign.id == second.id

    back = campaigns.use_campaign(register.writer, first.id)
    assert back.is_current and pledges.current_campaign(register).id == first.id
    assert [s.campaign.is_current for s in campaigns.campaign_summaries(register.db)] == [
        True,
        False,
    ]
    assert _audit(register)[-1] == ("use", {"current": second.id})


def test_a_new_campaign_need_not_become_current(register: OpenRegister) -> None:
    first = pledges.current_campaign(register)
    template = campaigns.template_choices(register.db)[0]
    later = campaigns.start_campaign(register.writer, template, title="Đợt sau", current=False)
    assert pledges.current_campaign(register).id == first.id
    assert not store.get_campaign(register.db, later.id).is_current
