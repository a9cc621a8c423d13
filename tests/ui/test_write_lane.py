"""Edits go through the one write lane: while another program holds the register's write
lock the window goes on (the form says it is saving), the edit lands when the lock is let
go, and past the busy wait the clerk reads why and keeps what they typed. What an edit
changed reaches the other pages through one notice."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.domain.pledges import PledgeStatus
from desktop.services import pledges as pledge_service
from desktop.services.register import open_existing
from desktop.store import households as repo
from desktop.store import register as register_store
from desktop.ui.household_editor import HouseholdEditor
from desktop.ui.main_window import MainWindow
from desktop.ui.overview_page import OverviewPage
from tests.ui.conftest import SmallRegister, settled
from tests.ui.ink import draw_signature
from tests.ui.test_household_editor import open_editor_on

SAVING = "Đang lưu…"


@pytest.fixture
def ticks(qtbot: QtBot) -> Iterator[list[int]]:
    """A timer of the window's event loop: it only counts while the loop runs."""
    counted: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: counted.append(1))
    timer.start()
    yield counted
    timer.stop()


def stored_phone(small_register: SmallRegister, code: str) -> str:
    register = open_existing(small_register.path)
    try:
        return repo.get_household(register.db, small_register.ids[code]).phone
    finally:
        register.close()


def pledge_status(small_register: SmallRegister, code: str) -> PledgeStatus:
    register = open_existing(small_register.path)
    try:
        return pledge_service.pledge_for(register, small_register.ids[code]).status
    finally:
        register.close()


def type_phone(qtbot: QtBot, editor: HouseholdEditor, phone: str) -> None:
    editor.phone.setFocus()
    editor.phone.selectAll()
    qtbot.keyClicks(editor.phone, phone)


def test_a_household_saved_while_another_program_writes_waits_without_freezing(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    other_writer: sqlite3.Connection,
    ticks: list[int],
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    editor = open_editor_on(window, qtbot, "PK-001")
    type_phone(qtbot, editor, "0912000555")
    saving = editor.save()
    assert saving is not None
    # The lock is held: the save waits on the lane, and the window's loop goes on meanwhile.
    qtbot.waitUntil(lambda: len(ticks) >= 20)
    assert saving.pending
    assert editor.save_button.text() == SAVING and not editor.save_button.isEnabled()
    assert page.editing
    assert stored_phone(small_register, "PK-001") == ""

    other_writer.rollback()  # the other program is done
    qtbot.waitUntil(lambda: not page.editing)
    assert saving.stored
    assert stored_phone(small_register, "PK-001") == "0912000555"
    assert editor.save_button.text() == "Lưu" and editor.save_button.isEnabled()
    assert "PK-001" in window.statusBar().currentMessage()


def test_a_pledge_recorded_while_another_program_writes_waits_without_freezing(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    other_writer: sqlite3.Connection,
    ticks: list[int],
) -> None:
    window = main_window(small_register.path)
    dialog = window.pledge_page.open_pledge(small_register.ids["HT-001"])
    qtbot.waitExposed(dialog)
    draw_signature(qtbot, dialog.evidence.pad)
    saving = dialog.save()
    assert saving is not None
    qtbot.waitUntil(lambda: len(ticks) >= 20)
    assert saving.pending and dialog.isVisible()
    save_button = dialog.buttons.buttons()[0]
    assert SAVING in [b.text() for b in dialog.buttons.buttons()]
    assert pledge_status(small_register, "HT-001") is PledgeStatus.NOT_PRINTED

    with qtbot.waitSignal(dialog.recorded):
        other_writer.rollback()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert pledge_status(small_register, "HT-001") is PledgeStatus.SIGNED
    assert save_button.text() != SAVING


def test_past_the_busy_wait_the_clerk_is_told_and_keeps_what_was_typed(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    other_writer: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    # The lane's own connection waits this long for the lock (the clerk's is 10 s).
    monkeypatch.setattr(register_store, "BUSY_TIMEOUT_MS", 200)
    window = main_window(small_register.path)
    page = window.household_page
    editor = open_editor_on(window, qtbot, "PK-002")
    type_phone(qtbot, editor, "0912000666")
    assert not editor.save_and_wait()
    assert "Sổ đăng ký đang bận" in window.statusBar().currentMessage()
    assert page.editing and editor.dirty
    assert editor.phone.text() == "0912000666"  # still there to save again
    assert editor.save_button.text() == "Lưu" and editor.save_button.isEnabled()

    dialog = window.pledge_page.open_pledge(small_register.ids["HT-002"])
    qtbot.waitExposed(dialog)
    draw_signature(qtbot, dialog.evidence.pad)
    dialog.witnesses_edit.setText("Trưởng bản Lò Văn Panh")
    with qtbot.assertNotEmitted(dialog.recorded):
        saving = dialog.save()
        assert saving is not None and not saving.wait()
    assert dialog.isVisible() and "đang bận" in dialog.error_label.text()
    assert not dialog.evidence.pad.is_empty()
    assert dialog.witnesses_edit.text() == "Trưởng bản Lò Văn Panh"
    assert "not recorded: db.busy" in caplog.text  # and the log says why

    other_writer.rollback()
    with qtbot.waitSignal(dialog.recorded):
        dialog.save()
    assert editor.save_and_wait()
    assert stored_phone(small_register, "PK-002") == "0912000666"
    assert pledge_status(small_register, "HT-002") is PledgeStatus.SIGNED


def test_a_pledge_recorded_over_the_overview_is_counted_there_and_on_the_pledge_page(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path, place=None)
    overview = window.pages.currentWidget()
    assert isinstance(overview, OverviewPage)
    pledges = window.pledge_page  # built, not shown: the window stays on Tổng quan
    assert window.places.current_key() == "overview"
    qtbot.waitUntil(lambda: "0/6 hộ đã ký" in overview.campaign.text())  # counted
    dialog = pledges.open_pledge(small_register.ids["NT-002"])
    qtbot.waitExposed(dialog)
    dialog.save()
    settled(qtbot, window)
    # No page asked another to count again: the lane's notice reached the one in view.
    assert "1/6 hộ đã ký" in overview.campaign.text()
    window.show_place("pledges")
    total = pledges.progress_model.total
    assert total is not None and total.signed == 1
