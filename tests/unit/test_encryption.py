"""Registers encrypted at rest: nothing readable in the file, the passphrase or the recovery
key opens it, a wrong one is a clear refusal, and its backups are encrypted alike."""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import re
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.services import encryption as services_encryption
from desktop.services.register import open_existing
from desktop.store import encryption
from desktop.store.backups import list_backups
from desktop.store.window_lock import WindowLock, take_window_lock
from desktop.userdata import data_dir

PASSPHRASE = "bien-gioi-2026"
SQLITE_MAGIC = b"SQLite format 3\x00"


pytestmark = pytest.mark.usefixtures("fast_kdf")


def recovery_key(out: str) -> str:
    match = re.search(r"Mã khôi phục: (\S+)", out)
    assert match, out
    return match[1]


def init_encrypted(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    argv = ["init", "--db", str(path), "--commune", "03478", "--hamlet", "Bản Nậm Tăm"]
    assert main([*argv, "--clerk", "Lò Thị Hoa", "--encrypt"]) == 0
    out = capsys.readouterr().out
    monkeypatch.delenv(encryption.PASSPHRASE_ENV)
    encryption.forget_keys()  # as a new process would start
    return recovery_key(out)


def test_init_encrypt_makes_a_file_with_nothing_readable_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    init_encrypted(path, monkeypatch, capsys)
    data = path.read_bytes()
    assert not data.startswith(SQLITE_MAGIC)
    for word in ("Lò Thị Hoa", "Nậm Tăm", "household", "CREATE TABLE"):
        assert word.encode("utf-8") not in data
    assert not any(p.name.endswith((".encrypting", "-wal")) for p in tmp_path.iterdir())


def test_the_passphrase_or_the_recovery_key_opens_it_and_a_wrong_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    recovery = init_encrypted(path, monkeypatch, capsys)

    assert main(["check", "--db", str(path)]) == 2  # no passphrase and no terminal to ask
    assert "được mã hóa: cần mật khẩu" in capsys.readouterr().err

    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "mat-khau-sai")
    assert main(["check", "--db", str(path)]) == 2
    assert "Mật khẩu hoặc mã khôi phục không đúng" in capsys.readouterr().err

    for secret in (PASSPHRASE, recovery, recovery.lower().replace("-", " ")):
        encryption.forget_keys()
        monkeypatch.setenv(encryption.PASSPHRASE_ENV, secret)
        assert main(["check", "--db", str(path)]) == 0
        assert "0 lỗi" in capsys.readouterr().out


def test_the_recovery_key_opens_it_on_another_computer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    recovery = init_encrypted(path, monkeypatch, capsys)
    monkeypatch.setenv("CAMKET_DATA_DIR", str(tmp_path / "another-pc"))  # no key slots there
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["check", "--db", str(path)]) == 2
    # The right passphrase, typed on a computer that never kept it: told to use the
    # recovery key once (not only "wrong"), and how to keep the passphrase here after.
    said = capsys.readouterr().err
    assert "máy này chưa giữ mật khẩu của sổ" in said
    assert "mã khôi phục" in said and "camket passphrase" in said
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, recovery)
    assert main(["check", "--db", str(path)]) == 0


def test_encrypt_an_existing_register_after_a_backup_and_its_backups_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "40", "--seed", "3"]) == 0
    assert main(["backup", "--db", str(path)]) == 0
    assert main(["search", "--db", str(path), "nguyen", "--json"]) == 0
    capsys.readouterr()
    before = open_existing(path)
    names = sorted(r[0] for r in before.db.execute("SELECT full_name FROM person"))
    before.close()

    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["encrypt", "--db", str(path)]) == 0
    assert "Mã khôi phục: " in capsys.readouterr().out
    assert not path.read_bytes().startswith(SQLITE_MAGIC)
    assert not Path(f"{path}-wal").exists()
    backups = list_backups(path)
    assert [b.reason for b in backups] == ["encrypt", "manual"]
    for backup in backups:  # the plain copies taken before are encrypted too
        assert not backup.path.read_bytes().startswith(SQLITE_MAGIC)

    encryption.forget_keys()
    after = open_existing(path)  # unlocked with CAMKET_PASSPHRASE
    try:
        assert sorted(r[0] for r in after.db.execute("SELECT full_name FROM person")) == names
    finally:
        after.close()
    assert main(["search", "--db", str(path), "nguyen", "--json"]) == 0  # FTS5 works
    assert main(["encrypt", "--db", str(path)]) == 2
    assert "đã được mã hóa" in capsys.readouterr().err


