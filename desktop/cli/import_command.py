"""`camket import`: a list of households from CSV or XLSX (docs/import.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.parsing import add_db, db_path
from desktop.domain.errors import KnownError
from desktop.messages import describe


def add_commands(commands: Any) -> None:
    imp = commands.add_parser(
        "import", help="import a list of households (CSV or XLSX; see docs/import.md)"
    )
    add_db(imp)
    imp.add_argument("file", type=Path, metavar="FILE", help="the list: .csv or .xlsx")
    imp.add_argument(
        "--mapping", type=Path, metavar="FILE.json", help="column mapping (docs/import.md)"
    )
    imp.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    imp.add_argument(
        "--skip-hidden",
        action="store_true",
        help="leave out an XLSX's rows hidden in the sheet (by hand, a filter, a collapsed"
        " group); without it they are imported, and named in the report",
    )
    imp.set_defaults(run=_import)


def _import(args: argparse.Namespace) -> int:
    from desktop.messages import import_report_lines
    from desktop.services.import_lists import ImportOptions, import_list, load_mapping
    from desktop.services.register import open_existing

    options = load_mapping(args.mapping) if args.mapping else ImportOptions()
    options.skip_hidden = args.skip_hidden
    register = open_existing(db_path(args), edits_communes=True)
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
