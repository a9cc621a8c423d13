"""Table models of the household register: the lazy household list, members, relatives abroad."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from sqlite_utils import Database

from desktop.domain.entities import DepartureStatus, Gender, Person, RelativeAbroad, ResidenceKind
from desktop.domain.unreadable import unreadable
from desktop.store.search import HouseholdOrder, HouseholdRow, household_rows
from desktop.ui.numbers import group_thousands
from desktop.ui.record_model import AnyIndex, RecordTableModel
from desktop.ui.row_pages import RowPages

NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class HouseholdTableModel(QAbstractTableModel):
    """Holds the ordered ids of the listed households; rows are fetched by pages when shown.

    Only the pages the view asks for are read (a primary-key lookup of PAGE_SIZE ids), and
    at most MAX_PAGES stay cached, so 200,000 households cost what one screen costs.
    """

    PAGE_SIZE = 256
    MAX_PAGES = 32
    # QT_TRANSLATE_NOOP is typed as returning object; it returns the source string.
    HEADERS: ClassVar[tuple[Any, ...]] = (
        QT_TRANSLATE_NOOP("HouseholdTableModel", "Household code"),
        QT_TRANSLATE_NOOP("HouseholdTableModel", "Head of household"),
        QT_TRANSLATE_NOOP("HouseholdTableModel", "Hamlet"),
        QT_TRANSLATE_NOOP("HouseholdTableModel", "Members"),
    )
    MEMBER_COUNT_COLUMN = 3
    ORDERS = ("code", "head", "hamlet", "members")  # each column's HouseholdOrder.by

    # A header was clicked: the ids come again in the new order (sorted in SQL, off the
    # window's thread: 50,000 households are never loaded into Qt to be sorted).
    order_changed = Signal()

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._query = ""
        self.order = HouseholdOrder()
        self._rows: RowPages[HouseholdRow] = RowPages(
            lambda ids: household_rows(self._db, ids, self._query)
        )

    # --- contents -----------------------------------------------------------------------

    def set_ids(self, ids: Sequence[str], query: str = "") -> None:
        """Show these households, in this order, found by ``query`` (a member it matched
        who is not the head is named beside the head); the row cache starts afresh."""
        self.beginResetModel()
        self._query = query
        self._rows.reset(ids, self.PAGE_SIZE, self.MAX_PAGES)
        self.endResetModel()

    def household_id(self, row: int) -> str | None:
        return self._rows.id_at(row)

    def row_of(self, household_id: str) -> int | None:
        return self._rows.row_of(household_id)

    def household_row(self, row: int) -> HouseholdRow | None:
        return self._rows.get(row)

    def matched_member(self, row: int) -> tuple[str, str] | None:
        """(person id, name) of the member the search matched, when not the head."""
        household = self.household_row(row)
        if household is None or not household.matched_id:
            return None
        return household.matched_id, household.matched_name

    @property
    def cached_pages(self) -> int:
        return self._rows.cached

    @property
    def pages_fetched(self) -> int:
        """How many page reads so far: the scrolling test watches it."""
        return self._rows.pages_fetched

    # --- QAbstractTableModel ------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.ORDERS):
            return
        wanted = HouseholdOrder(self.ORDERS[column], order == Qt.SortOrder.DescendingOrder)
        if wanted != self.order:
            self.order = wanted
            self.order_changed.emit()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMBER_ALIGNMENT if index.column() == self.MEMBER_COUNT_COLUMN else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.household_row(index.row())
        if row is None:
            return None
        column = index.column()
        if column == 0:
            return row.code
        if column == 1:
            if row.matched_name:
                return QCoreApplication.translate(
                    "HouseholdTableModel", "{head} (member: {member})"
                ).format(head=row.head_name, member=row.matched_name)
            return row.head_name
        if column == 2:
            return row.hamlet
        return group_thousands(row.member_count)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("HouseholdTableModel", self.HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section == self.MEMBER_COUNT_COLUMN:
            return NUMBER_ALIGNMENT
        return None


def unreadable_text(entity: object, column: str, text: str) -> str:
    """``text``, or "(không đọc được: x)" for a value CamKet could not read (domain.unreadable)."""
    stored = unreadable(entity).get(column)
    if stored is None:
        return text
    words = QCoreApplication.translate("MemberTableModel", "(unreadable: %1)")
    return words.replace("%1", stored if len(stored) <= 40 else stored[:40] + "…")


def gender_text(gender: Gender | None) -> str:
    if gender is None:
        return ""
    if gender == Gender.MALE:
        return QCoreApplication.translate("MemberTableModel", "Male")
    return QCoreApplication.translate("MemberTableModel", "Female")


def residence_text(residence: ResidenceKind) -> str:
    if residence == ResidenceKind.TEMPORARY:
        return QCoreApplication.translate("MemberTableModel", "Temporary")
    return QCoreApplication.translate("MemberTableModel", "Permanent")


def departure_text(status: str) -> str:
    """Whether a relative left the country legally, as the clerk reads it."""
    if status == DepartureStatus.LEGAL:
        return QCoreApplication.translate("RelativeTableModel", "Legal")
    if status == DepartureStatus.ILLEGAL:
        return QCoreApplication.translate("RelativeTableModel", "Illegal")
    return QCoreApplication.translate("RelativeTableModel", "Not known")


class MemberTableModel(RecordTableModel[Person]):
    """The members of one household, in their order in the household."""

    CONTEXT = "MemberTableModel"
    COLUMNS: ClassVar[tuple[tuple[Any, Callable[[Any], Any]], ...]] = (
        (QT_TRANSLATE_NOOP("MemberTableModel", "Full name"), lambda p: p.full_name),
        (
            QT_TRANSLATE_NOOP("MemberTableModel", "Gender"),
            lambda p: unreadable_text(p, "gender", gender_text(p.gender)),
        ),
        (
            QT_TRANSLATE_NOOP("MemberTableModel", "Date of birth"),
            lambda p: unreadable_text(p, "birth", p.birth.display() if p.birth else ""),
        ),
        (QT_TRANSLATE_NOOP("MemberTableModel", "Personal ID"), lambda p: p.id_number),
        (QT_TRANSLATE_NOOP("MemberTableModel", "Relationship to head"), lambda p: p.relationship),
        (QT_TRANSLATE_NOOP("MemberTableModel", "Ethnicity"), lambda p: p.ethnicity),
        (
            QT_TRANSLATE_NOOP("MemberTableModel", "Residence"),
            lambda p: unreadable_text(p, "residence", residence_text(p.residence)),
        ),
    )


class RelativeTableModel(RecordTableModel[RelativeAbroad]):
    """A household's relatives living abroad."""

    CONTEXT = "RelativeTableModel"
    COLUMNS: ClassVar[tuple[tuple[Any, Callable[[Any], Any]], ...]] = (
        (QT_TRANSLATE_NOOP("RelativeTableModel", "Full name"), lambda r: r.full_name),
        (QT_TRANSLATE_NOOP("RelativeTableModel", "Relationship"), lambda r: r.relationship),
        (QT_TRANSLATE_NOOP("RelativeTableModel", "Country"), lambda r: r.country),
        (QT_TRANSLATE_NOOP("RelativeTableModel", "Since"), lambda r: r.since),
        (
            QT_TRANSLATE_NOOP("RelativeTableModel", "Left legally"),
            lambda r: unreadable_text(r, "departure", departure_text(r.departure)),
        ),
        (QT_TRANSLATE_NOOP("RelativeTableModel", "Contact"), lambda r: r.contact),
        (QT_TRANSLATE_NOOP("RelativeTableModel", "Plans to return"), lambda r: r.plans_to_return),
    )
