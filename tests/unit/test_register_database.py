"""A register's connection reads and writes as sqlite-utils' Database does before sqlite-utils
is imported, and is one from the first use of anything else on."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from desktop.domain.errors import KnownError
from desktop.services.register import OpenRegister
from desktop.store.register import open_register
from desktop.store.schema import KNOWN_MIGRATIONS, MIGRATION_SET, migrations

OPENED_WITHOUT_SQLITE_UTILS = """
import sqlite3, sys
from desktop.store.register import open_register

db = open_register(sys.argv[1])
db.execute("INSERT INTO local_setting(key, value) VALUES ('paint', '1')")
with db.atomic():
    db.execute("INSERT INTO local_setting(key, value) VALUES ('paint-2', '2')")
assert "local_setting" in db.table_names()
assert "sqlite_utils" not in sys.modules, "imported to open, read or write"
other = sqlite3.connect(sys.argv[1])
written = other.execute("SELECT count(*) FROM local_setting WHERE key LIKE 'paint%'")
assert written.fetchone()[0] == 2
assert db["local_setting"].count >= 2  # anything else: sqlite-utils from here on
import sqlite_utils
assert isinstance(db, sqlite_utils.Database)
with db.atomic():
    db["local_setting"].insert({"key": "paint-3", "value": "3"})
assert other.execute("SELECT value FROM local_setting WHERE key = 'paint-3'").fetchone() == ("3",)
print("ok")
"""


def test_a_register_opens_reads_and_writes_before_sqlite_utils_is_imported(
    register: OpenRegister,
) -> None:
    path = register.path
    register.close()
    done = subprocess.run(
        [sys.executable, "-c", OPENED_WITHOUT_SQLITE_UTILS, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_lone_write_is_committed_and_a_failed_one_leaves_no_transaction(
    register: OpenRegister,
) -> None:
    db = open_register(register.path)
    try:
        db.execute("INSERT INTO local_setting(key, value) VALUES ('k', 'v')")
        assert not db.conn.in_transaction
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO local_setting(key, value) VALUES ('k', 'again')")
        assert not db.conn.in_transaction
        seen = sqlite3.connect(register.path)
        assert seen.execute("SELECT value FROM local_setting WHERE key = 'k'").fetchone() == ("v",)
        seen.close()
    finally:
        db.close()


def test_a_nested_block_rolled_back_keeps_the_outer_one(register: OpenRegister) -> None:
    db = open_register(register.path)
    try:
        with db.atomic():
            db.execute("INSERT INTO local_setting(key, value) VALUES ('outer', '1')")
            with pytest.raises(RuntimeError), db.atomic():
                db.execute("INSERT INTO local_setting(key, value) VALUES ('inner', '1')")
                raise RuntimeError("refused")
        keys = {row[0] for row in db.execute("SELECT key FROM local_setting")}
        assert "outer" in keys
        assert "inner" not in keys
        assert isinstance(db, Database)  # a savepoint is sqlite-utils' own
    finally:
        db.close()


def test_the_migrations_read_are_those_sqlite_utils_records(tmp_path: Path) -> None:
    path = tmp_path / "older.sqlite3"
    db = Database(sqlite3.connect(path))
    own = Migrations(MIGRATION_SET)
    for name in KNOWN_MIGRATIONS:
        own(name=name)(lambda _db: None)
    own.apply(db, stop_before=KNOWN_MIGRATIONS[-1])
    assert [m.name for m in migrations.applied(db)] == KNOWN_MIGRATIONS[:-1]
    assert [tuple(m) for m in migrations.applied(db)] == [
        (m.name, m.applied_at) for m in own.applied(db)
    ]
    assert migrations.pending(db) == [m.name for m in own.pending(db)] == KNOWN_MIGRATIONS[-1:]
    db.close()
    assert migrations.applied(Database(sqlite3.connect(tmp_path / "empty.sqlite3"))) == []


def settings(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return [r[0] for r in conn.execute("SELECT key FROM local_setting WHERE key LIKE 'w-%'")]


def test_a_write_into_a_register_replaced_while_it_waited_is_refused_not_lost(
    register: OpenRegister,
) -> None:
    # `camket sign` opened the register, then waited for the lock `camket encrypt` held; the
    # encrypted file took the register's place: committed, the write went into the plain
    # file set aside while the command said it was saved.
    path = register.path
    register.close()
    waiting = open_register(path)
    aside = path.with_name("set-aside.sqlite3")
    os.link(path, aside)
    other = path.with_name("new.sqlite3")
    with closing(sqlite3.connect(aside)) as source, closing(sqlite3.connect(other)) as copy:
        source.backup(copy)
    os.replace(other, path)
    try:
        with pytest.raises(KnownError) as refused, waiting.atomic():
            waiting.execute("INSERT INTO local_setting(key, value) VALUES ('w-1', '1')")
        assert refused.value.code == "db.replaced"
        with pytest.raises(KnownError):  # a lone write, committed at once otherwise
            waiting.execute("INSERT INTO local_setting(key, value) VALUES ('w-2', '2')")
        assert not waiting.conn.in_transaction
    finally:
        waiting.close()
    assert settings(aside) == [] and settings(path) == []
    with open_register(path) as reopened:  # opened again: the register in place takes it
        reopened.execute("INSERT INTO local_setting(key, value) VALUES ('w-3', '3')")
    assert settings(path) == ["w-3"]
