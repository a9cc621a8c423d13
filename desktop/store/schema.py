"""The register's schema as append-only sqlite-utils migrations: never edit one, add the next."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "camket"
migrations = Migrations(MIGRATION_SET)
# Names this app knows, in order: a database that has applied any other name comes from a
# newer CamKet and is refused (store.register.open_register).
KNOWN_MIGRATIONS: list[str] = []


def _migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    KNOWN_MIGRATIONS.append(fn.__name__)
    return migrations()(fn)


# Every synced table carries these (DESIGN §3). Tombstones (deleted=1) are kept for sync.
SYNC_COLUMNS = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    rev INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
"""


def _run(db: Database, statements: list[str]) -> None:
    # One execute per statement: executescript() would COMMIT the migration's transaction.
    for statement in statements:
        db.execute(statement)


@_migration
def m0001_register(db: Database) -> None:
    _run(
        db,
        [
            f"""CREATE TABLE commune (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                province_code TEXT NOT NULL,
                province_name TEXT NOT NULL,
                installation_id TEXT NOT NULL,
                clerk_name TEXT NOT NULL DEFAULT '',
                border_post TEXT NOT NULL DEFAULT '',
                border_officer TEXT NOT NULL DEFAULT '',
                {SYNC_COLUMNS})""",
            f"""CREATE TABLE hamlet (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                head_name TEXT NOT NULL DEFAULT '',
                is_border INTEGER NOT NULL DEFAULT 1,
                sort_key TEXT NOT NULL,
                {SYNC_COLUMNS})""",
            f"""CREATE TABLE household (
                id TEXT PRIMARY KEY,
                hamlet_id TEXT NOT NULL REFERENCES hamlet(id),
                code TEXT NOT NULL,
                address TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                head_id TEXT,
                notes TEXT NOT NULL DEFAULT '',
                sort_key TEXT NOT NULL,
                search_text TEXT NOT NULL DEFAULT '',
                {SYNC_COLUMNS})""",
            # Codes are unique among live households; a tombstone may keep an old code.
            "CREATE UNIQUE INDEX household_code ON household(code) WHERE deleted = 0",
            "CREATE INDEX household_hamlet_sort ON household(hamlet_id, sort_key)",
            "CREATE INDEX household_sort ON household(sort_key)",
            f"""CREATE TABLE person (
                id TEXT PRIMARY KEY,
                household_id TEXT NOT NULL REFERENCES household(id),
                full_name TEXT NOT NULL,
                gender TEXT NOT NULL,
                birth TEXT,
                id_number TEXT NOT NULL DEFAULT '',
                ethnicity TEXT NOT NULL DEFAULT '',
                relationship TEXT NOT NULL DEFAULT '',
                residence TEXT NOT NULL DEFAULT 'thuong_tru',
                phone TEXT NOT NULL DEFAULT '',
                occupation TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                position INTEGER NOT NULL DEFAULT 0,
                sort_key TEXT NOT NULL,
                search_text TEXT NOT NULL DEFAULT '',
                {SYNC_COLUMNS})""",
            "CREATE INDEX person_household ON person(household_id, position)",
            "CREATE INDEX person_sort ON person(sort_key)",
            "CREATE INDEX person_id_number ON person(id_number) WHERE id_number != ''",
            f"""CREATE TABLE relative_abroad (
                id TEXT PRIMARY KEY,
                household_id TEXT NOT NULL REFERENCES household(id),
                full_name TEXT NOT NULL,
                relationship TEXT NOT NULL DEFAULT '',
                country TEXT NOT NULL DEFAULT '',
                since TEXT NOT NULL DEFAULT '',
                departure TEXT NOT NULL DEFAULT 'chua_ro',
                contact TEXT NOT NULL DEFAULT '',
                plans_to_return TEXT NOT NULL DEFAULT '',
                {SYNC_COLUMNS})""",
            "CREATE INDEX relative_abroad_household ON relative_abroad(household_id)",
            """CREATE TABLE audit (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                action TEXT NOT NULL,
                before TEXT,
                after TEXT)""",
            "CREATE INDEX audit_entity ON audit(entity, entity_id)",
            # Search indexes hold text folded in Python (đ→d, marks dropped, lower case):
            # FTS5's own remove_diacritics keeps đ, so "dang" would miss "Đặng" (DESIGN §11).
            """CREATE VIRTUAL TABLE person_fts USING fts5(
                search_text, content='person', content_rowid='rowid',
                tokenize='unicode61', prefix='1 2 3')""",
            """CREATE VIRTUAL TABLE household_fts USING fts5(
                search_text, content='household', content_rowid='rowid',
                tokenize='unicode61', prefix='1 2 3')""",
            *_fts_triggers("person"),
            *_fts_triggers("household"),
        ],
    )


def _fts_triggers(table: str) -> list[str]:
    """Keep an external-content FTS table in step with its table, tombstones excluded."""
    fts = f"{table}_fts"
    return [
        f"""CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} WHEN new.deleted = 0
            BEGIN
              INSERT INTO {fts}(rowid, search_text) VALUES (new.rowid, new.search_text);
            END""",
        f"""CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} WHEN old.deleted = 0
            BEGIN
              INSERT INTO {fts}({fts}, rowid, search_text)
                VALUES ('delete', old.rowid, old.search_text);
            END""",
        f"""CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table}
            BEGIN
              INSERT INTO {fts}({fts}, rowid, search_text)
                SELECT 'delete', old.rowid, old.search_text WHERE old.deleted = 0;
              INSERT INTO {fts}(rowid, search_text)
                SELECT new.rowid, new.search_text WHERE new.deleted = 0;
            END""",
    ]
