"""A form whose save is on its way to the register takes no input: what a clerk types (or
draws) after pressing Save would otherwise vanish when the save returns and the form closes
or is cleared. Every form that saves on the lane is tried while another program holds the
write lock, so the save waits."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop.services import pledges as pledge_service
from desktop.services.register import open_existing
from desktop.store import households as repo
from desktop.store.tips import list_tips
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import SmallRegister, settled
from tests.ui.ink import draw_signature
from tests.ui.test_household_editor import open_editor_on
from tests.ui.test_ledger_page import _ledger
from tests.ui.test_settings_page import open_settings
from tests.ui.test_template_editor import open_editor as open_template_editor

OpenWindow = Callable[..., MainWindow]


def typed_after_save(qtbot: QtBot, field: QLineEdit | QPlainTextEdit, text: str) -> None:
    """The clerk goes on typing into ``field`` after Save, keys and Vietnamese through an
    input method (IBus, Unikey): it keeps what it showed."""
    before = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
    field.setFocus()
    qtbot.keyClicks(field, unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode())
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    composed = QInputMethodEvent()
    composed.setCommitString(text)
    QApplication.sendEvent(field, composed)
    after = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
    assert after == before


def test_a_household_being_saved_takes_no_more_typing_and_esc_leaves_it_saving(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    other_writer: sqlite3.Connection,
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    editor = open_editor_on(window, qtbot, "PK-001")
    editor.phone.setFocus()
    editor.phone.selectAll()
    qtbot.keyClicks(editor.phone, "0912000555")
    saving = editor.save()
    assert saving is not None and saving.pending
    typed_after_save(qtbot, editor.phone, "77")
    typed_after_save(qtbot, editor.notes, "Hộ có người đi làm ăn xa")
    qtbot.keyClick(editor.notes, Qt.Key.Key_Escape)  # no "unsaved changes?" question
    assert page.editing and saving.pending
    assert editor.phone.hasFocus() or editor.notes.hasFocus()  # the keyboard stays there

    other_writer.rollback()
    qtbot.waitUntil(lambda: not page.editing)
    register = open_existing(small_register.path)
    try:
        stored = repo.get_household(register.db, small_register.ids["PK-001"])
    finally:
        register.close()
    assert stored.phone == "0912000555"
    # Saved, the editor takes typing again.
    editor = open_editor_on(window, qtbot, "PK-001")
    qtbot.keyClicks(editor.notes, "Ghi chu")
    assert editor.notes.text().endswith("Ghi chu")


def test_a_pledge_being_recorded_takes_no_more_ink_or_typing(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    other_writer: sqlite3.Connection,
) -> None:
    window = main_window(small_register.path)
    dialog = window.pledge_page.open_pledge(small_register.ids["HT-001"])
    qtbot.waitExposed(dialog)
    draw_signature(qtbot, dialog.evidence.pad)
    dialog.witnesses_edit.setText("Trưởng bản Lò Văn Panh")
    strokes = len(dialog.evidence.pad.strokes)
    saving = dialog.save()
    assert saving is not None and saving.pending
    typed_after_save(qtbot, dialog.witnesses_edit, ", Thiếu úy Vàng A Sình")
    pad = dialog.evidence.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 30))
    qtbot.mouseMove(pad, QPoint(90, 40))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(120, 45))
    assert len(pad.strokes) == strokes
    assert dialog.isVisible() and saving.pending

    with qtbot.waitSignal(dialog.recorded):
        other_writer.rollback()
    register = open_existing(small_register.path)
    try:
        pledge = pledge_service.pledge_for(register, small_register.ids["HT-001"])
    finally:
        register.close()
    assert pledge.witnesses == "Trưởng bản Lò Văn Panh"


def test_a_tip_being_logged_takes_no_more_typing(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    other_writer: sqlite3.Connection,
) -> None:
    window = main_window(small_register.path)
    dialog = _ledger(window, qtbot).add_tip()
    dialog.place.setText("Mốc 79")
    dialog.hamlet.setCurrentIndex(dialog.hamlet.findText("Bản Pa Khóa"))
    saving = dialog.save()
    assert saving is not None and saving.pending
    typed_after_save(qtbot, dialog.place, " (phía suối)")
    typed_after_save(qtbot, dialog.description, "Hai người lạ qua suối")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)  # the dialog waits for its save
    assert dialog.isVisible()

    other_writer.rollback()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settled(qtbot, window)
    (tip,) = list_tips(window.register.db)
    assert tip.place.startswith("Mốc 79,") and tip.description == ""


def test_a_hamlet_being_added_keeps_the_next_name_out_until_the_form_is_empty_again(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    other_writer: sqlite3.Connection,
) -> None:
    window = main_window(small_register.path)
    editor = open_settings(qtbot, window).hamlet_editor
    editor.start_new()
    editor.name.insert("Thôn Mới")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    # The next hamlet's name, typed while the first is being added, would be wiped by the
    # empty form that follows the save: it is not taken.
    typed_after_save(qtbot, editor.name, "Bản Sau")

    other_writer.rollback()
    settled(qtbot, window)
    assert editor.name.text() == ""
    qtbot.keyClicks(editor.name, "Ban Sau")
    assert editor.name.text() == "Ban Sau"


def test_the_keepers_and_a_template_being_saved_take_no_more_typing(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    other_writer: sqlite3.Connection,
) -> None:
    window = main_window(small_register.path)
    page = open_settings(qtbot, window)
    page.clerk.insert("Lò Thị Hoa")
    qtbot.keyClick(page.clerk, Qt.Key.Key_Return)
    typed_after_save(qtbot, page.officer, "Thiếu tá Vàng A Sình")

    template = open_template_editor(qtbot, window)
    template.title_edit.setText("Bản cam kết sửa")
    saving = template.save()
    assert saving is not None and saving.pending
    typed_after_save(qtbot, template.editor, "# ghi chú")
    typed_after_save(qtbot, template.title_edit, " lần hai")

    other_writer.rollback()
    settled(qtbot, window)
    assert window.register.commune.clerk_name == "Lò Thị Hoa"
    assert window.register.commune.border_officer == ""