def test_backups_of_an_encrypted_register_are_encrypted_and_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    init_encrypted(path, monkeypatch, capsys)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    usb = tmp_path / "usb.sqlite3"
    assert main(["backup", "--db", str(path), "--out", str(usb)]) == 0
    assert main(["backup", "--db", str(path)]) == 0
    for copy in (usb, list_backups(path)[0].path):
        assert not copy.read_bytes().startswith(SQLITE_MAGIC)
        assert "Lò Thị Hoa".encode() not in copy.read_bytes()
    encryption.forget_keys()
    assert main(["restore", str(usb), "--db", str(path)]) == 0
    assert main(["check", "--db", str(path)]) == 0


def test_a_short_passphrase_is_refused_before_anything_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "ngan")
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 2
    assert "ít nhất 8 ký tự" in capsys.readouterr().err
    assert not path.exists()


def test_two_registers_with_the_same_passphrase_each_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # One passphrase unlocks two key slots: each register opens with its own key.
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    init_encrypted(first, monkeypatch, capsys)
    init_encrypted(second, monkeypatch, capsys)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    for path in (first, second, first):
        encryption.forget_keys()
        assert main(["check", "--db", str(path)]) == 0


class Killed(BaseException):
    """The process dies here (as kill -9 would: nothing after it runs)."""


def test_an_encryption_stopped_after_the_swap_opens_and_a_second_run_finishes_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "20", "--seed", "3"]) == 0
    assert main(["backup", "--db", str(path)]) == 0
    real_replace = os.replace

    def swap_then_die(source: str | Path, target: str | Path) -> None:
        real_replace(source, target)
        if Path(target) == path:
            raise Killed

    monkeypatch.setattr(services_encryption.os, "replace", swap_then_die)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    with pytest.raises(Killed):
        main(["encrypt", "--db", str(path)])
    monkeypatch.setattr(services_encryption.os, "replace", real_replace)
    capsys.readouterr()

    encryption.forget_keys()  # a new process
    assert main(["check", "--db", str(path)]) == 0  # the passphrase opens what is in place
    assert main(["encrypt", "--db", str(path)]) == 0
    assert "đã mã hóa nốt 2 bản sao lưu" in capsys.readouterr().out
    for backup in list_backups(path):
        assert not backup.path.read_bytes().startswith(SQLITE_MAGIC)
    assert [p.name for p in tmp_path.iterdir()] == ["demo.sqlite3"]
    assert main(["encrypt", "--db", str(path)]) == 2
    assert "các bản sao lưu của sổ cũng vậy" in capsys.readouterr().err


def test_an_encryption_killed_while_copying_a_backup_is_finished_by_a_second_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # kill -9 once a backup's encrypted copy is written, before it replaces the backup: the
    # copy and the
    # window lock stay behind (a killed process releases nothing).
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "20", "--seed", "3"]) == 0
    assert main(["backup", "--db", str(path)]) == 0
    real_copy = services_encryption.encryption.encrypt_copy

    def die_half_way(source: Path, target: Path, key: bytes) -> None:
        real_copy(source, target, key)
        if source != path:  # a backup's copy made, not yet in place
            raise Killed

    real_release, real_discard = WindowLock.release, services_encryption._discard_staged
    monkeypatch.setattr(services_encryption.encryption, "encrypt_copy", die_half_way)
    monkeypatch.setattr(WindowLock, "release", lambda self: None)  # killed: no finally
    monkeypatch.setattr(services_encryption, "_discard_staged", lambda staged: None)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    with pytest.raises(Killed):
        main(["encrypt", "--db", str(path)])
    monkeypatch.setattr(services_encryption.encryption, "encrypt_copy", real_copy)
    monkeypatch.setattr(WindowLock, "release", real_release)
    monkeypatch.setattr(services_encryption, "_discard_staged", real_discard)
    lock = Path(f"{path}.lock")
    gone = subprocess.Popen(["true"])
    gone.wait()
    lock.write_text(json.dumps({**json.loads(lock.read_text()), "pid": gone.pid}))
    capsys.readouterr()

    encryption.forget_keys()  # a new process
    assert main(["encrypt", "--db", str(path)]) == 0, capsys.readouterr().err
    assert "đã mã hóa nốt 2 bản sao lưu" in capsys.readouterr().out
    for backup in list_backups(path):
        assert not backup.path.read_bytes().startswith(SQLITE_MAGIC)
    assert [p.name for p in tmp_path.iterdir()] == ["demo.sqlite3"]
    assert [p.name for p in list_backups(path)[0].path.parent.iterdir() if p.name[0] == "."] == []


