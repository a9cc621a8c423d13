"""A first import's search index, made on a second thread beside the load (store.index_ahead):
the people are found, edits after it keep the index right, and it is the index the load's own
fill makes; an index made for other rows is not used."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.entities import Household
from desktop.services.import_lists import import_list
from desktop.services.register import create_register, open_existing
from desktop.store import bulk
from desktop.store import households as repo
from desktop.store.bulk import bulk_load, insert_values
from desktop.store.search import search_people
from tests.import_files import HEADERS, PEOPLE, write_xlsx
from tests.unit.conftest import SIN_HO

TODAY = dt.date(2026, 1, 1)
HAMLETS = ["Bản Nậm Tăm", "Thôn 2", "Thôn 10"]


def shadow_rows(db: Any, table: str) -> dict[str, list[tuple[Any, ...]]]:
    names = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ? ORDER BY name",
            [f"{table}_fts_*"],
        ).fetchall()
    ]
    return {name: db.execute(f"SELECT * FROM [{name}]").fetchall() for name in names}


def check_index(db: Any) -> None:
    for table in ("person", "household"):
        db.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)")


def test_a_first_import_is_found_by_search_and_edits_after_it_keep_the_index_right(
    tmp_path: Path,
) -> None:
    path = tmp_path / "trong.sqlite3"
    create_register(path, SIN_HO, HAMLETS)
    register = open_existing(path)  # one connection throughout, as the window's lane has
    try:
        assert search_people(register.db, "giang a su") == []  # the empty index read first
        import_list(register, write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE]), today=TODAY)
        found = search_people(register.db, "giang a su")
        assert [h.full_name for h in found] == ["Giàng A Sử"]
        person = next(
            p
            for p in repo.members(register.db, found[0].household_id)
            if p.id == found[0].person_id
        )
        person.full_name = "Giàng A Páo"
        repo.update_person(register.writer, person)
        assert search_people(register.db, "giang a su") == []
        assert [h.full_name for h in search_people(register.db, "giang a pao")] == ["Giàng A Páo"]
        # A new member added by a second import (the load's own fill, on the same index).
        more = [list(p) for p in PEOPLE]
        more.insert(5, ["", "", "Lò Thị Én", "2012", "Nữ", "", "Con", "", "", "", "Thái"])
        import_list(register, write_xlsx(tmp_path / "v2.xlsx", [HEADERS, *more]), today=TODAY)
        assert [h.household_code for h in search_people(register.db, "lo thi en")] == ["NT-102"]
        check_index(register.db)
    finally:
        register.close()


@pytest.fixture
def put(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables whose index made ahead was put in place."""
    tables: list[str] = []
    real_put = bulk.put_shadows

    def counted_put(db: Any, table: str, shadows: Any) -> None:
        tables.append(table)
        real_put(db, table, shadows)

    monkeypatch.setattr(bulk, "put_shadows", counted_put)
    return tables


def test_a_first_import_writes_the_index_the_loads_own_fill_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, put: list[str]
) -> None:
    listing = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE])
    indexes = []
    for name, ahead in (("ahead", True), ("in-place", False)):
        if not ahead:
            monkeypatch.setattr(bulk.BulkLoad, "index_ahead", lambda *_: None)
        path = tmp_path / f"{name}.sqlite3"
        create_register(path, SIN_HO, HAMLETS)
        register = open_existing(path)
        try:
            import_list(register, listing, today=TODAY)
            indexes.append({t: shadow_rows(register.db, t) for t in ("person", "household")})
            check_index(register.db)
        finally:
            register.close()
    assert sorted(put) == ["household", "person"]  # made ahead once, then not
    assert indexes[0] == indexes[1]
    assert indexes[0]["person"]["person_fts_idx"]  # something indexed


def test_an_index_made_ahead_for_other_rows_is_not_used(tmp_path: Path, put: list[str]) -> None:
    path = tmp_path / "trong.sqlite3"
    create_register(path, SIN_HO, HAMLETS)
    register = open_existing(path)
    try:
        hamlet = repo.list_hamlets(register.db)[0]
        rows = [repo.household_values(Household(hamlet_id=hamlet.id, code=c)) for c in ("A", "B")]
        columns, stamp = register.writer.stamp_values("household")
        with register.db.atomic(), bulk_load(register.db) as load:
            load.index_ahead("household", ["a", "c"])  # not the rows' texts
            insert_values(
                register.db,
                "household",
                repo.HOUSEHOLD_COLUMNS,
                rows,
                dict(zip(columns, stamp, strict=True)),
            )
        found = register.db.execute(
            "SELECT h.code FROM household_fts f JOIN household h ON h.rowid = f.rowid"
            " WHERE household_fts MATCH 'b'"
        ).fetchall()
        assert found == [("B",)]
        assert put == []
        check_index(register.db)
    finally:
        register.close()


@pytest.mark.usefixtures("fast_kdf")
def test_an_encrypted_registers_first_import_is_found_by_search(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    put: list[str],
) -> None:
    from desktop.store import encryption

    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "bien-gioi-2026")
    init = ["init", "--db", str(path), "--commune", "03478", "--hamlet", "Bản Nậm Tăm"]
    assert main([*init, "--clerk", "Lò Thị Hoa", "--encrypt"]) == 0
    listing = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE])
    assert main(["import", "--db", str(path), str(listing)]) == 0
    capsys.readouterr()
    assert sorted(put) == ["household", "person"]  # made ahead by SQLCipher's library too
    register = open_existing(path)
    try:
        assert [h.full_name for h in search_people(register.db, "giang a su")] == ["Giàng A Sử"]
        check_index(register.db)
    finally:
        register.close()
