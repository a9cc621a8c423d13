"""Every editor of the window takes no more text than the register keeps (what the save
would refuse): a document pasted into a household's, a member's, a hamlet's, a pledge
result's, a campaign's, a template's, a movement's or the keepers' field is cut to its bound,
and the clerk is told so in Vietnamese beside the field."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.register import open_existing
from desktop.ui.ledger_page import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.pledge_record import RecordPledgeDialog
from tests.ui.conftest import SmallRegister
from tests.ui.test_campaigns_dialog import open_dialog
from tests.ui.test_household_editor import cell_editor, open_editor_on
from tests.ui.test_pledge_page import check_in, open_page
from tests.ui.test_settings_page import open_settings
from tests.ui.test_template_editor import open_editor

# The notice is a tooltip raised over the window, which the offscreen platform cannot raise;
# the roster's completer asks for the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)

OpenWindow = Callable[..., MainWindow]
PASTED = "Bản Nậm Tăm, xã Sìn Hồ. " * 420  # a document pasted whole: 10,080 characters


def _pasted_into(field: QWidget) -> int:
    """Paste PASTED into ``field`` (emptied first) as Ctrl+V would; its length after."""
    QApplication.clipboard().setText(PASTED)
    QToolTip.hideText()
    if isinstance(field, QLineEdit):
        field.clear()
        field.paste()
        return len(field.text())
    assert isinstance(field, QPlainTextEdit)
    field.clear()
    field.paste()
    return len(field.toPlainText())


def _told(maximum: int) -> bool:
    return QToolTip.isVisible() and QToolTip.text() == (
        f"Ô này chỉ giữ tối đa {maximum} ký tự; phần vượt quá đã bị cắt bỏ."
    )


def _each_cut(fields: dict[str, tuple[QWidget, int]]) -> dict[str, int]:
    """Each field's length after the paste, when the clerk was told of the cut (else -1)."""
    found = {}
    for name, (field, maximum) in fields.items():
        length = _pasted_into(field)
        found[name] = length if _told(maximum) else -1
    return found


