"""An edit made while this window's long job writes (a merge, an import) waits for it to
let it in between two of its transactions, the form saying it waits and the window going
on; an edit that waits longer than a write waits for the lock is refused in Vietnamese, and
the clerk keeps everything typed. It is never written later behind the clerk's back."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.domain.pledges import PledgeStatus
from desktop.services import pledges as pledge_service
from desktop.services.register import OpenRegister, open_existing
from desktop.store import households as repo
from desktop.store import register as register_store
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import Task
from tests.ui.conftest import SmallRegister, settled
from tests.ui.ink import draw_signature
from tests.ui.test_household_editor import open_editor_on

OpenWindow = Callable[..., MainWindow]
TITLE = "Đang gộp 2 tệp"


@pytest.fixture
def ticks() -> Iterator[list[int]]:
    counted: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: counted.append(1))
    timer.start()
    yield counted
    timer.stop()


class Bundles:
    """A long job of two transactions, like a merge of two bundles: the first holds the
    write until the test lets it go; between them the job lets waiting edits in."""

    def __init__(self, small_register: SmallRegister) -> None:
        self.ids = small_register.ids
        self.release = threading.Event()
        self.in_first = threading.Event()
        self.seen_by_second: list[str] = []

    def work(self, register: OpenRegister, _progress: object, _cancelled: object) -> None:
        with register.db.atomic():
            register.writer.update("household", self.ids["HT-001"], {"address": "Gộp 1"})
            self.in_first.set()
            self.release.wait(20)
        register.between_transactions()
        with register.db.atomic():
            register.writer.update("household", self.ids["HT-002"], {"address": "Gộp 2"})
            stored = repo.get_household(register.db, self.ids["PK-001"])
            self.seen_by_second.append(stored.phone)


def stored_phone(small_register: SmallRegister, code: str) -> str:
    register = open_existing(small_register.path)
    try:
        return repo.get_household(register.db, small_register.ids[code]).phone
    finally:
        register.close()


def test_a_household_saved_during_a_merge_goes_in_between_its_bundles(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister, ticks: list[int]
) -> None:
    window = main_window(small_register.path)
    settled(qtbot, window)
    page = window.household_page
    editor = open_editor_on(window, qtbot, "PK-001")
    editor.phone.selectAll()
    editor.phone.insert("0912000777")
    merge = Bundles(small_register)
    window.tasks.submit(Task(TITLE, merge.work))
    qtbot.waitUntil(merge.in_first.is_set)

    saving = editor.save()
    assert saving is not None
    qtbot.waitUntil(lambda: len(ticks) >= 20)  # the window goes on meanwhile
    assert saving.pending and page.editing  # waiting, not refused
    assert editor.save_button.text() == "Đang chờ lưu…"
    assert TITLE in window.statusBar().currentMessage()

    merge.release.set()
    qtbot.waitUntil(lambda: not page.editing)
    settled(qtbot, window)
    assert saving.stored
    assert merge.seen_by_second == ["0912000777"]  # written before the second bundle
    assert stored_phone(small_register, "PK-001") == "0912000777"
    register = open_existing(small_register.path)
    try:
        assert repo.get_household(register.db, small_register.ids["HT-002"]).address == "Gộp 2"
    finally:
        register.close()


def test_an_edit_that_waits_past_the_lock_wait_is_refused_and_keeps_everything(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(register_store, "BUSY_TIMEOUT_MS", 300)
    window = main_window(small_register.path)
    settled(qtbot, window)
    page = window.household_page
    editor = open_editor_on(window, qtbot, "PK-002")
    editor.phone.selectAll()
    editor.phone.insert("0912000888")
    dialog = window.pledge_page.open_pledge(small_register.ids["HT-002"])
    qtbot.waitExposed(dialog)
    draw_signature(qtbot, dialog.evidence.pad)
    dialog.witnesses_edit.setText("Trưởng bản Lò Văn Panh")
    merge = Bundles(small_register)
    window.tasks.submit(Task(TITLE, merge.work))
    qtbot.waitUntil(merge.in_first.is_set)

    assert not editor.save_and_wait()
    said = window.statusBar().currentMessage()
    assert said.startswith("Chưa lưu: sổ đăng ký vẫn bận với việc “Đang gộp 2 tệp”")
    assert "vẫn còn nguyên" in said
    assert page.editing and editor.dirty and editor.phone.text() == "0912000888"
    assert editor.save_button.text() == "Lưu" and editor.save_button.isEnabled()

    saving = dialog.save()
    assert saving is not None and not saving.wait()
    assert dialog.isVisible() and "vẫn bận" in dialog.error_label.text()
    assert not dialog.evidence.pad.is_empty()
    assert dialog.witnesses_edit.text() == "Trưởng bản Lò Văn Panh"

    merge.release.set()
    settled(qtbot, window)
    # Refused means not written, not even once the job let edits in.
    assert merge.seen_by_second == [""]
    assert stored_phone(small_register, "PK-002") == ""
    assert editor.save_and_wait()
    with qtbot.waitSignal(dialog.recorded):
        dialog.save()
    assert stored_phone(small_register, "PK-002") == "0912000888"
    register = open_existing(small_register.path)
    try:
        pledge = pledge_service.pledge_for(register, small_register.ids["HT-002"])
    finally:
        register.close()
    assert pledge.status is PledgeStatus.SIGNED
