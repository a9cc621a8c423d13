"""A window that guides: empty states say what to do next, a member found by the search is
named and selected, the window fits a 1024×768 screen, numbers follow the language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.domain.movements import ReminderReason
from desktop.domain.pledges import HamletProgress
from desktop.services.register import create_register
from desktop.ui.main_window import MainWindow
from desktop.ui.numbers import format_percent, group_thousands
from desktop.ui.overview_page import OverviewPage, reminder_name
from desktop.ui.progress_model import ProgressModel
from desktop.ui.translations import install_translators
from tests.ui.conftest import HAMLETS, SIN_HO, SmallRegister

OpenWindow = Callable[..., MainWindow]


def _search(qtbot: QtBot, window: MainWindow, text: str, households: int) -> None:
    page = window.household_page
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        page.search_box.setText(text)
    qtbot.waitUntil(lambda: page.model.rowCount() == households)


def test_an_empty_register_offers_to_add_or_import(
    qtbot: QtBot, main_window: OpenWindow, tmp_path: Path
) -> None:
    path = tmp_path / "trong.sqlite3"
    create_register(path, SIN_HO, HAMLETS)
    window = main_window(path)
    page = window.household_page
    assert page.list_stack.currentWidget() is page.empty
    assert "chưa có hộ nào" in page.empty.message.text()
    assert page.empty.add_button.isVisible() and page.empty.add_button.text() == "Thêm hộ (Ctrl+N)"
    assert page.empty.import_button.text() == "Nhập danh sách (Ctrl+I)"
    assert not page.empty.clear_button.isVisible()
    qtbot.mouseClick(page.empty.import_button, Qt.MouseButton.LeftButton)
    assert window.import_wizard is not None and window.import_wizard.isVisible()
    window.import_wizard.reject()
    qtbot.mouseClick(page.empty.add_button, Qt.MouseButton.LeftButton)
    assert page.editing


def test_the_pledges_of_an_empty_register_say_to_add_households_first(
    qtbot: QtBot, main_window: OpenWindow, tmp_path: Path
) -> None:
    """Before, Cam kết over a new register said only "Chưa ký trong toàn xã: 0 hộ" above an
    empty list, with "In bản cam kết…" beside it: nothing said where the households come
    from."""
    path = tmp_path / "trong.sqlite3"
    create_register(path, SIN_HO, HAMLETS)
    window = main_window(path, place="pledges")
    label = window.pledge_page.unsigned_label
    qtbot.waitUntil(lambda: label.text() != "")
    assert label.text() == (
        "Sổ chưa có hộ nào: thêm hộ hoặc nhập danh sách ở mục Hộ gia đình (Ctrl+2), rồi in"
        " bản cam kết ở đây."
    )


def test_a_search_with_no_hits_says_so_and_clears(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    _search(qtbot, window, "zzzz", 0)
    assert page.list_stack.currentWidget() is page.empty
    assert page.empty.message.text() == "Không có hộ nào khớp với “zzzz”."
    assert page.empty.clear_button.isVisible() and not page.empty.add_button.isVisible()
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        qtbot.mouseClick(page.empty.clear_button, Qt.MouseButton.LeftButton)
    assert page.search_box.text() == "" and page.model.rowCount() == 6
    assert page.list_stack.currentWidget() is page.view


def test_a_member_found_by_the_search_is_named_and_selected(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    _search(qtbot, window, "ly thi mai", 1)  # the wife, not the head, of NT-001
    assert page.model.index(0, 1).data() == "Đặng Văn Hùng (nhân khẩu: Lý Thị Mai)"
    page.select_row(0)
    selected = page.detail.member_view.selectionModel().selectedRows()
    assert [page.detail.member_model.record(i.row()).full_name for i in selected] == ["Lý Thị Mai"]
    _search(qtbot, window, "dang van hung", 1)  # the head himself: nothing added
    assert page.model.index(0, 1).data() == "Đặng Văn Hùng"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_window_fits_1024_by_768(
    qapp: QApplication,
    qtbot: QtBot,
    main_window: OpenWindow,
    small_register: SmallRegister,
    language: str,
) -> None:
    """In English too: before, the household list's empty state (hidden behind the list,
    its three buttons in a row) made the window 1,030 px wide at least, cut at the right
    of a 1024 px screen, and more with a pledge's "Review the conflict…" shown."""
    install_translators(qapp, language)
    window = main_window(small_register.path, size=(1024, 768))
    places = window.places.keys()
    for key in places:
        window.show_place(key)
        QApplication.processEvents()
        assert window.minimumSizeHint().width() <= 1000, key
        assert window.width() <= 1024, key
    window.show_place("households")
    box = window.household_page.pledge_box  # a pledge another PC recorded otherwise
    box.waiting.show()
    box.review_button.show()
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1000
    window.show_place("households")
    QApplication.processEvents()
    view = window.household_page.view
    header = view.horizontalHeader()
    # Every column is in view (it scrolled sideways for the member count), the code whole.
    assert header.length() <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    metrics = view.fontMetrics()
    assert header.sectionSize(0) > metrics.horizontalAdvance("NH-00000")
    assert header.sectionSize(3) > metrics.horizontalAdvance(
        view.model().headerData(3, Qt.Orientation.Horizontal)
    )


