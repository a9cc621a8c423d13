"""Sizes that fit the screen: a dialog asks for its size, the screen it opens on caps it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

# Room the window's frame takes around a dialog (title bar, borders) on common desktops.
FRAME_WIDTH, FRAME_HEIGHT = 16, 48
HAMLET_LETTERS = 14  # a list of hamlets shows this much of a name (most are shorter)


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen it opens on
    (its parent's) is smaller, frame included: on a 1024×768 laptop a large dialog keeps
    its buttons on the screen (its lists scroll instead)."""
    screen = (widget.parentWidget() or widget).screen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - FRAME_WIDTH)
        height = min(height, room.height() - FRAME_HEIGHT)
    widget.resize(width, height)


def elided_folder(widget: QWidget, folder: Path, width: int) -> str:
    """``folder`` as ``widget`` writes it within ``width`` pixels: shortened in the middle,
    keeping its start (the disk) and its end (the folder's own name). A button or a menu
    is as wide as its words: a folder deep in a USB stick's put them off the screen."""
    return widget.fontMetrics().elidedText(str(folder), Qt.TextElideMode.ElideMiddle, width)


def fit_wrapped_height(widget: QWidget) -> None:
    """Make ``widget`` (a dialog of wrapped words) at least as tall as its words need at its
    present width: a top-level widget sizes itself by the words' height at a width Qt
    guesses, cutting lines off (and drawing a message that appears later over the fields).
    Call it after a message shows or hides and when the width changes."""
    needed = widget.heightForWidth(widget.width())
    if needed <= 0:
        return
    if widget.minimumHeight() != needed:
        widget.setMinimumHeight(needed)
    if widget.height() < needed:
        widget.resize(widget.width(), needed)


def fit_combo(combo: QComboBox, letters: int) -> QComboBox:
    """``combo`` as wide as ``letters`` letters whatever its longest entry (a 50-letter
    hamlet, an 80-letter campaign), cut at the box's edge; the list that drops down is as
    wide as its longest entry, so each reads whole there (the styles of Windows drop it at
    the box's width). The closed box ends a text it cuts with "…" and shows it whole as its
    tooltip (Qt's styles cut it at the edge, mid-letter)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)

    def widen() -> None:
        # The view's own hint is ~nothing before it is first shown (a box filled in its
        # dialog's __init__): the entries' widths are measured as well.
        view = combo.view()
        metrics = view.fontMetrics()
        texts = (combo.itemText(row) for row in range(combo.count()))
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        items = max(view.sizeHintForColumn(0), widest + 2 * metrics.averageCharWidth())
        view.setMinimumWidth(items + 2 * view.frameWidth())

    model = combo.model()
    for changed in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
        changed.connect(widen)
    widen()
    combo.installEventFilter(_ElidedLabel(combo))
    return combo


def shown_text(combo: QComboBox) -> str:
    """The text a closed, not editable ``combo`` shows: its current text, ended with "…"
    where the box is narrower than it."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        combo,
    )
    if not option.currentIcon.isNull():
        field.setLeft(field.left() + option.iconSize.width() + 4)
    # The label is drawn 1 px in from each side of the field (QCommonStyle).
    return combo.fontMetrics().elidedText(
        option.currentText, Qt.TextElideMode.ElideRight, field.width() - 2
    )


class _ElidedLabel(QObject):
    """Paints its combo as QComboBox.paintEvent does, with shown_text for the label, and
    makes the whole text the box's tooltip while it is cut."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        combo = self.parent()
        if (
            watched is not combo
            or event.type() != QEvent.Type.Paint
            or not isinstance(combo, QComboBox)
            or combo.isEditable()
            or (combo.currentIndex() < 0 and combo.placeholderText())
        ):
            return False
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        whole = option.currentText
        painter = QStylePainter(combo)
        try:
            painter.setPen(combo.palette().color(QPalette.ColorRole.Text))
            painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
            option.currentText = shown_text(combo)
            painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        finally:
            painter.end()
        tip = whole if option.currentText != whole else ""
        if combo.toolTip() != tip:
            combo.setToolTip(tip)
        return True
