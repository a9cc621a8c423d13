"""The `camket` command as a clerk or a script runs it: outputs, exit codes, refusals."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import COMMAND_GROUPS, build_parser, main, parse_arguments
from desktop.services.register import OpenRegister, open_existing


def test_init_creates_a_register_for_an_official_commune(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.sqlite3"
    code = main(
        [
            "init",
            "--db",
            str(path),
            "--commune",
            "03478",
            "--hamlet",
            "Bản Nậm Tăm",
            "--hamlet",
            "Thôn 2",
        ]
    )
    assert code == 0
    assert "Xã Sìn Hồ" in capsys.readouterr().out
    assert main(["check", "--db", str(path)]) == 0


def test_init_records_the_clerk_and_the_border_guard(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    argv = ["init", "--db", str(path), "--commune", "03478", "--hamlet", "Bản Nậm Tăm"]
    argv += ["--clerk", "Lò Thị Hoa", "--border-post", "Đồn Biên phòng Ma Ly Chải"]
    argv += ["--border-officer", "Thiếu tá Vàng A Sình"]
    assert main(argv) == 0
    register = open_existing(path)
    try:
        commune = register.commune
        assert (commune.clerk_name, commune.border_post, commune.border_officer) == (
            "Lò Thị Hoa",
            "Đồn Biên phòng Ma Ly Chải",
            "Thiếu tá Vàng A Sình",
        )
    finally:
        register.close()


def test_init_refuses_an_unknown_commune_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.sqlite3"
    assert main(["init", "--db", str(path), "--commune", "12345678"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "camket: Không có mã xã 12345678 trong danh mục đơn vị hành chính."
    assert not path.exists()


def test_init_reads_a_commune_code_that_lost_its_leading_zero(tmp_path: Path) -> None:
    # 03478 kept in a spreadsheet cell as a number comes back as 3478.
    path = tmp_path / "r.sqlite3"
    assert main(["init", "--db", str(path), "--commune", "3478"]) == 0
    register = open_existing(path)
    try:
        assert (register.commune.code, register.commune.name) == ("03478", "Xã Sìn Hồ")
    finally:
        register.close()


def _current_template(path: Path) -> str:
    from desktop.services.pledges import current_campaign

    register = open_existing(path)
    try:
        return current_campaign(register).template_id
    finally:
        register.close()


def test_init_starts_on_the_border_security_template_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lasting, covid, wrong = (tmp_path / f"{n}.sqlite3" for n in ("a", "b", "c"))
    assert main(["init", "--db", str(lasting), "--commune", "03478"]) == 0
    assert _current_template(lasting) == "bien-gioi"  # not the 2021 Covid-19 drive
    argv = ["init", "--db", str(covid), "--commune", "03478", "--template", "covid-xnc-2021"]
    assert main(argv) == 0
    assert _current_template(covid) == "covid-xnc-2021"
    capsys.readouterr()
    assert main(["init", "--db", str(wrong), "--commune", "03478", "--template", "5k"]) == 2
    assert "Không có mẫu cam kết “5k”; các mẫu có: bien-gioi@1, covid-xnc-2021@1." in (
        capsys.readouterr().err
    )
    assert not wrong.exists()


def test_init_takes_a_template_as_campaign_list_prints_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = tmp_path / "a.sqlite3"
    assert main(["init", "--db", str(listed), "--commune", "03478"]) == 0
    capsys.readouterr()
    assert main(["campaign", "list", "--db", str(listed)]) == 0
    shown = capsys.readouterr().out.split("\t")[3]  # "bien-gioi@1", as messages name it
    assert shown == "bien-gioi@1"
    again = tmp_path / "b.sqlite3"
    assert main(["init", "--db", str(again), "--commune", "03478", "--template", shown]) == 0
    assert _current_template(again) == "bien-gioi"
    newer = tmp_path / "c.sqlite3"
    argv = ["init", "--db", str(newer), "--commune", "03478", "--template", "bien-gioi@9"]
    assert main(argv) == 2
    assert "“bien-gioi@9”; các mẫu có: bien-gioi@1, covid-xnc-2021@1." in capsys.readouterr().err
    assert not newer.exists()


@pytest.mark.parametrize("name", ["", "bien-gioi@", "@1", " "])
def test_an_empty_or_malformed_template_is_refused_not_taken_for_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Before, --template "" and --template bien-gioi@ made a register on bien-gioi unsaid."""
    db = tmp_path / "a.sqlite3"
    assert main(["init", "--db", str(db), "--commune", "03478", "--template", name]) == 2
    assert f"Không có mẫu cam kết “{name}”; các mẫu có: bien-gioi@1, covid-xnc-2021@1." in (
        capsys.readouterr().err
    )
    assert not db.exists()


