"""Printing pledges from a register: the right households, their QR codes, marked printed;
`camket print` and its refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.entities import Hamlet, HamletKind
from desktop.domain.errors import KnownError
from desktop.domain.pledges import PledgeStatus, parse_qr
from desktop.services import checkin, pledges, printing, sheets
from desktop.services.register import OpenRegister
from desktop.store.households import add_hamlet
from tests.golden.pdf_facts import flat, page_texts, qr_codes

ON = dt.date(2026, 1, 5)


def _status(reg: OpenRegister, code: str) -> PledgeStatus:
    return checkin.check_in(reg, code).pledge.status


def test_a_hamlets_unsigned_sheets_are_printed_and_marked(
    register: OpenRegister, tmp_path: Path
) -> None:
    signed = pledges.household_by_code(register, "NT-001").id
    pledges.record_result(register, signed, PledgeStatus.SIGNED, ON, today=ON)
    out = tmp_path / "nam-tam.pdf"
    done = printing.print_pledges(
        register,
        out,
        hamlet=sheets.hamlet_named(register, "Bản Nậm Tăm"),
        unsigned_only=True,
        copies=2,
    )
    assert (done.households, done.sheets, done.marked, done.cancelled) == (1, 2, 1, False)
    texts = [flat(t) for t in page_texts(out)]
    assert len(texts) == done.pages == 2
    assert all("NT-002" in t and "Giàng A Páo" in t for t in texts)
    assert not any("NT-001" in t for t in texts)
    (first, *_), *_ = qr_codes(out.read_bytes(), dpi=200)
    payload = parse_qr(first)
    assert payload.household_id == pledges.household_by_code(register, "NT-002").id
    assert payload.campaign_id == pledges.current_campaign(register).id
    assert _status(register, "NT-002") is PledgeStatus.PRINTED
    assert _status(register, "NT-001") is PledgeStatus.SIGNED
    assert _status(register, "T2-001") is PledgeStatus.NOT_PRINTED


def test_a_cancelled_print_writes_nothing_and_marks_nothing(
    register: OpenRegister, tmp_path: Path
) -> None:
    out = tmp_path / "all.pdf"
    done = printing.print_pledges(register, out, cancelled=lambda: True)
    assert done.cancelled
    assert not out.exists()
    assert _status(register, "NT-001") is PledgeStatus.NOT_PRINTED


def test_the_blank_sheet_names_the_commune(register: OpenRegister, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    done = printing.print_blank(register, out)
    assert done.sheets == 1
    text = flat(page_texts(out)[0])
    assert "BẢN CAM KẾT" in text and "Sìn Hồ" in text


def test_camket_print_pledges_and_blank(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    out = tmp_path / "thon2.pdf"
    assert main(["print", "pledges", "--db", db, "--hamlet", "thon 2", "--out", str(out)]) == 0
    assert "Đã in 1 hộ" in capsys.readouterr().out
    assert "T2-001" in page_texts(out)[0]
    assert _status(register, "T2-001") is PledgeStatus.PRINTED
    blank = tmp_path / "blank.pdf"
    assert main(["print", "blank", "--db", db, "--out", str(blank)]) == 0
    assert blank.read_bytes().startswith(b"%PDF")


def test_camket_print_pledges_of_named_households_only(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hai-ho.pdf"
    argv = ["print", "pledges", "--db", str(register.path), "--out", str(out)]
    assert main([*argv, "--household", "t10-001", "--household", "NT-002"]) == 0
    assert "Đã in 2 hộ" in capsys.readouterr().out
    codes = [parse_qr(text).household_id for page in qr_codes(out) for text in page]
    wanted = [pledges.household_by_code(register, c).id for c in ("T10-001", "NT-002")]
    assert codes == wanted  # in the order asked, nobody else
    assert _status(register, "NT-002") is PledgeStatus.PRINTED
    assert _status(register, "NT-001") is PledgeStatus.NOT_PRINTED


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--household", "XX-999"], "Không có hộ mã XX-999"),
        (["--hamlet", "Thôn 99"], "Không có thôn/bản “Thôn 99”"),
        (["--campaign", "no-such-id"], "Không có đợt cam kết mã no-such-id"),
        (["--copies", "9"], "Số bản in mỗi hộ phải từ 1 đến 3"),
    ],
)
def test_camket_print_refuses_bad_input_and_marks_nothing(
    register: OpenRegister,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["print", "pledges", "--db", str(register.path), *extra, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert _status(register, "NT-001") is PledgeStatus.NOT_PRINTED


def test_a_register_kept_before_the_template_text_prints_with_the_bundled_file(
    register: OpenRegister, tmp_path: Path
) -> None:
    register.db.execute("UPDATE pledge_template SET source = ''")
    done = printing.print_pledges(register, tmp_path / "p.pdf")
    assert done.households == 4


def test_camket_report_progress_prints_a_pdf_beside_the_table(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = pledges.household_by_code(register, "T2-001").id
    pledges.record_result(register, signed, PledgeStatus.SIGNED, ON, today=ON)
    out = tmp_path / "tien-do.pdf"
    assert main(["report", "progress", "--db", str(register.path), "--out", str(out)]) == 0
    assert "Toàn xã\t4\t1" in capsys.readouterr().out
    text = flat(page_texts(out)[0])
    assert "BÁO CÁO" in text
    assert "Thôn 2" in text and "Bản Nậm Tăm" in text
    assert "Toàn xã có 4 hộ; đã ký cam kết 1 hộ, đạt 25,0%" in text


def test_camket_report_unsigned_lists_each_hamlet_that_has_some(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = pledges.household_by_code(register, "T2-001").id
    pledges.record_result(register, signed, PledgeStatus.SIGNED, ON, today=ON)
    out = tmp_path / "chua-ky.pdf"
    assert main(["report", "unsigned", "--db", str(register.path), "--out", str(out)]) == 0
    assert "của 2 thôn/bản" in capsys.readouterr().out
    texts = [flat(t) for t in page_texts(out)]
    assert any("NT-001" in t and "NT-002" in t for t in texts)
    assert any("T10-001" in t for t in texts)
    assert not any("T2-001" in t for t in texts)
    one = tmp_path / "t10.pdf"
    args = ["report", "unsigned", "--db", str(register.path), "--hamlet", "thon 10"]
    assert main([*args, "--out", str(one)]) == 0
    assert all("NT-001" not in t for t in page_texts(one))


def test_the_archive_copy_of_a_signed_pledge_shows_who_signed_and_marks_nothing(
    register: OpenRegister, tmp_path: Path
) -> None:
    found = checkin.check_in(register, "NT-002")
    pledges.record_result(
        register,
        found.household.id,
        PledgeStatus.SIGNED,
        ON,
        signer_id=found.members[1].id,
        today=ON,
    )
    before = checkin.check_in(register, "NT-002").pledge
    out = tmp_path / "ban-luu.pdf"
    done = printing.print_archive_copy(register, out, found.household.id)
    assert (done.households, done.marked) == (1, 0)
    text = flat(" ".join(page_texts(out)))
    assert "NT-002" in text and "NT-001" not in text
    assert "Sùng Thị Mỷ" in text
    assert "ngày 05 tháng 01 năm 2026" in text
    assert checkin.check_in(register, "NT-002").pledge == before


def test_an_edited_copy_prints_its_own_words_and_version(
    register: OpenRegister, tmp_path: Path
) -> None:
    from desktop.services.campaigns import copy_template, print_with
    from desktop.store import pledges as store

    campaign = pledges.current_campaign(register)
    base = store.get_template(register.db, campaign.template_id, campaign.template_version)
    assert base is not None
    edited = base.source.replace("Thực hiện “3 không”", "Thực hiện nghiêm “3 không”")
    print_with(register.writer, campaign, copy_template(register.writer, base, edited))
    out = tmp_path / "v2.pdf"
    printing.print_pledges(register, out, hamlet=sheets.hamlet_named(register, "Thôn 10"))
    text = flat(page_texts(out)[0])
    assert "Thực hiện nghiêm “3 không”" in text
    assert f"Mẫu: {base.title}, bản {base.version + 1}" in text


def test_an_edited_copy_with_an_unknown_placeholder_is_refused_and_not_kept(
    register: OpenRegister,
) -> None:
    from desktop.domain.errors import KnownError
    from desktop.services.campaigns import copy_template
    from desktop.store import pledges as store

    campaign = pledges.current_campaign(register)
    base = store.get_template(register.db, campaign.template_id, campaign.template_version)
    assert base is not None
    broken = base.source.replace("{commune}", "{xa}", 1)
    with pytest.raises(KnownError) as err:
        copy_template(register.writer, base, broken)
    assert err.value.code == "template.unknown_placeholder"
    assert err.value.params["line"] > 0
    assert len(store.list_templates(register.db)) == 1


def test_a_broken_bundled_template_is_named_with_its_line(tmp_path: Path) -> None:
    from desktop.domain.errors import KnownError
    from desktop.services.campaigns import bundled_templates

    (tmp_path / "hong.toml").write_text('id = "hong"\ntitle = [\n', encoding="utf-8")
    with pytest.raises(KnownError) as err:
        bundled_templates(tmp_path)
    assert err.value.code == "template.syntax"
    assert "hong.toml" in str(err.value.params["file"])


def test_a_render_for_the_preview_marks_nothing_and_names_its_households(
    register: OpenRegister, tmp_path: Path
) -> None:
    hamlet = sheets.hamlet_named(register, "Bản Nậm Tăm")
    done = printing.print_pledges(register, tmp_path / "xem.pdf", hamlet=hamlet, mark=False)
    codes = {pledges.household_by_code(register, c).id: c for c in ("NT-001", "NT-002")}
    assert done.marked == 0
    assert [codes[h] for h in done.household_ids] == ["NT-001", "NT-002"]
    assert _status(register, "NT-001") is PledgeStatus.NOT_PRINTED


def test_a_hamlet_is_found_without_its_kind_word_or_diacritics(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    out = tmp_path / "nam-tam.pdf"
    assert main(["print", "pledges", "--db", db, "--hamlet", "Nậm Tăm", "--out", str(out)]) == 0
    assert "Đã in 2 hộ" in capsys.readouterr().out
    texts = [flat(t) for t in page_texts(out)]
    assert any("NT-001" in t for t in texts) and not any("T2-001" in t for t in texts)
    lists = tmp_path / "chua-ky.pdf"
    args = ["report", "unsigned", "--db", db, "--hamlet", "nam tam", "--out", str(lists)]
    assert main(args) == 0
    assert "của 1 thôn/bản" in capsys.readouterr().out
    assert sheets.hamlet_named(register, "10").name == "Thôn 10"
    with pytest.raises(KnownError, match=r"hamlet\.unknown"):
        sheets.hamlet_named(register, "Thôn Nậm Tăm")  # another kind word is another hamlet


def test_a_name_two_hamlets_share_without_the_kind_word_is_refused(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_hamlet(register.writer, Hamlet(name="Thôn Nậm Tăm", kind=HamletKind.THON))
    out = tmp_path / "x.pdf"
    args = [
        "print",
        "pledges",
        "--db",
        str(register.path),
        "--hamlet",
        "nam tam",
        "--out",
        str(out),
    ]
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == (
        "camket: Có nhiều thôn/bản tên “nam tam”: Bản Nậm Tăm, Thôn Nậm Tăm; hãy ghi đủ tên."
    )
    assert not out.exists()
    assert sheets.hamlet_named(register, "Thôn Nậm Tăm").name == "Thôn Nậm Tăm"
