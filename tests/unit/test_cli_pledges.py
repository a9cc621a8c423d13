"""`camket sign` and `camket report progress` as a clerk or a script runs them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.register import OpenRegister


def _audit_count(reg: OpenRegister) -> int:
    return int(reg.db.execute("SELECT count(*) FROM audit").fetchone()[0])


def test_sign_records_the_named_member(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    assert main(["sign", "--db", db, "NT-001", "--on", "05/01/2026", "--signer", "lo thi hoa"]) == 0
    assert capsys.readouterr().out.strip() == (
        "Hộ NT-001: đã ký ngày 05/01/2026, người ký Lò Thị Hòa"
    )
    assert main(["report", "progress", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Toàn dân" in lines[0]
    assert lines[2].split("\t")[:3] == ["Bản Nậm Tăm", "2", "1"]
    assert lines[-1].split("\t")[:3] == ["Toàn xã", "4", "1"]


def test_sign_absent_with_a_reason_and_report_csv(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(register.path)
    args = ["sign", "--db", db, "T2-001", "--on", "5/1/2026", "--status", "absent"]
    assert main([*args, "--reason", "đi làm ăn xa"]) == 0
    assert "vắng mặt" in capsys.readouterr().out
    out = tmp_path / "p.csv"
    assert main(["report", "progress", "--db", db, "--csv", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[2][:5] == ["Thôn 2", "1", "0", "0", "1"]
    # Named .xlsx, an Excel workbook, as `report movements --csv` and `spreadsheet` write
    # it; before, CSV text in a file named .xlsx, which Excel refuses to open.
    import openpyxl

    book = tmp_path / "p.xlsx"
    assert main(["report", "progress", "--db", db, "--csv", str(book)]) == 0
    sheet = openpyxl.load_workbook(book).active
    assert sheet is not None
    assert [c.value for c in sheet[3]][:5] == ["Thôn 2", 1, 0, 0, 1]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["XX-1", "--on", "05/01/2026"], "Không có hộ mã XX-1 trong sổ."),
        (["NT-001", "--on", "2026-01-05"], "Ngày phải có dạng ngày/tháng/năm"),
        (["NT-001", "--on", "01/01/2099"], "Ngày 01/01/2099 ở tương lai"),
        (["NT-001", "--on", "05/01/2026", "--signer", "Giàng A Páo"], "không có thành viên"),
        (["NT-001", "--on", "05/01/2026", "--status", "refused"], "Hãy ghi lý do"),
    ],
)
def test_sign_refuses_bad_input_and_changes_nothing(
    register: OpenRegister,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    before = _audit_count(register)
    assert main(["sign", "--db", str(register.path), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("camket: ")
    assert message in err
    assert _audit_count(register) == before


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".txt"])
def test_a_report_csv_named_as_neither_csv_nor_xlsx_is_refused_before_any_work(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    # As camket spreadsheet refuses it. Before, CSV text was written into "p.xls" (Excel
    # warns its content does not match its name) and "p.ods" (LibreOffice cannot open it).
    db = str(register.path)
    out, pdf = tmp_path / f"p{suffix}", tmp_path / "p.pdf"
    for args in (
        ["report", "progress", "--csv", str(out), "--out", str(pdf)],
        ["report", "movements", "--from", "01/01/2026", "--to", "31/01/2026", "--csv", str(out)],
    ):
        assert main([*args, "--db", db]) == 2
        assert capsys.readouterr().err == f"camket: Bảng tính phải là tệp .csv hoặc .xlsx: {out}\n"
    assert not out.exists() and not pdf.exists()


def test_report_to_an_unwritable_csv_is_refused(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "missing-folder" / "p.csv"
    assert main(["report", "progress", "--db", str(register.path), "--csv", str(out)]) == 2
    assert "Không ghi được tệp" in capsys.readouterr().err


def test_sign_takes_the_scanned_qr_text_and_refuses_another_communes(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.domain.pledges import QrPayload
    from desktop.services import pledges

    campaign = pledges.current_campaign(register).id
    hid = pledges.household_by_code(register, "T10-001").id
    db = str(register.path)
    ours = QrPayload(register.commune.code, campaign, hid).text()
    assert main(["sign", "--db", db, ours, "--on", "05/01/2026"]) == 0
    assert capsys.readouterr().out.startswith("Hộ T10-001: đã ký")
    theirs = QrPayload("00004", campaign, hid).text()
    assert main(["sign", "--db", db, theirs, "--on", "05/01/2026"]) == 2
    assert "xã khác" in capsys.readouterr().err


def test_campaign_new_list_and_use(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    args = [
        "campaign",
        "new",
        "--db",
        db,
        "--template",
        "covid-xnc-2021",
        "--title",
        "Phòng dịch 2026",
    ]
    assert main([*args, "--from", "01/03/2026", "--to", "30/06/2026", "--target", "90"]) == 0
    assert capsys.readouterr().out.startswith("Đã bắt đầu đợt “Phòng dịch 2026”: ")
    assert main(["campaign", "list", "--db", db]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(m, title) for m, _id, title, *_ in lines] == [
        ("*", "Phòng dịch 2026"),
        ("", lines[1][2]),
    ]
    assert lines[0][3:6] == ["covid-xnc-2021@1", "01/03/2026 – 30/06/2026", "chỉ tiêu 90 %"]
    assert lines[0][6] == "đã ký 0/4 hộ (0,0 %)"

    first_id = lines[1][1]
    assert main(["campaign", "use", "--db", db, first_id[:8]]) == 0
    assert "Toàn dân tham gia bảo vệ chủ quyền" in capsys.readouterr().out
    assert main(["report", "progress", "--db", db]) == 0
    assert "Toàn dân tham gia bảo vệ chủ quyền" in capsys.readouterr().out.splitlines()[0]


def test_campaign_use_takes_the_template_id_of_a_single_campaign(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    for _ in range(2):
        assert main(["campaign", "new", "--db", db, "--template", "covid-xnc-2021"]) == 0
    assert main(["campaign", "use", "--db", db, "bien-gioi"]) == 0
    assert "Toàn dân tham gia bảo vệ chủ quyền" in capsys.readouterr().out
    before = _audit_count(register)
    assert main(["campaign", "use", "--db", db, "covid-xnc-2021@1"]) == 2
    assert "Có 2 đợt cam kết ứng với covid-xnc-2021@1" in capsys.readouterr().err
    assert _audit_count(register) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["new", "--template", "khong-co"], "Không có mẫu cam kết “khong-co”; các mẫu có:"),
        (["new", "--template", "bien-gioi@7"], "bien-gioi@1"),
        (["new", "--template", "bien-gioi", "--target", "0"], "Chỉ tiêu phải từ 1 đến 100"),
        (
            ["new", "--template", "bien-gioi", "--from", "02/03/2026", "--to", "01/03/2026"],
            "Ngày kết thúc 01/03/2026 trước ngày bắt đầu 02/03/2026",
        ),
        (["use", "zzz"], "Không có đợt cam kết mã zzz"),
    ],
)
def test_campaign_refuses_bad_input_and_changes_nothing(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    before = _audit_count(register)
    action, *rest = extra
    assert main(["campaign", action, "--db", str(register.path), *rest]) == 2
    assert message in capsys.readouterr().err
    assert _audit_count(register) == before


def test_sign_refuses_a_date_before_the_campaign_started(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.services.campaigns import start_campaign
    from desktop.services.pledges import current_campaign
    from desktop.store.pledges import get_template

    first = current_campaign(register)
    template = get_template(register.db, first.template_id, first.template_version)
    assert template is not None
    start_campaign(register.writer, template, title="Đợt 2", starts_on=dt.date(2025, 12, 1))
    before = _audit_count(register)
    assert main(["sign", "--db", str(register.path), "NT-001", "--on", "01/01/1990"]) == 2
    err = capsys.readouterr().err
    assert "01/01/1990" in err and "01/12/2025" in err
    assert _audit_count(register) == before
    assert main(["sign", "--db", str(register.path), "NT-001", "--on", "01/12/2025"]) == 0


def test_a_signed_households_replacement_sheet_is_not_reported_as_marked_printed(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(register.path)
    assert main(["sign", "--db", db, "NT-001", "--on", "05/01/2026"]) == 0
    out = tmp_path / "thay.pdf"
    args = ["print", "pledges", "--db", db, "--household", "NT-001", "--household", "NT-002"]
    assert main([*args, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    # NT-002 now awaits its sheet; NT-001 stays signed and is not counted as printed.
    assert printed.strip().endswith("; 1 hộ được ghi là đã in")
    assert main(["report", "progress", "--db", db]) == 0
    total = capsys.readouterr().out.splitlines()[-1].split("\t")
    assert total[:3] == ["Toàn xã", "4", "1"] and total[5] == "1"
