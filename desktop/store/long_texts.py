"""Rows a register already holds whose text is longer than a bundle may carry (stored before
the bounds of domain.text_bounds existed, or by another program): found with one query a
synced table, named as a clerk knows the row, for `camket check` and for the export, which
would otherwise make a bundle every peer refuses whole."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

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


@dataclass(frozen=True)
class LongText:
    """One text of a row longer than its bound."""

    entity: str  # the row's kind: "hộ", "nhân khẩu", …
    label: str  # what a clerk knows it by: a household's code, a person's name (hộ …)
    table: str
    column: str
    length: int
    maximum: int

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
        sql = (
            f"SELECT t.deleted, {label_sql}, {lengths} FROM [{spec.name}] t {joins}"
            f" WHERE ({longer}){changed} ORDER BY t.rowid"
        )
        for deleted, raw_label, *sizes in db.execute(sql, [spec.name, since] if since else []):
            label = _label(raw_label) + (" (đã xoá)" if deleted else "")
            found += [
                LongText(entity, label, spec.name, column, size, bound.maximum)
                for (column, bound), size in zip(bounded, sizes, strict=True)
                if size is not None and size > bound.maximum
            ]
    return found


def _label(raw: str | None) -> str:
    """A name cut to SHOWN characters ("…" after), with its household ("Lò Văn Páo (hộ
    NT-001)") when the query gave one after a unit separator."""
    if raw is None:
        return "?"
    name, _sep, household = raw.partition("\x1f")
    if len(name) > SHOWN:
        name = name[:SHOWN] + "…"
    return f"{name} (hộ {household})" if _sep else name
