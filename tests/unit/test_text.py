"""Vietnamese text rules: normalisation, search folding and sort keys."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

import pytest

from desktop.domain.text import (
    fold_for_search,
    fold_query,
    name_sort_key,
    normalize_text,
    text_sort_key,
)

# Every Vietnamese vowel with each of the six tones (none, huyền, hỏi, ngã, sắc, nặng), then đ.
VIETNAMESE_LOWER = (
    "aàảãáạ" "ăằẳẵắặ" "âầẩẫấậ" "eèẻẽéẹ" "êềểễếệ" "iìỉĩíị"
    "oòỏõóọ" "ôồổỗốộ" "ơờởỡớợ" "uùủũúụ" "ưừửữứự" "yỳỷỹýỵ" "đ"
)  # fmt: skip
FOLDED_LOWER = "a" * 18 + "e" * 12 + "i" * 6 + "o" * 18 + "u" * 12 + "y" * 6 + "d"

NON_ASCII_LETTERS = [ch for ch in VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper() if not ch.isascii()]


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


# --- normalize_text -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "Đặng Thị Thuỷ", "Trương Ngọc Ước"])
def test_nfd_input_is_stored_as_nfc(name: str) -> None:
    assert nfd(name) != name
    result = normalize_text(nfd(name))
    assert result == name
    assert unicodedata.is_normalized("NFC", result)


def test_spelled_out_combining_marks_compose() -> None:
    assert normalize_text("Nguye\u0302\u0303n") == "Nguyễn"


def test_tone_typed_before_vowel_mark_still_composes() -> None:
    # Some input methods emit the tone before the breve/circumflex; NFC alone leaves it split.
    assert normalize_text("Ba\u0301\u0306c") == "Bắc"
    assert normalize_text("Nguye\u0303\u0302n") == "Nguyễn"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Nguyễn   Văn An  ", "Nguyễn Văn An"),
        ("Nguyễn\tVăn\u00a0An", "Nguyễn Văn An"),
        ("Nguyễn\nVăn\r\n An", "Nguyễn Văn An"),
        ("\u3000Lò\u2003 Văn\x0bMinh\x00", "Lò Văn Minh"),
        ("Ng\u200buyễn\ufeff Văn An", "Nguyễn Văn An"),
        ("", ""),
        ("   \t\n", ""),
        (None, ""),
    ],
)
def test_whitespace_collapses_and_invisibles_go(raw: str | None, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Ðặng Văn Ðức", "Đặng Văn Đức"), ("ðinh", "đinh"), ("\u0189oàn", "Đoàn")],
)
def test_d_lookalikes_become_vietnamese_d(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_letter_tables_cover_all_134_vietnamese_letters() -> None:
    assert len(VIETNAMESE_LOWER) == 73
    assert len(NON_ASCII_LETTERS) == 134


@pytest.mark.parametrize(
    ("letter", "expected"),
    list(zip(VIETNAMESE_LOWER, FOLDED_LOWER, strict=True))
    + list(zip(VIETNAMESE_LOWER.upper(), FOLDED_LOWER, strict=True)),
)
def test_every_vietnamese_letter_folds_to_ascii(letter: str, expected: str) -> None:
    assert fold_for_search(letter) == expected
    assert fold_for_search(nfd(letter)) == expected


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặng", "dang"),
        ("ĐẶNG", "dang"),
        ("Hoà", "hoa"),
        ("Hòa", "hoa"),
        ("thuý", "thuy"),
        ("thúy", "thuy"),
        ("Nguyễn Văn A", "nguyen van a"),
        ("Trương Ngọc Ước", "truong ngoc uoc"),
        ("  Thôn 10/2,  bản Nà-Lạn. ", "thon 10 2 ban na lan"),
        ("Sùng_A_Páo", "sung a pao"),
        ("Ðức", "duc"),
        ("HK-01", "hk 01"),
        ("CAP0001", "cap0001"),
        ("", ""),
    ],
)
def test_fold_for_search(text: str, folded: str) -> None:
    assert fold_for_search(text) == folded


@pytest.mark.parametrize(("old", "new"), [("Hoà", "Hòa"), ("thuý", "thúy"), ("Khoẻ", "Khỏe")])
def test_tone_placement_does_not_matter(old: str, new: str) -> None:
    assert fold_for_search(old) == fold_for_search(new)


def test_nfd_input_folds_like_nfc() -> None:
    assert fold_for_search("Nguye\u0302\u0303n") == fold_for_search("Nguyễn") == "nguyen"


def test_query_tokens_match_folded_name() -> None:
    assert fold_query("nguyen van a") == fold_query("Nguyễn Văn A") == ["nguyen", "van", "a"]
    assert fold_query("  ĐẶNG,thị ") == ["dang", "thi"]


@pytest.mark.parametrize("query", ["", "   ", "...", " ,;-!? ", "\t/\\()\n", None])
def test_query_without_letters_or_digits_is_empty(query: str | None) -> None:
    assert fold_query(query) == []


def test_query_keeps_digits() -> None:
    assert fold_query("CCCD: 001-203") == ["cccd", "001", "203"]


# --- name_sort_key --------------------------------------------------------------------------


def assert_strictly_ordered(names: list[str]) -> None:
    for a, b in pairwise(names):
        assert name_sort_key(a) < name_sort_key(b), f"{a!r} should sort before {b!r}"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ang", "anh"),
        ("An", "Ăn"),
        ("Ăn", "Ân"),
        ("Ân", "Bình"),
        ("Nguyễn Văn An", "Trần Thị Bình"),
        ("Đặng Văn Dũng", "Nguyễn Minh Đức"),
        ("Dung", "Đa"),
        ("Ơn", "Pa"),
        ("Hoa", "Hưng"),
        ("Trần Đình Nam", "Bùi Văn Nam"),  # middle name decides before family name
        ("Lê Thị Hoà", "Nguyễn Thị Hoà"),
        ("Văn An", "Văn Anh"),
        ("Ẽm", "Fa"),
        ("Ịt", "Ja"),
        ("Vy", "Wa"),
        ("Ỵ", "Za"),
    ],
)
def test_name_order_pairs(first: str, second: str) -> None:
    assert name_sort_key(first) < name_sort_key(second)


def test_tones_break_ties_in_vietnamese_order() -> None:
    assert_strictly_ordered(
        ["Lê Văn Ba", "Lê Văn Bà", "Lê Văn Bả", "Lê Văn Bã", "Lê Văn Bá", "Lê Văn Bạ"]
    )


def test_tones_only_break_ties() -> None:
    # "Bạ" has the heaviest tone but its letters still put it before "Bac".
    assert name_sort_key("Bạ") < name_sort_key("Bac")
    assert name_sort_key("Nguyễn Văn Bạ") < name_sort_key("An Văn Bác")


def test_case_does_not_decide_before_letters() -> None:
    assert name_sort_key("an") < name_sort_key("Bình")
    assert name_sort_key("AN")[:6] == name_sort_key("an")[:6]


def test_single_word_and_empty_names() -> None:
    assert name_sort_key("Páo") < name_sort_key("Sùng A Páo")
    assert name_sort_key("") < name_sort_key("A")
    assert name_sort_key(None) == name_sort_key("   ")


def test_nfd_and_spacing_do_not_change_the_key() -> None:
    assert name_sort_key(nfd("Nguyễn  Văn\tAn")) == name_sort_key("Nguyễn Văn An")


def test_real_names_sort_in_vietnamese_order() -> None:
    expected = [
        "Nguyễn Văn An",
        "Phạm Thị Ánh",
        "Lê Văn Bắc",
        "Hoàng Văn Bình",
        "Vũ Đức Chính",
        "Đặng Văn Dũng",
        "Nguyễn Minh Đức",
        "Lò Văn Giàng",
        "Lê Thị Hoà",
        "Nguyễn Thị Hoà",
        "Hà Thị Hương",
        "Trần Đình Nam",
        "Bùi Văn Nam",
        "Sùng A Páo",
    ]
    shuffled = expected[7:] + expected[::-1][7:]
    assert sorted(shuffled) != expected
    assert sorted(shuffled, key=name_sort_key) == expected


# --- text_sort_key --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Thôn 2", "Thôn 10"),
        ("Thôn 9B", "Thôn 10A"),
        ("HK-009", "HK-10"),
        ("Thôn", "Thôn 1"),
        ("Thôn 10", "Thôn Dào"),
        ("Thôn Dào", "Thôn Đông"),
        ("Bản Nà", "Bản Nà Lạn"),
        ("Bản Na", "Bản Nà"),
        ("Ấp Ba", "Bản Một"),
        ("tổ 3", "Tổ 4"),
    ],
)
def test_text_order_pairs(first: str, second: str) -> None:
    assert text_sort_key(first) < text_sort_key(second)


def test_hamlets_sort_word_by_word_with_numbers() -> None:
    expected = ["Bản Lống", "Thôn 1", "Thôn 2", "Thôn 10", "Thôn 21", "Thôn Dào", "Thôn Đông"]
    assert sorted(reversed(expected), key=text_sort_key) == expected


def test_text_key_ignores_nfd_and_spacing() -> None:
    assert text_sort_key(nfd(" Thôn  Đông ")) == text_sort_key("Thôn Đông")
    assert text_sort_key(None) == text_sort_key("")


def test_sort_strings_order_like_the_sort_keys() -> None:
    # The store orders by these strings in SQL; they must agree with the tuple keys.
    import random

    from desktop.domain.text import name_sort_string, text_sort_string

    rng = random.Random(3)
    words = [
        "An",
        "Ăn",
        "Ân",
        "Bình",
        "Đặng",
        "Dũng",
        "Đức",
        "Hoà",
        "Hòa",
        "anh",
        "ang",
        "Ba",
        "Bà",
        "Bả",
        "Bã",
        "Bá",
        "Bạ",
        "Thôn",
        "2",
        "10",
        "H'Hen",
        "Lò",
        "Zô",
        "x1",
    ]
    names = [" ".join(rng.choices(words, k=rng.randint(1, 4))) for _ in range(5000)]
    by_key = [name_sort_key(n) for n in sorted(names, key=name_sort_key)]
    assert by_key == [name_sort_key(n) for n in sorted(names, key=name_sort_string)]
    by_key_t = [text_sort_key(n) for n in sorted(names, key=text_sort_key)]
    assert by_key_t == [text_sort_key(n) for n in sorted(names, key=text_sort_string)]


@pytest.mark.parametrize(
    ("name", "as_name", "as_text"),
    [
        (
            "Nguyễn Văn An",
            "Āđ\x02Ĝāđ\x02\x01đĊĚğĈđ\x02\x02\x02\x01\x13\x02Nguyễn Văn An",
            "đĊĚğĈđ\x02Ĝāđ\x02Āđ\x02\x01\x13\x02\x02\x02\x01Nguyễn Văn An",
        ),
        ("Hòa", "ċĒĀ\x02\x01\x02\x11\x02\x01\x02Hòa", "ċĒĀ\x02\x01\x11\x02\x01Hòa"),
        ("", "\x02\x01\x02\x02\x01\x02", "\x01\x01"),
        (
            "  ĐẶNG   thị  ",
            "ęċČ\x02\x01ĆāđĊ\x02\x15\x02\x01\x15\x02ĐẶNG thị",
            "ĆāđĊ\x02ęċČ\x02\x01\x15\x02\x15\x02\x01ĐẶNG thị",
        ),
        (
            "H'Hen Niê 2",
            "\x112\x02đČĈ\x02\x01ċċćđ\x02\x02\x02\x01\x02H'Hen Niê 2",
            "ċċćđ\x02đČĈ\x02\x112\x02\x01\x02\x02\x02\x01H'Hen Niê 2",
        ),
    ],
)
def test_sort_strings_are_those_registers_already_hold(
    name: str, as_name: str, as_text: str
) -> None:
    # Stored in every register's sort_key column: a row written today must sort among rows
    # written by earlier versions exactly as before.
    from desktop.domain.text import name_sort_string, text_sort_string

    assert name_sort_string(name) == as_name
    assert text_sort_string(name) == as_text
