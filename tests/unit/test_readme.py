"""README.md cannot drift from the `camket` command: every command and option is in it."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from desktop.cli import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("camket has no subcommands")


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [
        option
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction)
        for option in action.option_strings
    ]


def _mentions_option(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def test_the_parser_has_the_commands_this_test_knows() -> None:
    # Guards the introspection above: argparse internals changing would empty the lists.
    assert {"init", "demo", "search", "check"} <= set(_commands())
    assert {"--db", "--screenshot", "--size"} <= set(_options(build_parser()))


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_is_in_the_readme(command: str) -> None:
    # In a `camket …` example or synopsis line, not just anywhere as a word.
    pattern = rf"^.*\bcamket\b.*(?<![\w-]){re.escape(command)}(?![\w-])"
    assert re.search(pattern, _readme(), flags=re.MULTILINE), (
        f"README.md has no `camket {command}` example"
    )
    assert re.search(rf"`{re.escape(command)}\b", _readme()), (
        f"README.md does not describe `{command}`"
    )


@pytest.mark.parametrize("option", _options(build_parser()))
def test_every_top_level_option_is_in_the_readme(option: str) -> None:
    assert _mentions_option(_readme(), option), f"README.md does not mention camket {option}"


@pytest.mark.parametrize(
    ("command", "option"),
    [(name, option) for name, sub in sorted(_commands().items()) for option in _options(sub)],
)
def test_every_command_option_is_in_the_readme(command: str, option: str) -> None:
    assert _mentions_option(_readme(), option), (
        f"README.md does not mention camket {command} {option}"
    )


def test_the_readme_starts_with_make_run_and_make_test() -> None:
    head = "\n".join(_readme().splitlines()[:15])
    assert "make run" in head
    assert "make test" in head


@pytest.mark.parametrize(
    "command, spelled",
    [
        ("spreadsheet", "--what households|people|pledges|relatives|progress"),
        ("spreadsheet", "--out FILE.csv|FILE.xlsx"),
        ("spreadsheet", "[--delimiter ';'|',']"),
        ("spreadsheet", "[--headers vi|machine]"),
        ("export", "--out FILE.camket [--since FILE.camket] [--to KEYFILE]"),
    ],
)
def test_a_commands_usage_spells_its_values_as_the_readme_does(command: str, spelled: str) -> None:
    usage = " ".join(_commands()[command].format_usage().split())
    assert spelled in usage
    assert spelled in _readme().replace("\\|", "|")
