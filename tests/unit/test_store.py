"""The register file: opening, refusing bad files, sync columns, audit and search."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import unicodedata
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.entities import Gender, Household, Person
from desktop.domain.errors import KnownError
from desktop.services.register import OpenRegister, create_register
from desktop.store import households as repo
from desktop.store.register import memory_register, open_register
from desktop.store.schema import KNOWN_MIGRATIONS, migrations
from desktop.store.search import HouseholdOrder, household_ids, household_rows, search_people


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite3"
    with pytest.raises(KnownError) as err:
        open_register(path)
    assert err.value.code == "db.missing"
    assert not path.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["init", "--commune", "03478", "--hamlet", "Bản A"],
        ["init", "--upper"],
        ["demo", "--households", "3"],
        ["search", "Lò"],
    ],
)
def test_a_device_or_a_pipe_is_never_taken_for_a_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # "--db /dev/null" run as root: init and demo took it for an empty file to set up, and
    # renamed the register built beside it over the device.
    pipe = tmp_path / "ong-dan"
    os.mkfifo(pipe)
    assert main([command[0], "--db", str(pipe), *command[1:]]) == 2
    assert f"không phải một tệp sổ đăng ký: {pipe}" in capsys.readouterr().err
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    backup = tmp_path / "sinho.sqlite3"
    assert main(["init", "--db", str(backup), "--commune", "03478", "--hamlet", "Bản A"]) == 0
    capsys.readouterr()
    assert main(["restore", "--db", str(pipe), str(backup)]) == 2
    assert f"không phải một tệp sổ đăng ký: {pipe}" in capsys.readouterr().err
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.parametrize(
    "content", [b"not a database at all\n" * 10, b"SQLite format 3\x00" + b"\xff" * 2000]
)
def test_corrupt_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(content)
    with pytest.raises(KnownError) as err:
        open_register(path)
    assert err.value.code in {"db.not_a_register", "db.corrupt"}
    assert path.read_bytes() == content


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    before = _digest(path)
    with pytest.raises(KnownError) as err:
        open_register(path)
    assert err.value.code == "db.not_a_register"
    assert _digest(path) == before


def test_register_from_a_newer_version_is_refused_untouched(register: OpenRegister) -> None:
    register.db.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
        " VALUES ('camket', 'm9999_from_the_future', '2030-01-01')"
    )
    register.db.conn.commit()
    register.close()
    before = _digest(register.path)
    with pytest.raises(KnownError) as err:
        open_register(register.path)
    assert err.value.code == "db.too_new"
    assert _digest(register.path) == before


def test_new_register_is_wal_with_foreign_keys_and_all_migrations(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = open_register(path, create=True)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert [m.name for m in migrations.applied(db)] == KNOWN_MIGRATIONS
    db.close()
    # Opening again applies nothing twice.
    db = open_register(path)
    assert [m.name for m in migrations.applied(db)] == KNOWN_MIGRATIONS
    db.close()


def test_create_refuses_to_overwrite(register: OpenRegister) -> None:
    with pytest.raises(KnownError) as err:
        create_register(register.path, "03478")
    assert err.value.code == "db.exists"


def test_unknown_commune_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    with pytest.raises(KnownError) as err:
        create_register(path, "99999", ["Thôn 1"])
    assert err.value.code == "commune.unknown"
    assert not path.exists()


def test_nfd_input_is_stored_as_nfc(register: OpenRegister) -> None:
    hamlet = repo.list_hamlets(register.db)[0]
    household = Household(hamlet_id=hamlet.id, code="NT-099")
    nfd_name = unicodedata.normalize("NFD", "  Nguyễn   Thị  Ánh ")
    repo.add_household(register.writer, household, [Person(household.id, nfd_name, Gender.FEMALE)])
    stored = register.db.execute(
        "SELECT full_name FROM person WHERE household_id = ?", [household.id]
    ).fetchone()[0]
    assert stored == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", stored)


def test_update_bumps_rev_and_audits_before_and_after(register: OpenRegister) -> None:
    person = next(p for p in _people(register) if p.full_name == "Nguyễn Văn An")
    person.phone = "0987654321"
    assert repo.update_person(register.writer, person) is True
    row = register.db.execute(
        "SELECT rev, updated_by, updated_at, created_at FROM person WHERE id = ?", [person.id]
    ).fetchone()
    assert row[0] == 2
    assert row[1] == register.installation_id
    assert row[2] >= row[3]
    audit = register.db.execute(
        "SELECT action, before, after FROM audit WHERE entity_id = ? ORDER BY seq DESC",
        [person.id],
    ).fetchone()
    assert audit[0] == "update"
    assert json.loads(audit[1]) == {"phone": ""}
    assert json.loads(audit[2]) == {"phone": "0987654321"}
    # Saving the same values again is not a change: no new rev, no audit row.
    assert repo.update_person(register.writer, person) is False
    assert (
        register.db.execute("SELECT rev FROM person WHERE id = ?", [person.id]).fetchone()[0] == 2
    )


def test_deleted_household_is_a_tombstone_hidden_from_search(register: OpenRegister) -> None:
    household = repo.find_household_by_code(register.db, "NT-002")
    assert household is not None
    repo.delete_household(register.writer, household.id)
    assert register.db.execute(
        "SELECT deleted, rev FROM household WHERE id = ?", [household.id]
    ).fetchone() == (1, 2)
    assert search_people(register.db, "pao") == []
    assert household.id not in household_ids(register.db)
    assert household.id not in household_ids(register.db, "NT-002")
    actions = {
        r[0]
        for r in register.db.execute("SELECT action FROM audit WHERE entity_id = ?", [household.id])
    }
    assert actions == {"insert", "delete"}


def test_household_codes_are_unique(register: OpenRegister) -> None:
    hamlet = repo.list_hamlets(register.db)[0]
    with pytest.raises(KnownError) as err:
        repo.add_household(register.writer, Household(hamlet_id=hamlet.id, code="NT-001"))
    assert err.value.code == "household.code_taken"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dang", {"Đặng Văn Hoà"}),
        ("DANG van", {"Đặng Văn Hoà"}),
        ("hoa", {"Đặng Văn Hoà", "Lò Thị Hòa", "Phạm Thị Hoa"}),
        ("hòa", {"Đặng Văn Hoà", "Lò Thị Hòa", "Phạm Thị Hoa"}),
        ("giang a pao", {"Giàng A Páo"}),
        ("012080", {"Đặng Văn Hoà"}),  # personal ID prefix
        (
            "0912345678",
            {
                "Đặng Văn Hoà",
                "Lò Thị Hòa",
                "Giàng A Páo",
                "Sùng Thị Mỷ",
                "Nguyễn Văn An",
                "Trần Thị Bình",
                "Phạm Thị Hoa",
            },
        ),  # household phone
        ("t10", {"Phạm Thị Hoa"}),  # household code
        ("xyz", set()),
    ],
)
def test_search_ignores_diacritics_d_and_case(
    register: OpenRegister, query: str, expected: set[str]
) -> None:
    if query == "0912345678":
        # The phone is the household's, not the people's: people are found by their own.
        expected = set()
    assert {h.full_name for h in search_people(register.db, query)} == expected


def test_search_results_come_in_vietnamese_order(register: OpenRegister) -> None:
    names = [h.full_name for h in search_people(register.db, "thi")]
    # Given names first (Bình < Hoa/Hòa < Mỷ), then middle, then family (Lò < Phạm);
    # tones only break ties left after every letter, as a collation's secondary level.
    assert names == ["Trần Thị Bình", "Lò Thị Hòa", "Phạm Thị Hoa", "Sùng Thị Mỷ"]


def test_punctuation_only_query_is_a_known_error(register: OpenRegister) -> None:
    with pytest.raises(KnownError) as err:
        search_people(register.db, "?!. ,")
    assert err.value.code == "search.empty_query"


def test_household_list_filters_by_hamlet_and_query(register: OpenRegister) -> None:
    tam = repo.list_hamlets(register.db)[0]
    all_rows = household_rows(register.db, household_ids(register.db))
    # Hamlets in natural order (Thôn 2 before Thôn 10), households by code within.
    codes = [all_rows[i].code for i in household_ids(register.db)]
    assert codes == ["NT-001", "NT-002", "T2-001", "T10-001"]
    assert [all_rows[i].code for i in household_ids(register.db, hamlet_id=tam.id)] == [
        "NT-001",
        "NT-002",
    ]
    assert [all_rows[i].code for i in household_ids(register.db, "binh")] == ["T2-001"]
    row = all_rows[household_ids(register.db, "pao")[0]]
    assert (row.head_name, row.hamlet, row.member_count) == ("Giàng A Páo", "Bản Nậm Tăm", 2)


def test_household_found_by_its_phone_and_code(register: OpenRegister) -> None:
    assert len(household_ids(register.db, "0912 345")) == 4
    rows = household_rows(register.db, household_ids(register.db, "nt-002"))
    assert [r.code for r in rows.values()] == ["NT-002"]


def test_memory_register_is_migrated() -> None:
    db = memory_register()
    assert {"household", "person", "audit", "person_fts"} <= set(db.table_names())


def _people(register: OpenRegister) -> list[Person]:
    out: list[Person] = []
    for household_id in household_ids(register.db):
        out += repo.members(register.db, household_id)
    return out


def test_a_registers_live_rows_read_at_once_are_those_read_one_by_one(
    register: OpenRegister,
) -> None:
    from desktop.store.communes import dict_rows
    from desktop.store.register_rows import live_households, live_people

    gone = repo.find_household_by_code(register.db, "NT-001")
    assert gone is not None
    repo.delete_household(register.writer, gone.id)
    households = [
        repo.household_from(r)
        for r in dict_rows(register.db, "SELECT * FROM household WHERE deleted = 0")
    ]
    people = [
        repo.person_from(r)
        for r in dict_rows(register.db, "SELECT * FROM person WHERE deleted = 0 ORDER BY position")
    ]
    assert len(households) >= 3 and len(people) >= 3
    assert all(h.id != gone.id for h in households)
    assert live_households(register.db) == households
    assert live_people(register.db) == people


def test_an_upper_registers_list_keeps_each_communes_hamlet_together(tmp_path: Path) -> None:
    """Two communes' “Thôn 1” whose households share codes (T1-001… in each): before, the
    list alternated them, 'Thôn 1 (Bình Lư)', 'Thôn 1 (Sìn Hồ)', 'Thôn 1 (Bình Lư)'…; each
    hamlet's households now come together, sorted by the hamlet column either way."""
    from tests.unit.exchange_helpers import BINH_LU, SIN_HO, as_pc, upper_register_of

    header = "Thôn,Mã hộ,Họ và tên,Quan hệ với chủ hộ,Ngày sinh,Giới tính,Số định danh\n"
    bundles = []
    for code, first in ((SIN_HO, 1), (BINH_LU, 2)):
        db, listing = str(tmp_path / f"{code}.sqlite3"), tmp_path / f"{code}.csv"
        rows = [f"Thôn 1,T1-00{n},Lò Văn Páo,Chủ hộ,1970,Nam,\n" for n in (first, first + 2)]
        listing.write_text(header + "".join(rows), encoding="utf-8")
        bundles.append(tmp_path / f"{code}.camket")
        with as_pc(tmp_path / f"{code}-data"):
            assert main(["init", "--db", db, "--commune", code]) == 0
            assert main(["import", "--db", db, str(listing)]) == 0
            assert main(["export", "--db", db, "--out", str(bundles[-1])]) == 0
    post = upper_register_of(tmp_path, bundles)
    # Bình Lư's Thôn 1 before Sìn Hồ's (its label's order), codes up within each.
    expected = {
        False: ["T1-002", "T1-004", "T1-001", "T1-003"],
        True: ["T1-001", "T1-003", "T1-002", "T1-004"],
    }
    connection = open_register(post)
    try:
        for descending in (False, True):
            ids = household_ids(connection, order=HouseholdOrder("hamlet", descending))
            rows = household_rows(connection, ids)
            communes = [rows[i].hamlet for i in ids]
            assert communes == sorted(communes, reverse=descending), communes
            assert [rows[i].code for i in ids] == expected[descending]
    finally:
        connection.close()
