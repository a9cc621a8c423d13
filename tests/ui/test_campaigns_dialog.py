"""The "Đợt cam kết" dialog from the Pledges page: start a campaign, switch the current one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.pledges import PledgeStatus
from desktop.services import pledges as service
from desktop.services.register import open_existing
from desktop.ui.campaigns_dialog import CampaignsDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.pledge_page import PledgePage
from desktop.ui.progress_model import PERCENT_ROLE, ProgressModel
from tests.ui.conftest import SmallRegister, settled

NEW_TITLE = "Bảo vệ chủ quyền biên giới năm 2026"


def bar(page: PledgePage, hamlet: str) -> tuple[str, float]:
    """The progress cell of a hamlet: its text and how full its bar is drawn."""
    model = page.progress_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == hamlet:
            cell = model.index(row, ProgressModel.PROGRESS_COLUMN)
            return cell.data(), cell.data(PERCENT_ROLE)
    raise AssertionError(f"no row for {hamlet}")


def column(dialog: CampaignsDialog, col: int) -> list[str]:
    items = [dialog.table.item(r, col) for r in range(dialog.table.rowCount())]
    return [item.text() if item is not None else "" for item in items]


def open_dialog(qtbot: QtBot, window: MainWindow) -> tuple[PledgePage, CampaignsDialog]:
    page = window.pledge_page
    window.show_page(window.pages.indexOf(page))
    page.focus_check_in()
    qtbot.keyClick(page.check_in_box, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = page.campaigns_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return page, dialog


def test_tab_leaves_the_campaigns_table_for_the_new_campaigns_fields(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, Tab in the table of campaigns walked its six columns row after row."""
    window = main_window(small_register.path)
    _page, dialog = open_dialog(qtbot, window)
    dialog.table.setFocus()
    qtbot.waitUntil(dialog.table.hasFocus)
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert not dialog.table.hasFocus()
    dialog.reject()


