"""A first import's search index, filled by the load at its end (store.bulk): the people are
found, in a plain register and an encrypted one, and edits after it keep the index right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.services.import_lists import import_list
from desktop.services.register import create_register, open_existing
from desktop.store import households as repo
from desktop.store.search import search_people
from tests.import_files import HEADERS, PEOPLE, write_xlsx
from tests.unit.conftest import SIN_HO

TODAY = dt.date(2026, 1, 1)
HAMLETS = ["Bản Nậm Tăm", "Thôn 2", "Thôn 10"]


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


@pytest.mark.usefixtures("fast_kdf")
def test_an_encrypted_registers_first_import_is_found_by_search(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.store import encryption

    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "bien-gioi-2026")
    init = ["init", "--db", str(path), "--commune", "03478", "--hamlet", "Bản Nậm Tăm"]
    assert main([*init, "--clerk", "Lò Thị Hoa", "--encrypt"]) == 0
    listing = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE])
    assert main(["import", "--db", str(path), str(listing)]) == 0
    capsys.readouterr()
    register = open_existing(path)
    try:
        assert [h.full_name for h in search_people(register.db, "giang a su")] == ["Giàng A Sử"]
        check_index(register.db)
    finally:
        register.close()
