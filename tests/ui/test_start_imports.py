"""The window's start loads what its first page shows, nothing of printing, import or export.

`camket` is run the way a clerk starts it (the command line read, the QApplication, the
register opened, the main window shown on Tổng quan and painted) in a fresh interpreter, which
then reports what it had loaded by the time the window was on screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ui.conftest import SmallRegister

START = """
import json, linecache, sys
from desktop.cli import parse_arguments
from desktop import app
from desktop.ui.main_window import MainWindow

args = parse_arguments(["--db", sys.argv[1]])
application = app._application()
register = app.open_for_window(args.db)
window = MainWindow(register)
window.after_first_paint(window.backup_actions.backup_if_stale)
window.resize(1366, 768)
window.show()
application.processEvents()
window.grab()
loaded = sorted(sys.modules)
made = [
    f"{module}.{name}"
    for module in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
    for name in vars(sys.modules[module])
]
sources = sorted(path for path in linecache.cache if "/desktop/" in path)
heading = window.places.page("overview").heading.text()
application.processEvents()  # what the window does once painted
import sqlite_utils
ready = isinstance(register.db, sqlite_utils.Database)
print(
    json.dumps(
        {
            "modules": loaded,
            "sources": sources,
            "heading": heading,
            "ready": ready,
            "made": made,
        }
    )
)
window.shutdown()
register.close()
"""

# Each costs the start its import and is needed only by a place or a job not yet asked for.
NOT_BEFORE_THE_FIRST_PAINT = (
    "sqlite_utils",  # the register is read through its plain connection until the paint
    "click",  # sqlite-utils' command line, and the plugins it looks for
    "pluggy",
    "urllib.request",  # an HTTP client, an email parser and SSL, for nothing
    "reportlab",  # printing sheets and reports
    "PIL",
    "pypdfium2",  # the print preview
    "openpyxl",  # spreadsheets out, lists in
    "python_calamine",
    "charset_normalizer",
    "cryptography",  # signed bundles
    "sqlcipher3",  # SQLCipher's 21 MB library: a plain register's start needs none of it
    "pyrage",
    "desktop.printing",
    "desktop.exchange.bundle_file",
    "desktop.exchange.spreadsheet",
    "desktop.services.import_lists",
    "desktop.services.merge",
    "desktop.services.printing",
    "desktop.services.overview",  # Tổng quan's counts: on the task lane, after the paint
    "desktop.domain.pledges",  # Tổng quan's campaign progress: read when counted
    "desktop.domain.validation",  # checking what a clerk types
    "desktop.domain.entities",  # the dataclasses of hamlets, households, people: the commune
    "desktop.store.households",  # is read alone (domain.commune, store.communes)
    "desktop.domain.text",  # folding and sort keys: its tables are made when first used
    "desktop.ui.spreadsheet_dialog",  # File ▸ Export a spreadsheet: built when opened
    "desktop.ui.household_page",  # the other places: built when first shown
    "desktop.ui.pledge_page",
    "desktop.ui.ledger_page",
    "desktop.ui.settings_page",
    "desktop.ui.exchange_page",
    "desktop.ui.import_wizard",
    "desktop.ui.off_thread",  # work off the window's thread: File ▸ Open, a restore, unlocking
    "desktop.ui.edits",
    "desktop.ui.restore_dialog",
    "desktop.ui.passphrase_dialog",  # an encrypted register's: a plain one is told by its header
    "desktop.store.reminders",  # Tổng quan's reminders: read when counted
    "desktop.domain.movements",  # the movements' rules: Tổng quan names its figures only
    "desktop.store.restore",  # File ▸ Restore from a backup…
    "desktop.store.backups",  # the day's backup: on the task lane, after the paint
    "hashlib",  # OpenSSL's library: keys, backups' folder names and versions' digests
    "hmac",
    "secrets",
    "socket",  # the window lock reads the machine's name from os.uname
    "getpass",
    "uuid",  # with platform, ~1 % of a bare window's start: the window makes no row first
    "platform",
)

# PySide makes a class (and the Python enums it holds) the first time it is named.
NOT_MADE_BEFORE_THE_FIRST_PAINT = (
    "PySide6.QtCore.Qt",  # the Qt namespace: 93 enum classes made at once (~30 ms)
    "PySide6.QtWidgets.QMessageBox",  # dialogs: made when one is first shown
    "PySide6.QtWidgets.QFileDialog",
    "PySide6.QtWidgets.QDialogButtonBox",
    "PySide6.QtWidgets.QDialog",
    "PySide6.QtWidgets.QToolBar",  # the read-only banner's, for a register that takes no writes
)


def _started(path: Path, tmp_path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", START, str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "CAMKET_DATA_DIR": str(tmp_path / "data"),
        },
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_the_first_paint_loads_nothing_the_first_page_does_not_show(
    small_register: SmallRegister, tmp_path: Path
) -> None:
    started = _started(small_register.path, tmp_path)
    modules = started["modules"]
    assert isinstance(modules, list)
    early = [
        name
        for name in modules
        if any(
            name == heavy or name.startswith(heavy + ".") for heavy in NOT_BEFORE_THE_FIRST_PAINT
        )
    ]
    assert early == []
    assert "desktop.ui.overview_page" in modules  # the page it opens on, built and painted
    assert str(started["heading"]).startswith("Xã Sìn Hồ — ")  # its commune, not a blank
    # PySide's import hook no longer reads and keeps the source of each module imported.
    assert started["sources"] == []
    made = started["made"]
    assert isinstance(made, list)
    assert "PySide6.QtWidgets.QMainWindow" in made  # the check sees what was made
    assert [name for name in NOT_MADE_BEFORE_THE_FIRST_PAINT if name in made] == []
    # Once painted, the register is made sqlite-utils' Database: the first edit does not wait.
    assert started["ready"] is True
