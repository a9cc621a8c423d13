"""A read-only table model over a short list of records, each column a text of a record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex


Record = TypeVar("Record")


class RecordTableModel(QAbstractTableModel, Generic[Record]):
    """A read-only table over a short list of records (one household's people)."""

    CONTEXT = "RecordTableModel"
    COLUMNS: ClassVar[tuple[tuple[Any, Callable[[Any], Any]], ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._records: list[Record] = []

    def set_records(self, records: Sequence[Record]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Record:
        return self._records[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        _, text_of = self.COLUMNS[index.column()]
        return text_of(self._records[index.row()])

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][0])
        return None
