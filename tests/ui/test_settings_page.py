"""Settings as a clerk uses it: names of the keepers, hamlets, the language; all audited."""

from __future__ import annotations

import errno
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from desktop import app
from desktop.domain.entities import Hamlet, HamletKind
from desktop.services.register import (
    OpenRegister,
    create_register,
    create_upper_register,
    open_existing,
)
from desktop.services.settings import add_hamlet
from desktop.store.households import list_hamlets
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_page import SettingsPage
from desktop.ui.tasks import Task
from desktop.userdata import preferred_language
from tests.ui.conftest import SmallRegister, drive_windows, settled


def open_settings(qtbot: QtBot, window: MainWindow) -> SettingsPage:
    index = window.pages.indexOf(window.settings_page)
    assert window.sidebar.item(index).text() == "Cài đặt"
    assert index == window.pages.count() - 1  # the last place of the side bar
    window.activateWindow()  # a wait (for a save on the lane) lets the offscreen window go
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)  # DESIGN §10
    assert window.pages.currentWidget() is window.settings_page
    return window.settings_page


def test_tab_leaves_the_recipients_box_and_types_no_tab_into_it(
    main_window: Callable[..., MainWindow], small_register: SmallRegister, qtbot: QtBot
) -> None:
    """Before, Tab in “Nơi nhận” (the report's other recipients, a box of several lines)
    typed a tab into the recipients, printed on the next report once saved, and the
    keyboard never got out of the box: Tab after Tab, more tabs."""
    window = main_window(small_register.path)
    box = open_settings(qtbot, window).report_box
    box.copies_to.setFocus()
    qtbot.waitUntil(box.copies_to.hasFocus)
    qtbot.keyClick(box.copies_to, Qt.Key.Key_Tab)
    assert box.signer_title.hasFocus()
    assert "\t" not in box.copies_to.toPlainText()
    assert not box.save_button.isEnabled()  # nothing changed
    qtbot.keyClick(box.signer_title, Qt.Key.Key_Backtab)
    assert box.copies_to.hasFocus()


def test_tab_leaves_the_hamlet_table_for_the_hamlets_fields(
    main_window: Callable[..., MainWindow], small_register: SmallRegister, qtbot: QtBot
) -> None:
    """Before, Tab in Cài đặt's table of hamlets walked it cell by cell (3 hamlets × 4
    columns, and round again): the hamlet's name field after it was out of the keyboard's
    reach, unlike every other list of the window."""
    window = main_window(small_register.path)
    editor = open_settings(qtbot, window).hamlet_editor
    editor.table.setFocus()
    qtbot.waitUntil(editor.table.hasFocus)
    editor.table.setCurrentCell(0, 0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Tab)
    assert not editor.table.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert editor.table.hasFocus()


def audit(register: OpenRegister, entity: str) -> list[tuple[str, dict[str, Any]]]:
    rows = register.db.execute(
        "SELECT action, after FROM audit WHERE entity = ? ORDER BY seq", [entity]
    ).fetchall()
    return [(action, json.loads(after)) for action, after in rows]


def test_the_keepers_names_are_saved_audited_and_reach_the_task_lane(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)

    def officer_on_the_worker() -> str:
        seen: list[str] = []
        with qtbot.waitSignal(window.tasks.finished, timeout=5000):
            window.tasks.submit(
                Task("Đọc", lambda reg, _p, _c: reg.commune.border_officer, seen.append)
            )
        return seen[0]

    assert officer_on_the_worker() == ""  # the worker has opened its own connection
    page = open_settings(qtbot, window)
    assert not page.save_staff_button.isEnabled()
    page.clerk.insert("Lò Thị Hoa")
    page.post.insert("Đồn Biên phòng Ma Ly Chải")
    page.officer.insert("Thiếu tá Vàng A Sình")
    qtbot.keyClick(page.officer, Qt.Key.Key_Return)
    settled(qtbot, window)
    assert window.statusBar().currentMessage() == "Đã lưu."
    assert window.register.commune.clerk_name == "Lò Thị Hoa"
    assert audit(window.register, "commune")[-1] == (
        "update",
        {
            "clerk_name": "Lò Thị Hoa",
            "border_post": "Đồn Biên phòng Ma Ly Chải",
            "border_officer": "Thiếu tá Vàng A Sình",
        },
    )
    assert officer_on_the_worker() == "Thiếu tá Vàng A Sình"


