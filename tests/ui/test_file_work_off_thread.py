"""Opening another register, unlocking an encrypted one, checking and restoring a backup run
off the window's thread: the window keeps painting (its timers run) and says what it does in
a busy note; a failure is said in Vietnamese and the window stays."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop import app
from desktop.cli import main
from desktop.services import register as register_service
from desktop.services.demo import create_demo_register
from desktop.services.register import open_existing, open_for_window
from desktop.store import backups, encryption, restore
from desktop.store.backups import take_backup
from desktop.store.damage import mark_damaged
from desktop.ui import file_menu, passphrase_dialog
from desktop.ui.main_window import MainWindow
from desktop.ui.passphrase_dialog import PassphraseDialog
from desktop.ui.unlocking import ask_passphrase
from tests.ui.conftest import SmallRegister, drive_windows
from tests.ui.test_backup_actions import pick_in_restore_dialog
from tests.ui.test_encrypted_window import PASSPHRASE, when_shown

OpenWindow = Callable[..., MainWindow]
T = TypeVar("T")


class Window:
    """A timer of the window's event loop that notes the busy note it sees, and file work
    made slow: it goes on only once the loop has shown the note while it ran (on the
    window's own thread, it never could: the work would give up after a few seconds)."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self.seen_while_working: list[bool] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                self.notes.append(widget.labelText())

    def slow(self, work: Callable[..., T]) -> Callable[..., T]:
        def slowly(*args: Any, **kwargs: Any) -> T:
            seen = len(self.notes)
            deadline = time.monotonic() + 5
            while len(self.notes) == seen and time.monotonic() < deadline:
                time.sleep(0.01)
            self.seen_while_working.append(len(self.notes) > seen)
            return work(*args, **kwargs)

        return slowly


@pytest.fixture
def window_loop() -> Iterator[Window]:
    watched = Window()
    yield watched
    watched.timer.stop()


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """Another register, to open in place of the window's."""
    path = tmp_path / "khac.sqlite3"
    create_demo_register(path, households=5, seed=2)
    return path


def test_opening_another_register_is_checked_off_the_window_thread(
    main_window: OpenWindow,
    small_register: SmallRegister,
    other: Path,
    monkeypatch: pytest.MonkeyPatch,
    window_loop: Window,
) -> None:
    window = main_window(small_register.path)
    monkeypatch.setattr(file_menu, "open_for_window", window_loop.slow(open_for_window))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(other), ""))
    window.file_menu.open_action.trigger()
    assert window_loop.seen_while_working == [True]
    assert window_loop.notes[-1] == "Đang mở khac.sqlite3: kiểm tra và cập nhật sổ…"
    assert window.next_register == other and not window.isVisible()


def test_a_register_named_to_the_application_is_opened_off_the_thread_between_the_windows(
    qapp: QApplication,
    small_register: SmallRegister,
    other: Path,
    monkeypatch: pytest.MonkeyPatch,
    window_loop: Window,
) -> None:
    # A register the set-up wizard made (File ▸ New) is named, not opened, by the window.
    monkeypatch.setattr(app, "open_for_window", window_loop.slow(open_for_window))
    shown: list[Path] = []

    def drive(window: MainWindow) -> bool:
        if window.register.path == other:
            shown.append(other)
            window.close()
            return False
        window.open_register(other)  # again if a count held it
        return True

    register = open_existing(small_register.path)
    drive_windows(qapp, drive)
    assert app._show(qapp, register) == 0
    assert shown == [other]  # the application opened it once the first window closed
    assert window_loop.seen_while_working == [True]
    assert "Đang mở khac.sqlite3: kiểm tra và cập nhật sổ…" in window_loop.notes


