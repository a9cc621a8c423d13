"""Read-only lists to pick from (the household list, the pledge dashboard's): rows of one
fixed height, columns as wide as their contents usually are, never measured row by row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.ui.column_fit import hide_to_fit
from desktop.ui.household_model import HouseholdTableModel
from desktop.ui.list_focus import show_current_row

HAMLET_COLUMN = 2


class _HamletLeftOut(QObject):
    """The hamlet column hidden while the list is too narrow for it and a head's name read
    whole (a 1024 px screen): the detail beside the list and the filter above it name the
    hamlet. Before, at 1024 px the two shared 86 px each: half the demo's heads were cut."""

    def __init__(self, view: QTableView, widths: dict[int, int]) -> None:
        super().__init__(view)
        self._view, self._widths = view, widths
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            hide_to_fit(self._view, self._widths, (HAMLET_COLUMN,))
        return False


def setup_read_only_list(view: QTableView, model: QAbstractItemModel, padding: int) -> None:
    """Show ``model`` in ``view`` as a list to pick from: whole rows chosen one at a time,
    nothing edited in place, no wrapping, headers to the left, rows of one fixed height
    (text plus ``padding``): the view never measures rows, so a long list costs one screen."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab goes on to the buttons after the list (the arrows walk the rows): cell to cell,
    # the keyboard never left it.
    view.setTabKeyNavigation(False)
    show_current_row(view)  # tabbed into, the row Enter opens is marked
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + padding)
    columns = view.horizontalHeader()
    columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    columns.setHighlightSections(False)


def setup_household_view(view: QTableView, model: HouseholdTableModel) -> None:
    """The household list: the code and the member count as wide as they read, the hamlet
    as wide as a usual one, the head's name the width left, a longer one elided (whole in
    its tooltip); at 1024 px the hamlet column makes way for the names and none scrolls
    sideways. A click on a header sorts by that column (again: the other way round); the
    list starts in its own order, by hamlet then code."""
    setup_read_only_list(view, model, 8)
    view.setCornerButtonEnabled(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    columns = view.horizontalHeader()
    columns.setStretchLastSection(False)
    metrics = view.fontMetrics()

    def header(column: int) -> int:  # the headers' width depends on the language
        return metrics.horizontalAdvance(model.headerData(column, Qt.Orientation.Horizontal))

    widths = {
        0: max(metrics.horizontalAdvance("NH-00000"), header(0)) + 24,
        3: max(metrics.horizontalAdvance("00"), header(3)) + 24,
    }
    for column, width in widths.items():
        columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        columns.resizeSection(column, width)
    # Measuring content would read every row: the head's name takes what is left.
    columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    hamlet = max(metrics.horizontalAdvance("Bản Ngải Há"), header(HAMLET_COLUMN)) + 16
    columns.setSectionResizeMode(HAMLET_COLUMN, QHeaderView.ResizeMode.Fixed)
    columns.resizeSection(HAMLET_COLUMN, hamlet)
    # Narrower still than these (a pane dragged small), the list scrolls sideways.
    columns.setMinimumSectionSize(metrics.horizontalAdvance("Nguyễn Văn") + 12)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll_bar = view.verticalScrollBar().sizeHint().width()
    view.setMinimumWidth(sum(widths.values()) + 2 * columns.minimumSectionSize() + scroll_bar + 4)
    wanted = {
        **widths,
        1: metrics.horizontalAdvance("Nguyễn Thị Phương Thảo") + 16,
        HAMLET_COLUMN: hamlet,
    }
    _HamletLeftOut(view, wanted)
    columns.setSortIndicator(HAMLET_COLUMN, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