def test_a_clerk_starts_a_campaign_with_a_90_percent_target_and_switches_back(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    register = open_existing(small_register.path)
    try:  # one household of Nậm Tăm signed in the first campaign
        first = service.current_campaign(register)
        service.record_result(
            register,
            small_register.ids["NT-001"],
            PledgeStatus.SIGNED,
            dt.date(2026, 1, 5),
            today=dt.date(2026, 1, 10),
        )
    finally:
        register.close()
    window = main_window(small_register.path)
    page, dialog = open_dialog(qtbot, window)
    assert bar(page, "Bản Nậm Tăm") == ("50,0 % / 100 %", 50.0)
    assert column(dialog, 0) == ["✔"]
    assert column(dialog, 5) == ["1 / 6 hộ (16,7 %)"]
    assert not dialog.current_button.isEnabled()  # it is current already

    dialog.title_edit.setText(NEW_TITLE)
    border = next(
        i
        for i in range(dialog.template_combo.count())
        if "biên giới quốc gia" in dialog.template_combo.itemText(i)
    )
    dialog.template_combo.setCurrentIndex(border)
    dialog.starts_edit.setDate(QDate(2026, 3, 1))
    dialog.ends_edit.setDate(QDate(2026, 6, 30))
    dialog.target_spin.selectAll()
    qtbot.keyClicks(dialog.target_spin, "90")
    assert dialog.current_box.isChecked()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)

    assert dialog.message.text() == f"Đã bắt đầu đợt “{NEW_TITLE}”."
    assert column(dialog, 0) == ["✔", ""]
    assert column(dialog, 1) == [NEW_TITLE, first.title]
    assert column(dialog, 3)[0] == "01/03/2026 – 30/06/2026"
    assert column(dialog, 4) == ["90 %", "100 %"]
    assert "(phiên bản 1)" in column(dialog, 2)[0]
    # The dashboard behind counts for the new campaign at once.
    assert NEW_TITLE in page.campaign_label.text()
    assert "chỉ tiêu 90 %" in page.campaign_label.text()
    assert bar(page, "Bản Nậm Tăm") == ("0,0 % / 90 %", 0.0)

    # The first campaign made current again: its signature counts again.
    dialog.table.selectRow(1)
    assert dialog.current_button.isEnabled()
    qtbot.mouseClick(dialog.current_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert column(dialog, 1)[0] == first.title
    assert column(dialog, 0) == ["✔", ""]
    assert bar(page, "Bản Nậm Tăm") == ("50,0 % / 100 %", 50.0)
    assert first.title in page.campaign_label.text()

    register = open_existing(small_register.path)
    try:
        actions = register.db.execute(
            "SELECT action FROM audit WHERE entity = 'campaign' ORDER BY seq"
        ).fetchall()
    finally:
        register.close()
    # created with the register and chosen; the new one, chosen; the first chosen again
    assert [a for (a,) in actions] == ["insert", "use", "insert", "use", "use"]


def test_an_end_before_the_start_is_refused_and_nothing_changes(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page, dialog = open_dialog(qtbot, window)
    before = page.campaign_label.text()
    dialog.title_edit.setText("Đợt 2")
    dialog.starts_edit.setDate(QDate(2026, 3, 1))
    # The calendar does not offer an end before the start …
    dialog.ends_edit.setDate(QDate(2026, 2, 1))
    assert dialog.ends_edit.date() == QDate(2026, 3, 1)
    # … and a start moved after the end is refused with the dates named.
    dialog.ends_edit.setMinimumDate(QDate(2000, 1, 1))
    dialog.ends_edit.setDate(QDate(2026, 2, 1))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert "01/02/2026" in dialog.message.text()
    assert dialog.table.rowCount() == 1
    assert page.campaign_label.text() == before


def test_a_title_a_spreadsheet_takes_for_a_formula_is_refused(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page, dialog = open_dialog(qtbot, window)
    before = page.campaign_label.text()
    dialog.title_edit.setText("=1+1")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert "“=1+1” bắt đầu bằng =, +, - hoặc @" in dialog.message.text()
    assert dialog.table.rowCount() == 1
    assert page.campaign_label.text() == before


def test_the_campaign_days_stay_within_the_years_a_register_holds(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    _page, dialog = open_dialog(qtbot, window)
    for edit, typed in ((dialog.starts_edit, "01/01/1800"), (dialog.ends_edit, "31/12/9999")):
        edit.setFocus()
        qtbot.keyClick(edit, Qt.Key.Key_Home)
        qtbot.keyClicks(edit, typed)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
        assert 1900 <= edit.date().year() <= 2100, edit.text()


def test_the_dates_target_and_signed_stay_in_sight_beside_long_titles(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, the title and template columns kept 300 px each: on a screen up to 1024 px
    wide the dialog scrolled sideways and "Thời gian", "Chỉ tiêu" or "Đã ký" were out of
    sight. Now the long columns give up width (whole in their tooltips)."""
    window = main_window(small_register.path, size=(1024, 768))
    _page, dialog = open_dialog(qtbot, window)
    dialog.starts_edit.setDate(QDate(2026, 3, 1))
    dialog.ends_edit.setDate(QDate(2026, 6, 30))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    table = dialog.table
    assert "01/03/2026 – 30/06/2026" in column(dialog, 3)
    for width in (dialog.width(), 760):
        dialog.resize(width, dialog.height())
        QApplication.processEvents()
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width(), width
        for col in (0, 3, 4):  # the last one stretches over what is left
            assert header.sectionSize(col) >= table.sizeHintForColumn(col), (width, col)
        assert header.sectionSize(5) >= table.sizeHintForColumn(5), width
        assert header.sectionSize(1) >= 100 and header.sectionSize(2) >= 100


def _started_today(small_register: SmallRegister) -> None:
    """A campaign set up today, starting today, as the set-up wizard offers it."""
    from desktop.services.campaigns import start_campaign
    from desktop.store.pledges import get_template

    register = open_existing(small_register.path)
    try:
        first = service.current_campaign(register)
        template = get_template(register.db, first.template_id, first.template_version)
        assert template is not None
        start_campaign(register.writer, template, title="Đợt 2", starts_on=dt.date.today())
    finally:
        register.close()


def test_a_clerk_moves_the_start_back_for_sheets_signed_before_set_up(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, a campaign's dates could not be changed once started: sheets signed on paper
    before the campaign was set up could never be recorded with their true day."""
    _started_today(small_register)
    today = dt.date.today()
    month_ago = today - dt.timedelta(days=30)
    window = main_window(small_register.path)
    _page, dialog = open_dialog(qtbot, window)
    assert column(dialog, 1)[0] == "Đợt 2"
    assert dialog.edit_button.text() == "&Sửa ngày, chỉ tiêu…"
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    edit = dialog.edit_dialog
    assert edit is not None
    qtbot.waitExposed(edit)
    assert edit.starts_box.isChecked() and not edit.ends_box.isChecked()
    assert not edit.ends_edit.isEnabled()
    edit.starts_edit.setDate(QDate(month_ago.year, month_ago.month, month_ago.day))
    edit.target_spin.setValue(95)
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert not edit.isVisible()
    assert dialog.message.text() == "Đã sửa đợt “Đợt 2”."
    assert column(dialog, 3)[0] == f"{month_ago:%d/%m/%Y}"
    assert column(dialog, 4)[0] == "95 %"

    # A result recorded 20 days ago: a start moved after it is refused, naming it.
    register = open_existing(small_register.path)
    try:
        signed = today - dt.timedelta(days=20)
        service.record_result(register, small_register.ids["NT-001"], PledgeStatus.SIGNED, signed)
        audits = register.db.execute("SELECT count(*) FROM audit").fetchone()
    finally:
        register.close()
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    edit = dialog.edit_dialog
    assert edit is not None
    qtbot.waitExposed(edit)
    later = today - dt.timedelta(days=10)
    edit.starts_edit.setDate(QDate(later.year, later.month, later.day))
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert edit.isVisible()
    assert edit.error.text().startswith(
        f"Không sửa ngày bắt đầu thành {later:%d/%m/%Y}: 1 hộ đã ghi kết quả của đợt trước ngày"
        f" đó (NT-001 ngày {signed:%d/%m/%Y})."
    )
    # Without a start date at all: taken.
    edit.starts_box.setChecked(False)
    assert not edit.starts_edit.isEnabled()
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert not edit.isVisible()
    assert column(dialog, 3)[0] == ""
    register = open_existing(small_register.path)
    try:
        assert register.db.execute("SELECT count(*) FROM audit").fetchone()[0] == audits[0] + 1
    finally:
        register.close()


def test_the_pledge_record_notes_a_day_before_an_undated_campaign_was_set_up(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """The first campaign has no start date: any past day is kept (a sheet signed on paper
    before CamKet came), with a note under the day saying how to give the campaign one."""
    window = main_window(small_register.path)
    page = window.pledge_page
    window.show_page(window.pages.indexOf(page))
    record = page.open_pledge(small_register.ids["NT-001"])
    qtbot.waitExposed(record)
    assert record.date_note.isHidden()
    record.date_edit.setDate(QDate(1990, 1, 1))
    assert record.date_note.isVisible()
    assert "không ghi ngày bắt đầu và ngày ký 01/01/1990 trước ngày đợt được lập" in (
        record.date_note.text()
    )
    with qtbot.waitSignal(record.recorded):
        record.save()
        settled(qtbot, window)


def test_the_first_day_says_it_may_be_before_today(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """The set-up wizard and the new campaign offer today as the first day: a commune whose
    households signed on paper before is told, where it picks the day, to go back to then."""
    from desktop.ui.campaign_choice import CampaignPage

    window = main_window(small_register.path)
    _page, dialog = open_dialog(qtbot, window)
    said = (
        "Ngày bắt đầu đợt: trước hôm nay nếu các hộ đã ký trên giấy từ trước (ngày ký trước"
        " ngày này sẽ bị từ chối)"
    )
    assert dialog.starts_edit.toolTip() == said
    wizard_page = CampaignPage()
    qtbot.addWidget(wizard_page)
    assert wizard_page.starts_edit.toolTip() == said
