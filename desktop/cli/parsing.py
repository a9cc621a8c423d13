"""The `camket` argument parser's shared parts: Vietnamese refusals and the --db option."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

from desktop.domain.errors import KnownError
from desktop.userdata import default_register_path

T = TypeVar("T")

DB_HELP = "register file (default: the --db before the command, else the user's register)"

SUBCOMMAND_METAVARS = {"COMMAND", "WHAT", "REPORT", "ACTION"}


class Parser(argparse.ArgumentParser):
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
        if names[0] in SUBCOMMAND_METAVARS:
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
        if m[1] in SUBCOMMAND_METAVARS:
            return f"lệnh không có: {value} (các lệnh: {choices})"
        return f"giá trị không hợp lệ cho {m[1]}: {value} (chọn một trong: {choices})"
    if m := re.fullmatch(r"argument (\S+?): (.+) \((cần một số nguyên.*)\)", message):
        return f"giá trị không hợp lệ cho {m[1]}: {m[2]} ({m[3]})"
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


SQLITE_INTEGER_MAX = 2**63 - 1  # a number the register stores or compares must fit
SQLITE_INTEGER_MIN = -(2**63)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _range_words(low: int, high: int) -> str:
    if (low, high) == (SQLITE_INTEGER_MIN, SQLITE_INTEGER_MAX):
        return "cần một số nguyên, tối đa 18 chữ số"
    if high == SQLITE_INTEGER_MAX:
        return f"cần một số nguyên từ {_thousands(low)} trở lên"
    return f"cần một số nguyên từ {_thousands(low)} đến {_thousands(high)}"


def int_between(
    low: int = SQLITE_INTEGER_MIN, high: int = SQLITE_INTEGER_MAX
) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (by default any that SQLite
    stores, for options the command checks itself with its own message). Anything else (a
    word, a number beyond SQLite's 64-bit integers) is refused in Vietnamese with exit 2."""

    def whole_number(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} ({_range_words(low, high)})")
        return value

    return whole_number


def add_db(parser: argparse.ArgumentParser) -> None:
    """The --db option every command takes (after the command, as before it)."""
    parser.add_argument("--db", type=Path, dest="sub_db", metavar="PATH", help=DB_HELP)


def db_path(args: argparse.Namespace) -> Path:
    path: Path = args.sub_db or args.db or default_register_path()
    return path


def read_option(option: str, read: Callable[[str], T], text: str) -> T:
    """``read(text)``, its refusal (KnownError) naming the option the text was given to:
    "--from: Năm của ngày “01/01/0001” không hợp lý…"."""
    from desktop.messages import describe

    try:
        return read(text)
    except KnownError as err:
        raise KnownError("option.bad_value", option=option, reason=describe(err)) from None


def day_option(option: str, text: str | None) -> dt.date | None:
    """The day (dd/mm/yyyy) given to ``option``, None when it was not given or left empty."""
    from desktop.domain.pledges import parse_sheet_date

    return read_option(option, parse_sheet_date, text) if text else None


_UNDECODED = re.compile("[\ud800-\udfff]")


def refuse_undecoded(args: argparse.Namespace) -> None:
    """KnownError for a text argument holding bytes that are no UTF-8 (a script saved in a
    legacy encoding: Python keeps them as lone surrogates, which no register can store).
    Paths (``Path`` values) are the system's own names and are taken as given."""
    for value in vars(args).values():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and _UNDECODED.search(text):
                shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                raise KnownError("cli.not_unicode", text=shown[:60])
