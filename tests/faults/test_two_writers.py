"""Two programs writing one register at once: `camket sign` loops, an import or a print while
signing, one list imported twice at once. Each command waits for the other's write lock;
none crashes with "database is locked"."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.checks import check_register
from desktop.services.register import open_existing
from desktop.store import register as register_store
from tests.faults.conftest import (
    assert_clean,
    household_list,
    make_register,
    outcomes,
    start_runner,
)

TODAY = dt.date.today().strftime("%d/%m/%Y")


def sign_loop(db: Path, codes: list[str], *extra: str) -> list[list[str]]:
    return [["sign", "--db", str(db), code, "--on", TODAY, *extra] for code in codes]


def codes(count: int, prefix: str = "NT") -> list[str]:
    return [f"{prefix}-{n:04d}" for n in range(1, count + 1)]


def live_households(db: Path) -> list[str]:
    register = open_existing(db)
    try:
        return [r[0] for r in register.db.execute("SELECT code FROM household WHERE deleted = 0")]
    finally:
        register.close()


def test_two_sign_loops_on_one_register_wait_for_each_other(tmp_path: Path, data_dir: Path) -> None:
    db = make_register(tmp_path)
    signed = sign_loop(db, codes(40) * 3)
    absent = sign_loop(
        db, list(reversed(codes(40))) * 3, "--status", "absent", "--reason", "đi nương"
    )
    runners = [start_runner(signed, data_dir), start_runner(absent, data_dir)]
    results = [r for runner in runners for r in outcomes(runner)]

    assert_clean(results)
    assert len(results) == 240
    report = check_register(db)
    assert report.ok, report.lines()
    assert report.counts["bản cam kết"] == 40


def test_an_import_while_signing(tmp_path: Path, data_dir: Path) -> None:
    db = make_register(tmp_path)
    more = household_list(tmp_path / "more.csv", "PK", 400)
    importing = start_runner([["import", "--db", str(db), str(more)]], data_dir)
    signing = start_runner(sign_loop(db, codes(40) * 4), data_dir)

    assert_clean(outcomes(importing) + outcomes(signing))
    assert len(live_households(db)) == 440
    assert check_register(db).ok


def test_a_print_while_signing(tmp_path: Path, data_dir: Path) -> None:
    db = make_register(tmp_path)
    pdf = tmp_path / "sheets.pdf"
    printing = start_runner([["print", "pledges", "--db", str(db), "--out", str(pdf)]], data_dir)
    signing = start_runner(sign_loop(db, codes(40) * 4), data_dir)

    assert_clean(outcomes(printing) + outcomes(signing))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert check_register(db).ok


def test_the_same_list_imported_twice_at_once(tmp_path: Path, data_dir: Path) -> None:
    db = make_register(tmp_path)
    same = household_list(tmp_path / "same.csv", "PK", 300)
    runners = [start_runner([["import", "--db", str(db), str(same)]], data_dir) for _ in "ab"]

    assert_clean([r for runner in runners for r in outcomes(runner)])
    households = live_households(db)
    assert len(households) == 340
    assert len(set(households)) == 340
    assert check_register(db).ok


def test_past_the_wait_a_command_refuses_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_register(tmp_path)
    monkeypatch.setattr(register_store, "BUSY_TIMEOUT_MS", 50)  # not the clerk's 10 s
    other = sqlite3.connect(str(db), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        assert main(["sign", "--db", str(db), "NT-0001", "--on", TODAY]) == 2
        assert "đang bận" in capsys.readouterr().err
        assert main(["import", "--db", str(db), str(tmp_path / "first.csv")]) == 2
        assert "đang bận" in capsys.readouterr().err
    finally:
        other.rollback()
        other.close()
    assert main(["sign", "--db", str(db), "NT-0001", "--on", TODAY]) == 0
