"""Reading a bundle: its tables streamed in little memory, each entry's hash checked as it
is read (a tampered, cut or damaged entry still refused), each line decoded into the
version the register stores, a bad cell named by its line and column."""

from __future__ import annotations

import base64
import hashlib
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.domain.errors import FileLine, KnownError
from desktop.domain.versions import Version
from desktop.exchange.bundle_file import (
    BundleWriter,
    Manifest,
    attachment_entry,
    open_bundle,
    table_entry,
)
from desktop.messages import describe
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


@pytest.mark.parametrize("birth", ["1975", "1975-05", "1976-02-29"])
def test_a_birth_known_to_the_year_month_or_day_is_read(register: OpenRegister, birth: str) -> None:
    header, line = _person_line(birth=birth)
    version = RowDecoder(register.db, table("person"), header, "b.camket: person.csv")(line, 2)
    assert version.get("birth") == birth


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
        ({"birth": "1975-02-30"}, "birth", "1975-02-30"),  # no such day
        ({"birth": "1975-13"}, "birth", "1975-13"),
        ({"vv": "{not json"}, "vv", "{not json"),
        ({"created_at": "hôm qua"}, "created_at", "hôm qua"),  # no moment at all
        # compared as text, "…08:00:00Z" would pass for later than "…08:00:00.500Z"
        ({"updated_at": "2026-12-05T08:00:00Z"}, "updated_at", "2026-12-05T08:00:00Z"),
        ({"updated_at": "2026-12-05 08:00:00.000"}, "updated_at", "2026-12-05 08:00:00.000"),
        ({"deleted": "2"}, "deleted", "2"),  # a tombstone is 1, a live row 0
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
        "where": FileLine("b.camket: person.csv", 7),
        "column": column,
        "value": value,
    }
    assert describe(refused.value).startswith("b.camket: person.csv, dòng 7: cột ")


def test_a_stamp_of_a_year_the_register_does_not_take_is_refused_as_such(
    register: OpenRegister,
) -> None:
    """A version stamped 2999 would win every tie between versions of its row for ever."""
    header, line = _person_line(updated_at="2999-01-01T00:00:00.000Z")
    decode = RowDecoder(register.db, table("person"), header, "b.camket: person.csv")
    with pytest.raises(KnownError) as refused:
        decode(line, 2)
    assert refused.value.code == "bundle.date_out_of_range"
    assert refused.value.params["column"] == "updated_at"


def test_who_made_a_version_is_at_most_an_ids_length(register: OpenRegister) -> None:
    header, line = _person_line(updated_by="x" * 101)
    decode = RowDecoder(register.db, table("person"), header, "b.camket: person.csv")
    with pytest.raises(KnownError) as refused:
        decode(line, 2)
    assert refused.value.code == "bundle.text_too_long"
    assert (refused.value.params["column"], refused.value.params["maximum"]) == ("updated_by", 100)


@pytest.mark.parametrize(
    ("name", "cells", "column"),
    [
        ("hamlet", {"commune_code": "03478", "kind": "ban", "is_border": "2"}, "is_border"),
        ("campaign", {"template_version": "1", "target_percent": "150"}, "target_percent"),
        ("campaign", {"template_version": "1", "target_percent": "0"}, "target_percent"),
    ],
)
def test_a_number_the_register_does_not_hold_is_refused(
    register: OpenRegister, name: str, cells: dict[str, str], column: str
) -> None:
    """A hamlet on the border is 1 or 0; a campaign's target 1 to 100 % (read as such even
    when the line only waits for a person, never kept)."""
    spec = table(name)
    line = {c: "" for c in spec.exported} | {
        "id": "r1", "created_at": "2026-12-05T08:00:00.000Z",
        "updated_at": "2026-12-05T08:00:00.000Z", "updated_by": "pc", "rev": "1",
        "deleted": "0", "vv": VV,
    } | cells  # fmt: skip
    decode = RowDecoder(register.db, spec, list(spec.exported), f"b.camket: {name}.csv")
    with pytest.raises(KnownError) as refused:
        decode([line[c] for c in spec.exported], 2)
    assert (refused.value.code, refused.value.params["column"]) == ("bundle.bad_value", column)


def test_a_missing_column_is_refused_by_name(register: OpenRegister) -> None:
    header, _line = _person_line()
    header.remove("full_name")
    with pytest.raises(KnownError) as refused:
        RowDecoder(register.db, table("person"), header, "b.camket: person.csv")
    assert refused.value.params["column"] == "full_name"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("birth_place", "bundle.unknown_column"),  # a newer CamKet's, another program's
        ("sort_key", "bundle.unknown_column"),  # derived: never in a bundle
        ("phone", "bundle.column_twice"),  # which of the two cells is the phone?
    ],
)
def test_a_column_the_table_never_has_or_named_twice_is_refused_not_dropped(
    register: OpenRegister, extra: str, code: str
) -> None:
    header, _line = _person_line()
    header.append(extra)
    with pytest.raises(KnownError) as refused:
        RowDecoder(register.db, table("person"), header, "b.camket: person.csv")
    assert refused.value.code == code
    assert refused.value.params == {"where": "b.camket: person.csv", "column": extra}