def _opened_for_windows(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The register files opened for a window from now on (checked, brought up to date),
    not the write lane's own connection nor the readers of counts, exports and backups
    beside it."""
    opened: list[Path] = []
    real = register_service.open_register

    def counted(path: Path | str, **options: Any) -> Any:
        frame, files = sys._getframe(1), set()
        while frame is not None:
            files.add(Path(frame.f_code.co_filename).name)
            frame = frame.f_back
        if "tasks.py" not in files:
            opened.append(Path(path))
        return real(path, **options)

    monkeypatch.setattr(register_service, "open_register", counted)
    return opened


def test_the_register_chosen_in_the_file_menu_is_opened_once(
    qapp: QApplication,
    small_register: SmallRegister,
    other: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Checked by File ▸ Open, then opened again for the new window: a big or encrypted
    # register took twice as long.
    shown: list[Path] = []

    def drive(window: MainWindow) -> bool:
        if window.register.path == other:
            shown.append(other)
            window.close()
            return False
        window.file_menu.open_path(other)  # File ▸ recent registers (again if a count held it)
        return True

    register = open_existing(small_register.path)
    opened = _opened_for_windows(monkeypatch)
    drive_windows(qapp, drive)
    assert app._show(qapp, register) == 0
    assert shown == [other]
    assert opened == [other]


def test_a_damaged_register_chosen_in_the_file_menu_opens_read_only_as_at_the_start(
    main_window: OpenWindow, small_register: SmallRegister, other: Path
) -> None:
    # File ▸ Open refused it ("bị hỏng") while `camket --db` opened it under its banner.
    mark_damaged(other, "row 854 missing from index person_household")
    window = main_window(small_register.path)
    assert window.file_menu.open_path(other)
    assert window.next_register == other and window.next_opened is not None
    assert window.next_opened.read_only and window.next_opened.path == other


def test_a_register_that_will_not_open_is_said_and_the_window_stays(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    window_loop: Window,
) -> None:
    newer = tmp_path / "moi-hon.sqlite3"
    create_demo_register(newer, households=2, seed=2)
    register = open_existing(newer)
    try:
        register.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "SELECT migration_set, 'm9999_future', applied_at FROM _sqlite_migrations LIMIT 1"
        )
    finally:
        register.close()
    window = main_window(small_register.path)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, body: said.append(body))
    monkeypatch.setattr(file_menu, "open_for_window", window_loop.slow(open_for_window))
    assert not window.file_menu.open_path(newer)
    assert window_loop.seen_while_working == [True]
    assert said and "mới hơn" in said[0]
    assert window.isVisible() and window.next_register is None


def test_a_backup_is_checked_and_restored_off_the_window_thread(
    main_window: OpenWindow,
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
    window_loop: Window,
) -> None:
    path = small_register.path
    register = open_existing(path)
    try:
        take_backup(register.db, path, "manual")
    finally:
        register.close()
    window = main_window(path)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, body: told.append(body))
    # Where Restore… finds them when it runs (it imports them then, not at the window's start).
    for module, name in ((backups, "check_backup"), (restore, "restore_backup")):
        monkeypatch.setattr(module, name, window_loop.slow(getattr(module, name)))
    pick_in_restore_dialog(0)
    assert window.backup_actions.restore()
    assert window_loop.seen_while_working == [True, True]
    assert any(n.startswith("Đang kiểm tra bản sao lưu") for n in window_loop.notes)
    assert window_loop.notes[-1].startswith("Đang khôi phục sổ đăng ký từ")
    assert told and "Đã khôi phục" in told[0]
    assert window.next_register == path


def test_an_encrypted_register_is_unlocked_off_the_dialog_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window_loop: Window, qtbot: QtBot
) -> None:
    monkeypatch.setattr(encryption, "KDF_ITERATIONS", 1000)
    path = tmp_path / "sin-ho.sqlite3"
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    assert main(["init", "--db", str(path), "--commune", "03478", "--encrypt"]) == 0
    monkeypatch.delenv(encryption.PASSPHRASE_ENV)
    encryption.forget_keys()
    monkeypatch.setattr(passphrase_dialog, "unlock", window_loop.slow(encryption.unlock))

    def type_it(dialog: PassphraseDialog) -> None:
        dialog.passphrase.setText(PASSPHRASE)
        dialog.accept_button.click()

    when_shown(PassphraseDialog, type_it)
    try:
        assert ask_passphrase(path)
    finally:
        encryption.forget_keys()
    assert window_loop.seen_while_working == [True]
    assert window_loop.notes[-1] == "Đang mở khóa sin-ho.sqlite3…"
