"""The register's schema as append-only sqlite-utils migrations: never edit one, add the next."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.store.migration_set import MigrationSet

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "camket"
migrations = MigrationSet(MIGRATION_SET)
# Names this app knows, in order: a database that has applied any other name comes from a
# newer CamKet and is refused (store.register.open_register).
KNOWN_MIGRATIONS: list[str] = migrations.names


def _migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    return migrations.add(fn)


# Every synced table carries these (DESIGN §3). Tombstones (deleted=1) are kept for sync.
SYNC_COLUMNS = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    rev INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
"""


# Tables made after m0004 carry the version vector from the start.
SYNC_COLUMNS_VV = (
    SYNC_COLUMNS
    + """,
    vv TEXT NOT NULL DEFAULT '{}'
"""
)


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
            *fts_triggers("person"),
            *fts_triggers("household"),
        ],
    )


def fts_triggers(table: str, up_to_rowid: int | None = None) -> list[str]:
    """Keep an external-content FTS table in step with its table, tombstones excluded.
    With ``up_to_rowid`` (store.bulk, during a load): the delete and update triggers alone,
    for the rows up to that rowid (the load indexes the rows it writes when it ends)."""
    fts = f"{table}_fts"
    before = "" if up_to_rowid is None else f" AND old.rowid <= {int(up_to_rowid)}"
    when = before.replace(" AND", " WHEN", 1)
    insert = f"""CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} WHEN new.deleted = 0
            BEGIN
              INSERT INTO {fts}(rowid, search_text) VALUES (new.rowid, new.search_text);
            END"""
    return [
        *([insert] if up_to_rowid is None else []),
        f"""CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} WHEN old.deleted = 0{before}
            BEGIN
              INSERT INTO {fts}({fts}, rowid, search_text)
                VALUES ('delete', old.rowid, old.search_text);
            END""",
        f"""CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table}{when}
            BEGIN
              INSERT INTO {fts}({fts}, rowid, search_text)
                SELECT 'delete', old.rowid, old.search_text WHERE old.deleted = 0;
              INSERT INTO {fts}(rowid, search_text)
                SELECT new.rowid, new.search_text WHERE new.deleted = 0;
            END""",
    ]


@_migration
def m0002_pledges(db: Database) -> None:
    _run(
        db,
        [
            # A copy of a template's text in the register: a clerk's edited copy is a new
            # version, and a printed pledge keeps the version it was printed with.
            f"""CREATE TABLE pledge_template (
                id TEXT PRIMARY KEY,
                template_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                title TEXT NOT NULL,
                source TEXT NOT NULL DEFAULT '',
                based_on TEXT NOT NULL DEFAULT '',
                {SYNC_COLUMNS})""",
            """CREATE UNIQUE INDEX pledge_template_version
                ON pledge_template(template_id, version) WHERE deleted = 0""",
            f"""CREATE TABLE campaign (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                template_id TEXT NOT NULL,
                template_version INTEGER NOT NULL,
                starts_on TEXT,
                ends_on TEXT,
                target_percent INTEGER NOT NULL DEFAULT 100
                    CHECK (target_percent BETWEEN 1 AND 100),
                is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
                {SYNC_COLUMNS})""",
            # At most one current campaign among live ones.
            """CREATE UNIQUE INDEX campaign_current ON campaign(is_current)
                WHERE is_current = 1 AND deleted = 0""",
            f"""CREATE TABLE pledge (
                id TEXT PRIMARY KEY,
                household_id TEXT NOT NULL REFERENCES household(id),
                campaign_id TEXT NOT NULL REFERENCES campaign(id),
                template_version INTEGER NOT NULL,
                status TEXT NOT NULL DEFAULT 'chua_in'
                    CHECK (status IN ('chua_in', 'da_in', 'da_ky', 'tu_choi', 'vang_mat')),
                printed_at TEXT,
                signed_on TEXT,
                signer_id TEXT REFERENCES person(id),
                witnesses TEXT NOT NULL DEFAULT '',
                reason TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                {SYNC_COLUMNS})""",
            """CREATE UNIQUE INDEX pledge_campaign_household
                ON pledge(campaign_id, household_id) WHERE deleted = 0""",
            "CREATE INDEX pledge_household ON pledge(household_id, campaign_id)",
            # The bytes stay in the register (one file to back up and export); the audit
            # row carries the SHA-256, never the bytes.
            f"""CREATE TABLE attachment (
                id TEXT PRIMARY KEY,
                pledge_id TEXT NOT NULL REFERENCES pledge(id),
                kind TEXT NOT NULL CHECK (kind IN ('signature', 'scan')),
                mime TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                size INTEGER NOT NULL,
                file_name TEXT NOT NULL DEFAULT '',
                bytes BLOB NOT NULL,
                {SYNC_COLUMNS})""",
            "CREATE INDEX attachment_pledge ON attachment(pledge_id, kind)",
        ],
    )


