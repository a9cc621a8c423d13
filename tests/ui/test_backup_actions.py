"""The File menu's backup verbs, driven as a clerk would: back up to USB, restore a backup."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.entities import Hamlet, HamletKind
from desktop.services.register import open_existing
from desktop.store import households as repo
from desktop.store.backups import check_backup, list_backups, take_backup
from desktop.ui.main_window import MainWindow
from desktop.ui.restore_dialog import RestoreDialog
from tests.ui.conftest import SmallRegister

OpenWindow = Callable[..., MainWindow]


def menu_texts(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.file_menu.menu.actions() if a.text()]


def hamlet_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM hamlet")}
    finally:
        conn.close()


def test_the_file_menu_offers_backup_usb_and_restore(
    main_window: OpenWindow, small_register: SmallRegister
) -> None:
    texts = menu_texts(main_window(small_register.path))
    for verb in ("Sao lưu…", "Sao lưu ra USB…", "Khôi phục từ bản sao lưu…"):
        assert verb in texts
    assert texts.index("Khôi phục từ bản sao lưu…") < len(texts) - 1  # Quit stays last


def test_back_up_to_usb_writes_a_sound_copy_into_the_chosen_folder(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    window = main_window(small_register.path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb))
    window.backup_actions.usb_action.trigger()
    qtbot.waitUntil(lambda: "Đã sao lưu vào" in window.statusBar().currentMessage())
    (copy,) = usb.iterdir()
    assert copy.name.startswith("camket-") and copy.suffix == ".sqlite3"
    check_backup(copy)
    assert hamlet_names(copy) == hamlet_names(small_register.path)


def test_a_backup_never_replaces_the_chosen_file(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = main_window(small_register.path)
    existing = tmp_path / "bao-cao.sqlite3"
    existing.write_bytes(b"keep me")
    said: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(existing), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, body: said.append(body))
    window.backup_actions.backup_action.trigger()
    qtbot.waitUntil(lambda: bool(said))
    assert "không ghi đè" in said[0]
    assert existing.read_bytes() == b"keep me"


def test_the_daily_backup_begins_once_the_window_is_painted(
    small_register: SmallRegister, qtbot: QtBot
) -> None:
    register = open_existing(small_register.path)
    window = MainWindow(register)
    qtbot.addWidget(window)
    window.after_first_paint(window.backup_actions.backup_if_stale)  # as the application
    qtbot.wait(50)
    assert not window.tasks.busy and list_backups(small_register.path) == []  # not yet shown
    window.show()
    qtbot.waitUntil(lambda: [b.reason for b in list_backups(small_register.path)] == ["open"])
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.shutdown()
    register.close()


def test_opening_a_register_takes_its_daily_backup_on_the_task_lane(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    window.backup_actions.backup_if_stale()  # what the application does for a new window
    qtbot.waitUntil(lambda: not window.tasks.busy)
    (copy,) = list_backups(small_register.path)
    assert copy.reason == "open" and str(copy.path) in window.statusBar().currentMessage()
    window.statusBar().showMessage("Sổ đăng ký: camket.sqlite3")
    window.backup_actions.backup_if_stale()  # a second window the same day: none more
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert [b.reason for b in list_backups(small_register.path)] == ["open"]
    # Nothing taken, nothing said: the status bar keeps what it showed.
    assert window.statusBar().currentMessage() == "Sổ đăng ký: camket.sqlite3"


def pick_in_restore_dialog(row: int) -> None:
    """When the restore dialog shows, choose ``row`` and press Khôi phục…"""

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreDialog):
            QTimer.singleShot(10, pick)
            return
        dialog.list.setCurrentRow(row)
        dialog.ok_button.click()

    QTimer.singleShot(0, pick)


def test_restore_through_the_menu_puts_the_backup_back_and_reopens(
    main_window: OpenWindow,
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = small_register.path
    register = open_existing(path)
    try:
        take_backup(register.db, path, "manual")
        with register.db.atomic():
            repo.add_hamlet(register.writer, Hamlet(name="Thôn Mới Lập", kind=HamletKind.THON))
    finally:
        register.close()
    window = main_window(path)
    asked: list[str] = []
    told: list[str] = []

    def answer_yes(_parent: Any, _title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, body: told.append(body))
    pick_in_restore_dialog(0)
    window.backup_actions.restore_action.trigger()

    assert asked and "Thay sổ đăng ký bằng bản sao lưu" in asked[0]
    assert "Thôn Mới Lập" not in hamlet_names(path)  # the register is the backup again
    (aside,) = path.parent.glob("camket.replaced-*.sqlite3")
    assert "Thôn Mới Lập" in hamlet_names(aside)  # what it replaced is kept
    assert told and "Đã khôi phục" in told[0] and str(aside) in told[0]
    assert window.next_register == path and not window.isVisible()  # reopened by the app
    assert list_backups(path)[0].reason == "restore"


def test_a_damaged_backup_is_refused_and_the_window_stays(
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    damaged = tmp_path / "hong.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    before = small_register.path.read_bytes()
    window = main_window(small_register.path)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, body: said.append(body))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(damaged), ""))

    def other_file() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreDialog):
            QTimer.singleShot(10, other_file)
            return
        dialog.other_button.click()

    QTimer.singleShot(0, other_file)
    assert not window.backup_actions.restore()
    assert said and "hỏng" in said[0]
    assert window.isVisible() and window.next_register is None
    assert small_register.path.read_bytes() == before
