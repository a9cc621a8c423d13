"""Sheets filled from the register for printing, and marking them printed."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.entities import RelativeAbroad
from desktop.domain.errors import KnownError
from desktop.domain.pledges import AttachmentKind, PledgeStatus, parse_qr
from desktop.services import checkin, pledges, sheets
from desktop.services.register import OpenRegister
from desktop.store import households as repo

ON = dt.date(2026, 1, 5)


def test_each_sheet_is_filled_from_the_register(register: OpenRegister) -> None:
    tam = sheets.hamlet_named(register, "ban nam tam")
    hid = pledges.household_by_code(register, "NT-001").id
    repo.add_relative_abroad(
        register.writer,
        RelativeAbroad(hid, "Đặng Văn Tư", "Con", "Trung Quốc", since="2019"),
    )
    first, second = sheets.sheets_for(register, tam.id)
    assert (first.household_code, second.household_code) == ("NT-001", "NT-002")
    assert first.commune_name == "Xã Sìn Hồ" and first.place_name == "Sìn Hồ"
    assert first.province_name == register.commune.province_name
    assert (first.hamlet_name, first.head_name, first.head_birth) == (
        "Bản Nậm Tăm",
        "Đặng Văn Hoà",
        "04/03/1980",
    )
    assert first.head_id_number == "012080001234"
    assert [(m.full_name, m.gender, m.birth) for m in first.members] == [
        ("Đặng Văn Hoà", "Nam", "04/03/1980"),
        ("Lò Thị Hòa", "Nữ", "1985"),
    ]
    assert [(r.full_name, r.country, r.since) for r in first.relatives] == [
        ("Đặng Văn Tư", "Trung Quốc", "2019")
    ]
    payload = parse_qr(first.qr_payload)
    assert (payload.commune_code, payload.household_id) == (register.commune.code, hid)
    assert payload.campaign_id == pledges.current_campaign(register).id
    assert first.household_id == hid
    assert first.signed_on is None and first.signature_png is None


def test_the_copy_of_a_signed_pledge_shows_date_signer_and_signature(
    register: OpenRegister,
) -> None:
    found = checkin.check_in(register, "NT-002")
    wife = found.members[1]
    signature = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
    checkin.save_attachment(register, found.pledge, AttachmentKind.SIGNATURE, signature)
    pledges.record_result(
        register, found.household.id, PledgeStatus.SIGNED, ON, signer_id=wife.id, today=ON
    )
    (sheet,) = [s for s in sheets.sheets_for(register) if s.household_code == "NT-002"]
    assert (sheet.signed_on, sheet.signer_name, sheet.signature_png) == (
        ON,
        "Sùng Thị Mỷ",
        signature,
    )
    codes = [s.household_code for s in sheets.sheets_for(register, unsigned_only=True)]
    assert codes == ["NT-001", "T2-001", "T10-001"]


def test_marking_printed_moves_only_sheets_not_yet_back(register: OpenRegister) -> None:
    done = pledges.household_by_code(register, "NT-001").id
    pledges.record_result(register, done, PledgeStatus.REFUSED, ON, reason="không ở nhà", today=ON)
    batch = sheets.sheets_for(register, sheets.hamlet_named(register, "Bản Nậm Tăm").id)
    marked = sheets.mark_printed(
        register, [s.household_id for s in batch], printed_at="2026-01-06T01:00:00.000Z"
    )
    assert marked == 1  # the refused one is back already: not counted as printed
    states = {s.household_code: checkin.check_in(register, s.household_code).pledge for s in batch}
    assert states["NT-001"].status is PledgeStatus.REFUSED
    assert states["NT-002"].status is PledgeStatus.PRINTED
    assert {p.printed_at for p in states.values()} == {"2026-01-06T01:00:00.000Z"}


def test_a_signed_households_bản_lưu_printed_again_changes_nothing(
    register: OpenRegister,
) -> None:
    done = pledges.household_by_code(register, "NT-001").id
    sheets.mark_printed(register, [done], printed_at="2026-01-02T01:00:00.000Z")
    pledges.record_result(register, done, PledgeStatus.SIGNED, ON, today=ON)

    def kept() -> tuple[str, int]:
        return register.db.execute(
            "SELECT printed_at, rev FROM pledge WHERE household_id = ?", [done]
        ).fetchone()

    before = kept()
    assert sheets.mark_printed(register, [done], printed_at="2026-01-09T01:00:00.000Z") == 0
    # The sheet that went out was printed on the 2nd and came back signed; its bản lưu
    # printed again is no new sheet: no later print date, no change to send to other PCs.
    assert kept() == before == ("2026-01-02T01:00:00.000Z", before[1])


def test_a_blank_sheet_has_the_commune_and_no_household(register: OpenRegister) -> None:
    register.db.execute("UPDATE commune SET border_post = 'Đồn Biên phòng Sìn Hồ'")
    register.commune = repo.get_commune(register.db) or register.commune
    blank = sheets.blank_sheet(register, sheets.hamlet_named(register, "Thôn 2"))
    assert (blank.household_code, blank.qr_payload, blank.members) == ("", "", ())
    assert (blank.hamlet_name, blank.border_post) == ("Thôn 2", "Đồn Biên phòng Sìn Hồ")


def test_an_unknown_hamlet_is_refused(register: OpenRegister) -> None:
    with pytest.raises(KnownError) as err:
        sheets.hamlet_named(register, "Thôn 99")
    assert err.value.code == "hamlet.unknown"


def test_the_campaign_template_is_the_kept_copy(register: OpenRegister) -> None:
    campaign = pledges.current_campaign(register)
    kept = sheets.campaign_template(register, campaign)
    assert (kept.template_id, kept.version) == (campaign.template_id, campaign.template_version)
