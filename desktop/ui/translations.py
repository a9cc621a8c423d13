"""The interface language: Qt Linguist catalogs (.ts compiled to .qm) and their translators.

English is the source language of every tr() string; Vietnamese (the default) comes from
``resources/translations/camket_vi.ts`` and, for Qt's own buttons and dialogs, from our
``qtbase_vi.ts`` (Qt ships no Vietnamese). The .qm files are built, never committed:
``make`` compiles them next to the .ts files and build.spec does the same for the frozen
app. A source checkout whose .qm is missing or older than its .ts (someone edited the .ts
and ran pytest directly) gets a fresh one compiled into the user cache, so what runs is
always what the .ts says.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop import messages
from desktop.bundled import resource_path
from desktop.userdata import cache_dir

if TYPE_CHECKING:
    from desktop.domain.movements import MovementKind

log = logging.getLogger(__name__)

# Installed in this order: CamKet's own strings win over Qt's if both had one.
CATALOGS = ("qtbase", "camket")
LOCALES = {"vi": QLocale.Language.Vietnamese, "en": QLocale.Language.English}

_installed: list[QTranslator] = []
_language = "en"  # what the application shows now: the source strings until installed


def current_language() -> str:
    return _language


def translations_dir() -> Path:
    return resource_path("translations")


def lrelease_command() -> list[str]:
    """The Qt Linguist compiler shipped inside the PySide6 wheel (pyside6-lrelease)."""
    binary = Path(PySide6.__file__).parent / (
        "lrelease.exe" if sys.platform == "win32" else "lrelease"
    )
    return [str(binary)]


def compile_catalog(ts: Path, qm: Path) -> None:
    """Compile one .ts to .qm with lrelease; OSError or CalledProcessError when it cannot."""
    import subprocess  # only where a catalog is older than its source (a checkout)

    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [*lrelease_command(), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def _newer(path: Path, than: Path) -> bool:
    return path.stat().st_mtime >= than.stat().st_mtime


def catalog_path(name: str) -> Path | None:
    """The .qm of catalog ``name`` (e.g. "camket_vi"), or None (logged) when there is none."""
    ts = translations_dir() / f"{name}.ts"
    built = ts.with_suffix(".qm")
    if built.exists() and (getattr(sys, "frozen", False) or not ts.exists() or _newer(built, ts)):
        return built
    if not ts.exists():
        log.error("translation %s is missing: neither %s nor %s exists", name, built, ts)
        return None
    cached = cache_dir() / "translations" / f"{name}.qm"
    if cached.exists() and _newer(cached, ts):
        return cached
    import subprocess

    try:
        compile_catalog(ts, cached)
    except (OSError, subprocess.CalledProcessError) as exc:
        stale = " (using the older one)" if built.exists() else ""
        log.error(
            "translation %s is not compiled (run `make translations`)%s: %s", name, stale, exc
        )
        return built if built.exists() else None
    log.info("compiled %s into %s (run `make` to build it in place)", ts, cached)
    return cached


def _kind_name(kind: MovementKind) -> str:
    from desktop.ui.ledger_model import kind_name  # the ledger's models: loaded when needed

    return kind_name(kind)


def install_translators(app: QCoreApplication, language: str) -> None:
    """Make ``language`` ("vi" or "en") the interface language of ``app``.

    Replaces translators installed before, so it can be called again to switch; widgets made
    afterwards read the new language (windows already open keep theirs until reopened).
    """
    global _language
    # The known errors' wording (the CLI's stays Vietnamese), movement kinds named in it
    # as the Biến động page names them.
    messages.use_language(language, _kind_name)
    while _installed:
        app.removeTranslator(_installed.pop())
    _language = language
    QLocale.setDefault(QLocale(LOCALES.get(language, QLocale.Language.Vietnamese)))
    if language == "en":
        return  # the source strings are English, and so is Qt
    for catalog in CATALOGS:
        path = catalog_path(f"{catalog}_{language}")
        if path is None:
            continue
        translator = QTranslator(app)
        if not translator.load(str(path)):
            log.error("translation %s could not be loaded", path)
            continue
        app.installTranslator(translator)
        _installed.append(translator)
