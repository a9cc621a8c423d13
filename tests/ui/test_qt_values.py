"""What the first paint writes without Qt's namespace is what Qt's own names would give."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget, QTableView, QToolButton
from pytestqt.qtbot import QtBot

from desktop.ui import qt_values
from desktop.ui.overview_page import ReminderModel
from desktop.ui.progress_model import ProgressModel, TitledProgressModel


def test_the_roles_and_alignment_are_qts() -> None:
    assert Qt.ItemDataRole.DisplayRole == qt_values.DISPLAY_ROLE
    assert Qt.ItemDataRole.ToolTipRole == qt_values.TOOL_TIP_ROLE
    assert Qt.ItemDataRole.FontRole == qt_values.FONT_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole == qt_values.TEXT_ALIGNMENT_ROLE
    assert Qt.ItemDataRole.UserRole == qt_values.USER_ROLE
    right_middle = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert right_middle.value == qt_values.ALIGN_RIGHT_MIDDLE


def test_an_enum_property_set_by_name_is_the_value_qt_names(qtbot: QtBot) -> None:
    sidebar, button, label = QListWidget(), QToolButton(), QLabel()
    for widget in (sidebar, button, label):
        qtbot.addWidget(widget)
    qt_values.set_enum_property(sidebar, "focusPolicy", "NoFocus")
    qt_values.set_enum_property(button, "toolButtonStyle", "ToolButtonTextOnly")
    qt_values.set_enum_property(label, "alignment", "AlignCenter")
    assert sidebar.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    with pytest.raises(ValueError, match="focusPolicy=NoFocusPlease"):
        qt_values.set_enum_property(sidebar, "focusPolicy", "NoFocusPlease")
    assert sidebar.focusPolicy() == Qt.FocusPolicy.NoFocus  # a wrong key changes nothing


def test_a_shortcut_set_through_the_list_is_the_one_shortcut(qtbot: QtBot) -> None:
    holder = QListWidget()
    qtbot.addWidget(holder)
    action = QAction("Find", holder)
    qt_values.set_shortcut(action, QKeySequence(QKeySequence.StandardKey.Find))
    assert action.shortcuts() == [QKeySequence(QKeySequence.StandardKey.Find)]
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    qt_values.set_shortcut(action, QKeySequence())  # a platform without the key: none at all
    assert action.shortcuts() == []


@pytest.mark.parametrize("model_class", [ProgressModel, ReminderModel])
def test_titles_held_by_qt_are_what_the_header_shows(qtbot: QtBot, model_class: type) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    model = model_class(view)
    view.setModel(model)
    qt_values.show_column_titles(view, model.column_titles())
    header = view.horizontalHeader()
    assert header.count() == model.columnCount()
    shown = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    assert shown == model.column_titles()
    assert shown[0] in ("Thôn/bản", "Hạn")  # the translated titles, not numbers


def test_the_cam_ket_pages_model_gives_the_same_titles_itself() -> None:
    model = TitledProgressModel()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == model.column_titles()
    assert model.headerData(0, Qt.Orientation.Vertical) is None
