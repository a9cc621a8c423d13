"""A bundle's table lines decoded for a merge: as versions meeting the register's, or as the
values of rows new to a table that held none of them (TableMerge.load_new)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.versions import Version
from desktop.exchange.bundle_file import Bundle
from desktop.services.merge_rows import CHUNK, Incoming
from desktop.store import replicas
from desktop.store.column_rules import broken_rule
from desktop.store.private_columns import PrivatePart
from desktop.store.registry import COMMUNE_COLUMN, SyncedTable, table
from desktop.store.replicas import canonical_vv
from desktop.store.row_decoder import ColumnType, Line, RowDecoder, column_types

Waiting = dict[tuple[str, str], list[Version]]  # the bundle's conflicts by (table, row id)


def lines_of(db: Database, bundle: Bundle, spec: SyncedTable) -> Iterator[list[Line]]:
    """A table's lines decoded, each as its version's values and vector, CHUNK at a time;
    a line of a commune the bundle does not name is refused as tampered."""
    return table_lines(bundle, spec, column_types(db, spec))


def table_lines(
    bundle: Bundle, spec: SyncedTable, types: Mapping[str, ColumnType]
) -> Iterator[list[Line]]:
    """lines_of, given the register's column types (a helper process has no connection)."""
    lines = bundle.rows(spec.name)
    header = next(lines, None)
    if header is not None:
        where = f"{bundle.source}: {spec.name}.csv"
        decode = RowDecoder(None, spec, header, where, types)
        yield from _batches(_decoded(bundle, spec, lines, decode))


def by_lines(spec: SyncedTable, waiting: Waiting) -> bool:
    """A table none of whose versions wait in the bundle takes its lines a chunk at a time:
    into a table that held none of its rows before the bundle, nor waiting versions, as
    they come (TableMerge.load_new: not one is looked for); else the register's ids among
    each chunk's asked at once, only their lines met row by row (TableMerge.meet_lines).
    Rows with private values (merge_private) or binary content, few, meet it row by row."""
    if spec.private or spec.binary:
        return False
    return not any(name == spec.name for name, _ in waiting)


def _batches(lines: Iterator[Line]) -> Iterator[list[Line]]:
    while batch := list(islice(lines, CHUNK)):
        yield batch


def _decoded(
    bundle: Bundle, spec: SyncedTable, lines: Iterator[list[str]], decode: RowDecoder
) -> Iterator[Line]:
    scope_at = _scope_at(spec, decode.columns)
    if scope_at is None:
        for number, cells in enumerate(lines, start=2):
            yield decode.decoded(cells, number)
        return
    allowed = set(bundle.manifest.communes)
    for number, cells in enumerate(lines, start=2):
        line = decode.decoded(cells, number)
        if line[0][scope_at] not in allowed:
            raise KnownError("bundle.tampered", file=bundle.source, detail=decode.line(number))
        yield line


def incoming(
    db: Database,
    bundle: Bundle,
    spec: SyncedTable,
    waiting: Waiting,
    private: dict[str, PrivatePart],
) -> Iterator[Incoming]:
    """(row id, the bundle's versions of it): its row, and its waiting conflicts; the
    private values of the row go to ``private`` when the bundle has them."""
    allowed = set(bundle.manifest.communes)
    lines = bundle.rows(spec.name)
    header = next(lines, None)
    if header is not None:
        decode = _decoder(db, bundle, spec, header)
        scope_at = _scope_at(spec, decode.columns)
        id_at, with_private = decode.id_at, bool(decode.private_at)
        for number, cells in enumerate(lines, start=2):
            version = decode(cells, number)
            if scope_at is not None and version.values[scope_at] not in allowed:
                raise KnownError("bundle.tampered", file=bundle.source, detail=decode.line(number))
            row_id = version.values[id_at]
            if with_private and (part := decode.private(cells, number)) is not None:
                private[row_id] = part
            if waiting:
                yield row_id, [version, *waiting.pop((spec.name, row_id), [])]
            else:
                yield row_id, [version]
    for name, row_id in list(waiting):
        if name == spec.name:
            yield row_id, waiting.pop((name, row_id))


