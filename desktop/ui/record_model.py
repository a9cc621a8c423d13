"""A read-only table model over a short list of records, each column a text of a record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
)

from desktop.ui.qt_values import DISPLAY_ROLE, TOOL_TIP_ROLE

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

AnyIndex = QModelIndex | QPersistentModelIndex


Record = TypeVar("Record")


class RecordRows(QAbstractTableModel, Generic[Record]):
    """A read-only table over a short list of records, under titles its view holds
    (qt_values.show_column_titles): Qt asks Python nothing to paint them."""

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

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or role not in (DISPLAY_ROLE, TOOL_TIP_ROLE):
            return None
        _, text_of = self.COLUMNS[index.column()]
        return text_of(self._records[index.row()])

    def column_titles(self) -> list[str]:
        """The columns' titles as the header shows them."""
        return [QCoreApplication.translate(self.CONTEXT, title) for title, _ in self.COLUMNS]


class RecordTableModel(RecordRows[Record]):
    """A read-only table over a short list of records (one household's people) that gives its
    titles to any view (``headerData``)."""

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = DISPLAY_ROLE,
    ) -> Any:
        from PySide6.QtCore import Qt  # made by now: Qt passed ``orientation``

        if (
            orientation == Qt.Orientation.Horizontal
            and role == DISPLAY_ROLE
            and 0 <= section < len(self.COLUMNS)
        ):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][0])
        return None
