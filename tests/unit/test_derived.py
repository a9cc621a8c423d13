"""Derived columns: a merge's bulk deriver gives every row exactly what a form's save gives
it (a person found by a search on one PC is found on the other), whatever the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

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
    # The same names twice: the second time they come from what the deriver remembered.
    for first, second, third, code in rows + rows:
        row = {c: "" for c in columns}
        if name == "hamlet":
            row["name"] = first
        elif name == "household":
            row.update(code=first, phone=second, address=third)
        else:
            row.update(full_name=first, id_number=second, phone=third)
        one = derived_values(name, row, code)
        assert tuple(one) == spec.derived
        assert derive(tuple(row[c] for c in columns), code) == tuple(one.values())
