"""Qt's item roles as ints, enum properties set by name, column titles held by Qt: first paint.

PySide makes the Python enums of Qt's ``Qt`` namespace (93 classes) all at once, the first
time anything touches ``Qt``: ~30 ms of CPU, a fifth of a bare window's whole start. What
the window builds and paints before it is on screen therefore names no ``Qt.`` value; the
rest of the code uses ``Qt`` as usual. tests/ui/test_qt_values.py pins these to Qt's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import QTableView

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TOOL_TIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
FONT_ROLE = 6  # Qt.ItemDataRole.FontRole
TEXT_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole
ALIGN_RIGHT_MIDDLE = 0x0082  # int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def set_enum_property(target: QObject, name: str, key: str) -> None:
    """Qt's property ``name`` of ``target`` set to the enum value ``key`` (its C++ name, as in
    Designer's files: ``set_enum_property(view, "focusPolicy", "NoFocus")``), through Qt's
    meta-object system; a name or key Qt does not know raises ValueError."""
    if not target.setProperty(name, key):
        raise ValueError(f"{type(target).__name__} has no enum property {name}={key}")


def show_column_titles(view: QTableView, titles: Sequence[str]) -> None:
    """``view``'s header shows ``titles``, held by Qt in a model of titles alone: painting them
    calls no Python ``headerData``, which Qt passes a ``Qt.Orientation`` (making the
    namespace's enums). Call after ``view.setModel``; the view's model keeps ``len(titles)``
    columns."""
    header_model = QStandardItemModel(0, len(titles), view)
    header_model.setHorizontalHeaderLabels(list(titles))
    view.horizontalHeader().setModel(header_model)
    # The header now hears its own model only: tell it when the rows change, so columns
    # sized to their contents follow the rows (without this they kept the titles' width,
    # and Tổng quan's total read '1.0…').
    relayout = header_model.layoutChanged.emit
    model = view.model()
    for changed in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
        changed.connect(relayout)
    model.dataChanged.connect(relayout)


def set_shortcut(action: QAction, keys: QKeySequence) -> None:
    """``action.setShortcut(keys)`` as Qt 6 does it, through ``setShortcuts`` (none for an
    empty ``keys``): PySide resolving ``setShortcut``'s overloads makes the namespace's enums
    (for ``Qt.Key``)."""
    action.setShortcuts([keys] if not keys.isEmpty() else [])
