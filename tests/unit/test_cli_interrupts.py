"""A clerk at the terminal stops a command: Ctrl+C while it works, Ctrl+D at the passphrase
prompt. Each is said in a line of Vietnamese, not a traceback, and nothing is half-written."""

from __future__ import annotations

import getpass
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.services import import_lists
from desktop.services.register import OpenRegister
from desktop.store import encryption
from tests.import_files import HEADERS, PEOPLE, write_csv


def households(path: Path) -> int:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM household").fetchone()[0])


def test_ctrl_c_during_an_import_says_it_stopped_and_imports_nothing(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    register.close()
    before = households(register.path)
    real_insert = import_lists._insert_new

    def insert_then_ctrl_c(*args: Any) -> None:
        real_insert(*args)  # written in the transaction, not committed
        raise KeyboardInterrupt

    monkeypatch.setattr(import_lists, "_insert_new", insert_then_ctrl_c)
    listing = write_csv(register.path.with_name("ds.csv"), [HEADERS, *PEOPLE], "utf-8")
    assert main(["import", "--db", str(register.path), str(listing)]) == 130
    err = capsys.readouterr().err
    assert "đã dừng (Ctrl+C)" in err
    assert "Traceback" not in err
    assert households(register.path) == before


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.delenv(encryption.PASSPHRASE_ENV, raising=False)
    encryption.forget_keys()


def ctrl_d(_prompt: str = "") -> str:
    raise EOFError


def test_ctrl_d_at_the_passphrase_prompt_says_a_passphrase_is_needed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    at_a_terminal: None,
) -> None:
    monkeypatch.setattr(encryption, "KDF_ITERATIONS", 1000)
    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "bien-gioi-2026")
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 0
    monkeypatch.delenv(encryption.PASSPHRASE_ENV)
    encryption.forget_keys()
    capsys.readouterr()

    monkeypatch.setattr(getpass, "getpass", ctrl_d)
    assert main(["search", "--db", str(path), "Giàng"]) == 2
    assert "được mã hóa: cần mật khẩu" in capsys.readouterr().err


def test_ctrl_d_when_asked_a_new_passphrase_makes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    at_a_terminal: None,
) -> None:
    monkeypatch.setattr(getpass, "getpass", ctrl_d)
    path = tmp_path / "sin-ho.sqlite3"
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 2
    assert "mật khẩu" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
