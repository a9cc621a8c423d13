"""The window beside other writers (a busy register: test_write_lane): a result and its drawn
signature are stored together or not at all; one window per register; an error nobody
expected is logged and shown; a file still to be set up gets the set-up wizard."""

from __future__ import annotations

import datetime as dt
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop import app
from desktop.domain.errors import KnownError
from desktop.domain.pledges import PledgeStatus
from desktop.services import checkin
from desktop.services import pledges as service
from desktop.services import register as register_service
from desktop.services.register import open_existing, open_for_window
from desktop.store import attachments
from desktop.store.damage import mark_damaged
from desktop.store.register import open_register
from desktop.store.window_lock import take_window_lock
from desktop.ui.main_window import MainWindow
from desktop.ui.unexpected import errors_reported
from tests.ui.conftest import SmallRegister, settled
from tests.ui.ink import draw_signature


def stored_pledge(small_register: SmallRegister, code: str) -> tuple[PledgeStatus, bytes | None]:
    register = open_existing(small_register.path)
    try:
        pledge = service.pledge_for(register, small_register.ids[code])
        return pledge.status, checkin.signature_png(register, pledge.id)
    finally:
        register.close()


def test_a_signature_that_cannot_be_stored_leaves_the_result_unrecorded(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = main_window(small_register.path)
    page = window.pledge_page
    window.show_page(window.pages.indexOf(page))
    dialog = page.open_pledge(small_register.ids["HT-001"])
    qtbot.waitExposed(dialog)
    draw_signature(qtbot, dialog.evidence.pad)

    def disk_full(*_args: object) -> None:
        raise KnownError("db.disk_full")

    monkeypatch.setattr(attachments, "add_attachment", disk_full)
    with qtbot.assertNotEmitted(dialog.recorded):
        dialog.save()
        settled(qtbot, window)
    assert "đầy" in dialog.error_label.text()
    assert stored_pledge(small_register, "HT-001") == (PledgeStatus.NOT_PRINTED, None)


def test_a_second_window_on_the_register_is_told_who_holds_it(
    small_register: SmallRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(app, "_critical", shown.append)
    first = take_window_lock(small_register.path)
    try:
        assert app.run_app(small_register.path) == 2
    finally:
        first.release()
    assert len(shown) == 1
    assert "đang mở trong một cửa sổ CamKet khác" in shown[0]
    assert socket.gethostname() in shown[0]


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_in_the_window_is_logged_and_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text, *rest: shown.append(text)
    )
    button = QPushButton()

    def broken() -> None:
        raise ZeroDivisionError("chia cho 0")

    button.clicked.connect(broken)
    with errors_reported():
        button.click()
    qtbot.waitUntil(lambda: bool(shown))
    assert "ZeroDivisionError: chia cho 0" in shown[0]
    assert "logs" in shown[0]
    logged = [r for r in caplog.records if r.levelname == "ERROR"]
    assert logged and logged[0].exc_info is not None

    def disk_full() -> None:
        raise sqlite3.OperationalError("database or disk is full")

    button.clicked.disconnect(broken)
    button.clicked.connect(disk_full)
    with errors_reported():
        button.click()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "Ổ đĩa đã đầy" in shown[1]


@pytest.mark.parametrize("size", [0, 1])
def test_an_empty_file_or_an_unfinished_set_up_opens_the_set_up_wizard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    path = tmp_path / "camket.sqlite3"
    if size:
        open_register(path, create=True).close()  # schema made, commune never written
    else:
        path.touch()
    asked: list[Path] = []

    def first_run(chosen: Path) -> None:
        asked.append(chosen)

    monkeypatch.setattr(app, "_first_run", first_run)
    assert app.run_app(path) == 0  # the clerk left the wizard
    assert asked == [path]


def test_a_register_on_a_read_only_medium_opens_read_only_with_a_banner(
    qtbot: QtBot, small_register: SmallRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(register_service, "writable", lambda _path: False)
    register = open_for_window(small_register.path)
    window = MainWindow(register)
    qtbot.addWidget(window)
    try:
        assert register.read_only
        assert window.read_only_banner is not None
        assert "chỉ đọc" in window.read_only_banner.text()
        with pytest.raises(KnownError) as caught:
            service.record_result(
                register, small_register.ids["HT-001"], PledgeStatus.ABSENT, dt.date.today(),
                reason="đi nương",
            )  # fmt: skip
        assert caught.value.code == "db.read_only"
    finally:
        window.shutdown()
        register.close()


def test_a_register_open_read_only_offers_no_edit_its_banner_says_it_cannot_save(
    qtbot: QtBot, small_register: SmallRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, under the banner "không sửa, không lưu được gì", Thêm hộ opened the household
    editor (a whole household typed for nothing), and Ghi kết quả…, In bản cam kết, Nhập
    danh sách, Biến động's new movement and the pledge page's check-in were all offered."""
    monkeypatch.setattr(register_service, "writable", lambda _path: False)
    register = open_for_window(small_register.path)
    window = MainWindow(register)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    try:
        window.show_place("households")
        page = window.household_page
        qtbot.waitUntil(lambda: page.results_loaded)
        page.select_row(0)
        for button in (page.new_button, page.edit_button, page.delete_button):
            assert button.isHidden()
        box = page.pledge_box
        assert box.print_button.isHidden() and box.record_button.isHidden()
        assert not window.new_household_action.isEnabled()
        window.new_household_action.trigger()
        assert not page.editing
        assert window.import_button.isHidden() and not window.import_action.isEnabled()
        window.show_place("movements")
        assert window.places.page("movements").new_button.isHidden()  # type: ignore[attr-defined]
        window.show_place("pledges")
        assert window.pledge_page.check_in_box.isHidden()
        assert window.pledge_page.print_button.isHidden()
    finally:
        window.shutdown()
        register.close()


def test_an_empty_register_open_read_only_offers_neither_adding_nor_merging(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty commune register on a CD: its household list says it has no household and
    offers no Thêm hộ or Nhập danh sách (which opened the import over it), nor the upper
    register's pointer to merging the communes' bundles."""
    from tests.ui.conftest import HAMLETS, SIN_HO

    path = tmp_path / "trong.sqlite3"
    register_service.create_register(path, SIN_HO, HAMLETS)
    monkeypatch.setattr(register_service, "writable", lambda _path: False)
    register = open_for_window(path)
    window = MainWindow(register)
    qtbot.addWidget(window)
    window.show()
    try:
        window.show_place("households")
        page = window.household_page
        qtbot.waitUntil(lambda: page.results_loaded)
        empty = page.empty
        assert page.list_stack.currentWidget() is empty
        assert empty.message.text() == "Sổ chưa có hộ nào."
        for button in (empty.add_button, empty.import_button, empty.exchange_button):
            assert button.isHidden()
    finally:
        window.shutdown()
        register.close()


def test_a_register_known_to_be_damaged_opens_read_only_and_says_so(
    qtbot: QtBot, small_register: SmallRegister
) -> None:
    mark_damaged(small_register.path, "row 854 missing from index person_household")
    register = open_for_window(small_register.path)
    window = MainWindow(register)
    qtbot.addWidget(window)
    try:
        assert window.read_only_banner is not None
        assert "bị hỏng" in window.read_only_banner.text()
        assert "row 854" in window.read_only_banner.text()
    finally:
        window.shutdown()
        register.close()


def test_a_sound_register_has_no_banner(
    main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    assert main_window(small_register.path).read_only_banner is None


def test_a_copy_in_the_backup_folder_opens_read_only_and_points_to_restoring_it(
    qtbot: QtBot, small_register: SmallRegister
) -> None:
    """File › Open starts beside the user's register, where the backup folder is: a copy
    opened from there is shown read-only under a banner that says to restore it."""
    from desktop.store.backups import list_backups, take_backup

    with open_register(small_register.path) as db:
        take_backup(db, small_register.path, "manual")
    (copy,) = list_backups(small_register.path)
    register = open_for_window(copy.path)
    window = MainWindow(register)
    qtbot.addWidget(window)
    try:
        assert register.read_only
        assert window.read_only_banner is not None
        said = window.read_only_banner.text()
        assert "bản sao lưu" in said and "Khôi phục từ bản sao lưu" in said
    finally:
        window.shutdown()
        register.close()