def test_encrypt_says_where_the_backup_taken_before_is_and_that_it_is_encrypted_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "5", "--seed", "3"]) == 0
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["encrypt", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    (before,) = [b.path for b in list_backups(path) if b.reason == "encrypt"]
    assert f"Bản sao lưu ngay trước khi mã hóa: {before}" in out
    assert "cũng đã được mã hóa bằng cùng khóa" in out
    assert not before.read_bytes().startswith(SQLITE_MAGIC)


def counted_stretches(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The salts of the passphrase stretches made from now on (the passphrase set)."""
    stretches: list[bytes] = []
    real_stretch = encryption.stretch

    def counted(passphrase: str, salt: bytes, **options: bool) -> bytes:
        stretches.append(salt)
        return real_stretch(passphrase, salt, **options)

    monkeypatch.setattr(encryption, "stretch", counted)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    return stretches


def test_with_many_registers_here_a_passphrase_is_stretched_once_for_the_one_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [tmp_path / f"so-{n}.sqlite3" for n in range(4)]
    for path in paths:
        init_encrypted(path, monkeypatch, capsys)
    stretches = counted_stretches(monkeypatch)
    assert main(["check", "--db", str(paths[0])]) == 0
    assert len(stretches) == 1  # its own slot, not the slots of the three made after it


def test_a_passphrase_slot_written_by_an_earlier_version_still_unlocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Earlier versions stretched the passphrase with hashlib; keys.json is what they wrote.
    path = tmp_path / "so.sqlite3"
    recovery = init_encrypted(path, monkeypatch, capsys)
    key, salt = encryption.key_of_recovery(recovery), os.urandom(16)
    stretched = hashlib.pbkdf2_hmac("sha256", b"mat-khau-cu-2025", salt, 1000, 32)
    slot = {
        "salt": salt.hex(),
        "wrapped": bytes(a ^ b for a, b in zip(key, stretched, strict=True)).hex(),
        "check": hmac.new(key, b"camket key check", "sha256").hexdigest()[:32],
    }
    (data_dir() / encryption.KEYS_FILE).write_text(json.dumps({"slots": [slot]}), "utf-8")
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "mat-khau-cu-2025")
    assert main(["check", "--db", str(path)]) == 0


def test_a_register_made_again_in_the_same_place_is_unlocked_with_one_stretch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "so.sqlite3"
    for _made in range(3):  # set up, given up, set up again with a new key
        path.unlink(missing_ok=True)
        init_encrypted(path, monkeypatch, capsys)
    stretches = counted_stretches(monkeypatch)
    assert main(["check", "--db", str(path)]) == 0
    assert len(stretches) == 1  # the newest slot made for it, not the two before


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_key_slots_are_readable_by_this_user_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    init_encrypted(tmp_path / "r.sqlite3", monkeypatch, capsys)
    keys = data_dir() / encryption.KEYS_FILE
    assert keys.stat().st_mode & 0o077 == 0


def read_only_medium(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` is on a CD or a write-protected stick: the system says it takes no writes
    and refuses them (root ignores file modes, so the medium is simulated at those calls)."""
    real_access, real_unlink = os.access, Path.unlink

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if mode & os.W_OK and Path(path).resolve().is_relative_to(folder):
            return False
        return real_access(path, mode, **kwargs)

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.resolve().is_relative_to(folder):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(Path, "unlink", unlink)


def test_on_a_read_only_medium_encrypt_says_so_and_backup_still_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    path = usb / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "5", "--seed", "3"]) == 0
    before = path.read_bytes()
    read_only_medium(monkeypatch, usb.resolve())
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    capsys.readouterr()
    assert main(["encrypt", "--db", str(path)]) == 2
    assert "chỉ đọc" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert main(["backup", "--db", str(path)]) == 0
    assert [b.reason for b in list_backups(path)] == ["manual"]


