"""One table's rows of a bundle met with the register's versions, a chunk at a time: the
winners written (new rows inserted, changed ones written over), the losers queued as
conflicts, the communes they belong to checked before and after."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import short_id
from desktop.domain.errors import KnownError
from desktop.domain.text import fold_for_search
from desktop.domain.versions import Version, frontier, to_review, version_of
from desktop.exchange.bundle_file import Bundle, attachment_entry
from desktop.store import replicas
from desktop.store.derived import Deriver, person_search_text
from desktop.store.registry import (
    COMMUNE_COLUMN,
    TABLES,
    SyncedTable,
    commune_link,
    commune_sql,
)
from desktop.store.replicas import StoredRow
from desktop.store.row_decoder import READY_SCHEMA, Line, Lines, ReadyRows

log = logging.getLogger(__name__)

CHUNK = 2000  # bundle rows met with the register's versions at a time
# Households a bundle wrote whose folded code and commune are kept for their people and
# movements (TableMerge ``households``): a district's 50,000 in ~8 MB; past it, asked.
NOTED_HOUSEHOLDS = 200_000

Incoming = tuple[str, list[Version]]  # a row id and the bundle's versions of it
# Tables through which rows of others belong to a commune (registry.commune_link).
_LINK_PARENTS = frozenset(link[1].name for spec in TABLES if (link := commune_link(spec)))


@dataclass
class TableCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0


def chunks(rows: Iterator[Incoming]) -> Iterator[list[Incoming]]:
    """The rows in chunks of at most CHUNK, no row id twice in one chunk: a chunk's rows
    are all met with the register as it was before the chunk (a second line of the same
    row meets the first one's outcome, in the next chunk)."""
    chunk: list[Incoming] = []
    ids: set[str] = set()
    for row in rows:
        if row[0] in ids:
            yield chunk
            chunk, ids = [], set()
        chunk.append(row)
        ids.add(row[0])
        if len(chunk) == CHUNK:  # not a row more read: its private values go with it
            yield chunk
            chunk, ids = [], set()
    if chunk:
        yield chunk


class TableMerge:
    """The rows of one table of one bundle, met chunk by chunk (``meet``); ``renamed``
    gathers the households whose code changed (refresh_people, once people are met)."""

    def __init__(
        self,
        db: Database,
        bundle: Bundle,
        spec: SyncedTable,
        counts: TableCounts,
        vouched: dict[str, set[str]] | None = None,
        households: dict[str, tuple[str, str]] | None = None,
    ):
        """``vouched``: shared by the bundle's tables, the ids of rows it wrote whose
        commune was checked, by the table they are in (their children need not ask).
        ``households``: shared too, each household the bundle wrote (up to
        NOTED_HOUSEHOLDS) as the register now holds it: its code folded for search and its
        commune, by id (its people and movements need not ask; a first merge folds them
        while the helper process still decodes the households)."""
        self.db, self.bundle, self.spec, self.counts = db, bundle, spec, counts
        self.vouched = {} if vouched is None else vouched
        self.households = {} if households is None else households
        self.columns = replicas.version_columns(spec)
        self.stored_columns = [*self.columns, "vv", *spec.binary, *spec.derived]
        self.derive = Deriver(spec.name, self.columns) if spec.derived else None
        self.allowed = set(bundle.manifest.communes)
        scope = "code" if spec.name == "commune" else COMMUNE_COLUMN if spec.scoped else None
        self.scope_at = self.columns.index(scope) if scope else None
        self.commune_sql = commune_sql(spec)
        # A row that does not carry its commune belongs to its parent's.
        link = None if scope else commune_link(spec)
        self.parent_at = self.columns.index(link[0]) if link else None
        self.parent_sql = commune_sql(link[1]) if link else None
        self.parent_name = link[1].name if link else ""
        self.id_at = self.columns.index("id")
        # A person's search text names its household's code; it and a movement hold the
        # household's commune (registry: derived columns).
        self.by_household = COMMUNE_COLUMN in spec.derived
        self.household_at = self.columns.index("household_id") if self.by_household else 0
        self.notes = spec.name == "household" and households is not None
        if self.notes:
            self.code_at = self.columns.index("code")
            self.commune_at = self.columns.index(COMMUNE_COLUMN)
        self.renamed: set[str] = set()
        # Versions of this table's rows may wait in the conflict queue (asked per chunk).
        self.conflicted = replicas.has_conflicts(db, spec)
        # A row whose id sorts after every id the table held before the bundle (every row of
        # a table empty before it, a first merge; rows made since its last row, their ids
        # being time-ordered) can only be one the bundle wrote: only those are looked for (a
        # row named twice in a CSV meets its first line). None: every row is looked for.
        self.last_id = None if self.conflicted else replicas.last_id(db, spec)
        self.written = (
            _IdBits(bundle.manifest.rows.get(spec.name, 0)) if self.last_id is not None else None
        )
        # No row nor waiting version of this table here before the bundle: its lines may be
        # stored as they come (load_new).
        self.empty = self.last_id == ""
        # Rows the helper made ready (ReadyRows) may be copied as they are: READY_SCHEMA is
        # attached, and the rows they depend on (a person's household: its code and
        # commune) were stored as the bundle's lines hold them (services.merge sets it).
        self.ready_rows = False

    def load_new(self, lines: list[Line] | ReadyRows) -> None:
        """Store a chunk of lines of a table ``empty`` before the bundle, none of them
        looked for: each is a row new here, unless the bundle named its id on an earlier
        line (the insert is refused on the id): that line meets the row as the earlier one
        left it (meet), and the rows after it are stored on."""
        if isinstance(lines, ReadyRows):
            if self._copy_ready(lines):
                return
            lines = lines.lines(len(self.columns))
        values = [v for v, _ in lines]
        self._check_written(values)
        households = self._households(values) if self.by_household else {}
        start = 0
        while start < len(lines):
            fed = [start - 1]
            try:
                self._insert(self._stored_rows(lines, start, fed, households))
                self.counts.new += len(lines) - start
                self._note(values[start:])
                start = len(lines)
            except _SameId:
                at = fed[0]
                self.counts.new += at - start
                self._note(values[start:at])
                self.last_id = self.written = None  # rows of this table are looked for now
                row = lines[at]
                self.meet([(row[0][self.id_at], [version_of(self.columns, *row)])], set())
                start = at + 1

    def meet_lines(self, lines: list[Line] | ReadyRows) -> None:
        """Meet a chunk of lines of a table that held rows before the bundle (none of its
        versions waiting in the bundle): the register's rows and waiting versions of their
        ids are read once for the chunk; the lines of those rows meet them (meet), then the
        others are stored as load_new stores them (a commune's bundle into an upper
        register: nearly all its rows, each new there)."""
        self.written = None  # the rows stored here are not marked: meet looks its rows up
        id_at = self.id_at
        if isinstance(lines, ReadyRows):
            held = self._held(lines.ids)
        else:
            held = self._held([values[id_at] for values, _ in lines])
        known = held[0].keys() | held[1].keys()
        if known:
            if isinstance(lines, ReadyRows):
                lines = lines.lines(len(self.columns))
            columns = self.columns
            met = [(v[id_at], [version_of(columns, v, vv)]) for v, vv in lines if v[id_at] in known]
            if len(met) == len(known):  # each row once: met with what was read for it
                self.meet(met, set(), held)
            else:  # a row named twice: its later line meets what the first one left
                for chunk in chunks(iter(met)):
                    self.meet(chunk, set())
            lines = [line for line in lines if line[0][id_at] not in known]
        if lines:
            self.load_new(lines)

    def _held(self, ids: list[str]) -> tuple[dict[str, StoredRow], dict[str, list[Version]]]:
        """The register's row and waiting versions of those of ``ids`` it has: only ids not
        after the last one the table held before the bundle can be (a row the bundle wrote
        is told by the insert refused on its id: load_new)."""
        last = self.last_id
        if last is not None:
            ids = [row_id for row_id in ids if row_id <= last]
            if not ids:
                return {}, {}
        rows = replicas.local_rows(self.db, self.spec, ids)
        waiting = replicas.local_conflicts(self.db, self.spec, ids) if self.conflicted else {}
        return rows, waiting

    def meet(
        self,
        chunk: list[Incoming],
        private_replaced: set[str],
        held: tuple[dict[str, StoredRow], dict[str, list[Version]]] | None = None,
    ) -> None:
        """Meet a chunk; ``private_replaced``: its rows whose private values the bundle
        replaced (an update even when the rest of the row is unchanged); ``held``: the
        register's rows and waiting versions of the chunk's ids, read already."""
        counts, spec, columns = self.counts, self.spec, self.columns
        if held is None:
            held = self._stored([row_id for row_id, _ in chunk])
        stored, waiting = held
        new: list[Version] = []
        changed: list[Version] = []
        existing: list[str] = []  # rows the register has whose row or conflicts change
        for row_id, incoming in chunk:
            row = stored.get(row_id)
            if len(incoming) == 1 and row_id not in waiting:
                theirs = incoming[0]
                if row is None:  # a row new here: most of a first merge
                    counts.new += 1
                    new.append(theirs)
                    continue
                if row[-1] == theirs.vv and row[:-1] == theirs.values:  # the same version
                    if row_id in private_replaced:
                        counts.updated += 1
                    else:
                        counts.unchanged += 1
                    continue
            mine = [Version(columns, row[:-1], row[-1])] if row is not None else []
            mine += waiting.get(row_id, [])
            quick = _one_on_one(mine, incoming)
            kept = [quick] if quick is not None else frontier([*mine, *incoming])
            winner, others = kept[0], kept[1:]
            if not mine:
                counts.new += 1
                new.append(winner)
            elif winner != mine[0]:
                counts.updated += 1
                changed.append(winner)
                existing.append(row_id)
                if spec.name == "household" and winner.get("code") != mine[0].get("code"):
                    self.renamed.add(row_id)
            elif row_id in private_replaced:
                counts.updated += 1
            else:
                counts.unchanged += 1
            if set(others) != set(mine[1:]):
                # Questions for a person: contents, not the row's own (domain.versions).
                asked = {g[0].content for g in to_review(mine)}
                counts.conflicts += sum(g[0].content not in asked for g in to_review(kept))
                replicas.replace_conflicts(self.db, spec, row_id, others)
                self.conflicted = True
                if mine:
                    existing.append(row_id)
        # A bundle may only change rows of its own communes: the rows as they were (another
        # commune's person rewritten, or its tip's informant) and as they are now (one moved
        # into another commune).
        self._check_communes([*existing, *sorted(private_replaced)])
        self._write(changed, new=False)
        self._write(new, new=True)
        self._check_written([w.values for w in (*changed, *new)])
        if self.written is not None:
            self.written.add(w.values[self.id_at] for w in new)

    def _stored(self, ids: list[str]) -> tuple[dict[str, StoredRow], dict[str, list[Version]]]:
        """The register's row and waiting versions of each of ``ids`` it has."""
        last, written = self.last_id, self.written
        if last is not None and written is not None:
            ids = [row_id for row_id in ids if row_id <= last or written.may_hold(row_id)]
            if not ids:
                return {}, {}
        rows = replicas.local_rows(self.db, self.spec, ids)
        waiting = replicas.local_conflicts(self.db, self.spec, ids) if self.conflicted else {}
        return rows, waiting

    def _write(self, winners: list[Version], *, new: bool) -> None:
        if not winners:
            return
        lines = [(w.values, w.vv) for w in winners]
        households = self._households([v for v, _ in lines]) if self.by_household else {}
        rows = self._stored_rows(lines, 0, [0], households)
        try:
            replicas.write_versions(self.db, self.spec, self.stored_columns, rows, new=new)
        except sqlite3.IntegrityError as exc:
            raise self._refused(exc) from exc
        self._note([values for values, _ in lines])

    def _copy_ready(self, rows: ReadyRows) -> bool:
        """Rows new here made ready by the helper, copied by one statement; False when they
        cannot be (``ready_rows`` off, or the register refused one: the statement is undone
        whole, and the chunk is stored as lines are, which meets or refuses that row as
        before). Their commune needs no check: each belongs to a household of the bundle's
        lines, checked and stored as read."""
        if not self.ready_rows:
            return False
        conn = self.db.conn
        names = ", ".join(f"[{c}]" for c in self.stored_columns)
        try:
            rows.open_in(conn)
        except sqlite3.OperationalError as exc:  # not opened (SQLite's own reason): as lines
            log.warning("rows made ready beside merged as lines: %s", exc)
            return False
        try:  # a rule broken undoes this statement alone (never the transaction)
            conn.execute(
                f"INSERT INTO main.[{self.spec.name}] ({names})"
                f" SELECT * FROM {READY_SCHEMA}.chunk ORDER BY rowid"
            )
        except sqlite3.IntegrityError:
            return False
        self.counts.new += len(rows)
        self._vouch_ids(rows.ids)
        return True

    def _insert(self, rows: Iterator[tuple[Any, ...]]) -> None:
        """Insert rows new here; _SameId when one's id is held already."""
        try:
            replicas.write_versions(self.db, self.spec, self.stored_columns, rows, new=True)
        except sqlite3.IntegrityError as exc:
            if str(exc) == f"UNIQUE constraint failed: {self.spec.name}.id":
                raise _SameId from exc
            raise self._refused(exc) from exc

    def _refused(self, exc: sqlite3.IntegrityError) -> KnownError:
        source, name = self.bundle.source, self.spec.name
        log.warning("bundle %s: %s rows refused by the schema: %s", source, name, exc)
        return schema_refusal(exc, source, name)

    def _attachment(self, values: tuple[Any, ...]) -> bytes:
        """The bytes of an attachment row the merge writes, from the bundle: refused when
        the row's `size` is not their length (another program's count; CamKet's is)."""
        sha256 = values[self.columns.index("sha256")]
        data = self.bundle.attachment(sha256)
        size = values[self.columns.index("size")]
        if size != len(data):
            where = f"{self.bundle.source}: attachment.csv, {attachment_entry(sha256)}"
            raise KnownError("bundle.bad_value", where=where, column="size", value=str(size))
        return data

    def _stored_rows(
        self,
        lines: list[Line],
        start: int,
        fed: list[int],
        households: dict[str, tuple[str, str]],
    ) -> Iterator[tuple[Any, ...]]:
        """Each line from ``start`` on as stored: its values, vector, binary content, derived
        columns (a person's search text names its household's code, and a person and a
        movement hold its commune: ``households``, from _households); the index of the last
        one given out is kept in ``fed[0]`` (the one an insert refused)."""
        spec, derive = self.spec, self.derive
        if spec.binary:
            for index in range(start, len(lines)):
                fed[0] = index
                values, vv = lines[index]
                content = tuple(self._attachment(values) for _ in spec.binary)
                yield (*values, vv, *content)
        elif derive is None:
            for index in range(start, len(lines)):
                fed[0] = index
                values, vv = lines[index]
                yield (*values, vv)
        elif spec.name == "person":
            made = lines.derived if isinstance(lines, Lines) else None
            yield from derive.people(lines, start, fed, households, self.household_at, made)
        elif self.by_household:  # a movement: its household's commune
            at, none = self.household_at, ("", "")
            for index in range(start, len(lines)):
                fed[0] = index
                values, vv = lines[index]
                yield (*values, vv, households.get(values[at], none)[1])  # its household's commune
        elif isinstance(lines, Lines) and lines.derived is not None:  # made beside (helper)
            made = lines.derived
            for index in range(start, len(lines)):
                fed[0] = index
                values, vv = lines[index]
                yield (*values, vv, *made[index])
        else:
            for index in range(start, len(lines)):
                fed[0] = index
                values, vv = lines[index]
                yield (*values, vv, *derive(values))

    def _households(self, written: list[tuple[Any, ...]]) -> dict[str, tuple[str, str]]:
        """The code folded for search and the commune of the households of ``written``
        (their values), by id: those the bundle wrote as it noted them, the others' asked
        once a chunk."""
        noted = self.households
        found = {}
        asked = []
        for household_id in {values[self.household_at] for values in written}:
            if (household := noted.get(household_id)) is not None:
                found[household_id] = household
            else:
                asked.append(household_id)
        if asked:
            asked.sort()
            marks = ", ".join("?" * len(asked))
            sql = f"SELECT id, code, commune_code FROM household WHERE id IN ({marks})"
            folds = self.spec.name == "person"  # a movement takes the commune alone
            for row_id, code, commune in self.db.execute(sql, asked):
                found[row_id] = (fold_for_search(code) if folds else "", commune)
        return found

    def _note(self, written: list[tuple[Any, ...]]) -> None:
        """Households written (their values): noted in ``households`` as now held (one
        noted already is noted again, whatever the bound)."""
        if not self.notes:
            return
        noted, id_at, code_at = self.households, self.id_at, self.code_at
        commune_at = self.commune_at
        for values in written:
            if len(noted) < NOTED_HOUSEHOLDS or values[id_at] in noted:
                noted[values[id_at]] = (fold_for_search(values[code_at]), values[commune_at])

    def _check_written(self, written: list[tuple[Any, ...]]) -> None:
        """The rows as written (their values) belong to the bundle's communes: read from the
        row itself where it carries its commune, else from its parent's in the register."""
        if self.scope_at is not None:
            for values in written:
                code = values[self.scope_at]
                if code not in self.allowed:
                    self._tampered(values[self.id_at], code)
            self._vouch(written)
            return
        if self.parent_sql is None or self.parent_at is None or not written:
            return
        at = self.parent_at
        # Parents this bundle wrote were checked as they were written: only the others are
        # asked (a first merge: none of 200,000 people's households).
        known = self.vouched.get(self.parent_name, set())
        written = [values for values in written if values[at] is not None]
        parents = sorted({p for values in written if (p := values[at]) not in known})
        communes: dict[str, str] = {}
        for start in range(0, len(parents), CHUNK):
            part = parents[start : start + CHUNK]
            sql = f"{self.parent_sql} ({', '.join('?' * len(part))})"
            communes.update(self.db.execute(sql, part).fetchall())
        if communes:
            for values in written:
                parent = values[at]
                if parent in communes and communes[parent] not in self.allowed:
                    self._tampered(values[self.id_at], communes[parent])
        self._vouch(written)

    def _vouch(self, written: list[tuple[Any, ...]]) -> None:
        """Rows written and checked, for the tables whose rows belong through them."""
        at = self.id_at
        self._vouch_ids(v[at] for v in written)

    def _vouch_ids(self, ids: Iterable[str]) -> None:
        if self.spec.name in _LINK_PARENTS:
            self.vouched.setdefault(self.spec.name, set()).update(ids)

    def _check_communes(self, ids: list[str]) -> None:
        sql = self.commune_sql
        if sql is None or not ids:
            return
        for start in range(0, len(ids), CHUNK):
            part = ids[start : start + CHUNK]
            for row_id, code in self.db.execute(f"{sql} ({', '.join('?' * len(part))})", part):
                if code not in self.allowed:
                    self._tampered(row_id, code)

    def _tampered(self, row_id: str, code: str) -> None:
        detail = f"{self.spec.name} {short_id(row_id)} (xã {code})"
        raise KnownError("bundle.tampered", file=self.bundle.source, detail=detail)


class _SameId(Exception):
    """An insert refused on the row's id: the register holds a row of that id."""


class _IdBits:
    """The ids of the rows a bundle wrote into a table empty before it, as one bit each of
    their hash (a few bits a row, never the ids themselves: a first merge of 200,000 people
    would hold 20 MB of them): an id not marked was not written; a marked one may have
    been (one in sixteen is another's bit) and is looked for in the register."""

    def __init__(self, rows: int) -> None:
        # What the manifest claims sizes it, within 8 KiB and 8 MiB of bits.
        self.mask = (1 << min(26, max(16, (rows * 16).bit_length()))) - 1
        self.bits = bytearray((self.mask + 1) // 8)

    def add(self, ids: Iterable[str]) -> None:
        bits, mask = self.bits, self.mask
        for row_id in ids:
            at = hash(row_id) & mask
            bits[at >> 3] |= 1 << (at & 7)

    def may_hold(self, row_id: str) -> bool:
        at = hash(row_id) & self.mask
        return bool(self.bits[at >> 3] & (1 << (at & 7)))


def refresh_people(db: Database, households: set[str]) -> None:
    """People of households whose code a merge changed: their search text names it."""
    for household_id in households:
        code = db.execute("SELECT code FROM household WHERE id = ?", [household_id]).fetchone()[0]
        cursor = db.execute(
            "SELECT id, full_name, id_number, phone FROM person WHERE household_id = ?",
            [household_id],
        )
        for person_id, name, id_number, phone in cursor.fetchall():
            text = person_search_text(name, id_number, phone, code)
            db.execute("UPDATE person SET search_text = ? WHERE id = ?", [text, person_id])


def _one_on_one(mine: list[Version], incoming: list[Version]) -> Version | None:
    """The winner when one version meets one and either is the other or replaces it (the
    common case by far); None when the full frontier must decide."""
    if len(incoming) != 1 or len(mine) > 1:
        return None
    theirs = incoming[0]
    if not mine:
        return theirs
    ours = mine[0]
    if theirs == ours or ours.replaces(theirs):
        return ours
    return theirs if theirs.replaces(ours) else None


def schema_refusal(exc: sqlite3.IntegrityError, source: str, table: str) -> KnownError:
    """The register's own rule a bundle's rows broke, told apart: a row whose parent is not
    here (a changes-only bundle after one not received) is not a row clashing with another."""
    text = str(exc)
    if text.startswith("UNIQUE constraint failed:"):
        columns = ", ".join(c.split(".")[-1] for c in text.split(":", 1)[1].split(","))
        return KnownError("bundle.unique_clash", file=source, table=table, columns=columns)
    if "FOREIGN KEY" in text:
        return KnownError("bundle.missing_parent", file=source, table=table)
    return KnownError("bundle.rule_broken", file=source, table=table, detail=text)
