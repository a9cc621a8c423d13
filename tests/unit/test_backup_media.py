"""Backups on hostile media: a full disk, a write-protected stick, a copy or a restore killed
or failing half-way. Each says what happened in Vietnamese, and the register stays whole."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.services.register import OpenRegister
from desktop.store import backups
from desktop.store.backups import take_backup
from desktop.store.register import open_register
from desktop.store.restore import restore_backup
from tests.unit.test_window_lock import dead_pid


def households(path: Path) -> int:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM household").fetchone()[0])


def test_a_backup_to_a_full_stick_says_the_disk_is_full_and_leaves_nothing(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = register.path.parent / "usb"
    usb.mkdir()
    real_connect = backups.connect_file

    def small_stick(path: Any, key: Any = None, **options: Any) -> Any:
        conn = real_connect(path, key, **options)
        conn.execute("PRAGMA max_page_count = 3")  # SQLite's own "database or disk is full"
        return conn

    monkeypatch.setattr(backups, "connect_file", small_stick)
    register.close()
    assert main(["backup", "--db", str(register.path), "--out", str(usb)]) == 2
    err = capsys.readouterr().err
    assert "ổ đĩa đã đầy" in err
    assert "disk is full" not in err
    assert list(usb.iterdir()) == []


def test_a_backup_to_a_write_protected_stick_says_so_without_a_traceback(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = (register.path.parent / "usb").resolve()
    usb.mkdir()
    real_access, real_unlink = os.access, Path.unlink
    real_connect = backups.connect_file

    # Root ignores file modes: the medium is simulated where the system would refuse.
    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if mode & os.W_OK and Path(path).resolve().is_relative_to(usb):
            return False
        return bool(real_access(path, mode, **kwargs))

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.resolve().is_relative_to(usb):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real_unlink(self, missing_ok=missing_ok)

    def connect(path: Any, key: Any = None, **options: Any) -> Any:
        if Path(path).resolve().is_relative_to(usb):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(path, key, **options)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(backups, "connect_file", connect)
    register.close()
    assert main(["backup", "--db", str(register.path), "--out", str(usb)]) == 2
    assert "không cho ghi" in capsys.readouterr().err


def test_a_stick_pulled_out_during_a_backup_is_said_so(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = register.path.parent / "usb"
    usb.mkdir()
    real_connect = backups.connect_file

    def pulled_out(path: Any, key: Any = None, **options: Any) -> Any:
        conn = real_connect(path, key, **options)
        shutil.rmtree(usb)  # the copy goes on into a file no folder holds any more
        return conn

    monkeypatch.setattr(backups, "connect_file", pulled_out)
    register.close()
    assert main(["backup", "--db", str(register.path), "--out", str(usb)]) == 2
    err = capsys.readouterr().err
    assert "không còn nữa (USB đã bị rút ra?)" in err


def test_a_copy_left_by_a_killed_backup_is_removed_by_the_next_one(
    register: OpenRegister,
) -> None:
    usb = register.path.parent / "usb"
    usb.mkdir()
    killed = usb / f".sinho-20261205-101010.sqlite3.{dead_pid()}-0a1b2c3d.part"
    killed.write_bytes(b"\0" * 4096)  # a whole register's size, hidden on the stick
    journal = Path(f"{killed}-journal")  # SQLite's, of the copy being written
    journal.write_bytes(b"\0" * 512)
    running = usb / f".sinho-20261205-101011.sqlite3.{os.getpid()}-0a1b2c3d.part"
    running.write_bytes(b"\0" * 4096)  # another copy still being written

    copy = backups.backup_to(register.db, register.path, usb)
    assert not killed.exists() and not journal.exists()
    assert running.exists()
    assert sorted(usb.iterdir()) == sorted([copy, running])

    folder_copy = take_backup(register.db, register.path, "manual")
    left = folder_copy.parent / f".{folder_copy.name}.{dead_pid()}-0a1b2c3d.part"
    left.write_bytes(b"\0" * 4096)
    take_backup(register.db, register.path, "manual")
    assert not left.exists()


def test_a_restore_failing_at_its_last_step_leaves_the_damaged_register_in_place(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A damaged register (the usual reason for a restore) cannot be written over in place:
    # it is replaced whole, in one rename.
    copy = take_backup(register.db, register.path, "manual")
    before = households(register.path)
    register.close()
    with register.path.open("r+b") as fh:
        fh.write(b"\0" * 100)  # its header gone: "file is not a database"
    damaged = register.path.read_bytes()
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        # The same point as a kill -9 there: the backup's copy is whole, not yet in place.
        if Path(dst) == register.path:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KnownError) as refused:
        restore_backup(copy, register.path)
    assert refused.value.code == "backup.restore_failed"
    assert register.path.read_bytes() == damaged  # as it was: not missing, not half restored
    assert [p.name for p in register.path.parent.glob(".*.part")] == []
    assert list(register.path.parent.glob("*.replaced-*")) == []

    monkeypatch.setattr(os, "replace", real_replace)
    aside = restore_backup(copy, register.path)
    assert households(register.path) == before
    assert aside is not None and aside.read_bytes() == damaged


CLERK_LATER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
conn.execute("SELECT count(*) FROM commune").fetchone()  # opened before the restore
print("open", flush=True)
sys.stdin.readline()  # the restore is done
conn.execute("UPDATE commune SET clerk_name = 'Lò Thị Hoa'")
conn.close()
"""


