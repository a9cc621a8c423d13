"""The README's examples run as written against the register `camket demo` makes, so they
cannot go stale: every line of its examples block that uses demo.sqlite3, in order.

In tests/ui because two of them are `--screenshot` lines (offscreen, through the test's
QApplication); only lines that would open a window are left out.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.cli import build_parser, main

README = Path(__file__).resolve().parents[2] / "README.md"
DEMO = "demo.sqlite3"


def _example_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"^Examples:\n\n```sh\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    assert block, "README.md has no ```sh block after 'Examples:'"
    return [line for line in block[1].splitlines() if DEMO in line]


def _commands(line: str) -> list[list[str]]:
    """The `camket` commands of a line (`a && b` runs b after a); other commands are echo."""
    words = shlex.split(line, comments=True)
    commands: list[list[str]] = [[]]
    for word in words:
        if word == "&&":
            commands.append([])
        else:
            commands[-1].append(word)
    for command in commands[1:]:
        assert command[0] == "echo", f"README example runs something unexpected: {line}"
    assert commands[0][0] == "camket", line
    return [commands[0][1:]]


def _opens_a_window(argv: list[str]) -> bool:
    args = build_parser().parse_args(argv)
    return args.command is None and args.screenshot is None


def test_the_examples_block_uses_the_demo_register() -> None:
    lines = _example_lines()
    assert len(lines) >= 15
    assert shlex.split(lines[0], comments=True) == ["camket", "demo", "--db", DEMO]


def test_every_demo_example_in_the_readme_runs(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    ran = 0
    for line in _example_lines():
        for argv in _commands(line):
            if _opens_a_window(argv):
                continue
            code = main(argv)
            err = capsys.readouterr().err
            assert code == 0, f"README example failed ({code}): {line}\n{err}"
            ran += 1
            for option in ("--out", "--csv", "--screenshot"):
                if option in argv:
                    written = tmp_path / argv[argv.index(option) + 1]
                    assert written.stat().st_size > 0, f"{line}: wrote no {written.name}"
    assert ran >= 15
