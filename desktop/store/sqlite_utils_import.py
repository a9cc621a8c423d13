"""Importing sqlite-utils without compiling, at every start, a pattern only FTS work uses."""

from __future__ import annotations

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


def import_sqlite_utils() -> None:
    """Import sqlite_utils with its virtual-table pattern left to its first use; a no-op
    once sqlite_utils is imported."""
    if "sqlite_utils" in sys.modules:
        return
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
