"""The office reprints unsigned sheets while the laptop records, at the door, that the
household signed: after the merge the pledge is signed on both PCs and nobody is asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.pledges import PledgeStatus
from desktop.services.pledges import pledge_for
from desktop.services.sheets import mark_printed
from tests.unit.exchange_helpers import content, demo_office, opened
from tests.unit.test_identical_edits import (
    PC,
    _conflicts_json,
    _copy,
    _export,
    _merge_json,
    _record,
)


@pytest.fixture
def office(tmp_path: Path) -> PC:
    return demo_office(tmp_path, 6, seed=3)


def _unanswered(pc: PC) -> str:
    """A household whose pledge awaits an answer (printed or not)."""
    with opened(*pc) as reg:
        for (household_id,) in reg.db.execute("SELECT id FROM household ORDER BY code"):
            if pledge_for(reg, household_id).status in (
                PledgeStatus.NOT_PRINTED,
                PledgeStatus.PRINTED,
            ):
                return str(household_id)
    raise AssertionError("the demo has no unanswered pledge")


def _reprinted(pc: PC, household_id: str, times: int, at: str) -> None:
    with opened(*pc) as reg:
        for number in range(times):
            mark_printed(reg, [household_id], printed_at=f"{at}{number}.000Z")


def _status(pc: PC, household_id: str) -> tuple[PledgeStatus, str | None]:
    with opened(*pc) as reg:
        pledge = pledge_for(reg, household_id)
        return pledge.status, pledge.printed_at


@pytest.mark.parametrize("reprints", [1, 3])
def test_a_signature_recorded_at_the_door_beats_the_office_reprinting_the_sheet(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str], reprints: int
) -> None:
    household = _unanswered(office)
    laptop = _copy(tmp_path, office, "laptop")
    _record(laptop, household, PledgeStatus.SIGNED)
    # Reprinted later than the signature, and more often: the print mark wins the merge's
    # order (the latest, or the most edited).
    _reprinted(office, household, reprints, "2099-12-05T08:00:0")
    signed_at = _status(laptop, household)[1]
    merged = _merge_json(office, _export(laptop, tmp_path / "l.camket"), capsys)
    assert merged["conflicts"] == 0
    assert _status(office, household) == (PledgeStatus.SIGNED, signed_at)
    assert _conflicts_json(office, capsys) == []
    assert _merge_json(laptop, _export(office, tmp_path / "o.camket"), capsys)["conflicts"] == 0
    assert _status(laptop, household) == (PledgeStatus.SIGNED, signed_at)
    assert content(*office) == content(*laptop)


def test_an_absence_keeps_the_sheet_printed_later(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    household = _unanswered(office)
    laptop = _copy(tmp_path, office, "laptop")
    _record(laptop, household, PledgeStatus.ABSENT, reason="Đi làm ăn xa")
    _reprinted(office, household, 2, "2099-12-05T08:00:0")
    assert _merge_json(office, _export(laptop, tmp_path / "l.camket"), capsys)["conflicts"] == 0
    assert _status(office, household) == (PledgeStatus.ABSENT, "2099-12-05T08:00:01.000Z")


def test_two_different_answers_are_still_a_question(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    household = _unanswered(office)
    laptop = _copy(tmp_path, office, "laptop")
    _record(laptop, household, PledgeStatus.SIGNED)
    _record(office, household, PledgeStatus.REFUSED, reason="Không đồng ý")
    assert _merge_json(office, _export(laptop, tmp_path / "l.camket"), capsys)["conflicts"] == 1
    assert len(_conflicts_json(office, capsys)) == 1
