"""The dialogs of an encrypted register's passphrase: the one asking for it (or for the recovery
key) before the register opens, and the one changing it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.store.encryption import unlock
from desktop.ui.off_thread import wait_off_thread
from desktop.ui.screen_fit import fit_wrapped_height
from desktop.ui.unlocking import unlocking_text


class _SecretDialog(QDialog):
    """A dialog where a secret is typed: a refusal is said under the fields and the dialog
    stays open for another try."""

    def _error_and_buttons(self, accept_text: str, tried: Callable[[], None]) -> QDialogButtonBox:
        """The line a refusal is said on and the buttons; the accepting one runs ``tried``."""
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.accept_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.accept_button.setText(accept_text)
        buttons.accepted.connect(tried)
        buttons.rejected.connect(self.reject)
        return buttons

    def _lay_out_form(
        self,
        intro_text: str,
        rows: list[tuple[str, QLineEdit]],
        accept_text: str,
        tried: Callable[[], None],
    ) -> None:
        """The intro, one labelled row per secret field (typed unseen), the refusal line and
        the buttons."""
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        form = QFormLayout()
        for label, field in rows:
            field.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(label, field)
        buttons = self._error_and_buttons(accept_text, tried)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        fit_wrapped_height(self)

    def _refused(self, err: KnownError, field: QLineEdit) -> None:
        self.error.setText(describe(err))
        self.error.show()
        fit_wrapped_height(self)
        field.selectAll()
        field.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            fit_wrapped_height(self)  # narrower: the words take more lines


class PassphraseDialog(_SecretDialog):
    """The passphrase of one encrypted register; a wrong one is said in the dialog, which
    stays open for another try."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self.setWindowTitle(self.tr("Encrypted register"))
        intro = QLabel(
            self.tr(
                "The register {name} is encrypted. Type its passphrase, or the recovery key"
                " kept in the commune's safe."
            ).format(name=path.name)
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        buttons = self._error_and_buttons(self.tr("Open"), self._try)
        layout = QVBoxLayout(self)
        for widget in (intro, self.passphrase, self.error, buttons):
            layout.addWidget(widget)
        self.resize(460, self.sizeHint().height())
        fit_wrapped_height(self)

    def _try(self) -> None:
        # The key is stretched from the passphrase on purpose slowly: off the window's thread.
        secret = self.passphrase.text()
        try:
            wait_off_thread(self, unlocking_text(self._path), lambda: unlock(self._path, secret))
        except KnownError as err:
            self._refused(err, self.passphrase)
            return
        self.accept()


class ChangePassphraseDialog(_SecretDialog):
    """The passphrase now (or the recovery key, on a new computer) and the new one typed
    twice; a refusal is said in the dialog, which stays open for another try."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self.setWindowTitle(self.tr("Change the passphrase"))
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.repeated = QLineEdit()
        self.new.setPlaceholderText(self.tr("at least 8 characters"))
        self._lay_out_form(
            self.tr(
                "The new passphrase opens {name} on this computer instead of the old one."
                " The recovery key in the commune's safe still opens the register and its"
                " backups; nothing of them is rewritten."
            ).format(name=path.name),
            [
                (self.tr("&Passphrase now, or the recovery key:"), self.current),
                (self.tr("&New passphrase:"), self.new),
                (self.tr("&Repeat it:"), self.repeated),
            ],
            self.tr("Change"),
            self._try,
        )

    def _try(self) -> None:
        from desktop.services.encryption import change_passphrase

        current, new, repeated = self.current.text(), self.new.text(), self.repeated.text()
        try:  # two passphrase stretches: off the window's thread
            wait_off_thread(
                self,
                self.tr("Changing the passphrase of {name}…").format(name=self._path.name),
                lambda: change_passphrase(self._path, current, new, repeated),
            )
        except KnownError as err:
            wrong = err.code in ("db.wrong_passphrase", "db.passphrase_not_here")
            self._refused(err, self.current if wrong else self.new)
            return
        self.accept()


class EncryptDialog(_SecretDialog):
    """The passphrase of a plain register about to be encrypted, typed twice; ``chosen``
    once accepted."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen = ""
        self.setWindowTitle(self.tr("Encrypt the register"))
        self.new = QLineEdit()
        self.repeated = QLineEdit()
        self.new.setPlaceholderText(self.tr("at least 8 characters"))
        self._lay_out_form(
            self.tr(
                "{name} will be encrypted: nothing of the file can be read without this"
                " passphrase or the recovery key shown next, once. A backup is taken first;"
                " its backups are encrypted alike. The window opens the register again"
                " when it is done."
            ).format(name=path.name),
            [(self.tr("&Passphrase:"), self.new), (self.tr("&Repeat it:"), self.repeated)],
            self.tr("Encrypt"),
            self._try,
        )

    def _try(self) -> None:
        from desktop.services.encryption import check_new_passphrase

        try:
            self.chosen = check_new_passphrase(self.new.text(), self.repeated.text())
        except KnownError as err:
            self._refused(err, self.new)
            return
        self.accept()
