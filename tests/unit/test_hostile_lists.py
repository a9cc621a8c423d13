"""An XLSX written to break the reader rather than to list households (a cell placed
terabytes away, a trillion shared strings, a date its reader panics on) is refused in one
line; the process is never aborted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.services.register import create_register
from tests.import_files import HEADERS, PEOPLE, write_xlsx
from tests.unit.exchange_helpers import SIN_HO, as_pc
from tests.unit.test_import_bounds import _rewrite


def _sin_ho(tmp_path: Path) -> tuple[Path, Path]:
    """Sìn Hồ's register and its PC's data folder."""
    register, data = tmp_path / "sinho.sqlite3", tmp_path / "data"
    with as_pc(data):
        create_register(register, SIN_HO, ["Bản Nậm Tăm"])
    return register, data


def _refusal(register: Path, path: Path, data: Path) -> str:
    """The last line of a dry-run `camket import` of ``path`` in a process of its own (an
    abort fails the test, not the run), which must refuse the file (exit 2)."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "import", "--db", str(register), str(path),
         "--dry-run"],
        capture_output=True,
        text=True,
        env={**os.environ, "CAMKET_DATA_DIR": str(data)},
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr[-2000:]
    return done.stderr.splitlines()[-1]


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
    register, data = _sin_ho(tmp_path)
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
    assert _refusal(register, path, data).startswith(message)


def test_a_shared_string_table_claiming_a_trillion_strings_is_refused(tmp_path: Path) -> None:
    register, data = _sin_ho(tmp_path)
    path = write_xlsx(tmp_path / "xa.xlsx", [HEADERS, *PEOPLE])
    shared = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="999999999999" uniqueCount="999999999999">'
        b"<si><t>x</t></si></sst>"
    )
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/sharedStrings.xml"] = shared
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, part in parts.items():
            target.writestr(name, part)
    assert _refusal(register, path, data) == (
        "camket: Tệp xa.xlsx bị hỏng hoặc không đầy đủ, không đọc được"
        " (xl/sharedStrings.xml khai báo 999999999999 mục)."
    )


def test_a_date_cell_the_reader_panics_on_is_refused_as_damaged(tmp_path: Path) -> None:
    """A birth written as a date cell of -1e300 days: the reader's date library panics."""
    register, data = _sin_ho(tmp_path)
    path = write_xlsx(tmp_path / "xa.xlsx", [HEADERS, *PEOPLE])
    _rewrite(
        path,
        "xl/styles.xml",
        lambda xml: re.sub(
            rb"<cellXfs count=\"1\">(.*?)</cellXfs>",
            rb'<cellXfs count="2">\1<xf numFmtId="14" fontId="0" fillId="0" borderId="0"'
            rb' applyNumberFormat="1" xfId="0" /></cellXfs>',
            xml,
        ),
    )
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>", b'<row r="9"><c r="D9" s="1"><v>-1e300</v></c></row></sheetData>'
        ),
    )
    assert _refusal(register, path, data) == (
        "camket: Tệp xa.xlsx bị hỏng hoặc không đầy đủ, không đọc được"
        " (TimeDelta::milliseconds out of bounds)."
    )
