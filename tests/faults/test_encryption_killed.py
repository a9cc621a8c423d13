"""Encryption at rest under faults: a register made encrypted is never on the disk in plain,
not even for a moment; kill -9 during `init --encrypt` leaves it whole and encrypted or
absent; kill -9 during `camket encrypt` leaves a register that opens (plain as before, or
encrypted with the passphrase), and running it again finishes the work, backups included."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.services.checks import check_register
from desktop.services.register import open_existing
from desktop.store import encryption
from desktop.store.backups import list_backups, take_backup
from tests.faults.conftest import camket_env, make_register
from tests.faults.test_kill import CAMKET, killed_runs, listing

PASSPHRASE = "bien-gioi-2026"
INIT = ["init", "--commune", "03478", "--hamlet", "Bản Nậm Tăm", "--clerk", "Lò Thị Hoa"]
SQLITE_MAGIC = b"SQLite format 3\x00"


def plain_files(folder: Path) -> list[str]:
    """Files in ``folder`` holding a register's data unencrypted: a plain SQLite file, or a
    -wal or journal whose pages hold the schema's text."""
    found = []
    for path in folder.iterdir():
        try:
            data = path.read_bytes()
        except OSError:  # removed meanwhile
            continue
        if data.startswith(SQLITE_MAGIC) or b"CREATE TABLE" in data or "Nậm Tăm".encode() in data:
            found.append(path.name)
    return found


def env(data_dir: Path) -> dict[str, str]:
    return {**camket_env(data_dir), encryption.PASSPHRASE_ENV: PASSPHRASE}


def run(argv: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CAMKET, *argv], capture_output=True, text=True, env=env(data_dir)
    )


@pytest.fixture
def unlocking(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    """This process unlocks registers as the commands did: same key slots, same passphrase."""
    monkeypatch.setenv("CAMKET_DATA_DIR", str(data_dir))
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    encryption.forget_keys()


def test_init_encrypt_never_puts_a_plain_register_on_the_disk(
    tmp_path: Path, data_dir: Path
) -> None:
    folder = tmp_path / "so"
    folder.mkdir()
    seen: set[str] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.update(plain_files(folder))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        made = run([*INIT, "--encrypt", "--db", str(folder / "camket.sqlite3")], data_dir)
    finally:
        done.set()
        watcher.join()
    assert made.returncode == 0, made.stderr
    assert seen == set()
    assert listing(folder) == ["camket.sqlite3"]


def test_init_encrypt_killed_leaves_an_encrypted_register_or_none(
    tmp_path: Path, data_dir: Path, unlocking: None
) -> None:
    folders = [tmp_path / f"trial{n}" for n in range(3)]
    for folder in folders:
        folder.mkdir()
    commands = [[*INIT, "--encrypt", "--db", str(f / "camket.sqlite3")] for f in folders]
    delays = killed_runs(commands, data_dir, "init --encrypt", most=2.0)
    for folder, delay in zip(folders, delays, strict=True):
        path = folder / "camket.sqlite3"
        assert plain_files(folder) == [], delay
        if path.exists():
            assert encryption.is_encrypted(path), delay
            assert check_register(path).ok, delay
            continue
        again = run([*INIT, "--encrypt", "--db", str(path)], data_dir)
        assert again.returncode == 0, (delay, again.stderr)
        assert listing(folder) == ["camket.sqlite3"], delay


def test_encrypt_killed_leaves_a_register_that_opens_and_a_second_run_finishes(
    tmp_path: Path, data_dir: Path, unlocking: None
) -> None:
    first = make_register(tmp_path)
    registers = []
    for n in range(3):
        path = tmp_path / f"trial{n}" / "camket.sqlite3"
        path.parent.mkdir()
        shutil.copyfile(first, path)
        register = open_existing(path)
        take_backup(register.db, path, "manual")  # plain, to be encrypted alike
        register.close()
        registers.append(path)
    delays = killed_runs([["encrypt", "--db", str(p)] for p in registers], data_dir, "encrypt")
    for path, delay in zip(registers, delays, strict=True):
        encryption.forget_keys()
        report = check_register(path)  # plain as before, or encrypted: the passphrase opens it
        assert report.ok, (delay, report.lines())
    again = [
        subprocess.Popen(
            [sys.executable, "-c", CAMKET, "encrypt", "--db", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(data_dir),
        )
        for path in registers
    ]
    for path, delay, rerun in zip(registers, delays, again, strict=True):
        out, err = rerun.communicate(timeout=120)
        # Not killed: nothing was left to do (a failure says "đã được mã hóa" too).
        finished_before = rerun.returncode == 2 and "cũng vậy" in err
        assert rerun.returncode == 0 or finished_before, (delay, out, err)
        encryption.forget_keys()
        assert encryption.is_encrypted(path) and check_register(path).ok, delay
        left_plain = [b.path for b in list_backups(path) if not encryption.is_encrypted(b.path)]
        assert left_plain == [], delay
        assert listing(path.parent) == ["camket.sqlite3"], delay
        assert plain_files(path.parent) == [], delay
