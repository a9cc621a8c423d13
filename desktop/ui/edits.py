"""Short edits on the write lane: the form waits without freezing the window, says it is
saving, takes no input meanwhile, and keeps what the clerk typed when the save is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QWidget

from desktop.domain.errors import KnownError
from desktop.services.register import OpenRegister
from desktop.ui.tasks import Task, TaskRunner

T = TypeVar("T")
SAVING = "camketSaving"  # a form's property while its save is on the lane


def saving_text() -> str:
    return QCoreApplication.translate("Edits", "Saving…")


def waiting_text() -> str:
    return QCoreApplication.translate("Edits", "Waiting to save…")


# What a clerk does to a form: keys and composed text (Vietnamese input methods), the mouse
# and the pen (a signature), a wheel (a combo or a date turns under it), a drop, a context
# menu (Paste), and the form's own shortcuts (add a member, Esc).
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.InputMethod,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.DragEnter,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
        QEvent.Type.ContextMenu,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.Shortcut,
    }
)


class InputGuard(QObject):
    """Refuses input to a form (and its popups: a combo's list, a date's calendar) while its
    save is on the lane: what is typed after Save would otherwise be lost when the save
    returns and the form closes or is cleared. The focus stays where it was."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self.form = form

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _INPUT:
            return False
        return self._inside(watched)

    def _inside(self, watched: QObject) -> bool:
        # A shortcut's event goes to the QShortcut (or QAction): the widget it belongs to.
        widget: QObject | None = watched
        while widget is not None and not isinstance(widget, QWidget):
            widget = widget.parent()
        while isinstance(widget, QWidget):
            if widget is self.form:
                return True
            if widget.isWindow() and widget.windowType() != Qt.WindowType.Popup:
                return False  # another window (a dialog of its own, the main window)
            widget = widget.parentWidget()
        return False


class Saving(QObject):
    """One edit on its way to the register. ``settled`` carries True when it was stored,
    False when it was refused (its ``refused`` callback has shown why)."""

    settled = Signal(bool)

    def __init__(self, form: QWidget, button: QAbstractButton | None) -> None:
        super().__init__()  # no parent: it may outlive a form closed meanwhile
        self.form, self.button = form, button
        self.pending = True
        self.stored = False
        self._text = button.text() if button is not None else ""
        self._guard = InputGuard(form)

    def hold(self, waiting: bool = False) -> None:
        """The form waits under a busy cursor, its Save button off and saying "Saving…"
        (or "Waiting to save…" while a long job holds the lane) (pressed again, or Ctrl+S,
        it sends nothing twice) and takes no input until the save returns; the rest of the
        window goes on. The form is not greyed: greying the focused widget would take the
        keyboard away from the window."""
        self._guard.install()
        self.form.setProperty(SAVING, True)
        self.form.setCursor(Qt.CursorShape.BusyCursor)
        if self.button is not None:
            self.button.setText(waiting_text() if waiting else saving_text())
            self.button.setEnabled(False)

    def begin(self) -> None:
        """The lane took the edit: it is being written now."""
        if self.button is not None and shiboken6.isValid(self.button):
            self.button.setText(saving_text())

    def release(self, stored: bool) -> bool:
        """False when the form is gone (its window closed meanwhile): nothing to tell it."""
        self.pending, self.stored = False, stored
        self._guard.remove()
        if not shiboken6.isValid(self.form):
            return False
        self.form.setProperty(SAVING, False)
        self.form.unsetCursor()
        if self.button is not None and shiboken6.isValid(self.button):
            self.button.setText(self._text)
            self.button.setEnabled(True)
        self.settled.emit(stored)
        return True

    def wait(self) -> bool:
        """Wait for the outcome, the window still painting and its timers running (a
        question's "Save" before leaving); True when stored."""
        if self.pending:
            loop = QEventLoop()
            self.settled.connect(loop.quit)
            loop.exec()
        return self.stored


def save_on_lane(
    tasks: TaskRunner,
    form: QWidget,
    work: Callable[[OpenRegister], T],
    done: Callable[[T], object],
    refused: Callable[[KnownError], object],
    *,
    button: QAbstractButton | None = None,
) -> Saving:
    """Run ``work`` on the write lane (ahead of queued long jobs) while ``form`` waits; then
    ``done(result)``, or ``refused(error)`` with the form as the clerk left it. While a long
    job (an import, a merge) holds the lane, the edit waits for it to let it in between two
    of its transactions; refused when that takes longer than a write waits for the lock."""
    saving = Saving(form, button)
    if form.property(SAVING):  # pressed again while its save is on the way: one write
        saving.pending = False
        return saving

    def stored(result: Any) -> None:
        if saving.release(True):
            done(result)

    def failed(error: KnownError) -> None:
        if saving.release(False):
            refused(error)

    title = QCoreApplication.translate("Edits", "saving")
    saving.hold(waiting=tasks.long_job)
    task = Task(title, lambda reg, _p, _c: work(reg), stored, failed, edit=True)
    task.on_start = saving.begin
    tasks.submit(task)
    return saving
