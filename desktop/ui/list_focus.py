"""A list that takes the keyboard shows where it is: its current row selected (the first when
there is none), so Enter opens the row the clerk sees."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView


class _ShowsCurrentRow(QObject):
    """Tabbed into, Qt's list only tinted its current cell (Fusion's faint blue, or nothing
    once the list had been left and come back to): Enter then opened a row not marked."""

    def __init__(self, view: QTableView, follow_rows: bool) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)
        if follow_rows:  # rows that arrive while the list holds the keyboard (a count)
            view.model().modelReset.connect(self._soon)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._soon()  # after the view's own focusInEvent (and a click's selection)
        return False

    def _soon(self) -> None:
        # No Qt namespace here: Tổng quan's reminders take the keyboard before its first paint.
        QTimer.singleShot(0, self, self._select)

    def _select(self) -> None:
        view = self._view
        selection = view.selectionModel()
        if not view.hasFocus() or selection is None or selection.hasSelection():
            return
        if view.model().rowCount() == 0:
            return
        view.selectRow(max(0, view.currentIndex().row()))


def show_current_row(view: QTableView, *, follow_rows: bool = False) -> None:
    """When ``view`` (a list of whole rows, its model set) takes the keyboard with no row
    selected, its current row is selected, the first if none; with ``follow_rows``, also
    when its rows are read again while it has the keyboard."""
    _ShowsCurrentRow(view, follow_rows)