def _decoder(db: Database, bundle: Bundle, spec: SyncedTable, header: list[str]) -> RowDecoder:
    return RowDecoder(db, spec, header, f"{bundle.source}: {spec.name}.csv")


def _scope_at(spec: SyncedTable, columns: tuple[str, ...]) -> int | None:
    """Where a row of ``spec`` names its commune (the code of a commune row), if it does."""
    if spec.name == "commune":
        return columns.index("code")
    return columns.index(COMMUNE_COLUMN) if spec.scoped else None


def incoming_conflicts(bundle: Bundle, types: Mapping[str, Mapping[str, ColumnType]]) -> Waiting:
    """The versions the bundle's sender keeps in its conflict queue, by table and row, each
    value of the type the register stores (``types``: column_types of each table)."""
    found: Waiting = {}
    for row in bundle.conflicts():
        try:
            version, column = waiting_version(
                row["tbl"], row["row_id"], row["data"], row["vv"], types
            )
        except KeyError as exc:  # no such column in the file
            raise KnownError("bundle.damaged", file=bundle.source, detail="conflicts.csv") from exc
        if version is None:
            raise KnownError("bundle.damaged", file=bundle.source, detail="conflicts.csv")
        if column is not None:
            detail = f"conflicts.csv: {row['tbl']}.{column}"
            raise KnownError("bundle.damaged", file=bundle.source, detail=detail)
        found.setdefault((row["tbl"], row["row_id"]), []).append(version)
    return found


def waiting_version(
    name: str, row_id: str, data: str, vv: str, types: Mapping[str, Mapping[str, ColumnType]]
) -> tuple[Version | None, str | None]:
    """A version of a conflict queue as the merge reads it from conflicts.csv, each value of
    the type the register stores (``types``: column_types of each table): None when it is
    none (an unknown table, data no JSON object, a vector that is none), with the first
    column that is missing, unknown, mistyped or breaks its rule ("id" when it is a version
    of another row than ``row_id``), or None (the export's early check asks it of this
    register's queue: services.unsendable)."""
    try:
        spec = table(name)
        values = json.loads(data)
        for added, absent in spec.added.items():  # a format-1 bundle's: as in its CSVs
            values.setdefault(added, int(absent) if types[spec.name][added].integer else absent)
        version = Version.of(replicas.version_columns(spec), values, canonical_vv(vv))
    except (KeyError, ValueError, TypeError, AttributeError, RecursionError):
        # RecursionError: JSON nested past Python's stack ("[[[[…")
        return None, None
    column = _wrong_column(spec.name, version, values, types[spec.name])
    if column is None and values["id"] != row_id:  # a version of another row
        column = "id"
    return version, column


def _wrong_column(
    name: str, version: Version, data: dict[str, Any], types: Mapping[str, ColumnType]
) -> str | None:
    """The first column of a waiting version that is missing, or not one of its table's
    (its value would be lost), or of another type than the column's, or breaks its rule."""
    odd = sorted(set(version.columns).symmetric_difference(data))
    if odd:
        return odd[0]
    return _mistyped(version, types) or broken_rule(name, version.columns, version.values)


def _mistyped(version: Version, types: Mapping[str, ColumnType]) -> str | None:
    """The first column of a waiting version whose value is not of the column's type: a
    JSON number in an INTEGER column, a string in a text one, null only where the column
    may be NULL (a "0" where 0 is meant reads as set: a tombstone, a row shown deleted)."""
    for name, value in zip(version.columns, version.values, strict=True):
        kind = types[name]
        if value is None:
            if not kind.nullable:
                return name
        elif kind.integer:
            if type(value) is not int:
                return name
        elif not isinstance(value, str):
            return name
    return None