def test_a_full_disk_while_encrypting_says_so_and_leaves_the_register_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "5", "--seed", "3"]) == 0
    before = path.read_bytes()

    def disk_fills(source: Path, target: Path, key: bytes) -> None:
        target.write_bytes(b"\0" * 4096)  # half a copy, then the disk is full
        raise encryption.sqlcipher().OperationalError("database or disk is full")

    monkeypatch.setattr(encryption, "encrypt_copy", disk_fills)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    capsys.readouterr()
    assert main(["encrypt", "--db", str(path)]) == 2
    assert "Ổ đĩa đã đầy" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite3"]


def test_restoring_a_plain_copy_over_an_encrypted_register_keeps_it_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, usb = tmp_path / "demo.sqlite3", tmp_path / "usb-cu.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "5", "--seed", "3"]) == 0
    assert main(["backup", "--db", str(path), "--out", str(usb)]) == 0  # taken out, plain
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["encrypt", "--db", str(path)]) == 0
    encryption.forget_keys()
    assert main(["restore", str(usb), "--db", str(path)]) == 0
    assert not path.read_bytes().startswith(SQLITE_MAGIC)
    encryption.forget_keys()
    capsys.readouterr()
    assert main(["search", "--db", str(path), "nguyen", "--json"]) == 0
    assert capsys.readouterr().out.strip() not in ("", "[]")


def test_no_window_opens_the_register_while_it_is_being_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "5", "--seed", "3"]) == 0
    real_copy = encryption.encrypt_copy
    refused = []

    def window_opens_meanwhile(source: Path, target: Path, key: bytes) -> None:
        if source == path:
            with pytest.raises(KnownError) as caught:
                take_window_lock(path)
            refused.append(caught.value.code)
        real_copy(source, target, key)

    monkeypatch.setattr(encryption, "encrypt_copy", window_opens_meanwhile)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["encrypt", "--db", str(path)]) == 0
    assert refused == ["register.open_elsewhere"]
    take_window_lock(path).release()  # free again once done


def test_an_unreadable_key_file_is_kept_aside_not_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = data_dir() / encryption.KEYS_FILE
    keys.parent.mkdir(parents=True, exist_ok=True)
    keys.write_text('{"slots": [{"salt": "half-writ', encoding="utf-8")
    init_encrypted(tmp_path / "r.sqlite3", monkeypatch, capsys)
    (aside,) = keys.parent.glob(f"{encryption.KEYS_FILE}.unreadable-*")
    assert aside.read_text(encoding="utf-8") == '{"slots": [{"salt": "half-writ'
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["check", "--db", str(tmp_path / "r.sqlite3")]) == 0


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_encrypting_or_restoring_through_a_link_changes_the_register_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, link = tmp_path / "so-that.sqlite3", tmp_path / "loi-tat.sqlite3"
    assert main(["demo", "--db", str(real), "--households", "5", "--seed", "3"]) == 0
    link.symlink_to(real.name)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["encrypt", "--db", str(link)]) == 0
    assert link.is_symlink()
    assert not real.read_bytes().startswith(SQLITE_MAGIC)  # no plain register left behind
    (backup,) = [b.path for b in list_backups(real) if b.reason == "encrypt"]
    assert main(["restore", str(backup), "--db", str(link)]) == 0
    assert link.is_symlink()
    assert main(["check", "--db", str(link)]) == 0


def test_two_registers_encrypted_at_once_both_keep_their_passphrase_slot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read = encryption._read_slots
    other = threading.Thread(
        target=encryption.add_passphrase, args=(b"\2" * 32, "mat-khau-hai", tmp_path / "b")
    )

    def read_while_another_writes() -> list[dict[str, Any]]:
        slots = real_read()
        if not other.is_alive() and other.ident is None:  # the first writer, once
            other.start()
            other.join(timeout=0.5)  # it would read and write now, had it not to wait
        return slots

    monkeypatch.setattr(encryption, "_read_slots", read_while_another_writes)
    encryption.add_passphrase(b"\1" * 32, "mat-khau-mot", tmp_path / "a")
    other.join()
    monkeypatch.setattr(encryption, "_read_slots", real_read)
    assert len(real_read()) == 2


