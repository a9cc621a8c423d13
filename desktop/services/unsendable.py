"""The values of rows a bundle would carry that a peer's merge refuses it for, found before an
export with the merge's own rules: each row, as the bundle would carry its cells
(exchange.bundle_file.cells_as_read), goes through the very decoder a merge reads a bundle
with (store.row_decoder.RowDecoder, its rules in store.column_rules: numbers, codes, dates,
lengths, file names, vectors); a NUL refuses its line as the bundle's reader does; a row of
a commune the bundle does not name is refused as the merge refuses it; a row whose parent is
missing breaks the register's own foreign keys, which the peer's schema holds too; an
attachment larger than a bundle's entry may be is refused by the reader (bundle.too_large);
a commune register holding a second live commune row would send two communes, which a commune
register's merge refuses as another commune's. No second
list of what a peer takes: a rule added there is looked for here.

Each is named as a clerk knows the row (a household's code, a person's name and household),
with whether a screen opens the row and how the export makes it sendable itself where a safe
way exists (``Fix``; services.export_repairs makes it), for the export, `camket check` and
the window's export alike."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlite_utils import Database

from desktop.domain.entities import commune_id
from desktop.domain.errors import KnownError
from desktop.domain.text_bounds import KEY_TEXT
from desktop.domain.validation import Issue, IssueCode, Severity
from desktop.exchange.bundle_file import MAX_ATTACHMENT_BYTES, NUL, cells_as_read, is_commune_code
from desktop.services.merge_lines import waiting_version
from desktop.store import local
from desktop.store.column_rules import DATED, TEXT_BOUNDS, quoted, refusal
from desktop.store.registry import COMMUNE_COLUMN, PRIVATE_VV, SYNC_COLUMNS, TABLES, SyncedTable
from desktop.store.replicas import conflicts_in, rows_of
from desktop.store.row_decoder import RowDecoder, column_types

# A row's kind as `camket check` names it, and what a clerk knows it by (SQL over the row t
# and, where it belongs to a household, that household h).
_HOUSEHOLD = "LEFT JOIN household h ON h.id = t.household_id"
_NAMED: dict[str, tuple[str, str, str]] = {
    "commune": ("xã", "t.code || ' ' || substr(t.name, 1, 61)", ""),
    "hamlet": ("thôn", "substr(t.name, 1, 61)", ""),
    "household": ("hộ", "substr(t.code, 1, 61)", ""),
    "person": (
        "nhân khẩu",
        "substr(t.full_name, 1, 61) || char(31) || coalesce(h.code, '?')",
        _HOUSEHOLD,
    ),
    "relative_abroad": (
        "người thân ở nước ngoài",
        "substr(t.full_name, 1, 61) || char(31) || coalesce(h.code, '?')",
        _HOUSEHOLD,
    ),
    "pledge_template": ("mẫu cam kết", "substr(t.template_id, 1, 61) || ' bản ' || t.version", ""),
    "campaign": ("đợt cam kết", "substr(t.title, 1, 61)", ""),
    "pledge": ("cam kết của hộ", "coalesce(h.code, '?')", _HOUSEHOLD),
    "attachment": (
        "tệp đính kèm cam kết của hộ",
        "coalesce(h.code, '?')",
        "LEFT JOIN pledge p ON p.id = t.pledge_id LEFT JOIN household h ON h.id = p.household_id",
    ),
    "movement": ("biến động của hộ", "coalesce(h.code, '?')", _HOUSEHOLD),
    "tip": ("tin báo lúc", "substr(t.received_at, 1, 16)", ""),
    "tip_person": ("người liên quan tin báo", "substr(t.id, 1, 61)", ""),
}
SHOWN = 60  # characters of a name or title that label a row
# Whether no screen reaches the row (SQL over t, h and p as joined above): it is deleted, or
# its household (an attachment's pledge) is, and no window lists a deleted household's rows.
_GONE = {
    name: f"t.deleted OR coalesce({'p.deleted OR ' if name == 'attachment' else ''}h.deleted, 0)"
    for name, (_entity, _label, joins) in _NAMED.items()
    if joins
}
# Texts a row is known or points by (its id, its parents', a code): never cut, even where no
# screen reaches the row (a cut id or code would be another row's, or none); a deleted
# household's code alone is made shorter and kept apart from its commune's (Fix.CODE):
# rows point at a household by its id, never by its code.
KEYS = frozenset(key for key, bound in TEXT_BOUNDS.items() if bound is KEY_TEXT) | {
    ("household", "code")
}
_IDS = KEYS - {("household", "code")}  # no screen edits them (a household's code it does)
# What the merge refuses of a value a screen still reads, shows and takes a new one for.
_SHOWN = frozenset(
    {"bundle.text_too_long", "bundle.unsafe_file_name", "bundle.date_out_of_range", "bundle.nul"}
)
# Values CamKet cannot read that an editor leaves empty, says so and takes a new one for
# (domain.unreadable): a live row's is the clerk's to enter there.
_ENTERED = frozenset(
    {
        ("hamlet", "kind"),
        ("person", "gender"),
        ("person", "birth"),
        ("person", "residence"),
        ("relative_abroad", "departure"),
        ("tip", "received_at"),
    }
)
# Columns of a row's version and sync, never content: no screen edits them and no repair
# touches them (a vector or a count of edits made up would lose or fake an edit).
_SYNC = frozenset((*SYNC_COLUMNS, PRIVATE_VV))
# A column named as another table's column of the same name is not (messages.FIELD_LABELS).
_FIELDS = {("commune", "code"): COMMUNE_COLUMN}
NUL_REFUSED = "bundle.nul"  # a text holding a NUL (the bundle's reader refuses its line)
OTHER_COMMUNE = "bundle.other_commune_row"  # a row of a commune the bundle does not name
NO_PARENT = "bundle.missing_parent"  # a row whose parent the register does not hold
RULE_BROKEN = "bundle.rule_broken"  # a row breaking a CHECK constraint of the schema
SIZE_WRONG = "bundle.size_wrong"  # an attachment whose size is not the length of its bytes
TOO_LARGE = "bundle.too_large"  # an attachment larger than a bundle's entry may be
SECOND_COMMUNE = "bundle.second_commune"  # a commune register's live row of another commune
# Refusals no repair touches, in any row: an id or a parent only a backup brings back, bytes
# no one can make smaller, a commune's row that other rows may belong to.
_UNFIXED = frozenset({OTHER_COMMUNE, NO_PARENT, TOO_LARGE, SECOND_COMMUNE})


class Fix(StrEnum):
    """How the export makes a value of a row no screen opens sendable itself (an audited edit
    of this PC: services.export_repairs); each is safe because no one can see or edit the
    row, the value as it was stays in the audit, and every PC holding the same row makes
    the same edit (so two PCs meet without a conflict)."""

    CUT = "cut"  # a free text longer than its bound: cut to it, between letters
    CODE = "code"  # a deleted household's code longer than its bound: cut, kept apart
    RENAME = "rename"  # an attachment's file name that is no plain name: its plain name
    NUL = "nul"  # a free text holding a NUL (no character: C code ends the text there): dropped
    CLEAR = "clear"  # a value no reader takes (a date, a code, a number) where none may be: none
    DEFAULT = "default"  # the same where a value must be: the column's default, which it takes
    # An attachment's size that is not the length of its bytes (merge_rows refuses it): their
    # length, in any row (as a file name: a count no one types, no screen edits).
    SIZE = "size"


@dataclass(frozen=True)
class Unsendable:
    """One value of one row a peer's merge would refuse the bundle for."""

    entity: str  # the row's kind: "hộ", "nhân khẩu", …
    label: str  # what a clerk knows it by: "NH-0001 (đã xoá)", "Lò Văn Páo (hộ NH-0001)"
    table: str
    column: str
    row_id: str
    refused: KnownError  # what the merge says of it (its code and what it found)
    gone: bool = False  # the row is deleted, or its household is: no screen opens it
    fix: Fix | None = None  # how the export repairs it (a row no screen opens), or None
    default: str = ""  # Fix.DEFAULT: the column's default, as its cell
    waiting: bool = False  # a version waiting in the conflict queue holds it, not the row

    @property
    def repairable(self) -> bool:
        return self.fix is not None

    def then(self, *, upper: bool = False) -> str:
        """What comes of it (messages.THEN): in an upper register, which edits no commune's
        rows, the commune's next bundle ("upper"); CamKet's repair at the export ("export");
        the screen that edits it, where one opens the row and reads the value ("screen": a
        text too long or holding a NUL, a file name, a date of a year out of range); a
        backup or the CamKet administrator for the rest ("stuck": a row no screen opens;
        "damaged": a value no screen reads, as a code or a date CamKet cannot read, an id, a
        vector, a row of no commune of the register or whose parent is gone); and for a
        version waiting in the conflict queue, a person's choice there ("conflict")."""
        if self.waiting:
            return "conflict"
        if upper:
            return "upper"
        if self.refused.code == TOO_LARGE:
            return "too_large"
        if self.refused.code == SECOND_COMMUNE:
            return "stuck"
        if self.fix is Fix.SIZE:
            return "export_any"
        if self.fix is not None:
            return "export"
        code, where = self.refused.code, (self.table, self.column)
        if self.column in _SYNC or code in _UNFIXED or where in _IDS:
            return "damaged"
        if self.gone:
            return "stuck"
        return "screen" if code in _SHOWN or where in _ENTERED else "damaged"

    def issue(self, then: str) -> Issue:
        """As `camket check`, the export and the window name it ("Ghi chú: dài 6000 ký tự, …"):
        what is wrong and ``then``, what comes of it (messages.THEN): "screen" (the clerk
        edits it there), "export" (CamKet repairs it at the export), "stuck" (a backup or the
        CamKet administrator), "upper" (the commune's next bundle)."""
        code = self.refused.code
        params: dict[str, object] = {"then": then, "table": self.table}
        if code == "bundle.text_too_long":
            params |= {
                "length": self.refused.params["length"],
                "maximum": self.refused.params["maximum"],
            }
            if self.fix is Fix.CUT and then == "export":
                return Issue(self.column, IssueCode.TEXT_CUT_AT_EXPORT, Severity.WARNING, params)
            # "hãy viết gọn lại" where a screen shows it; elsewhere what a bundle carries.
            screen = then == "screen"
            kind = IssueCode.TEXT_TOO_LONG if screen else IssueCode.TEXT_TOO_LONG_TO_SEND
        elif code == "bundle.unsafe_file_name":
            params["name"] = self.refused.params["value"]
            if then == "export":
                kind = IssueCode.FILE_NAME_RENAMED_AT_EXPORT
                return Issue(self.column, kind, Severity.WARNING, params)
            kind = IssueCode.FILE_NAME_NOT_PLAIN
        elif code == NUL_REFUSED:
            kind = IssueCode.TEXT_HAS_NUL
        elif code == OTHER_COMMUNE:
            kind, params["commune"] = IssueCode.ROW_OTHER_COMMUNE, self.refused.params["value"]
        elif code == NO_PARENT:
            kind = IssueCode.ROW_NO_PARENT
        elif code == SECOND_COMMUNE:
            kind = IssueCode.ROW_SECOND_COMMUNE
            params["own"] = self.refused.params["own"]
        elif code == TOO_LARGE:
            kind = IssueCode.ATTACHMENT_TOO_LARGE
            size, limit = self.refused.params["value"], MAX_ATTACHMENT_BYTES
            params |= {"size_mb": _megabytes(int(str(size))), "limit_mb": _megabytes(limit)}
        elif code == SIZE_WRONG:
            kind = IssueCode.ATTACHMENT_SIZE_WRONG
            params |= {
                "value": self.refused.params["value"],
                "length": self.refused.params["length"],
            }
        else:  # bundle.bad_value, bundle.date_out_of_range
            params["value"] = self.refused.params.get("value", "")
            params["default"] = self.default
            dated = (self.table, self.column) in DATED
            kind = IssueCode.VALUE_BAD_DATE if dated else IssueCode.VALUE_UNREADABLE
        severity = Severity.WARNING if then.startswith("export") else Severity.ERROR
        if then.startswith("export"):
            params["done"] = str(self.fix)
        return Issue(_FIELDS.get((self.table, self.column), self.column), kind, severity, params)


