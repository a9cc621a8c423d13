"""PySide's import hook answered from the file's bytes, not its whole source read and cached.

PySide6 (its __feature__ support, PYSIDE-2029) asks of every module imported after it whether
its source mentions "PySide6", through inspect.getsource: each file decoded, split into lines
and kept in linecache. For the ~100 modules the window's start imports that was ~10 ms of it.
The same question, answered from the file's bytes, is installed as soon as the application
imports Qt (desktop.app), before it imports the rest of the window.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401 - loads the hook this module answers for


def _install() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    asked = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or asked is None or getattr(asked, "from_bytes", False):
        return  # another PySide6, or installed already: its own check stays

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(asked(module))  # a built-in, compiled or source-less module
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(asked(module))

    uses_pyside.from_bytes = True  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 - mypy: no such attribute


_install()
