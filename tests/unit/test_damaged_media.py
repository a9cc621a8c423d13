"""Damaged media told apart: a damaged page, a missing table, a read-only medium and a full
disk each say what they are; nothing is written to a damaged register or half-written."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.demo import create_demo_register
from desktop.store import register as register_store
from desktop.store.backups import take_backup
from desktop.store.damage import damage_of
from tests.faults.conftest import household_list


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "camket.sqlite3"
    create_demo_register(path, households=200)
    return path


def damage_a_page(path: Path) -> None:
    """64 bytes flipped at the start of a page in the middle of the file (a failing disk)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with path.open("r+b") as fh:
        fh.seek(size * (pages // 2))
        flipped = bytes(b ^ 0xFF for b in fh.read(64))
        fh.seek(size * (pages // 2))
        fh.write(flipped)


def people(path: Path) -> int:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM household").fetchone()[0])


def test_a_damaged_page_is_named_by_check_and_nothing_writes_to_it_after(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with register_store.open_register(demo) as db:
        backup = take_backup(db, demo, "manual")
    good = demo.with_name("good.sqlite3")
    shutil.copyfile(demo, good)
    damage_a_page(demo)

    assert main(["check", "--db", str(demo)]) == 1
    out = capsys.readouterr().out
    assert "LỖI" in out
    assert "Sổ bị hỏng" in out
    assert str(backup) in out  # the backup to restore from
    damaged = demo.read_bytes()
    assert main(["sign", "--db", str(demo), "NH-0001", "--on", "05/01/2026"]) == 2
    assert "bị hỏng" in capsys.readouterr().err
    assert demo.read_bytes() == damaged

    os.replace(good, demo)  # restored: another file, which the old finding does not name
    assert damage_of(demo) is None
    assert main(["check", "--db", str(demo)]) == 0
    assert not demo.with_name("camket.sqlite3.damaged").exists()


def test_a_register_cut_short_is_named_damaged_by_check_with_its_backups(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy that stopped half-way (a stick pulled out, a disk that failed): check said
    only "Không đọc được tệp sổ đăng ký" (exit 2), naming no backup; a command that writes
    said it was damaged without saying what to do."""
    with register_store.open_register(demo) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backup = take_backup(db, demo, "manual")
    with demo.open("r+b") as fh:
        fh.truncate(demo.stat().st_size // 2)

    assert main(["check", "--db", str(demo)]) == 1
    out = capsys.readouterr().out
    assert "Sổ bị hỏng" in out and str(backup) in out  # the backup to restore from
    assert damage_of(demo) is not None
    assert main(["sign", "--db", str(demo), "NH-0001", "--on", "05/01/2026"]) == 2
    said = capsys.readouterr().err
    assert "bị hỏng" in said and "camket restore" in said


def test_a_missing_table_is_an_error_of_check(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(demo) as conn:
        conn.execute("DROP TABLE audit")
    assert main(["check", "--db", str(demo)]) == 1
    assert "thiếu bảng audit" in capsys.readouterr().out


def read_only_medium(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection made as on a CD or a write-protected USB stick (root ignores file
    permissions, so the medium is simulated where SQLite opens the file)."""

    def connect(path: Path | str) -> register_store.RegisterDatabase:
        return register_store.connect_read_only(path)

    monkeypatch.setattr(register_store, "connect", connect)


def test_a_read_only_medium_is_read_and_a_write_says_so(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo.read_bytes()
    read_only_medium(monkeypatch)
    assert main(["check", "--db", str(demo)]) == 0
    assert main(["search", "--db", str(demo), "Lò"]) == 0
    capsys.readouterr()
    assert main(["sign", "--db", str(demo), "NH-0001", "--on", "05/01/2026"]) == 2
    err = capsys.readouterr().err
    assert "chỉ đọc" in err
    assert "hỏng" not in err  # good data is not called damaged
    assert demo.read_bytes() == before


def full_disk_after(monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    """The disk fills ``pages`` pages after the file's present size: SQLite then fails with
    "database or disk is full" as on a real full disk."""
    real = register_store.connect

    def connect(path: Path | str) -> register_store.RegisterDatabase:
        db = real(path)
        used = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {used + pages}")
        return db

    monkeypatch.setattr(register_store, "connect", connect)


def test_a_full_disk_during_an_import_says_so_and_writes_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = people(demo)
    full_disk_after(monkeypatch, 3)
    listed = household_list(tmp_path / "more.csv", "PK", 300)
    assert main(["import", "--db", str(demo), str(listed)]) == 2
    assert "Ổ đĩa đã đầy" in capsys.readouterr().err
    monkeypatch.undo()
    assert people(demo) == before
    assert main(["check", "--db", str(demo)]) == 0


@pytest.mark.skipif(os.name != "posix", reason="a file size limit of the process (ulimit -f)")
def test_a_disk_too_full_for_the_shared_memory_file_is_not_called_damaged(
    demo: Path, tmp_path: Path
) -> None:
    """SQLite cannot grow the register's -shm file (SQLITE_IOERR_SHMSIZE: the disk is full,
    here a process limited to files of 16 KiB): the command says the disk is full, not that
    the register is damaged (which sends the clerk to an older backup), and marks nothing."""
    import resource
    import subprocess
    import sys

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, resource.RLIM_INFINITY))

    with contextlib.closing(sqlite3.connect(demo)) as conn:  # closed: no -shm left beside it
        (code,) = conn.execute("SELECT min(code) FROM household").fetchone()
    sign = ["sign", "--db", str(demo), code, "--on", "01/12/2026"]
    env = {**os.environ, "CAMKET_DATA_DIR": str(tmp_path / "userdata")}
    run = subprocess.run(
        [sys.executable, "-m", "desktop.cli", *sign],
        capture_output=True, text=True, env=env, preexec_fn=limited, check=False,
    )  # fmt: skip
    assert run.returncode == 2
    assert "Ổ đĩa đã đầy" in run.stderr and "hỏng" not in run.stderr, run.stderr
    assert damage_of(demo) is None
    assert main(sign) == 0  # room again: it signs


@pytest.mark.parametrize(
    "make",
    [
        lambda db: main(["demo", "--db", str(db), "--households", "300"]),
        lambda db: main(["init", "--db", str(db), "--commune", "03478", "--hamlet", "Thôn 2"]),
    ],
    ids=["demo", "init"],
)
def test_a_full_disk_while_a_register_is_made_leaves_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], int],
) -> None:
    full_disk_after(monkeypatch, 2)
    assert make(tmp_path / "camket.sqlite3") == 2
    assert "Ổ đĩa đã đầy" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "userdata") == []


def test_good_data_on_a_read_only_medium_is_not_called_damaged(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_open(_path: Path | str) -> register_store.RegisterDatabase:
        # SQLite cannot make the -shm file it needs to write beside a register on a CD.
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(register_store, "connect", cannot_open)
    monkeypatch.setattr(register_store, "writable", lambda _path: False)
    assert main(["sign", "--db", str(demo), "NH-0001", "--on", "05/01/2026"]) == 2
    err = capsys.readouterr().err
    assert f"Tệp sổ đăng ký {demo} chỉ đọc được" in err  # which file, and the way out:
    assert "Hãy chép tệp vào một thư mục ghi được" in err
    assert "nhờ người quản lý máy cho quyền ghi tệp" in err
    assert "hỏng" not in err
    assert main(["check", "--db", str(demo)]) == 0  # reading needs no writing
