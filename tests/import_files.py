"""Lists as communes keep them, made by the tests: XLSX, CSV in many encodings, legacy fonts."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.domain.legacy_text import unicode_to_tcvn3, unicode_to_vni

HEADERS = [
    "STT",
    "Mã hộ",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Quan hệ với chủ hộ",
    "Thôn",
    "Số nhà",
    "Số điện thoại",
    "Dân tộc",
]

# Two households of Bản Nậm Tăm and one of a hamlet the register does not have yet.
PEOPLE = [
    ["1", "NT-101", "Giàng A Sử", "03/04/1980", "Nam", "012 080 001 999", "Chủ hộ",
     "Bản Nậm Tăm", "12", "0912 345 678", "Mông"],
    ["2", "", "Sùng Thị Dợ", "1982", "Nữ", "", "Vợ", "", "", "", "Mông"],
    ["3", "", "Giàng A Chứ", "15/09/2008", "Nam", "", "Con", "", "", "", "Mông"],
    ["4", "NT-102", "Lò Văn Thưởng", "20/11/1975", "Nam", "012.075.000.777", "Chủ hộ",
     "Nậm Tăm", "", "", "Thái"],
    ["5", "", "Đặng Thị Hoà", "1979", "Nữ", "", "Vợ", "", "", "", "Thái"],
    ["6", "PL-001", "Nguyễn Văn Quyết", "01/01/1990", "Nam", "", "Chủ hộ",
     "Thôn Phiêng Lằn", "", "", "Kinh"],
]  # fmt: skip
NAMES = [p[2] for p in PEOPLE]


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, title: bool = True) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:  # lists start with a title and a blank line before the header row
        sheet.append(["DANH SÁCH HỘ GIA ĐÌNH BẢN NẬM TĂM"])
        sheet.append([])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Excel writes it: ă â ê ô ơ ư đ precomposed, tones as combining bytes.

    Python's codec has no precomposed toned letters (ọ, ễ …), so each is split first.
    """
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return bytes(out)


def csv_text(rows: Sequence[Sequence[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def write_csv(
    path: Path, rows: Sequence[Sequence[str]], encoding: str, delimiter: str = ","
) -> Path:
    """A CSV in ``encoding``: utf-8, utf-8-sig, utf-16, cp1258, tcvn3, vni or nfd."""
    text = csv_text(rows, delimiter)
    if encoding == "cp1258":
        data = cp1258_bytes(text)
    elif encoding == "tcvn3":
        data = unicode_to_tcvn3(text).encode("cp1252")
    elif encoding == "vni":
        data = unicode_to_vni(text).encode("cp1252")
    elif encoding == "nfd":
        data = unicodedata.normalize("NFD", text).encode("utf-8")
    else:
        data = text.encode(encoding)
    path.write_bytes(data)
    return path


def encrypted_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A password-protected XLSX, as Excel's "Encrypt with password" saves it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(path.with_suffix(".plain.xlsx"), rows)
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("matkhau", target)
    plain.unlink()
    return path


def with_sheet_xml(path: Path, out: Path, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the XLSX ``path`` at ``out`` whose first sheet's XML is ``change``d (a
    hostile or odd file made from a plain one)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            copy.writestr(info, data, zipfile.ZIP_DEFLATED)
    return out
