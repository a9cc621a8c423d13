"""`camket spreadsheet`: the upload spreadsheet (CSV or XLSX) for offices that take no bundle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.parsing import add_db, db_path
from desktop.domain.upload_sheet import UploadSheet

_WHAT_WORDS = {
    UploadSheet.HOUSEHOLDS: "hộ",
    UploadSheet.PEOPLE: "nhân khẩu",
    UploadSheet.PLEDGES: "hộ (cam kết)",
    UploadSheet.RELATIVES: "thân nhân ở nước ngoài",
    UploadSheet.PROGRESS: "thôn/bản",
}


def add_commands(commands: Any) -> None:
    sheet = commands.add_parser(
        "spreadsheet", help="a flat CSV or XLSX of households, people, pledges, … for upload"
    )
    add_db(sheet)
    sheet.add_argument(
        "--what",
        required=True,
        choices=[str(w) for w in UploadSheet],
        metavar="|".join(str(w) for w in UploadSheet),  # as README and issue 8 write it
        help="one row per household, person, household's pledge (current campaign), "
        "relative abroad, or hamlet (progress)",
    )
    sheet.add_argument(
        "--commune",
        metavar="CODE",
        help="only this commune (an upper-level register): its code, or its name there",
    )
    sheet.add_argument(
        "--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx", help="the file to write"
    )
    sheet.add_argument(
        "--delimiter",
        choices=(";", ","),
        default=";",
        metavar="';'|','",
        help="CSV column delimiter (default ;, with a decimal comma; with , a decimal point)",
    )
    sheet.add_argument(
        "--headers",
        choices=("vi", "machine"),
        default="vi",
        metavar="vi|machine",
        help="Vietnamese headers (default) or stable machine names",
    )
    sheet.set_defaults(run=_spreadsheet)


def _spreadsheet(args: argparse.Namespace) -> int:
    from desktop.exchange.sheet_writer import format_for
    from desktop.outputs import check_output
    from desktop.services.register import open_existing
    from desktop.services.upload_sheet import export_sheet

    format_for(args.out, args.delimiter)
    check_output(args.out)  # before any work: never a register, never half a file
    what = UploadSheet(args.what)
    reg = open_existing(db_path(args), read_only=True)
    try:
        done = export_sheet(
            reg,
            what,
            args.out,
            commune=args.commune,
            delimiter=args.delimiter,
            headers=args.headers,
        )
    finally:
        reg.close()
    print(f"Đã xuất {done.rows} dòng ({_WHAT_WORDS[what]}): {args.out}")
    if done.sample:
        print(
            "camket: lưu ý: sổ này là dữ liệu mẫu (hộ gia đình bịa ra để dùng thử); đừng gửi"
            " bảng tính này lên cấp trên.",
            file=sys.stderr,
        )
    return 0
