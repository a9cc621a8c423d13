"""An export of a bundle, an upload spreadsheet, a backup to a USB stick or Tổng quan's count
only reads: it reads on a connection of its own, and an edit the clerk saves meanwhile is
saved at once, not after the job (nor refused after the lock's wait). The bundle then is
among the bundles sent, written on the lane after it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.services import bundles, upload_sheet
from desktop.services import overview as overview_service
from desktop.services.register import open_existing
from desktop.store import backups
from desktop.store import households as repo
from desktop.store import register as register_store
from desktop.ui.main_window import MainWindow
from desktop.ui.overview_page import OverviewPage
from tests.ui.conftest import SmallRegister, settled
from tests.ui.test_household_editor import open_editor_on

OpenWindow = Callable[..., MainWindow]


class Held:
    """A step of the job made to wait, on the job's thread, until the test lets it go."""

    def __init__(self) -> None:
        self.inside = threading.Event()
        self.release = threading.Event()

    def hold(self, step: Callable[..., Any]) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            self.inside.set()
            self.release.wait(20)
            return step(*args, **kwargs)

        return held


def _export_bundle(window: MainWindow, out: Path) -> Path:
    target = out / "sin-ho.camket"
    window.exchange_page.transfer.export_to(target)
    return target


def _export_spreadsheet(window: MainWindow, out: Path) -> Path:
    target = out / "ho-gia-dinh.xlsx"
    dialog = window.spreadsheet_export.open_dialog()
    dialog.ok_button.click()
    return target


def _back_up(window: MainWindow, out: Path) -> Path:
    target = out / "sao-luu.sqlite3"
    window.backup_actions.back_up_to(target)
    return target


JOBS = {
    "bundle": (bundles, "_write_table", _export_bundle),
    "spreadsheet": (upload_sheet, "write_table", _export_spreadsheet),
    "backup": (backups, "backup_to", _back_up),  # imported by Back up… when it runs
}


@pytest.mark.parametrize("job", sorted(JOBS))
def test_an_edit_saved_during_an_export_or_a_backup_is_saved_at_once(
    job: str,
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(register_store, "BUSY_TIMEOUT_MS", 1500)  # a refusal would come soon
    module, step, start = JOBS[job]
    held = Held()
    monkeypatch.setattr(module, step, held.hold(getattr(module, step)))
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(usb / "ho-gia-dinh.xlsx"), "")
    )
    window = main_window(small_register.path)
    settled(qtbot, window)
    editor = open_editor_on(window, qtbot, "PK-001")
    editor.phone.selectAll()
    editor.phone.insert("0912000777")
    target = start(window, usb)
    qtbot.waitUntil(held.inside.is_set)

    saving = editor.save()
    assert saving is not None
    qtbot.waitUntil(lambda: not saving.pending)
    assert saving.stored and not window.household_page.editing
    assert held.inside.is_set() and not held.release.is_set()  # the job is still reading
    register = open_existing(small_register.path)
    try:
        stored = repo.get_household(register.db, small_register.ids["PK-001"])
    finally:
        register.close()
    assert stored.phone == "0912000777"

    held.release.set()
    settled(qtbot, window)
    assert target.is_file()
    if job == "bundle":  # recorded as sent after it: offered for "only the changes since"
        transfer = window.exchange_page.transfer
        assert transfer.changes.isEnabled()
        assert transfer.since.currentText().startswith("sin-ho.camket — ")


def test_an_edit_saved_while_the_overview_counts_is_saved_at_once(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A district's count takes seconds: on the lane, the edit waited for all of it.
    monkeypatch.setattr(register_store, "BUSY_TIMEOUT_MS", 1500)  # a refusal would come soon
    window = main_window(small_register.path, place=None)
    overview = window.places.page("overview")
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: overview.counted)
    settled(qtbot, window)
    held = Held()
    counting = held.hold(overview_service.count_overview)
    monkeypatch.setattr(overview_service, "count_overview", counting)
    editor = open_editor_on(window, qtbot, "PK-001")
    editor.phone.selectAll()
    editor.phone.insert("0912000777")
    overview.refresh()  # as after any write, or a movement recorded
    qtbot.waitUntil(held.inside.is_set)

    saving = editor.save()
    assert saving is not None
    qtbot.waitUntil(lambda: not saving.pending)
    assert saving.stored and not held.release.is_set()  # the count is still reading
    register = open_existing(small_register.path)
    try:
        stored = repo.get_household(register.db, small_register.ids["PK-001"])
    finally:
        register.close()
    assert stored.phone == "0912000777"
    held.release.set()
    settled(qtbot, window)
    assert overview.counted
