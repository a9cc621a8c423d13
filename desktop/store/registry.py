"""The table registry: every synced table once, with its columns, parents and natural keys.

Row mapping, bundle columns, merge order, change capture and audit filtering all read this
list; no other module keeps its own list of a synced table's columns. A new synced table is
one more `SyncedTable` in `TABLES`, placed after the tables it points at, plus its migration
(which calls `change_triggers` for it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Every synced row carries these besides its content (DESIGN §3). `vv` is the version
# vector, {installation id: edits of this row by it}, as canonical JSON: it tells a later
# edit from a concurrent one when bundles meet (exchange.merge).
SYNC_COLUMNS: tuple[str, ...] = ("created_at", "updated_at", "updated_by", "rev", "deleted", "vv")
# Rows of these tables belong to one commune through this column (one register may hold
# many communes: an upper-level register).
COMMUNE_COLUMN = "commune_code"
# A table with private columns keeps, beside them, the version vector of the version they
# were written in: they travel only in full bundles, so an incremental bundle updates the
# rest of a row and leaves them (and this vector) as they were; a full bundle's replace them
# when its vector is the later one (store.private_columns).
PRIVATE_VV = "private_vv"


@dataclass(frozen=True)
class SyncedTable:
    """One synced table. ``columns`` are its content columns in bundle order, id first;
    ``derived`` ones are rebuilt from the others (never exported, never a change for sync);
    ``binary`` ones travel as files beside the CSV; ``parents`` maps a column to the table it
    points at; ``natural_key`` is what a person knows the row by (a clash is reported, never
    merged silently); ``private`` columns never reach a spreadsheet or a log, travel only in
    full bundles and are versioned apart (``PRIVATE_VV``); ``added`` columns came after
    bundle format 1, with the value (as CSV text) an older bundle without them means."""

    name: str
    columns: tuple[str, ...]
    derived: tuple[str, ...] = ()
    binary: tuple[str, ...] = ()
    parents: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    natural_key: tuple[str, ...] = ()
    private: tuple[str, ...] = ()
    added: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def scoped(self) -> bool:
        """The row carries its commune's code itself."""
        return COMMUNE_COLUMN in self.columns

    @property
    def holds_commune(self) -> bool:
        """The row holds its commune's code: its own (scoped) or its parent's (derived)."""
        return self.scoped or COMMUNE_COLUMN in self.derived

    @property
    def exported(self) -> tuple[str, ...]:
        """The columns of its CSV in a full bundle: content (binary ones as their SHA-256),
        then sync, then the private columns' vector."""
        return self.bundle_columns(full=True)

    def bundle_columns(self, *, full: bool) -> tuple[str, ...]:
        """The columns of its bundle CSV; an incremental bundle leaves the private ones out."""
        content = tuple(
            c for c in self.columns if c not in self.binary and (full or c not in self.private)
        )
        return content + SYNC_COLUMNS + (self.private_sync if full else ())

    @property
    def private_sync(self) -> tuple[str, ...]:
        """The column versioning the private ones (none when the table has no private one)."""
        return (PRIVATE_VV,) if self.private else ()

    @property
    def stored(self) -> tuple[str, ...]:
        """Every column the merge writes: content, binary, sync (derived ones are rebuilt)."""
        return self.columns + SYNC_COLUMNS + self.private_sync

    @property
    def audited(self) -> frozenset[str]:
        """Columns whose changes an audit row records (binary content by its hash only;
        private ones, such as a tip's informant, never: the audit is a log)."""
        return frozenset(self.columns) - frozenset(self.binary) - frozenset(self.private)

    @property
    def content(self) -> tuple[str, ...]:
        """The columns two versions of a row are compared by (domain.versions: content):
        a version's columns (binary ones by their SHA-256, private ones merged apart) and
        ``deleted``; not who made it, when, nor its vector."""
        apart = {*self.binary, *self.private}
        return (*(c for c in self.columns if c not in apart), "deleted")


def _parents(**links: str) -> Mapping[str, str]:
    return MappingProxyType(links)


