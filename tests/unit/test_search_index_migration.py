"""m0009: the search indexes of a register made before it are made again without each row's
token count (columnsize=0): every search finds what it found, tombstones stay out, and the
edits after it are indexed as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from desktop.services.demo import create_demo_register
from desktop.store.schema import MIGRATION_SET, migrations
from desktop.store.search import household_ids, search_people

# One, two, three and four letters, digits, diacritics and none, codes, two words.
QUERIES = [
    "n",
    "t",
    "h",
    "0",
    "ng",
    "th",
    "va",
    "01",
    "ngu",
    "thi",
    "hoa",
    "012",
    "nguy",
    "hoàng",
    "Hoang",
    "Đặng",
    "dang",
    "văn",
    "lo thi",
    "thi h",
    "lp",
    "lp 0003",
    "0912",
]
_OLD_FTS = """CREATE VIRTUAL TABLE {table}_fts USING fts5(
    search_text, content='{table}', content_rowid='rowid',
    tokenize='unicode61', prefix='1 2 3')"""


def _found(db: Database) -> dict[str, tuple[list[str], list[str]]]:
    return {
        query: (
            [hit.person_id for hit in search_people(db, query, limit=10_000)],
            household_ids(db, query),
        )
        for query in QUERIES
    }


def _as_before_m0009(path: Path) -> Database:
    """A register as m0008 left it: search indexes with each row's token count, m0009 not
    applied; two people and a household deleted (tombstones, out of the index)."""
    db = Database(sqlite3.connect(path))
    for table in ("person", "household"):
        db.execute(f"DROP TABLE {table}_fts")
        db.execute(_OLD_FTS.format(table=table))
        db.execute(
            f"INSERT INTO {table}_fts(rowid, search_text)"
            f" SELECT rowid, search_text FROM {table} WHERE deleted = 0"
        )
    db.execute(
        "DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name = ?",
        [MIGRATION_SET, "m0009_search_index_columnsize"],
    )
    db.execute(
        "UPDATE person SET deleted = 1 WHERE rowid IN (SELECT rowid FROM person"
        " WHERE search_text GLOB 'nguyen *' ORDER BY rowid LIMIT 2)"
    )
    db.execute(
        "UPDATE household SET deleted = 1 WHERE rowid = (SELECT max(rowid) FROM household"
        " WHERE id NOT IN (SELECT household_id FROM person WHERE deleted = 0))"
        " OR rowid = (SELECT min(rowid) FROM household)"
    )
    db.conn.commit()
    return db


def test_m0009_makes_the_search_index_again_and_every_search_finds_the_same(
    tmp_path: Path,
) -> None:
    path = tmp_path / "demo.sqlite3"
    create_demo_register(path, 120, seed=3)
    db = _as_before_m0009(path)
    assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'person_fts_docsize'").fetchone()
    before = _found(db)
    assert all(people or households for people, households in before.values())
    assert before["n"][0] and before["0"][0] and before["dang"] == before["Đặng"]
    gone = [r[0] for r in db.execute("SELECT id FROM person WHERE deleted = 1")]
    assert len(gone) == 2

    migrations.apply(db)

    assert _found(db) == before
    for table in ("person", "household"):  # raises when the index and live rows disagree
        db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
        assert not db.execute(
            f"SELECT 1 FROM sqlite_master WHERE name = '{table}_fts_docsize'"
        ).fetchone()
    indexed = db.execute("SELECT count(*) FROM person_fts_idx").fetchone()[0]
    assert indexed > 0
    # Tombstones stay out of it: the rows indexed are the live ones.
    live = db.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]
    hits = db.execute(
        "SELECT count(*) FROM person_fts WHERE person_fts MATCH ?", ['"a"* OR "e"* OR "i"*']
    ).fetchone()[0]
    assert 0 < hits <= live
    assert not {p for query in QUERIES for p in _found(db)[query][0]} & set(gone)
    # Edits after it go through the triggers into the new index.
    person = db.execute("SELECT id FROM person WHERE deleted = 0 LIMIT 1").fetchone()[0]
    db.execute("UPDATE person SET search_text = 'xuyenquoc' WHERE id = ?", [person])
    db.conn.commit()
    assert [hit.person_id for hit in search_people(db, "xuyenq")] == [person]
    db.execute("INSERT INTO person_fts(person_fts) VALUES ('integrity-check')")
    db.close()