def unsendable(db: Database, since: int = 0) -> list[Unsendable]:
    """Every value of every row a bundle of this register would carry (tombstones too: they
    travel; with ``since``, the rows changed after that change mark, as a bundle of changes
    carries them) that a peer's merge would refuse, table by table in the registry's order."""
    communes = {r[0] for r in db.execute("SELECT code FROM commune WHERE deleted = 0")}
    found: list[Unsendable] = []
    for spec in TABLES:
        found_here = [
            *_faults(db, spec, since, communes),
            *_orphans(db, spec, since),
            *_unchecked(db, spec, since),
            *_sizes(db, spec, since),
            *_second_communes(db, spec),
            *_waiting(db, spec),
        ]
        # A value the decoder refuses and a CHECK constraint too (a flag of 7) is named once.
        named: set[tuple[str, str, bool]] = set()
        faults = []
        for fault in found_here:
            if (fault[0], fault[1], fault[3]) not in named:
                named.add((fault[0], fault[1], fault[3]))
                faults.append(fault)
        if faults:
            found += _named(db, spec, faults)
    return found


# A row's id, the column, the merge's refusal, whether a version waiting in the conflict
# queue holds it (conflicts.csv) rather than the row.
Fault = tuple[str, str, KnownError, bool]


def _faults(db: Database, spec: SyncedTable, since: int, communes: set[str]) -> list[Fault]:
    """The values of the rows of ``spec`` a bundle would carry (bundles.export writes the
    same rows: replicas.rows_of, its communes' rows of the commune table) that the merge's
    decoder refuses, or whose line its reader refuses (a NUL), or that belong to a commune
    the bundle does not name."""
    header = spec.bundle_columns(full=not since)
    decode = RowDecoder(db, spec, list(header), spec.name)
    scope = "code" if spec.name == "commune" else COMMUNE_COLUMN if spec.scoped else None
    scope_at = header.index(scope) if scope else None
    faults: list[Fault] = []
    sound, commune = decode.sound, spec.name == "commune"
    for row in rows_of(db, spec, header, since):
        if scope_at is not None and row[scope_at] not in communes:
            if commune:
                continue  # left out of the bundle (bundles._write_table)
        elif commune and scope_at is not None:
            faults += _commune_faults(row[0], row[scope_at])
            if sound(row):
                continue
        elif sound(row):  # most rows: their stored values decode as they are
            continue
        cells, nul = cells_as_read(row)
        try:
            decode.decoded(cells, 0)
            if decode.private_at:
                decode.private(cells, 0)
            bad: list[tuple[str, KnownError]] = []
        except KnownError:
            bad = decode.faults(cells)
        if nul:
            bad += [
                (name, KnownError(NUL_REFUSED, column=name))
                for name, cell in zip(header, cells, strict=True)
                if NUL in cell
            ]
        if scope_at is not None and cells[scope_at] not in communes:
            refused = KnownError(OTHER_COMMUNE, value=quoted(cells[scope_at]))
            bad.append((header[scope_at], refused))
        faults += [(row[0], name, refused, False) for name, refused in bad]
    return faults


