"""A search pasted from a document (thousands of words) is answered at once: a word repeated
counts once, more distinct words than a clerk ever types are refused in Vietnamese, and a
refused query is quoted short, never whole."""

from __future__ import annotations

import pytest

from desktop.domain.entities import BirthDate, Gender, Household, Person
from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store.search import household_ids, match_expression, search_people


def test_a_word_repeated_thousands_of_times_searches_as_once(register: OpenRegister) -> None:
    assert match_expression("lo thi " * 1400) == match_expression("lo thi")
    assert household_ids(register.db, "hoa " * 5000) == household_ids(register.db, "hoa")
    assert [p.full_name for p in search_people(register.db, "Hòa " * 5000)] == [
        p.full_name for p in search_people(register.db, "hoa")
    ]


def test_a_search_of_more_words_than_a_clerk_types_is_refused_quoted_short(
    register: OpenRegister,
) -> None:
    pasted = " ".join(f"tu{n}" for n in range(2000))
    with pytest.raises(KnownError) as refused:
        household_ids(register.db, pasted)
    assert describe(refused.value) == (
        "Tìm “tu0 tu1 tu2 tu3 tu4 tu5 tu6 tu7 tu8 tu9 …”: quá 16 từ khác nhau; hãy gõ ít"
        " từ hơn (họ tên, mã hộ, số định danh hoặc số điện thoại)."
    )
    with pytest.raises(KnownError) as empty:
        household_ids(register.db, "—" * 10_000)
    assert describe(empty.value) == (f"Từ khoá tìm kiếm phải có chữ hoặc số: “{'—' * 40}…”")
    sixteen = " ".join(f"tu{n}" for n in range(16))
    assert household_ids(register.db, sixteen) == []


def test_a_number_typed_in_groups_one_of_them_repeated_finds_its_own(
    register: OpenRegister,
) -> None:
    hamlet = repo.list_hamlets(register.db)[0]
    household = Household(hamlet_id=hamlet.id, code="NT-003", phone="0912345345")
    head = Person(household.id, "Vàng A Sử", Gender.MALE, BirthDate(1990, 1, 1), "001090001234")
    repo.add_household(register.writer, household, [head])
    # Clerks type them in groups; "001" and "345" come twice.
    assert [p.full_name for p in search_people(register.db, "001 090 001 234")] == ["Vàng A Sử"]
    assert household_ids(register.db, "0912 345 345") == [household.id]