def clerk(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return str(conn.execute("SELECT clerk_name FROM commune").fetchone()[0])


def test_a_program_that_had_the_register_open_writes_into_the_restored_register(
    register: OpenRegister,
) -> None:
    # A `camket sign` of a script beside the window: its write after the restore went into
    # the file moved aside, while it said it was saved.
    copy = take_backup(register.db, register.path, "manual")
    register.db.execute("DELETE FROM person")
    register.db.execute("DELETE FROM household")
    register.close()
    with subprocess.Popen(
        [sys.executable, "-c", CLERK_LATER, str(register.path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    ) as script:  # fmt: skip
        assert script.stdin is not None and script.stdout is not None
        assert script.stdout.readline().strip() == "open"
        aside = restore_backup(copy, register.path)
        script.stdin.write("\n")
        script.stdin.flush()
        assert script.wait(timeout=30) == 0
    assert households(register.path) == 4  # restored
    assert clerk(register.path) == "Lò Thị Hoa"  # and the script's write on top of it
    assert aside is not None and households(aside) == 0  # the register as it was
    assert clerk(aside) != "Lò Thị Hoa"


def test_the_sample_data_or_another_communes_register_is_not_restored_over_this_one(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.services.demo import create_demo_register
    from desktop.services.register import create_register

    register.close()
    sample = register.path.with_name("du-lieu-mau.sqlite3")  # the wizard's, in the data folder
    create_demo_register(sample, households=5)
    neighbour = register.path.with_name("muong-te.sqlite3")
    create_register(neighbour, "03445", ["Bản Pa Ủ"])  # Xã Mường Tè: another commune
    before = register.path.read_bytes()
    for wrong, said in ((sample, "dữ liệu mẫu"), (neighbour, "Mường Tè")):
        assert main(["restore", str(wrong), "--db", str(register.path)]) == 2
        assert said in capsys.readouterr().err
    assert register.path.read_bytes() == before
    assert list(register.path.parent.glob("*.replaced-*")) == []


def test_an_upper_register_and_a_commune_register_are_not_restored_over_each_other(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An upper-level register holds the commune too: sharing a commune does not make it a
    backup of the commune's register, nor the commune's a backup of it."""
    bundle = tmp_path / "sin-ho.camket"
    register.close()
    assert main(["export", "--db", str(register.path), "--out", str(bundle)]) == 0
    upper = tmp_path / "don-bien-phong.sqlite3"
    assert (
        main(["init", "--db", str(upper), "--upper", "--name", "Đồn Biên phòng Ma Lù Thàng"]) == 0
    )
    assert main(["merge", "--db", str(upper), str(bundle)]) == 0
    capsys.readouterr()
    before = {path: path.read_bytes() for path in (register.path, upper)}

    assert main(["restore", str(upper), "--db", str(register.path)]) == 2
    assert "là sổ cấp trên “Đồn Biên phòng Ma Lù Thàng”" in capsys.readouterr().err
    assert main(["restore", str(register.path), "--db", str(upper)]) == 2
    assert "không phải bản sao lưu của sổ cấp trên" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in before} == before
    assert list(tmp_path.glob("*.replaced-*")) == []


def test_a_register_marked_damaged_takes_writes_again_once_restored(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.store.damage import damage_of
    from tests.unit.test_damaged_media import damage_a_page

    copy = take_backup(register.db, register.path, "manual")
    register.close()
    damage_a_page(register.path)
    assert main(["check", "--db", str(register.path)]) == 1
    assert damage_of(register.path) is not None
    assert main(["restore", str(copy), "--db", str(register.path)]) == 0
    assert damage_of(register.path) is None  # the copy put back is sound
    capsys.readouterr()
    assert main(["check", "--db", str(register.path)]) == 0
    assert main(["sign", "--db", str(register.path), "NT-001", "--on", "05/01/2026"]) == 0


def test_no_backup_is_kept_of_a_register_replaced_while_it_was_copied(
    register: OpenRegister,
) -> None:
    # `camket backup` (or a command's daily copy) read the plain register while
    # `camket encrypt` put the encrypted one in its place: kept, the copy would be a plain
    # backup of an encrypted register, made after encrypt had encrypted its backups.
    path = register.path
    register.close()
    copying = open_register(path)
    other = path.with_name("encrypted-in-its-place.sqlite3")
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(other)) as copy:
        source.backup(copy)
    os.replace(other, path)
    usb = path.parent / "usb"
    usb.mkdir()
    try:
        for copy_it in (
            lambda: take_backup(copying, path, "manual"),
            lambda: backups.backup_to(copying, path, usb),
        ):
            with pytest.raises(KnownError) as refused:
                copy_it()
            assert refused.value.code == "db.replaced"
    finally:
        copying.close()
    assert list(backups.backup_folder(path).glob("*.sqlite3")) == []
    assert list(usb.iterdir()) == []
