"""The window's search boxes (households, Biến động, an upper register's communes): bounded
as a search, not a document, with a clear button, and Esc empties the box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from desktop.domain.text_bounds import LINE_MAX
from desktop.ui.text_limits import limit_line


class _EscEmpties(QObject):
    """Esc typed in the box (not a shortcut: a dialog over the page keeps its own Esc)
    empties it when it holds something; an empty box lets Esc go on to its page."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and isinstance(watched, QLineEdit)
            and watched.text()
        ):
            watched.clear()
            return True
        return False


def search_box(placeholder: str) -> QLineEdit:
    """A search box showing ``placeholder``; Esc in it empties it (before, Esc did nothing
    and the way back to the whole list was the small clear button, for the mouse)."""
    box = limit_line(QLineEdit(), LINE_MAX)
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setToolTip(QCoreApplication.translate("SearchBox", "Esc empties the box"))
    box.installEventFilter(_EscEmpties(box))
    return box
