"""The words a sheet fills in: placeholder values, unit names inside a sentence, dates."""

from __future__ import annotations

import re

from desktop.domain.pledges import PledgeSheet
from desktop.domain.text import fold_for_search
from desktop.printing.document import text

# Unit names start with their kind ("Xã Sìn Hồ", "Bản Nậm Cha"); inside a sentence Vietnamese
# writes the kind in lower case ("Ủy ban nhân dân xã Sìn Hồ").
_UNIT_KINDS = (
    "Tỉnh",
    "Thành phố",
    "Xã",
    "Phường",
    "Thị trấn",
    "Đặc khu",
    "Thôn",
    "Bản",
    "Ấp",
    "Khu phố",
    "Tổ dân phố",
    "Xóm",
    "Làng",
    "Buôn",
    "Plei",
    "Sóc",
    "Khóm",
)


def sheet_values(sheet: PledgeSheet) -> dict[str, str]:
    """What each template placeholder stands for on this sheet ("" prints a dotted gap)."""
    blank = not sheet.household_code
    return {
        "household_head": text(sheet.head_name),
        "household_code": text(sheet.household_code),
        "address": text(sheet.address),
        "hamlet": _inline(sheet.hamlet_name),
        "hamlet_head": text(sheet.hamlet_head),
        "commune": _inline(sheet.commune_name),
        "province": _inline_province(sheet.province_name),
        "place": text(sheet.place_name),
        "border_post": text(sheet.border_post),
        "border_officer": text(sheet.border_officer),
        "member_count": "" if blank else str(sheet.member_count),
        "signer_name": text(sheet.signer_name or sheet.head_name),
    }


def since_words(since: str) -> str:
    """ "từ năm 2019", "từ tháng 07/2014", "từ ngày 05/01/2021"."""
    if not since.replace("/", "").isdigit():
        return "từ"  # words already: "đầu 2020"
    slashes = since.count("/")
    return ("từ năm", "từ tháng", "từ ngày")[slashes] if slashes <= 2 else "từ"


def residence(values: dict[str, str], *, units_known: bool = False) -> str:
    """Address, hamlet, commune, province, each left out when the address already says it.
    With ``units_known`` (a list that names them in its heading) the units are not added,
    and the parts of the address that are just their names are left out.

    The address says a unit when one of its comma-separated parts is the unit's name, with
    or without its kind ("Nậm Tăm" or "bản Nậm Tăm", compared folded), or when its words hold
    the full name ("Số nhà 5 bản Nậm Tăm"). A unit's kind reads in lower case in the line
    ("Nơi cư trú: bản Nậm Tăm, …"), however the address was typed.
    """
    parts = [_inline(" ".join(part.split())) for part in values["address"].split(",")]
    line = [(fold_for_search(part), part) for part in parts if part]
    typed = _words(", ".join(part for _, part in line))
    # From the province down: a unit the address lacks goes in before the part that names
    # the next larger one ("Số nhà 5, bản Nậm Tăm, xã Sìn Hồ"), else at the end.
    before = len(line)
    for unit in (values["province"], values["commune"], values["hamlet"]):
        if not unit:
            continue
        names = {fold_for_search(unit), fold_for_search(_without_kind(unit))}
        # The last such part: in "Sìn Hồ, Sìn Hồ" the second is the xã, the first the bản.
        found = [i for i, (said, _) in enumerate(line) if said in names]
        if not found:
            # "Bản Ngải Há" typed into the address already names the hamlet.
            found = [i for i, (said, _) in enumerate(line) if _words(unit) in _words(said)]
        if found:
            before = min(before, found[-1])
            whole = line[found[-1]][0] in names
            # One part names one unit.
            line[found[-1]] = ("", "" if units_known and whole else line[found[-1]][1])
        elif not units_known and _words(unit) not in typed:
            line.insert(before, ("", unit))
    return ", ".join(part for _, part in line if part)


def address_in(address: str, hamlet_name: str, commune_name: str, province_name: str) -> str:
    """The address as the hamlet's own list shows it: "Số nhà 5", not "Số nhà 5, Bản Nậm Cha"."""
    units = {
        "hamlet": _inline(hamlet_name),
        "commune": _inline(commune_name),
        "province": _inline_province(province_name),
    }
    return residence({"address": text(address), **units}, units_known=True)


def _without_kind(inline: str) -> str:
    """'Nậm Tăm' from 'bản Nậm Tăm' (names inline start with their kind in lower case)."""
    for kind in _UNIT_KINDS:
        if inline.startswith(kind.lower() + " "):
            return inline[len(kind) + 1 :]
    return inline


def _words(value: str) -> str:
    # Whole words only: "Bản Hồng" does not already name "bản Hồ".
    return " " + " ".join(re.findall(r"\w+", fold_for_search(value))) + " "


def _inline_province(name: str) -> str:
    """'tỉnh Lai Châu' (the official list names most provinces without their kind)."""
    inline = _inline(name)
    if inline and inline == text(name) and not inline.startswith(_UNIT_KINDS):
        return f"tỉnh {inline}"
    return inline


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: its kind in lower case ("xã Sìn Hồ", "bản Nậm Cha")."""
    return _inline(name)


def _inline(name: str) -> str:
    name = text(name)
    for kind in _UNIT_KINDS:
        if name.startswith(kind + " "):
            return kind.lower() + name[len(kind) :]
    return name
