"""A bundle read beside the write lane (the window's export): an edit committed while it is
written is wholly in it or wholly in the next bundle of changes, never half; plain and
encrypted registers alike (the read connection is keyed as the writer's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.exchange.bundle_file import open_bundle
from desktop.services.bundles import export_bundle, record_sent, write_bundle
from desktop.services.demo import populate_demo
from desktop.services.encryption import new_key
from desktop.services.register import create_register, open_existing, open_reader
from desktop.store import encryption
from tests.unit.exchange_helpers import SIN_HO, as_pc


@pytest.fixture(params=["plain", "encrypted"])
def office(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A register of 12 demo households, used as the office PC (its own data folder)."""
    monkeypatch.setattr(encryption, "KDF_ITERATIONS", 1000)
    encryption.forget_keys()
    path = tmp_path / "office.sqlite3"
    with as_pc(tmp_path / "office-data"):
        key = new_key("bien-gioi-2026") if request.param == "encrypted" else None
        create_register(path, SIN_HO, ["Bản Nậm Tăm", "Thôn 2"], encrypted=key)
        reg = open_existing(path)
        try:
            populate_demo(reg, 12, seed=5)
        finally:
            reg.close()
        assert encryption.is_encrypted(path) is (key is not None)
        yield path
    encryption.forget_keys()


def _rows(bundle: Path, table: str) -> dict[str, dict[str, str]]:
    opened = open_bundle(bundle)
    try:
        lines = opened.rows(table)
        header = next(lines, [])
        return {cells[0]: dict(zip(header, cells, strict=True)) for cells in lines}
    finally:
        opened.close()


def test_an_edit_saved_while_a_bundle_is_written_is_whole_in_the_next_one(
    office: Path, tmp_path: Path
) -> None:
    lane = open_existing(office)
    reader = open_reader(office)
    try:
        household_id, head_id = lane.db.execute(
            "SELECT id, head_id FROM household WHERE head_id IS NOT NULL ORDER BY code"
        ).fetchone()

        def edit_midway(done: int, _total: int) -> None:
            # Households are written, people not yet: a bundle read without one snapshot
            # would carry the new phone with the old address.
            if done == 3:
                with lane.db.atomic():
                    lane.writer.update("household", household_id, {"address": "Đường mới"})
                    lane.writer.update("person", head_id, {"phone": "0912000777"})

        first = tmp_path / "mot.camket"
        written = write_bundle(reader, first, progress=edit_midway)
        record_sent(lane, written)
    finally:
        reader.close()
    try:
        assert _rows(first, "household")[household_id]["address"] != "Đường mới"
        assert _rows(first, "person")[head_id]["phone"] != "0912000777"
        changes = tmp_path / "hai.camket"
        summary = export_bundle(lane, changes, since=first)
    finally:
        lane.close()
    assert summary.kind == "incremental"
    assert _rows(changes, "household")[household_id]["address"] == "Đường mới"
    assert _rows(changes, "person")[head_id]["phone"] == "0912000777"
    assert summary.total == 2  # those two rows, nothing else


def test_a_read_connection_writes_nothing(office: Path) -> None:
    reader = open_reader(office)
    try:
        with pytest.raises(Exception, match=r"readonly"):
            reader.db.execute("UPDATE household SET address = 'x'")
    finally:
        reader.close()