def test_the_reminders_fit_at_1024_and_1366_without_scrolling_sideways(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    # At 1024 the table of reminders scrolled sideways for who and which household (at
    # 1366 too, a little): below the campaign on a narrow window, beside it on a wide one.
    window = main_window(small_register.path, size=(1024, 768), place=None)
    page = _counted_overview(qtbot, window)
    for width, stacked in ((1024, True), (1366, False)):
        window.resize(width, 768)
        QApplication.processEvents()
        assert page.stacked is stacked, width
        view = page.reminders
        header = view.horizontalHeader()
        assert header.length() <= view.viewport().width(), width
        assert view.horizontalScrollBar().maximum() == 0, width
        metrics = view.fontMetrics()
        for column in range(header.count()):
            heading = header.model().headerData(column, Qt.Orientation.Horizontal)  # shown
            assert header.sectionSize(column) > metrics.horizontalAdvance(heading), column
        assert header.sectionSize(0) > metrics.horizontalAdvance("00/00/0000")
        # What is due reads on two lines at most.
        longest = max(
            metrics.horizontalAdvance(name) for name in map(reminder_name, ReminderReason)
        )
        assert 2 * header.sectionSize(1) > longest, width


def test_numbers_follow_the_interface_language(qapp: QApplication) -> None:
    hamlet = HamletProgress("h", "Bản Nậm Tăm", 1000, 486, 0, 0, 0, 514, target_percent=95)
    model = ProgressModel()
    model.set_rows([hamlet])
    column = ProgressModel.PROGRESS_COLUMN
    assert model.index(0, column).data() == "48,6 % / 95 %"
    assert (group_thousands(1234), format_percent(48.6)) == ("1.234", "48,6")
    install_translators(qapp, "en")
    assert model.index(0, column).data() == "48.6 % of 95 %"
    assert model.index(0, 1).data() == "1,000"
    assert (group_thousands(1234), format_percent(48.6)) == ("1,234", "48.6")


def _counted_overview(qtbot: QtBot, window: MainWindow) -> OverviewPage:
    """The window's Tổng quan once its counts came."""
    page = window.pages.currentWidget()
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: page.counted)
    return page


def test_the_overview_shows_each_hamlets_bar_at_1024_without_scrolling(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path, size=(1024, 768), place=None)
    page = _counted_overview(qtbot, window)
    QApplication.processEvents()
    view = page.progress_view
    bar = view.horizontalHeader().sectionViewportPosition(ProgressModel.PROGRESS_COLUMN)
    # The bar toward the target (the point of the table) begins well inside the pane and
    # has room for its words ("51,1 % / 100 %").
    assert view.horizontalScrollBar().maximum() == 0
    assert view.viewport().width() - bar >= view.fontMetrics().horizontalAdvance("51,1 % / 100 %")


