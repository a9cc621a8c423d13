"""`camket tip`: the tip log (tin báo); the informant is never printed."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from desktop.cli.parsing import add_db, db_path, int_between, read_option
from desktop.domain.tips import Tip
from desktop.domain.unreadable import shown, unreadable


def add_commands(commands: Any) -> None:
    tip = commands.add_parser("tip", help="the tip log (tin báo): add, list")
    tip_actions = tip.add_subparsers(
        dest="action", metavar="ACTION", required=True, help="add or list"
    )
    tip_add = tip_actions.add_parser("add", help="record a tip")
    add_db(tip_add)
    tip_add.add_argument("--at", required=True, metavar="DD/MM/YYYY HH:MM", help="received at")
    tip_add.add_argument("--place", required=True, metavar="TEXT", help="hamlet, landmark…")
    tip_add.add_argument("--about", required=True, metavar="TEXT", help="what it is about")
    tip_add.add_argument(
        "--people", type=int_between(1, 10_000), metavar="N", help="how many people"
    )
    tip_add.add_argument("--informant", default="", metavar="NAME", help="default: anonymous")
    tip_add.add_argument("--phone", default="", metavar="NUMBER", help="the informant's phone")
    tip_list = tip_actions.add_parser("list", help="the tip log, newest first")
    add_db(tip_list)
    tip_list.add_argument("--json", action="store_true", help="print a JSON list of objects")
    tip_add.set_defaults(run=_tip_add)
    tip_list.set_defaults(run=_tip_list)


def _tip_add(args: argparse.Namespace) -> int:
    from desktop.domain.tips import Tip, parse_tip_time
    from desktop.services import ledger
    from desktop.services.register import open_existing

    at = read_option("--at", parse_tip_time, args.at)
    reg = open_existing(db_path(args), edits_communes=True)
    try:
        tip = Tip(
            commune_code=reg.commune.code,
            received_at=at,
            place=args.place,
            about=args.about,
            informant_name=args.informant,
            informant_phone=args.phone,
            people_count=args.people,
        )
        ledger.add_tip(reg, tip, dt.datetime.now())
    finally:
        reg.close()
    print(tip.id)
    return 0


def _tip_list(args: argparse.Namespace) -> int:
    from desktop.domain.tips import ANONYMOUS, KNOWN_INFORMANT
    from desktop.services.register import open_existing
    from desktop.store.tips import list_tips

    reg = open_existing(db_path(args))
    try:
        tips = list_tips(reg.db)
    finally:
        reg.close()
    if args.json:
        items = [
            {
                "tip_id": t.id,
                "received_at": t.received_at.isoformat(timespec="minutes"),
                "anonymous": t.anonymous,
                "place": t.place,
                "people": t.people_count,
                "about": t.about,
                "description": t.description,
                "handed_to": t.handed_to,
                "handed_at": t.handed_at.isoformat(timespec="minutes") if t.handed_at else None,
                "outcome": t.outcome,
            }
            for t in tips
        ]
        print(json.dumps(items, ensure_ascii=False, indent=1))
        return 0
    for t in tips:
        people = "" if t.people_count is None else f"{t.people_count} người"
        print(
            f"{_received(t)}\t{t.place}\t{t.about}\t{people}\t"
            f"{ANONYMOUS if t.anonymous else KNOWN_INFORMANT}\t{t.handed_to}\t{t.outcome}\t{t.id}"
        )
    print(f"{len(tips)} tin báo", file=sys.stderr)
    return 0


def _received(tip: Tip) -> str:
    """When the tip came, or a moment CamKet cannot read shown as such (domain.unreadable)."""
    stored = unreadable(tip).get("received_at")
    return shown(stored) if stored is not None else tip.received_at.strftime("%d/%m/%Y %H:%M")