def _commune_faults(row_id: str, code: str) -> list[Fault]:
    """A commune's row the bundle carries, as the reader holds its communes: its code one a
    manifest may name (bundle_file.is_commune_code), its id the one every installation gives
    it (merge._check_communes_named refuses a second row of the commune)."""
    if not is_commune_code(code):
        return [(row_id, "code", KnownError("bundle.bad_value", value=quoted(code)), False)]
    if row_id != commune_id(code):
        return [(row_id, "id", KnownError("bundle.bad_value", value=quoted(row_id)), False)]
    return []


def _waiting(db: Database, spec: SyncedTable) -> list[Fault]:
    """The versions of ``spec``'s rows waiting in the conflict queue (every bundle carries the
    queue whole, conflicts.csv) that the merge refuses, as merge_lines reads them."""
    faults: list[Fault] = []
    types = {spec.name: column_types(db, spec)}
    for row_id, vv, data in conflicts_in(db, spec):
        version, column = waiting_version(spec.name, row_id, data, vv, types)
        if version is None:
            faults.append((row_id, "vv", KnownError("bundle.bad_value", value=quoted(vv)), True))
        elif column is not None:
            value = str(version.get(column))
            faults.append((row_id, column, refusal(spec.name, column, value, ""), True))
    return faults


def _orphans(db: Database, spec: SyncedTable, since: int) -> list[Fault]:
    """Rows of ``spec`` whose parent the register does not hold (a row deleted by hand in a
    database tool, which keeps no foreign key): the peer's schema holds the same keys."""
    if not spec.parents:
        return []
    keys = {fk[0]: fk[3] for fk in db.execute(f"PRAGMA foreign_key_list([{spec.name}])")}
    faults = []
    for _table, rowid, _parent, key in db.execute(f"PRAGMA foreign_key_check([{spec.name}])"):
        row_id = db.execute(f"SELECT id FROM [{spec.name}] WHERE rowid = ?", [rowid]).fetchone()[0]
        faults.append((row_id, keys[key], KnownError(NO_PARENT, column=keys[key]), False))
    if since and faults:
        changed = {
            r[0]
            for r in db.execute(
                "SELECT row_id FROM change_log WHERE tbl = ? AND seq > ?", [spec.name, since]
            )
        }
        faults = [f for f in faults if f[0] in changed]
    return faults


