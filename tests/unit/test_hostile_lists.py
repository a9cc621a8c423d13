"""An XLSX written to break the reader rather than to list households (a cell placed
terabytes away) is refused in one line; the process is never aborted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.register import create_register
from tests.import_files import HEADERS, PEOPLE, write_xlsx
from tests.unit.exchange_helpers import SIN_HO, as_pc
from tests.unit.test_import_bounds import _rewrite


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("ZZZZZZ9", "camket: Tệp xa.xlsx, dòng 9, cột ZZZZZZ: quá 256 cột"),
        ("zzzzzz9", "camket: Tệp xa.xlsx, dòng 9, cột ZZZZZZ: quá 256 cột"),
        ("B4000000000", "camket: Tệp xa.xlsx có quá 250000 dòng; hãy chia thành nhiều tệp."),
    ],
)
def test_a_cell_placed_past_any_list_is_refused_without_aborting_the_process(
    tmp_path: Path, cell: str, message: str
) -> None:
    register, data = tmp_path / "sinho.sqlite3", tmp_path / "data"
    with as_pc(data):
        create_register(register, SIN_HO, ["Bản Nậm Tăm"])
    path = write_xlsx(tmp_path / "xa.xlsx", [HEADERS, *PEOPLE])
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            f'<row r="9"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
            + b"</sheetData>",
        ),
    )
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "import", "--db", str(register), str(path),
         "--dry-run"],
        capture_output=True,
        text=True,
        env={**os.environ, "CAMKET_DATA_DIR": str(data)},
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.splitlines()[-1].startswith(message)
