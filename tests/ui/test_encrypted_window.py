"""An encrypted register in the window: the passphrase asked before it opens, the set-up
wizard's choice to encrypt, and the recovery key shown once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.services.register import open_existing
from desktop.store import encryption
from desktop.store.backups import list_backups
from desktop.store.encryption import is_encrypted
from desktop.ui.encryption_setup import RecoveryKeyDialog
from desktop.ui.first_run import SUMMARY, SetupWizard
from desktop.ui.main_window import MainWindow
from desktop.ui.passphrase_dialog import PassphraseDialog
from desktop.ui.unlocking import ask_passphrase
from tests.ui.test_setup_wizard import choose_sop_cop

PASSPHRASE = "bien-gioi-2026"


pytestmark = pytest.mark.usefixtures("fast_kdf")


def when_shown(kind: type, action: object) -> None:
    def run() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            action(widget)  # type: ignore[operator]
        else:
            QTimer.singleShot(10, run)

    QTimer.singleShot(0, run)


def test_the_window_asks_for_the_passphrase_and_says_when_it_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 0
    monkeypatch.delenv(encryption.PASSPHRASE_ENV)
    encryption.forget_keys()
    said: list[str] = []

    def type_wrong_then_right(dialog: PassphraseDialog) -> None:
        dialog.passphrase.setText("khong-dung-roi")
        dialog.accept_button.click()
        said.append(dialog.error.text())
        assert dialog.isVisible()  # a wrong passphrase keeps the dialog open
        dialog.passphrase.setText(PASSPHRASE)
        dialog.accept_button.click()

    when_shown(PassphraseDialog, type_wrong_then_right)
    assert ask_passphrase(path)
    assert said and "không đúng" in said[0]
    open_existing(path).close()  # unlocked for the rest of the process


def test_cancelling_the_passphrase_opens_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 0
    monkeypatch.delenv(encryption.PASSPHRASE_ENV)
    encryption.forget_keys()
    when_shown(PassphraseDialog, lambda dialog: dialog.reject())
    assert not ask_passphrase(path)


def test_the_wizard_encrypts_the_register_and_shows_the_recovery_key_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "camket.sqlite3"
    wizard = SetupWizard(path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    choose_sop_cop(qtbot, wizard)
    wizard.next()
    wizard.hamlet_page.editor.name.insert("Bản Nà Hừ")
    while wizard.currentId() != SUMMARY:
        wizard.next()
    choice = wizard.summary_page.encryption
    choice.encrypt.setChecked(True)
    choice.passphrase.setText(PASSPHRASE)
    choice.repeated.setText(PASSPHRASE)
    shown: list[str] = []

    def keep_the_key(dialog: RecoveryKeyDialog) -> None:
        shown.append(dialog.key.text())
        assert not dialog.ok_button.isEnabled()  # not before the clerk says it is kept
        dialog.kept.setChecked(True)
        dialog.ok_button.click()

    when_shown(RecoveryKeyDialog, keep_the_key)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.created and shown
    assert not path.read_bytes().startswith(b"SQLite format 3\x00")
    encryption.forget_keys()
    with pytest.raises(KnownError) as refused:
        open_existing(path)
    assert refused.value.code == "db.needs_passphrase"
    encryption.unlock(path, shown[0])  # the recovery key opens it
    open_existing(path).close()


def test_the_recovery_page_prints(tmp_path: Path, qtbot: QtBot) -> None:
    from PySide6.QtPrintSupport import QPrinter

    dialog = RecoveryKeyDialog(tmp_path / "r.sqlite3", "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
    qtbot.addWidget(dialog)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "khoi-phuc.pdf"))
    dialog.print_page(printer)
    assert (tmp_path / "khoi-phuc.pdf").stat().st_size > 1000


def test_file_change_passphrase_says_a_wrong_one_and_then_changes_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 0
    monkeypatch.delenv(encryption.PASSPHRASE_ENV)  # the key stays in this process's memory
    window = main_window(path, place=None)
    action = window.encryption_actions.passphrase_action
    assert action.isVisible() and action in window.file_menu.menu.actions()

    action.trigger()
    dialog = window.encryption_actions.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.current.setText("khong-dung-roi")
    dialog.new.setText("đồn-biên-phòng-2027")
    dialog.repeated.setText("đồn-biên-phòng-2027")
    dialog.accept_button.click()
    assert dialog.isVisible() and "không đúng" in dialog.error.text()
    assert dialog.current.hasFocus()

    dialog.current.setText(PASSPHRASE)
    dialog.accept_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Đã đổi mật khẩu" in window.statusBar().currentMessage()

    encryption.forget_keys()  # as the next start would
    with pytest.raises(KnownError):
        encryption.unlock(path, PASSPHRASE)
    encryption.unlock(path, "đồn-biên-phòng-2027")


def test_file_encrypt_encrypts_the_open_register_shows_the_recovery_key_and_reopens_it(
    tmp_path: Path, qtbot: QtBot, main_window: Callable[..., MainWindow]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "6", "--seed", "2"]) == 0
    window = main_window(path, place=None)
    actions = window.encryption_actions
    assert actions.encrypt_action.isVisible() and actions.encrypt_action.isEnabled()
    assert not actions.passphrase_action.isVisible()  # nothing to change on a plain one
    qtbot.waitUntil(lambda: not window.tasks.busy)  # the first count and daily backup done

    dialog = actions.encrypt()
    assert dialog is not None and dialog.isVisible()
    dialog.new.setText(PASSPHRASE)
    dialog.repeated.setText(PASSPHRASE + "x")
    dialog.accept_button.click()
    assert dialog.isVisible() and "không giống nhau" in dialog.error.text()
    assert not is_encrypted(path)

    shown: list[str] = []

    def keep_the_key(recovery: RecoveryKeyDialog) -> None:
        shown.append(recovery.key.text())
        recovery.kept.setChecked(True)
        recovery.ok_button.click()

    when_shown(RecoveryKeyDialog, keep_the_key)
    dialog.repeated.setText(PASSPHRASE)
    dialog.accept_button.click()
    qtbot.waitUntil(lambda: window.next_register == path)  # opened again in a new window

    assert is_encrypted(path) and shown
    assert b"CREATE TABLE" not in path.read_bytes()
    backups = list_backups(path)
    assert backups and all(is_encrypted(b.path) for b in backups)
    for secret in (PASSPHRASE, shown[0]):
        encryption.forget_keys()  # as the next start would
        encryption.unlock(path, secret)
        reg = open_existing(path)
        try:
            assert reg.db.execute("SELECT count(*) FROM household").fetchone()[0] == 6
        finally:
            reg.close()


def test_an_encryption_refused_half_way_says_why_and_reopens_the_register_as_it_was(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    main_window: Callable[..., MainWindow],
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.services import encryption as services

    path = tmp_path / "sin-ho.sqlite3"
    assert main(["init", "--db", str(path), "--commune", "03478"]) == 0

    def disk_full(*_args: object, **_kw: object) -> None:
        raise KnownError("db.disk_full", path=str(path))

    monkeypatch.setattr(services, "encrypt_register", disk_full)
    window = main_window(path, place=None)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    said: list[str] = []
    when_shown(QMessageBox, lambda box: (said.append(box.text()), box.accept()))
    assert not window.encryption_actions.encrypt_now(PASSPHRASE)
    assert window.next_register == path  # opened again, plain
    assert said and "đầy" in said[0]
    assert not is_encrypted(path)


def test_an_encrypted_register_offers_its_passphrase_not_encryption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, main_window: Callable[..., MainWindow]
) -> None:
    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 0
    window = main_window(path, place=None)
    assert window.encryption_actions.passphrase_action.isVisible()
    assert not window.encryption_actions.encrypt_action.isVisible()


@pytest.mark.parametrize("kind", ["open", "change", "encrypt"])
def test_the_passphrase_dialogs_show_their_words_whole_before_and_after_a_refusal(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    """Before, each dialog took the height its words need at Qt's guessed width, not at its
    own: at 460–520 px the intro's last lines were cut, and a refusal (an empty Enter) was
    drawn over the fields, each line on top of the next."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from desktop.ui.passphrase_dialog import ChangePassphraseDialog, EncryptDialog

    path = tmp_path / "Sổ đăng ký xã Khuổi Luông Thượng Nậm Khòn - bản chính.sqlite3"
    assert main(["init", "--db", str(path), "--commune", "03478"]) == 0
    kinds = {"open": PassphraseDialog, "change": ChangePassphraseDialog, "encrypt": EncryptDialog}
    dialog = kinds[kind](path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    def cut() -> list[str]:
        QApplication.processEvents()
        labels = [w for w in dialog.findChildren(QLabel) if w.isVisible() and w.wordWrap()]
        return [w.text() for w in labels if w.heightForWidth(w.width()) > w.height()]

    assert cut() == []
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # nothing typed: refused, said in the dialog
    qtbot.waitUntil(dialog.error.isVisible)
    assert cut() == []
    assert dialog.height() >= dialog.heightForWidth(dialog.width())