def _unchecked(db: Database, spec: SyncedTable, since: int) -> list[Fault]:
    """Rows of ``spec`` that break a CHECK constraint of the register's own schema (which the
    peer's holds too: its write of the row would fail), left by a tool told to ignore them
    or by damage: each constraint's expression, read from the schema, asked of every row."""
    (sql,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [spec.name]
    ).fetchone()
    names = [*spec.columns, *spec.private, *SYNC_COLUMNS]
    changed = (
        " AND t.id IN (SELECT row_id FROM change_log WHERE tbl = ? AND seq > ?)" if since else ""
    )
    defaults = {row[1]: row[4] for row in db.execute(f"PRAGMA table_info([{spec.name}])")}
    faults: list[Fault] = []
    for expression in check_constraints(sql):
        named = [c for c in names if re.search(rf"\b{c}\b", expression)]
        column = named[0] if named else "id"
        # Its column's default keeps a constraint of that column alone (Fix.DEFAULT) when
        # the constraint holds for it.
        default = defaults.get(column) if len(named) == 1 else None
        takes = default is not None and bool(
            db.execute(f"SELECT {expression} FROM (SELECT {default} AS [{column}])").fetchone()[0]
        )
        query = f"SELECT t.id, t.[{column}] FROM [{spec.name}] t WHERE NOT ({expression}){changed}"
        for row_id, value in db.execute(query, [spec.name, since] if since else []):
            shown = "" if value is None else quoted(str(value))
            refused = KnownError(RULE_BROKEN, value=shown, default_kept=takes)
            faults.append((row_id, column, refused, False))
    return faults


