"""`camket encrypt` and `camket passphrase`: the passphrase prompts, and the recovery key
shown once (init --encrypt)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from desktop.cli.parsing import add_db, db_path
from desktop.domain.errors import KnownError


def add_commands(commands: Any) -> None:
    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt an existing register at rest (SQLCipher), after a backup; "
        "prints its recovery key once",
    )
    add_db(encrypt)
    encrypt.set_defaults(run=_encrypt)
    passphrase = commands.add_parser(
        "passphrase",
        help="change the passphrase that opens an encrypted register on this computer "
        "(or set one on a new computer with the recovery key); the key, the backups and "
        "the recovery key stay as they are",
    )
    add_db(passphrase)
    passphrase.set_defaults(run=_change_passphrase)


def _encrypt(args: argparse.Namespace) -> int:
    from desktop.services.encryption import encrypt_register, finish_backups
    from desktop.store.encryption import is_encrypted
    from desktop.store.window_lock import take_window_lock

    path = db_path(args).resolve()  # through a link: the register itself, not the link
    if is_encrypted(path):  # an earlier run was stopped before its backups were done
        lock = take_window_lock(path)  # and the lock it left behind is taken over, released
        try:
            done = finish_backups(path)
        finally:
            lock.release()
        print(f"Sổ {path} đã được mã hóa; đã mã hóa nốt {done} bản sao lưu còn lại của sổ.")
        return 0
    passphrase = new_passphrase()
    # Held as a window holds it: a window on the register would keep writing to the plain
    # file, and none may open it until the encrypted one is in place.
    lock = take_window_lock(path)
    try:
        encrypted = encrypt_register(path, passphrase)
    finally:
        lock.release()
    print(f"Đã mã hóa sổ {path}.")
    if encrypted.before is not None:
        print(f"Bản sao lưu ngay trước khi mã hóa: {encrypted.before}")
    print(
        f"{encrypted.backups} bản sao lưu của sổ (kể cả bản này) cũng đã được mã hóa bằng cùng"
        " khóa: mở bằng cùng mật khẩu hoặc mã khôi phục. Các bản đã chép ra ngoài trước đây"
        " (USB, “camket backup --out”) vẫn chưa mã hóa: hãy xóa chúng."
    )
    print_recovery_key(path, encrypted.recovery)
    return 0


def _change_passphrase(args: argparse.Namespace) -> int:
    from desktop.services.encryption import change_passphrase
    from desktop.store.encryption import PASSPHRASE_ENV, is_encrypted

    path = db_path(args).resolve()
    if not is_encrypted(path):
        raise KnownError("encrypt.not_encrypted", path=str(path))
    current = os.environ.get(PASSPHRASE_ENV) or _typed(
        f"Mật khẩu hiện tại (hoặc mã khôi phục) của sổ {path}: ", "encrypt.no_passphrase"
    )
    given = os.environ.get(NEW_PASSPHRASE_ENV)
    if given:
        first = repeated = given
    else:
        first = _typed("Mật khẩu mới (ít nhất 8 ký tự): ", "encrypt.no_new_passphrase")
        repeated = _typed("Nhập lại mật khẩu mới: ", "encrypt.no_new_passphrase")
    change_passphrase(path, current, first, repeated)
    print(
        f"Đã đổi mật khẩu của sổ {path} trên máy này. Mật khẩu cũ không mở được sổ nữa;"
        " mã khôi phục và các bản sao lưu vẫn như cũ."
    )
    return 0


NEW_PASSPHRASE_ENV = "CAMKET_NEW_PASSPHRASE"


def _typed(prompt: str, refusal: str) -> str:
    """A secret typed at the terminal, not echoed; KnownError(refusal) with no terminal or
    on Ctrl+D."""
    if not sys.stdin.isatty():
        raise KnownError(refusal)
    try:
        return getpass.getpass(prompt)
    except EOFError as exc:
        raise KnownError(refusal) from exc


def new_passphrase() -> str:
    """The passphrase of a register being encrypted: CAMKET_PASSPHRASE, else typed twice."""
    from desktop.services.encryption import check_new_passphrase
    from desktop.store.encryption import PASSPHRASE_ENV

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return check_new_passphrase(given)
    first = _typed("Mật khẩu mới cho sổ (ít nhất 8 ký tự): ", "encrypt.no_passphrase")
    repeated = _typed("Nhập lại mật khẩu: ", "encrypt.no_passphrase")
    return check_new_passphrase(first, repeated)


def print_recovery_key(path: Path, recovery: str) -> None:
    """The recovery key, shown this once, for the commune's safe."""
    print()
    print("MÃ KHÔI PHỤC — chỉ hiện MỘT LẦN. Chép tay hoặc in trang này, cất vào tủ của xã:")
    print(f"  Sổ đăng ký: {path.resolve()}")
    print(f"  Mã khôi phục: {recovery}")
    print("Khi quên mật khẩu, hoặc mở sổ (hay bản sao lưu của sổ) trên máy khác, nhập mã này")
    print("vào chỗ hỏi mật khẩu. Mất cả mật khẩu lẫn mã này thì không ai mở được sổ.")


def run_unlocking(args: argparse.Namespace) -> int:
    """Run the command; an encrypted register it needs and cannot unlock (no key in memory,
    no CAMKET_PASSPHRASE) is unlocked with a passphrase typed at the prompt, then the command
    runs again (it had written nothing: keys are needed to open a file)."""
    from desktop.store.encryption import unlock

    try:
        return int(args.run(args))
    except KnownError as exc:
        if exc.code != "db.needs_passphrase" or not sys.stdin.isatty():
            raise
        needed, path = exc, str(exc.params["path"])
    try:
        secret = getpass.getpass(f"Mật khẩu (hoặc mã khôi phục) của sổ {path}: ")
    except EOFError:  # Ctrl+D instead of a passphrase
        raise needed from None
    unlock(path, secret)
    return run_unlocking(args)
