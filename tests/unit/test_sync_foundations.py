"""What the exchange stands on: the table registry, version vectors, change capture, the
installation identity outside the register, and ids made alike on every PC."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.domain.entities import Household, Person, commune_id
from desktop.domain.pledges import Pledge
from desktop.exchange.identity import this_installation
from desktop.services import campaigns
from desktop.services.demo import populate_demo
from desktop.services.register import OpenRegister, create_register, open_existing
from desktop.store import households as repo
from desktop.store import local
from desktop.store.register import connect, memory_register, open_register
from desktop.store.registry import TABLES, table
from desktop.store.schema import migrations
from desktop.store.sync import Writer, vv_of

SIN_HO = "03478"


def _columns(db: Database, name: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info([{name}])")}


def _changes(db: Database) -> dict[tuple[str, str], int]:
    return {(t, r): s for s, t, r in db.execute("SELECT seq, tbl, row_id FROM change_log")}


@pytest.mark.parametrize("spec", TABLES, ids=lambda t: t.name)
def test_the_registry_names_every_column_of_each_synced_table(spec: object) -> None:
    db = memory_register()
    entry = table(spec.name)  # type: ignore[attr-defined]
    assert _columns(db, entry.name) == set(entry.stored + entry.derived)
    triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {f"{entry.name}_change_insert", f"{entry.name}_change_update"} <= triggers


def test_every_edit_counts_in_the_version_vector_of_its_register_file(
    register: OpenRegister,
) -> None:
    household = repo.find_household_by_code(register.db, "NT-001")
    assert household is not None
    own = register.writer.counter  # this file's replica id (store.local), not the PC's id
    assert own not in ("", register.installation_id)
    row = register.db.execute("SELECT vv, rev FROM household WHERE id = ?", [household.id])
    assert row.fetchone() == (json.dumps({own: 1}).replace(" ", ""), 1)

    laptop = Writer(register.db, "laptop", SIN_HO)
    assert laptop.update("household", household.id, {"address": "Km 3"})
    assert register.writer.update("household", household.id, {"address": "Km 4"})
    vv, rev, by = register.db.execute(
        "SELECT vv, rev, updated_by FROM household WHERE id = ?", [household.id]
    ).fetchone()
    assert vv_of(vv) == {own: 2, "laptop": 1} and rev == 3
    assert by == register.installation_id  # who made it: the PC


def test_a_change_of_derived_columns_alone_is_no_edit_and_no_change_to_send(
    register: OpenRegister,
) -> None:
    person_id = register.db.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
    before = register.db.execute("SELECT rev, vv FROM person WHERE id = ?", [person_id]).fetchone()
    noted = _changes(register.db)
    assert register.writer.update("person", person_id, {"search_text": "khac"})
    after = register.db.execute("SELECT rev, vv FROM person WHERE id = ?", [person_id]).fetchone()
    assert after == before
    assert _changes(register.db) == noted


def test_change_capture_misses_no_path_bulk_loads_included(register: OpenRegister) -> None:
    start = max(_changes(register.db).values())
    populate_demo(register, 30, seed=3)
    people = {r[0] for r in register.db.execute("SELECT id FROM person")}
    noted = {r for (t, r), seq in _changes(register.db).items() if t == "person"}
    assert people == noted
    # Even a raw UPDATE outside the Writer is noted (the triggers are in the schema).
    person_id = next(iter(people))
    register.db.execute("UPDATE person SET notes = 'tay' WHERE id = ?", [person_id])
    assert _changes(register.db)[("person", person_id)] > start
    triggers = {r[0] for r in register.db.execute("SELECT name FROM sqlite_master")}
    assert "person_change_insert" in triggers  # put back after the bulk load


def test_a_bulk_load_notes_its_rows_reading_only_them(register: OpenRegister) -> None:
    """The change log's marks of a load are read from the rows after the last one held,
    not from the table's whole id index (a merge into an upper register of 200,000 people
    read all of them for each commune's bundle)."""
    populate_demo(register, 30, seed=3)
    statements: list[str] = []
    register.db.conn.set_trace_callback(statements.append)
    try:
        populate_demo(register, 30, seed=4)
    finally:
        register.db.conn.set_trace_callback(None)
    marks = [sql for sql in statements if sql.startswith("INSERT OR REPLACE INTO change_log")]
    assert {sql.split("FROM [")[1].split("]")[0] for sql in marks} >= {"household", "person"}
    for sql in marks:
        plan = " / ".join(row[3] for row in register.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "USING INTEGER PRIMARY KEY (rowid>?)" in plan, plan
        assert "COVERING INDEX" not in plan, plan
    people = {r[0] for r in register.db.execute("SELECT id FROM person")}
    noted = [r for s, t, r in register.db.execute("SELECT seq, tbl, row_id FROM change_log")]
    assert people <= set(noted)


@pytest.mark.parametrize("named", [2000, 0], ids=["households named", "too many to name"])
def test_what_a_job_changed_is_read_from_the_change_log_entries_after_its_mark(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch, named: int
) -> None:
    """The views' notice after each job reads the change log's entries and the audit rows
    after the job's mark (a range of seq), not the whole log's (tbl, row_id) index nor the
    audit's (entity, entity_id) one: at 391,000 entries (a district register) the log's
    took 17 ms after every edit."""
    from desktop.store import changes
    from desktop.store.changes import audit_mark, changes_since

    monkeypatch.setattr(changes, "MAX_NAMED", named)
    populate_demo(register, 30, seed=3)
    mark = audit_mark(register.db)
    household = repo.find_household_by_code(register.db, "NT-001")
    assert household is not None
    assert register.writer.update("household", household.id, {"address": "Km 3"})
    statements: list[str] = []
    register.db.conn.set_trace_callback(statements.append)
    try:
        changed = changes_since(register.db, mark)
    finally:
        register.db.conn.set_trace_callback(None)
    assert changed.tables == {"household"}
    assert changed.households == ({household.id} if named else None)
    reads = [sql for sql in statements if "seq >" in sql]
    assert len(reads) == (2 if named else 3)
    for sql in reads:
        plan = " / ".join(row[3] for row in register.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "USING INTEGER PRIMARY KEY (rowid>?)" in plan and "INDEX" not in plan, plan


def test_the_identity_is_the_pcs_not_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.sqlite3"
    create_register(path, SIN_HO, ["Bản Nậm Tăm"])
    office = open_existing(path)
    office_id = office.installation_id
    office.close()
    assert open_existing(path).installation_id == office_id  # the same PC, the same id

    copy = tmp_path / "copied.sqlite3"
    shutil.copy(path, copy)
    monkeypatch.setenv("CAMKET_DATA_DIR", str(tmp_path / "laptop-data"))
    laptop = open_existing(copy)
    try:
        assert laptop.installation_id != office_id
        key = this_installation().public_key
        assert this_installation().public_key == key  # kept, not made anew
    finally:
        laptop.close()


def test_rows_every_pc_makes_alike_have_the_same_ids(tmp_path: Path) -> None:
    ids = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite3"
        create_register(path, SIN_HO, ["Bản Nậm Tăm"])
        reg = open_existing(path)
        try:
            first = campaigns.campaign_summaries(reg.db)[0].campaign
            templates = [t.id for t in campaigns.template_choices(reg.db)]
            commune = reg.db.execute("SELECT id FROM commune").fetchone()[0]
            ids.append((first.id, templates, commune))
        finally:
            reg.close()
    assert ids[0] == ids[1]
    assert ids[0][2] == commune_id(SIN_HO)
    assert Pledge("h", "c", 1).id == Pledge("h", "c", 1).id != Pledge("h2", "c", 1).id


def test_an_old_register_moves_its_identity_out_and_keeps_its_current_campaign(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database(str(path))
    migrations.apply(db, stop_before="m0004_exchange")
    now = "2026-01-02T03:04:05.000Z"
    sync = {"created_at": now, "updated_at": now, "updated_by": "old-pc", "rev": 1}
    db["commune"].insert(
        {
            "id": "old-pc",
            "code": SIN_HO,
            "name": "Xã Sìn Hồ",
            "province_code": "12",
            "province_name": "Tỉnh Lai Châu",
            "installation_id": "old-pc",
            **sync,
        }
    )
    db["hamlet"].insert({"id": "h1", "name": "Bản A", "kind": "ban", "sort_key": "ban a", **sync})
    db["household"].insert(
        {"id": "hh1", "hamlet_id": "h1", "code": "A-1", "sort_key": "a-1", **sync}
    )
    for number, current in (("1", 0), ("2", 1)):
        db["campaign"].insert(
            {
                "id": f"c{number}",
                "title": f"Đợt {number}",
                "template_id": "bien-gioi",
                "template_version": 1,
                "is_current": current,
                **sync,
            }
        )
    db.close()

    opened = open_register(path)
    assert local.get_setting(opened, local.REGISTER_COMMUNE) == SIN_HO
    assert local.get_setting(opened, local.CURRENT_CAMPAIGN) == "c2"
    assert opened.execute("SELECT id FROM commune").fetchone()[0] == commune_id(SIN_HO)
    assert opened.execute("SELECT commune_code, vv FROM household").fetchone() == (
        SIN_HO,
        '{"old-pc":1}',
    )
    opened.close()
    reg = open_existing(path)
    try:
        assert reg.installation_id == "old-pc"  # this PC had none: it takes the old one
        assert reg.commune.code == SIN_HO
        household = Household(repo.list_hamlets(reg.db)[0].id, "A-2")
        repo.add_household(reg.writer, household, [Person("", "Lò Văn Panh", "nam")])  # type: ignore[arg-type]
        assert reg.db.execute(
            "SELECT commune_code FROM household WHERE id = ?", [household.id]
        ).fetchone() == (SIN_HO,)
    finally:
        reg.close()
    assert {c.code for c in repo.list_communes(connect(path))} == {SIN_HO}
