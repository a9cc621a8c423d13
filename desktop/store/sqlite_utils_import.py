"""Importing sqlite-utils without paying for what only FTS work and its CLI use."""

from __future__ import annotations

import contextlib
import importlib.util
import re
import sys
from collections.abc import Iterator, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

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


@contextlib.contextmanager
def _slow_parts_deferred() -> Iterator[None]:
    """While sqlite_utils is imported: its virtual-table pattern and dateutil's parser left
    to their first use."""
    _date_parser_when_used()
    compile_now = re.compile

    def compile_or_defer(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and _SLOW_PATTERN_SIGN in pattern:
            return LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    # Only while sqlite_utils is imported: other patterns compile as usual, even from
    # another thread meanwhile.
    setattr(re, "compile", compile_or_defer)  # noqa: B010 - mypy refuses assigning a function
    try:
        yield
    finally:
        setattr(re, "compile", compile_now)  # noqa: B010


class _DeferringLoader:
    """sqlite_utils' own loader, its package run with the slow parts deferred (a loader by
    its methods: importlib.abc, ~2 % of a bare window's start, is not imported for it)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        with _slow_parts_deferred():
            self.loader.exec_module(module)

    def __getattr__(self, name: str) -> Any:  # resources, source: the real loader's
        return getattr(self.loader, name)


class _SqliteUtilsFinder:
    """Finds sqlite_utils, the first time it is imported, as the finders after it do, and
    has its package run with the slow parts deferred; then leaves the import system."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != "sqlite_utils":
            return None
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = cast("Loader", _DeferringLoader(spec.loader))
        return spec


def defer_sqlite_utils_slow_parts() -> None:
    """Whenever sqlite_utils is first imported (by any module, at any time), import it with
    its virtual-table pattern and dateutil's parser left to their first use. Importing
    sqlite_utils itself is left to what first needs it: the window's start does not."""
    if "sqlite_utils" in sys.modules or any(
        isinstance(finder, _SqliteUtilsFinder) for finder in sys.meta_path
    ):
        return
    sys.meta_path.insert(0, _SqliteUtilsFinder())
