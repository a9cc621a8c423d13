"""`camket movement` and `reminders`: the residency ledger (the tip log is tip_commands)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from typing import Any

from desktop.cli.parsing import add_db, day_option, db_path, int_between, read_option
from desktop.domain.ledger_report import check_period
from desktop.domain.movements import (
    KIND_LABELS,
    REMINDER_LABELS,
    Guest,
    Movement,
    MovementKind,
    ReminderReason,
)
from desktop.domain.pledges import parse_sheet_date
from desktop.domain.unreadable import shown
from desktop.exchange.sheet_writer import format_for
from desktop.outputs import check_pdf_and_csv

KIND_WORDS = ", ".join(k.command_word for k in MovementKind)


def add_commands(commands: Any) -> None:
    movement = commands.add_parser("movement", help="the residency ledger: add, end, list")
    actions = movement.add_subparsers(
        dest="action", metavar="ACTION", required=True, help="add, end or list"
    )
    add = actions.add_parser("add", help="record a movement; prints its id")
    add_db(add)
    add.add_argument("--kind", required=True, metavar="KIND", help=f"one of {KIND_WORDS}")
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="ID_NUMBER_OR_PERSON_ID", help="a person of the register")
    who.add_argument("--guest", metavar="NAME", help="a guest not in the register (lưu trú)")
    _field_options(add, editing=False)

    edit = actions.add_parser("edit", help="correct a saved movement (same checks as add)")
    add_db(edit)
    edit.add_argument("movement_id", metavar="MOVEMENT_ID", help="as movement add printed it")
    edit.add_argument("--kind", metavar="KIND", help=f"one of {KIND_WORDS}")
    who = edit.add_mutually_exclusive_group()
    who.add_argument("--person", metavar="ID_NUMBER_OR_PERSON_ID", help="a person of the register")
    who.add_argument("--guest", metavar="NAME", help="a guest not in the register (lưu trú)")
    _field_options(edit, editing=True)
    edit.add_argument(
        "--ended-on", metavar="DD/MM/YYYY", help="the day it ended ('' when it has not)"
    )

    end = actions.add_parser("end", help="record the end of a lasting movement")
    add_db(end)
    end.add_argument("movement_id", metavar="MOVEMENT_ID", help="as movement add printed it")
    end.add_argument("--on", required=True, metavar="DD/MM/YYYY", help="the day it ended")

    listing = actions.add_parser("list", help="the ledger, newest first")
    add_db(listing)
    listing.add_argument("--kind", metavar="KIND", help=f"only one kind: {KIND_WORDS}")
    listing.add_argument("--hamlet", metavar="NAME", help="only one hamlet")
    listing.add_argument("--open", action="store_true", help="only movements not ended")
    listing.add_argument("--from", dest="starts_from", metavar="D", help="begun on or after")
    listing.add_argument("--to", dest="starts_to", metavar="D", help="begun on or before")
    listing.add_argument("--json", action="store_true", help="print a JSON list of objects")

    reminders = commands.add_parser("reminders", help="what needs attention on a day")
    add_db(reminders)
    reminders.add_argument("--on", metavar="DD/MM/YYYY", help="the day (default today)")
    reminders.add_argument("--json", action="store_true", help="print a JSON list of objects")

    add.set_defaults(run=_add)
    edit.set_defaults(run=_edit)
    end.set_defaults(run=_end)
    listing.set_defaults(run=_list)
    reminders.set_defaults(run=_reminders)


def _field_options(parser: argparse.ArgumentParser, *, editing: bool) -> None:
    """The options of a movement's fields, shared by `movement add` and `movement edit` (where
    every one is optional and an option left out keeps what is saved; '' clears a day)."""
    keep = None if editing else ""
    parser.add_argument("--host", metavar="HOUSEHOLD_CODE", help="the guest's host household")
    parser.add_argument("--guest-id", default=keep, metavar="NUMBER", help="guest's ID/passport")
    parser.add_argument("--nationality", default=keep, metavar="TEXT", help="guest's nationality")
    parser.add_argument(
        "--birth-year", type=int_between(1900, 2100), metavar="YYYY", help="guest's birth year"
    )
    parser.add_argument(
        "--from", dest="starts", required=not editing, metavar="DD/MM/YYYY", help="the day it began"
    )
    parser.add_argument("--until", metavar="DD/MM/YYYY", help="planned end, expected return")
    parser.add_argument("--place", default=keep, metavar="TEXT", help="from/to, nơi thường trú")
    parser.add_argument("--country", default=keep, metavar="TEXT", help="country gone to or from")
    gate = parser.add_mutually_exclusive_group()
    gate.add_argument("--gate", default=keep, metavar="NAME", help="the border gate used")
    flag = argparse.BooleanOptionalAction if editing else "store_true"
    gate.add_argument(
        "--trail", action=flag, default=None if editing else False,
        help='not through a gate ("đường mòn, lối mở")',
    )  # fmt: skip
    parser.add_argument("--reason", default=keep, metavar="TEXT", help="reason, purpose")
    parser.add_argument(
        "--border-belt", action=flag, default=None if editing else False,
        help="lưu trú: the guest enters the border belt (vành đai biên giới)",
    )  # fmt: skip
    parser.add_argument(
        "--permit", default=keep, metavar="TEXT",
        help="lưu trú: a foreign guest's permit for the border area (number, issued by)",
    )  # fmt: skip


def _show(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _add(args: argparse.Namespace) -> int:
    from desktop.domain.errors import KnownError
    from desktop.services import ledger
    from desktop.services.register import open_existing

    kind = MovementKind.from_word(args.kind)
    starts = read_option("--from", parse_sheet_date, args.starts)
    until = day_option("--until", args.until)
    reg = open_existing(db_path(args), edits_communes=True)
    try:
        if args.person:
            person_id, household_id = ledger.find_person(reg.db, args.person)
            guest = None
        else:
            if not args.host:
                raise KnownError("movement.host_missing")
            person_id, household_id = None, ledger.host_household(reg.db, args.host)
            guest = Guest(args.guest, args.birth_year, args.guest_id, args.nationality)
        movement = Movement(
            kind=kind,
            household_id=household_id,
            starts_on=starts,
            person_id=person_id,
            guest=guest,
            until=until,
            place=args.place,
            country=args.country,
            gate=args.gate,
            via_trail=args.trail,
            reason=args.reason,
            border_belt=args.border_belt,
            border_permit=args.permit,
        )
        ledger.add_movement(reg, movement, dt.date.today())
    finally:
        reg.close()
    print(movement.id)
    return 0


def _edit(args: argparse.Namespace) -> int:
    from desktop.services import ledger
    from desktop.services.register import open_existing
    from desktop.store.movements import get_movement

    reg = open_existing(db_path(args), edits_communes=True)
    try:
        saved = get_movement(reg.db, args.movement_id)
        movement = ledger.edited(reg, saved, _changes(args))
        ledger.edit_movement(reg, movement, dt.date.today())
    finally:
        reg.close()
    print(f"Đã sửa {KIND_LABELS[movement.kind]} {movement.id}.")
    return 0


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    """What `movement edit` was asked to change: the options given, by Movement field."""
    changes: dict[str, Any] = {}
    if args.kind is not None:
        changes["kind"] = MovementKind.from_word(args.kind)
    for attribute, option, name in (
        ("starts", "--from", "starts_on"),
        ("until", "--until", "until"),
        ("ended_on", "--ended-on", "ended_on"),
    ):
        text = getattr(args, attribute)
        if text is not None:
            changes[name] = day_option(option, text)
    for option, name in (
        ("place", "place"), ("country", "country"), ("gate", "gate"), ("trail", "via_trail"),
        ("reason", "reason"), ("border_belt", "border_belt"), ("permit", "border_permit"),
        ("person", "person"), ("guest", "guest_name"), ("guest_id", "guest_id_number"),
        ("nationality", "guest_nationality"), ("birth_year", "guest_birth_year"),
        ("host", "host"),
    ):  # fmt: skip
        value = getattr(args, option)
        if value is not None:
            changes[name] = value
    if changes.get("gate"):
        changes["via_trail"] = False
    if changes.get("via_trail"):
        changes["gate"] = ""
    return changes


def _end(args: argparse.Namespace) -> int:
    from desktop.services import ledger
    from desktop.services.register import open_existing

    ended = read_option("--on", parse_sheet_date, args.on)
    reg = open_existing(db_path(args), edits_communes=True)
    try:
        movement = ledger.end_movement(reg, args.movement_id, ended)
    finally:
        reg.close()
    print(f"Đã ghi kết thúc {KIND_LABELS[movement.kind]} ngày {_show(ended)}.")
    return 0


def _list(args: argparse.Namespace) -> int:
    from desktop.services.register import open_existing
    from desktop.services.sheets import hamlet_named
    from desktop.store.movements import LedgerFilter, ledger

    kind = MovementKind.from_word(args.kind) if args.kind else None
    starts_from = day_option("--from", args.starts_from)
    starts_to = day_option("--to", args.starts_to)
    check_period(starts_from, starts_to)
    reg = open_existing(db_path(args))
    try:
        hamlet = hamlet_named(reg, args.hamlet) if args.hamlet else None
        where = LedgerFilter(
            kind=kind,
            hamlet_id=hamlet.id if hamlet else None,
            open_only=args.open,
            starts_from=starts_from,
            starts_to=starts_to,
        )
        rows = ledger(reg.db, where)
    finally:
        reg.close()
    if args.json:
        items = [
            {
                "movement_id": r.movement_id,
                "kind": r.kind.command_word,
                "person_id": r.person_id,
                "full_name": r.full_name,
                "household_code": r.household_code,
                "hamlet": r.hamlet,
                "from": r.starts_on.isoformat() if r.starts_on else None,
                "until": r.until.isoformat() if r.until else None,
                "ended_on": r.ended_on.isoformat() if r.ended_on else None,
                "place": r.place,
                "country": r.country,
                "gate": r.gate_words,
                "reason": r.reason,
                "border_belt": r.border_belt,
                **({"unreadable": dict(r.unreadable)} if r.unreadable else {}),
            }
            for r in rows
        ]
        print(json.dumps(items, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        where_to = r.where_words
        # A kind or a day CamKet cannot read is shown as such (domain.unreadable).
        held = dict(r.unreadable)
        kind_text, starts, until, ended = (
            shown(held[c]) if c in held else text
            for c, text in (
                ("kind", KIND_LABELS[r.kind]),
                ("starts_on", _show(r.starts_on)),
                ("until", _show(r.until)),
                ("ended_on", _show(r.ended_on)),
            )
        )
        print(
            f"{kind_text}\t{r.full_name}\t{r.household_code}\t{r.hamlet}\t"
            f"{starts}\t{until}\t{ended}\t{where_to}\t{r.reason}\t{r.movement_id}"
        )
    print(f"{len(rows)} biến động", file=sys.stderr)
    return 0


def _reminders(args: argparse.Namespace) -> int:
    from desktop.services import ledger
    from desktop.services.register import open_existing

    today = day_option("--on", args.on) or dt.date.today()
    reg = open_existing(db_path(args))
    try:
        found = ledger.reminders(reg, today)
    finally:
        reg.close()
    if args.json:
        items = [
            {
                "reason": r.reason.value,
                "due": r.due.isoformat(),
                "movement_id": r.movement_id,
                "person_id": r.person_id,
                "full_name": r.full_name,
                "household_code": r.household_code,
                "commune_code": r.commune_code,
            }
            for r in found
        ]
        print(json.dumps(items, ensure_ascii=False, indent=1))
        return 0
    unsigned = ReminderReason.HO_CHUA_KY_CAM_KET
    for r in found:
        if r.reason is not unsigned:
            print(
                f"{_show(r.due)}\t{REMINDER_LABELS[r.reason]}\t{r.full_name}\t"
                f"{r.household_label}\t{r.movement_id or ''}"
            )
    counts = Counter(r.reason for r in found)
    if counts[unsigned]:
        print(
            f"{REMINDER_LABELS[unsigned]}: {counts[unsigned]} hộ "
            "(danh sách: camket report unsigned)"
        )
    print(f"{len(found) - counts[unsigned]} việc cần theo dõi ngày {_show(today)}", file=sys.stderr)
    return 0


def report_movements(args: argparse.Namespace) -> int:
    """`camket report movements`: counts by kind on the terminal, PDF and CSV on request."""
    from desktop.services import ledger_reports
    from desktop.services.register import open_existing

    starts = read_option("--from", parse_sheet_date, args.starts)
    ends = read_option("--to", parse_sheet_date, args.ends)
    check_pdf_and_csv(args.out, args.csv)  # before any work: never a register, nor one file
    if args.csv:
        format_for(args.csv)  # .csv or .xlsx, not a .xls Excel would open with a warning
    reg = open_existing(db_path(args), read_only=True)
    try:
        report = ledger_reports.gather(reg, starts, ends)
        if args.out:
            ledger_reports.print_ledger_report(reg, report, args.out)
    finally:
        reg.close()
    if args.csv:
        ledger_reports.write_ledger_csv(report, args.csv)
    print(f"Biến động từ {_show(starts)} đến {_show(ends)}")
    for kind in MovementKind:
        print(f"{KIND_LABELS[kind]}\t{report.count(kind)}")
    print(f"Cộng\t{len(report.movements)}")
    print(f"Đang tạm vắng\t{len(report.away)}")
    print(f"Đang ở nước ngoài\t{len(report.abroad)}")
    print(
        f"Khách lưu trú\t{len(report.guests)} (nước ngoài: {report.foreign_guests}; "
        f"vào vành đai biên giới: {report.border_belt_guests})"
    )
    print(f"Tin báo\t{report.tips} (đã chuyển xử lý: {report.tips_handed})")
    return 0
