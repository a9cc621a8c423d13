"""`camket sign`, `print`, `report` and `campaign`: the pledge campaign from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli import ledger_commands
from desktop.cli.parsing import add_db, day_option, db_path, int_between, read_option
from desktop.exchange.sheet_writer import format_for
from desktop.outputs import check_output, check_pdf_and_csv

SIGN_STATUSES = {"signed": "da_ky", "refused": "tu_choi", "absent": "vang_mat"}


def add_commands(commands: Any) -> None:
    sign = commands.add_parser(
        "sign", help="record a household's pledge of the current campaign: signed, refused, absent"
    )
    add_db(sign)
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
    add_db(pledges)
    pledges.add_argument("--campaign", metavar="ID", help="campaign id (default: the current)")
    pledges.add_argument("--hamlet", metavar="NAME", help="only this hamlet's households")
    pledges.add_argument("--unsigned", action="store_true", help="only households not signed")
    pledges.add_argument(
        "--household",
        action="append",
        default=[],
        metavar="CODE",
        help="only this household (a lost or spoiled sheet); repeat for each",
    )
    pledges.add_argument(
        "--copies", type=int_between(), default=1, metavar="N", help="sheets per household"
    )
    pledges.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    blank = prints.add_parser("blank", help="a blank sheet for walk-in households")
    add_db(blank)
    blank.add_argument("--campaign", metavar="ID", help="campaign id (default: the current)")
    blank.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )

    report = commands.add_parser("report", help="reports: progress, lists of unsigned households")
    reports = report.add_subparsers(
        dest="report", metavar="REPORT", required=True, help="progress, unsigned or movements"
    )
    progress = reports.add_parser("progress", help="per hamlet: signed, refused, absent, …")
    add_db(progress)
    progress.add_argument(
        "--csv",
        type=Path,
        metavar="FILE.csv|FILE.xlsx",
        help="also write it as a CSV file (an Excel workbook when FILE ends in .xlsx)",
    )
    progress.add_argument("--out", type=Path, metavar="FILE.pdf", help="also print it to a PDF")
    unsigned = reports.add_parser("unsigned", help="lists of unsigned households per hamlet")
    add_db(unsigned)
    unsigned.add_argument("--hamlet", metavar="NAME", help="only this hamlet's list")
    unsigned.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    movements = reports.add_parser("movements", help="population movements of a period")
    add_db(movements)
    movements.add_argument("--from", dest="starts", required=True, metavar="D", help="first day")
    movements.add_argument("--to", dest="ends", required=True, metavar="D", help="last day")
    movements.add_argument("--out", type=Path, metavar="FILE.pdf", help="print it to a PDF")
    movements.add_argument(
        "--csv",
        type=Path,
        metavar="FILE.csv|FILE.xlsx",
        help="the movements as a CSV file (an Excel workbook when FILE ends in .xlsx)",
    )
    movements.set_defaults(run=ledger_commands.report_movements)
    campaign = commands.add_parser(
        "campaign", help="pledge campaigns: list, start one, correct its dates, switch"
    )
    campaign_commands = campaign.add_subparsers(
        dest="campaign", metavar="ACTION", required=True, help="list, new, edit or use"
    )
    listing = campaign_commands.add_parser("list", help="every campaign, the current one first")
    add_db(listing)
    new = campaign_commands.add_parser("new", help="start a campaign (current unless told)")
    add_db(new)
    new.add_argument(
        "--template", required=True, metavar="ID[@VERSION]", help="e.g. bien-gioi (latest version)"
    )
    new.add_argument("--title", default="", metavar="TEXT", help="default: the template's title")
    new.add_argument("--from", dest="starts", metavar="DD/MM/YYYY", help="first day")
    new.add_argument("--to", dest="ends", metavar="DD/MM/YYYY", help="last day")
    new.add_argument("--target", type=int_between(), default=100, metavar="PERCENT", help="1–100")
    new.add_argument("--not-current", action="store_true", help="keep the current campaign")
    edit = campaign_commands.add_parser(
        "edit", help="correct a campaign's dates or target (same checks as new)"
    )
    add_db(edit)
    edit.add_argument(
        "campaign_id",
        metavar="ID",
        help="its id (or the start of it) from `camket campaign list`, or its template's id",
    )
    edit.add_argument("--from", dest="starts", metavar="DD/MM/YYYY", help="first day ('' for none)")
    edit.add_argument("--to", dest="ends", metavar="DD/MM/YYYY", help="last day ('' for none)")
    edit.add_argument("--target", type=int_between(), metavar="PERCENT", help="1–100")
    use = campaign_commands.add_parser("use", help="make a campaign the current one")
    add_db(use)
    use.add_argument(
        "campaign_id",
        metavar="ID",
        help="its id (or the start of it) from `camket campaign list`, or its template's id",
    )
    sign.set_defaults(run=_sign)
    printing.set_defaults(run=_print)
    report.set_defaults(run=_report)
    campaign.set_defaults(run=_campaign)


def _sign(args: argparse.Namespace) -> int:
    from desktop.domain.pledges import PledgeStatus, parse_sheet_date
    from desktop.messages import describe
    from desktop.services import pledges
    from desktop.services.campaigns import undated_campaign_note
    from desktop.services.checkin import check_in
    from desktop.services.progress import STATUS_LABELS
    from desktop.services.register import open_existing

    on = read_option("--on", parse_sheet_date, args.on)
    status = PledgeStatus(SIGN_STATUSES[args.status])
    reg = open_existing(db_path(args), stale_backup=True, edits_communes=True)
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
        note = undated_campaign_note(reg.db, pledges.current_campaign(reg), on)
        names = {p.id: p.full_name for p in pledges.members_of(reg, household.id)}
    finally:
        reg.close()
    if note is not None:
        print(describe(note), file=sys.stderr)
    line = f"Hộ {household.code}: {STATUS_LABELS[pledge.status].lower()} ngày {args.on}"
    if pledge.signer_id:
        line += f", người ký {names.get(pledge.signer_id, '')}"
    if pledge.reason:
        line += f", lý do: {pledge.reason}"
    print(line)
    return 0


def _print(args: argparse.Namespace) -> int:
    from desktop.services.pledges import campaign_or_current, household_by_code
    from desktop.services.printing import print_blank, print_pledges
    from desktop.services.register import open_existing
    from desktop.services.sheets import hamlet_named

    check_output(args.out)  # before any work: never a register, never half a PDF
    reg = open_existing(db_path(args), stale_backup=True)
    try:
        campaign = campaign_or_current(reg, args.campaign)
        if args.print == "blank":
            print_blank(reg, args.out, campaign=campaign)
            print(f"Đã in bản cam kết trắng: {args.out}")
            return 0
        hamlet = hamlet_named(reg, args.hamlet) if args.hamlet else None
        households = [household_by_code(reg, code).id for code in args.household]
        done = print_pledges(
            reg,
            args.out,
            campaign=campaign,
            hamlet=hamlet,
            unsigned_only=args.unsigned,
            households=households,
            copies=args.copies,
        )
    finally:
        reg.close()
    left_out = (
        f"; {done.nobody_lives} hộ không còn ai cư trú không được in (xóa hộ hoặc cập nhật"
        " thành viên)"
        if done.nobody_lives
        else ""
    )
    print(
        f"Đã in {done.households} hộ ({done.sheets} bản, {done.pages} trang): {args.out};"
        f" {done.marked} hộ được ghi là đã in{left_out}"
    )
    return 0


def _report(args: argparse.Namespace) -> int:
    from desktop.services import progress, reports
    from desktop.services.register import open_existing
    from desktop.services.sheets import hamlet_named

    check_pdf_and_csv(args.out, getattr(args, "csv", None))  # before any work
    if getattr(args, "csv", None):
        format_for(args.csv)  # .csv or .xlsx, not a .xls Excel would open with a warning
    reg = open_existing(db_path(args), read_only=True)
    try:
        campaign = progress.current_campaign(reg)
        if args.report == "unsigned":
            hamlet = hamlet_named(reg, args.hamlet) if args.hamlet else None
            done = reports.print_unsigned_lists(reg, args.out, campaign=campaign, hamlet=hamlet)
            print(f"Đã in danh sách hộ chưa ký của {done.sheets} thôn/bản: {args.out}")
            return 0
        rows = progress.progress(reg, campaign)
        total = progress.total_name(reg)
        if args.out:
            reports.print_progress_report(reg, args.out, campaign=campaign)
    finally:
        reg.close()
    if args.csv:
        progress.write_progress_csv(rows, args.csv, total)
    print(campaign.title)
    for cells in progress.progress_table(rows, total):
        print("\t".join(cells))
    return 0


def _edit_campaign(reg: Any, args: argparse.Namespace) -> None:
    from desktop.domain.errors import KnownError
    from desktop.services import campaigns

    if args.starts is None and args.ends is None and args.target is None:
        raise KnownError("campaign.nothing_to_edit")
    chosen = campaigns.campaign_named(reg.db, args.campaign_id)
    kept = campaigns.KEEP
    edited = campaigns.correct_campaign(
        reg.writer,
        chosen.id,
        starts_on=kept if args.starts is None else day_option("--from", args.starts),
        ends_on=kept if args.ends is None else day_option("--to", args.ends),
        target_percent=kept if args.target is None else args.target,
    )
    dates = " – ".join(d.strftime("%d/%m/%Y") for d in (edited.starts_on, edited.ends_on) if d)
    print(
        f"Đã sửa đợt “{edited.title}”: {dates or 'không ghi ngày'},"
        f" chỉ tiêu {edited.target_percent} %"
    )


def _campaign(args: argparse.Namespace) -> int:
    from desktop.services import campaigns
    from desktop.services.progress import format_percent
    from desktop.services.register import open_existing

    listing = args.campaign == "list"
    reg = open_existing(db_path(args), stale_backup=not listing, read_only=listing)
    try:
        if args.campaign == "new":
            started = campaigns.start_campaign(
                reg.writer,
                campaigns.template_named(reg.db, args.template),
                title=args.title,
                starts_on=day_option("--from", args.starts),
                ends_on=day_option("--to", args.ends),
                target_percent=args.target,
                current=not args.not_current,
            )
            print(f"Đã bắt đầu đợt “{started.title}”: {started.id}")
        elif args.campaign == "edit":
            _edit_campaign(reg, args)
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
                    f"{c.title} ({s.communes})" if s.communes else c.title,
                    f"{c.template_id}@{c.template_version}",
                    dates,
                    f"chỉ tiêu {c.target_percent} %",
                    f"đã ký {s.signed}/{s.households} hộ ({share} %)",
                ]
            )
        )
    return 0