TABLES: tuple[SyncedTable, ...] = (
    SyncedTable(
        "commune",
        (
            "id",
            "code",
            "name",
            "province_code",
            "province_name",
            "clerk_name",
            "border_post",
            "border_officer",
        ),
        natural_key=("code",),
    ),
    SyncedTable(
        "hamlet",
        ("id", "commune_code", "name", "kind", "head_name", "is_border"),
        derived=("sort_key",),
    ),
    SyncedTable(
        "household",
        ("id", "commune_code", "hamlet_id", "code", "address", "phone", "head_id", "notes"),
        derived=("sort_key", "search_text"),
        parents=_parents(hamlet_id="hamlet"),
        natural_key=("commune_code", "code"),
    ),
    SyncedTable(
        "person",
        (
            "id",
            "household_id",
            "full_name",
            "gender",
            "birth",
            "id_number",
            "ethnicity",
            "relationship",
            "residence",
            "phone",
            "occupation",
            "notes",
            "position",
        ),
        # The commune is the household's: it keys the person's indexes (m0008), never travels.
        derived=("sort_key", "search_text", COMMUNE_COLUMN),
        parents=_parents(household_id="household"),
    ),
    SyncedTable(
        "relative_abroad",
        (
            "id",
            "household_id",
            "full_name",
            "relationship",
            "country",
            "since",
            "departure",
            "contact",
            "plans_to_return",
        ),
        parents=_parents(household_id="household"),
    ),
    SyncedTable(
        "pledge_template",
        ("id", "template_id", "version", "title", "source", "based_on"),
        natural_key=("template_id", "version"),
    ),
    SyncedTable(
        "campaign",
        (
            "id",
            "title",
            "template_id",
            "template_version",
            "starts_on",
            "ends_on",
            "target_percent",
        ),
    ),
    SyncedTable(
        "pledge",
        (
            "id",
            "household_id",
            "campaign_id",
            "template_version",
            "status",
            "printed_at",
            "signed_on",
            "signer_id",
            "witnesses",
            "reason",
            "notes",
        ),
        parents=_parents(household_id="household", campaign_id="campaign", signer_id="person"),
        natural_key=("campaign_id", "household_id"),
    ),
    SyncedTable(
        "attachment",
        ("id", "pledge_id", "kind", "mime", "sha256", "size", "file_name", "bytes"),
        binary=("bytes",),
        parents=_parents(pledge_id="pledge"),
    ),
    SyncedTable(
        "movement",
        (
            "id",
            "household_id",
            "person_id",
            "kind",
            "guest_name",
            "guest_birth_year",
            "guest_id_number",
            "guest_nationality",
            "starts_on",
            "until",
            "ended_on",
            "place",
            "country",
            "gate",
            "via_trail",
            "reason",
            "handed_over_on",
            "reported_on",
            "notes",
            "border_belt",
            "border_permit",
        ),
        derived=(COMMUNE_COLUMN,),  # the household's, as a person's
        parents=_parents(household_id="household", person_id="person"),
        # Format 2 (m0006). An older PC never saw these, so its versions of a row never
        # replace one that set them (its vector cannot be the later one): read as not set.
        added=MappingProxyType({"border_belt": "0", "border_permit": ""}),
    ),
    SyncedTable(
        "tip",
        (
            "id",
            "commune_code",
            "received_at",
            "informant_name",
            "informant_phone",
            "hamlet_id",
            "place",
            "people_count",
            "description",
            "about",
            "handed_to",
            "handed_at",
            "outcome",
        ),
        parents=_parents(hamlet_id="hamlet"),
        # The informant never reaches a log or a spreadsheet; only a full bundle carries it.
        private=("informant_name", "informant_phone"),
    ),
    SyncedTable(
        "tip_person",
        ("id", "tip_id", "person_id"),
        parents=_parents(tip_id="tip", person_id="person"),
        natural_key=("tip_id", "person_id"),
    ),
)

_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> SyncedTable:
    """The registry entry of a synced table (KeyError for any other name: a bug)."""
    return _BY_NAME[name]


def commune_link(spec: SyncedTable) -> tuple[str, SyncedTable] | None:
    """The column and parent through which a row of ``spec``, which does not carry its
    commune itself, belongs to one: the first parent that carries it or has parents."""
    return next(
        ((column, table(parent)) for column, parent in spec.parents.items()
         if table(parent).scoped or table(parent).parents),
        None,
    )  # fmt: skip


def commune_sql(spec: SyncedTable) -> str | None:
    """SELECT (row id, commune code) for the rows of ``spec`` whose ids are bound to the
    marks that follow "IN" (append "(?, ?, …)"), following parents to the table that carries
    the commune; None for tables that belong to no one commune (templates, campaigns)."""
    return _commune_query(spec, "t.id, {code}", "t.id IN")


def commune_rows_sql(spec: SyncedTable) -> str | None:
    """SELECT the id of every row of ``spec`` of one commune, whose code is bound to its one
    mark (tombstones too); None for tables that belong to no one commune."""
    return _commune_query(spec, "t.id", "{code} = ?")


def _commune_query(spec: SyncedTable, columns: str, where: str) -> str | None:
    """SELECT ``columns`` FROM the rows of ``spec`` WHERE ``where``, both given the column
    that holds their commune's code as ``{code}``."""
    if spec.name == "commune":
        joins, code = "", "t.code"
    else:
        path = _commune_path(spec)
        if path is None:
            return None
        joins, code = path
    chosen, condition = columns.format(code=code), where.format(code=code)
    return f"SELECT {chosen} FROM [{spec.name}] t {joins} WHERE {condition}"


def _commune_path(spec: SyncedTable) -> tuple[str, str] | None:
    """The joins from a row of ``spec`` (alias t) to the table that carries its commune,
    and that column (``p0.commune_code``); None for tables of no one commune."""
    joins: list[str] = []
    alias, current = "t", spec
    while not current.scoped:
        link = commune_link(current)
        if link is None:
            return None
        column, parent = link
        joins.append(f"JOIN [{parent.name}] p{len(joins)} ON p{len(joins)}.id = {alias}.{column}")
        alias, current = f"p{len(joins) - 1}", parent
    return " ".join(joins), f"{alias}.{COMMUNE_COLUMN}"


def change_triggers(spec: SyncedTable) -> list[str]:
    """Triggers that note every insert, and every update of a column that travels, in
    change_log: whatever path writes (a service, a bulk load, a merge), an incremental
    bundle cannot miss it. Derived columns (sort keys, search text) are not a change."""
    differs = " OR ".join(f"old.[{c}] IS NOT new.[{c}]" for c in spec.stored)
    # Not INSERT OR REPLACE: a trigger's conflict clause yields to the statement's that fired
    # it, and a merge's upsert would then fail on the change_log row instead of replacing it.
    note = (
        f"DELETE FROM change_log WHERE tbl = '{spec.name}' AND row_id = new.id;"
        f" INSERT INTO change_log(tbl, row_id) VALUES ('{spec.name}', new.id);"
    )
    return [
        f"""CREATE TRIGGER {spec.name}_change_insert AFTER INSERT ON [{spec.name}]
            BEGIN {note} END""",
        f"""CREATE TRIGGER {spec.name}_change_update AFTER UPDATE ON [{spec.name}]
            WHEN {differs}
            BEGIN {note} END""",
    ]
