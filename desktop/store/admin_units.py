"""The bundled table of provinces and commune-level units (Decision 19/2025/QĐ-TTg codes)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from desktop.bundled import resource_path


@dataclass(frozen=True, slots=True)
class Province:
    """A province-level unit: ``code`` is two digits, e.g. "01"; ``kind`` is "tỉnh" or
    "thành phố trung ương"."""

    code: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class CommuneUnit:
    """A commune-level unit: ``code`` is five digits, e.g. "03478"; ``name`` is the full
    name ("Xã Sìn Hồ"), ``short_name`` the name without its kind ("Sìn Hồ"); ``kind`` is
    "xã", "phường" or "đặc khu"."""

    code: str
    name: str
    short_name: str
    kind: str
    province_code: str


def _read(filename: str) -> list[dict[str, str]]:
    path = resource_path("admin_units", filename)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def _provinces() -> tuple[Province, ...]:
    return tuple(Province(r["code"], r["name"], r["kind"]) for r in _read("provinces.csv"))


@cache
def _communes() -> tuple[CommuneUnit, ...]:
    return tuple(
        CommuneUnit(r["code"], r["name"], r["short_name"], r["kind"], r["province_code"])
        for r in _read("communes.csv")
    )


@cache
def _provinces_by_code() -> dict[str, Province]:
    return {p.code: p for p in _provinces()}


@cache
def _communes_by_code() -> dict[str, CommuneUnit]:
    return {c.code: c for c in _communes()}


def load_provinces() -> list[Province]:
    """All 34 provinces, sorted by code (a fresh list over the cached table)."""
    return list(_provinces())


def load_communes() -> list[CommuneUnit]:
    """All 3,321 commune-level units, sorted by code (a fresh list over the cached table)."""
    return list(_communes())


def find_commune(code: str) -> CommuneUnit | None:
    """The unit with this five-digit code, or None if there is none."""
    return _communes_by_code().get(code)


def province_of(commune: CommuneUnit) -> Province:
    """The province a unit belongs to (KeyError only if the bundled table is broken)."""
    return _provinces_by_code()[commune.province_code]


def find_province(code: str) -> Province | None:
    """The province with this two-digit code ("12" Lai Châu; "2" is read as "02", and
    "012", the first digits of its people's personal IDs, as "12"), or by its name ("Lai
    Châu", "lai chau", "tỉnh Lai Châu"), or None."""
    code = code.strip()
    if code.isdigit():
        return _provinces_by_code().get(code.lstrip("0").zfill(2))
    from desktop.domain.text import fold_for_search  # not on the window's start

    wanted = fold_for_search(code)
    for province in _provinces():
        name = fold_for_search(province.name)  # "thanh pho ha noi": "ha noi" names it too
        if wanted in (name, name.removeprefix("thanh pho "), f"tinh {name}"):
            return province
    return None
