"""A household whose members all died or moved out still counts as not signed (the counts
stay what they are): Tổng quan reminds the clerk of it, in Vietnamese, and opens it; the Cam
kết page says how many of a hamlet's unsigned households are such."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.movements import Movement, MovementKind
from desktop.services import ledger
from desktop.services.register import open_existing
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import SmallRegister
from tests.ui.test_ledger_page import _counted
from tests.ui.test_pledge_page import open_page

OpenWindow = Callable[..., MainWindow]
REMINDED = "Hộ không còn ai cư trú: xóa hộ hoặc cập nhật thành viên"


def _died_alone(small_register: SmallRegister, household_id: str, today: dt.date) -> None:
    """The one member of ``household_id`` died nine days ago."""
    register = open_existing(small_register.path)
    try:
        (person_id,) = register.db.execute(
            "SELECT id FROM person WHERE household_id = ?", [household_id]
        ).fetchone()
        died = Movement(
            MovementKind.CHET, household_id, today - dt.timedelta(days=9), person_id=person_id
        )
        ledger.add_movement(register, died, today)
    finally:
        register.close()


def test_a_household_where_nobody_lives_any_more_is_reminded_and_opens(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    household_id = small_register.ids["PK-001"]  # Giàng A Hòa alone
    today = dt.date.today()
    _died_alone(small_register, household_id, today)
    window = main_window(small_register.path, place=None)
    overview = _counted(window, qtbot)
    model = overview.reminder_model
    shown = [[model.index(row, c).data() for c in range(4)] for row in range(model.rowCount())]
    assert shown[0][0] == (today - dt.timedelta(days=9)).strftime("%d/%m/%Y")  # the death
    assert shown[0][1:] == [REMINDED, "Giàng A Hòa", "PK-001"]
    assert shown[-1][2] == "6 hộ"  # still not signed: the count is the same
    assert "0/6 hộ đã ký" in overview.campaign.text()

    overview.reminders.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(overview.reminders, Qt.Key.Key_Return)
    households = window.household_page
    assert window.pages.currentWidget() is households
    qtbot.waitUntil(lambda: households.detail.household_id == household_id)

    page = open_page(window)
    row = page.progress_model.row_of(small_register.hamlet_ids["Bản Pa Khóa"])
    assert row is not None
    page.progress_view.selectRow(row)
    assert page.unsigned_label.text() == (
        "Chưa ký ở Bản Pa Khóa: 2 hộ — trong đó 1 hộ không còn ai cư trú: xóa hộ hoặc cập"
        " nhật thành viên (xem Tổng quan)"
    )
    row = page.progress_model.row_of(small_register.hamlet_ids["Bản Nậm Tăm"])
    assert row is not None
    page.progress_view.selectRow(row)
    assert page.unsigned_label.text() == "Chưa ký ở Bản Nậm Tăm: 2 hộ"


def test_the_unsigned_count_is_read_whole_on_a_1024_screen_in_english(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot, qapp: QApplication
) -> None:
    """Before, this line above the unsigned list never wrapped: it made the English window
    1,080 px wide at least, past a 1024 px screen's edge ("…delete them or update their
    members (" and the rest cut off)."""
    from desktop.ui.translations import install_translators

    household_id = small_register.ids["PK-001"]
    today = dt.date.today()
    _died_alone(small_register, household_id, today)
    install_translators(qapp, "en")
    try:
        window = main_window(small_register.path, size=(1024, 768), place="pledges")
        page = window.pledge_page
        label = page.unsigned_label
        qtbot.waitUntil(lambda: "nobody lives any more" in label.text())
        assert label.text().endswith("update their members (Overview)")
        assert window.width() == 1024
        assert window.minimumSizeHint().width() <= 1000
        assert label.minimumSizeHint().width() <= label.width()
        assert label.heightForWidth(label.width()) <= label.height()
    finally:
        install_translators(qapp, "vi")
