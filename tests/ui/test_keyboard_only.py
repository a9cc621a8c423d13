"""The window by keyboard alone, as a commune clerk works it: each place's Tab order follows
the screen, every button is reached, the keyboard lands on a field it can be seen in."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QMenu,
    QScrollArea,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.movements import Guest, Movement, MovementKind
from desktop.services import ledger
from desktop.ui.exchange_log import BundleLogTable
from desktop.ui.first_run import SUMMARY, SetupWizard
from desktop.ui.ledger_model import day_text
from desktop.ui.ledger_page import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.movement_dialog import EndMovementDialog
from desktop.ui.overview_page import OverviewPage
from desktop.ui.pdf_pages import PdfPages
from desktop.ui.pdf_preview import PdfPreview
from desktop.ui.report_period_dialog import ReportPeriodDialog
from desktop.ui.roster_view import RosterView
from desktop.ui.translations import install_translators
from tests.ui.conftest import SmallRegister, settled
from tests.ui.ink import make_pdf
from tests.ui.test_household_editor import open_editor_on, type_cell
from tests.ui.test_household_page import listed_codes

OpenWindow = Callable[..., MainWindow]
CTRL = Qt.KeyboardModifier.ControlModifier
T = TypeVar("T", bound=QWidget)
# A menu popped up over the active window asks for the keyboard, which offscreen cannot give.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


def active_window(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> MainWindow:
    """The small register's window, active: the keyboard's keys reach it."""
    window = main_window(small_register.path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def shown(parent: QWidget, kind: type[T]) -> list[T]:
    """The dialogs of ``kind`` open over ``parent``."""
    return [dialog for dialog in parent.findChildren(kind) if dialog.isVisible()]


def tab_from(qtbot: QtBot, widget: QWidget) -> QWidget | None:
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def choose_in_menu(qtbot: QtBot, words: str) -> list[str]:
    """Once a menu pops up: the arrows walk it down to the entry ``words``, Enter takes it.
    Returns the menu's entries as shown (filled in when the menu was there)."""
    seen: list[str] = []

    def walk() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, walk)
            return
        seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
        for _ in range(len(menu.actions()) + 1):
            active = menu.activeAction()
            if isinstance(active, QAction) and active.text() == words:
                break
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, walk)
    return seen