def test_search_json_lists_people_with_their_household(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "--db", str(register.path), "dang hoa", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 1
    hit = hits[0]
    assert {"person_id", "full_name", "birth", "id_number", "household_code", "hamlet"} <= set(hit)
    assert (hit["full_name"], hit["birth"], hit["household_code"], hit["hamlet"]) == (
        "Đặng Văn Hoà",
        "1980-03-04",
        "NT-001",
        "Bản Nậm Tăm",
    )


def test_search_text_output_and_limit(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "--db", str(register.path), "thi", "--limit", "2"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t")[:2] == ["Trần Thị Bình", "09/02/1992"]
    assert "2 kết quả" in out.err


@pytest.mark.parametrize("query", ["?!", "...", "  -- "])
def test_search_with_only_punctuation_is_refused(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    assert main(["search", "--db", str(register.path), query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("camket: Từ khoá tìm kiếm phải có chữ hoặc số")
    assert err.count("\n") == 1


def test_commands_on_a_missing_register_fail_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nowhere.sqlite3"
    for argv in (["search", "--db", str(path), "an"], ["check", "--db", str(path)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err == f"camket: Không tìm thấy tệp sổ đăng ký: {path}\n"
    assert not path.exists()


def test_commands_on_a_corrupt_file_fail_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"PK\x03\x04 not a register")
    assert main(["search", "--db", str(path), "an"]) == 2
    assert "không phải sổ đăng ký CamKet" in capsys.readouterr().err
    assert path.read_bytes() == b"PK\x03\x04 not a register"


def test_check_reports_bad_rows_and_exits_non_zero(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    register.db.execute(
        "UPDATE person SET id_number = '12AB', birth = '2090' WHERE full_name = 'Nguyễn Văn An'"
    )
    register.db.conn.commit()
    assert main(["check", "--db", str(register.path)]) == 1
    out = capsys.readouterr().out
    assert "Kiểm tra toàn vẹn SQLite: ổn" in out
    assert "Nguyễn Văn An (hộ T2-001)" in out
    assert "Số định danh: chỉ gồm chữ số" in out
    assert "Ngày sinh: ở tương lai" in out
    assert "2 lỗi" in out


def test_check_of_a_clean_register_passes(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", str(register.path)]) == 0
    out = capsys.readouterr().out
    assert "3 thôn/bản, 4 hộ, 7 nhân khẩu" in out
    assert "0 lỗi" in out


def test_check_finds_one_personal_id_held_by_two_people_an_error(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    register.db.execute(
        "UPDATE person SET id_number = '012080001234' WHERE full_name = 'Nguyễn Văn An'"
    )
    register.db.conn.commit()
    # An error, as in the editor and the import: one number is one person.
    assert main(["check", "--db", str(register.path)]) == 1
    out = capsys.readouterr().out
    assert (
        "[LỖI] nhân khẩu Đặng Văn Hoà (hộ NT-001): "
        "Số định danh: trùng với Nguyễn Văn An (hộ T2-001)"
    ) in out


def test_output_into_a_file_or_a_program_is_utf8_whatever_the_code_page(
    register: OpenRegister,
) -> None:
    # Windows gives a pipe or a redirected file its ANSI code page (cp1258, cp1252: no "ễ"):
    # `camket search --json > hits.json` read "Ho?ng V?n Xi?n", another program's JSON
    # lost every Vietnamese letter. PYTHONIOENCODING stands for that code page here.
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "search", "--json", "Hoà"],
        env={**env, "CAMKET_DATA_DIR": str(register.path.parent / "data")},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2  # no --db: the default register is not there
    assert done.stderr.decode("utf-8").startswith("camket: Không tìm thấy tệp sổ đăng ký")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop.cli",
            "search",
            "--json",
            "Hoà",
            "--db",
            str(register.path),
        ],
        env=env,
        capture_output=True,
        check=True,
    )
    names = {hit["full_name"] for hit in json.loads(done.stdout.decode("utf-8"))}
    assert names == {"Đặng Văn Hoà", "Lò Thị Hòa", "Phạm Thị Hoa"}


def test_check_names_a_household_without_a_code_by_its_head_and_hamlet(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    # A code left empty by another program (a bundle, a database tool): before, "[LỖI] hộ :
    # Mã hộ: chưa nhập" and its people "(hộ )", with nothing to find the household by.
    register.db.execute("UPDATE household SET code = '' WHERE code = 'T2-001'")
    register.db.execute("UPDATE person SET id_number = '12AB' WHERE full_name = 'Trần Thị Bình'")
    register.db.conn.commit()
    assert main(["check", "--db", str(register.path)]) == 1
    out = capsys.readouterr().out
    where = "chưa có mã, chủ hộ Nguyễn Văn An, Thôn 2"
    assert f"  [LỖI] hộ {where}: Mã hộ: chưa nhập" in out, out
    assert f"  [LỖI] nhân khẩu Trần Thị Bình (hộ {where}): Số định danh: chỉ gồm chữ số" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sign", "--db", "x.sqlite3", "DL-1"], "camket: thiếu tùy chọn --on"),
        (
            ["sign", "--db", "x.sqlite3", "DL-1", "--on", "05/01/2026", "--status", "bogus"],
            "camket: giá trị không hợp lệ cho --status: bogus"
            " (chọn một trong: absent, refused, signed)",
        ),
        (["xyz"], "camket: lệnh không có: xyz (các lệnh: init, demo, search,"),
        (
            ["demo", "--db", "x.sqlite3", "--households", "abc"],
            "camket: giá trị không hợp lệ cho --households: abc"
            " (cần một số nguyên, tối đa 18 chữ số)",
        ),
        (
            ["search", "--db", "x.sqlite3", "q", "--limit", "99999999999999999999"],
            "camket: giá trị không hợp lệ cho --limit: 99999999999999999999"
            " (cần một số nguyên từ 1 đến 1.000.000)",
        ),
        (
            ["search", "--db", "x.sqlite3", "q", "--limit", "-1"],
            "camket: giá trị không hợp lệ cho --limit: -1 (cần một số nguyên từ 1 đến 1.000.000)",
        ),
        (
            ["demo", "--db", "x.sqlite3", "--seed", "9223372036854775808"],
            "camket: giá trị không hợp lệ cho --seed: 9223372036854775808"
            " (cần một số nguyên từ 0 trở lên)",
        ),
        (
            ["print", "pledges", "--db", "x.sqlite3", "--copies", "1" + "0" * 5000, "--out", "p"],
            "camket: giá trị không hợp lệ cho --copies: 1000",
        ),
        (
            ["campaign", "new", "--db", "x.sqlite3", "--template", "t", "--target", "1e2"],
            "camket: giá trị không hợp lệ cho --target: 1e2 (cần một số nguyên, tối đa 18 chữ số)",
        ),
        (["--page", "0", "--screenshot", "x.png"], "camket: giá trị không hợp lệ cho --page: 0"),
        (["--s", "x.png"], "camket: tùy chọn --s không rõ"),
        (["--db"], "camket: tùy chọn --db cần một giá trị"),
        (["print"], "camket: thiếu lệnh (các lệnh: pledges, blank)"),
        (["sign"], "camket: thiếu tùy chọn --on và tham số CODE"),
        (["search", "q", "--bogus"], "camket: không hiểu tham số: --bogus"),
    ],
)
def test_bad_arguments_are_refused_in_vietnamese_with_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith("cách dùng: camket")
    assert lines[-2].startswith(message), captured.err
    assert lines[-1].startswith("xem camket") and lines[-1].endswith(" --help")
    assert "error" not in captured.err and "usage" not in captured.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "r.sqlite3"],
        ["--db=r.sqlite3", "--screenshot", "w.png", "--size", "800x600", "--page", "2"],
        ["--scr", "w.png", "--pa", "5"],
        ["--db", "demo"],  # a file named like a command, given to --db
    ],
)
def test_a_window_start_reads_what_the_whole_parser_reads(argv: list[str]) -> None:
    assert vars(parse_arguments(argv)) == vars(build_parser().parse_args(argv))


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_each_command_is_read_by_its_own_group_as_by_the_whole_parser() -> None:
    whole = _commands(build_parser())
    assert sorted(w for words in COMMAND_GROUPS.values() for w in words) == sorted(whole)
    for words in COMMAND_GROUPS.values():
        for word in words:
            alone = _commands(build_parser(word))
            assert sorted(alone) == sorted(words)
            assert alone[word].format_help() == whole[word].format_help()


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "--db", "r.sqlite3", "ds.xlsx", "--dry-run"],
        ["--db", "r.sqlite3", "import", "ds.csv"],
        ["movement", "add", "--kind", "tam-vang", "--guest", "Lò Văn Thô", "--from", "01/02/2026"],
        ["report", "progress", "--db", "r.sqlite3"],
        ["sign", "--db", "demo", "HO-001", "--on", "01/02/2026"],
    ],
)
def test_a_command_reads_what_the_whole_parser_reads(argv: list[str]) -> None:
    assert vars(parse_arguments(argv)) == vars(build_parser().parse_args(argv))


