"""Derived columns: a merge's bulk deriver gives every row exactly what a form's save gives
it (a person found by a search on one PC is found on the other), whatever the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.entities import BirthDate, CleanPerson, Gender, Household, Person
from desktop.domain.text import fold_for_search
from desktop.store import households as repo
from desktop.store.derived import Deriver, derived_values, digits
from desktop.store.registry import table
from desktop.store.replicas import version_columns

# Letters a register meets: Vietnamese with both tone placements, NFD marks, đ look-alikes,
# digits of other scripts, punctuation and spaces.
TEXT = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊƠ ̣̀́̉̃ðƉ0123456789٣²-./'_ ")),
    max_size=24,
)


@given(st.text(max_size=30))
def test_digits_are_what_isdigit_keeps(text: str) -> None:
    assert digits(text) == "".join(ch for ch in text if ch.isdigit())


@given(
    st.sampled_from(["hamlet", "household", "person"]),
    st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=6),
)
def test_bulk_derived_columns_equal_those_of_one_row(
    name: str, rows: list[tuple[str, str, str, str]]
) -> None:
    spec = table(name)
    columns = version_columns(spec)
    derive = Deriver(name, columns)
    at = columns.index("household_id") if name == "person" else 0
    # The same names twice: the second time they come from what the deriver remembered.
    for first, second, third, code in rows + rows:
        row = {c: "" for c in columns}
        if name == "hamlet":
            row["name"] = first
        elif name == "household":
            row.update(code=first, phone=second, address=third)
        else:
            row.update(full_name=first, id_number=second, phone=third)
        one = derived_values(name, row, code, "12345")
        assert tuple(one) == spec.derived
        values = tuple(row[c] for c in columns)
        assert derive(values, code, "12345") == tuple(one.values())
        if name == "person":  # a merge's: its household's code folded once for its members
            households = {"h": (fold_for_search(code), "12345")}
            lines = [((*values[:at], "h", *values[at + 1 :]), "{}")]
            stored = list(derive.people(lines, 0, [-1], households, at))
            assert [row[len(columns) + 1 :] for row in stored] == [tuple(one.values())]


@given(
    st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), min_size=1, max_size=4),
    st.sampled_from([None, BirthDate(1990), BirthDate(1990, 5), BirthDate(1990, 5, 17)]),
    st.sampled_from(list(Gender)),
)
def test_bulk_rows_as_tuples_hold_what_the_rows_of_a_save_hold(
    texts: list[tuple[str, str, str, str]], birth: BirthDate | None, gender: Gender
) -> None:
    # An import's people (CleanPerson: its text as read) and any other person alike.
    for name, id_number, phone, code in texts:
        for kind in (Person, CleanPerson):
            person = kind("h", name, gender, birth, id_number, phone=phone, notes=code)
            row = repo.person_row(person, code)
            assert (
                repo.people_values([person, person], code, ("x",))
                == [(*(row[c] for c in repo.PERSON_COLUMNS), "x")] * 2
            )
            assert tuple(row) == repo.PERSON_COLUMNS
        household = Household("m", code, address=name, phone=phone, notes=id_number)
        assert repo.household_values(household) == tuple(repo.household_row(household).values())
        assert tuple(repo.household_row(household)) == repo.HOUSEHOLD_COLUMNS
