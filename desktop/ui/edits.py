"""Short edits on the write lane: the form waits without freezing the window, says it is
saving, and keeps what the clerk typed when the save is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QWidget

from desktop.domain.errors import KnownError
from desktop.services.register import OpenRegister
from desktop.ui.tasks import Task, TaskRunner

T = TypeVar("T")
SAVING = "camketSaving"  # a form's property while its save is on the lane


def saving_text() -> str:
    return QCoreApplication.translate("Edits", "Saving…")


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

    def hold(self) -> None:
        """The form waits under a busy cursor, its Save button off and saying "Saving…"
        (pressed again, or Ctrl+S, it sends nothing twice); the rest of the window goes
        on. The form is not greyed: greying the focused widget would take the keyboard
        away from the window."""
        self.form.setProperty(SAVING, True)
        self.form.setCursor(Qt.CursorShape.BusyCursor)
        if self.button is not None:
            self.button.setText(saving_text())
            self.button.setEnabled(False)

    def release(self, stored: bool) -> bool:
        """False when the form is gone (its window closed meanwhile): nothing to tell it."""
        self.pending, self.stored = False, stored
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
    job (an import) holds the lane, the edit is refused at once: it would wait for all of it."""
    saving = Saving(form, button)
    if form.property(SAVING):  # pressed again while its save is on the way: one write
        saving.pending = False
        return saving
    if tasks.long_job:
        saving.pending = False
        refused(KnownError("db.busy"))
        return saving

    def stored(result: Any) -> None:
        if saving.release(True):
            done(result)

    def failed(error: KnownError) -> None:
        if saving.release(False):
            refused(error)

    title = QCoreApplication.translate("Edits", "saving")
    saving.hold()
    tasks.submit(Task(title, lambda reg, _p, _c: work(reg), stored, failed, edit=True))
    return saving
