"""The bundled province and commune table: counts, integrity, NFC and known units."""

from __future__ import annotations

import unicodedata
from collections import Counter

from desktop.domain.id_provinces import KNOWN_ID_PROVINCE_PREFIXES, former_province_names
from desktop.store.admin_units import (
    CommuneUnit,
    Province,
    find_commune,
    load_communes,
    load_provinces,
    province_of,
)


def test_counts_match_the_2025_reform() -> None:
    assert len(load_provinces()) == 34
    assert len(load_communes()) == 3321
    assert Counter(p.kind for p in load_provinces()) == {"tỉnh": 28, "thành phố trung ương": 6}
    assert Counter(c.kind for c in load_communes()) == {"xã": 2621, "phường": 687, "đặc khu": 13}


def test_codes_are_unique_padded_and_sorted() -> None:
    provinces = [p.code for p in load_provinces()]
    communes = [c.code for c in load_communes()]
    assert len(set(provinces)) == len(provinces)
    assert len(set(communes)) == len(communes)
    assert all(len(code) == 2 and code.isdigit() for code in provinces)
    assert all(len(code) == 5 and code.isdigit() for code in communes)
    assert provinces == sorted(provinces)
    assert communes == sorted(communes)


def test_every_commune_has_a_province_and_a_consistent_name() -> None:
    province_codes = {p.code for p in load_provinces()}
    for commune in load_communes():
        assert commune.province_code in province_codes
        assert province_of(commune).code == commune.province_code
        assert commune.name == f"{commune.kind.capitalize()} {commune.short_name}"


def test_all_strings_are_nfc_and_trimmed() -> None:
    strings = [s for p in load_provinces() for s in (p.code, p.name, p.kind)]
    strings += [
        s for c in load_communes() for s in (c.code, c.name, c.short_name, c.kind, c.province_code)
    ]
    for s in strings:
        assert unicodedata.normalize("NFC", s) == s
        assert s == " ".join(s.split()), repr(s)


def test_well_known_provinces() -> None:
    by_code = {p.code: p for p in load_provinces()}
    assert by_code["01"] == Province("01", "Thành phố Hà Nội", "thành phố trung ương")
    assert by_code["79"] == Province("79", "Thành phố Hồ Chí Minh", "thành phố trung ương")
    assert by_code["12"] == Province("12", "Lai Châu", "tỉnh")


def test_border_communes() -> None:
    sin_ho = find_commune("03478")
    assert sin_ho == CommuneUnit("03478", "Xã Sìn Hồ", "Sìn Hồ", "xã", "12")
    assert province_of(sin_ho).name == "Lai Châu"
    # Hà Giang merged into Tuyên Quang; Lũng Cú, at the northern tip, keeps its code.
    lung_cu = find_commune("00715")
    assert lung_cu == CommuneUnit("00715", "Xã Lũng Cú", "Lũng Cú", "xã", "08")
    assert province_of(lung_cu).name == "Tuyên Quang"
    assert find_commune("31078") == CommuneUnit(
        "31078", "Đặc khu Phú Quốc", "Phú Quốc", "đặc khu", "91"
    )


def test_source_double_spaces_are_collapsed() -> None:
    assert find_commune("24133") == CommuneUnit(
        "24133", "Phường Buôn Ma Thuột", "Buôn Ma Thuột", "phường", "66"
    )


def test_unknown_code_is_none() -> None:
    assert find_commune("99999") is None
    assert find_commune("") is None
    assert find_commune("3478") is None  # codes are looked up as padded strings


def test_loaders_return_fresh_lists() -> None:
    communes = load_communes()
    communes.clear()
    assert len(load_communes()) == 3321


def test_every_former_province_is_named_under_one_province_of_today() -> None:
    today = {p.code: p.name for p in load_provinces()}
    former = {code: former_province_names(code) for code in today}
    assert former["08"] == ["Hà Giang"] and former["15"] == ["Yên Bái"]
    assert sorted(former["68"]) == ["Bình Thuận", "Đắk Nông"]
    assert former["46"] == ["Thừa Thiên Huế"] and former["12"] == []  # Lai Châu stayed
    named = [name for names in former.values() for name in names]
    assert len(named) == len(set(named)) == 63 - 34 + 1  # the 29 gone, and Huế renamed
    assert set(named) <= set(KNOWN_ID_PROVINCE_PREFIXES.values()) - set(today.values())
