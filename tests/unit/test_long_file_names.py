"""File names as long as a disk takes (255 bytes: ~85 Vietnamese letters with their marks
in UTF-8), and longer ones typed or pasted: the files CamKet writes beside them (a copy
under a temporary name, SQLite's journal, the register set aside by a restore) fit, and a
name no disk takes is said in Vietnamese, never a traceback nor "damaged"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.register import OpenRegister

TOO_LONG = "q" * 300  # no disk takes a name of 300 bytes


def named(folder: Path, size: int, suffix: str) -> Path:
    """A file name of exactly ``size`` bytes in UTF-8, Vietnamese letters first."""
    start = "Báo cáo xã Sìn Hồ "
    fill = size - len(start.encode()) - len(suffix.encode())
    return folder / f"{start}{'x' * fill}{suffix}"


@pytest.mark.parametrize("size", [240, 255])
def test_outputs_named_as_long_as_the_disk_takes_are_written(
    register: OpenRegister, tmp_path: Path, size: int, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before, the copy written beside the file under a longer temporary name was refused
    # by the disk: "Không ghi được tệp …: File name too long", for any name over 233 bytes.
    db = str(register.path)
    for args in (
        ["print", "blank", "--out", str(named(tmp_path, size, ".pdf"))],
        ["export", "--out", str(named(tmp_path, size, ".camket"))],
        ["report", "progress", "--csv", str(named(tmp_path, size, ".csv"))],
        # A copy of the register is a register: SQLite's journal beside it fits.
        ["backup", "--out", str(named(tmp_path, min(size, 247), ".sqlite3"))],
    ):
        assert main([*args, "--db", db]) == 0, capsys.readouterr().err
        assert Path(args[-1]).is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_name_no_disk_takes_is_said_in_vietnamese(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: a Python traceback (OSError: File name too long) for --db or an input.
    folder = tmp_path / TOO_LONG
    for args in (
        ["search", "Hoà", "--db", str(folder / "so.sqlite3")],
        ["import", str(tmp_path / f"{TOO_LONG}.csv"), "--db", str(register.path)],
        ["print", "blank", "--out", str(tmp_path / f"{TOO_LONG}.pdf"), "--db", str(register.path)],
    ):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith("camket: Tên tệp dài quá, ổ đĩa không nhận"), err
        assert "Hãy đặt tên ngắn hơn." in err
    # One of the bundles merged: the others are merged, and --json says which was refused.
    bundle = tmp_path / "sinho.camket"
    assert main(["export", "--out", str(bundle), "--db", str(register.path)]) == 0
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(register.path, copy)
    capsys.readouterr()
    assert main(["merge", "--json", str(bundle), f"{TOO_LONG}.camket", "--db", str(copy)]) == 2
    outcome = json.loads(capsys.readouterr().out)
    assert [o.get("refused") for o in outcome] == [None, "bundle.missing"]


def test_a_register_named_too_long_for_its_journal_is_refused_not_called_damaged(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A name of 250 bytes: the disk takes the file, but not SQLite's "-journal" beside it.
    # Before, `sign` said the register "bị hỏng" and `init` that the folder took no writes.
    long = named(tmp_path, 250, ".sqlite3")
    shutil.copyfile(register.path, long)
    before = long.read_bytes()
    assert main(["sign", "NT-001", "--on", "01/12/2026", "--db", str(long)]) == 2
    err = capsys.readouterr().err
    assert "Tên tệp sổ đăng ký dài quá (độ dài 250; tên tệp sổ tối đa 247," in err, err
    assert "Hãy đặt tên ngắn hơn; chưa ghi gì." in err
    assert "hỏng" not in err
    assert long.read_bytes() == before
    new = named(tmp_path / "new", 250, ".sqlite3")
    new.parent.mkdir()
    assert main(["init", "--commune", "03478", "--db", str(new)]) == 2
    assert "Tên tệp sổ đăng ký dài quá" in capsys.readouterr().err
    assert list(new.parent.iterdir()) == []
    assert main(["backup", "--out", str(new), "--db", str(register.path)]) == 2
    assert "Tên tệp sổ đăng ký dài quá" in capsys.readouterr().err
    assert list(new.parent.iterdir()) == []


def test_a_register_named_up_to_the_limit_is_made_restored_and_encrypted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, the restore's copy beside it and the register set aside had no room.
    path = named(tmp_path, 247, ".sqlite3")
    db = ["--db", str(path)]
    assert main(["init", "--commune", "03478", "--hamlet", "Thôn 1", *db]) == 0
    copy = tmp_path / "copy.sqlite3"
    assert main(["backup", "--out", str(copy), *db]) == 0
    assert main(["restore", str(copy), *db]) == 0, capsys.readouterr().err
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["backup", "--out", str(usb), *db]) == 0, capsys.readouterr().err
    assert [p.name.startswith("Báo cáo xã Sìn Hồ xxx") for p in usb.iterdir()] == [True]
    aside = [p for p in tmp_path.iterdir() if ".replaced-" in p.name]
    assert len(aside) == 1 and len(aside[0].name.encode()) <= 255
    monkeypatch.setenv("CAMKET_PASSPHRASE", "mật khẩu dài 123")
    assert main(["encrypt", *db]) == 0, capsys.readouterr().err
    assert main(["search", "x", *db]) == 0


def test_windows_counts_a_name_in_utf16_units_not_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # NTFS takes 255 UTF-16 units: 190 letters "ữ" (570 bytes of UTF-8) are a name it takes,
    # a register too, where ext4 takes 85 of them.
    from desktop import outputs
    from desktop.domain.errors import KnownError

    name = "ữ" * 190 + ".sqlite3"
    with pytest.raises(KnownError):
        outputs.check_register_name(Path(name))
    assert len(outputs.leading(name).encode()) <= outputs.NAME_MAX - 48
    monkeypatch.setattr(outputs, "_UTF16", True)
    outputs.check_register_name(Path(name))
    assert outputs.leading(name) == name
    assert outputs.name_size(outputs.leading("ữ" * 300)) <= outputs.NAME_MAX - 48
