"""Coded errors the app expects (bad input, wrong files); anything else is a bug."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class KnownError(Exception):
    """A failure a user can act on. ``code`` picks the wording; ``params`` fill it in.

    The domain and store never word messages themselves: the CLI and the UI look the
    code up (desktop.messages) so the same failure reads the same everywhere.
    """

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params: Mapping[str, object] = params

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.code} ({details})" if details else self.code


class FileLine(NamedTuple):
    """Where in a file a message points ("x.camket: tables/person.csv" and a line of it),
    worded in the reader's language by desktop.messages: "…, dòng 5" or "…, row 5"."""

    where: str
    number: int
