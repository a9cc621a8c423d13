"""Read-only lists to pick from (the household list, the pledge dashboard's): rows of one
fixed height, columns as wide as their contents usually are, never measured row by row."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.ui.household_model import HouseholdTableModel


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
    """The household list: the code and the member count as wide as they read, the head's
    name and the hamlet sharing the width left, a longer one elided (whole in its
    tooltip): at 1024 px every column is in view, none scrolls sideways."""
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
    # Measuring content would read every row: the names share what is left.
    for column in (1, 2):
        columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    # Narrower still than these (a pane dragged small), the list scrolls sideways.
    columns.setMinimumSectionSize(metrics.horizontalAdvance("Nguyễn Văn") + 12)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll_bar = view.verticalScrollBar().sizeHint().width()
    view.setMinimumWidth(sum(widths.values()) + 2 * columns.minimumSectionSize() + scroll_bar + 4)
