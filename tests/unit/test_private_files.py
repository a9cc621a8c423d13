"""A register holds personal data: on a POSIX system the register, its automatic backups,
the folders that hold them, a copy made with `camket backup --out` and every file written
for the clerk (bundle, spreadsheet, PDF) are the user's alone, whatever the umask lets other
programs' files be."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.register import OpenRegister, open_existing
from desktop.store.backups import backup_folder

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The usual 022: files 0644 and folders 0755 unless asked otherwise."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def test_the_register_its_backups_and_their_folders_are_the_users_alone(
    tmp_path: Path, usual_umask: None
) -> None:
    register = tmp_path / "sinho.sqlite3"
    assert main(["init", "--db", str(register), "--commune", "03478", "--hamlet", "Bản A"]) == 0
    assert _mode(register) == 0o600
    opened = open_existing(register)
    try:  # the write-ahead log of a register in use is its alone too
        opened.db.execute("UPDATE hamlet SET head_name = 'Lò Văn Páo'")
        opened.db.conn.commit()
        assert _mode(Path(f"{register}-wal")) == 0o600
    finally:
        opened.close()
    folder = backup_folder(register)
    folder.mkdir(parents=True, mode=0o755)  # made by an earlier version
    os.chmod(folder.parent, 0o755)
    assert main(["backup", "--db", str(register)]) == 0
    assert (_mode(folder.parent), _mode(folder)) == (0o700, 0o700)
    assert {p.name.rsplit("-", 1)[-1]: _mode(p) for p in folder.iterdir()} == {
        "manual.sqlite3": 0o600,
        "register.txt": 0o600,
    }
    stick = tmp_path / "usb"
    stick.mkdir()
    assert main(["backup", "--db", str(register), "--out", str(stick)]) == 0
    (copy,) = stick.iterdir()
    assert _mode(copy) == 0o600


def test_a_register_restored_where_there_was_none_is_the_users_alone(
    tmp_path: Path, usual_umask: None
) -> None:
    # A new PC: the copy from the USB stick restored to a new place. It was 0644,
    # readable by every user of the computer.
    register = tmp_path / "sinho.sqlite3"
    assert main(["init", "--db", str(register), "--commune", "03478", "--hamlet", "Bản A"]) == 0
    stick = tmp_path / "usb"
    stick.mkdir()
    assert main(["backup", "--db", str(register), "--out", str(stick)]) == 0
    (copy,) = stick.iterdir()
    target = tmp_path / "may-moi" / "sinho.sqlite3"
    target.parent.mkdir()
    assert main(["restore", "--db", str(target), str(copy)]) == 0
    assert _mode(target) == 0o600


def test_the_files_written_for_the_clerk_are_the_users_alone(
    register: OpenRegister, tmp_path: Path, usual_umask: None
) -> None:
    """A bundle, an upload spreadsheet (CSV and XLSX), a printed PDF and a report's CSV all
    carry names, births or personal ID numbers: written 0600, as the register is."""
    db = ["--db", str(register.path)]
    out = tmp_path / "out"
    out.mkdir()
    for args in (
        ["export", "--out", str(out / "sin-ho.camket")],
        ["spreadsheet", "--what", "people", "--out", str(out / "nhan-khau.csv")],
        ["spreadsheet", "--what", "people", "--out", str(out / "nhan-khau.xlsx")],
        ["print", "pledges", "--out", str(out / "cam-ket.pdf")],
        ["report", "progress", "--csv", str(out / "tien-do.csv"), "--out",
         str(out / "tien-do.pdf")],
    ):  # fmt: skip
        assert main([*args, *db]) == 0, args
    assert {p.name: oct(_mode(p)) for p in out.iterdir()} == {
        name: oct(0o600)
        for name in (
            "sin-ho.camket",
            "nhan-khau.csv",
            "nhan-khau.xlsx",
            "cam-ket.pdf",
            "tien-do.csv",
            "tien-do.pdf",
        )
    }
