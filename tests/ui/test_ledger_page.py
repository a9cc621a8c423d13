"""The Tổng quan and Biến động pages as a clerk drives them: the window opens on the overview,
movements are recorded from the keyboard, a reminder opens its case, tips are logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.domain.movements import Movement, MovementKind, Presence
from desktop.services import ledger
from desktop.services.register import create_register, open_existing
from desktop.services.report_settings import load_report_settings
from desktop.store.tips import concerned, list_tips
from desktop.ui.ledger_page import LedgerPage
from desktop.ui.main_window import MainWindow
from desktop.ui.movement_dialog import EndMovementDialog, MovementDialog
from desktop.ui.overview_page import OverviewPage
from desktop.ui.removal_dialog import RemovalDialog
from desktop.ui.tip_dialog import TipDialog
from desktop.ui.translations import install_translators
from tests.ui.conftest import SmallRegister, settled

OpenWindow = Callable[..., MainWindow]


def _ledger(window: MainWindow, qtbot: QtBot) -> LedgerPage:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.pages.currentWidget()
    assert isinstance(page, LedgerPage)
    return page


def _counted(window: MainWindow, qtbot: QtBot) -> OverviewPage:
    page = window.pages.currentWidget()
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: page.counted)
    return page


def test_the_window_is_painted_before_the_overview_counts_and_they_follow(
    qtbot: QtBot, small_register: SmallRegister
) -> None:
    register = open_existing(small_register.path)
    window = MainWindow(register)
    qtbot.addWidget(window)
    try:
        page = window.pages.currentWidget()
        assert isinstance(page, OverviewPage)
        # Built without a count: the figures wait for the task lane; the heading is there.
        assert not page.counted and page.figures[Presence.PRESENT].number.text() == "…"
        assert page.heading.text().startswith("Xã Sìn Hồ — hôm nay ")
        assert page.campaign.text() == "Đang đếm…"
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: page.counted)
        assert page.figures[Presence.PRESENT].number.text() == "7"
    finally:
        window.shutdown()
        register.close()


def test_the_window_opens_on_the_overview_with_whos_here(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path, place=None)
    page = _counted(window, qtbot)
    assert page.figures[Presence.PRESENT].number.text() == "7"
    assert page.figures[Presence.AWAY].number.text() == "0"
    assert "0/6 hộ đã ký" in page.campaign.text()
    rows = page.reminder_model.rowCount()
    assert rows == 1  # only the households not signed, as one line
    assert page.reminder_model.record(0).full_name == "6 hộ"
    assert page.last_bundle.text() == "Sổ này chưa gửi gói dữ liệu nào."


def test_the_overview_names_the_last_bundle_sent(
    main_window: OpenWindow, small_register: SmallRegister, tmp_path: Path, qtbot: QtBot
) -> None:
    bundle = tmp_path / "gui-len.camket"
    assert main(["export", "--db", str(small_register.path), "--out", str(bundle)]) == 0
    window = main_window(small_register.path, place=None)
    page = _counted(window, qtbot)
    assert page.last_bundle.text().startswith("Gói dữ liệu gửi gần nhất: gui-len.camket, lúc ")


def test_ctrl_n_records_a_movement_chosen_by_search_and_ctrl_e_ends_it(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    assert page.count.text() == "0 biến động"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.findChild(MovementDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.current_kind() is MovementKind.TAM_VANG
    qtbot.keyClicks(dialog.person, "dang van hung")
    assert dialog.hits.count() == 1
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    assert "Đặng Văn Hùng" in dialog.chosen.text()
    assert dialog.focusWidget() is dialog.starts  # the next field to type
    dialog.starts.setText("01/10/2026")
    dialog.place.setText("TP Hà Nội")
    dialog.reason.setText("đi làm ăn")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    assert not dialog.isVisible()
    assert page.count.text() == "1 biến động"
    row = page.model.ledger_row(0)
    assert row is not None
    assert (row.full_name, row.household_code, row.place) == (
        "Đặng Văn Hùng",
        "NT-001",
        "TP Hà Nội",
    )
    assert page.model.data(page.model.index(0, 0)) == "Tạm vắng"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    end = page.findChild(EndMovementDialog)
    assert end is not None and end.isVisible()
    end.day.setText("01/09/2026")
    end.save()
    settled(qtbot, window)
    assert "Ngày kết thúc 01/09/2026 trước ngày bắt đầu 01/10/2026" in end.error.text()
    end.day.setText("20/11/2026")
    end.save()
    settled(qtbot, window)
    row = page.model.ledger_row(0)
    assert row is not None and row.ended_on == dt.date(2026, 11, 20)


def test_a_refused_movement_says_why_and_writes_nothing(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog = page.add_movement()
    dialog.kind.setCurrentIndex(dialog.kind.findData(MovementKind.LUU_TRU.value))
    dialog.is_guest.setChecked(True)
    assert dialog.guest_name.isVisibleTo(dialog) and not dialog.person.isVisibleTo(dialog)
    dialog.guest_name.setText("Vương Lập Quân")
    dialog.nationality.setText("Trung Quốc")
    dialog.host.setText("PK-001")
    dialog.starts.setText("01/10/2026")
    dialog.until.setText("15/11/2026")
    dialog.save()
    settled(qtbot, window)
    assert "hãy ghi là tạm trú" in dialog.error.text()
    assert dialog.isVisible()
    assert window.register.db.execute("SELECT count(*) FROM movement").fetchone()[0] == 0
    dialog.until.setText("10/10/2026")
    dialog.save()
    settled(qtbot, window)
    assert not dialog.isVisible()
    assert page.reported_button.isEnabled() and page.end_button.isEnabled()


def _new_temporary_residence(
    page: LedgerPage, window: MainWindow, qtbot: QtBot
) -> tuple[MovementDialog, Callable[[], str]]:
    """The new movement form on a temporary residence, and what saving it says (refused)."""
    dialog = page.add_movement()
    dialog.kind.setCurrentIndex(dialog.kind.findData(MovementKind.TAM_TRU.value))

    def refused() -> str:
        dialog.save()
        settled(qtbot, window)
        assert dialog.isVisible()
        return dialog.error.text()

    return dialog, refused


def test_the_form_names_the_field_a_refusal_is_about_in_words_of_the_window(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog, refused = _new_temporary_residence(page, window, qtbot)
    assert refused().startswith("Hãy chọn người: gõ vài chữ của họ tên")
    dialog.person.setText("Giàng A Hòa")  # typed, not chosen from the hits
    assert "Chưa chọn người nào cho “Giàng A Hòa”" in refused()
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)  # the first hit
    assert dialog.chosen.text().startswith("Đã chọn: Giàng A Hòa")
    dialog.starts.clear()
    assert refused() == "Hãy ghi “Từ ngày” (ngày/tháng/năm, ví dụ 05/01/2026)."
    dialog.starts.setText("01/12/2026")
    dialog.until.setText("32/13/2027")
    assert refused() == "“Đến ngày”: Ngày không có thật: 32/13/2027"
    dialog.until.setText("31/12/9999")
    assert refused() == (
        "“Đến ngày”: Năm của ngày “31/12/9999” không hợp lý: chỉ nhận ngày từ năm 1900 đến"
        " năm 2100."
    )
    dialog.until.clear()
    assert refused() == "Tạm trú phải ghi ngày hết hạn."  # no option of the terminal
    dialog.kind.setCurrentIndex(dialog.kind.findData(MovementKind.DI_NUOC_NGOAI.value))
    assert refused() == "Hãy ghi nước đi hoặc nước về."
    dialog.kind.setCurrentIndex(dialog.kind.findData(MovementKind.LUU_TRU.value))
    dialog.is_guest.setChecked(True)
    dialog.guest_name.setText("Vương Lập Quân")
    dialog.until.setText("05/12/2026")
    assert refused() == "Hãy ghi mã hộ nơi khách lưu trú (ví dụ NT-012)."
    assert window.register.db.execute("SELECT count(*) FROM movement").fetchone()[0] == 0


def test_the_english_window_says_a_refusal_in_english_naming_the_field(
    qapp: QApplication, main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    """Before, the movement form's refusals read in Vietnamese in the English window
    ('Hãy chọn người…', 'Tạm trú phải ghi ngày hết hạn.')."""
    install_translators(qapp, "en")
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog, refused = _new_temporary_residence(page, window, qtbot)
    assert refused().startswith("Choose the person: type a few letters of the name")
    dialog.person.setText("Giàng A Hòa")  # typed, not chosen from the hits
    assert "No person chosen for “Giàng A Hòa”" in refused()
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)  # the first hit
    dialog.starts.clear()
    assert refused() == "Fill in “From” (day/month/year, for example 05/01/2026)."
    dialog.starts.setText("01/12/2026")
    assert refused() == "Temporary residence (tạm trú) needs the day it expires."
    dialog.kind.setCurrentIndex(dialog.kind.findData(MovementKind.DI_NUOC_NGOAI.value))
    assert refused() == "Write the country left for or come back from."
    assert window.register.db.execute("SELECT count(*) FROM movement").fetchone()[0] == 0


def test_a_reminder_opens_its_case_on_the_ledger(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path, place=None)
    person_id, household_id = ledger.find_person(window.register.db, "012075001234")
    back = Movement(
        MovementKind.VE_TU_NUOC_NGOAI,
        household_id,
        dt.date.today() - dt.timedelta(days=2),
        person_id=person_id,
        country="Trung Quốc",
        via_trail=True,
    )
    ledger.add_movement(window.register, back, dt.date.today())
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    overview = _counted(window, qtbot)
    qtbot.waitUntil(lambda: not window.tasks.busy)  # counted again on coming back
    first = overview.reminder_model.record(0)
    assert (first.full_name, first.movement_id) == ("Đặng Văn Hùng", back.id)
    overview.reminders.setCurrentIndex(overview.reminder_model.index(0, 0))
    qtbot.keyClick(overview.reminders, Qt.Key.Key_Return)
    page = window.pages.currentWidget()
    assert isinstance(page, LedgerPage)
    assert page.model.movement_id(page.table.currentIndex().row()) == back.id
    assert page.handed_button.isEnabled()
    page.handed_button.click()
    settled(qtbot, window)
    window.activateWindow()  # the wait let the offscreen window go inactive
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert overview.reminder_model.rowCount() == 1  # only the unsigned households are left


def test_a_tip_is_logged_without_showing_its_informant(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog = page.add_tip()
    assert isinstance(dialog, TipDialog)
    dialog.place.setText("Mốc 79")
    received = dialog.received.text()
    dialog.received.setText("05/12/0001 21:30")
    dialog.save()
    settled(qtbot, window)
    assert dialog.error.text().startswith(
        "“Thời điểm nhận tin”: Năm của ngày “05/12/0001 21:30” không hợp lý"
    )
    dialog.received.setText(received)
    dialog.hamlet.setCurrentIndex(dialog.hamlet.findText("Bản Pa Khóa"))
    dialog.people.setValue(3)
    dialog.informant.setText("Vàng A Sử")
    dialog.phone.setText("0912345678")
    dialog.save()
    settled(qtbot, window)
    assert not dialog.isVisible()
    shown = [
        str(page.tip_model.data(page.tip_model.index(0, c)))
        for c in range(page.tip_model.columnCount())
    ]
    assert shown[1:4] == ["Mốc 79, Bản Pa Khóa", "Xuất cảnh trái phép", "3"]
    assert "Vàng A Sử" not in " ".join(shown) and "0912345678" not in " ".join(shown)


def test_a_document_pasted_into_a_ledger_field_is_cut_to_what_the_ledger_keeps(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    pasted = "Đi làm thuê ở tỉnh khác theo hợp đồng mùa vụ. " * 2000  # ~92,000 characters
    QApplication.clipboard().setText(pasted)
    dialog = page.add_movement()
    qtbot.keyClicks(dialog.person, "dang van hung")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    dialog.reason.setFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.reason.text() == pasted[:500]
    dialog.save()
    settled(qtbot, window)
    assert not dialog.isVisible(), dialog.error.text()
    row = window.register.db.execute("SELECT reason FROM movement").fetchone()
    assert row == (pasted[:500].strip(),)
    tip = page.add_tip()
    assert isinstance(tip, TipDialog)
    tip.place.setText("Mốc 79")
    tip.description.setFocus()
    qtbot.keyClick(tip.description, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(tip.description.text()) == 5000


def test_no_english_is_left_on_the_ledger_screens(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    from tests.ui.test_translations import _english_left_in

    window = main_window(small_register.path, place=None)
    page = _ledger(window, qtbot)
    movement, tip = page.add_movement(), page.add_tip()
    assert _english_left_in(window) == []
    for dialog in (movement, tip):
        assert _english_left_in(dialog) == []
        dialog.reject()


def test_the_report_frame_is_set_in_settings(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path, place="settings")
    box = window.settings_page.report_box
    assert box.recipient.text() == "Ủy ban nhân dân tỉnh Lai Châu"
    box.recipient.setText("Đồn Biên phòng Ma Quai")
    assert not box.save_button.isEnabled()
    box.copies_to.setPlainText("Công an tỉnh Lai Châu\nĐảng ủy xã")  # as typed: enables save
    box.signer_name.setText("Tao Văn Vinh")
    assert box.save_button.isEnabled()
    box.save_button.click()
    settled(qtbot, window)
    kept = load_report_settings(window.register.db, window.register.commune)
    assert kept.recipient == "Đồn Biên phòng Ma Quai"
    assert kept.copies_to == ("Công an tỉnh Lai Châu", "Đảng ủy xã")
    assert (kept.signer_title, kept.signer_name) == ("CHỦ TỊCH", "Tao Văn Vinh")


def test_removing_a_saved_member_asks_what_happened(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    from tests.ui.test_household_editor import member_names, open_editor_on

    window = main_window(small_register.path)
    editor = open_editor_on(window, qtbot, "NT-001")
    editor.member_view.setCurrentIndex(editor.members.index(1, 0))
    editor.remove_member_button.click()
    dialog = editor.findChild(RemovalDialog)
    assert dialog is not None and dialog.isVisible() and dialog.moved.isChecked()
    dialog.day.setText("01/11/0026")  # a year of two digits' slip
    dialog.save()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("“Ngày”: Năm của ngày “01/11/0026” không hợp lý")
    dialog.day.setText("01/11/2026")
    dialog.place.setText("Xã Lê Lợi")
    dialog.save()
    settled(qtbot, window)
    assert not dialog.isVisible()
    assert member_names(editor) == ["Đặng Văn Hùng", "Lý Thị Mai"]  # kept in the household
    assert editor.save_and_wait()
    detail = window.household_page.detail
    model = detail.member_model
    assert model.index(1, 1).data() == "Đã chuyển đi"
    grey = model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert detail.member_title.text() == "Nhân khẩu (1; 1 người đã chết hoặc đã chuyển đi, chữ xám)"
    assert detail.movement_model.rowCount() == 1
    assert detail.movement_model.data(detail.movement_model.index(0, 0)) == "Chuyển đi"

    editor = open_editor_on(window, qtbot, "NT-001")
    editor.member_view.setCurrentIndex(editor.members.index(1, 0))
    editor.remove_member_button.click()
    dialog = editor.findChild(RemovalDialog)
    assert dialog is not None
    dialog.mistake.setChecked(True)
    assert not dialog.day.isVisibleTo(dialog)
    dialog.save()
    settled(qtbot, window)
    assert member_names(editor) == ["Đặng Văn Hùng"]  # only a mistake takes the row off
    assert window.register.db.execute("SELECT count(*) FROM movement").fetchone()[0] == 1


def test_a_tip_gets_its_outcome_and_the_people_it_concerns(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog = saved_tip(window, page, qtbot)
    assert dialog.place.text() == "Mốc 79" and dialog.windowTitle() == "Tin báo"
    qtbot.keyClicks(dialog.person_search.box, "giang a hoa")
    qtbot.keyClick(dialog.person_search.box, Qt.Key.Key_Return)
    assert dialog.concerned.count() == 1 and dialog.person_search.box.text() == ""
    dialog.handed_to.setText("Đồn Biên phòng Ma Quai")
    dialog.handed_at.setText(dialog.received.text())
    dialog.outcome.setText("Đã xác minh")
    dialog.save()
    settled(qtbot, window)
    assert not dialog.isVisible()
    (tip,) = list_tips(window.register.db)
    assert (tip.handed_to, tip.outcome) == ("Đồn Biên phòng Ma Quai", "Đã xác minh")
    assert [name for _, name in concerned(window.register.db, tip.id)] == ["Giàng A Hòa"]
    dialog = page.open_tip(0)
    assert dialog.concerned.count() == 1
    dialog.concerned.setCurrentRow(0)
    dialog._drop_person()
    dialog.save()
    settled(qtbot, window)
    assert concerned(window.register.db, tip.id) == []


def test_the_report_on_movements_opens_in_the_preview(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog = page.ask_report()
    dialog.starts.setText("01/12/2026")
    dialog.ends.setText("01/11/2026")
    dialog.save()
    settled(qtbot, window)
    assert "trước ngày bắt đầu" in dialog.error.text()
    dialog.ends.setText("31/12/2026")
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        dialog.save()
    assert page.printing is not None
    qtbot.waitUntil(lambda: page.printing is not None and page.printing.preview is not None)
    preview = page.printing.preview
    assert preview is not None
    text = preview.pages.text(0)
    assert "Tình hình biến động dân cư từ ngày 01/12/2026 đến ngày 31/12/2026" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    page.printing.preview = None
    preview.close()


def test_an_empty_registers_overview_says_what_to_do_first(
    main_window: OpenWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "moi.sqlite3"
    create_register(path, "03478", ["Bản Nậm Tăm"])
    window = main_window(path, place=None)
    page = _counted(window, qtbot)
    assert page.empty.isVisible()
    assert page.empty.add_button.text() == "Thêm hộ (Ctrl+N)"
    assert page.empty.import_button.isVisible()
    page.empty.add_button.click()
    assert window.places.current_key() == "households"
    assert window.household_page.editing


def test_the_ledger_shows_each_heading_whole_and_the_form_has_room(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    window = main_window(small_register.path, size=(1366, 768))
    page = _ledger(window, qtbot)
    header = page.table.horizontalHeader()
    for column in range(page.model.columnCount() - 1):  # the last one stretches
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    dialog = page.add_movement()
    qtbot.waitExposed(dialog)
    # The person's hits ("Name  year  code  hamlet") read on one line.
    assert dialog.width() >= dialog.fontMetrics().horizontalAdvance("x" * 60)
    dialog.reject()


def saved_tip(window: MainWindow, page: LedgerPage, qtbot: QtBot) -> TipDialog:
    """A tip at "Mốc 79" recorded and saved, then opened again to correct."""
    dialog = page.add_tip()
    dialog.place.setText("Mốc 79")
    dialog.save()
    settled(qtbot, window)
    return page.open_tip(0)


def test_down_and_enter_in_the_hits_choose_the_person_and_save_nothing(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    """Before, ↓ then Enter (as the dialog's own message tells: "chọn trong danh sách (↓ và
    Enter)") chose the person and pressed Lưu too: a tạm vắng from today, with no return day,
    place or reason, was saved and the dialog closed. The tip's people alike."""
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog = page.add_movement()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.person, "dang van hung")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Down)
    assert dialog.hits.hasFocus()
    qtbot.keyClick(dialog.hits, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Đặng Văn Hùng" in dialog.chosen.text()
    assert dialog.focusWidget() is dialog.starts  # the next field to type
    settled(qtbot, window)
    assert page.count.text() == "0 biến động"
    dialog.reject()

    tip = page.add_tip()
    qtbot.waitExposed(tip)
    tip.activateWindow()
    qtbot.waitUntil(tip.isActiveWindow)
    qtbot.keyClicks(tip.person_search.box, "giang a hoa")
    qtbot.keyClick(tip.person_search.box, Qt.Key.Key_Down)
    qtbot.keyClick(tip.person_search.hits, Qt.Key.Key_Return)
    assert tip.isVisible() and tip.concerned.count() == 1
    settled(qtbot, window)
    assert page.tip_model.rowCount() == 0
    tip.reject()


def test_a_long_name_chosen_for_a_movement_wraps_inside_the_form(
    main_window: OpenWindow, small_register: SmallRegister, qtbot: QtBot
) -> None:
    """Before, "Đã chọn: Hoàng Thị Nguyễn Phương Thảo Bích Ngọc Khánh Linh  1980  KL-001 …"
    stood on one line: the form asked 918 px and cut it at its width."""
    from desktop.domain.entities import BirthDate, Gender, Household, Person
    from desktop.services.register import open_existing
    from desktop.store import households as repo

    head = "Hoàng Thị Nguyễn Phương Thảo Bích Ngọc Khánh Linh"
    register = open_existing(small_register.path)
    try:
        person = Person(
            household_id="", full_name=head, gender=Gender.FEMALE, birth=BirthDate(1980)
        )
        household = Household(hamlet_id=small_register.hamlet_ids["Thôn Hồng Thu"], code="HT-009")
        repo.add_household(register.writer, household, [person])
    finally:
        register.close()
    window = main_window(small_register.path)
    page = _ledger(window, qtbot)
    dialog = page.add_movement()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.person, "hoang thi nguyen phuong")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    assert head in dialog.chosen.text()
    QApplication.processEvents()
    assert dialog.minimumSizeHint().width() <= 640
    label = dialog.chosen
    assert label.heightForWidth(label.width()) <= label.height()  # every line of it shown
    dialog.reject()
