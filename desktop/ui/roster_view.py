"""The editable roster table: cells checked as they are typed, Enter walks down and on the
last row asks for the next member, choices (gender, residence, departure) in a combo box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.domain.text_bounds import LINE_MAX
from desktop.ui.roster_model import CHOICES, RosterModel, choice_label
from desktop.ui.text_limits import limit_line, show_text

AnyIndex = QModelIndex | QPersistentModelIndex


class RosterDelegate(QStyledItemDelegate):
    """Line edits that hand every keystroke to the model (so checks run as the clerk types),
    with a completer where a word list helps; combo boxes for coded columns."""

    def __init__(self, words: dict[str, Sequence[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = words
        self.enter_pressed = False  # the open editor is closing because of Enter

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.enter_pressed = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        return super().eventFilter(editor, event)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        model = index.model()
        assert isinstance(model, RosterModel)
        key = model.key_of(index.column())
        self.enter_pressed = False
        if key in CHOICES:
            combo = QComboBox(parent)
            combo.addItem("", "")
            for value in CHOICES[key]:
                combo.addItem(choice_label(key, value), str(value))
            combo.activated.connect(lambda _i: self.commitData.emit(combo))
            return combo
        editor = limit_line(QLineEdit(parent), model.BOUNDS.get(key, LINE_MAX))
        editor.setFrame(False)
        if key in self._words:
            completer = QCompleter(list(self._words[key]), editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        editor.textEdited.connect(lambda _t: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.property("original") is None:
            editor.setProperty("original", value)  # what Esc puts back
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            # The model echoes every keystroke back: setting the same text again would
            # throw the cursor to the end while the clerk types in the middle of a name.
            if editor.text() != value:
                show_text(editor, value)  # whole, even one stored past its bound
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class RosterView(QTableView):
    """A spreadsheet-like table: typing starts editing, Enter commits and goes down."""

    entered = Signal(int)  # Enter was pressed on (or committed in) this row

    def __init__(self, words: dict[str, Sequence[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(RosterDelegate(words, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setTabKeyNavigation(True)  # Tab walks the cells of a row; Ctrl+Tab leaves the table
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # The cell being edited, not the current one: clicking another row also closes it.
        index = self.indexAt(editor.geometry().center())
        original = editor.property("original")
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache and original is not None:
            # Keystrokes went to the model as they were typed: Esc puts the cell back.
            self.model().setData(index, original, Qt.ItemDataRole.EditRole)
        delegate = self.itemDelegate()
        entered = isinstance(delegate, RosterDelegate) and delegate.enter_pressed
        if isinstance(delegate, RosterDelegate):
            delegate.enter_pressed = False
        super().closeEditor(editor, hint)
        if entered and index.isValid():
            self.entered.emit(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # Tab walks the cells; Ctrl+Tab (Ctrl+Shift+Tab) steps out to the next widget.
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QAbstractScrollArea.focusNextPrevChild(self, forward)
            event.accept()
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.entered.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)

    def edit_cell(self, row: int, column: int) -> None:
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.edit(index)

    def fit_columns(self, samples: Sequence[str]) -> None:
        """Give each column the width of its typical content (``samples``, one a column:
        measuring real cells would cost a pass over every row), never less than its header,
        and the last column its messages' width."""
        header = self.horizontalHeader()
        for column, sample in enumerate(samples):
            title = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
            width = self.fontMetrics().horizontalAdvance(sample) + 24
            header.resizeSection(
                column, max(width, header.fontMetrics().horizontalAdvance(title) + 16)
            )
        self.fit_last_column()

    def fit_last_column(self) -> None:
        """The last column (the checks) as wide as its longest message: it stretches over
        the spare width, and when there is none the table scrolls sideways instead of
        cutting the message short (the tooltip has every message of the row)."""
        model = self.model()
        header = self.horizontalHeader()
        if model is None or header.count() == 0:
            return
        last = header.logicalIndex(header.count() - 1)
        metrics = self.fontMetrics()
        title = str(model.headerData(last, Qt.Orientation.Horizontal) or "")
        needed = max(
            (
                metrics.horizontalAdvance(str(model.index(row, last).data() or ""))
                for row in range(model.rowCount())
            ),
            default=0,
        )
        needed = max(needed, header.fontMetrics().horizontalAdvance(title)) + 16
        spare = self.viewport().width() - (header.length() - header.sectionSize(last))
        if needed <= spare:
            header.setStretchLastSection(True)
        else:
            header.setStretchLastSection(False)
            header.resizeSection(last, needed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_last_column()

    def current_row(self) -> int:
        return self.currentIndex().row()
