"""The `camket` command: opens the window, or runs one subcommand on a register file."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import NoReturn

from desktop import __version__
from desktop.domain.entities import BirthDate
from desktop.domain.errors import KnownError
from desktop.messages import describe, describe_issue
from desktop.userdata import default_register_path, setup_logging

log = logging.getLogger(__name__)

DB_HELP = "register file (default: the --db before the command, else the user's register)"
SIGN_STATUSES = {"signed": "da_ky", "refused": "tu_choi", "absent": "vang_mat"}
DESCRIPTION = "CamKet — sổ cam kết hộ gia đình khu vực biên giới (offline register)."


_SUBCOMMAND_METAVARS = {"COMMAND", "WHAT", "REPORT", "ACTION"}


class _Parser(argparse.ArgumentParser):
    """argparse with its refusals in Vietnamese, as the README promises.

    argparse has no hook for its messages other than the text it hands to ``error``
    (its gettext domain ships no Vietnamese), so the few shapes it produces are matched here;
    anything unforeseen is still refused with exit 2, its English detail in parentheses.
    """

    def error(self, message: str) -> NoReturn:
        usage = self.format_usage().replace("usage: ", "cách dùng: ", 1)
        self._print_message(usage, sys.stderr)
        commands = [
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        ]
        self.exit(2, f"camket: {_vietnamese(message, commands)}\nxem {self.prog} --help\n")


def _vietnamese(message: str, commands: list[str]) -> str:
    if m := re.fullmatch(r"the following arguments are required: (.+)", message):
        names = m[1].split(", ")
        if names[0] in _SUBCOMMAND_METAVARS:
            return f"thiếu lệnh (các lệnh: {', '.join(commands)})"
        options = [n for n in names if n.startswith("-")]
        values = [n for n in names if not n.startswith("-")]
        parts = ([f"tùy chọn {', '.join(options)}"] if options else []) + (
            [f"tham số {', '.join(values)}"] if values else []
        )
        return "thiếu " + " và ".join(parts)
    if m := re.fullmatch(r"argument (\S+?): invalid choice: (.+?) \(choose from (.*)\)", message):
        value = m[2].strip("'\"")
        choices = m[3].replace("'", "")
        if m[1] in _SUBCOMMAND_METAVARS:
            return f"lệnh không có: {value} (các lệnh: {choices})"
        return f"giá trị không hợp lệ cho {m[1]}: {value} (chọn một trong: {choices})"
    if m := re.fullmatch(r"argument (\S+?): invalid (\w+) value: (.+)", message):
        kind = " (cần một số nguyên)" if m[2] == "int" else ""
        return f"giá trị không hợp lệ cho {m[1]}: {m[3].strip(chr(39) + chr(34))}{kind}"
    if m := re.fullmatch(r"argument (\S+?): expected (?:one|at most one|\d+) arguments?", message):
        return f"tùy chọn {m[1].split('/')[0]} cần một giá trị"
    if m := re.fullmatch(r"unrecognized arguments: (.+)", message):
        return f"không hiểu tham số: {m[1]}"
    if m := re.fullmatch(r"ambiguous option: (\S+) could match (.+)", message):
        return f"tùy chọn {m[1]} không rõ, có thể là: {m[2]}"
    return f"tham số không hợp lệ ({message})"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="camket", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"camket {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="register file (default: camket.sqlite3 in the user data folder)",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help="render the main window offscreen to a PNG and exit",
    )
    parser.add_argument(
        "--size", default="1366x768", metavar="WxH", help="window size for --screenshot"
    )
    parser.add_argument(
        "--page",
        type=int,
        default=1,
        metavar="N",
        help="side-bar place shown by --screenshot (1 households, 2 pledges, ...; as Ctrl+N)",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", help="camket COMMAND --help for its options"
    )

    init = commands.add_parser("init", help="create a register for an official commune")
    init.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    init.add_argument(
        "--commune",
        required=True,
        metavar="CODE",
        help="official commune code (Decision 19/2025/QĐ-TTg), e.g. 03478 (Xã Sìn Hồ, Lai Châu)",
    )
    init.add_argument(
        "--hamlet",
        action="append",
        default=[],
        metavar="NAME",
        help="a hamlet of the commune; repeat for each",
    )
    init.add_argument("--clerk", default="", metavar="NAME", help="the clerk who keeps it")
    init.add_argument("--border-post", default="", metavar="NAME", help="the Border Guard post")
    init.add_argument(
        "--border-officer", default="", metavar="NAME", help="the Border Guard officer"
    )

    demo = commands.add_parser("demo", help="create a register filled with synthetic households")
    demo.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    demo.add_argument(
        "--households", type=int, default=1000, metavar="N", help="how many (default 1000)"
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="the same seed, the same register (default 1)",
    )

    search = commands.add_parser("search", help="find people by name, ID, phone or household")
    search.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    search.add_argument(
        "query",
        metavar="QUERY",
        help="name, personal ID, phone or household code; no diacritics needed",
    )
    search.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N hits (default 50)"
    )
    search.add_argument("--json", action="store_true", help="print a JSON list of objects")

    check = commands.add_parser("check", help="integrity check and validation of every row")
    check.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)

    sign = commands.add_parser(
        "sign", help="record a household's pledge of the current campaign: signed, refused, absent"
    )
    sign.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    sign.add_argument("code", metavar="CODE", help="household code (or the scanned QR text)")
    sign.add_argument("--on", required=True, metavar="DD/MM/YYYY", help="date on the sheet")
    sign.add_argument(
        "--signer", metavar="NAME", help="the member who signed (default: the household head)"
    )
    sign.add_argument(
        "--status", choices=sorted(SIGN_STATUSES), default="signed", help="default: signed"
    )
    sign.add_argument("--reason", default="", metavar="TEXT", help="why refused or absent")

    printing = commands.add_parser("print", help="print pledge sheets to a PDF file")
    prints = printing.add_subparsers(
        dest="print", metavar="WHAT", required=True, help="what to print"
    )
    pledges = prints.add_parser("pledges", help="pre-filled sheets of a hamlet or the commune")
    pledges.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    pledges.add_argument("--campaign", metavar="ID", help="campaign id (default: the current)")
    pledges.add_argument("--hamlet", metavar="NAME", help="only this hamlet's households")
    pledges.add_argument("--unsigned", action="store_true", help="only households not signed")
    pledges.add_argument("--copies", type=int, default=1, metavar="N", help="sheets per household")
    pledges.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    blank = prints.add_parser("blank", help="a blank sheet for walk-in households")
    blank.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    blank.add_argument("--campaign", metavar="ID", help="campaign id (default: the current)")
    blank.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )

    report = commands.add_parser("report", help="reports: progress, lists of unsigned households")
    reports = report.add_subparsers(
        dest="report", metavar="REPORT", required=True, help="progress or unsigned"
    )
    progress = reports.add_parser("progress", help="per hamlet: signed, refused, absent, …")
    progress.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    progress.add_argument("--csv", type=Path, metavar="FILE", help="also write a CSV file")
    progress.add_argument("--out", type=Path, metavar="FILE.pdf", help="also print it to a PDF")
    unsigned = reports.add_parser("unsigned", help="lists of unsigned households per hamlet")
    unsigned.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    unsigned.add_argument("--hamlet", metavar="NAME", help="only this hamlet's list")
    unsigned.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    campaign = commands.add_parser("campaign", help="pledge campaigns: list, start one, switch")
    campaign_commands = campaign.add_subparsers(
        dest="campaign", metavar="ACTION", required=True, help="list, new or use"
    )
    listing = campaign_commands.add_parser("list", help="every campaign, the current one first")
    listing.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    new = campaign_commands.add_parser("new", help="start a campaign (current unless told)")
    new.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    new.add_argument(
        "--template", required=True, metavar="ID[@VERSION]", help="e.g. bien-gioi (latest version)"
    )
    new.add_argument("--title", default="", metavar="TEXT", help="default: the template's title")
    new.add_argument("--from", dest="starts", metavar="DD/MM/YYYY", help="first day")
    new.add_argument("--to", dest="ends", metavar="DD/MM/YYYY", help="last day")
    new.add_argument("--target", type=int, default=100, metavar="PERCENT", help="1–100")
    new.add_argument("--not-current", action="store_true", help="keep the current campaign")
    use = campaign_commands.add_parser("use", help="make a campaign the current one")
    use.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    use.add_argument(
        "campaign_id",
        metavar="ID",
        help="its id (or the start of it) from `camket campaign list`, or its template's id",
    )
    imp = commands.add_parser(
        "import", help="import a list of households (CSV or XLSX; see docs/import.md)"
    )
    imp.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)
    imp.add_argument("file", type=Path, metavar="FILE", help="the list: .csv or .xlsx")
    imp.add_argument(
        "--mapping", type=Path, metavar="FILE.json", help="column mapping (docs/import.md)"
    )
    imp.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or arguments refused (already printed)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        setup_logging()
    except OSError as exc:  # a read-only home must not stop the command
        print(f"camket: không ghi được nhật ký: {exc}", file=sys.stderr)
    try:
        if args.command is None:
            return _open_window(args)
        return COMMANDS[args.command](args)
    except KnownError as exc:
        log.warning("refused: %s", exc.code)
        print(f"camket: {describe(exc)}", file=sys.stderr)
        return 2


def _open_window(args: argparse.Namespace) -> int:
    from desktop.app import run_app  # Qt is imported only when a window is wanted

    return run_app(
        args.db or default_register_path(),
        screenshot=args.screenshot,
        size=args.size,
        page=args.page,
    )


def _db(args: argparse.Namespace) -> Path:
    path: Path = args.sub_db or args.db or default_register_path()
    return path


def _init(args: argparse.Namespace) -> int:
    from desktop.services.register import create_register

    commune = create_register(
        _db(args),
        args.commune,
        args.hamlet,
        clerk_name=args.clerk,
        border_post=args.border_post,
        border_officer=args.border_officer,
    )
    print(f"Đã tạo sổ đăng ký cho {commune.name}, {commune.province_name}: {_db(args)}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import create_demo_register

    started = time.perf_counter()
    summary = create_demo_register(_db(args), households=args.households, seed=args.seed)
    print(
        f"Đã tạo sổ mẫu {_db(args)}: {summary.households} hộ, {summary.people} nhân khẩu, "
        f"{summary.hamlets} thôn/bản ({time.perf_counter() - started:.1f} s)"
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    from desktop.store.register import open_register
    from desktop.store.search import search_people

    db = open_register(_db(args))
    try:
        hits = search_people(db, args.query, limit=args.limit)
    finally:
        db.close()
    if args.json:
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=1))
        return 0
    for hit in hits:
        birth = BirthDate.from_iso(hit.birth).display() if hit.birth else ""
        print(f"{hit.full_name}\t{birth}\t{hit.id_number}\t{hit.household_code}\t{hit.hamlet}")
    print(f"{len(hits)} kết quả", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from desktop.services.checks import check_register

    report = check_register(_db(args))
    for line in report.lines(describe_issue):
        print(line)
    return 0 if report.ok else 1


def _sign(args: argparse.Namespace) -> int:
    from desktop.domain.pledges import PledgeStatus, parse_sheet_date
    from desktop.services import pledges
    from desktop.services.checkin import check_in
    from desktop.services.progress import STATUS_LABELS
    from desktop.services.register import open_existing

    on = parse_sheet_date(args.on)
    status = PledgeStatus(SIGN_STATUSES[args.status])
    reg = open_existing(_db(args))
    try:
        household = check_in(reg, args.code).household
        signer = pledges.signer_named(reg, household.id, args.signer) if args.signer else None
        pledge = pledges.record_result(
            reg,
            household.id,
            status,
            on,
            signer_id=signer.id if signer else None,
            reason=args.reason,
        )
        names = {p.id: p.full_name for p in pledges.members_of(reg, household.id)}
    finally:
        reg.close()
    line = f"Hộ {household.code}: {STATUS_LABELS[pledge.status].lower()} ngày {args.on}"
    if pledge.signer_id:
        line += f", người ký {names.get(pledge.signer_id, '')}"
    if pledge.reason:
        line += f", lý do: {pledge.reason}"
    print(line)
    return 0


def _print(args: argparse.Namespace) -> int:
    from desktop.services.pledges import campaign_or_current
    from desktop.services.printing import print_blank, print_pledges
    from desktop.services.register import open_existing
    from desktop.services.sheets import hamlet_named

    reg = open_existing(_db(args))
    try:
        campaign = campaign_or_current(reg, args.campaign)
        if args.print == "blank":
            print_blank(reg, args.out, campaign=campaign)
            print(f"Đã in bản cam kết trắng: {args.out}")
            return 0
        hamlet = hamlet_named(reg, args.hamlet) if args.hamlet else None
        done = print_pledges(
            reg,
            args.out,
            campaign=campaign,
            hamlet=hamlet,
            unsigned_only=args.unsigned,
            copies=args.copies,
        )
    finally:
        reg.close()
    print(
        f"Đã in {done.households} hộ ({done.sheets} bản, {done.pages} trang): {args.out};"
        f" {done.marked} hộ được ghi là đã in"
    )
    return 0


def _report(args: argparse.Namespace) -> int:
    from desktop.services import progress, reports
    from desktop.services.register import open_existing
    from desktop.services.sheets import hamlet_named

    reg = open_existing(_db(args))
    try:
        campaign = progress.current_campaign(reg)
        if args.report == "unsigned":
            hamlet = hamlet_named(reg, args.hamlet) if args.hamlet else None
            done = reports.print_unsigned_lists(reg, args.out, campaign=campaign, hamlet=hamlet)
            print(f"Đã in danh sách hộ chưa ký của {done.sheets} thôn/bản: {args.out}")
            return 0
        rows = progress.progress(reg, campaign)
        if args.out:
            reports.print_progress_report(reg, args.out, campaign=campaign)
    finally:
        reg.close()
    if args.csv:
        progress.write_progress_csv(rows, args.csv)
    print(campaign.title)
    for cells in progress.progress_table(rows):
        print("\t".join(cells))
    return 0


def _campaign(args: argparse.Namespace) -> int:
    from desktop.domain.pledges import parse_sheet_date
    from desktop.services import campaigns
    from desktop.services.progress import format_percent
    from desktop.services.register import open_existing

    reg = open_existing(_db(args))
    try:
        if args.campaign == "new":
            started = campaigns.start_campaign(
                reg.writer,
                campaigns.template_named(reg.db, args.template),
                title=args.title,
                starts_on=parse_sheet_date(args.starts) if args.starts else None,
                ends_on=parse_sheet_date(args.ends) if args.ends else None,
                target_percent=args.target,
                current=not args.not_current,
            )
            print(f"Đã bắt đầu đợt “{started.title}”: {started.id}")
        elif args.campaign == "use":
            chosen = campaigns.use_campaign(
                reg.writer, campaigns.campaign_named(reg.db, args.campaign_id).id
            )
            print(f"Đợt đang thực hiện: “{chosen.title}”")
        summaries = campaigns.campaign_summaries(reg.db)
    finally:
        reg.close()
    if args.campaign != "list":
        return 0
    for s in summaries:
        c = s.campaign
        dates = " – ".join(d.strftime("%d/%m/%Y") for d in (c.starts_on, c.ends_on) if d)
        share = format_percent(100 * s.signed / s.households if s.households else 0)
        print(
            "\t".join(
                [
                    "*" if c.is_current else "",
                    c.id,
                    c.title,
                    f"{c.template_id}@{c.template_version}",
                    dates,
                    f"chỉ tiêu {c.target_percent} %",
                    f"đã ký {s.signed}/{s.households} hộ ({share} %)",
                ]
            )
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    from desktop.messages import import_report_lines
    from desktop.services.import_lists import ImportOptions, import_list, load_mapping
    from desktop.services.register import open_existing

    options = load_mapping(args.mapping) if args.mapping else ImportOptions()
    register = open_existing(_db(args))
    try:
        report = import_list(register, args.file, options, dry=args.dry_run)
    finally:
        register.close()
    for line in import_report_lines(report):
        print(line)
    if report.errors:
        refused = KnownError("import.has_errors", file=report.source, count=len(report.errors))
        print(f"camket: {describe(refused)}", file=sys.stderr)
        return 1
    return 0


COMMANDS = {
    "init": _init,
    "demo": _demo,
    "search": _search,
    "check": _check,
    "sign": _sign,
    "print": _print,
    "report": _report,
    "import": _import,
    "campaign": _campaign,
}

if __name__ == "__main__":
    sys.exit(main())
