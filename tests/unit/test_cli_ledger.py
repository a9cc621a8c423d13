"""`camket movement`, `reminders`, `tip` and `search --json` presence as a script runs them."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.register import OpenRegister
from tests.golden.pdf_facts import flat, page_texts


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _day(days_ago: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days_ago)).strftime("%d/%m/%Y")


def test_movement_add_list_end_and_presence_in_search(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    code, out, _ = _run(
        capsys, "movement", "add", "--db", db, "--kind", "tam-vang", "--person", "012080001234",
        "--from", _day(30), "--place", "TP Hà Nội", "--reason", "đi làm ăn",
    )  # fmt: skip
    assert code == 0
    movement_id = out.strip()
    code, out, _ = _run(capsys, "search", "--db", db, "dang van hoa", "--json")
    assert [hit["presence"] for hit in json.loads(out)] == ["away"]
    code, out, _ = _run(capsys, "movement", "list", "--db", db, "--open", "--json")
    (item,) = json.loads(out)
    assert set(item) == {
        "movement_id", "kind", "person_id", "full_name", "household_code", "hamlet", "from",
        "until", "ended_on", "place", "country", "gate", "reason", "border_belt",
    }  # fmt: skip
    assert (item["movement_id"], item["kind"], item["full_name"], item["household_code"]) == (
        movement_id,
        "tam-vang",
        "Đặng Văn Hoà",
        "NT-001",
    )
    assert _run(capsys, "movement", "end", movement_id, "--db", db, "--on", _day(1))[0] == 0
    assert json.loads(_run(capsys, "movement", "list", "--db", db, "--open", "--json")[1]) == []
    code, out, _ = _run(capsys, "search", "--db", db, "dang van hoa", "--json")
    assert json.loads(out)[0]["presence"] == "present"


def test_a_guest_without_a_gate_and_the_reminders(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    code, out, err = _run(
        capsys, "movement", "add", "--db", db, "--kind", "luu-tru", "--guest", "Lý Văn Páo",
        "--host", "NT-002", "--nationality", "Trung Quốc", "--birth-year", "1990",
        "--from", _day(2), "--until", _day(-3),
    )  # fmt: skip
    assert code == 0, err
    guest_id = out.strip()
    code, out, _ = _run(
        capsys, "movement", "add", "--db", db, "--kind", "ve-tu-nuoc-ngoai", "--person",
        "012075000111", "--from", _day(3), "--country", "Trung Quốc", "--trail",
    )  # fmt: skip
    arrival_id = out.strip()
    code, out, _ = _run(capsys, "reminders", "--db", db, "--json")
    due = {(r["reason"], r["movement_id"]) for r in json.loads(out)}
    assert ("khach_nuoc_ngoai_chua_bao", guest_id) in due
    assert ("nhap_canh_khong_qua_cua_khau", arrival_id) in due
    code, out, _ = _run(capsys, "reminders", "--db", db)
    assert "Hộ chưa ký cam kết đợt đang thực hiện: 4 hộ" in out
    code, out, _ = _run(capsys, "movement", "list", "--db", db, "--kind", "ve-tu-nuoc-ngoai")
    assert "đường mòn, lối mở" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "tam-vang", "--person", "012080001234", "--from", "05/01/2026",
          "--until", "04/01/2026"], "Ngày kết thúc 04/01/2026 trước ngày bắt đầu 05/01/2026"),
        (["--kind", "luu-tru", "--guest", "A B", "--host", "NT-001", "--from", "01/01/2026",
          "--until", "31/01/2026"], "hãy ghi là tạm trú"),
        (["--kind", "tam-tru", "--person", "012080001234", "--from", "01/01/2026",
          "--until", "02/01/2028"], "tối đa 2 năm"),
        (["--kind", "sinh", "--person", "999999999999", "--from", "01/01/2026"],
         "Không có người nào trong sổ"),
        (["--kind", "bay-di", "--person", "012080001234", "--from", "01/01/2026"],
         "Không có loại biến động “bay-di”"),
        (["--kind", "chet", "--guest", "A B", "--host", "NT-001", "--from", "01/01/2026"],
         "chỉ lưu trú mới ghi cho khách ngoài sổ"),
    ],
)  # fmt: skip
def test_bad_movements_are_refused_and_nothing_is_written(
    register: OpenRegister,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    code, _, err = _run(capsys, "movement", "add", "--db", str(register.path), *args)
    assert code == 2
    assert message in err
    assert register.db.execute("SELECT count(*) FROM movement").fetchone()[0] == 0


def test_after_a_death_and_over_an_open_tạm_vắng(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    person = ["--person", "012075000111"]
    assert _run(capsys, "movement", "add", "--db", db, "--kind", "tam-vang", *person,
                "--from", "01/03/2026")[0] == 0  # fmt: skip
    code, _, err = _run(
        capsys, "movement", "add", "--db", db, "--kind", "tam-vang", *person, "--from", "01/04/2026"
    )
    assert (code, "đang có tạm vắng từ 01/03/2026" in err) == (2, True)
    assert _run(capsys, "movement", "add", "--db", db, "--kind", "chet", *person,
                "--from", "01/05/2026")[0] == 0  # fmt: skip
    code, _, err = _run(
        capsys, "movement", "add", "--db", db, "--kind", "chuyen-di", *person,
        "--from", "02/05/2026",
    )  # fmt: skip
    assert (code, "đã chết ngày 01/05/2026" in err) == (2, True)


def test_a_guest_in_the_border_belt_and_an_edit(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    code, out, err = _run(
        capsys, "movement", "add", "--db", db, "--kind", "luu-tru", "--guest", "Lò Văn Sáng",
        "--host", "NT-002", "--from", _day(2), "--until", _day(-3), "--border-belt",
    )  # fmt: skip
    assert code == 0, err
    stay = out.strip()
    code, out, _ = _run(capsys, "reminders", "--db", db, "--json")
    assert ("vanh_dai_chua_bao_bien_phong", stay) in {
        (r["reason"], r["movement_id"]) for r in json.loads(out)
    }
    code, out, err = _run(
        capsys, "movement", "edit", stay, "--db", db, "--until", _day(-40), "--no-border-belt"
    )
    assert (code, "từ 30 ngày trở lên" in err) == (2, True)
    code, out, err = _run(
        capsys, "movement", "edit", stay, "--db", db, "--nationality", "Lào",
        "--permit", "GP 15/CAT-PA72", "--reason", "thăm người thân",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = _run(capsys, "movement", "list", "--db", db, "--json")
    (item,) = json.loads(out)
    assert (item["reason"], item["border_belt"], item["until"]) == (
        "thăm người thân",
        True,
        (dt.date.today() + dt.timedelta(days=3)).isoformat(),
    )
    code, _, err = _run(capsys, "movement", "edit", "nope", "--db", db, "--reason", "x")
    assert (code, "Không có biến động mã nope" in err) == (2, True)


def test_tips_never_print_the_informant(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    code, out, err = _run(
        capsys, "tip", "add", "--db", db, "--at", "04/12/2026 21:30", "--place", "Mốc 79",
        "--about", "Người lạ mặt", "--people", "3", "--informant", "Vàng A Sử",
        "--phone", "0912345678",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = _run(capsys, "tip", "list", "--db", db)
    assert "Mốc 79" in out and "Vàng A Sử" not in out and "0912345678" not in out
    code, out, _ = _run(capsys, "tip", "list", "--db", db, "--json")
    (item,) = json.loads(out)
    assert (item["people"], item["anonymous"]) == (3, False)
    assert "Vàng A Sử" not in out
    code, _, err = _run(
        capsys, "tip", "add", "--db", db, "--at", "04/12/2026", "--place", "x", "--about", "y"
    )
    assert code == 2 and "ngày/tháng/năm giờ:phút" in err


def test_report_movements_pdf_and_csv_never_name_the_informant(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(register.path)
    for args in (
        ["--kind", "tam-vang", "--person", "012080001234", "--from", "05/11/2026",
         "--place", "TP Hà Nội"],
        ["--kind", "luu-tru", "--guest", "Vương Lập Quân", "--host", "NT-002",
         "--nationality", "Trung Quốc", "--from", "10/11/2026", "--until", "12/11/2026"],
        ["--kind", "chuyen-di", "--person", "012075000111", "--from", "01/10/2026"],
    ):  # fmt: skip
        assert _run(capsys, "movement", "add", "--db", db, *args)[0] == 0
    _run(
        capsys, "tip", "add", "--db", db, "--at", "12/11/2026 21:30", "--place", "Mốc 79",
        "--about", "Người lạ mặt", "--informant", "Vàng A Sử", "--phone", "0912345678",
    )  # fmt: skip
    pdf, table = tmp_path / "bd.pdf", tmp_path / "bd.csv"
    code, out, err = _run(
        capsys, "report", "movements", "--db", db, "--from", "01/11/2026", "--to", "30/11/2026",
        "--out", str(pdf), "--csv", str(table),
    )  # fmt: skip
    assert code == 0, err
    assert "Tạm vắng\t1" in out and "Chuyển đi\t0" in out and "Tin báo\t1" in out
    text = flat(" ".join(page_texts(pdf.read_bytes())))
    assert "Số: /BC-UBND" in text
    assert "BÁO CÁO Tình hình biến động dân cư từ ngày 01/11/2026 đến ngày 30/11/2026" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lai Châu" in text
    # Who reports, as the heading says (ỦY BAN NHÂN DÂN XÃ SÌN HỒ), the unit in lower case
    # inside the sentence: "…biên giới, Xã Sìn Hồ báo cáo" before.
    assert "biên giới, Ủy ban nhân dân xã Sìn Hồ báo cáo tình hình từ ngày 01/11/2026" in text
    assert "Vương Lập Quân" in text and "Người lạ mặt 1" in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in text
    assert "Vàng A Sử" not in text and "0912345678" not in text
    rows = list(csv.reader(table.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["Loại", "Họ và tên", "Mã hộ"]
    assert [r[1] for r in rows[1:]] == ["Đặng Văn Hoà", "Vương Lập Quân"]
    book = tmp_path / "bd.xlsx"  # the same list as an Excel workbook
    code, _, err = _run(
        capsys, "report", "movements", "--db", db, "--from", "01/11/2026", "--to", "30/11/2026",
        "--csv", str(book),
    )  # fmt: skip
    assert code == 0, err
    import openpyxl

    sheet = openpyxl.load_workbook(book).active
    assert [c.value for c in sheet[1]][:3] == ["Loại", "Họ và tên", "Mã hộ"]
    assert [sheet.cell(r, 2).value for r in (2, 3)] == ["Đặng Văn Hoà", "Vương Lập Quân"]
    code, _, err = _run(
        capsys, "report", "movements", "--db", db, "--from", "30/11/2026", "--to", "01/11/2026"
    )
    assert code == 2 and "trước ngày bắt đầu" in err


def test_a_place_pasted_whole_prints_cut_short_in_the_report_and_the_sheet(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A place thousands of characters long made a table row taller than the page:
    # reportlab's LayoutError, a traceback and no report at all. (The ledger now keeps 500
    # characters a line; a register written before holds longer ones.)
    db = str(register.path)
    place = "Đi làm ăn xa ở tỉnh bạn, " * 400
    assert _run(
        capsys, "movement", "add", "--db", db, "--kind", "tam-vang", "--person", "012080001234",
        "--from", "05/11/2026", "--place", "Hà Nội",
    )[0] == 0  # fmt: skip
    register.db.execute("UPDATE movement SET place = ?", [place])
    register.db.execute("UPDATE household SET address = ? WHERE code = 'NT-001'", [place])
    register.db.conn.commit()
    report, sheet = tmp_path / "bd.pdf", tmp_path / "ho.pdf"
    code, _, err = _run(
        capsys, "report", "movements", "--db", db, "--from", "01/11/2026", "--to", "30/11/2026",
        "--out", str(report),
    )  # fmt: skip
    assert code == 0, err
    text = flat(" ".join(page_texts(report.read_bytes())))
    assert "Đi làm ăn xa ở tỉnh bạn, Đi làm ăn" in text and "…" in text
    code, _, err = _run(
        capsys, "print", "pledges", "--db", db, "--household", "NT-001", "--out", str(sheet)
    )
    assert code == 0, err
    assert "Đi làm ăn xa ở tỉnh bạn" in flat(" ".join(page_texts(sheet.read_bytes())))


def test_a_reversed_period_is_refused_by_the_list_as_by_the_report(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    period = ["--from", "31/12/2026", "--to", "01/01/2026"]
    listed = _run(capsys, "movement", "list", "--db", db, *period)
    reported = _run(capsys, "report", "movements", "--db", db, *period)
    assert listed[0] == reported[0] != 0
    assert "Ngày kết thúc 01/01/2026 trước ngày bắt đầu 31/12/2026" in listed[2]
    assert listed[1:] == reported[1:]


def test_an_edit_names_the_movement_by_its_kind_as_the_list_does(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: 'Đã sửa chết …', the kind lowered into a verb ('fixed dead')."""
    db = str(register.path)
    code, out, err = _run(
        capsys, "movement", "add", "--db", db, "--kind", "chet", "--person", "012080001234",
        "--from", _day(3),
    )  # fmt: skip
    assert code == 0, err
    death = out.strip()
    code, out, err = _run(capsys, "movement", "edit", death, "--db", db, "--reason", "bệnh")
    assert (code, out.strip()) == (0, f"Đã sửa Chết {death}."), err


