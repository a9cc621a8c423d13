"""The household list's order chosen by keyboard: the Sắp xếp button's menu, kept in step
with the header a click sorts by."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QPushButton, QTableView, QWidget

from desktop.ui.household_model import HouseholdTableModel

# Per column (as HouseholdTableModel.ORDERS): names sort A to Z, codes and counts ascending.
_BY_NAME = (False, True, True, False)


class OrderButton(QPushButton):
    """ "Sắp xếp" (Alt+S, or Tab to it and Space): a menu of the list's orders, each column
    either way, the one shown ticked. Choosing one sorts as a click on that header does
    (the selected household stays selected); a header clicked ticks its entry here."""

    def __init__(self, view: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self.setText(self.tr("&Sort"))
        self.setToolTip(
            self.tr("The order of the list (Alt+S); a click on a column's heading sorts too")
        )
        self.setAccessibleName(self.tr("Order of the list"))
        menu = QMenu(self)
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.choices: dict[tuple[int, Qt.SortOrder], QAction] = {}
        for column in range(len(HouseholdTableModel.ORDERS)):
            if column:
                menu.addSeparator()
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                action = menu.addAction(self.order_words(column, order))
                action.setCheckable(True)
                self._group.addAction(action)
                action.triggered.connect(
                    lambda _checked=False, c=column, o=order: view.sortByColumn(c, o)
                )
                self.choices[(column, order)] = action
        self.setMenu(menu)
        header = view.horizontalHeader()
        header.sortIndicatorChanged.connect(self._show_order)
        self._show_order(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def order_words(self, column: int, order: Qt.SortOrder) -> str:
        """'Mã hộ: tăng dần', 'Chủ hộ: Z → A': the column's heading and the way it runs."""
        descending = order == Qt.SortOrder.DescendingOrder
        if _BY_NAME[column]:
            way = self.tr("Z to A") if descending else self.tr("A to Z")
        else:
            way = self.tr("descending") if descending else self.tr("ascending")
        heading = self._view.model().headerData(column, Qt.Orientation.Horizontal)
        return self.tr("{column}: {way}").format(column=heading, way=way)

    def _show_order(self, column: int, order: Qt.SortOrder) -> None:
        action = self.choices.get((column, order))
        if action is not None:
            action.setChecked(True)
