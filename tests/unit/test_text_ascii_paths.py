"""The ASCII short cuts of search folding and text sort strings (household codes, numbers)
give what the general way, letter by letter through the tables, gives for every text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import text as vi
from desktop.domain.text import fold_for_search, name_sort_string, text_sort_string

# Codes as communes write them, numbers, and ASCII mixed with Vietnamese and other text.
codes = st.from_regex(r"[A-Za-z]{0,3}[-./_ ']?[0-9]{0,6}[A-Za-z]?", fullmatch=True)
ascii_text = st.text(st.characters(max_codepoint=0x7F), max_size=30)
mixed = st.text(
    st.one_of(
        st.characters(max_codepoint=0x7F),
        st.sampled_from("ăâđêôơưàảãáạĐƯỜNGÐð\u0301\u0300\u00ad\u200b"),
        st.characters(),
    ),
    max_size=30,
)
any_text = st.one_of(codes, ascii_text, mixed)


def general_fold(value: str) -> str:
    """fold_for_search through its table for every text (the ASCII one included)."""
    if not value:
        return ""
    folded = value.translate(vi._FOLD_TABLE).lower()
    if folded.isalnum():
        return folded
    return vi._NON_WORD.sub(" ", folded).strip()


def general_text_sort_string(value: str) -> str:
    """text_sort_string with every word keyed letter by letter (_word_key)."""
    text = vi.normalize_text(value)
    words = [vi._word_key(w) for w in text.lower().split()]
    bases = "".join(vi._word_string(base) for base, _ in words)
    tones = "".join(vi._tones_string(tones) for _, tones in words)
    return bases + vi._END_LIST + tones + vi._END_LIST + text


@settings(max_examples=600)
@given(any_text)
def test_folding_an_ascii_text_is_folding_it_through_the_table(value: str) -> None:
    assert fold_for_search(value) == general_fold(value)


@settings(max_examples=600)
@given(any_text)
def test_a_code_sorts_as_its_letters_and_numbers_keyed_one_by_one(value: str) -> None:
    assert text_sort_string(value) == general_text_sort_string(value)


@given(st.lists(codes, min_size=2, max_size=6))
def test_codes_keep_the_order_of_their_keys(values: list[str]) -> None:
    by_string = sorted(values, key=text_sort_string)
    assert [vi.text_sort_key(v) for v in by_string] == sorted(map(vi.text_sort_key, values))


def test_household_codes_sort_by_number_not_by_character() -> None:
    codes = ["CP-0120", "CP-012", "CP-9", "cp-0100", "CP-0120X", "NT 2", "NT 10"]
    assert sorted(codes, key=text_sort_string) == [
        "CP-9",
        "CP-012",
        "cp-0100",
        "CP-0120",
        "CP-0120X",
        "NT 2",
        "NT 10",
    ]
    # A name's ASCII words are keyed the same way.
    assert name_sort_string("Lo Van A") < name_sort_string("Lo Van B")


@settings(max_examples=600)
@given(any_text)
def test_a_text_left_as_it_is_is_what_the_cleaning_table_gives(value: str) -> None:
    # normalize_text translates only a text holding a character the table changes.
    assert vi._cleaned(value) == value.translate(vi._CLEAN_TABLE)


@settings(max_examples=600)
@given(any_text)
def test_the_fold_table_folds_as_its_folding_entries_alone_do(value: str) -> None:
    # The characters mapped to themselves are there for speed only.
    folding = {cp: to for cp, to in vi._FOLD_TABLE.items() if to != chr(cp)}
    assert value.translate(vi._FOLD_TABLE) == value.translate(folding)