@_migration
def m0003_household_edit(db: Database) -> None:
    _run(
        db,
        [
            # A household's history includes the people who moved out of it: their audit rows
            # hold the old household id in `before` (store/history.py looks them up by it).
            """CREATE INDEX audit_person_moved_from
                ON audit(json_extract(before, '$.household_id'))
                WHERE entity = 'person' AND before IS NOT NULL""",
        ],
    )


# The synced tables m0004 gives version vectors and change capture. A later migration that
# adds a synced table (or a column to one) installs that table's triggers itself.
_M0004_TABLES = (
    "commune",
    "hamlet",
    "household",
    "person",
    "relative_abroad",
    "pledge_template",
    "campaign",
    "pledge",
    "attachment",
)


@_migration
def m0004_exchange(db: Database) -> None:
    """Foundations of the exchange (bundles and merge between installations):

    - rows of a commune carry its official code, so one register can hold many communes;
      household codes are looked up within a commune (a clash after a merge is reported,
      never merged away: the index is not unique);
    - the installation identity leaves the register (it lives in the user data folder);
      the commune's id is derived from its code; bundled template rows get stable ids;
    - which campaign is current is this PC's choice (local_setting), not a synced column;
    - every synced row gets a version vector (vv), and change_log notes every change;
    - local tables: settings of this register on this PC, installations met, bundles
      sent and received, and concurrent versions awaiting a person (conflict).
    """
    from desktop.domain.entities import commune_id, stable_id
    from desktop.store.registry import change_triggers, table

    _run(
        db,
        [
            "CREATE TABLE local_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """CREATE TABLE installation (
                id TEXT PRIMARY KEY,
                public_key TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                commune_codes TEXT NOT NULL DEFAULT '',
                label TEXT NOT NULL DEFAULT '')""",
            """CREATE TABLE bundle_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                direction TEXT NOT NULL CHECK (direction IN ('sent', 'received', 'refused')),
                at TEXT NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                installation_id TEXT NOT NULL,
                commune_codes TEXT NOT NULL,
                made_at TEXT NOT NULL,
                summary TEXT NOT NULL)""",
            """CREATE TABLE conflict (
                id TEXT PRIMARY KEY,
                tbl TEXT NOT NULL,
                row_id TEXT NOT NULL,
                vv TEXT NOT NULL,
                data TEXT NOT NULL,
                found_at TEXT NOT NULL)""",
            "CREATE INDEX conflict_row ON conflict(tbl, row_id)",
            """CREATE TABLE change_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                tbl TEXT NOT NULL,
                row_id TEXT NOT NULL,
                UNIQUE (tbl, row_id))""",
        ],
    )
    # The identity the register carried becomes this PC's when the PC has none yet
    # (exchange.identity adopts it), so its history keeps naming the same installation.
    for old_id, code in db.execute("SELECT id, code FROM commune").fetchall():
        db.execute(
            "INSERT OR IGNORE INTO local_setting VALUES ('legacy_installation_id', ?)", [old_id]
        )
        db.execute("UPDATE commune SET id = ? WHERE id = ?", [commune_id(code), old_id])
    register_commune = db.execute(
        "SELECT code FROM commune WHERE deleted = 0 ORDER BY created_at LIMIT 1"
    ).fetchone()
    if register_commune:
        db.execute(
            "INSERT INTO local_setting VALUES ('register_commune', ?)", [register_commune[0]]
        )
    current = db.execute(
        "SELECT id FROM campaign WHERE is_current = 1 AND deleted = 0 LIMIT 1"
    ).fetchone()
    if current:
        db.execute("INSERT INTO local_setting VALUES ('current_campaign', ?)", [current[0]])
    for row_id, template_id, version in db.execute(
        "SELECT id, template_id, version FROM pledge_template"
    ).fetchall():
        db.execute(
            "UPDATE pledge_template SET id = ? WHERE id = ?",
            [stable_id("template", template_id, str(version)), row_id],
        )
    code = register_commune[0] if register_commune else ""
    _run(
        db,
        [
            "ALTER TABLE commune DROP COLUMN installation_id",
            "DROP INDEX campaign_current",
            "ALTER TABLE campaign DROP COLUMN is_current",
            "ALTER TABLE hamlet ADD COLUMN commune_code TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE household ADD COLUMN commune_code TEXT NOT NULL DEFAULT ''",
            "DROP INDEX household_code",
            """CREATE INDEX household_code ON household(commune_code, code)
                WHERE deleted = 0""",
            "CREATE INDEX hamlet_commune ON hamlet(commune_code, sort_key)",
        ],
    )
    for name in ("hamlet", "household"):
        db.execute(f"UPDATE {name} SET commune_code = ?", [code])
    for name in _M0004_TABLES:
        _run(
            db,
            [
                f"ALTER TABLE {name} ADD COLUMN vv TEXT NOT NULL DEFAULT '{{}}'",
                f"UPDATE {name} SET vv = json_object(updated_by, rev)",
                f"INSERT INTO change_log(tbl, row_id) SELECT '{name}', id FROM {name}",
                *change_triggers(table(name)),
            ],
        )


@_migration
def m0005_ledger(db: Database) -> None:
    from desktop.store.registry import change_triggers, table

    kinds = ", ".join(
        f"'{k}'"
        for k in (
            "tam_tru",
            "tam_vang",
            "luu_tru",
            "di_nuoc_ngoai",
            "ve_tu_nuoc_ngoai",
            "chuyen_den",
            "chuyen_di",
            "sinh",
            "chet",
        )
    )
    _run(
        db,
        [
            # The residency ledger (Biến động): a member's movement, or a guest (lưu trú) who
            # need not be in the register, at a host household. Presence is derived from it.
            f"""CREATE TABLE movement (
                id TEXT PRIMARY KEY,
                household_id TEXT NOT NULL REFERENCES household(id),
                person_id TEXT REFERENCES person(id),
                kind TEXT NOT NULL CHECK (kind IN ({kinds})),
                guest_name TEXT NOT NULL DEFAULT '',
                guest_birth_year INTEGER,
                guest_id_number TEXT NOT NULL DEFAULT '',
                guest_nationality TEXT NOT NULL DEFAULT '',
                starts_on TEXT NOT NULL,
                until TEXT,
                ended_on TEXT,
                place TEXT NOT NULL DEFAULT '',
                country TEXT NOT NULL DEFAULT '',
                gate TEXT NOT NULL DEFAULT '',
                via_trail INTEGER NOT NULL DEFAULT 0 CHECK (via_trail IN (0, 1)),
                reason TEXT NOT NULL DEFAULT '',
                handed_over_on TEXT,
                reported_on TEXT,
                notes TEXT NOT NULL DEFAULT '',
                {SYNC_COLUMNS_VV},
                CHECK (person_id IS NOT NULL OR guest_name != ''))""",
            """CREATE INDEX movement_person ON movement(person_id, starts_on)
                WHERE person_id IS NOT NULL""",
            "CREATE INDEX movement_household ON movement(household_id)",
            "CREATE INDEX movement_order ON movement(starts_on DESC, id)",
            "CREATE INDEX movement_kind ON movement(kind, starts_on)",
            # A tip (tin báo) about illegal entry or exit, harbouring, transport, strangers.
            # The informant's name and phone never leave the register but in a full bundle.
            f"""CREATE TABLE tip (
                id TEXT PRIMARY KEY,
                commune_code TEXT NOT NULL,
                received_at TEXT NOT NULL,
                informant_name TEXT NOT NULL DEFAULT '',
                informant_phone TEXT NOT NULL DEFAULT '',
                hamlet_id TEXT REFERENCES hamlet(id),
                place TEXT NOT NULL,
                people_count INTEGER,
                description TEXT NOT NULL DEFAULT '',
                about TEXT NOT NULL,
                handed_to TEXT NOT NULL DEFAULT '',
                handed_at TEXT,
                outcome TEXT NOT NULL DEFAULT '',
                {SYNC_COLUMNS_VV})""",
            "CREATE INDEX tip_received ON tip(received_at DESC)",
            # The people of the register a tip concerns.
            f"""CREATE TABLE tip_person (
                id TEXT PRIMARY KEY,
                tip_id TEXT NOT NULL REFERENCES tip(id),
                person_id TEXT NOT NULL REFERENCES person(id),
                {SYNC_COLUMNS_VV})""",
            """CREATE UNIQUE INDEX tip_person_once ON tip_person(tip_id, person_id)
                WHERE deleted = 0""",
            *change_triggers(table("movement")),
            *change_triggers(table("tip")),
            *change_triggers(table("tip_person")),
        ],
    )


@_migration
def m0006_border_belt(db: Database) -> None:
    """A lưu trú records whether the guest enters the border belt (vành đai biên giới,
    Decree 34/2014/NĐ-CP art. 6 as amended) and the permit a foreign guest holds. The
    movement's change triggers are made again so that they compare the new columns."""
    from desktop.store.registry import change_triggers, table

    _run(
        db,
        [
            """ALTER TABLE movement ADD COLUMN border_belt INTEGER NOT NULL DEFAULT 0
                CHECK (border_belt IN (0, 1))""",
            "ALTER TABLE movement ADD COLUMN border_permit TEXT NOT NULL DEFAULT ''",
            "DROP TRIGGER movement_change_insert",
            "DROP TRIGGER movement_change_update",
            *change_triggers(table("movement")),
        ],
    )