def _sizes(db: Database, spec: SyncedTable, since: int) -> list[Fault]:
    """Attachments whose size is not the length of their bytes: the merge writes an
    attachment's bytes only when they are as long as its size says (merge_rows
    TableMerge._attachment)."""
    if not spec.binary:
        return []
    changed = (
        " AND t.id IN (SELECT row_id FROM change_log WHERE tbl = ? AND seq > ?)" if since else ""
    )
    query = (
        f"SELECT t.id, t.size, length(t.[{spec.binary[0]}]) FROM [{spec.name}] t"
        f" WHERE typeof(t.size) = 'integer' AND t.size != length(t.[{spec.binary[0]}]){changed}"
    )
    faults: list[Fault] = [
        (row_id, "size", KnownError(SIZE_WRONG, value=str(size), length=length), False)
        for row_id, size, length in db.execute(query, [spec.name, since] if since else [])
    ]
    # A reader refuses an entry larger than MAX_ATTACHMENT_BYTES (bundle_file._check_directory).
    column = spec.binary[0]
    large = (
        f"SELECT t.id, length(t.[{column}]) FROM [{spec.name}] t"
        f" WHERE length(t.[{column}]) > {MAX_ATTACHMENT_BYTES}{changed}"
    )
    faults += [
        (row_id, column, KnownError(TOO_LARGE, value=str(length)), False)
        for row_id, length in db.execute(large, [spec.name, since] if since else [])
    ]
    return faults