def test_hamlets_edited_in_settings_show_in_the_household_list(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    editor = open_settings(qtbot, window).hamlet_editor
    assert not editor.remove_button.isVisible()  # households point at hamlets: never removed
    row = next(
        r for r in range(editor.table.rowCount()) if editor.table.item(r, 0).text() == "Bản Pa Khóa"
    )
    editor.table.selectRow(row)
    assert editor.name.text() == "Bản Pa Khóa"
    editor.name.setText("Bản Pa Khóa Trên")
    editor.head.setText("Giàng A Dế")
    qtbot.keyClick(editor.border, Qt.Key.Key_Space)
    qtbot.keyClick(editor.head, Qt.Key.Key_Return)
    settled(qtbot, window)
    assert window.statusBar().currentMessage() == "Đã lưu thôn/bản."

    hamlet = next(h for h in list_hamlets(window.register.db) if h.name == "Bản Pa Khóa Trên")
    assert (hamlet.head_name, hamlet.is_border) == ("Giàng A Dế", False)
    assert audit(window.register, "hamlet")[-1] == (
        "update",
        {"name": "Bản Pa Khóa Trên", "head_name": "Giàng A Dế", "is_border": 0},
    )
    page = window.household_page
    combo = page.hamlet_combo
    assert "Bản Pa Khóa Trên" in [combo.itemText(i) for i in range(combo.count())]
    qtbot.waitUntil(
        lambda: any(
            page.model.index(r, 2).data() == "Bản Pa Khóa Trên"
            for r in range(page.model.rowCount())
        )
    )

    editor.start_new()
    editor.name.insert("Thôn Mới")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    settled(qtbot, window)
    assert "Thôn Mới" in [combo.itemText(i) for i in range(combo.count())]
    assert audit(window.register, "hamlet")[-1][0] == "insert"


def test_a_clashing_hamlet_name_is_refused_and_nothing_is_written(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    editor = open_settings(qtbot, window).hamlet_editor
    before = audit(window.register, "hamlet")
    editor.table.selectRow(0)
    editor.name.setText("thon hong thu")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    settled(qtbot, window)
    assert editor.error.isVisible() and "trùng tên" in editor.error.text()
    assert audit(window.register, "hamlet") == before


def _first_places_choosing_english(qapp: QApplication, small_register: SmallRegister) -> list[str]:
    """The window's first place as named in each window app._show opens: English is chosen
    in Settings in the first, the second is closed."""
    seen: list[str] = []

    def drive(window: MainWindow) -> bool:
        seen.append(window.sidebar.item(0).text())
        if len(seen) > 1:
            window.close()
            return False
        combo = window.settings_page.language
        combo.setCurrentIndex(combo.findData("en"))
        combo.activated.emit(combo.currentIndex())
        return True

    register = open_existing(small_register.path)
    drive_windows(qapp, drive)
    assert app._show(qapp, register) == 0
    return seen


def test_choosing_english_reopens_the_window_in_english(
    qapp: QApplication, qtbot: QtBot, small_register: SmallRegister
) -> None:
    assert _first_places_choosing_english(qapp, small_register) == ["Tổng quan", "Overview"]
    assert preferred_language() == "en"


def test_a_language_the_data_folder_cannot_save_still_reopens_the_window_in_it(
    qapp: QApplication, qtbot: QtBot, small_register: SmallRegister, monkeypatch: MonkeyPatch
) -> None:
    """A data folder on a full or write-protected disk: English for this session, no error
    in the window (the choice is not kept for the next start)."""
    from desktop import userdata

    def refused(**_changes: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(userdata, "write_preferences", refused)
    assert _first_places_choosing_english(qapp, small_register) == ["Tổng quan", "Overview"]
    assert preferred_language() == "vi"


def test_the_language_waits_for_a_running_job(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_settings(qtbot, window)
    release = threading.Event()
    window.tasks.submit(Task("Chờ", lambda _reg, _p, _c: release.wait(5)))
    qtbot.waitUntil(lambda: window.tasks.busy)
    try:
        page.language.setCurrentIndex(page.language.findData("en"))
        page.language.activated.emit(page.language.currentIndex())
        assert window.isVisible() and window.reopen_language is None
        assert page.language.currentData() == "vi"
        assert "chọn lại ngôn ngữ" in window.statusBar().currentMessage()
        assert preferred_language() == "vi"
    finally:
        release.set()
        with qtbot.waitSignal(window.tasks.finished, timeout=5000):
            pass


def test_hamlets_added_elsewhere_appear_when_settings_is_opened(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    editor = open_settings(qtbot, window).hamlet_editor
    assert editor.table.rowCount() == 3
    window.show_page(0)
    add_hamlet(window.register, Hamlet("Bản Từ Tệp Nhập", HamletKind.BAN))  # as an import would
    window.show_page(window.pages.indexOf(window.settings_page))
    names = [editor.table.item(r, 0).text() for r in range(editor.table.rowCount())]
    assert "Bản Từ Tệp Nhập" in names


def test_a_wrong_commune_is_corrected_while_the_register_is_empty(
    qtbot: QtBot, main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    path = tmp_path / "empty.sqlite3"
    create_register(path, "03478", ["Thôn 1"])
    window = main_window(path)
    page = open_settings(qtbot, window)
    assert page.change_commune_button.isEnabled()
    dialog = page.ask_commune()
    picker = dialog.picker
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(picker.provinces.filter, "son la")
    qtbot.keyClick(picker.provinces.filter, Qt.Key.Key_Return)
    qtbot.keyClicks(picker.communes.filter, "sop cop")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert "Xã Sốp Cộp, Sơn La" in window.windowTitle()
    assert page.title.text() == "Xã Sốp Cộp, Sơn La (mã 04231)"
    assert audit(window.register, "commune")[-1][1]["code"] == "04231"


def test_the_commune_stays_once_the_register_has_households(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_settings(qtbot, window)
    assert not page.change_commune_button.isEnabled()
    assert "households" not in page.change_commune_button.toolTip()  # said in Vietnamese


def test_an_upper_registers_settings_name_it_without_a_commune_code(
    main_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    for province, heading in (
        ("12", "Đồn Biên phòng Sìn Hồ: sổ cấp trên, Lai Châu"),
        ("", "Đồn Biên phòng Sìn Hồ: sổ cấp trên"),
    ):
        path = tmp_path / f"upper{province}.sqlite3"
        create_upper_register(path, "Đồn Biên phòng Sìn Hồ", province)
        window = main_window(path, place="settings")
        assert window.settings_page.title.text() == heading
