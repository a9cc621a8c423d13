"""A file's kind is read once, yet a file another program put in its place is read afresh."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from desktop.file_kinds import file_kind, forget_kind


def test_a_backup_encrypted_by_another_program_is_no_longer_taken_for_plain(
    tmp_path: Path,
) -> None:
    # camket encrypt (another process) writes each backup encrypted beside it and renames it
    # over the plain one; a window that had listed the backups must not keep calling it plain.
    backup = tmp_path / "20261205T000000Z-manual.sqlite3"
    sqlite3.connect(backup).execute("create table t (x)").connection.close()
    assert file_kind(backup) == "sqlite"
    staged = tmp_path / ".staged"
    staged.write_bytes(os.urandom(4096))  # SQLCipher's shape: random bytes in whole pages
    os.replace(staged, backup)
    try:
        assert file_kind(backup) == "encrypted"
    finally:
        forget_kind(backup)


def test_a_file_kept_in_place_is_not_opened_again(tmp_path: Path) -> None:
    register = tmp_path / "camket.sqlite3"
    sqlite3.connect(register).execute("create table t (x)").connection.close()
    assert file_kind(register) == "sqlite"
    with register.open("r+b") as fh:
        fh.write(b"not SQLite at all")  # same file, same identity: the kind stays as read
    try:
        assert file_kind(register) == "sqlite"
    finally:
        forget_kind(register)