def _second_communes(db: Database, spec: SyncedTable) -> list[Fault]:
    """The live commune rows of a commune register other than its own commune's: a bundle
    names every live commune (bundles._communes), and a commune register's merge refuses a
    bundle carrying a commune other than its own (a row written by a database tool or an
    old version). None in an upper-level register, which holds many."""
    own = local.get_setting(db, local.REGISTER_COMMUNE) if spec.name == "commune" else None
    if not own or local.is_upper(db):
        return []
    rows = db.execute("SELECT id, code FROM commune WHERE deleted = 0 AND code != ?", [own])
    return [
        (row_id, "code", KnownError(SECOND_COMMUNE, value=quoted(str(code)), own=own), False)
        for row_id, code in rows
    ]


def _megabytes(size: int) -> str:
    """'12,6' (MB of 1024² bytes, a decimal comma, as Vietnamese writes it)."""
    return f"{size / 1024**2:.1f}".replace(".", ",").removesuffix(",0")


def check_constraints(sql: str) -> list[str]:
    """The expression of each CHECK constraint of a CREATE TABLE statement (columns' and the
    table's, ALTER TABLE's added ones too), as SQLite keeps the statement."""
    found = []
    for match in re.finditer(r"\bCHECK\s*\(", sql, re.IGNORECASE):
        depth, start = 1, match.end()
        at = start
        quote = ""
        while depth and at < len(sql):
            char = sql[at]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            at += 1
        found.append(sql[start : at - 1])
    return found


