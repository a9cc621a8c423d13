"""The `camket` command: opens the window, or runs one subcommand on a register file.

Each group of subcommands lives in its own module and adds its parsers in `add_commands`;
a subcommand's parser carries the function that runs it (``run``).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from desktop import __version__
from desktop.cli.parsing import Parser, int_between, refuse_undecoded
from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.store.encryption import file_errors
from desktop.store.register import known_sqlite_errors
from desktop.userdata import default_register_path, setup_logging

log = logging.getLogger(__name__)

WINDOW_SIZE = "1366x768"  # --screenshot's default size
DESCRIPTION = "CamKet — sổ cam kết hộ gia đình khu vực biên giới (offline register)."
# The modules of desktop.cli adding each group's parsers, with the commands each adds. The
# whole parser (help, a command mistyped) imports every group; a command's own start imports
# its group alone (the movements and pledges of `camket movement` are nothing to an import).
COMMAND_GROUPS = {
    "register_commands": ("init", "demo", "search", "check"),
    "pledge_commands": ("sign", "print", "report", "campaign"),
    "import_command": ("import",),
    "backup_commands": ("backup", "restore"),
    "encryption_commands": ("encrypt", "passphrase"),
    "ledger_commands": ("movement", "reminders"),
    "tip_commands": ("tip",),
    "exchange_commands": ("export", "merge", "conflicts", "keys"),
    "commune_commands": ("commune",),
    "spreadsheet_command": ("spreadsheet",),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with ``command`` (one of COMMAND_GROUPS' words) the parser with
    that command's group alone, which reads that command's line as the whole one does."""
    parser = Parser(prog="camket", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"camket {__version__}")
    _add_window_options(parser)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", help="camket COMMAND --help for its options"
    )
    for group, words in COMMAND_GROUPS.items():
        if command is None or command in words:
            importlib.import_module(f"desktop.cli.{group}").add_commands(commands)
    return parser


class _WindowOptions(argparse.ArgumentParser):
    """The window's options alone: anything it cannot read is left to the whole parser."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line read. A window's start (no command, no --help or --version) is read
    with the window's options alone: every command's parser, built for nothing, cost ~4 % of
    a bare PySide6 window's start. A command's line is read by the parser of its group alone
    (build_parser(command)); anything else, a refusal included, goes through the whole parser,
    which says it as always."""
    given = list(sys.argv[1:] if argv is None else argv)
    if not given or (len(given) == 2 and given[0] == "--db" and not given[1].startswith("-")):
        # A clerk's start (`camket`, or a shortcut's `camket --db FILE`) read as argparse
        # reads it, without building a parser: argparse asks gettext for each of its words,
        # which looks for catalogues on disk and imports locale (~1 % of a bare window's start).
        return argparse.Namespace(
            db=Path(given[1]) if given else None,
            screenshot=None,
            size=WINDOW_SIZE,
            page=None,
            command=None,
        )
    window = _WindowOptions(prog="camket", add_help=False, exit_on_error=False)
    _add_window_options(window)
    try:
        args, rest = window.parse_known_args(given)
    except argparse.ArgumentError:
        rest = given
    if rest:
        # A known command word first: its group's parsers alone (help and refusals of that
        # command read the same); anything else (--help, a mistyped word) the whole parser.
        known = any(rest[0] in words for words in COMMAND_GROUPS.values())
        return build_parser(rest[0] if known else None).parse_args(given)
    args.command = None
    return args


def _add_window_options(parser: argparse.ArgumentParser) -> None:
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
        "--size", default=WINDOW_SIZE, metavar="WxH", help="window size for --screenshot"
    )
    parser.add_argument(
        "--page",
        type=int_between(1, 99),
        metavar="N",
        help="side-bar place shown by --screenshot: the one Ctrl+N opens (1 overview, "
        "2 households, 3 pledges, 4 movements, 5 exchange, 6 settings); default: the place "
        "the window opens on",
    )


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A file's name in a legacy encoding (a USB stick's "danh-s\xe1ch.csv") is printed
        # with a mark for its odd bytes, not a UnicodeEncodeError after the work was done.
        # Into a file or another program (a pipe) the output is UTF-8 whatever the system's
        # code page: Windows gives a pipe its ANSI one (cp1258, cp1252), which has no "ễ",
        # and `camket search --json > hits.json` had "Ho?ng V?n Xi?n" for every name. A
        # terminal keeps its own (Windows' console takes any letter).
        if isinstance(stream, io.TextIOWrapper):
            encoding = None if stream.isatty() else "utf-8"
            stream.reconfigure(encoding=encoding, errors="replace")
    try:
        args = parse_arguments(argv)
    except SystemExit as exc:  # --help, --version, or arguments refused (already printed)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        setup_logging()
    except OSError as exc:  # a read-only home must not stop the command
        print(f"camket: không ghi được nhật ký: {exc}", file=sys.stderr)
    try:
        refuse_undecoded(args)
        if args.command is None:
            return _open_window(args)
        from desktop.cli.encryption_commands import run_unlocking

        return run_unlocking(args)
    except BrokenPipeError:
        # Printed into a program that stopped reading (`| head`): what was done is done;
        # stdout goes nowhere now, or Python would fail again flushing it at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except file_errors():
        # A busy register, a full disk, a read-only or damaged file is the machine's state,
        # not a bug; a damaged one is marked so that no command writes to it.
        register = getattr(args, "sub_db", None) or args.db or default_register_path()
        try:
            with known_sqlite_errors(register):
                raise
        except KnownError as known:
            return _refuse(known)
    except KnownError as exc:
        return _refuse(exc)
    except KeyboardInterrupt:
        # Ctrl+C: every write is one transaction, rolled back when stopped; outputs are
        # written under a temporary name, removed. Said, not shown as a traceback.
        log.warning("stopped by Ctrl+C")
        print("\ncamket: đã dừng (Ctrl+C); việc đang làm dở chưa được ghi.", file=sys.stderr)
        return 130


def run() -> int:
    """The `camket` program (console script, `python -m desktop.cli`, the frozen build):
    main, then the objects left at the end frozen out of the cycle collector. Python's
    exit otherwise walks and frees every module, class and function one by one (an import
    of 41,000 people: 0.05 s of its 2 s, after the work was done and said); the system takes
    the memory back at once. Nothing is skipped but that: exit handlers still run, open
    files are still flushed and closed (each register is closed by its command). Not in
    main, which tests call again and again in one process."""
    code = main()
    gc.freeze()
    return code


def _refuse(error: KnownError) -> int:
    log.warning("refused: %s", error.code)
    print(f"camket: {describe(error)}", file=sys.stderr)
    return 2


def _open_window(args: argparse.Namespace) -> int:
    from desktop.app import run_app  # Qt is imported only when a window is wanted

    return run_app(
        args.db or default_register_path(),
        screenshot=args.screenshot,
        size=args.size,
        page=args.page,
    )
