"""Rows of an imported list grouped into households: by code, by head rows, or one a row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter

from desktop.domain.import_columns import ColumnMap, ImportField
from desktop.domain.import_rows import ImportIssueCode, ImportRow, issue_at
from desktop.domain.text import remembered_fold


class Grouping(StrEnum):
    """How rows become households."""

    AUTO = "auto"  # by code when the list has codes, else by head rows, else one per row
    CODE = "code"  # rows with the same household code; a blank code continues the last one
    HEAD_ROWS = "head_rows"  # a head-of-household row, then its members
    EACH_ROW = "each_row"  # every row is a household of one (a list of heads only)


@dataclass
class HouseholdDraft:
    """Rows grouped into one household; ``rows[0]`` is its head."""

    rows: list[ImportRow]
    code: str
    hamlet: str
    address: str
    phone: str

    @property
    def first_row(self) -> int:
        return min(r.row for r in self.rows)


def resolve_grouping(grouping: Grouping, rows: Sequence[ImportRow]) -> Grouping:
    if grouping is not Grouping.AUTO:
        return grouping
    if any(r.household_code for r in rows):
        return Grouping.CODE
    if any(r.is_head for r in rows):
        return Grouping.HEAD_ROWS
    return Grouping.EACH_ROW


def group_rows(
    rows: Sequence[ImportRow], grouping: Grouping, columns: ColumnMap
) -> list[HouseholdDraft]:
    """Households from rows, in file order. Rows that fit no household get an issue."""
    grouping = resolve_grouping(grouping, rows)
    groups: list[list[ImportRow]] = []
    by_code: dict[str, list[ImportRow]] = {}
    current: list[ImportRow] | None = None
    name_label = columns.label(columns.column_of(ImportField.FULL_NAME) or 0)
    each_row, by_code_column = grouping is Grouping.EACH_ROW, grouping is Grouping.CODE
    for r in rows:
        if each_row:
            groups.append([r])
            continue
        if by_code_column:
            if r.household_code and (key := remembered_fold(r.household_code)):
                current = by_code.get(key)
                if current is None:
                    current = by_code[key] = []
                    groups.append(current)
        elif r.is_head:
            current = []
            groups.append(current)
        if current is None:
            r.issues.append(issue_at(r.row, name_label, "household", ImportIssueCode.NO_HOUSEHOLD))
            continue
        current.append(r)
    return [_draft(g, name_label) for g in groups]


def _draft(rows: list[ImportRow], label: str) -> HouseholdDraft:
    heads = [r for r in rows if r.is_head]
    for extra in heads[1:]:
        extra.issues.append(
            issue_at(extra.row, label, "household", ImportIssueCode.TWO_HEADS, head=heads[0].row)
        )
    head = heads[0] if heads else rows[0]
    ordered = rows if head is rows[0] else [head, *(r for r in rows if r is not head)]

    def first(values: Iterable[str]) -> str:
        return next(filter(None, values), "")

    return HouseholdDraft(
        rows=ordered,
        code=first(map(_CODE, ordered)),
        hamlet=first(map(_HAMLET, ordered)),
        address=first(map(_ADDRESS, ordered)),
        phone=head.person.phone,
    )


_CODE, _HAMLET, _ADDRESS = (attrgetter(a) for a in ("household_code", "hamlet", "address"))