def test_a_command_loads_its_own_group_alone() -> None:
    import subprocess
    import sys

    script = (
        "import sys; from desktop.cli import parse_arguments;"
        " parse_arguments(['import', 'ds.xlsx']);"
        " print(' '.join(m for m in sys.modules if m.startswith('desktop.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "desktop.cli.import_command" in loaded
    for module in (
        "desktop.cli.ledger_commands",
        "desktop.domain.movements",
        "desktop.domain.pledges",
    ):
        assert module not in loaded


def test_a_mistyped_command_is_refused_naming_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["imprt", "ds.xlsx"]) == 2
    err = capsys.readouterr().err
    assert "imprt" in err and "movement, reminders" in err and "import" in err


def test_help_and_version_still_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("camket ")
    assert main(["--db", "r.sqlite3", "--help"]) == 0
    assert "camket COMMAND --help" in capsys.readouterr().out
    assert main(["sign", "--help"]) == 0
    assert "--on DD/MM/YYYY" in capsys.readouterr().out


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _parsers(sub)
    return found


def test_every_option_of_every_command_has_help_and_a_readable_metavar() -> None:
    for parser in _parsers(build_parser()):
        text = parser.format_help()
        assert "SUB_DB" not in text, parser.prog
        for action in parser._actions:
            assert action.help, f"{parser.prog} {action.option_strings or action.dest}: no help"