@pytest.mark.parametrize("at", ["06/12/2026 25:00", "06/12/2026 21:75"])
def test_a_tip_at_an_hour_that_does_not_exist_names_the_hour_not_the_day(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], at: str
) -> None:
    db = str(register.path)
    code, _, err = _run(
        capsys, "tip", "add", "--db", db, "--at", at, "--place", "Mốc 79", "--about", "Người lạ"
    )
    assert code != 0
    assert f"Giờ không có thật (giờ từ 0 đến 23, phút từ 00 đến 59): “{at}”" in err
    assert "Ngày không có thật" not in err


def test_a_kind_is_taken_as_the_lists_word_it(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    # `movement list` prints "Tạm vắng"; typed back into --kind it was refused ("Không có
    # loại biến động “Tạm vắng”; các loại: tam-tru, tam-vang, …").
    from desktop.domain.movements import KIND_LABELS, MovementKind

    assert all(MovementKind.from_word(label) is kind for kind, label in KIND_LABELS.items())
    db = str(register.path)
    code, out, err = _run(
        capsys, "movement", "add", "--db", db, "--kind", "Tạm vắng", "--person", "012080001234",
        "--from", _day(3),
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = _run(capsys, "movement", "list", "--db", db, "--kind", "TẠM VẮNG")
    assert out.startswith("Tạm vắng\tĐặng Văn Hoà")
    code, _, err = _run(capsys, "movement", "list", "--db", db, "--kind", "Tạm")
    assert code == 2 and "Không có loại biến động “Tạm”; các loại: tam-tru, tam-vang" in err