def test_the_large_dialogs_keep_within_the_screen(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    # The campaigns dialog asked for 1100 px and the template editor 1200 × 700: on a
    # 1024×768 laptop their right side (Đóng, Lưu) was off the screen.
    window = main_window(small_register.path, size=(1024, 768), place="pledges")
    room = window.screen().availableGeometry()
    page = window.pledge_page
    for dialog in (page.manage_campaigns(), page.edit_templates()):
        assert dialog is not None
        qtbot.waitExposed(dialog)
        assert dialog.width() <= room.width() and dialog.height() <= room.height(), dialog
        dialog.reject()


def test_the_overview_says_when_nothing_needs_attention(
    qtbot: QtBot, main_window: OpenWindow, tmp_path: Path
) -> None:
    path = tmp_path / "trong.sqlite3"
    create_register(path, SIN_HO, HAMLETS)
    window = main_window(path, place=None)
    page = _counted_overview(qtbot, window)
    assert page.reminder_model.rowCount() == 0
    assert page.reminder_hint.text() == "Hôm nay không có việc nào cần theo dõi."


def test_the_overview_shows_each_hamlet_and_total_whole(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    # The header holds its titles in a model of its own: the columns sized to their
    # contents kept the titles' width when the counts came, cutting the total ('1.0…')
    # and wrapping each hamlet's name.
    window = main_window(small_register.path, size=(1366, 768), place=None)
    page = _counted_overview(qtbot, window)
    QApplication.processEvents()
    view, model = page.progress_view, page.progress_model
    metrics = view.fontMetrics()
    for column in (0, 1, 2):
        widest = max(
            metrics.horizontalAdvance(str(model.index(row, column).data()))
            for row in range(model.rowCount())
        )
        assert view.columnWidth(column) > widest, column


def _full_rows(view: QTableView) -> int:
    """How many rows the table shows whole, without scrolling."""
    height = view.viewport().height()
    return sum(
        1
        for row in range(view.model().rowCount())
        if view.rowViewportPosition(row) >= 0
        and view.rowViewportPosition(row) + view.rowHeight(row) <= height
    )


def test_the_overview_at_1024_by_600_keeps_room_for_the_reminders(
    qtbot: QtBot, main_window: OpenWindow, tmp_path: Path
) -> None:
    # A netbook's screen: the figures, the campaign's table with an empty row's space under
    # it and the reminders shared the height, and two and a half reminders showed of 26.
    path = tmp_path / "mau.sqlite3"
    assert main(["demo", "--db", str(path), "--households", "300", "--seed", "7"]) == 0
    window = main_window(path, size=(1024, 600), place=None)
    page = _counted_overview(qtbot, window)
    QApplication.processEvents()
    assert page.reminder_model.rowCount() >= 10
    assert _full_rows(page.reminders) >= 5
    progress = page.progress_view  # every hamlet's bar still in view, none scrolled away
    assert progress.verticalScrollBar().maximum() == 0
    assert _full_rows(progress) == page.progress_model.rowCount()
    window.resize(1024, 768)  # a taller screen: more of them
    QApplication.processEvents()
    assert _full_rows(page.reminders) >= 9


def _shown_columns(view: QTableView) -> list[str]:
    model = view.model()
    return [
        str(model.headerData(c, Qt.Orientation.Horizontal))
        for c in range(model.columnCount())
        if not view.isColumnHidden(c)
    ]


def _no_sideways_scroll(view: QTableView) -> None:
    assert view.horizontalHeader().length() <= view.viewport().width(), _shown_columns(view)
    assert view.horizontalScrollBar().maximum() == 0


def test_the_ledger_and_a_households_members_do_not_scroll_sideways_at_1024(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    # At 1024 px the Biến động table (beside the tip log) and the household's 8-column table
    # of members scrolled sideways: the person and the day were off the screen.
    window = main_window(small_register.path, size=(1024, 768))
    page = window.household_page
    page.select_row(0)
    qtbot.waitUntil(lambda: page.detail.household_id is not None)
    members = page.detail.member_view
    for width, hidden in ((1024, {"Dân tộc", "Cư trú", "Giới tính"}), (1366, set())):
        window.resize(width, 768)
        QApplication.processEvents()
        _no_sideways_scroll(members)
        shown = _shown_columns(members)
        assert shown[:2] == ["Họ và tên", "Hiện trạng"]
        assert {"Ngày sinh", "Số định danh"} <= set(shown)
        assert hidden.isdisjoint(shown) and (width == 1024 or "Giới tính" in shown), shown
    window.show_place("movements")
    ledger = window.places.page("movements")
    for width in (1024, 1366):
        window.resize(width, 768)
        QApplication.processEvents()
        qtbot.waitUntil(lambda: ledger.table.horizontalScrollBar().maximum() == 0)
        _no_sideways_scroll(ledger.table)
        shown = _shown_columns(ledger.table)
        wanted = ["Loại", "Họ và tên", "Hộ", "Từ ngày", "Đến ngày"]
        assert [c for c in shown if c in wanted] == wanted, shown
        if width == 1024:  # the tip log under the movements, as wide as they are
            assert ledger.split.orientation() == Qt.Orientation.Vertical
        _no_sideways_scroll(ledger.tips)


def test_every_kind_of_movement_is_read_whole_in_english_at_1024(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister, qapp: QApplication
) -> None:
    """Before, the English Movements table cut its Kind column at 112 px: "Temporary
    residence" and "Temporary absence" both read "Temporary …"."""
    from desktop.domain.movements import MovementKind
    from desktop.ui.ledger_model import kind_name

    install_translators(qapp, "en")
    try:
        window = main_window(small_register.path, size=(1024, 768), place="movements")
        ledger = window.places.page("movements")
        QApplication.processEvents()
        table = ledger.table  # type: ignore[attr-defined]
        metrics = table.fontMetrics()
        widest = max(metrics.horizontalAdvance(kind_name(kind)) for kind in MovementKind)
        assert metrics.horizontalAdvance("Temporary residence") == widest
        assert table.columnWidth(0) > widest + 8  # the cell's margins besides the text
        assert table.horizontalScrollBar().maximum() == 0
    finally:
        install_translators(qapp, "vi")


def _tabbed_through(qtbot: QtBot, start: QWidget, presses: int = 25) -> list[QWidget]:
    """The widgets the focus visits from ``start`` on, one Tab after another."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [start]
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    return visited


def test_tab_leaves_each_list_for_the_buttons_after_it(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, Tab in a list moved from cell to cell and never left it: from the household
    list the keyboard never reached Sửa or In bản cam kết (Ctrl+P), on Tổng quan never the
    reminders, on Cam kết never the unsigned list, on Biến động never Ghi tin báo."""
    window = main_window(small_register.path, size=(1024, 768))
    households = window.household_page
    households.select_row(0)
    qtbot.waitUntil(lambda: households.detail.household_id is not None)
    visited = _tabbed_through(qtbot, households.view)
    assert households.edit_button in visited
    assert households.pledge_box.print_button in visited

    window.show_place("overview")
    overview = window.places.page("overview")
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: overview.counted)
    assert overview.reminders in _tabbed_through(qtbot, overview.progress_view)

    window.show_place("pledges")
    pledges = window.pledge_page
    assert pledges.unsigned_view in _tabbed_through(qtbot, pledges.progress_view)

    window.show_place("movements")
    ledger = window.places.page("movements")
    assert ledger.new_tip_button in _tabbed_through(qtbot, ledger.table)  # type: ignore[attr-defined]


def test_the_heads_names_are_read_whole_in_the_household_list_at_1024(
    qtbot: QtBot, main_window: OpenWindow, small_register: SmallRegister
) -> None:
    """Before, at 1024 px the head's name and the hamlet shared 86 px each: "Hoàng Văn X…",
    half the demo's 300 heads cut. The hamlet column now makes way (the detail and the
    filter name it) and comes back on a wider screen."""
    window = main_window(small_register.path, size=(1024, 768))
    view = window.household_page.view
    QApplication.processEvents()
    metrics = view.fontMetrics()
    assert view.isColumnHidden(2)
    assert view.columnWidth(1) > metrics.horizontalAdvance("Nguyễn Thị Phương Thảo")
    assert view.horizontalScrollBar().maximum() == 0
    window.resize(1366, 768)
    QApplication.processEvents()
    assert not view.isColumnHidden(2)
    assert view.columnWidth(1) > metrics.horizontalAdvance("Nguyễn Thị Phương Thảo")
