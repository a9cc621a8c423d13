"""Lists typed with .VnTime (TCVN3) or VNI fonts come back as the Vietnamese they were."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.domain.legacy_text import (
    Legacy,
    capitalise_words,
    convert_legacy,
    detect_legacy,
    legacy_reading,
    reads_vietnamese,
    refuse_legacy_font,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)
from desktop.domain.validation import IssueCode, check_name

# Names of Kinh and of the border's ethnic groups, with every tone and vowel mark.
NAMES = [
    "Nguyễn Văn Quyết",
    "Đặng Thị Hoà",
    "Lò Văn Thưởng",
    "Giàng A Páo",
    "Sùng Thị Mỷ",
    "Ngô Quốc Việt",
    "Trần Thị Ngọc Bích",
    "Hoàng Đức Thắng",
    "Vàng Thị Dợ",
    "Lý Ngọc Ẩn",
    "Phạm Thuỳ Dương",
    "Tạ Quỳnh Hương",
    "Bế Văn Đạt",
    "Hà Thị Nguyệt",
    "Mùa A Dếnh",
    "Thôn Nậm Tăm",
    "Bản Phiêng Lằn",
    "Tổ dân phố Ẳng Cang",
]


@pytest.mark.parametrize("name", NAMES)
def test_vni_round_trip(name: str) -> None:
    encoded = unicode_to_vni(name)
    assert max(encoded) <= "\xff"  # really an 8-bit font's text
    assert encoded.encode("cp1252").decode("cp1252") == encoded
    assert vni_to_unicode(encoded) == name


@pytest.mark.parametrize("name", NAMES)
def test_tcvn3_round_trip_up_to_the_capitals_the_font_cannot_write(name: str) -> None:
    encoded = unicode_to_tcvn3(name)
    assert max(encoded) <= "\xff"
    # .VnTime has no capital with a tone ("Ẩn", "Ẳng"): they come back lower case, and a
    # name column puts the capitals back.
    assert capitalise_words(tcvn3_to_unicode(encoded)) == capitalise_words(name)
    if not any(ch.isupper() and not ch.isascii() and ch not in "ĂÂÊÔƠƯĐ" for ch in name):
        assert tcvn3_to_unicode(encoded) == name


def test_known_tcvn3_and_vni_samples() -> None:
    # As a .VnTime and a VNI-Times document show them in a Unicode editor.
    assert tcvn3_to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert tcvn3_to_unicode("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc"
    assert vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"


def test_vntimeh_capitals_come_back_as_capitals() -> None:
    assert tcvn3_to_unicode("NGUYÔN V¡N §øC") == "NGUYỄN VĂN ĐỨC"
    assert vni_to_unicode("NGUYEÃN VAÊN ÑÖÙC") == "NGUYỄN VĂN ĐỨC"


def test_a_sheet_is_recognised_by_its_cells() -> None:
    assert detect_legacy([unicode_to_tcvn3(n) for n in NAMES]) is Legacy.TCVN3
    assert detect_legacy([unicode_to_vni(n) for n in NAMES]) is Legacy.VNI
    assert detect_legacy(NAMES) is Legacy.NONE
    nfd = [unicodedata.normalize("NFD", n) for n in NAMES]
    assert detect_legacy(nfd) is Legacy.NONE
    assert detect_legacy(["STT", "1", "Nam", "012345678901"]) is Legacy.NONE


def test_unicode_cells_of_a_legacy_sheet_are_left_alone() -> None:
    # A header retyped in Unicode above TCVN3 data must not be "converted" again.
    assert convert_legacy("Họ và tên", Legacy.TCVN3) == "Họ và tên"
    assert convert_legacy("Quan hệ", Legacy.VNI) == "Quan hệ"
    assert convert_legacy("Nam", Legacy.VNI) == "Nam"
    assert convert_legacy("V¨n", Legacy.TCVN3) == "Văn"


def test_abbreviations_do_not_turn_a_tcvn3_cell_into_capitals() -> None:
    assert tcvn3_to_unicode("Sè CCCD") == "Số CCCD"
    assert tcvn3_to_unicode("Sè §T") == "Số ĐT"
    assert tcvn3_to_unicode("B¶n NËm T¨m - UBND x·") == "Bản Nậm Tăm - UBND xã"


# Foreign names hold the very Latin-1 letters the legacy fonts used for Vietnamese.
FOREIGN_NAMES = [
    "Pablo Muñoz",
    "Thomas Müller",
    "François Dupré",
    "Søren Kierkegaard",
    "Björk Guðmundsdóttir",
    "Jürgen Weiß",
    "Íñigo Ñúñez",
    "Anaïs Noël",
    "Raphaël Çelik",
    "Anders Ångström",
    "Günther Gößmann",
]


@pytest.mark.parametrize("name", FOREIGN_NAMES)
def test_a_foreign_name_is_no_legacy_font(name: str) -> None:
    assert check_name(name) == []
    assert legacy_reading((name,), least=1) is None
    refuse_legacy_font((name, "Đức", "Thăm bạn"))  # a guest of the ledger: kept as typed


@pytest.mark.parametrize("name", NAMES)
def test_vietnamese_typed_in_either_legacy_font_is_still_told(name: str) -> None:
    for encoded, font in ((unicode_to_tcvn3(name), "TCVN3"), (unicode_to_vni(name), "VNI")):
        reading = legacy_reading((encoded,), least=1)
        assert reading is not None and reading.font.startswith(font), encoded
        (issue,) = [i for i in check_name(encoded) if i.code == IssueCode.NAME_LEGACY_FONT]
        assert unicodedata.normalize("NFC", name).lower() == issue.params["meant"].lower()


def test_a_syllable_is_read_as_vietnamese_only_when_it_is_one() -> None:
    for word in ("Nguyễn", "giữa", "quốc", "nghiêng", "Ư", "Đặng,", "Mai-Anh", "khuya"):
        assert reads_vietnamese(word), word
    for word in ("Mỹller", "Muđoz", "Franỗois", "Sứren", "Bjưrk", "ầelik", "Hòả"):
        assert not reads_vietnamese(word), word