def test_the_household_list_is_sorted_by_keyboard_alone(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, only a click on a column's heading sorted the list: a heading is no Tab
    stop, so the keyboard had no way to it. Now Tab from the hamlet filter reaches "Sắp
    xếp", Space opens its menu, the arrows and Enter choose; the heading shows the order,
    and the household selected stays selected, as after a click."""
    window = active_window(qtbot, main_window, small_register)
    page = window.household_page
    by_hamlet = ["NT-001", "NT-002", "PK-001", "PK-002", "HT-001", "HT-002"]
    assert listed_codes(window) == by_hamlet
    page.select_row(by_hamlet.index("PK-002"))
    chosen = small_register.ids["PK-002"]

    page.hamlet_combo.setFocus(Qt.FocusReason.TabFocusReason)
    button = tab_from(qtbot, page.hamlet_combo)
    assert button is not None and button is not page.view
    assert button.hasFocus()
    entries = choose_in_menu(qtbot, "Mã hộ: giảm dần")
    qtbot.keyClick(button, Qt.Key.Key_Space)
    by_code = ["HT-001", "HT-002", "NT-001", "NT-002", "PK-001", "PK-002"]
    qtbot.waitUntil(lambda: listed_codes(window) == by_code[::-1])
    assert entries == [
        "Mã hộ: tăng dần",
        "Mã hộ: giảm dần",
        "Chủ hộ: A → Z",
        "Chủ hộ: Z → A",
        "Thôn/bản: A → Z",
        "Thôn/bản: Z → A",
        "Số nhân khẩu: tăng dần",
        "Số nhân khẩu: giảm dần",
    ]
    header = page.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.DescendingOrder,
    )
    assert page.model.household_id(page.view.currentIndex().row()) == chosen
    assert page.detail.household_id == chosen

    # Alt+S from the list: the heads A to Z (An, Bích, Dợ, Hòa, Hoà, Hùng).
    window.activateWindow()  # the offscreen platform leaves no window active after a popup
    qtbot.waitUntil(window.isActiveWindow)
    page.view.setFocus(Qt.FocusReason.TabFocusReason)
    choose_in_menu(qtbot, "Chủ hộ: A → Z")
    qtbot.keyClick(page.view, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: listed_codes(window)[0] == "HT-001")
    assert listed_codes(window)[1:3] == ["HT-002", "PK-002"]
    assert page.model.household_id(page.view.currentIndex().row()) == chosen
    # A heading sorted by a click ticks its entry in the menu.
    page.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    ticked = [a.text() for a in button.menu().actions() if a.isChecked()]  # type: ignore[attr-defined]
    assert ticked == ["Số nhân khẩu: tăng dần"]


def test_the_order_menu_speaks_english_in_the_english_window(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister, qapp: QApplication
) -> None:
    install_translators(qapp, "en")
    try:
        window = active_window(qtbot, main_window, small_register)
        page = window.household_page
        page.hamlet_combo.setFocus(Qt.FocusReason.TabFocusReason)
        button = tab_from(qtbot, page.hamlet_combo)
        assert button is not None
        entries = choose_in_menu(qtbot, "Household code: descending")
        qtbot.keyClick(button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: listed_codes(window)[0] == "PK-002")
        assert entries[:4] == [
            "Household code: ascending",
            "Household code: descending",
            "Head of household: A to Z",
            "Head of household: Z to A",
        ]
    finally:
        install_translators(qapp, "vi")


def tabbed_within(qtbot: QtBot, page: QWidget) -> list[QWidget]:
    """The widgets of ``page`` the keyboard visits, from the one it is in, Tab after Tab,
    until it leaves the page or comes round again."""
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused)
    visited = [focused]
    for _ in range(80):
        focused = tab_from(qtbot, visited[-1])
        if focused is None or not page.isAncestorOf(focused) or focused in visited:
            break
        visited.append(focused)
    return visited


def out_of_reading_order(widgets: list[QWidget], root: QWidget) -> list[str]:
    """The steps from one widget to the next that go back up the screen, or leftwards
    along a line (positions in ``root``, a scrolled page's contents)."""
    wrong = []
    for before, after in itertools.pairwise(widgets):
        a = before.mapTo(root, before.rect().topLeft())
        b = after.mapTo(root, after.rect().topLeft())
        same_line = (
            abs((a.y() + before.height() / 2) - (b.y() + after.height() / 2))
            < min(before.height(), after.height()) / 2
        )
        onward = b.x() > a.x() if same_line else b.y() >= a.y() + before.height() / 2
        if not onward:
            wrong.append(
                f"{type(before).__name__} ({a.x()},{a.y()}) → "
                f"{type(after).__name__} ({b.x()},{b.y()})"
            )
    return wrong


def test_ctrl_6_puts_the_keyboard_in_the_first_field_and_tab_reads_down_the_page(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Ctrl+6 left the keyboard where it was, and the first Tab stop of Cài đặt was
    its scroll area, which shows no focus: the clerk pressed Tab once into nothing seen."""
    window = active_window(qtbot, main_window, small_register)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_6, CTRL)
    page = window.settings_page
    assert QApplication.focusWidget() is page.clerk
    visited = tabbed_within(qtbot, page)
    assert [w for w in visited if isinstance(w, QScrollArea)] == []
    assert page.post in visited and page.language in visited
    assert page.hamlet_editor.table in visited
    scroll = page.findChild(QScrollArea)
    assert out_of_reading_order(visited, scroll.widget()) == []


def test_tab_from_the_check_in_box_reaches_campaigns_before_the_lists(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Đợt cam kết… sat left of the check-in box but came last of all: after both
    lists and the side bar's Nhập danh sách. Now it opens the row under the campaign's line
    and Tab from the box (where Ctrl+3 puts the keyboard) reaches it first."""
    window = active_window(qtbot, main_window, small_register)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_3, CTRL)
    page = window.pledge_page
    assert QApplication.focusWidget() is page.check_in_box
    visited = tabbed_within(qtbot, page)
    assert visited[:2] == [page.check_in_box, page.campaigns_button]
    assert visited[-2:] == [page.progress_view, page.unsigned_view]
    assert out_of_reading_order(visited, page) == []


def test_a_day_typed_at_once_in_ket_thuc_ends_the_movement(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Kết thúc… (Ctrl+E) opened with the keyboard on Lưu (the buttons were made
    before the field, first in Qt's Tab chain): the day typed over the one shown went
    nowhere and Enter saved today. Now the day's field has it, its text selected; the same
    for Báo cáo…'s first day (Alt+B)."""
    window = active_window(qtbot, main_window, small_register)
    today = dt.date.today()
    stay = Movement(
        MovementKind.LUU_TRU,
        ledger.host_household(window.register.db, "NT-001"),
        today - dt.timedelta(days=5),
        guest=Guest("Vương Lập Quân", nationality="Trung Quốc"),
        until=today + dt.timedelta(days=3),
    )
    ledger.add_movement(window.register, stay, today)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_4, CTRL)
    page = window.pages.currentWidget()
    assert isinstance(page, LedgerPage)
    page.refresh()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_E, CTRL)
    (end,) = shown(page, EndMovementDialog)
    qtbot.waitUntil(end.isActiveWindow)
    assert QApplication.focusWidget() is end.day
    yesterday = day_text(today - dt.timedelta(days=1))
    qtbot.keyClicks(end.day, yesterday)  # over the day shown, selected
    qtbot.keyClick(end.day, Qt.Key.Key_Return)
    settled(qtbot, window)
    assert not end.isVisible()
    row = page.model.ledger_row(0)
    assert row is not None and row.ended_on == today - dt.timedelta(days=1)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(shown(page, ReportPeriodDialog)) == 1)  # the button's click
    (period,) = shown(page, ReportPeriodDialog)
    qtbot.waitUntil(period.isActiveWindow)
    assert QApplication.focusWidget() is period.starts
    assert period.starts.selectedText() == period.starts.text()
    period.reject()


def test_the_household_editor_ends_on_huy_then_luu_and_has_no_unseen_stop(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Tab from the relatives' buttons went to Lưu, then to Hủy left of it, and then
    (after the side bar's button) to the editor's scroll area, which shows no focus."""
    window = active_window(qtbot, main_window, small_register)
    editor = open_editor_on(window, qtbot, "NT-001")
    editor.relative_panel.buttons[-1].setFocus(Qt.FocusReason.TabFocusReason)
    after = [tab_from(qtbot, QApplication.focusWidget() or window) for _ in range(2)]
    assert after == [editor.cancel_button, editor.save_button]
    for _ in range(3):  # round to the household's code, the first field
        focused = tab_from(qtbot, QApplication.focusWidget() or window)
        assert not isinstance(focused, QScrollArea)
        if focused is editor.code:
            break
    assert QApplication.focusWidget() is editor.code
    editor.dirty = False


def test_lists_tabbed_into_show_the_row_enter_opens(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, the window opened with the keyboard on Tổng quan's reminders but no row
    marked (Fusion tints the current cell faintly, or not at all once the list was left
    and come back to): Enter opened a case nobody saw chosen. Now the row is selected, as in
    the household list and Biến động's when Tab brings the keyboard to them."""
    window = main_window(small_register.path, place=None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    overview = window.places.page("overview")
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: overview.counted)
    reminders = overview.reminders
    assert QApplication.focusWidget() is reminders
    qtbot.waitUntil(lambda: [i.row() for i in reminders.selectionModel().selectedRows()] == [0])
    qtbot.keyClick(reminders, Qt.Key.Key_Return)  # the households not signed: on Cam kết
    assert window.places.current_key() == "pledges"

    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_2, CTRL)
    page = window.household_page
    assert not page.view.selectionModel().hasSelection()
    page.order_button.setFocus(Qt.FocusReason.TabFocusReason)
    tab_from(qtbot, page.order_button)
    assert QApplication.focusWidget() is page.view
    qtbot.waitUntil(lambda: [i.row() for i in page.view.selectionModel().selectedRows()] == [0])
    assert page.detail.household_id == small_register.ids["NT-001"]


def mnemonic(text: str) -> str | None:
    """The letter after a single & of a label ("&Lưu" → "L"), None without one."""
    at = 0
    while (at := text.find("&", at)) >= 0 and at + 1 < len(text):
        if text[at + 1] != "&":
            return text[at + 1]
        at += 2
    return None


def clashing_mnemonics(texts: list[str]) -> dict[str, list[str]]:
    """The Alt+letters that two of ``texts`` share, or that no plain keyboard types (Đ)."""
    letters: dict[str, list[str]] = {}
    for text in texts:
        letter = mnemonic(text)
        if letter is not None:
            letters.setdefault(letter.lower(), []).append(text)
    return {k: v for k, v in letters.items() if len(v) > 1 or not (k.isascii() and k.isalnum())}


def labels_shown(root: QWidget) -> list[str]:
    """The texts of ``root``'s visible buttons and labels that name a field."""
    texts = []
    for widget in root.findChildren(QWidget):
        names_a_field = isinstance(widget, QLabel) and widget.buddy() is not None
        if widget.isVisibleTo(root) and (isinstance(widget, QAbstractButton) or names_a_field):
            texts.append(widget.text())  # type: ignore[attr-defined]
    return texts


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_alt_letter_on_screen_names_one_thing(
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    qapp: QApplication,
    language: str,
) -> None:
    """Before, Cam kết's "Báo cáo &tiến độ" promised Alt+T, which opens the Tệp menu; on
    Cài đặt Alt+L was three things (two Lưu buttons and Loại), Alt+B and Alt+N two; the
    File menu had "Sổ đăng ký &mới" and "&Mở sổ đăng ký" on one letter, "&Đổi mật khẩu"
    and Ghi kết quả's "&Đính kèm" a letter no plain keyboard types; the English Cài đặt
    shared Alt+H, its File menu R, Ghi kết quả A (Attach, archive copy)."""
    install_translators(qapp, language)
    try:
        window = main_window(small_register.path)
        menu_bar = [action.text() for action in window.menuBar().actions()]
        clashes = {}
        for key in ("overview", "households", "pledges", "movements", "exchange", "settings"):
            window.show_place(key)
            QApplication.processEvents()
            clashes[key] = clashing_mnemonics(labels_shown(window) + menu_bar)
        window.settings_page.hamlet_editor.table.selectRow(0)  # its Sửa, Xoá shown
        QApplication.processEvents()
        clashes["a hamlet chosen"] = clashing_mnemonics(labels_shown(window) + menu_bar)
        window.show_place("households")
        window.household_page.select_row(0)
        window.household_page.pledge_box.record_button.click()
        record = window.pledge_page.record_dialog
        assert record is not None
        clashes["Ghi kết quả…"] = clashing_mnemonics(labels_shown(record))
        record.reject()
        (file_menu,) = [a.menu() for a in window.menuBar().actions()]
        assert isinstance(file_menu, QMenu)
        clashes["file menu"] = clashing_mnemonics([a.text() for a in file_menu.actions()])
        assert {place: found for place, found in clashes.items() if found} == {}
    finally:
        install_translators(qapp, "vi")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_alt_letter_of_the_set_up_wizard_names_one_thing(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication, language: str
) -> None:
    """Before, on the commune's page Alt+T was both Tiếp and Tỉnh, on the last page Alt+M
    both Mã hóa sổ and Mật khẩu; in English the hamlets' page shared Alt+B (Back, Border)
    and Alt+N (Next, New hamlet)."""
    install_translators(qapp, language)
    try:
        wizard = SetupWizard(tmp_path / "camket.sqlite3")
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        clashes = {"start": clashing_mnemonics(labels_shown(wizard))}
        wizard.next()
        page = wizard.commune_page
        qtbot.keyClicks(page.provinces.filter, "son la")
        qtbot.keyClick(page.provinces.filter, Qt.Key.Key_Return)
        qtbot.keyClicks(page.communes.filter, "sop cop")
        clashes["commune"] = clashing_mnemonics(labels_shown(wizard))
        wizard.next()
        editor = wizard.hamlet_page.editor
        editor.name.insert("Bản Nà Khi")
        qtbot.keyClick(editor.name, Qt.Key.Key_Return)
        editor.table.selectRow(0)
        clashes["hamlets"] = clashing_mnemonics(labels_shown(wizard))
        for name in ("keepers", "campaign", "summary"):
            wizard.next()
            clashes[name] = clashing_mnemonics(labels_shown(wizard))
        assert wizard.currentId() == SUMMARY
        assert {name: found for name, found in clashes.items() if found} == {}
    finally:
        install_translators(qapp, "vi")


def test_a_households_history_opens_with_its_latest_line_marked(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Lịch sử opened with the keyboard on its table and no line marked."""
    window = active_window(qtbot, main_window, small_register)
    page = window.household_page
    page.select_row(0)
    page.history_button.click()
    history = page.history_dialog
    assert history is not None
    qtbot.waitUntil(history.isActiveWindow)
    assert QApplication.focusWidget() is history.table
    qtbot.waitUntil(lambda: [i.row() for i in history.table.selectionModel().selectedRows()] == [0])
    history.close()


def test_page_down_turns_the_previews_pages_wherever_the_keyboard_is(qtbot: QtBot) -> None:
    """Before, a preview opened with the keyboard on its zoom-out button: Page Down did
    nothing, and only four Tabs to the page area (which shows no focus) let keys scroll it.
    Now Page Down/Up turn the pages, Ctrl+End and Ctrl+Home go to the last and the first."""
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(700, 600)
    preview.show()
    preview.activateWindow()  # shortcuts reach an active window
    qtbot.waitUntil(preview.isActiveWindow)
    pages = PdfPages(make_pdf(3))
    preview.set_pages(pages)
    preview.zoom_out_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(preview.zoom_out_button, Qt.Key.Key_PageDown)
    assert preview.page_label.text() == "Trang 2/3"
    qtbot.keyClick(preview.zoom_out_button, Qt.Key.Key_End, CTRL)
    assert preview.current_page() == 2
    qtbot.keyClick(preview.zoom_out_button, Qt.Key.Key_PageUp)
    assert preview.current_page() == 1
    qtbot.keyClick(preview.zoom_out_button, Qt.Key.Key_Home, CTRL)
    assert preview.page_label.text() == "Trang 1/3"
    preview.set_pages(None)
    pages.close()


def test_a_roster_says_how_to_leave_it_and_ctrl_tab_does(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, nothing on screen said how to leave a roster: Tab walks its cells (as in a
    spreadsheet), so a clerk on the keyboard alone found no way on to Lưu. Now the status
    bar says it when the keyboard comes into one."""
    window = active_window(qtbot, main_window, small_register)
    editor = open_editor_on(window, qtbot, "NT-001")  # the keyboard in the members' table
    assert QApplication.focusWidget() is editor.member_view
    said = window.statusBar().currentMessage()
    assert "Tab sang ô bên cạnh" in said and "Ctrl+Tab để ra khỏi bảng" in said
    window.statusBar().showMessage("đang gõ")
    editor.member_view.setCurrentIndex(editor.members.index(0, 0))
    type_cell(qtbot, editor, 0, 0, "Dang Van Hung")  # a cell typed in, then Enter
    assert QApplication.focusWidget() is editor.member_view
    assert window.statusBar().currentMessage() == "đang gõ"  # said once, not at each cell
    qtbot.keyClick(editor.member_view, Qt.Key.Key_Tab, CTRL)
    assert QApplication.focusWidget() is editor.add_member_button
    editor.dirty = False


def test_no_list_of_any_place_keeps_tab_inside_it(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Trao đổi dữ liệu's log of bundles (and a conflict's table of fields) took Tab
    from cell to cell, even empty: the keyboard, once in, never got out. Only a roster of
    the household editor walks its cells with Tab (Ctrl+Tab leaves it, as it says)."""
    window = active_window(qtbot, main_window, small_register)
    for key in ("overview", "households", "pledges", "movements", "exchange", "settings"):
        window.places.page(key)
    trapping = [
        view.accessibleName() or type(view).__name__
        for view in window.findChildren(QAbstractItemView)
        if view.tabKeyNavigation() and not isinstance(view, RosterView)
    ]
    assert trapping == []
    window.show_place("exchange")
    log = window.places.page("exchange").findChild(BundleLogTable)
    assert log is not None
    tabs = window.places.page("exchange").findChild(QTabWidget)
    assert tabs is not None
    (page,) = [i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(log)]
    tabs.setCurrentIndex(page)  # Tệp đã gửi và nhận
    log.setFocus(Qt.FocusReason.TabFocusReason)
    assert tab_from(qtbot, log) is not log


def test_esc_in_a_search_box_empties_it(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Esc in the search box did nothing: a clerk's way back to every household was
    the box's small clear button, for the mouse, or selecting the text and deleting it."""
    window = active_window(qtbot, main_window, small_register)
    page = window.household_page
    page.focus_search()
    qtbot.keyClicks(page.search_box, "hung")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert page.search_box.text() == ""
    qtbot.waitUntil(lambda: page.model.rowCount() == 6)
    assert QApplication.focusWidget() is page.search_box
    assert "Esc" in page.search_box.toolTip()

    qtbot.keyClick(page.search_box, Qt.Key.Key_4, CTRL)  # Biến động's box, the same
    ledger = window.pages.currentWidget()
    assert isinstance(ledger, LedgerPage)
    ledger.focus_search()
    qtbot.keyClicks(ledger.search, "hung")
    qtbot.keyClick(ledger.search, Qt.Key.Key_Escape)
    assert ledger.search.text() == ""
    # The window closed at once: the search still to run is dropped, not run on the closed
    # register (before, "Cannot operate on a closed database" came in the next test).
    window.shutdown()
    assert not ledger._search_timer.isActive()
