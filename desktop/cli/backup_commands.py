"""`camket backup`, `backup list` and `restore`: copies of a register and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.parsing import DB_HELP, add_db, db_path


def add_commands(commands: Any) -> None:
    backup = commands.add_parser(
        "backup", help="a consistent copy of the register (safe while the app is open)"
    )
    add_db(backup)
    backup.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="write the copy here (a new file, or a folder such as a USB stick) instead of"
        " the register's backup folder in the user data folder",
    )
    actions = backup.add_subparsers(
        dest="backup_action", metavar="ACTION", help="list: the backups (none: take one)"
    )
    listing = actions.add_parser("list", help="the register's backups, newest first")
    # Suppressed default: `backup --db PATH list` keeps the --db given before `list`.
    listing.add_argument(
        "--db", type=Path, dest="sub_db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP
    )

    restore = commands.add_parser(
        "restore", help="put a backup in place of the register (the replaced one is kept)"
    )
    add_db(restore)
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")

    backup.set_defaults(run=_backup)
    listing.set_defaults(run=_list)
    restore.set_defaults(run=_restore)


def _backup(args: argparse.Namespace) -> int:
    from desktop.messages import file_size_text
    from desktop.store.backups import backup_to, take_backup
    from desktop.store.register import open_register, writable

    path = db_path(args)
    # A register on a read-only medium (a CD, a write-protected stick) is copied all the same.
    db = open_register(path, read_only=path.exists() and not writable(path))
    try:
        copy = backup_to(db, path, args.out) if args.out else take_backup(db, path, "manual")
    finally:
        db.close()
    print(f"Đã sao lưu sổ {path} vào {copy} ({file_size_text(copy.stat().st_size)})")
    return 0


def _list(args: argparse.Namespace) -> int:
    from desktop.messages import BACKUP_REASONS, file_size_text
    from desktop.store.backups import backup_folder, list_backups

    path = db_path(args)
    backups = list_backups(path)
    for backup in backups:
        taken = backup.taken_at.astimezone().strftime("%d/%m/%Y %H:%M")
        reason = BACKUP_REASONS.get(backup.reason, backup.reason)
        print(f"{taken}\t{reason}\t{file_size_text(backup.size)}\t{backup.path}")
    print(f"{len(backups)} bản sao lưu trong {backup_folder(path)}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from desktop.store.restore import restore_backup
    from desktop.store.window_lock import take_window_lock

    path = db_path(args)
    # Held as a window holds it: a window on it would keep writing to the replaced file.
    lock = take_window_lock(path)
    try:
        aside = restore_backup(args.file, path)
    finally:
        lock.release()
    print(f"Đã khôi phục sổ {path} từ {args.file}")
    if aside is not None:
        print(f"Sổ trước khi khôi phục được giữ lại: {aside}")
    return 0
