"""People and movements hold their household's commune (m0008), so that the indexes whose
keys are random by nature are keyed by commune first: every writer keeps it, and the look-ups
that used those indexes still find what they found, across every commune of the register."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from desktop.domain.entities import Gender, Person
from desktop.domain.errors import KnownError
from desktop.domain.movements import Movement, MovementKind
from desktop.services import ledger
from desktop.services.demo import create_demo_register
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store.movements import LedgerFilter, movement_ids
from desktop.store.register import memory_register
from desktop.store.schema import migrations
from desktop.store.search import people_with_id_number, people_with_name_and_birth_year
from tests.unit.exchange_helpers import (
    BINH_LU,
    LIST_HEADER,
    SIN_HO,
    as_pc,
    opened,
    upper_register_of,
)

# A person of the register whose commune is not their household's, by table.
_STRAYS = """SELECT count(*) FROM [{table}] t JOIN household h ON h.id = t.household_id
             WHERE t.commune_code != h.commune_code OR t.commune_code = ''"""


def _strays(db: Database) -> dict[str, int]:
    return {t: db.execute(_STRAYS.format(table=t)).fetchone()[0] for t in ("person", "movement")}


def _commune_bundle(tmp_path: Path, code: str, rows: str) -> Path:
    """A commune register filled by an import and an edit or two, exported."""
    db, listing = str(tmp_path / f"{code}.sqlite3"), tmp_path / f"{code}.csv"
    listing.write_text(LIST_HEADER + rows, encoding="utf-8")
    bundle = tmp_path / f"{code}.camket"
    with as_pc(tmp_path / f"{code}-data"):
        assert main(["init", "--db", db, "--commune", code]) == 0
        assert main(["import", "--db", db, str(listing)]) == 0
        assert main(["export", "--db", db, "--out", str(bundle)]) == 0
    return bundle


# Two communes where one personal ID was typed for two people (one of them wrongly).
_LISTS = {
    SIN_HO: "Thôn 1,A-01,Lò Văn Páo,Chủ hộ,1970,Nam,012070000111\n"
    "Thôn 1,A-02,Vàng A Sử,Chủ hộ,1980,Nam,\n",
    BINH_LU: "Thôn 1,B-01,Lò Văn Páo,Chủ hộ,1970,Nam,012070000111\n"
    "Thôn 2,B-02,Giàng A Lử,Chủ hộ,1990,Nam,\n",
}


@pytest.fixture
def upper(tmp_path: Path) -> Path:
    bundles = [_commune_bundle(tmp_path, code, rows) for code, rows in _LISTS.items()]
    return upper_register_of(tmp_path, bundles)


def test_an_edit_and_a_movement_recorded_give_the_row_the_register_commune(
    register: OpenRegister,
) -> None:
    household = repo.find_household_by_code(register.db, "NT-001")
    assert household is not None
    person = Person(household.id, "Hà Văn Tú", Gender.MALE, relationship="Con")
    repo.add_person(register.writer, person, household.code)
    ledger.add_movement(
        register,
        Movement(MovementKind.TAM_VANG, household.id, dt.date(2026, 3, 1), person_id=person.id),
        dt.date(2026, 3, 2),
    )
    assert _strays(register.db) == {"person": 0, "movement": 0}
    commune = register.db.execute(
        "SELECT DISTINCT commune_code FROM person UNION SELECT commune_code FROM movement"
    ).fetchall()
    assert commune == [(SIN_HO,)]


def test_the_demo_and_a_merge_into_an_upper_register_give_rows_their_household_commune(
    tmp_path: Path,
) -> None:
    commune = tmp_path / "demo.sqlite3"
    create_demo_register(commune, 12, seed=3, commune_code=SIN_HO)
    with opened(commune, tmp_path / "demo-data") as reg:
        assert reg.db.execute("SELECT count(*) FROM movement").fetchone()[0] > 0
        assert _strays(reg.db) == {"person": 0, "movement": 0}
        bundle = tmp_path / "demo.camket"
        with as_pc(tmp_path / "demo-data"):
            assert main(["export", "--db", str(commune), "--out", str(bundle)]) == 0
    post = upper_register_of(tmp_path, [bundle, _commune_bundle(tmp_path, BINH_LU, "")])
    with opened(post, tmp_path / "post-data") as reg:
        assert _strays(reg.db) == {"person": 0, "movement": 0}
        people = reg.db.execute("SELECT count(*) FROM person").fetchone()[0]
        assert people > 12


def test_an_id_number_two_communes_hold_is_found_in_both(
    upper: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with opened(upper, tmp_path / "post-data") as reg:
        assert _strays(reg.db) == {"person": 0, "movement": 0}
        holders = people_with_id_number(reg.db, "012070000111")
        assert sorted(h.household_code for h in holders) == ["A-01", "B-01"]
        namesakes = people_with_name_and_birth_year(reg.db, "lò văn páo", 1970)
        assert sorted(h.household_code for h in namesakes) == ["A-01", "B-01"]
        with pytest.raises(KnownError) as caught:
            ledger.find_person(reg.db, "012070000111")
        assert caught.value.code == "movement.ambiguous_person"
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        assert main(["check", "--db", str(upper)]) != 0
    # Commune by commune: Bình Lư (03390) first, its holder named beside the other.
    assert (
        "(hộ A-01, Sìn Hồ): Số định danh: trùng với Lò Văn Páo (hộ B-01, Bình Lư)"
        in capsys.readouterr().out
    )


def _plans(db: Database, run: object) -> list[str]:
    """The query plans of the statements ``run()`` executes on ``db``."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        run()  # type: ignore[operator]
    finally:
        db.conn.set_trace_callback(None)
    return [
        " / ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in statements
        if sql.lstrip().upper().startswith(("SELECT", "WITH"))
    ]