@_migration
def m0007_private_versions(db: Database) -> None:
    # A tip's informant travels in full bundles only, so it is versioned apart from the rest
    # of the row (store.private_columns): the vector of the edit that wrote it.
    _run(
        db,
        [
            "ALTER TABLE tip ADD COLUMN private_vv TEXT NOT NULL DEFAULT '{}'",
            "UPDATE tip SET private_vv = vv",
            # A version waiting for review is the row without its private columns now.
            """UPDATE conflict SET data = json_remove(data, '$.informant_name',
                '$.informant_phone') WHERE tbl = 'tip'""",
        ],
    )


# The indexes m0008 keys by commune first: (old name, new name, table, new columns and rule).
_M0008_INDEXES = (
    ("person_sort", "person_commune_sort", "person", "(commune_code, sort_key)"),
    (
        "person_id_number",
        "person_commune_id_number",
        "person",
        "(commune_code, id_number) WHERE id_number != ''",
    ),
    ("household_sort", "household_commune_sort", "household", "(commune_code, sort_key)"),
    (
        "movement_order",
        "movement_commune_order",
        "movement",
        "(commune_code, starts_on DESC, id)",
    ),
    ("movement_kind", "movement_commune_kind", "movement", "(commune_code, kind, starts_on)"),
)


@_migration
def m0008_commune_indexes(db: Database) -> None:
    """People and movements carry their household's commune (a derived column: never in a
    bundle, never a change for sync), and the indexes whose keys are random by nature
    (names' sort keys, ID numbers, movements' dates and kinds) are keyed by commune first:
    a commune's bundle merged into an upper-level register lands in one range of each
    instead of on every page of it, and each commit rewrites those pages alone."""
    update_triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        " AND name IN ('person_fts_update', 'person_change_update', 'movement_change_update')"
    ).fetchall()
    _run(
        db,
        [
            *(f"DROP INDEX {old}" for old, _, _, _ in _M0008_INDEXES),
            # The fill below changes no column the search index or change capture reads.
            *(f"DROP TRIGGER {name}" for name, _ in update_triggers),
            "ALTER TABLE person ADD COLUMN commune_code TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE movement ADD COLUMN commune_code TEXT NOT NULL DEFAULT ''",
            *(
                f"""UPDATE {name} SET commune_code = h.commune_code FROM household h
                    WHERE h.id = {name}.household_id AND h.commune_code != ''"""
                for name in ("person", "movement")
            ),
            *(sql for _, sql in update_triggers),
            *(f"CREATE INDEX {new} ON {name}{key}" for _, new, name, key in _M0008_INDEXES),
            *commune_follows_household(),
        ],
    )


