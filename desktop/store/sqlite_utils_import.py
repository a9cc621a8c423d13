"""Importing sqlite-utils without paying at every start for what only FTS work and its CLI use."""

from __future__ import annotations

import importlib.util
import re
import sys
from typing import Any

# sqlite_utils.db compiles, when imported, a pattern recognising CREATE VIRTUAL TABLE (for
# Table.virtual_table_using). Case-insensitive over \u0080-\uffff, it takes re ~25 ms to
# compile: an eighth of a bare PySide6 window's whole start, paid by every `camket` run
# before anything is shown, for a property only enabling FTS or counts asks for.
_SLOW_PATTERN_SIGN = r"\s*CREATE\s+VIRTUAL\s+TABLE\s+"


class LazyPattern:
    """A pattern compiled (by re, with the same text and flags) when first used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


def _date_parser_when_used() -> None:
    """dateutil's date parser, which sqlite_utils.recipes imports for its CLI's conversions
    (~2 % of a bare window's start, CamKet never calls it), loaded when first used
    (importlib's LazyLoader)."""
    if "dateutil.parser" in sys.modules:
        return
    try:
        import dateutil
    except ImportError:  # pragma: no cover - a dependency of sqlite-utils
        return
    spec = importlib.util.find_spec("dateutil.parser")
    if spec is None or spec.loader is None:  # pragma: no cover
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    parser = importlib.util.module_from_spec(spec)
    sys.modules["dateutil.parser"] = parser
    setattr(dateutil, "parser", parser)  # noqa: B010 - `from dateutil import parser` finds it
    loader.exec_module(parser)


def import_sqlite_utils() -> None:
    """Import sqlite_utils with its virtual-table pattern and dateutil's parser left to their
    first use; a no-op once sqlite_utils is imported."""
    if "sqlite_utils" in sys.modules:
        return
    _date_parser_when_used()
    compile_now = re.compile

    def compile_or_defer(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and _SLOW_PATTERN_SIGN in pattern:
            return LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    # Only for the import of sqlite_utils (at start, one thread): other patterns compile
    # as usual, even from another thread meanwhile.
    setattr(re, "compile", compile_or_defer)  # noqa: B010 - mypy refuses assigning a function
    try:
        import sqlite_utils  # noqa: F401
    finally:
        setattr(re, "compile", compile_now)  # noqa: B010
