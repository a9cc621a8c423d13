"""One household's pledge from the household view: its state, Print sheet (Ctrl+P) for that
household alone, Record result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.pledges import PledgeStatus
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import SmallRegister
from tests.ui.test_pledge_printing import pdf_printer, wait_preview


def open_household(window: MainWindow, code: str) -> None:
    page = window.household_page
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == code)
    page.select_row(row)
    page.view.setFocus()


def test_the_household_view_shows_its_pledge_and_prints_its_sheet_alone(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    open_household(window, "PK-002")
    box = window.household_page.pledge_box
    assert box.isVisible()
    assert box.state.text() == "Chưa in"
    assert "an ninh biên giới quốc gia" in box.campaign.text()
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        qtbot.keyClick(
            window.household_page.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
        )
    preview = wait_preview(qtbot, window.pledge_page)
    assert len(preview.pages) == 1  # this household, nobody else
    assert "PK-002" in preview.pages.text(0) and "Sùng Thị Dợ" in preview.pages.text(0)
    preview.choose_printer = pdf_printer(tmp_path / "printer.pdf")
    with qtbot.waitSignal(preview.printed, timeout=20000):
        preview.preview.print_button.click()
    today = dt.date.today().strftime("%d/%m/%Y")
    qtbot.waitUntil(lambda: box.state.text() == f"Đã in, chưa nhận lại (in ngày {today})")
    assert window.places.current_key() == "households"  # the clerk stays with the household
    preview.close()


def test_record_result_from_the_household_view(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    open_household(window, "NT-002")
    box = window.household_page.pledge_box
    qtbot.mouseClick(box.record_button, Qt.MouseButton.LeftButton)
    dialog = window.pledge_page.record_dialog
    assert dialog is not None and dialog.household.code == "NT-002"
    assert dialog.status() is PledgeStatus.SIGNED  # the default: signed by the head
    dialog.save()
    qtbot.waitUntil(lambda: box.state.text().startswith("Đã ký ngày"))
    assert "Lò Thị Hoà" in box.state.text()


def test_ctrl_p_in_the_editor_prints_the_saved_household_and_asks_to_save_a_change_first(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
) -> None:
    """A spoiled sheet's household corrected in the editor, then Ctrl+P: nothing happened
    there, not a word (the household view's Ctrl+P is hidden behind the editor)."""
    window = main_window(small_register.path)
    open_household(window, "PK-002")
    page = window.household_page
    page.edit_current()
    editor = page.editor
    assert page.editing
    editor.address.setFocus()
    editor.address.insert(", đổi chưa lưu")
    qtbot.keyClick(editor.address, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "Lưu hộ trước" in window.statusBar().currentMessage()
    assert editor.save_and_wait()
    page.edit_current()  # open again, nothing changed
    qtbot.waitUntil(lambda: page.editing)
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        qtbot.keyClick(page.editor.address, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = wait_preview(qtbot, window.pledge_page)
    assert len(preview.pages) == 1
    assert "PK-002" in preview.pages.text(0) and "đổi chưa lưu" in preview.pages.text(0)
    preview.close()