def test_the_household_editor_takes_no_more_than_the_register_keeps(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    editor = open_editor_on(main_window(small_register.path), qtbot, "NT-001")
    form = editor.form
    assert _each_cut(
        {
            "code": (form.code, 20),
            "address": (form.address, 500),
            "phone": (form.phone, 500),
            "notes": (form.notes, 5000),
        }
    ) == {"code": 20, "address": 500, "phone": 500, "notes": 5000}
    cells = {"full_name": 0, "occupation": 8}
    assert {key: _pasted_into(cell_editor(editor, 0, col)) for key, col in cells.items()} == {
        "full_name": 500,
        "occupation": 500,
    }
    assert _told(500)


def test_a_pledge_result_and_a_campaign_take_no_more_than_the_register_keeps(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    dialog = _record_dialog(qtbot, window)
    assert _each_cut(
        {
            "witnesses": (dialog.witnesses_edit, 5000),
            "reason": (dialog.reason_edit, 500),
            "notes": (dialog.notes_edit, 5000),
        }
    ) == {"witnesses": 5000, "reason": 500, "notes": 5000}
    dialog.reject()
    _page, campaigns = open_dialog(qtbot, window)
    assert _each_cut({"title": (campaigns.title_edit, 500)}) == {"title": 500}
    campaigns.reject()


def test_a_template_text_takes_no_more_than_the_register_keeps(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    editor = open_editor(qtbot, main_window(small_register.path))
    assert _each_cut({"title": (editor.title_edit, 500)}) == {"title": 500}
    text = editor.editor
    text.setPlainText("x" * 29_990)
    cursor = text.textCursor()
    cursor.setPosition(10)
    text.setTextCursor(cursor)
    QApplication.clipboard().setText(PASTED)
    QToolTip.hideText()
    text.paste()  # into the middle: what fits goes in there, the rest of the text stays
    assert text.toPlainText() == "x" * 10 + PASTED[:10] + "x" * 29_980
    assert _told(30_000)
    QToolTip.hideText()
    text.keyPressEvent(
        QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    )
    assert len(text.toPlainText()) == 30_000 and _told(30_000)


def test_the_keepers_hamlets_and_ledger_take_no_more_than_the_register_keeps(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    settings = open_settings(qtbot, window)
    hamlets = settings.hamlet_editor
    assert _each_cut(
        {
            "clerk": (settings.clerk, 500),
            "post": (settings.post, 500),
            "officer": (settings.officer, 500),
            "hamlet": (hamlets.name, 500),
            "head": (hamlets.head, 500),
            "recipient": (settings.report_box.recipient, 500),
            "copies_to": (settings.report_box.copies_to, 5000),
            "signer": (settings.report_box.signer_name, 500),
        }
    ) == {
        "clerk": 500,
        "post": 500,
        "officer": 500,
        "hamlet": 500,
        "head": 500,
        "recipient": 500,
        "copies_to": 5000,
        "signer": 500,
    }
    window.show_place("movements")
    ledger = window.places.page("movements")
    assert isinstance(ledger, LedgerPage)
    movement = ledger.add_movement()
    qtbot.waitExposed(movement)
    assert _each_cut({"reason": (movement.reason, 500), "host": (movement.host, 20)}) == {
        "reason": 500,
        "host": 20,
    }
    movement.reject()
    tip = ledger.add_tip()
    qtbot.waitExposed(tip)
    assert _each_cut({"phone": (tip.phone, 500)}) == {"phone": 500}
    tip.reject()


def test_a_note_stored_before_the_bounds_shows_whole_and_is_named_to_shorten(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    register = open_existing(small_register.path)
    try:
        with register.db.conn:
            register.db.execute(
                "UPDATE household SET notes = ? WHERE code = 'NT-001'", ["n" * 6000]
            )
    finally:
        register.close()
    editor = open_editor_on(main_window(small_register.path), qtbot, "NT-001")
    assert len(editor.notes.text()) == 6000  # not its first 5,000 saved unseen
    label = editor.field_issues["notes"]
    qtbot.waitUntil(label.isVisible)
    assert "dài 6000 ký tự, quá 5000 ký tự sổ giữ" in label.text()
    editor.notes.setText("n" * 4000)
    assert editor.revalidate()


def test_a_document_pasted_into_the_household_search_is_cut_and_answered_at_once(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    box = window.household_page.search_box
    pasted = " ".join(f"tu{n}" for n in range(2000))  # 10,889 characters, 2,000 words
    QApplication.clipboard().setText(pasted)
    box.setFocus()
    box.paste()
    assert box.text() == pasted[:500] and _told(500)
    qtbot.waitUntil(lambda: "quá 16 từ khác nhau" in window.statusBar().currentMessage())
    QApplication.clipboard().setText("Hùng " * 2000)
    box.clear()
    box.paste()
    model = window.household_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 0).data() == "NT-001"


def test_tab_walks_the_pledge_results_buttons_in_the_order_they_stand(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Tab from the last field reached Hủy first, then Lưu (on its left)."""
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton

    dialog = _record_dialog(qtbot, main_window(small_register.path))
    chain, widget = [], dialog.notes_edit.nextInFocusChain()
    while widget is not dialog:
        if isinstance(widget, QPushButton) and widget.parent() is dialog.buttons:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == sorted(chain, key=lambda b: b.mapTo(dialog, b.rect().topLeft()).x())
    assert chain[0] is dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def _record_dialog(qtbot: QtBot, window: MainWindow) -> RecordPledgeDialog:
    """Ghi kết quả of household NT-001, opened by check-in on the Cam kết page."""
    page = open_page(window)
    check_in(qtbot, page, "nt-001")
    dialog = page.record_dialog
    assert isinstance(dialog, RecordPledgeDialog)
    qtbot.waitExposed(dialog)
    return dialog
