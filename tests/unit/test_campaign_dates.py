"""A campaign's dates and target can be corrected (a commune that records its paper sheets
after setting CamKet up gives the campaign the day it really began), and signing days are
judged against them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundle
from desktop.services.register import OpenRegister, create_from_bundle
from desktop.store import pledges as store
from tests.unit.exchange_helpers import (
    SIN_HO,
    as_pc,
    listed_commune_bundle,
    opened,
    upper_register_of,
)

TODAY = dt.date.today()


def _day(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).strftime("%d/%m/%Y")


def _current(db: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["campaign", "list", "--db", db]) == 0
    return capsys.readouterr().out.splitlines()[0].split("\t")


def _started_today(register: OpenRegister, capsys: pytest.CaptureFixture[str]) -> str:
    """A campaign set up today starting today, as the set-up wizard offers it; its id."""
    db = str(register.path)
    new = ["campaign", "new", "--db", db, "--template", "bien-gioi", "--title", "Đợt 2026"]
    assert main([*new, "--from", _day(0), "--to", _day(-90)]) == 0
    return capsys.readouterr().out.strip().rsplit(" ", 1)[-1]


def test_sheets_signed_before_set_up_are_recorded_once_the_start_is_corrected(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    """The lead's case (60f179a): sheets signed weeks before CamKet came had no way in."""
    db = str(register.path)
    campaign_id = _started_today(register, capsys)
    assert main(["sign", "--db", db, "NT-001", "--on", _day(20)]) == 2
    said = capsys.readouterr().err
    assert f"Ngày {_day(20)} trước ngày bắt đầu đợt cam kết ({_day(0)})" in said
    assert f"camket campaign edit {campaign_id[:8]} --from {_day(20)}" in said
    assert "Đợt cam kết… (Ctrl+D) › Sửa ngày, chỉ tiêu…" in said

    audits = register.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    edit = ["campaign", "edit", "--db", db, campaign_id[:8]]
    assert main([*edit, "--from", _day(30)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Đã sửa đợt “Đợt 2026”: {_day(30)} – {_day(-90)}, chỉ tiêu 100 %"
    )
    changed = register.db.execute(
        "SELECT action, before, after FROM audit WHERE seq > ? AND entity = 'campaign'", [audits]
    ).fetchall()
    assert changed == [
        (
            "update",
            f'{{"starts_on": "{(TODAY).isoformat()}"}}',
            f'{{"starts_on": "{(TODAY - dt.timedelta(days=30)).isoformat()}"}}',
        )
    ]
    assert main(["sign", "--db", db, "NT-001", "--on", _day(20)]) == 0
    assert capsys.readouterr().err == ""
    # Before the corrected start, and in the future, still refused.
    assert main(["sign", "--db", db, "NT-002", "--on", _day(31)]) == 2
    assert "trước ngày bắt đầu đợt cam kết" in capsys.readouterr().err
    assert main(["sign", "--db", db, "NT-002", "--on", _day(-1)]) == 2
    assert "ở tương lai" in capsys.readouterr().err


def test_campaign_edit_corrects_end_and_target_checked_as_at_start(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    campaign_id = _started_today(register, capsys)
    edit = ["campaign", "edit", "--db", db, campaign_id]
    assert main([*edit, "--to", "31/12/2099", "--target", "85"]) == 0
    capsys.readouterr()
    assert _current(db, capsys)[4:6] == [f"{_day(0)} – 31/12/2099", "chỉ tiêu 85 %"]
    assert main([*edit, "--to", _day(1)]) == 2
    assert f"Ngày kết thúc {_day(1)} trước ngày bắt đầu {_day(0)}" in capsys.readouterr().err
    assert main([*edit, "--target", "0"]) == 2
    assert "Chỉ tiêu phải từ 1 đến 100 %, không phải 0 %" in capsys.readouterr().err
    assert main(edit) == 2
    assert "Hãy cho biết điều cần sửa: --from" in capsys.readouterr().err
    # '' takes a date away, as movement edit --ended-on ''.
    assert main([*edit, "--from", "", "--to", ""]) == 0
    assert "không ghi ngày, chỉ tiêu 85 %" in capsys.readouterr().out
    assert _current(db, capsys)[4:6] == ["", "chỉ tiêu 85 %"]
    assert main(["campaign", "edit", "--db", db, "khong-co", "--target", "50"]) == 2
    assert "Không có đợt cam kết mã khong-co" in capsys.readouterr().err


def test_a_start_after_results_already_recorded_is_refused_naming_them(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    campaign_id = _started_today(register, capsys)
    edit = ["campaign", "edit", "--db", db, campaign_id]
    assert main([*edit, "--from", _day(30)]) == 0
    for code, days in (("NT-002", 10), ("NT-001", 20), ("T2-001", 5)):
        assert main(["sign", "--db", db, code, "--on", _day(days)]) == 0
    capsys.readouterr()
    assert main([*edit, "--from", _day(8)]) == 2
    said = capsys.readouterr().err
    assert f"Không sửa ngày bắt đầu thành {_day(8)}: 2 hộ đã ghi kết quả" in said
    assert f"(NT-001 ngày {_day(20)}, NT-002 ngày {_day(10)})" in said
    assert f"từ {_day(20)} trở về trước" in said
    assert _current(db, capsys)[4] == f"{_day(30)} – {_day(-90)}"  # nothing written
    assert main([*edit, "--from", _day(20)]) == 0


def test_a_campaign_with_no_start_keeps_any_past_day_and_says_how_to_give_one(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first campaign of `camket init` has no start date: a sheet dated before the day
    it was set up in the register is kept (refusing it, a004801, left true paper dates
    unrecordable), with a note on how to give the campaign its start."""
    db = str(register.path)
    capsys.readouterr()
    assert main(["sign", "--db", db, "NT-001", "--on", "01/01/1990"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Hộ NT-001: đã ký ngày 01/01/1990")
    assert "không ghi ngày bắt đầu và ngày ký 01/01/1990 trước ngày đợt được lập" in captured.err
    assert f"({TODAY.strftime('%d/%m/%Y')}); ngày này vẫn được ghi." in captured.err
    assert "camket campaign edit " in captured.err and "--from DD/MM/YYYY" in captured.err
    assert main(["sign", "--db", db, "NT-002", "--on", _day(0)]) == 0
    assert capsys.readouterr().err == ""


def test_camket_check_reports_signing_days_outside_the_campaigns_dates(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    campaign_id = _started_today(register, capsys)
    edit = ["campaign", "edit", "--db", db, campaign_id]
    assert main([*edit, "--from", _day(30), "--to", _day(20)]) == 0
    assert main(["sign", "--db", db, "NT-001", "--on", _day(10)]) == 0  # a late sheet counts
    capsys.readouterr()
    assert main(["check", "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"NT-001: Ngày ký: {_day(10)} sau ngày kết thúc đợt cam kết ({_day(20)}); vẫn" in out
    assert "sửa ngày kết thúc đợt (Đợt cam kết… › Sửa ngày, chỉ tiêu…" in out
    assert main([*edit, "--to", ""]) == 0
    capsys.readouterr()
    assert main(["check", "--db", db]) == 0
    assert "sau ngày kết thúc" not in capsys.readouterr().out


def test_a_corrected_start_travels_in_bundles_to_the_laptop_and_upward(tmp_path: Path) -> None:
    office, office_pc = tmp_path / "office.sqlite3", tmp_path / "office-data"
    laptop, laptop_pc = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    full = listed_commune_bundle(tmp_path, SIN_HO, "A-01")
    upper = upper_register_of(tmp_path, [full])
    with as_pc(office_pc):
        create_from_bundle(office, full)
    with as_pc(laptop_pc):
        create_from_bundle(laptop, full)
    with opened(office, office_pc) as reg:
        campaign = store.current_campaign(reg.db)
        assert campaign is not None
        export_bundle(reg, tmp_path / "office-full.camket")
    with as_pc(office_pc):
        edit = ["campaign", "edit", "--db", str(office), campaign.id, "--from", "01/10/2026"]
        assert main([*edit, "--target", "90"]) == 0
    with opened(office, office_pc) as reg:
        changes = tmp_path / "changes.camket"
        export_bundle(reg, changes, since=tmp_path / "office-full.camket")
    for path, pc in ((laptop, laptop_pc), (upper, tmp_path / "post-data")):
        with opened(path, pc) as reg:
            for bundle in (tmp_path / "office-full.camket", changes):
                assert merge_bundle(reg, bundle).refused is None
            got = store.get_campaign(reg.db, campaign.id)
            assert (got.starts_on, got.target_percent) == (dt.date(2026, 10, 1), 90)


def test_an_upper_register_corrects_no_communes_campaign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upper = upper_register_of(tmp_path, [listed_commune_bundle(tmp_path, SIN_HO, "A-01")])
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        edit = ["campaign", "edit", "--db", str(upper), "bien-gioi", "--from", "01/10/2026"]
        assert main(edit) == 2
    said = capsys.readouterr().err
    assert "Sổ cấp trên chỉ gộp và xem dữ liệu của các xã, không sửa" in said


def test_two_pcs_correcting_one_campaign_at_once_leave_a_conflict_to_review(
    tmp_path: Path,
) -> None:
    """Each PC's correction is an edit of the campaign row like any other: when both change
    it before they meet, neither is lost, one is kept and the other waits for a person."""
    from desktop.services.conflicts import open_conflicts

    office, office_pc = tmp_path / "office.sqlite3", tmp_path / "office-data"
    laptop, laptop_pc = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    full = listed_commune_bundle(tmp_path, SIN_HO, "A-01")
    for path, pc in ((office, office_pc), (laptop, laptop_pc)):
        with as_pc(pc):
            create_from_bundle(path, full)
        with opened(path, pc) as reg:
            campaign = store.current_campaign(reg.db)
            assert campaign is not None
            export_bundle(reg, tmp_path / f"{pc.name}-full.camket")
    for path, pc, day in ((office, office_pc, "01/10/2026"), (laptop, laptop_pc, "15/10/2026")):
        with as_pc(pc):
            assert main(["campaign", "edit", "--db", str(path), campaign.id, "--from", day]) == 0
        with opened(path, pc) as reg:
            since = tmp_path / f"{pc.name}-full.camket"
            export_bundle(reg, tmp_path / f"{pc.name}-changes.camket", since=since)
    with opened(laptop, laptop_pc) as reg:
        for name in ("office-data-full", "office-data-changes"):
            assert merge_bundle(reg, tmp_path / f"{name}.camket").refused is None
        waiting = [c for c in open_conflicts(reg.db) if c.table == "campaign"]
        kept = store.get_campaign(reg.db, campaign.id).starts_on
    assert len(waiting) == 1
    assert {kept, dt.date.fromisoformat(str(waiting[0].other["starts_on"]))} == {
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 15),
    }
