"""Table models of the residency ledger: the lazy list of movements, and the tip log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from sqlite_utils import Database

from desktop.domain.movements import GONE, MovementKind, Presence
from desktop.domain.tips import Tip
from desktop.store.movements import LedgerRow, ledger_rows
from desktop.ui.household_model import MemberTableModel, unreadable_text
from desktop.ui.numbers import day_text
from desktop.ui.record_model import AnyIndex, RecordTableModel
from desktop.ui.row_pages import RowPages

# Kind names as the window shows them (English source, Vietnamese in the catalog).
KIND_NAMES: dict[MovementKind, Any] = {
    MovementKind.TAM_TRU: QT_TRANSLATE_NOOP("Ledger", "Temporary residence"),
    MovementKind.TAM_VANG: QT_TRANSLATE_NOOP("Ledger", "Temporary absence"),
    MovementKind.LUU_TRU: QT_TRANSLATE_NOOP("Ledger", "Guest stay"),
    MovementKind.DI_NUOC_NGOAI: QT_TRANSLATE_NOOP("Ledger", "Left for abroad"),
    MovementKind.VE_TU_NUOC_NGOAI: QT_TRANSLATE_NOOP("Ledger", "Back from abroad"),
    MovementKind.CHUYEN_DEN: QT_TRANSLATE_NOOP("Ledger", "Moved in"),
    MovementKind.CHUYEN_DI: QT_TRANSLATE_NOOP("Ledger", "Moved out"),
    MovementKind.SINH: QT_TRANSLATE_NOOP("Ledger", "Birth"),
    MovementKind.CHET: QT_TRANSLATE_NOOP("Ledger", "Death"),
}
PRESENCE_NAMES: dict[Presence, Any] = {
    Presence.PRESENT: QT_TRANSLATE_NOOP("Ledger", "Present"),
    Presence.AWAY: QT_TRANSLATE_NOOP("Ledger", "Away"),
    Presence.ABROAD: QT_TRANSLATE_NOOP("Ledger", "Abroad"),
    Presence.MOVED_OUT: QT_TRANSLATE_NOOP("Ledger", "Has moved out"),
    Presence.DEAD: QT_TRANSLATE_NOOP("Ledger", "Dead"),
}
TRAIL: Any = QT_TRANSLATE_NOOP("Ledger", "not through a gate (trail)")
BORDER_BELT: Any = QT_TRANSLATE_NOOP("Ledger", "enters the border belt")


def kind_name(kind: MovementKind) -> str:
    return QCoreApplication.translate("Ledger", KIND_NAMES[kind])


def presence_name(presence: Presence) -> str:
    return QCoreApplication.translate("Ledger", PRESENCE_NAMES[presence])


def _where(row: LedgerRow) -> str:
    gate = QCoreApplication.translate("Ledger", TRAIL) if row.via_trail else row.gate
    belt = QCoreApplication.translate("Ledger", BORDER_BELT) if row.border_belt else ""
    return ", ".join(part for part in (row.place, row.country, gate, belt) if part)


class LedgerTableModel(QAbstractTableModel):
    """The ordered ids of the movements listed; rows are read by pages when shown, at most
    MAX_PAGES kept, so 60,000 movements cost what one screen costs."""

    PAGE_SIZE = 256
    MAX_PAGES = 16
    COLUMNS: ClassVar[tuple[tuple[Any, Callable[[LedgerRow], str]], ...]] = (
        (
            QT_TRANSLATE_NOOP("LedgerTableModel", "Kind"),
            lambda r: unreadable_text(r, "kind", kind_name(r.kind)),
        ),
        (QT_TRANSLATE_NOOP("LedgerTableModel", "Full name"), lambda r: r.full_name),
        (QT_TRANSLATE_NOOP("LedgerTableModel", "Household"), lambda r: r.household_code),
        (QT_TRANSLATE_NOOP("LedgerTableModel", "Hamlet"), lambda r: r.hamlet),
        (
            QT_TRANSLATE_NOOP("LedgerTableModel", "From"),
            lambda r: unreadable_text(r, "starts_on", day_text(r.starts_on)),
        ),
        (
            QT_TRANSLATE_NOOP("LedgerTableModel", "Until"),
            lambda r: unreadable_text(r, "until", day_text(r.until)),
        ),
        (
            QT_TRANSLATE_NOOP("LedgerTableModel", "Ended"),
            lambda r: unreadable_text(r, "ended_on", day_text(r.ended_on)),
        ),
        (QT_TRANSLATE_NOOP("LedgerTableModel", "Place, country, gate"), _where),
        (QT_TRANSLATE_NOOP("LedgerTableModel", "Reason"), lambda r: r.reason),
    )

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: RowPages[LedgerRow] = RowPages(lambda ids: ledger_rows(self._db, ids))

    def set_ids(self, ids: Sequence[str]) -> None:
        self.beginResetModel()
        self._rows.reset(ids, self.PAGE_SIZE, self.MAX_PAGES)
        self.endResetModel()

    @property
    def pages_fetched(self) -> int:
        return self._rows.pages_fetched

    def movement_id(self, row: int) -> str | None:
        return self._rows.id_at(row)

    def row_of(self, movement_id: str) -> int | None:
        return self._rows.row_of(movement_id)

    def ledger_row(self, row: int) -> LedgerRow | None:
        return self._rows.get(row)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.ledger_row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            # Ended movements in gray: the open ones are what needs watching.
            return QBrush(QColor(110, 110, 110)) if row.ended_on else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.COLUMNS[index.column()][1](row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return QCoreApplication.translate("LedgerTableModel", self.COLUMNS[section][0])
        return None


def _people(tip: Tip) -> str:
    return "" if tip.people_count is None else str(tip.people_count)


class TipTableModel(RecordTableModel[Tip]):
    """The tip log, newest first; the informant is shown only as anonymous or not."""

    CONTEXT = "TipTableModel"
    COLUMNS: ClassVar[tuple[tuple[Any, Callable[[Any], Any]], ...]] = (
        (
            QT_TRANSLATE_NOOP("TipTableModel", "Received"),
            lambda t: unreadable_text(t, "received_at", t.received_at.strftime("%d/%m/%Y %H:%M")),
        ),
        (QT_TRANSLATE_NOOP("TipTableModel", "Place"), lambda t: t.place),
        (QT_TRANSLATE_NOOP("TipTableModel", "About"), lambda t: t.about),
        (QT_TRANSLATE_NOOP("TipTableModel", "People"), _people),
        (QT_TRANSLATE_NOOP("TipTableModel", "Handed to"), lambda t: t.handed_to),
    )


class PresenceMemberModel(MemberTableModel):
    """A household's members with where each is now, derived from the ledger."""

    PRESENCE_COLUMN = 1  # beside the name: seen without scrolling
    COLUMNS: ClassVar[tuple[tuple[Any, Callable[[Any], Any]], ...]] = (
        MemberTableModel.COLUMNS[0],
        (QT_TRANSLATE_NOOP("MemberTableModel", "Now"), lambda _p: ""),
        *MemberTableModel.COLUMNS[1:],
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.presence: dict[str, Presence] = {}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            # Dead or moved out: kept as the household's history, greyed.
            person = self.record(index.row())
            if self.presence.get(person.id, Presence.PRESENT) in GONE:
                return QBrush(QColor(128, 128, 128))
        if index.isValid() and index.column() == self.PRESENCE_COLUMN:
            if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return None
            person = self.record(index.row())
            return presence_name(self.presence.get(person.id, Presence.PRESENT))
        return super().data(index, role)
