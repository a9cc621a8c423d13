"""A register holding values CamKet cannot read (a gender 'x', a birth 'abc', a hamlet's kind
'qq', a movement's day 'abc': written by another program, an old version or a database
tool): every screen opens and shows the row, the value as “(không đọc được: …)”; the editor
leaves it empty, says so, and a save keeps what is stored unless the clerk enters a value."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.movements import Movement, MovementKind
from desktop.messages import describe_issue
from desktop.services import ledger
from desktop.services.export_repairs import unsendable_rows
from desktop.services.register import open_existing
from desktop.ui.ledger_page import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.overview_page import OverviewPage
from tests.ui.conftest import settled
from tests.ui.test_campaigns_dialog import open_dialog
from tests.ui.test_household_editor import choose_cell, open_editor_on
from tests.ui.test_settings_page import open_settings

if TYPE_CHECKING:
    from tests.ui.conftest import SmallRegister

GENDER, BIRTH = 1, 2


def _damaged(small_register: SmallRegister) -> str:
    """The register as a database tool leaves it; the id of the movement it spoiled."""
    reg = open_existing(small_register.path)
    try:
        person_id, household_id = ledger.find_person(reg.db, "012075001234")
        away = Movement(
            MovementKind.TAM_VANG, household_id, dt.date(2026, 1, 5), person_id=person_id
        )
        ledger.add_movement(reg, away, dt.date(2026, 1, 6))
    finally:
        reg.close()
    with sqlite3.connect(small_register.path) as conn:
        conn.execute("UPDATE person SET gender = 'x' WHERE full_name = 'Đặng Văn Hùng'")
        conn.execute("UPDATE person SET birth = 'abc' WHERE full_name = 'Lý Thị Mai'")
        conn.execute("UPDATE hamlet SET kind = 'qq' WHERE name = 'Bản Pa Khóa'")
        conn.execute("UPDATE movement SET starts_on = 'abc' WHERE id = ?", [away.id])
    conn.close()
    return away.id


def test_every_screen_opens_on_values_camket_cannot_read_and_shows_them_as_such(
    main_window: Callable[..., MainWindow], small_register: SmallRegister, qtbot: QtBot
) -> None:
    movement_id = _damaged(small_register)
    window = main_window(small_register.path, place=None)
    overview = window.pages.currentWidget()
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: overview.counted)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.household_page
    codes = [page.model.index(row, 0).data() for row in range(page.model.rowCount())]
    assert {"NT-001", "PK-001"} <= set(codes)  # the household and the hamlet listed
    page.select_row(codes.index("NT-001"))
    members = page.detail.member_model
    qtbot.waitUntil(lambda: members.rowCount() == 2)
    headers = [
        members.headerData(c, Qt.Orientation.Horizontal) for c in range(members.columnCount())
    ]
    gender, birth = headers.index("Giới tính"), headers.index("Ngày sinh")
    assert members.index(0, gender).data() == "(không đọc được: x)"
    assert members.index(1, birth).data() == "(không đọc được: abc)"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    ledger_page = window.pages.currentWidget()
    assert isinstance(ledger_page, LedgerPage)
    qtbot.waitUntil(lambda: ledger_page.model.row_of(movement_id) is not None)
    row = ledger_page.model.row_of(movement_id)
    assert row is not None
    shown = [ledger_page.model.index(row, c).data() for c in range(5)]
    assert shown[0] == "Tạm vắng" and shown[4] == "(không đọc được: abc)"


def test_the_editor_leaves_them_empty_says_so_and_keeps_them_unless_the_clerk_enters_one(
    main_window: Callable[..., MainWindow], small_register: SmallRegister, qtbot: QtBot
) -> None:
    _damaged(small_register)
    window = main_window(small_register.path)
    editor = open_editor_on(window, qtbot, "NT-001")
    assert editor.members.text(0, "gender") == ""
    assert editor.members.text(1, "birth") == ""
    editor.member_view.setCurrentIndex(editor.members.index(0, GENDER))
    said = "Giới tính: sổ đang ghi “x”, CamKet không đọc được; hãy chọn lại"
    qtbot.waitUntil(lambda: said in editor.member_issue.text())
    editor.member_view.setCurrentIndex(editor.members.index(1, BIRTH))
    kept = (
        "Ngày sinh: sổ đang ghi “abc”, CamKet không đọc được; nhập giá trị đúng, hoặc để trống"
        " thì khi lưu vẫn giữ nguyên như đang ghi"
    )
    qtbot.waitUntil(lambda: kept in editor.member_issue.text())
    assert not editor.save_and_wait()  # the gender must be chosen: nothing is guessed
    choose_cell(qtbot, editor, 0, GENDER, "Nam")
    assert editor.save_and_wait()
    with sqlite3.connect(small_register.path) as conn:
        held = dict(conn.execute("SELECT full_name, gender || ' ' || birth FROM person"))
    conn.close()
    assert held["Đặng Văn Hùng"] == "nam 1975-03-12"  # chosen by the clerk
    assert held["Lý Thị Mai"] == "nu abc"  # left empty: kept as stored


def test_a_hamlet_whose_kind_camket_cannot_read_is_listed_as_such_and_kept_by_a_save(
    main_window: Callable[..., MainWindow], small_register: SmallRegister, qtbot: QtBot
) -> None:
    _damaged(small_register)
    window = main_window(small_register.path)
    editor = open_settings(qtbot, window).hamlet_editor
    row = next(
        r for r in range(editor.table.rowCount()) if editor.table.item(r, 0).text() == "Bản Pa Khóa"
    )
    assert editor.table.item(row, 1).text() == "(không đọc được: qq)"
    editor.table.selectRow(row)
    assert editor.kind.currentIndex() == -1  # nothing chosen for the clerk
    editor.head.setText("Giàng A Dế")
    qtbot.keyClick(editor.head, Qt.Key.Key_Return)
    settled(qtbot, window)
    with sqlite3.connect(small_register.path) as conn:
        held = conn.execute("SELECT kind, head_name FROM hamlet WHERE name = 'Bản Pa Khóa'")
        assert held.fetchone() == ("qq", "Giàng A Dế")
    conn.close()
    # camket check and the export send the clerk to the form that takes a kind again.
    (line,) = [r for r in unsendable_rows(window.register.db, upper=False) if r[0] == "thôn"]
    assert describe_issue(line[2]) == (
        "Loại: “qq” không phải giá trị sổ đọc được (sửa ở màn hình Cài đặt)"
    )


def test_a_campaign_whose_day_camket_cannot_read_is_listed_as_such(
    main_window: Callable[..., MainWindow], small_register: SmallRegister, qtbot: QtBot
) -> None:
    with sqlite3.connect(small_register.path) as conn:
        conn.execute("UPDATE campaign SET starts_on = 'abc', ends_on = '2026-06-30'")
    conn.close()
    window = main_window(small_register.path)
    _page, dialog = open_dialog(qtbot, window)
    cells = [dialog.table.item(0, c) for c in range(dialog.table.columnCount())]
    assert "(không đọc được: abc) – 30/06/2026" in [c.text() for c in cells if c is not None]
