"""The small form dialog the ledger's dialogs share: rows of fields, a refusal in Vietnamese
under them, Save (or OK) and Cancel; a look-only mode for an upper-level register; and the
question before Esc (or the window's ×) drops what was typed in a form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.domain.pledges import parse_sheet_date
from desktop.messages import describe
from desktop.services.register import OpenRegister
from desktop.ui.edits import Saving, save_on_lane
from desktop.ui.tasks import TaskRunner

ERROR_STYLE = "color: #b00020;"
Button = QDialogButtonBox.StandardButton
T = TypeVar("T")


def day_or_none(text: str) -> dt.date | None:
    """A typed day (dd/mm/yyyy), or None when the field is empty (KnownError if unreadable)."""
    return parse_sheet_date(text) if text.strip() else None


def label_of(form: QFormLayout, field: QWidget) -> str:
    """The name ``form`` gives ``field`` (its label, without the shortcut's &)."""
    label = form.labelForField(field)
    return label.text().replace("&", "") if isinstance(label, QLabel) else ""


def read_named(form: QFormLayout, field: QLineEdit, read: Callable[[str], T]) -> T:
    """``read`` of what is typed in ``field`` (a day, a moment); its refusal (KnownError)
    names the field by its label in ``form``: "“Thời điểm nhận tin”: Năm của ngày …"."""
    try:
        return read(field.text())
    except KnownError as err:
        raise KnownError(
            "form.bad_day", field=label_of(form, field), reason=describe(err)
        ) from None


def form_state(form: QWidget) -> tuple[object, ...]:
    """What was typed, chosen or ticked in ``form``'s fields, to tell whether it changed."""
    state: list[object] = []
    for line in form.findChildren(QLineEdit):
        state.append(line.text())
    for plain in form.findChildren(QPlainTextEdit):
        state.append(plain.toPlainText())
    for rich in form.findChildren(QTextEdit):
        state.append(rich.toPlainText())
    for combo in form.findChildren(QComboBox):
        state.append((combo.currentIndex(), combo.currentText()))
    for spin in form.findChildren(QAbstractSpinBox):
        state.append(spin.text())
    for button in form.findChildren(QAbstractButton):
        state.append(button.isChecked())
    for listed in form.findChildren(QListWidget):
        state.append(tuple(listed.item(row).text() for row in range(listed.count())))
    return tuple(state)


def confirm_discard(parent: QWidget) -> bool:
    """Asked before a form with unsaved input closes by Esc or its window's ×: True to
    close it and drop what was typed; the safe answer (Esc, Enter) goes back to it."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("FormDialog", "Unsaved input"),
        QCoreApplication.translate(
            "FormDialog", "What was typed here is not saved. Close and drop it?"
        ),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    box.deleteLater()
    return answer == QMessageBox.StandardButton.Discard


class KeepsTypedWork:
    """Esc and the window's × ask before what was typed is dropped: put before the Qt class
    (``class X(KeepsTypedWork, QDialog)``), whose ``may_leave`` says whether to go. Closes
    the program makes (a test's teardown, the application quitting) never ask."""

    def may_leave(self) -> bool:
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.may_leave():
            event.accept()
            return
        super().keyPressEvent(event)  # type: ignore[misc]

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self.may_leave():  # the window's ×
            event.ignore()
            return
        super().closeEvent(event)  # type: ignore[misc]


class FormDialog(KeepsTypedWork, QDialog):
    """``form`` takes the rows; ``save`` runs on Save (and Ctrl+S) and usually calls
    ``write_on_lane(read, done)`` (a dialog that writes) or ``attempt(work)`` (one that only
    checks), which close the dialog, or show why it was refused and keep it open (nothing
    was written then)."""

    def __init__(
        self,
        title: str,
        save: Callable[[], object],
        parent: QWidget | None = None,
        ok: QDialogButtonBox.StandardButton = Button.Save,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.ok = tasks, ok
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(ok | Button.Cancel)
        self.buttons.accepted.connect(save)
        self.buttons.rejected.connect(self.reject)  # Cancel: dropped as asked, no question
        self._as_shown: tuple[object, ...] | None = None  # the fields when first shown
        self.save_shortcut: QShortcut | None = None
        if ok == Button.Save:
            self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, save)
        self.view_only = False
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._as_shown is None:  # after the saved values were filled in
            self._as_shown = form_state(self)
            self._focus_first_field()

    def _focus_first_field(self) -> None:
        """Unless the dialog chose where to start, the keyboard in the first field: the
        buttons, made before the fields, came first in Qt's chain, so Kết thúc… (Ctrl+E)
        opened on Lưu and a day typed over the one shown went nowhere."""
        focused = self.focusWidget()
        if focused is not None and not self.buttons.isAncestorOf(focused):
            return
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (
                not self.buttons.isAncestorOf(widget)
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def may_leave(self) -> bool:
        """Esc or the window's ×: True when nothing was typed, or the clerk chose to drop
        it (a tip typed at length was lost to one key); Cancel drops without a question."""
        changed = self._as_shown is not None and form_state(self) != self._as_shown
        return not changed or self.view_only or confirm_discard(self)

    def day_in(self, field: QLineEdit, required: bool = True) -> dt.date | None:
        """The day typed in ``field`` (dd/mm/yyyy), None when it is empty and not
        ``required``; a refusal (KnownError) names the field by its label in the form."""
        day = read_named(self.form, field, day_or_none)
        if day is None and required:
            raise KnownError("form.day_missing", field=label_of(self.form, field))
        return day

    def attempt(self, work: Callable[[], object]) -> bool:
        if self.view_only:
            return False
        try:
            work()
        except KnownError as err:
            self.error.setText(describe(err))
            return False
        self.accept()
        return True

    def write_on_lane(
        self, read: Callable[[], Callable[[OpenRegister], T]], done: Callable[[T], object]
    ) -> Saving | None:
        """``read()`` takes the fields (KnownError when they do not hold together) and gives
        the write, which runs on the window's write lane while the dialog waits (ui.edits);
        stored, ``done(result)`` and the dialog closes."""
        if self.view_only or self.tasks is None:
            return None
        try:
            write = read()
        except KnownError as err:
            self.error.setText(describe(err))
            return None

        def stored(result: T) -> None:
            done(result)
            self.accept()

        return save_on_lane(
            self.tasks,
            self,
            write,
            stored,
            lambda err: self.error.setText(describe(err)),
            button=self.buttons.button(self.ok),
        )

    def set_view_only(self) -> None:
        """Show, never write: every field read-only, no Save (Ctrl+S does nothing), one Close
        button (an upper-level register looks at the communes' rows, it does not edit them)."""
        self.view_only = True
        for line in self.findChildren(QLineEdit):
            line.setReadOnly(True)
        for spin in self.findChildren(QAbstractSpinBox):
            spin.setReadOnly(True)
        for widget in (
            *self.findChildren(QComboBox),
            *self.findChildren(QAbstractButton),
            *self.findChildren(QListWidget),
        ):
            if widget.parent() is not self.buttons:
                widget.setEnabled(False)
        self.buttons.setStandardButtons(Button.Close)
        if self.save_shortcut is not None:
            self.save_shortcut.setEnabled(False)
