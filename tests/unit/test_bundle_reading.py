"""Reading a bundle's tables: each line decoded into the version the register stores, a bad
cell named by its line and column."""

from __future__ import annotations

import pytest

from desktop.domain.errors import KnownError
from desktop.domain.versions import Version
from desktop.services.register import OpenRegister
from desktop.store.registry import table
from desktop.store.replicas import version_columns
from desktop.store.row_decoder import RowDecoder

VV = '{"3c47a1e0-0000-4000-8000-000000000001":2}'


def _person_line(**cells: str) -> tuple[list[str], list[str]]:
    """A person.csv header (its columns in reverse: a reader goes by name, never by
    position) and one line of it."""
    spec = table("person")
    header = [*reversed(spec.exported)]
    values = {c: "" for c in header} | {
        "id": "p1", "household_id": "h1", "full_name": "Đặng Văn Hoà", "gender": "nam",
        "residence": "thuong_tru", "position": "2", "created_at": "2026-12-05T08:00:00.000Z",
        "updated_at": "2026-12-05T08:00:00.000Z", "updated_by": "pc", "rev": "3",
        "deleted": "0", "vv": VV,
    } | cells  # fmt: skip
    return header, [values[c] for c in header]


def test_a_line_becomes_the_version_with_nulls_and_whole_numbers(register: OpenRegister) -> None:
    header, line = _person_line(birth="")
    version = RowDecoder(register.db, table("person"), header, "b.camket: person.csv")(line, 2)
    row = dict(zip(version.columns, version.values, strict=True))
    assert version.columns == version_columns(table("person"))
    assert (row["full_name"], row["birth"], row["position"], row["rev"]) == (
        "Đặng Văn Hoà",
        None,  # may be NULL: empty is NULL
        2,
        3,
    )
    assert row["id_number"] == ""  # text that may not be NULL stays empty text
    assert version.vv == VV
    assert version == Version(version.columns, version.values, VV)
    assert hash(version) == hash(Version(version.columns, version.values, VV))


@pytest.mark.parametrize(
    ("cells", "column", "value"),
    [
        ({"position": "hai"}, "position", "hai"),
        ({"rev": ""}, "rev", ""),  # a whole number that may not be NULL
        ({"position": "x", "rev": "y"}, "position", "x"),  # the first bad cell in column order
        ({"gender": "x"}, "gender", "x"),  # a code the register cannot read back
        ({"vv": "{not json"}, "vv", "{not json"),
    ],
)
def test_a_bad_cell_is_refused_naming_its_line_and_column(
    register: OpenRegister, cells: dict[str, str], column: str, value: str
) -> None:
    header, line = _person_line(**cells)
    decode = RowDecoder(register.db, table("person"), header, "b.camket: person.csv")
    with pytest.raises(KnownError) as refused:
        decode(line, 7)
    assert refused.value.code == "bundle.bad_value"
    assert refused.value.params == {
        "where": "b.camket: person.csv, dòng 7",
        "column": column,
        "value": value,
    }


def test_a_missing_column_is_refused_by_name(register: OpenRegister) -> None:
    header, _line = _person_line()
    header.remove("full_name")
    with pytest.raises(KnownError) as refused:
        RowDecoder(register.db, table("person"), header, "b.camket: person.csv")
    assert refused.value.params["column"] == "full_name"