def _named(db: Database, spec: SyncedTable, faults: list[Fault]) -> list[Unsendable]:
    """Each fault named as a clerk knows its row, with how the export would repair it."""
    entity, label_sql, joins = _NAMED[spec.name]
    gone_sql = _GONE.get(spec.name, "t.deleted")
    ids = sorted({fault[0] for fault in faults})
    labels: dict[str, tuple[str, bool]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        sql = (
            f"SELECT t.id, t.deleted, {gone_sql}, {label_sql} FROM [{spec.name}] t {joins}"
            f" WHERE t.id IN ({', '.join('?' * len(part))})"
        )
        for row_id, deleted, away, raw in db.execute(sql, part):
            labels[row_id] = (_label(raw) + _gone_words(deleted, away), bool(away))
    defaults = _defaults(db, spec)
    found = []
    for row_id, column, refused, waiting in faults:
        label, gone = labels.get(row_id, ("?", False))
        if waiting:  # a person settles it (Trao đổi dữ liệu → Xung đột): never repaired
            label, fix, default = f"{label} (bản chờ xem xét)", None, ""
        else:
            fix, default = _fix(spec, column, refused, gone, defaults)
        found.append(
            Unsendable(
                entity, label, spec.name, column, row_id, refused, gone, fix, default, waiting
            )
        )
    return found


def _fix(
    spec: SyncedTable,
    column: str,
    refused: KnownError,
    gone: bool,
    defaults: dict[str, tuple[bool, str | None]],
) -> tuple[Fix | None, str]:
    """How the export makes the value sendable itself, and the default it takes (Fix); None
    where no safe way exists: a row a screen opens (the clerk edits it there), an id, a
    parent's id or a code other rows know it by, a row's vector or count of edits, a row
    of another commune or whose parent is missing."""
    code, key = refused.code, (spec.name, column) in KEYS
    if code == SIZE_WRONG:
        return Fix.SIZE, ""
    if code == "bundle.unsafe_file_name":
        return Fix.RENAME, ""  # a name is no one's key: renamed on any row (services.checkin)
    if not gone or column in _SYNC or code in _UNFIXED:
        return None, ""
    if code == "bundle.text_too_long":
        if (spec.name, column) == ("household", "code"):
            return Fix.CODE, ""
        return (None if key else Fix.CUT), ""
    if code == NUL_REFUSED:
        return (None if key else Fix.NUL), ""
    if key:
        return None, ""
    nullable, default = defaults.get(column, (False, None))
    if code == RULE_BROKEN:  # only a default the schema's constraint was seen to keep
        kept = refused.params.get("default_kept") and default is not None
        return (Fix.DEFAULT, default or "") if kept else (None, "")
    if nullable:
        return Fix.CLEAR, ""
    if default is not None:
        return Fix.DEFAULT, default
    return None, ""


def _defaults(db: Database, spec: SyncedTable) -> dict[str, tuple[bool, str | None]]:
    """Each column's (whether it may be NULL, its default as a cell) by the register's
    schema; a default its column's rules refuse is none (the decoder says)."""
    found: dict[str, tuple[bool, str | None]] = {}
    header = spec.bundle_columns(full=True)
    for _cid, name, _type, notnull, default, pk in db.execute(f"PRAGMA table_info([{spec.name}])"):
        if name not in header:
            continue
        cell = None if default is None else str(default).strip("'")
        found[name] = (not notnull and not pk, cell)
    decode = RowDecoder(db, spec, list(header), spec.name)
    for name, (nullable, cell) in found.items():
        if cell is not None and not _takes(decode, header, name, cell):
            found[name] = (nullable, None)
    return found


def _takes(decode: RowDecoder, header: tuple[str, ...], column: str, cell: str) -> bool:
    cells = ["" for _ in header]
    cells[header.index(column)] = cell
    return all(name != column for name, _refused in decode.faults(cells))


def _gone_words(deleted: int, away: int) -> str:
    if deleted:
        return " (đã xoá)"
    return " (hộ đã xoá)" if away else ""


def _label(raw: str | None) -> str:
    """A name cut to SHOWN characters ("…" after), with its household ("Lò Văn Páo (hộ
    NH-001)") when the query gave one after a unit separator."""
    if raw is None:
        return "?"
    name, _sep, household = raw.partition("\x1f")
    if len(name) > SHOWN:
        name = name[:SHOWN] + "…"
    return f"{name} (hộ {household})" if _sep else name


def by_row(found: Iterable[Unsendable]) -> dict[tuple[str, str], list[Unsendable]]:
    """The values found, by (table, row id), in the order found."""
    rows: dict[tuple[str, str], list[Unsendable]] = {}
    for item in found:
        rows.setdefault((item.table, item.row_id), []).append(item)
    return rows
