"""The bounds of free text (domain.text_bounds) on the window's fields: a line or a text
field takes no more than the register keeps (what the save would refuse), and a paste cut to
fit says so beside the field."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QToolTip, QWidget

from desktop.domain.text_bounds import TextField

_BOUND = "camket_bound"  # the property a bounded line keeps its bound in


def cut_notice(maximum: int) -> str:
    """What the clerk is told when typing or a paste went past a field's bound."""
    return QCoreApplication.translate(
        "TextLimits", "This field keeps at most {maximum} characters: what went past them was cut."
    ).format(maximum=maximum)


def say_cut(field: QWidget, maximum: int) -> None:
    """Show cut_notice under ``field`` (a tooltip: it goes when the clerk moves on)."""
    QToolTip.showText(field.mapToGlobal(QPoint(0, field.height())), cut_notice(maximum), field)


def limit_line(line: QLineEdit, bound: TextField | int) -> QLineEdit:
    """``line`` takes at most the bound's characters; a paste or a key past it says so. A
    text it already holds that is longer (stored before the bounds) stays whole."""
    maximum = bound if isinstance(bound, int) else bound.maximum
    line.setProperty(_BOUND, maximum)
    line.setMaxLength(max(maximum, len(line.text())))
    line.inputRejected.connect(lambda: say_cut(line, line.maxLength()))
    return line


def show_text(line: QLineEdit, text: str) -> None:
    """Show ``text`` in a line limit_line bounds, whole even when it is longer than the bound
    (stored before the bounds existed: the checks name it, and the clerk shortens it rather
    than losing its end unseen); the line then takes no more than that. It shows from its
    start (setText leaves the cursor at the end: a long address showed only its tail)."""
    bound = line.property(_BOUND)
    if isinstance(bound, int):
        line.setMaxLength(max(bound, len(text)))
    line.setText(text)
    line.setCursorPosition(0)


class LimitedPlainTextEdit(QPlainTextEdit):
    """A text field of several lines that takes at most ``maximum`` characters: a paste is
    cut to what fits (and says so), a key past the bound is not taken. Tab goes on to the
    next field, as in every other field of a form (a tab typed there was kept in the text,
    and the keyboard never left the field)."""

    def __init__(self, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maximum = maximum
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._hold)

    def insertFromMimeData(self, source: QMimeData) -> None:
        room = self.maximum - len(self.toPlainText()) + len(self.textCursor().selectedText())
        text = source.text()
        if len(text) <= room:
            super().insertFromMimeData(source)
            return
        self.textCursor().insertText(text[: max(room, 0)])
        say_cut(self, self.maximum)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        full = len(self.toPlainText()) >= self.maximum and not self.textCursor().hasSelection()
        if full and event.text() and event.text().isprintable():
            say_cut(self, self.maximum)
            event.accept()
            return
        super().keyPressEvent(event)

    def _hold(self) -> None:
        """Whatever else put text past the bound (typing, a drop, setPlainText): the end
        past it goes, and the clerk is told."""
        excess = len(self.toPlainText()) - self.maximum
        if excess <= 0:
            return
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, excess)
        cursor.removeSelectedText()
        say_cut(self, self.maximum)
