"""A register holds personal data: on a POSIX system the register, its automatic backups,
the folders that hold them and a copy made with `camket backup --out` are the user's alone,
whatever the umask lets other programs' files be."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.register import open_existing
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