def test_top_level_help_names_both_reports(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    line = next(
        ln for ln in capsys.readouterr().out.splitlines() if ln.strip().startswith("report")
    )
    assert "progress" in line and "unsigned" in line


def test_output_piped_into_a_reader_that_stops_is_no_traceback(tmp_path: Path) -> None:
    # `camket conflicts --json | head -1`, `camket search … | head`: the reader closes first.
    import os
    import subprocess
    import sys

    path = tmp_path / "r.sqlite3"
    assert main(["init", "--db", str(path), "--commune", "03478", "--hamlet", "Thôn 2"]) == 0
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "CAMKET_DATA_DIR": str(tmp_path / "data")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "desktop.cli", "campaign", "list", "--db", str(path)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert b"Traceback" not in done.stderr and b"BrokenPipeError" not in done.stderr


def test_check_names_a_campaign_whose_date_it_cannot_read_as_an_error(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    """A campaign's day written by another program ('abc') is a finding naming the campaign,
    exit 1 as any error: `camket check` does not stop with a traceback."""
    db = str(register.path)
    new = ["campaign", "new", "--db", db, "--template", "bien-gioi", "--title", "Đợt xuân 2026"]
    assert main(new) == 0
    register.db.execute("UPDATE campaign SET starts_on = 'abc' WHERE title = 'Đợt xuân 2026'")
    register.db.conn.commit()
    capsys.readouterr()
    assert main(["check", "--db", db]) == 1
    out = capsys.readouterr().out
    assert "[LỖI] đợt cam kết Đợt xuân 2026: Từ ngày: “abc” không phải ngày có thật" in out
    assert "1 lỗi" in out


def test_lists_prints_and_spreadsheets_show_a_value_camket_cannot_read_as_such(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A gender 'x' and a birth 'abc' written by another program: the print, the spreadsheet
    and the search go on and show the value as unreadable; no traceback."""
    register.db.execute(
        "UPDATE person SET gender = 'x', birth = 'abc' WHERE full_name = 'Nguyễn Văn An'"
    )
    register.db.conn.commit()
    db = str(register.path)
    sheet = tmp_path / "nk.csv"
    assert main(["spreadsheet", "--db", db, "--what", "people", "--out", str(sheet)]) == 0
    (line,) = [
        x for x in sheet.read_text(encoding="utf-8-sig").splitlines() if "Nguyễn Văn An" in x
    ]
    assert ";(không đọc được: abc);" in line
    pdf = tmp_path / "p.pdf"
    assert main(["print", "pledges", "--db", db, "--household", "T2-001", "--out", str(pdf)]) == 0
    printed = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "(không đọc được: x)" in printed and "(không đọc được: abc)" in printed
    assert main(["search", "--db", db, "nguyen van an"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_printing_a_sheet_keeps_a_pledge_s_day_camket_cannot_read(
    register: OpenRegister, tmp_path: Path
) -> None:
    """Printing marks the pledge printed; a day written by another program ('abc') that no
    one entered again stays as stored (it was emptied before)."""
    db = str(register.path)
    household = "SELECT id FROM household WHERE code = 'T2-001'"
    (household_id,) = register.db.execute(household).fetchone()
    refused = ["--status", "refused", "--reason", "Không đồng ý", "--on", "05/01/2026"]
    assert main(["sign", "--db", db, "T2-001", *refused]) == 0
    register.db.execute(
        "UPDATE pledge SET signed_on = 'abc' WHERE household_id = ?", [household_id]
    )
    register.db.conn.commit()
    pdf = tmp_path / "p.pdf"
    assert main(["print", "pledges", "--db", db, "--household", "T2-001", "--out", str(pdf)]) == 0
    held = register.db.execute(
        "SELECT signed_on FROM pledge WHERE household_id = ?", [household_id]
    )
    assert held.fetchone() == ("abc",)


def test_a_campaign_title_a_spreadsheet_takes_for_a_formula_is_refused(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a hamlet's name: '=1+1' would run as a formula in the exported spreadsheets."""
    db = str(register.path)
    new = ["campaign", "new", "--db", db, "--template", "bien-gioi", "--title", "=1+1"]
    assert main(new) != 0
    assert "Tên đợt cam kết “=1+1” bắt đầu bằng =, +, - hoặc @" in capsys.readouterr().err
    assert main(["campaign", "list", "--db", db]) == 0
    assert "=1+1" not in capsys.readouterr().out
