"""Nothing overwrites the register: every file written for the clerk is refused over a
register or any SQLite file, and is written whole or not at all."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.exchange.bundle_file import open_bundle
from desktop.exchange.spreadsheet import read_sheet
from desktop.messages import describe
from desktop.outputs import check_output, writing_output
from desktop.services.bundles import read_recipient
from desktop.services.encryption import encrypt_register
from desktop.services.register import OpenRegister, open_existing
from desktop.store import encryption
from desktop.store.attachments import read_attachment_file
from desktop.store.backups import backup_folder


def audit_rows(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "userdata")


@pytest.mark.parametrize(
    "command",
    [
        ["report", "progress", "--csv"],
        ["report", "progress", "--out"],
        ["report", "unsigned", "--out"],
        ["print", "pledges", "--out"],
        ["print", "blank", "--out"],
        ["report", "movements", "--from", "01/01/2026", "--to", "31/12/2026", "--csv"],
        ["export", "--out"],
    ],
)
def test_no_command_writes_its_output_over_the_register(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    register.close()
    db = register.path
    before, audited = db.read_bytes(), audit_rows(db)
    assert main([*command, str(db), "--db", str(db)]) == 2
    assert "sổ đăng ký" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert audit_rows(db) == audited  # nothing marked printed either
    assert main(["check", "--db", str(db)]) == 0


@pytest.mark.parametrize(
    "report",
    [["progress"], ["movements", "--from", "01/01/2026", "--to", "31/12/2026"]],
)
def test_a_report_refuses_one_file_for_both_its_pdf_and_its_csv(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str], report: list[str]
) -> None:
    # "--out bao-cao.pdf --csv bao-cao.pdf": the CSV was written over the PDF just printed,
    # and the clerk was told nothing of it.
    register.close()
    out = tmp_path / "bao-cao.pdf"
    out.write_bytes(b"%PDF-1.4 last month's")
    same = ["--out", str(out), "--csv", str(tmp_path / "." / "bao-cao.pdf")]
    assert main(["report", *report, "--db", str(register.path), *same]) == 2
    said = capsys.readouterr().err
    assert "vừa là tệp PDF (--out) vừa là tệp CSV (--csv)" in said and "bao-cao.pdf" in said
    assert out.read_bytes() == b"%PDF-1.4 last month's"


@pytest.mark.parametrize(
    "command",
    [
        ["report", "progress", "--csv"],
        ["print", "blank", "--out"],
        ["report", "movements", "--from", "01/01/2026", "--to", "31/12/2026", "--csv"],
        ["export", "--out"],
    ],
)
def test_no_command_puts_its_output_in_place_of_a_device_or_a_pipe(
    register: OpenRegister,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    # "--out /dev/null" (or /dev/stdout, a pipe) run as root: the file written beside it
    # was renamed over the device, and /dev/null became a plain file of the register's rows.
    register.close()
    pipe = tmp_path / "ong-dan"
    os.mkfifo(pipe)
    link = tmp_path / "stdout"
    link.symlink_to(pipe)
    for target in (pipe, link):
        assert main([*command, str(target), "--db", str(register.path)]) == 2
        said = capsys.readouterr().err
        assert f"Không ghi được tệp {target}: đó không phải một tệp thường" in said
        assert stat.S_ISFIFO(pipe.stat().st_mode) and link.is_symlink()


def test_files_that_belong_to_a_register_or_are_databases_are_refused(
    register: OpenRegister, tmp_path: Path
) -> None:
    other = tmp_path / "ke-toan.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE so_cai(a)")
    refused = [
        register.path,
        Path(f"{register.path}-wal"),
        Path(f"{register.path}-shm"),
        Path(f"{register.path}.lock"),
        other,
        backup_folder(register.path) / "bao-cao.pdf",
    ]
    backup_folder(register.path).mkdir(parents=True, exist_ok=True)
    for path in refused:
        with pytest.raises(KnownError) as caught:
            check_output(path)
        assert caught.value.code == "output.is_database", path
    assert check_output(tmp_path / "bao-cao.pdf") == tmp_path / "bao-cao.pdf"
    (tmp_path / "cu.pdf").write_bytes(b"%PDF-1.4 an old report")
    assert check_output(tmp_path / "cu.pdf") == tmp_path / "cu.pdf"  # a PDF may be replaced


def test_an_output_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    out = tmp_path / "tien-do.csv"
    out.write_text("the old report", encoding="utf-8")
    with pytest.raises(RuntimeError), writing_output(out) as temp:
        temp.write_text("half of the new", encoding="utf-8")
        raise RuntimeError("cancelled")
    assert out.read_text(encoding="utf-8") == "the old report"
    assert listing(tmp_path) == ["tien-do.csv"]
    with writing_output(out) as temp:
        temp.write_text("the new report", encoding="utf-8")
    assert out.read_text(encoding="utf-8") == "the new report"
    assert listing(tmp_path) == ["tien-do.csv"]


def test_a_full_disk_says_so_and_leaves_nothing_half_written(tmp_path: Path) -> None:
    out = tmp_path / "tien-do.pdf"
    with pytest.raises(KnownError) as caught, writing_output(out) as temp:
        temp.write_bytes(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, "No space left on device")
    # The file is named: a USB stick's disk may be full, not the register's, which the
    # words of a register's full disk ("Ổ đĩa đã đầy") had the clerk clear for nothing.
    assert caught.value.code == "output.disk_full"
    assert "tien-do.pdf: ổ đĩa chứa tệp đã đầy" in describe(caught.value)
    assert listing(tmp_path) == []


def test_a_temporary_file_left_by_a_killed_print_is_removed_by_the_next(tmp_path: Path) -> None:
    left = tmp_path / ".ban-cam-ket.pdf.999999999-0badf00d.part"  # no such process
    left.write_bytes(b"")
    with writing_output(tmp_path / "ban-cam-ket.pdf") as temp:
        temp.write_bytes(b"%PDF-1.4")
    assert listing(tmp_path) == ["ban-cam-ket.pdf"]


def test_a_read_only_folder_says_so_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only_medium(self: Path, missing_ok: bool = False) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "unlink", read_only_medium)
    with pytest.raises(KnownError) as caught, writing_output(tmp_path / "tien-do.pdf"):
        raise OSError(errno.EROFS, "Read-only file system")  # making the temporary file
    # Said in Vietnamese as the backup says it (before: the system's "Read-only file system"
    # in a bundle's, a spreadsheet's or a PDF's message).
    said = describe(caught.value)
    assert "USB bị khoá ghi" in said and "chưa ghi gì" in said and "Read-only" not in said


def test_a_file_open_in_excel_is_said_to_be_open_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows refuses to replace a file another program holds open (the last spreadsheet
    # still open in Excel, the last PDF in a viewer): the folder takes files, the file does
    # not. It was "thư mục hoặc ổ đĩa không cho ghi … USB bị khoá ghi".
    out = tmp_path / "nhan-khau.xlsx"
    out.write_bytes(b"PK\x03\x04 last week's")
    real_replace = os.replace

    def held_open(source: object, target: object) -> None:
        if Path(str(target)) == out:
            raise PermissionError(errno.EACCES, "Access is denied", str(target))
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", held_open)
    with pytest.raises(KnownError) as caught, writing_output(out) as temp:
        temp.write_bytes(b"PK\x03\x04 this week's")
    said = describe(caught.value)
    assert said.startswith(f"Không ghi được tệp {out}: tệp đang mở trong một chương trình khác")
    assert "hãy đóng tệp" in said.lower() and "USB" not in said
    assert out.read_bytes() == b"PK\x03\x04 last week's"
    assert listing(tmp_path) == ["nhan-khau.xlsx"]


def test_a_stick_pulled_out_while_an_output_is_written_says_its_folder_is_gone(
    tmp_path: Path,
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    with pytest.raises(KnownError) as caught, writing_output(stick / "sin-ho.camket") as temp:
        temp.unlink()
        stick.rmdir()  # pulled out
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(temp))
    said = describe(caught.value)
    assert f"thư mục {stick} không tồn tại" in said and "No such file" not in said


def _closing_elsewhere_keeps_the_wal(register: Path, key: bytes | None) -> bool:
    """Another process opens the register, reads and closes: SQLite deletes the -wal then
    only when it believes it was the last connection (ours lost its locks)."""
    connect = (
        f"from desktop.store.cipher import cipher_connect as connect\n"
        f"c = connect({str(register)!r}, bytes.fromhex({key.hex()!r}))"
        if key
        else f"from sqlite3 import connect\nc = connect({str(register)!r})"
    )
    script = f"{connect}\nc.execute('SELECT count(*) FROM household').fetchone(); c.close()"
    subprocess.run([sys.executable, "-c", script], check=True)
    return Path(f"{register}-wal").exists()


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_checking_an_output_over_the_open_register_keeps_its_locks(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch, encrypted: bool
) -> None:
    key = None
    if encrypted:
        monkeypatch.setattr(encryption, "KDF_ITERATIONS", 1000)
        register.close()
        encrypt_register(register.path, "bien-gioi-2026", backup=False)
        key = encryption.key_for(register.path)
        register = open_existing(register.path)
    try:
        register.db.execute("UPDATE commune SET clerk_name = 'Lò Thị Hoa'")  # a -wal in use
        for out in (register.path, Path(f"{register.path}-wal"), Path(f"{register.path}-shm")):
            with pytest.raises(KnownError) as caught:
                check_output(out)
            assert caught.value.code == "output.is_database"
        assert _closing_elsewhere_keeps_the_wal(register.path, key)
    finally:
        register.close()


def test_an_encrypted_register_this_process_never_opened_is_refused_too(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(encryption, "KDF_ITERATIONS", 1000)
    register.close()
    encrypt_register(register.path, "bien-gioi-2026", backup=False)
    copy = tmp_path / "so-cu.db"  # another name: known to no one here
    copy.write_bytes(register.path.read_bytes())
    encryption.forget_keys()
    with pytest.raises(KnownError) as caught:
        check_output(copy)
    assert caught.value.code == "output.is_database"
    for name, data in (
        ("bao-cao.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 16),
        ("tien-do.csv", ("Thôn,Số hộ\n" + "Bản Nậm Tăm,12\n" * 256).encode()[:4096]),
    ):
        (tmp_path / name).write_bytes(data)
        assert check_output(tmp_path / name) == tmp_path / name  # whole pages, yet not one


def test_the_open_register_chosen_as_a_list_bundle_attachment_or_key_is_refused_unopened(
    register: OpenRegister, tmp_path: Path
) -> None:
    register.db.execute("UPDATE commune SET clerk_name = 'Lò Thị Hoa'")  # a -wal in use
    readers = (read_sheet, open_bundle, read_attachment_file, read_recipient)
    for read in readers:
        with pytest.raises(KnownError) as caught:
            read(register.path)
        assert caught.value.code == "file.is_register", read
    assert _closing_elsewhere_keeps_the_wal(register.path, None)