def _ambiguous(db: Database, id_number: str) -> None:
    with pytest.raises(KnownError):
        ledger.find_person(db, id_number)


def test_the_look_ups_use_the_indexes_keyed_by_commune(upper: Path, tmp_path: Path) -> None:
    with opened(upper, tmp_path / "post-data") as reg:
        db = reg.db
        (by_id,) = _plans(db, lambda: people_with_id_number(db, "012070000111"))
        assert "INDEX person_commune_id_number (commune_code=? AND id_number=?)" in by_id
        (by_name,) = _plans(db, lambda: people_with_name_and_birth_year(db, "Lò Văn Páo", 1970))
        assert "INDEX person_commune_sort (commune_code=? AND sort_key>? AND sort_key<?)" in by_name
        (find,) = _plans(db, lambda: _ambiguous(db, "012070000111"))
        assert "INDEX person_commune_id_number (commune_code=? AND id_number=?)" in find
        (of_kind,) = _plans(db, lambda: movement_ids(db, LedgerFilter(kind=MovementKind.SINH)))
        assert "INDEX movement_commune_kind (commune_code=? AND kind=?)" in of_kind


def test_people_and_movements_follow_their_household_into_another_commune(
    register: OpenRegister,
) -> None:
    db = register.db
    first, second = (repo.find_household_by_code(db, c) for c in ("NT-001", "NT-002"))
    assert first is not None and second is not None
    head = repo.members(db, first.id)[0]
    ledger.add_movement(
        register,
        Movement(MovementKind.TAM_VANG, first.id, dt.date(2026, 3, 1), person_id=head.id),
        dt.date(2026, 3, 2),
    )
    with db.atomic():  # what a merge of an upper register's bundle may write
        db.execute("UPDATE household SET commune_code = ? WHERE id = ?", [BINH_LU, first.id])
    assert _strays(db) == {"person": 0, "movement": 0}
    with db.atomic():
        db.execute("UPDATE person SET household_id = ? WHERE id = ?", [second.id, head.id])
        db.execute("UPDATE movement SET household_id = ? WHERE person_id = ?", [second.id, head.id])
    assert _strays(db) == {"person": 0, "movement": 0}
    assert db.execute("SELECT commune_code FROM person WHERE id = ?", [head.id]).fetchone() == (
        SIN_HO,
    )


def test_m0008_gives_the_rows_of_an_older_register_their_commune(tmp_path: Path) -> None:
    path = tmp_path / "older.sqlite3"
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m0008_commune_indexes")
    stamp = "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'pc'"
    for sql in (
        f"INSERT INTO hamlet(id, commune_code, name, kind, sort_key, created_at, updated_at,"
        f" updated_by) VALUES ('m', '{SIN_HO}', 'Thôn 1', 'thon', 'thon 1', {stamp})",
        f"INSERT INTO household(id, commune_code, hamlet_id, code, sort_key, created_at,"
        f" updated_at, updated_by) VALUES ('h', '{SIN_HO}', 'm', 'A-01', 'a-01', {stamp})",
        f"INSERT INTO person(id, household_id, full_name, gender, id_number, sort_key,"
        f" search_text, created_at, updated_at, updated_by)"
        f" VALUES ('p', 'h', 'Lò Văn Páo', 'nam', '012070000111', 'lo van pao', 'lo van pao',"
        f" {stamp})",
        f"INSERT INTO movement(id, household_id, person_id, kind, starts_on, created_at,"
        f" updated_at, updated_by) VALUES ('v', 'h', 'p', 'tam_vang', '2026-01-01', {stamp})",
    ):
        db.execute(sql)
    db.conn.commit()
    marks = db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    migrations.apply(db)
    assert _strays(db) == {"person": 0, "movement": 0}
    assert db.execute("SELECT count(*) FROM change_log").fetchone()[0] == marks  # no change
    # The search index still finds the person (its rows were not written twice nor lost).
    found = db.execute("SELECT rowid FROM person_fts WHERE person_fts MATCH 'pao'").fetchall()
    assert len(found) == 1
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    fresh = {
        r[0]
        for r in memory_register().execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    assert indexes == fresh
    assert not indexes & {"person_sort", "person_id_number", "movement_order", "movement_kind"}
    db.close()
