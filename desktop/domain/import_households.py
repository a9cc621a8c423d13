"""Rows of an imported list grouped into households: by code, by head rows, or one a row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter

from desktop.domain.import_columns import ColumnMap, ImportField
from desktop.domain.import_rows import ImportIssueCode, ImportRow, issue_at
from desktop.domain.text import remembered_fold, without_kind_word
from desktop.domain.validation import Severity


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
    rows: Sequence[ImportRow],
    grouping: Grouping,
    columns: ColumnMap,
    leave_out: Set[int] = frozenset(),
) -> list[HouseholdDraft]:
    """Households from rows, in file order. Rows that fit no household get an issue.

    The rows numbered in ``leave_out`` (hidden in the sheet, the clerk chose not to import
    them) still shape the households as the list writes them: a household's code on its
    hidden head's row keeps its members shown together, never in the household above.
    """
    grouping = resolve_grouping(grouping, rows)
    groups: list[list[ImportRow]] = []
    by_code: dict[str, list[ImportRow]] = {}
    current: list[ImportRow] | None = None
    name_label = columns.label(columns.column_of(ImportField.FULL_NAME) or 0)
    labels = _Labels(
        name_label,
        _label_of(columns, ImportField.HAMLET, name_label),
        _label_of(columns, ImportField.RELATIONSHIP, name_label),
    )
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
            if r.row not in leave_out:
                issue = ImportIssueCode.NO_HOUSEHOLD
                r.issues.append(issue_at(r.row, name_label, "household", issue))
            continue
        current.append(r)
    if leave_out:  # none in most lists: nothing looked at
        return [_shown_part(g, leave_out, labels) for g in groups if _shown(g, leave_out)]
    return [_draft(g, labels) for g in groups]


def _shown(rows: list[ImportRow], leave_out: Set[int]) -> list[ImportRow]:
    return [r for r in rows if r.row not in leave_out]


def _shown_part(rows: list[ImportRow], leave_out: Set[int], labels: _Labels) -> HouseholdDraft:
    """The household of the rows shown of ``rows``: its code, hamlet and address are
    still those its rows left out give when the rows shown give none (a list writes them
    on the head's row only)."""
    draft = _draft(_shown(rows, leave_out), labels)
    draft.code = draft.code or _first(map(_CODE, rows))
    draft.hamlet = draft.hamlet or _first(map(_HAMLET, rows))
    draft.address = draft.address or _first(map(_ADDRESS, rows))
    return draft


@dataclass(frozen=True)
class _Labels:
    """How messages name the columns a household's rows are checked against each other by."""

    name: str
    hamlet: str
    relationship: str


def _label_of(columns: ColumnMap, field: ImportField, otherwise: str) -> str:
    column = columns.column_of(field)
    return otherwise if column is None else columns.label(column)


def _draft(rows: list[ImportRow], labels: _Labels) -> HouseholdDraft:
    heads = [r for r in rows if r.is_head]
    for extra in heads[1:]:
        extra.issues.append(
            issue_at(
                extra.row, labels.name, "household", ImportIssueCode.TWO_HEADS, head=heads[0].row
            )
        )
    head = heads[0] if heads else rows[0]
    ordered = rows if head is rows[0] else [head, *(r for r in rows if r is not head)]
    if not heads and head.person.relationship:  # "Con" on the row taken as the head
        head.issues.append(
            issue_at(
                head.row,
                labels.relationship,
                "household",
                ImportIssueCode.NO_HEAD,
                Severity.WARNING,
                household=f" {head.household_code}" if head.household_code else "",
                relationship=head.person.relationship,
            )
        )

    hamlet = _first(map(_HAMLET, ordered))
    _warn_other_hamlets(ordered, hamlet, labels.hamlet)
    return HouseholdDraft(
        rows=ordered,
        code=_first(map(_CODE, ordered)),
        hamlet=hamlet,
        address=_first(map(_ADDRESS, ordered)),
        phone=head.person.phone,
    )


def _first(values: Iterable[str]) -> str:
    return next(filter(None, values), "")


def _warn_other_hamlets(rows: list[ImportRow], hamlet: str, label: str) -> None:
    """A member's row naming another hamlet than its household's (the first one named):
    the member goes into the household, in its hamlet, with a warning."""
    if not hamlet:
        return
    named = next(r for r in rows if r.hamlet)
    own = without_kind_word(remembered_fold(hamlet))
    for r in rows:
        if r.hamlet and r.hamlet != hamlet and without_kind_word(remembered_fold(r.hamlet)) != own:
            r.issues.append(
                issue_at(
                    r.row,
                    label,
                    "hamlet",
                    ImportIssueCode.HAMLET_OTHER,
                    Severity.WARNING,
                    name=r.hamlet,
                    household=hamlet,
                    at=named.row,
                )
            )


_CODE, _HAMLET, _ADDRESS = (attrgetter(a) for a in ("household_code", "hamlet", "address"))
