"""Rows a register already holds that a bundle may not carry (stored before the bounds of
domain.text_bounds and the plain-name rule of domain.file_names existed, or by another
program): a text longer than its bound, found with one query a synced table, and an
attachment's file name that is no plain name; named as a clerk knows the row, for `camket
check` and for the export, which would otherwise make a bundle every peer refuses whole."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from desktop.domain.file_names import is_plain_file_name
from desktop.domain.text_bounds import KEY_TEXT
from desktop.domain.validation import Issue, IssueCode, Severity
from desktop.store.column_rules import TEXT_BOUNDS
from desktop.store.registry import TABLES

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
# screen reaches the row (a cut id or code would be another row's, or none).
KEYS = frozenset(key for key, bound in TEXT_BOUNDS.items() if bound is KEY_TEXT) | {
    ("household", "code")
}


@dataclass(frozen=True)
class LongText:
    """One text of a row longer than its bound."""

    entity: str  # the row's kind: "hộ", "nhân khẩu", …
    label: str  # what a clerk knows it by: a household's code, a person's name (hộ …)
    table: str
    column: str
    length: int
    maximum: int
    row_id: str = ""
    gone: bool = False  # the row is deleted, or its household is: no screen opens it

    @property
    def cuttable(self) -> bool:
        """No screen reaches the row and the text is free text, not a key: CamKet cuts it to
        its bound itself before an export (services.export_repairs)."""
        return self.gone and (self.table, self.column) not in KEYS

    @property
    def issue(self) -> Issue:
        """As the window's checks name it: "Ghi chú: dài 12000 ký tự, quá 5000 …"."""
        params = {"length": self.length, "maximum": self.maximum}
        return Issue(self.column, IssueCode.TEXT_TOO_LONG, Severity.ERROR, params)


def long_texts(db: Database, since: int = 0) -> list[LongText]:
    """Every text of every synced row (tombstones too: they travel) longer than its bound,
    table by table in the registry's order; with ``since``, only rows changed after that
    change mark (what a bundle of changes carries)."""
    found: list[LongText] = []
    for spec in TABLES:
        bounded = [
            (column, TEXT_BOUNDS[spec.name, column])
            for column in (*spec.columns, *spec.private)
            if (spec.name, column) in TEXT_BOUNDS
        ]
        if not bounded:
            continue
        entity, label_sql, joins = _NAMED[spec.name]
        lengths = ", ".join(f"length(t.[{column}])" for column, _bound in bounded)
        longer = " OR ".join(f"length(t.[{c}]) > {bound.maximum}" for c, bound in bounded)
        changed = (
            " AND t.id IN (SELECT row_id FROM change_log WHERE tbl = ? AND seq > ?)"
            if since
            else ""
        )
        gone = _GONE.get(spec.name, "t.deleted")
        sql = (
            f"SELECT t.id, t.deleted, {gone}, {label_sql}, {lengths} FROM [{spec.name}] t {joins}"
            f" WHERE ({longer}){changed} ORDER BY t.rowid"
        )
        params = [spec.name, since] if since else []
        for row_id, deleted, away, raw_label, *sizes in db.execute(sql, params):
            label = _label(raw_label) + _gone_words(deleted, away)
            found += [
                LongText(entity, label, spec.name, column, size, bound.maximum, row_id, bool(away))
                for (column, bound), size in zip(bounded, sizes, strict=True)
                if size is not None and size > bound.maximum
            ]
    return found


@dataclass(frozen=True)
class OddFileName:
    """An attachment whose file name is no plain name (a mark a system takes for a path or
    a device: "BB 10:30.pdf", a trailing dot or space): every peer refuses its bundle."""

    row_id: str
    file_name: str
    household: str  # its pledge's household's code ("?" when none)
    household_id: str
    gone: bool  # it, its pledge or its household is deleted

    @property
    def label(self) -> str:
        return self.household + (" (đã xoá)" if self.gone else "")


# Names plain_file_name might change, for SQLite to pass on (is_plain_file_name decides):
# a mark it replaces, a trailing dot or space, too long, or a stem a device's name.
_MAYBE_ODD = """
t.file_name GLOB '*[' || char(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
  19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127) || '/\\:*?"<>|]*'
OR instr(t.file_name, char(0)) > 0 OR t.file_name GLOB '*[. ]' OR length(t.file_name) > 255
OR lower(substr(t.file_name, 1, instr(t.file_name || '.', '.') - 1))
   IN ('con', 'prn', 'aux', 'nul')
OR lower(substr(t.file_name, 1, instr(t.file_name || '.', '.') - 1)) GLOB '[cl][op][mt]?'"""


def odd_file_names(db: Database, since: int = 0) -> list[OddFileName]:
    """Every attachment (tombstones too: they travel) whose file name is no plain name; with
    ``since``, only those changed after that change mark."""
    changed = (
        " AND t.id IN (SELECT row_id FROM change_log WHERE tbl = 'attachment' AND seq > ?)"
        if since
        else ""
    )
    sql = (
        "SELECT t.id, t.file_name, coalesce(h.code, '?'), coalesce(p.household_id, ''),"
        f" {_GONE['attachment']} FROM attachment t {_NAMED['attachment'][2]}"
        f" WHERE ({_MAYBE_ODD}){changed} ORDER BY t.rowid"
    )
    return [
        OddFileName(row_id, name, household, household_id, bool(gone))
        for row_id, name, household, household_id, gone in db.execute(sql, [since] if since else [])
        if isinstance(name, str) and not is_plain_file_name(name)
    ]


def _gone_words(deleted: int, away: int) -> str:
    if deleted:
        return " (đã xoá)"
    return " (hộ đã xoá)" if away else ""


def _label(raw: str | None) -> str:
    """A name cut to SHOWN characters ("…" after), with its household ("Lò Văn Páo (hộ
    NT-001)") when the query gave one after a unit separator."""
    if raw is None:
        return "?"
    name, _sep, household = raw.partition("\x1f")
    if len(name) > SHOWN:
        name = name[:SHOWN] + "…"
    return f"{name} (hộ {household})" if _sep else name
