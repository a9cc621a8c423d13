"""Table models of the import wizard: the list's first rows, and the dry run's issues."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain.import_columns import column_letter
from desktop.domain.import_rows import RowIssue
from desktop.messages import issue_text

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole


class SheetPreviewModel(QAbstractTableModel):
    """The first rows of a list as read (after TCVN3/VNI conversion), numbered as in Excel."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self._first_row = 1
        self._width = 0

    def set_rows(self, rows: Sequence[Sequence[str]], first_row: int = 1) -> None:
        self.beginResetModel()
        self._rows = [list(r) for r in rows]
        self._first_row = first_row
        self._width = max((len(r) for r in rows), default=0)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or role not in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letter(section)
        return str(section + self._first_row)


class IssueTableModel(QAbstractTableModel):
    """The dry run's warnings and errors: row, column, kind, problem (in Vietnamese)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._issues: list[RowIssue] = []

    def set_issues(self, issues: Sequence[RowIssue]) -> None:
        self.beginResetModel()
        self._issues = list(issues)  # texts are made when shown: 100,000 issues cost nothing
        self.endResetModel()

    def issue(self, row: int) -> RowIssue:
        return self._issues[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        issue = self._issues[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and issue.is_error:
            return QBrush(QColor("#b00020"))
        if role not in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return str(issue.row)
        if column == 1:
            return issue.column
        if column == 2:
            return self.tr("Error") if issue.is_error else self.tr("Warning")
        return issue_text(issue.issue)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY:
            return None
        titles = (self.tr("Row"), self.tr("Column"), self.tr("Kind"), self.tr("Problem"))
        return titles[section] if 0 <= section < len(titles) else None
