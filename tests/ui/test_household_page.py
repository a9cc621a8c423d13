"""The household register as a clerk uses it: search as you type, hamlet filter, open household."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.entities import BirthDate, Gender, Household, Person
from desktop.services.demo import create_demo_register
from desktop.services.register import open_existing
from desktop.store import households as repo
from desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from tests.ui.conftest import SmallRegister

MakeWindow = Callable[..., MainWindow]


def listed_codes(window: MainWindow) -> list[str]:
    model = window.household_page.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def member_names(window: MainWindow) -> list[str]:
    model = window.household_page.detail.member_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_title_names_the_commune_and_the_file(
    main_window: MakeWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    assert window.windowTitle() == f"CamKet — Xã Sìn Hồ, Lai Châu — {small_register.path}"


def test_the_whole_register_is_listed_with_a_count(
    main_window: MakeWindow, small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    assert listed_codes(window) == ["NT-001", "NT-002", "PK-001", "PK-002", "HT-001", "HT-002"]
    assert page.count_label.text() == "6 hộ"
    assert page.search_box.placeholderText() == "Tìm theo tên, số định danh, điện thoại, mã hộ…"
    assert page.model.index(0, 1).data() == "Đặng Văn Hùng"
    assert page.model.index(0, 2).data() == "Bản Nậm Tăm"
    assert page.model.index(0, 3).data() == "2"
    assert page.detail.currentWidget() is page.detail.empty_hint


def test_typing_dang_finds_dang_without_diacritics(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    qtbot.keyClicks(window.household_page.search_box, "dang")
    qtbot.waitUntil(lambda: listed_codes(window) == ["NT-001"])
    assert window.household_page.count_label.text() == "1 hộ"


def test_hoa_finds_both_tone_placements(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    qtbot.keyClicks(window.household_page.search_box, "hoa")
    # "Lò Thị Hoà" (old placement) and "Giàng A Hòa" (new placement).
    qtbot.waitUntil(lambda: listed_codes(window) == ["NT-002", "PK-001"])


def test_search_by_household_code_and_clearing_brings_all_back(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    box = window.household_page.search_box
    qtbot.keyClicks(box, "pk-002")
    qtbot.waitUntil(lambda: listed_codes(window) == ["PK-002"])
    box.clear()
    qtbot.waitUntil(lambda: len(listed_codes(window)) == 6)


def test_choosing_a_hamlet_lists_only_its_households(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    combo = window.household_page.hamlet_combo
    assert combo.itemText(0) == "Tất cả thôn/bản"
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "Bản Nậm Tăm",
        "Bản Pa Khóa",
        "Thôn Hồng Thu",
    ]
    combo.setCurrentIndex(combo.findText("Bản Pa Khóa"))
    qtbot.waitUntil(lambda: listed_codes(window) == ["PK-001", "PK-002"])
    # The hamlet and the query narrow together.
    qtbot.keyClicks(window.household_page.search_box, "hoa")
    qtbot.waitUntil(lambda: listed_codes(window) == ["PK-001"])


def test_selecting_a_household_shows_its_members_and_relatives(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    rect = page.view.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    detail = page.detail
    assert detail.household_id == small_register.ids["NT-001"]
    assert detail.title.text() == "Hộ NT-001"
    assert detail.head.text() == "Đặng Văn Hùng"
    assert detail.hamlet.text() == "Bản Nậm Tăm"
    assert member_names(window) == ["Đặng Văn Hùng", "Lý Thị Mai"]
    members = detail.member_model
    first = [members.index(0, c).data() for c in range(members.columnCount())]
    assert first == [
        "Đặng Văn Hùng",
        "Có mặt",  # where they are now, from the residency ledger
        "Nam",
        "12/03/1975",
        "012075001234",
        "Chủ hộ",
        "Dao",
        "Thường trú",
    ]
    assert members.index(1, 3).data() == "1979"
    assert members.index(1, 7).data() == "Tạm trú"
    assert detail.relative_view.isVisible()
    relatives = detail.relative_model
    assert [relatives.index(0, c).data() for c in range(4)] == [
        "Đặng Văn Tài",
        "Con trai",
        "Trung Quốc",
        "2019",
    ]

    page.view.selectRow(1)
    assert member_names(window) == ["Lò Thị Hoà"]
    assert not detail.relative_view.isVisible()


def test_the_open_household_stays_open_while_it_still_matches(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    page.select_row(2)  # PK-001, Giàng A Hòa
    qtbot.keyClicks(page.search_box, "hoa")
    qtbot.waitUntil(lambda: listed_codes(window) == ["NT-002", "PK-001"])
    assert page.detail.household_id == small_register.ids["PK-001"]
    assert page.view.currentIndex().row() == 1
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, "bich")
    qtbot.waitUntil(lambda: listed_codes(window) == ["HT-002"])
    assert page.detail.household_id is None


@pytest.mark.parametrize("query", ["!!!", "…", "  -- ", "“”"])
def test_punctuation_only_shows_a_quiet_hint(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot, query: str
) -> None:
    window = main_window(small_register.path)
    box = window.household_page.search_box
    if query.isascii():
        qtbot.keyClicks(box, query)
    else:
        box.insert(query)  # as an input method commits it (QTest types ASCII only)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "phải có chữ hoặc số" in bar.currentMessage())
    assert QApplication.activeModalWidget() is None
    assert len(listed_codes(window)) == 6  # the list stays as it was


def test_a_late_answer_to_an_older_query_is_dropped(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    old = page.search.request("dang", None, immediately=True)
    qtbot.keyClicks(page.search_box, "hoa")
    qtbot.waitUntil(lambda: listed_codes(window) == ["NT-002", "PK-001"])
    page.search.found.emit(old, "dang", [small_register.ids["NT-001"]])
    QApplication.processEvents()
    assert listed_codes(window) == ["NT-002", "PK-001"]


def test_an_answer_still_on_its_way_when_the_window_closes_reads_nothing_more(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    """The search worker answered just before the window closed: the answer, delivered
    after the register closed, must not make the page read the closed register."""
    window = main_window(small_register.path)
    page = window.household_page
    page.select_row(0)
    shown = page.detail.household_id
    latest = page.search.request("", None, immediately=True)
    assert page.search.wait_idle()  # its answer is queued to the window, not yet delivered
    window.close()
    window.register.close()
    page.search.found.emit(latest, "", [shown])  # as the queued one arrives
    qtbot.wait(20)  # pytest-qt fails the test on an exception raised in a slot
    assert page.detail.household_id == shown


def test_ctrl_f_focuses_the_search_box(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = window.household_page
    page.view.setFocus()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search_box.hasFocus)


@pytest.mark.slow
def test_twenty_thousand_households_scroll_with_a_bounded_cache(
    main_window: MakeWindow, bulk_register: Callable[[int], Path], qtbot: QtBot
) -> None:
    window = main_window(bulk_register(20_000))
    page = window.household_page
    model = page.model
    assert model.rowCount() == 20_000
    assert page.count_label.text() == "20.000 hộ"
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.view.rowAt(page.view.viewport().height() - 2) == 19_999)
    page.view.viewport().repaint()
    assert model.household_row(19_999) is not None
    # The top page and the bottom page (perhaps its neighbour), not the 79 in between.
    assert model.pages_fetched <= 4
    assert model.cached_pages <= model.MAX_PAGES
    page.select_row(19_999)
    assert page.detail.household_id == model.household_id(19_999)


def click_header(window: MainWindow, column: int) -> None:
    header = window.household_page.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_a_click_on_a_header_sorts_the_list_and_keeps_the_household_selected(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    """Before, the headers sorted nothing: the list stayed by hamlet and code. Codes sort
    by their numbers (NT-2 before NT-10), heads the Vietnamese way (given name first), and
    the household selected stays selected, scrolled to."""
    register = open_existing(small_register.path)
    try:
        for code, name in (("NT-10", "Vàng Văn Ba"), ("NT-2", "Hà Thị Yến")):
            repo.add_household(
                register.writer,
                Household(hamlet_id=small_register.hamlet_ids["Bản Nậm Tăm"], code=code),
                [Person(household_id="", full_name=name, gender=Gender.MALE)],
            )
    finally:
        register.close()
    window = main_window(small_register.path)
    page = window.household_page
    by_hamlet = ["NT-001", "NT-002", "NT-2", "NT-10", "PK-001", "PK-002", "HT-001", "HT-002"]
    assert listed_codes(window) == by_hamlet
    page.select_row(by_hamlet.index("PK-002"))
    chosen = small_register.ids["PK-002"]
    assert page.detail.household_id == chosen

    click_header(window, 0)
    by_code = ["HT-001", "HT-002", "NT-001", "NT-002", "NT-2", "NT-10", "PK-001", "PK-002"]
    qtbot.waitUntil(lambda: listed_codes(window) == by_code)
    header = page.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.AscendingOrder,
    )
    assert page.model.household_id(page.view.currentIndex().row()) == chosen
    assert page.detail.household_id == chosen
    click_header(window, 0)  # again: the other way round
    qtbot.waitUntil(lambda: listed_codes(window) == by_code[::-1])
    assert page.model.household_id(page.view.currentIndex().row()) == chosen

    click_header(window, 1)  # An, Ba, Bích, Dợ, Hòa, Hoà, Hùng, Yến
    qtbot.waitUntil(lambda: listed_codes(window)[:3] == ["HT-001", "NT-10", "HT-002"])
    assert listed_codes(window)[-2:] == ["NT-001", "NT-2"]
    click_header(window, 3)  # members: the two-member household last
    qtbot.waitUntil(lambda: listed_codes(window)[-1] == "NT-001")
    # A search keeps the order chosen.
    qtbot.keyClicks(page.search_box, "NT")
    qtbot.waitUntil(lambda: listed_codes(window) == ["NT-002", "NT-2", "NT-10", "NT-001"])


def test_sorting_20000_households_reads_one_page(
    main_window: MakeWindow, bulk_register: Callable[[int], Path], qtbot: QtBot
) -> None:
    """The order comes from SQL: the list keeps its ids only and reads the rows shown."""
    window = main_window(bulk_register(20_000))
    page = window.household_page
    model = page.model
    before = model.pages_fetched
    page.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.index(0, 0).data() == "H-019999")
    page.view.viewport().repaint()
    assert model.rowCount() == 20_000
    assert model.index(19_999, 0).data() == "H-000000"
    assert model.pages_fetched - before <= 3  # the top page (and its neighbour), the last
    assert model.cached_pages <= model.MAX_PAGES


def add_big_household(path: Path, hamlet_id: str, count: int) -> str:
    """A household of `count` members (a boarding house, a border post), added to the register."""
    register = open_existing(path)
    try:
        household = Household(hamlet_id=hamlet_id, code="NT-060")
        people = [
            Person(
                household_id="",
                full_name=f"Thành viên {n}",
                gender=Gender.MALE if n % 2 else Gender.FEMALE,
                birth=BirthDate(1960 + n % 50),
                relationship="Chủ hộ" if n == 0 else "Con",
            )
            for n in range(count)
        ]
        repo.add_household(register.writer, household, people)
        return household.id
    finally:
        register.close()


def test_a_sixty_member_household_still_fits_a_1366_by_768_screen(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    add_big_household(small_register.path, small_register.hamlet_ids["Bản Nậm Tăm"], 60)
    window = main_window(small_register.path)
    page = window.household_page
    page.select_row(listed_codes(window).index("NT-060"))
    assert page.detail.member_model.rowCount() == 60
    QApplication.processEvents()
    assert window.minimumSizeHint().height() <= 700
    assert window.sizeHint().height() <= 700
    assert window.height() <= 768
    view = page.detail.member_view
    assert view.verticalScrollBar().maximum() > 0  # the rows scroll inside the table

    qtbot.keyClick(page.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.editing and page.editor.members.row_count() >= 60
    QApplication.processEvents()
    assert window.minimumSizeHint().height() <= 700
    assert window.height() <= 768


def test_a_sixty_member_household_edited_at_1024_by_768_gives_the_height_to_its_members(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    """Before, the empty table of relatives abroad kept ~110 px (four rows of nothing) while
    the 60 members showed 14 rows; now it is as tall as its rows, and grows as they come."""
    add_big_household(small_register.path, small_register.hamlet_ids["Bản Nậm Tăm"], 60)
    window = main_window(small_register.path, size=(1024, 768))
    page = window.household_page
    page.select_row(listed_codes(window).index("NT-060"))
    qtbot.keyClick(page.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = page.editor
    QApplication.processEvents()
    relatives, members = editor.relative_view, editor.member_view
    row = relatives.verticalHeader().defaultSectionSize()
    assert relatives.height() < relatives.horizontalHeader().height() + 2 * row + 20
    assert members.rowAt(members.viewport().height() - 1) >= 15  # 16 rows seen, or more
    before = relatives.height()
    for _ in range(3):
        qtbot.mouseClick(editor.add_relative_button, Qt.MouseButton.LeftButton)
    assert editor.relatives.row_count() == 3
    qtbot.waitUntil(lambda: relatives.height() >= before + 2 * row)
    editor.dirty = False


def test_the_english_count_says_1_household_not_1_households(
    main_window: MakeWindow, small_register: SmallRegister, qtbot: QtBot, qapp: QApplication
) -> None:
    from desktop.ui.translations import install_translators

    install_translators(qapp, "en")
    try:
        window = main_window(small_register.path)
        page = window.household_page
        assert page.count_label.text() == "6 households"
        qtbot.keyClicks(page.search_box, "NT-001")
        qtbot.waitUntil(lambda: page.count_label.text() == "1 household")
        window.show_place("movements")
        ledger = window.pages.currentWidget()
        assert ledger.count.text() == "0 movements"  # type: ignore[attr-defined]
    finally:
        install_translators(qapp, "vi")


def test_a_household_with_no_recorded_change_says_so_in_its_history(
    main_window: MakeWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """Before, the history of a household nothing was recorded for (the sample data; one
    merged from a commune) was an empty table titled "Lịch sử thay đổi của hộ " (no code)."""
    path = tmp_path / "mau.sqlite3"
    create_demo_register(path, households=3, seed=4)
    window = main_window(path)
    page = window.household_page
    page.select_row(0)
    code = page.model.index(0, 0).data()
    qtbot.waitUntil(lambda: page.detail.household_id == page.model.household_id(0))
    qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)
    dialog = page.history_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == f"Lịch sử thay đổi của hộ {code}"
    assert dialog.lines() == []
    assert dialog.empty.isVisible()
    assert dialog.empty.text() == "Chưa có thay đổi nào được ghi cho hộ này."
    dialog.close()
