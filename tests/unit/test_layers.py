"""Everything below the window runs without Qt: the `camket` subcommands never load it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

UNIT_TESTS = Path(__file__).parent


def test_unit_tests_do_not_import_qt() -> None:
    offenders = [
        path.name
        for path in UNIT_TESTS.glob("*.py")
        if path.name != Path(__file__).name
        and any(word in path.read_text(encoding="utf-8") for word in ("PySide6", "pytestqt"))
    ]
    assert offenders == []


def test_command_line_work_loads_no_qt(tmp_path: Path) -> None:
    # `camket init/demo/search/check` in one process: PySide6 must never be imported.
    script = f"""
import sys
from desktop.cli import main
db = {str(tmp_path / "r.sqlite3")!r}
assert main(["demo", "--db", db, "--households", "20"]) == 0
assert main(["search", "--db", db, "a", "--json"]) == 0
assert main(["check", "--db", db]) in (0, 1)
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
assert not loaded, loaded
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"CAMKET_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