def commune_follows_household() -> list[str]:
    """Triggers that keep a person's and a movement's commune their household's when a
    household changes commune or they change household (an edit, a merge, a conflict
    settled): every other writer gives a new row its commune (registry, derived columns)."""
    return [
        """CREATE TRIGGER household_commune_moves AFTER UPDATE OF commune_code ON household
            WHEN old.commune_code IS NOT new.commune_code
            BEGIN
              UPDATE person SET commune_code = new.commune_code WHERE household_id = new.id;
              UPDATE movement SET commune_code = new.commune_code WHERE household_id = new.id;
            END""",
        *(
            f"""CREATE TRIGGER {name}_commune_follows AFTER UPDATE OF household_id ON {name}
            WHEN old.household_id IS NOT new.household_id
            BEGIN
              UPDATE {name} SET commune_code = coalesce(
                (SELECT commune_code FROM household WHERE id = new.household_id), '')
              WHERE rowid = new.rowid;
            END"""
            for name in ("person", "movement")
        ),
    ]


# The search index's own options (m0009 made them so): text folded in Python, 1-3 letter
# prefixes kept, no token counts per row.
FTS_OPTIONS = "tokenize='unicode61', prefix='1 2 3', columnsize=0"


@_migration
def m0009_search_index_columnsize(db: Database) -> None:
    """The search indexes no longer keep each row's token count (FTS5 `columnsize=0`): only
    ranking (bm25) reads it, and searches order by name, never by rank. Filling the people's
    index of a first merge (200,000 rows) cost ~0.17 s less of ~0.85 s, one B-tree insert a
    row fewer. The same terms, prefixes (1-3 letters: a one-letter search reads one list)
    and rows are indexed, so every search finds what it found. Made again here from the
    live rows (tombstones are never indexed; 'rebuild' would index them too)."""
    for table in ("person", "household"):
        _run(
            db,
            [
                f"DROP TABLE {table}_fts",
                f"""CREATE VIRTUAL TABLE {table}_fts USING fts5(
                    search_text, content='{table}', content_rowid='rowid', {FTS_OPTIONS})""",
                f"""INSERT INTO {table}_fts(rowid, search_text)
                    SELECT rowid, search_text FROM {table} WHERE deleted = 0""",
            ],
        )
