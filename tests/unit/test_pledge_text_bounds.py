"""A pledge's reason, notes and witnesses, a campaign's title, a template's text, the names
of the commune's keepers, of a hamlet named at set-up and of an upper register are bounded
where they enter, as a household's are: a pasted document is refused naming the field and
nothing is written; a scan keeps a file's name, never a path or a device."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.domain.file_names import is_plain_file_name, plain_file_name
from desktop.domain.pledges import AttachmentKind, PledgeStatus
from desktop.messages import describe
from desktop.services import campaigns, checkin, settings
from desktop.services import pledges as service
from desktop.services.register import OpenRegister
from desktop.store import pledges as store

TODAY = dt.date(2026, 12, 5)


def _household(register: OpenRegister) -> str:
    found: str = register.db.execute("SELECT id FROM household WHERE code = 'NT-001'").fetchone()[0]
    return found


def _audit_lines(register: OpenRegister) -> int:
    count: int = register.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    return count


@pytest.mark.parametrize(
    ("details", "message"),
    [
        ({"reason": "Đi làm nương xa. " * 40},
         "“Lý do” dài 680 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."),
        ({"reason": "Đi làm xa", "notes": "Ghi chú. " * 600},
         "“Ghi chú” dài 5400 ký tự, quá 5000 ký tự sổ giữ; hãy viết gọn lại."),
        ({"reason": "Đi làm xa", "witnesses": "Lò Văn Pọm; " * 500},
         "“Người chứng kiến” dài 6000 ký tự, quá 5000 ký tự sổ giữ; hãy viết gọn lại."),
    ],
)  # fmt: skip
def test_a_result_whose_text_runs_past_its_bound_is_not_recorded(
    register: OpenRegister, details: dict[str, str], message: str
) -> None:
    before = _audit_lines(register)
    with pytest.raises(KnownError) as refused:
        service.record_result(
            register, _household(register), PledgeStatus.ABSENT, TODAY, today=TODAY, **details
        )
    assert describe(refused.value) == message
    assert _audit_lines(register) == before


def test_a_reason_as_long_as_its_bound_is_recorded(register: OpenRegister) -> None:
    pledge = service.record_result(
        register, _household(register), PledgeStatus.REFUSED, TODAY, reason="x" * 500, today=TODAY
    )
    assert len(pledge.reason) == 500


def test_a_campaign_title_past_its_bound_is_refused_on_the_command_line(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    count = len(store.list_campaigns(register.db))
    code = main(
        ["campaign", "new", "--db", str(register.path), "--template", "bien-gioi",
         "--title", "Toàn dân bảo vệ biên giới " * 20]
    )  # fmt: skip
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "camket: “Tên đợt” dài 519 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."
    )
    assert len(store.list_campaigns(register.db)) == count


def test_a_template_text_past_its_bound_is_not_kept(register: OpenRegister) -> None:
    first = service.current_campaign(register)
    kept = store.get_template(register.db, first.template_id, first.template_version)
    assert kept is not None
    pasted = kept.source + "\n# " + "x" * 30_000
    with pytest.raises(KnownError) as refused:
        campaigns.copy_template(register.writer, kept, pasted)
    assert describe(refused.value) == (
        f"“Nội dung mẫu” dài {len(pasted)} ký tự, quá 30000 ký tự sổ giữ; hãy viết gọn lại."
    )
    assert len(store.list_templates(register.db)) == 1


def test_a_keeper_name_past_its_bound_is_not_saved(register: OpenRegister) -> None:
    with pytest.raises(KnownError) as refused:
        settings.update_commune_staff(
            register, clerk_name="Lò Thị Mai", border_post="Đồn " * 200, border_officer=""
        )
    assert describe(refused.value) == (
        "“Đồn Biên phòng” dài 799 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."
    )
    assert register.commune.clerk_name == ""


def test_a_keeper_name_past_its_bound_makes_no_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sinho.sqlite3"
    code = main(["init", "--db", str(path), "--commune", "03478", "--clerk", "Lò Thị " * 100])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "camket: “Cán bộ phụ trách sổ” dài 699 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."
    )
    assert not path.exists()


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("ban-quet.pdf", "ban-quet.pdf"),
        ("Bản quét hộ Lò Văn Páo.pdf", "Bản quét hộ Lò Văn Páo.pdf"),
        ("..\\..\\win.ini", ".._.._win.ini"),
        ("a:b*c?.png", "a_b_c_.png"),
        ("CON.pdf", "_CON.pdf"),
        ("com1", "_com1"),
        ("nul.tar.gz", "_nul.tar.gz"),
        ("quet\x00.pdf", "quet_.pdf"),
        ("quet.pdf. ", "quet.pdf"),
        ("..", "_"),
        ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
        ("", ""),
    ],
)
def test_a_file_name_is_kept_as_a_name_never_a_path_or_a_device(name: str, kept: str) -> None:
    assert plain_file_name(name) == kept
    assert is_plain_file_name(kept)
    assert is_plain_file_name(name) == (name == kept)


def test_a_scan_picked_under_a_device_name_is_kept_under_a_plain_name(
    register: OpenRegister, tmp_path: Path
) -> None:
    scan = tmp_path / "aux.pdf"  # a name Linux takes and Windows opens as a device
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    pledge = service.pledge_for(register, _household(register))
    attached = checkin.attach_file(register, pledge, AttachmentKind.SCAN, scan)
    assert attached.file_name == "_aux.pdf"
    assert [a.file_name for a in checkin.attachments(register, pledge.id)] == ["_aux.pdf"]


def test_a_hamlet_name_past_its_bound_makes_no_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sinho.sqlite3"
    code = main(["init", "--db", str(path), "--commune", "03478", "--hamlet", "Bản " * 300])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "camket: “Tên” dài 1199 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."
    )
    assert not path.exists()


def test_an_upper_register_name_past_its_bound_makes_no_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "don.sqlite3"
    code = main(["init", "--db", str(path), "--upper", "--name", "Đồn Biên phòng " * 40])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "camket: “Tên” dài 599 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."
    )
    assert not path.exists()