def encrypt_as_an_earlier_release(path: Path, passphrase: str) -> str:
    """The plain register at ``path`` encrypted as CamKet did before it chose its own page
    settings (SQLCipher 4's defaults: 4 KiB pages, HMAC-SHA512), with the passphrase's
    slot; its recovery key. SQLCipher keeps no settings in the file."""
    new = encryption.NewKey.for_passphrase(passphrase)
    staged = path.with_name(f"{path.name}.encrypting")
    conn = encryption.sqlcipher().connect(str(path))
    conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", [str(staged), f"x'{new.key.hex()}'"])
    conn.execute("PRAGMA encrypted.cipher_compatibility = 4")
    conn.execute("SELECT sqlcipher_export('encrypted')")
    conn.execute("DETACH DATABASE encrypted")
    conn.close()
    os.replace(staged, path)
    new.keep(path)
    return new.recovery


def test_a_register_encrypted_by_an_earlier_release_opens_takes_writes_and_restores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "20", "--seed", "3"]) == 0
    reg = open_existing(path)
    (code,) = reg.db.execute("SELECT code FROM household ORDER BY code LIMIT 1").fetchone()
    reg.close()
    recovery = encrypt_as_an_earlier_release(path, PASSPHRASE)
    encryption.forget_keys()
    capsys.readouterr()

    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "mat-khau-sai")
    assert main(["check", "--db", str(path)]) == 2
    assert "Mật khẩu hoặc mã khôi phục không đúng" in capsys.readouterr().err
    for secret in (PASSPHRASE, recovery):
        encryption.forget_keys()
        monkeypatch.setenv(encryption.PASSPHRASE_ENV, secret)
        assert main(["check", "--db", str(path)]) == 0
    assert main(["sign", "--db", str(path), code, "--on", "05/01/2026"]) == 0
    assert main(["backup", "--db", str(path)]) == 0
    capsys.readouterr()

    encryption.forget_keys()  # a new process: the written register still opens
    assert main(["search", "--db", str(path), "nguyen", "--json"]) == 0
    assert capsys.readouterr().out.strip() not in ("", "[]")
    (backup,) = [b.path for b in list_backups(path) if b.reason == "manual"]
    assert not backup.read_bytes().startswith(SQLITE_MAGIC)
    encryption.forget_keys()
    assert main(["restore", str(backup), "--db", str(path)]) == 0
    encryption.forget_keys()
    assert main(["check", "--db", str(path)]) == 0
    reg = open_existing(path)
    try:
        signed = reg.db.execute("SELECT count(*) FROM pledge WHERE status = 'da_ky'")
        assert signed.fetchone()[0] >= 1  # the pledge signed on the old register came back
    finally:
        reg.close()


def test_an_earlier_release_register_left_with_writes_in_its_wal_opens_with_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, crashed = tmp_path / "demo.sqlite3", tmp_path / "sau-su-co.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "5", "--seed", "3"]) == 0
    recovery = encrypt_as_an_earlier_release(path, PASSPHRASE)
    old = encryption.sqlcipher().connect(str(path))
    old.execute(f"PRAGMA key = \"x'{encryption.key_of_recovery(recovery).hex()}'\"")
    old.execute("PRAGMA cipher_compatibility = 4")
    old.execute("PRAGMA journal_mode = WAL")
    old.execute("PRAGMA wal_autocheckpoint = 0")
    old.execute("UPDATE person SET full_name = 'Vàng Thị Mỷ' WHERE rowid = 1")
    old.commit()
    for side in ("", "-wal"):  # what a power cut leaves: the file and its WAL
        Path(f"{crashed}{side}").write_bytes(Path(f"{path}{side}").read_bytes())
    old.close()
    encryption.forget_keys()
    capsys.readouterr()

    monkeypatch.setenv(encryption.PASSPHRASE_ENV, recovery)
    assert main(["check", "--db", str(crashed)]) == 0
    reg = open_existing(crashed)
    try:
        name = reg.db.execute("SELECT full_name FROM person WHERE rowid = 1").fetchone()[0]
    finally:
        reg.close()
    assert name == "Vàng Thị Mỷ"
