"""A bundle table's CSV lines decoded into versions, planned once per table from its header."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import CodeType, FunctionType
from typing import Any

from sqlite_utils import Database

from desktop.domain.errors import FileLine, KnownError
from desktop.domain.versions import Version, version_of
from desktop.store.column_rules import AtMost, column_rules, quoted, refusal
from desktop.store.registry import PRIVATE_VV, SyncedTable
from desktop.store.replicas import canonical_vv, version_columns

Line = tuple[tuple[Any, ...], str]  # a line's version as its values and vector


class Lines(list[Line]):
    """A chunk of a table's lines; ``derived``: each line's derived columns made beside
    them (a helper process, store.derived.Deriver.made), or None when not made yet."""

    derived: list[tuple[Any, ...]] | None = None


# The schema, attached to the merge's connection, into which a chunk of rows made ready by
# the helper process is opened (ReadyRows).
READY_SCHEMA = "merge_ready"


class ReadyRows:
    """A chunk of a table's lines made by the helper process into the rows the merge
    stores (values, vector, derived columns, in TableMerge.stored_columns' order): a
    SQLite database of one table ``chunk`` (Connection.serialize, in memory only, never a
    file) that the merge opens into READY_SCHEMA and copies with one INSERT ... SELECT,
    without a Python value made a row (marshal's objects, a tuple a row and the binding of
    every value cost the merge's process more than SQLite's insert). ``ids``: the rows' ids
    in order; ``lines``: the same chunk as Lines, for every other way a chunk is merged."""

    def __init__(self, ids: list[str], data: bytes) -> None:
        self.ids, self.data = ids, data

    def __len__(self) -> int:
        return len(self.ids)

    def open_in(self, conn: sqlite3.Connection) -> None:
        """The chunk opened as READY_SCHEMA.chunk of ``conn`` (attached already)."""
        conn.deserialize(self.data, name=READY_SCHEMA)

    def lines(self, width: int) -> Lines:
        """The chunk as decoded lines (each row's first ``width`` values and its vector);
        their derived columns are made again where they are stored."""
        conn = sqlite3.connect(":memory:")
        try:
            conn.deserialize(self.data)
            rows = conn.execute("SELECT * FROM chunk ORDER BY rowid").fetchall()
        finally:
            conn.close()
        return Lines((row[:width], row[width]) for row in rows)


def serialized_rows(rows: Sequence[tuple[Any, ...]], conn: sqlite3.Connection) -> bytes:
    """``rows`` (all of one width) as ReadyRows' data: a table ``chunk`` of untyped columns,
    so that each value is kept as it is (text, number, NULL), made in ``conn`` (an
    in-memory database of its own, used again for the next chunk: ready_rows_maker)."""
    width = len(rows[0])
    conn.execute("DROP TABLE IF EXISTS chunk")
    conn.execute(f"CREATE TABLE chunk ({', '.join(f'c{i}' for i in range(width))})")
    with conn:
        conn.executemany(f"INSERT INTO chunk VALUES ({', '.join('?' * width)})", rows)
    return conn.serialize()


def ready_rows_maker() -> sqlite3.Connection:
    """The in-memory database serialized_rows makes chunks in (no journal: a chunk made
    half is never read)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA journal_mode = OFF")
    return conn


def takes_ready_rows(conn: Any) -> bool:
    """Whether the merge's connection can open ReadyRows: Python's own sqlite3 with
    serialize (3.11 on), not SQLCipher's (an encrypted register: its chunks come as lines)."""
    return isinstance(conn, sqlite3.Connection) and hasattr(conn, "deserialize")


@dataclass(frozen=True)
class ColumnType:
    integer: bool
    nullable: bool


def column_types(db: Database, spec: SyncedTable) -> dict[str, ColumnType]:
    info = {row[1]: row for row in db.execute(f"PRAGMA table_info([{spec.name}])")}
    return {
        name: ColumnType(
            "INT" in str(info[name][2]).upper(), not info[name][3] and not info[name][5]
        )
        for name in spec.stored
        if name in info
    }


class RowDecoder:
    """Turns a bundle table's CSV lines into versions: empty is NULL where the column may
    be NULL, whole numbers for INTEGER columns, codes and dates held to what the register
    reads back (store.column_rules), the vector made canonical. KnownError
    naming the file, line and column for anything else. Planned once per table: a merge
    decodes hundreds of thousands of lines, so a line's values are made by one function
    written for the table's header (one expression per column, no per-cell branching); a
    line it cannot decode is looked at again cell by cell to name what is wrong."""

    def __init__(
        self,
        db: Database | None,
        spec: SyncedTable,
        header: list[str],
        where: str,
        types: Mapping[str, ColumnType] | None = None,
    ) -> None:
        """``types``: the register's column types (column_types), when not read from ``db``
        (a helper process that has no connection)."""
        if types is None:
            assert db is not None
            types = column_types(db, spec)
        at = {name: index for index, name in enumerate(header)}
        self.columns = version_columns(spec)
        self.where = where
        _check_header(spec, header, where)
        for name in (*self.columns, "vv"):
            if name not in at and name not in spec.added:
                raise KnownError("bundle.missing_column", where=where, column=name)
        # Each column's (cell index, INTEGER, may be NULL); a column an older bundle lacks
        # has no cell: it takes the value its absence means (registry `added`).
        self._plan = [
            (at.get(c), types[c].integer, types[c].nullable, c, spec.added.get(c, ""))
            for c in self.columns
        ]
        self.table = spec.name
        self._rules = column_rules(spec.name, self.columns)  # codes, dates: what reads back
        self.vv_at = at["vv"]
        self._values, self._line = _makers(self._plan, self._typed, self._rules, self.vv_at)
        self.id_at = self.columns.index("id")
        # Private columns come in full bundles only (an older full bundle has no vector of
        # its own for them: they belong to the row's version).
        private = spec.private if all(c in at for c in spec.private) else ()
        self.private_at = [at[c] for c in private]
        self.private_vv_at = at.get(spec.private_sync[0]) if private else None
        self._private_rules = column_rules(spec.name, private)  # a 10 MB informant: refused

    @cached_property
    def sound(self) -> Callable[[Sequence[Any]], bool]:
        """The export's early check's quick look at a row's stored values, in the header's
        order (services.unsendable): True when their bundle line decodes as it is
        (_sound_maker); made on first use (a merge never asks)."""
        vectors = [i for i in (self.vv_at, self.private_vv_at) if i is not None]
        return _sound_maker(self._plan, self._rules, self.private_at, self._private_rules, vectors)

    def private(self, cells: list[str], line: int) -> tuple[tuple[str, ...], str] | None:
        """The private values of a line and their version vector; None when not sent."""
        if not self.private_at:
            return None
        values = tuple(cells[i] for i in self.private_at)
        for index, rule, name in self._private_rules:
            if values[index] and not rule(values[index]):
                raise refusal(self.table, name, values[index], self.line(line))
        text = cells[self.vv_at] if self.private_vv_at is None else cells[self.private_vv_at]
        try:
            vv = canonical_vv(text)
        except ValueError as exc:
            where = self.line(line)
            raise KnownError("bundle.bad_value", where=where, column="vv", value=text[:40]) from exc
        return values, vv

    def __call__(self, cells: Sequence[str], line: int) -> Version:
        return version_of(self.columns, *self.decoded(cells, line))

    def decoded(self, cells: Sequence[str], line: int) -> Line:
        """A line's version as its values and vector, no Version made (a table loaded
        whole into a register that held none of its rows only stores them)."""
        try:
            return self._line(cells)
        except ValueError as exc:  # a cell no number, a rule broken, no vector: _refusal
            raise self._refusal(cells, line) from exc

    def line(self, number: int) -> FileLine:
        """Where line ``number`` of the CSV is, for a message."""
        return FileLine(self.where, number)

    def _refusal(self, cells: Sequence[str], line: int) -> KnownError:
        """What is wrong with a line the quick way could not decode: its first bad cell."""
        where = self.line(line)
        found = self.faults(cells, where)
        if found:
            return found[0][1]
        text = cells[self.vv_at]  # not reached: the quick way failed on one of them
        return KnownError("bundle.bad_value", where=where, column="vv", value=text[:40])

    def faults(
        self, cells: Sequence[str], where: str | FileLine = ""
    ) -> list[tuple[str, KnownError]]:
        """Every cell of a line this decoder refuses, by column, with its refusal: a cell
        that is no number in an INTEGER column, a value that breaks its column's rule, a
        private value that does, a vector that is none (the export's early check asks this
        of every row it would send: services.unsendable)."""
        found: list[tuple[str, KnownError]] = []
        typed: dict[str, Any] = {}
        for index, integer, nullable, name, _absent in self._plan:
            if index is not None:
                try:
                    typed[name] = self._typed(cells[index], integer, nullable)
                except ValueError:
                    bad = KnownError(
                        "bundle.bad_value", where=where, column=name, value=cells[index][:40]
                    )
                    found.append((name, bad))
        for _index, rule, name in self._rules:
            value = typed.get(name)
            if value is not None and not rule(value):
                found.append((name, refusal(self.table, name, str(value), where)))
        vectors = [("vv", self.vv_at)]
        if self.private_vv_at is not None:
            vectors.append((PRIVATE_VV, self.private_vv_at))
        for name, at in vectors:
            try:
                canonical_vv(cells[at])
            except ValueError:
                bad = KnownError("bundle.bad_value", where=where, column=name, value=cells[at][:40])
                found.append((name, bad))
        values = tuple(cells[i] for i in self.private_at)
        for index, rule, name in self._private_rules:
            if values[index] and not rule(values[index]):
                found.append((name, refusal(self.table, name, values[index], where)))
        return found

    @staticmethod
    def _typed(text: str, integer: bool, nullable: bool) -> Any:
        """A cell's value: NULL for empty where the column may be NULL, a whole number in an
        INTEGER column (ValueError when it is none), else the text."""
        if not text and nullable:
            return None
        return int(text) if integer else text


def _check_header(spec: SyncedTable, header: list[str], where: str) -> None:
    """A header naming a column the table's CSV never has (a newer CamKet's, another
    program's misspelling) or one column twice is refused: its values would be dropped
    unseen, or two readers could take different cells for it."""
    known = set(spec.exported)
    for index, name in enumerate(header):
        if name not in known:
            raise KnownError("bundle.unknown_column", where=where, column=quoted(name))
        if name in header[:index]:
            raise KnownError("bundle.column_twice", where=where, column=quoted(name))


def _makers(
    plan: Sequence[tuple[int | None, bool, bool, str, str]],
    typed: Callable[[str, bool, bool], Any],
    rules: Sequence[tuple[int, Callable[[str], bool], str]],
    vv_at: int,
) -> tuple[Callable[[Sequence[str]], tuple[Any, ...]], Callable[[Sequence[str]], Line]]:
    """Two functions written from the plan (cell indexes, rule numbers and constants only,
    nothing of the file's text), compiled once per table: ``values`` makes a line's values
    from its cells, in the version's column order, as one tuple expression; ``line`` makes
    them, holds them to the column rules (ValueError for the first broken) and adds the
    line's vector made canonical."""
    constants: list[Any] = []
    parts = []
    for index, integer, nullable, _name, absent in plan:
        if index is None:
            parts.append(f"k[{len(constants)}]")
            constants.append(typed(absent, integer, nullable))
        elif integer and nullable:
            parts.append(f"(int(c[{index}]) if c[{index}] else None)")
        elif integer:
            parts.append(f"int(c[{index}])")
        elif nullable:
            parts.append(f"(c[{index}] or None)")
        else:
            parts.append(f"c[{index}]")
    made = f"({', '.join(parts)},)"
    checks = "".join(
        f"    if v[{at}] is not None and len(v[{at}]) > {rule.maximum}:\n        raise ValueError\n"
        if isinstance(rule, AtMost)
        else f"    if v[{at}] is not None and not r{n}(v[{at}]):\n        raise ValueError\n"
        for n, (at, rule, _name) in enumerate(rules)
    )
    bound = "".join(f", r{n}=r{n}" for n in range(len(rules)))
    source = (
        f"def values(c, k=k):\n    return {made}\n"
        f"def line(c, k=k, vv=vv{bound}):\n    v = {made}\n{checks}"
        f"    return v, vv(c[{vv_at}])\n"
    )
    namespace: dict[str, Any] = {"k": tuple(constants), "vv": canonical_vv}
    namespace.update({f"r{n}": rule for n, (_at, rule, _name) in enumerate(rules)})
    exec(_compiled(source), namespace)
    return namespace["values"], namespace["line"]


def _sound_maker(
    plan: Sequence[tuple[int | None, bool, bool, str, str]],
    rules: Sequence[tuple[int, Callable[[str], bool], str]],
    private_at: Sequence[int],
    private_rules: Sequence[tuple[int, Callable[[str], bool], str]],
    vectors: Sequence[int],
) -> Callable[[Sequence[Any]], bool]:
    """A function written from the plan, as _makers writes the decoder's: given a row's values
    as the register stores them (those of the line's cells, in the header's order), True when
    the line their bundle would hold decodes as it is: a whole number in each INTEGER
    column, a text in each other, holding no NUL, composed (NFC), each value within its
    rule, each vector one. False sends the row to the exact reading of its cells
    (bundle_file.cells_as_read, then ``decoded`` and ``faults``): the export's early check
    (services.unsendable) reads most rows of a register this way, once."""
    ruled = {at: (rule, n) for n, (at, rule, _name) in enumerate(rules)}
    lines = ["def sound(v, ok_vv=ok_vv, nfc=nfc):"]
    for position, (index, integer, nullable, _name, _absent) in enumerate(plan):
        if index is None:
            continue
        x = f"v[{index}]"
        if integer:  # a whole number (NULL where it may be), within its rule (a flag's 0, 1)
            lines.append(
                f"    if {x} is not None and type({x}) is not int: return False"
                if nullable
                else f"    if type({x}) is not int: return False"
            )
            if position in ruled:
                _rule, n = ruled[position]
                lines.append(f"    if {x} is not None and not r{n}({x}): return False")
            continue
        lines.append(f"    x = {x}")
        if nullable:
            lines.append("    if x is not None:")
            pad = "        "
        else:
            pad = "    "
        lines.append(f'{pad}if type(x) is not str or "\\x00" in x: return False')
        lines.append(f'{pad}if not (x.isascii() or nfc("NFC", x)): return False')
        if position in ruled:
            rule, n = ruled[position]
            test = f"len(x) > {rule.maximum}" if isinstance(rule, AtMost) else f"not r{n}(x)"
            lines.append(f"{pad}if {'x and ' if nullable else ''}{test}: return False")
    for n, (at, _rule, _name) in enumerate(private_rules):
        lines.append(f"    x = v[{private_at[at]}]")
        lines.append('    if type(x) is not str or "\\x00" in x: return False')
        lines.append('    if not (x.isascii() or nfc("NFC", x)): return False')
        lines.append(f"    if x and not p{n}(x): return False")
    for at in vectors:
        lines.append(f"    if not ok_vv(v[{at}]): return False")
    lines.append("    return True")
    namespace: dict[str, Any] = {"ok_vv": _is_vector, "nfc": unicodedata.is_normalized}
    # A rule written in Python (a day, a stamp) is asked once a value: a register's rows
    # share few (a load stamps its rows alike; births repeat), and asking each row's
    # stamps cost more than the rest of the look together.
    namespace.update(
        {
            f"r{n}": lru_cache(maxsize=1 << 16)(rule) if isinstance(rule, FunctionType) else rule
            for n, (_at, rule, _name) in enumerate(rules)
        }
    )
    namespace.update({f"p{n}": rule for n, (_at, rule, _name) in enumerate(private_rules)})
    exec(_compiled("\n".join(lines) + "\n"), namespace)
    return namespace["sound"]


def _is_vector(value: object) -> bool:
    if type(value) is not str:
        return False
    try:
        canonical_vv(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=64)
def _compiled(source: str) -> CodeType:
    """The decoder's source compiled once in the process (it holds no text of a file: a
    table's is the same for every bundle of that version; 40 commune bundles compiled it
    480 times)."""
    return compile(source, "<bundle row decoder>", "exec")
