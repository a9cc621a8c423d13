"""Copying and editing a pledge template in the app: checked as typed, saved as a version."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop.services import pledges as service
from desktop.services.printing import campaign_pledge_template
from desktop.services.register import open_existing
from desktop.ui.main_window import MainWindow
from desktop.ui.template_editor import TemplateEditorDialog
from tests.ui.conftest import SmallRegister


def open_editor(qtbot: QtBot, window: MainWindow) -> TemplateEditorDialog:
    page = window.pledge_page
    window.show_page(window.pages.indexOf(page))
    dialog = page.edit_templates()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_a_mistake_is_named_with_its_line_and_blocks_saving(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    editor = open_editor(qtbot, window)
    source = editor.editor.toPlainText()
    assert "commitments" in source
    assert editor.save_button.isEnabled()
    assert editor.message.text().startswith("Mẫu hợp lệ:")

    lines = source.splitlines()
    lead = next(i for i, line in enumerate(lines) if "{commune}" in line)
    lines[lead] = lines[lead].replace("{commune}", "{xa_cua_toi}")
    editor.editor.setPlainText("\n".join(lines))
    qtbot.waitUntil(lambda: not editor.save_button.isEnabled(), timeout=3000)
    assert "xa_cua_toi" in editor.message.text()
    assert f"dòng {lead + 1}" in editor.message.text()
    assert editor.error_line == lead + 1
    assert len(editor.editor.extraSelections()) == 1
    assert editor.save() is None


def test_saved_copy_is_the_next_version_and_prints_the_campaign(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    editor = open_editor(qtbot, window)
    base = editor.base()
    text = editor.editor.toPlainText().replace(
        "commitments = [", 'commitments = [\n    "Giữ gìn vệ sinh chung của bản.",', 1
    )
    editor.editor.setPlainText(text)
    editor.title_edit.setText("Bản cam kết sửa năm 2026")
    with qtbot.waitSignal(editor.saved) as saved:
        editor.save_button.click()
    copy = saved.args[0]
    assert copy.version == base.version + 1
    assert (
        f"phiên bản {copy.version}" in editor.message.text()
        or str(copy.version) in editor.message.text()
    )

    register = open_existing(small_register.path)
    try:
        campaign = service.current_campaign(register)
        template = campaign_pledge_template(register, campaign)
    finally:
        register.close()
    assert campaign.template_version == copy.version
    assert template.version == copy.version
    assert template.commitments[0] == "Giữ gìn vệ sinh chung của bản."


def test_sample_sheet_is_drawn_with_the_edited_text(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    editor = open_editor(qtbot, window)
    text = editor.editor.toPlainText().replace(
        "commitments = [", 'commitments = [\n    "Trồng cây xanh quanh nhà.",', 1
    )
    editor.editor.setPlainText(text)
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        editor.preview_button.click()
    qtbot.waitUntil(lambda: editor.preview.pages is not None, timeout=5000)
    pages = editor.preview.pages
    assert pages is not None
    assert "Trồng cây xanh quanh nhà." in pages.text(0)
    editor.reject()