PICTURE = b"\x89PNG a drawn signature"
PICTURE_ENTRY = attachment_entry(hashlib.sha256(PICTURE).hexdigest())
PEOPLE = table_entry("person")


def _write_bundle(path: Path, people: int) -> Path:
    """A signed bundle of ``people`` lines of person.csv and one attachment."""
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    with path.open("wb") as fh:
        writer = BundleWriter(fh)
        lines = ((f"p{n:07d}", "Đặng Văn Hoà", str(n % 7)) for n in range(people))
        writer.write_csv(PEOPLE, ["id", "full_name", "position"], lines)
        writer.write_bytes(PICTURE_ENTRY, PICTURE)
        manifest = Manifest(
            kind="full",
            register="commune",
            communes=["03478"],
            installation_id="3c47a1e0-0000-4000-8000-000000000001",
            public_key=base64.b64encode(public).decode(),
            made_at="2026-12-05T08:00:00.000Z",
            seq=1,
            register_id="9a1e0000-0000-4000-8000-000000000002",
        )
        writer.finish(manifest, lambda body: base64.b64encode(key.sign(body)).decode())
    return path


def _altered(bundle: Path, entry: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy with one entry's bytes changed, its manifest and signature as they were."""
    out = bundle.with_name(f"altered-{bundle.name}")
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, change(data) if info.filename == entry else data)
    return out


def _read_all(path: Path) -> int:
    bundle = open_bundle(path, whole=False)
    try:
        lines = sum(1 for _ in bundle.rows("person"))
        bundle.check_whole()
        return lines
    finally:
        bundle.close()


def test_a_tables_rows_are_streamed_not_held(tmp_path: Path) -> None:
    """300,000 lines (about 10 MB of text) read in a few hundred KiB: a province's person
    table (~600 MB) is read the same way."""
    bundle = open_bundle(_write_bundle(tmp_path / "big.camket", 300_000), whole=False)
    try:
        tracemalloc.start()
        try:
            lines = 0
            for _cells in bundle.rows("person"):
                lines += 1
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert lines == 300_001  # the header and every line
        assert PEOPLE in bundle.checked  # hashed on the way
        assert peak < 4 * 1024**2
    finally:
        bundle.close()


def test_a_tampered_table_is_refused_by_the_end_of_its_rows(tmp_path: Path) -> None:
    good = _write_bundle(tmp_path / "b.camket", 50)
    assert _read_all(good) == 51
    bad = _altered(good, PEOPLE, lambda d: d.replace(b"p0000042", b"p0000099"))
    bundle = open_bundle(bad, whole=False)  # the manifest and its signature are good
    try:
        with pytest.raises(KnownError) as refused:
            for _cells in bundle.rows("person"):
                pass
        assert (refused.value.code, refused.value.params["detail"]) == ("bundle.tampered", PEOPLE)
        assert PEOPLE not in bundle.checked
    finally:
        bundle.close()
    with pytest.raises(KnownError) as refused:
        open_bundle(bad)  # checked whole on opening: refused before a row is read
    assert refused.value.code == "bundle.tampered"


def test_an_entry_no_one_reads_is_hashed_before_the_bundle_is_taken(tmp_path: Path) -> None:
    # Of the same size: a size other than the manifest's is refused on opening.
    bad = _altered(_write_bundle(tmp_path / "b.camket", 5), PICTURE_ENTRY, lambda d: d[:-1] + b"!")
    bundle = open_bundle(bad, whole=False)
    try:
        assert sum(1 for _ in bundle.rows("person")) == 6
        with pytest.raises(KnownError) as refused:
            bundle.check_whole()
        assert (refused.value.code, refused.value.params["detail"]) == (
            "bundle.tampered",
            PICTURE_ENTRY,
        )
        with pytest.raises(KnownError):
            bundle.attachment(hashlib.sha256(PICTURE).hexdigest())
    finally:
        bundle.close()


def test_a_table_cut_short_is_called_tampered_not_a_bad_line(tmp_path: Path) -> None:
    """The last line altered (its size kept: another size is refused on opening) breaks its
    row first; the refusal names the cause."""

    def one_cell_less(data: bytes) -> bytes:
        at = data.rindex(b",")
        return data[:at] + b";" + data[at + 1 :]

    bad = _altered(_write_bundle(tmp_path / "b.camket", 50), PEOPLE, one_cell_less)
    bundle = open_bundle(bad, whole=False)
    try:
        with pytest.raises(KnownError) as met:
            for _cells in bundle.rows("person"):
                pass
        assert met.value.code == "bundle.bad_row"
        assert bundle.refusal(met.value).code == "bundle.tampered"
    finally:
        bundle.close()


def test_damaged_compressed_bytes_are_refused_as_damaged(tmp_path: Path) -> None:
    path = _write_bundle(tmp_path / "b.camket", 20_000)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(PEOPLE)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + 200
    data[start : start + 64] = bytes(b ^ 0x5A for b in data[start : start + 64])
    path.write_bytes(bytes(data))
    with pytest.raises(KnownError) as refused:
        _read_all(path)
    assert refused.value.code in ("bundle.damaged", "bundle.tampered")
