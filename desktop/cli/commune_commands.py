"""`camket commune list` and `commune forget`: the communes an upper register holds, and a
commune's data dropped from it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.parsing import DB_HELP, add_db, db_path
from desktop.domain.errors import KnownError


def add_commands(commands: Any) -> None:
    commune = commands.add_parser(
        "commune", help="an upper register's communes: list them, drop one's data"
    )
    add_db(commune)
    actions = commune.add_subparsers(
        dest="commune_action", metavar="ACTION", required=True, help="list, forget"
    )
    listing = actions.add_parser(
        "list", help="the communes held: code, name, live households and people"
    )
    # SUPPRESS: a --db given before the action (`commune --db X list`) must not be reset.
    listing.add_argument(
        "--db", type=Path, dest="sub_db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP
    )
    forget = actions.add_parser(
        "forget",
        help="drop a commune's data (every row becomes a deletion that travels upward)",
        description=(
            "Drop every hamlet, household, person, pledge, movement and tip of a commune from"
            " an upper register, after a backup copy, in one transaction: when its register"
            " here was set up apart from the one the commune uses now (its old PC died and the"
            " commune set up anew), before merging the new one's bundle. The deletions travel:"
            " a register this one is merged into drops them too. Asks first (--yes: does not)."
        ),
    )
    forget.add_argument(
        "--db", type=Path, dest="sub_db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP
    )
    forget.add_argument("code", metavar="CODE", help="the commune's official code, e.g. 03478")
    forget.add_argument(
        "--keep",
        type=Path,
        metavar="FILE.camket",
        help="spare the rows of this full bundle of the commune's register that stays (merged"
        " here already): a commune taken twice (camket check names it) keeps that one's data",
    )
    forget.add_argument("--yes", action="store_true", help="do not ask first")
    listing.set_defaults(run=_list)
    forget.set_defaults(run=_forget)


def _list(args: argparse.Namespace) -> int:
    from desktop.services.communes import commune_summaries
    from desktop.store import local
    from desktop.store.register import open_register

    db = open_register(db_path(args), read_only=True)
    try:
        upper = local.is_upper(db)
        summaries = commune_summaries(db)
    finally:
        db.close()
    for c in summaries:
        print(f"{c.code}\t{c.name}\t{c.households} hộ\t{c.people} người")
    kind = "sổ cấp trên" if upper else "sổ của xã"
    print(f"{len(summaries)} xã ({kind})", file=sys.stderr)
    return 0


def _forget(args: argparse.Namespace) -> int:
    from desktop.services.communes import commune_held, forget_commune
    from desktop.services.register import open_existing

    reg = open_existing(db_path(args))
    try:
        held = commune_held(reg.db, args.code)
        what = f"{held.name} ({held.code}): {held.households} hộ, {held.people} người"
        if args.keep is not None:
            what += f", trừ dữ liệu có trong tệp {args.keep.name}"
        if not args.yes and not _confirmed(what):
            raise KnownError(
                "commune.forget_unconfirmed",
                households=held.households,
                commune=f"{held.name} ({held.code})",
            )
        done = forget_commune(reg, args.code, keep=args.keep)
    finally:
        reg.close()
    print(
        f"Đã xoá dữ liệu của {held.name} ({held.code}): {done.households} hộ ({done.rows} dòng"
        f" thành dòng đã xoá, sẽ được gửi đi cùng tệp xuất của sổ này). Bản sao lưu trước khi"
        f" xoá: {done.backup}"
    )
    return 0


def _confirmed(what: str) -> bool:
    """Asked on a terminal; a script (no terminal) must say --yes."""
    if not sys.stdin.isatty():
        return False
    answer = input(f"Xoá toàn bộ dữ liệu của {what} khỏi sổ này? Gõ c để xoá: ")
    return answer.strip().lower() in ("c", "có", "co")
