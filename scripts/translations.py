"""Keep resources/translations/ in step with the tr() strings of the sources (Qt Linguist).

Run from the repository root (``make translations`` does both steps):

    .venv/bin/python scripts/translations.py update [--ts FILE]
    .venv/bin/python scripts/translations.py compile

``update`` runs pyside6-lupdate over desktop/ui and desktop/app.py into camket_vi.ts (or
FILE): new strings arrive as unfinished entries with an empty translation, strings no longer
in the code are dropped, existing translations are kept. Fill in the Vietnamese with Qt
Linguist (``.venv/bin/pyside6-linguist resources/translations/camket_vi.ts``) or any text
editor, and remove ``type="unfinished"``. No line numbers are stored, so moving code around
does not touch the file (and helpers working at once do not conflict over it).

``compile`` builds every .ts into the .qm beside it (git ignores the .qm files).
qtbase_vi.ts is written by hand: Qt's own strings are not in our sources.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.ui.translations import compile_catalog  # noqa: E402

TRANSLATIONS = ROOT / "resources" / "translations"
APP_CATALOG = TRANSLATIONS / "camket_vi.ts"


def source_files() -> list[Path]:
    """Every file that may hold tr() strings: Qt lives only in desktop/ui and desktop/app.py."""
    return [*sorted((ROOT / "desktop" / "ui").rglob("*.py")), ROOT / "desktop" / "app.py"]


def lupdate_command() -> list[str]:
    name = "lupdate.exe" if sys.platform == "win32" else "lupdate"
    return [str(Path(PySide6.__file__).parent / name)]


def update(ts: Path) -> None:
    subprocess.run(
        [
            *lupdate_command(),
            "-silent",
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            "vi",
            *(str(path) for path in source_files()),
            "-ts",
            str(ts),
        ],
        check=True,
        cwd=ROOT,
    )


def compile_all() -> None:
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        compile_catalog(ts, ts.with_suffix(".qm"))
        print(f"translations: {ts.relative_to(ROOT)} -> {ts.with_suffix('.qm').name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    update_parser = commands.add_parser("update", help="lupdate the sources into the .ts")
    update_parser.add_argument("--ts", type=Path, default=APP_CATALOG)
    commands.add_parser("compile", help="lrelease every .ts into its .qm")
    args = parser.parse_args(argv)
    if args.command == "update":
        update(args.ts)
    else:
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
