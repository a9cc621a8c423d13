"""The household list's table view: rows of one fixed height, columns as wide as their
contents usually are in the language shown, never measured row by row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.ui.household_model import HouseholdTableModel


def setup_household_view(view: QTableView, model: HouseholdTableModel) -> None:
    """Show ``model`` in ``view``: whole rows chosen one at a time, fixed row heights (a
    long list costs one screen), the head's name taking the width that is left."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setCornerButtonEnabled(False)
    rows = view.verticalHeader()
    rows.hide()
    # Fixed heights: the view never measures rows, so a long list costs one screen.
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    columns = view.horizontalHeader()
    columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    columns.setHighlightSections(False)
    metrics = view.fontMetrics()

    def header(column: int) -> int:  # the headers' width depends on the language
        return metrics.horizontalAdvance(model.headerData(column, Qt.Orientation.Horizontal))

    widths = {
        0: max(metrics.horizontalAdvance("NH-00000"), header(0)) + 24,
        2: max(metrics.horizontalAdvance("Bản Nậm Tăm Mông"), header(2)) + 20,
        3: header(3) + 24,
    }
    for column, width in widths.items():
        columns.resizeSection(column, width)
    # Measuring content would read every row: the head's name takes what is left.
    columns.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    # Narrower than its columns (a 1024 px screen), the list scrolls sideways instead of
    # cutting one off: the window's minimum width stays under 1000 px.
    columns.setMinimumSectionSize(metrics.horizontalAdvance("Nguyễn Thị Phương") + 12)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll_bar = view.verticalScrollBar().sizeHint().width()
    view.setMinimumWidth(widths[0] + columns.minimumSectionSize() + scroll_bar + 4)
