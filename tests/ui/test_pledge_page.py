"""The "Cam kết" page: progress per hamlet, unsigned lists, check-in of returned sheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.domain.pledges import PledgeStatus, QrPayload
from desktop.services import checkin
from desktop.services import pledges as service
from desktop.services import progress as progress_service
from desktop.services.register import open_existing
from desktop.ui.main_window import MainWindow
from desktop.ui.pledge_page import PledgePage
from desktop.ui.pledge_record import RecordPledgeDialog
from desktop.ui.progress_model import ProgressModel
from desktop.ui.screen_fit import shown_text
from tests.ui.conftest import SmallRegister, settled
from tests.ui.ink import draw_signature, make_pdf


def open_page(window: MainWindow) -> PledgePage:
    page = window.pledge_page
    window.show_page(window.pages.indexOf(page))
    return page


def counts(page: PledgePage, hamlet: str) -> dict[str, str]:
    """The dashboard row of a hamlet as the clerk reads it."""
    model = page.progress_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == hamlet:
            headers = [
                model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
            ]
            return {h: model.index(row, c).data() for c, h in enumerate(headers)}
    raise AssertionError(f"no row for {hamlet}")


def check_in(qtbot: QtBot, page: PledgePage, text: str) -> None:
    page.focus_check_in()
    qtbot.keyClicks(page.check_in_box, text)
    qtbot.keyClick(page.check_in_box, Qt.Key.Key_Return)


def test_the_english_window_says_a_refused_check_in_in_english(
    qapp: QApplication,
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
) -> None:
    """Before, a sheet of another commune scanned said “Bản cam kết này của xã khác…” in
    the English window."""
    from desktop.ui.translations import install_translators

    install_translators(qapp, "en")
    window = main_window(small_register.path)
    page = open_page(window)
    register = open_existing(small_register.path)
    try:
        campaign = service.current_campaign(register)
    finally:
        register.close()
    check_in(qtbot, page, QrPayload("00001", campaign.id, small_register.ids["HT-002"]).text())
    assert page.record_dialog is None
    assert page.check_in_message.text() == (
        "This pledge sheet is another commune's (commune code 00001), not this register's."
    )


def test_dashboard_counts_households_per_hamlet_with_a_total(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    qtbot.addWidget(page)
    assert page.progress_model.rowCount() == 4  # three hamlets and the commune
    nam_tam = counts(page, "Bản Nậm Tăm")
    assert nam_tam["Số hộ"] == "2"
    assert nam_tam["Đã ký"] == "0"
    assert nam_tam["Chưa in"] == "2"
    assert nam_tam["Đã ký / chỉ tiêu"] == "0,0 % / 100 %"
    assert counts(page, "Toàn xã")["Số hộ"] == "6"
    # The total row is chosen first: every unsigned household of the commune.
    assert page.unsigned_model.rowCount() == 6
    assert "Đợt cam kết:" in page.campaign_label.text()


def test_clicking_a_hamlet_lists_its_unsigned_households(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    row = page.progress_model.row_of(small_register.hamlet_ids["Bản Pa Khóa"])
    assert row is not None
    rect = page.progress_view.visualRect(page.progress_model.index(row, 0))
    qtbot.mouseClick(page.progress_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    codes = [page.unsigned_model.index(r, 0).data() for r in range(page.unsigned_model.rowCount())]
    assert codes == ["PK-001", "PK-002"]
    assert page.unsigned_label.text() == "Chưa ký ở Bản Pa Khóa: 2 hộ"


def test_type_a_code_mark_signed_and_the_dashboard_counts_it(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    assert QApplication.focusWidget() is page.check_in_box  # ready for the scanner
    window.show_page(0)
    page.select_hamlet(small_register.hamlet_ids["Bản Nậm Tăm"])
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is page
    assert QApplication.focusWidget() is page.check_in_box

    check_in(qtbot, page, "nt-001")
    dialog = page.record_dialog
    assert isinstance(dialog, RecordPledgeDialog)
    qtbot.waitExposed(dialog)
    assert dialog.household.code == "NT-001"
    assert dialog.signed_button.isChecked()
    assert dialog.signer_combo.currentText() == "Đặng Văn Hùng (Chủ hộ)"
    assert dialog.signer_combo.count() == 2
    dialog.signer_combo.setCurrentIndex(1)  # his wife signs
    with qtbot.waitSignal(dialog.recorded):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        settled(qtbot, window)

    assert counts(page, "Bản Nậm Tăm")["Đã ký"] == "1"
    assert counts(page, "Bản Nậm Tăm")["Đã ký / chỉ tiêu"] == "50,0 % / 100 %"
    assert counts(page, "Toàn xã")["Đã ký"] == "1"
    codes = [page.unsigned_model.index(r, 0).data() for r in range(page.unsigned_model.rowCount())]
    assert codes == ["NT-002"]
    assert "NT-001" in window.statusBar().currentMessage()
    register = open_existing(small_register.path)
    try:
        pledge = service.pledge_for(register, small_register.ids["NT-001"])
        wife = service.members_of(register, small_register.ids["NT-001"])[1]
    finally:
        register.close()
    assert pledge.status is PledgeStatus.SIGNED
    assert pledge.signer_id == wife.id


def test_scan_then_enter_records_signed_by_the_head_today(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    check_in(qtbot, page, "HT-002")
    dialog = page.record_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.recorded) as recorded:
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
        settled(qtbot, window)
    assert recorded.args[0].status is PledgeStatus.SIGNED
    assert counts(page, "Thôn Hồng Thu")["Đã ký"] == "1"
    qtbot.waitUntil(lambda: window.focusWidget() is page.check_in_box)


def test_scanning_the_next_sheet_saves_the_open_one_and_opens_the_next(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    register = open_existing(small_register.path)
    try:
        campaign = service.current_campaign(register)
    finally:
        register.close()
    check_in(qtbot, page, QrPayload("03478", campaign.id, small_register.ids["PK-001"]).text())
    first = page.record_dialog
    assert first is not None
    qtbot.waitExposed(first)
    # The clerk forgot Enter and scanned the next sheet: its digits land in the dialog.
    second_code = QrPayload("03478", campaign.id, small_register.ids["PK-002"]).text()
    focused = first.focusWidget()
    assert focused is first.signed_button
    with qtbot.waitSignal(first.recorded):
        qtbot.keyClicks(focused, second_code)
        qtbot.keyClick(focused, Qt.Key.Key_Return)
        settled(qtbot, window)
    qtbot.waitUntil(lambda: page.record_dialog is not None and page.record_dialog is not first)
    assert page.record_dialog.household.code == "PK-002"
    assert counts(page, "Bản Pa Khóa")["Đã ký"] == "1"


def test_refused_needs_a_reason_and_changes_nothing_without_one(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    dialog = page.open_pledge(small_register.ids["PK-002"])
    qtbot.waitExposed(dialog)
    dialog.refused_button.click()
    assert not dialog.signer_combo.isEnabled()
    assert dialog.reason_edit.isEnabled()
    with qtbot.assertNotEmitted(dialog.recorded):
        dialog.save()
        settled(qtbot, window)
    assert dialog.error_label.isVisible()
    assert "lý do" in dialog.error_label.text()
    assert counts(page, "Bản Pa Khóa")["Từ chối"] == "0"
    dialog.reason_edit.setText("Chủ hộ đi làm ăn xa, vợ không ký thay")
    with qtbot.waitSignal(dialog.recorded):
        dialog.save()
        settled(qtbot, window)
    assert counts(page, "Bản Pa Khóa")["Từ chối"] == "1"
    unsigned = page.unsigned_model
    reasons = [unsigned.index(r, 4).data() for r in range(unsigned.rowCount())]
    assert "Chủ hộ đi làm ăn xa, vợ không ký thay" in reasons


def test_scanned_payload_opens_the_household_and_foreign_codes_are_refused(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    register = open_existing(small_register.path)
    try:
        campaign = service.current_campaign(register)
    finally:
        register.close()
    household = small_register.ids["HT-002"]

    check_in(qtbot, page, QrPayload("03478", campaign.id, household).text())
    assert page.record_dialog is not None
    assert page.record_dialog.household.code == "HT-002"
    page.record_dialog.reject()
    qtbot.waitUntil(lambda: page.record_dialog is None)

    check_in(qtbot, page, QrPayload("00001", campaign.id, household).text())
    assert page.record_dialog is None
    assert "xã khác" in page.check_in_message.text()
    check_in(qtbot, page, QrPayload("03478", household, household).text())
    assert "đợt không có trong sổ" in page.check_in_message.text()
    check_in(qtbot, page, "ZZ-999")
    assert "ZZ-999" in page.check_in_message.text()
    assert page.record_dialog is None
    assert ProgressModel.PROGRESS_COLUMN == 7


def test_signature_drawn_on_the_pad_is_kept_with_the_signed_pledge(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    dialog = page.open_pledge(small_register.ids["HT-001"])
    qtbot.waitExposed(dialog)
    assert not dialog.evidence.has_saved_signature()
    draw_signature(qtbot, dialog.evidence.pad)
    with qtbot.waitSignal(dialog.recorded):
        dialog.save()
        settled(qtbot, window)

    register = open_existing(small_register.path)
    try:
        pledge = service.pledge_for(register, small_register.ids["HT-001"])
        png = checkin.signature_png(register, pledge.id)
    finally:
        register.close()
    assert pledge.status is PledgeStatus.SIGNED
    assert png is not None and png.startswith(b"\x89PNG")
    assert not QImage.fromData(png).isNull()

    # Reopened, the saved signature shows under the empty pad.
    again = page.open_pledge(small_register.ids["HT-001"])
    qtbot.waitExposed(again)
    assert again.evidence.has_saved_signature()
    assert again.evidence.pad.is_empty()
    assert not again.evidence.saved_signature.pixmap().isNull()


def test_scanned_page_is_attached_and_a_wrong_file_is_refused(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    dialog = page.open_pledge(small_register.ids["PK-001"])
    qtbot.waitExposed(dialog)
    scan = tmp_path / "PK-001 scan.pdf"
    scan.write_bytes(make_pdf(1))
    with qtbot.waitSignal(dialog.evidence.attached):
        dialog.evidence.scan_chosen.emit(scan)
        settled(qtbot, window)
    assert "PK-001 scan.pdf" in dialog.evidence.files_label.text()
    assert not dialog.error_label.isVisible()

    notes = tmp_path / "ghi-chu.txt"
    notes.write_text("không phải ảnh", encoding="utf-8")
    with qtbot.assertNotEmitted(dialog.evidence.attached):
        dialog.evidence.scan_chosen.emit(notes)
        settled(qtbot, window)
    assert dialog.error_label.isVisible()
    assert "ghi-chu.txt" in dialog.error_label.text()
    register = open_existing(small_register.path)
    try:
        pledge = service.pledge_for(register, small_register.ids["PK-001"])
        kept = checkin.attachments(register, pledge.id)
    finally:
        register.close()
    assert [a.file_name for a in kept] == ["PK-001 scan.pdf"]


def test_dashboard_models_pass_the_model_tester(
    qtmodeltester: ModelTester,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    qtmodeltester.check(page.progress_model)
    qtmodeltester.check(page.unsigned_model)


def test_the_page_reads_its_lists_when_shown_and_once(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The commune's unsigned list is a district-size query at 50,000 households: the window
    # must not pay it while starting on another page, nor twice when the page is shown.
    reads: list[str | None] = []
    real = progress_service.unsigned_households

    def counted(reg: object, hamlet_id: str | None = None, campaign: object = None) -> object:
        reads.append(hamlet_id)
        return real(reg, hamlet_id, campaign)  # type: ignore[arg-type]

    monkeypatch.setattr(progress_service, "unsigned_households", counted)
    window = main_window(small_register.path)
    window.show()
    qtbot.waitExposed(window)
    assert reads == []
    page = open_page(window)
    assert reads == [None]  # the whole commune, read once
    assert page.unsigned_model.rowCount() == 6


def test_a_good_scan_after_a_refused_file_clears_the_old_message(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    dialog = page.open_pledge(small_register.ids["PK-001"])
    qtbot.waitExposed(dialog)
    notes = tmp_path / "ghi-chu.txt"
    notes.write_text("không phải ảnh", encoding="utf-8")
    dialog.evidence.scan_chosen.emit(notes)
    settled(qtbot, window)
    assert dialog.error_label.isVisible()
    assert "ghi-chu.txt" in dialog.error_label.text()

    scan = tmp_path / "PK-001 scan.pdf"
    scan.write_bytes(make_pdf(1))
    with qtbot.waitSignal(dialog.evidence.attached):
        dialog.evidence.scan_chosen.emit(scan)
        settled(qtbot, window)
    assert not dialog.error_label.isVisible()
    assert "ghi-chu.txt" not in dialog.error_label.text()
    assert "Không đọc được" not in dialog.error_label.text()


def test_a_day_before_the_campaign_started_says_to_correct_the_start_first(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, the day could not be set before the campaign's start (the calendar stopped
    there, 01/01/1990 became the start unsaid): a sheet signed on paper before the campaign
    was set up in CamKet had no way in, and nothing said why. Now the save says what to do."""
    from desktop.services.campaigns import start_campaign
    from desktop.store.pledges import get_template

    starts = dt.date.today() - dt.timedelta(days=10)
    register = open_existing(small_register.path)
    try:
        first = service.current_campaign(register)
        template = get_template(register.db, first.template_id, first.template_version)
        assert template is not None
        start_campaign(register.writer, template, title="Đợt 2", starts_on=starts)
    finally:
        register.close()
    window = main_window(small_register.path)
    page = open_page(window)
    dialog = page.open_pledge(small_register.ids["PK-001"])
    qtbot.waitExposed(dialog)
    early = starts - dt.timedelta(days=5)
    dialog.date_edit.setDate(QDate(early.year, early.month, early.day))
    assert dialog.signed_on() == early
    dialog.save()
    settled(qtbot, window)
    said = dialog.error_label.text()
    assert said.startswith(
        f"Ngày {early:%d/%m/%Y} trước ngày bắt đầu đợt cam kết ({starts:%d/%m/%Y})"
    )
    assert "Cam kết › Đợt cam kết… (Ctrl+D) › Sửa ngày, chỉ tiêu…" in said
    assert dialog.isVisible()  # what was entered stays, to save once the start is corrected
    with qtbot.waitSignal(dialog.recorded):
        dialog.date_edit.setDate(QDate(starts.year, starts.month, starts.day))
        dialog.save()
        settled(qtbot, window)


def test_counts_group_thousands_with_a_dot_as_the_table_does(
    main_window: Callable[..., MainWindow], bulk_register: Callable[[int], Path]
) -> None:
    window = main_window(bulk_register(1200))
    page = open_page(window)
    assert page.unsigned_model.rowCount() == 1200
    assert page.unsigned_label.text() == "Chưa ký trong toàn xã: 1.200 hộ"
    total = counts(page, "Toàn xã")
    assert "1.200" in total.values()


LONG_HAMLET = "Thôn Khuổi Luông Thượng Nậm Khòn Pác Mông Xín Chải"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_long_hamlet_name_leaves_every_count_and_the_bar_in_view_at_1024(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    qapp: QApplication,
    language: str,
) -> None:
    """Before, the hamlet column took the long name's width and the table scrolled sideways:
    "Đã ký / chỉ tiêu" and its bar ran off the right edge at 1024 px (the name's text was
    whole, the progress cut). Now the name gives up width, shown whole in its tooltip."""
    from desktop.domain.entities import Hamlet, HamletKind
    from desktop.store import households as repo
    from desktop.ui.translations import install_translators

    register = open_existing(small_register.path)
    try:
        repo.add_hamlet(register.writer, Hamlet(name=LONG_HAMLET, kind=HamletKind.THON))
    finally:
        register.close()
    install_translators(qapp, language)
    try:
        window = main_window(small_register.path, size=(1024, 768), place="pledges")
        page = window.pledge_page
        view = page.progress_view
        header = view.horizontalHeader()
        model = page.progress_model
        QApplication.processEvents()
        assert header.length() <= view.viewport().width()  # nothing to scroll sideways to
        for column in range(1, model.columnCount()):
            wanted = max(header.sectionSizeHint(column), view.sizeHintForColumn(column))
            assert header.sectionSize(column) >= wanted, model.headerData(column, 1)
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == LONG_HAMLET)
        assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == LONG_HAMLET
        window.resize(1366, 768)  # room again: the name whole
        qtbot.waitUntil(lambda: header.sectionSize(0) >= view.sizeHintForColumn(0))
        last = model.columnCount() - 1  # and the bar over the rest of the width
        qtbot.waitUntil(
            lambda: (
                header.sectionViewportPosition(last) + header.sectionSize(last)
                >= view.viewport().width() - 1
            )
        )
    finally:
        install_translators(qapp, "vi")


def test_a_long_name_in_a_long_hamlet_reads_whole_in_ghi_ket_qua_at_1024(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, the heading line did not wrap and the signer's list was as wide as the name:
    the dialog asked 770 px and cut "…, Thôn Khuổi Luôn" (a longer address: past 1024)."""
    from desktop.domain.entities import BirthDate, Gender, Hamlet, HamletKind, Household, Person
    from desktop.store import households as repo

    head = "Hoàng Thị Nguyễn Phương Thảo Bích Ngọc Khánh Linh"
    register = open_existing(small_register.path)
    try:
        hamlet = Hamlet(name=LONG_HAMLET, kind=HamletKind.THON)
        repo.add_hamlet(register.writer, hamlet)
        person = Person(
            household_id="",
            full_name=head,
            gender=Gender.FEMALE,
            birth=BirthDate(1980),
            relationship="Chủ hộ",
        )
        repo.add_household(register.writer, Household(hamlet_id=hamlet.id, code="KL-001"), [person])
    finally:
        register.close()
    window = main_window(small_register.path, size=(1024, 768), place="pledges")
    page = open_page(window)
    check_in(qtbot, page, "kl-001")
    dialog = page.record_dialog
    assert isinstance(dialog, RecordPledgeDialog)
    qtbot.waitExposed(dialog)
    assert dialog.minimumSizeHint().width() <= 600
    assert dialog.width() >= dialog.minimumSizeHint().width()
    summary = dialog.summary
    assert head in summary.text() and LONG_HAMLET in summary.text()
    assert summary.heightForWidth(summary.width()) <= summary.height()  # every line shown
    combo = dialog.signer_combo
    assert combo.currentText().startswith(head)
    names = combo.view()  # the list that drops down: each name whole
    assert names.minimumWidth() >= names.sizeHintForColumn(0)
    dialog.reject()


def test_the_bar_column_takes_the_rest_of_the_width(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """b9fd66e sized the columns again from inside the table's resize: the bar column kept
    its own ~100 px and grey stood beside it (the window's first show)."""
    window = main_window(small_register.path, size=(1024, 768), place="pledges")
    view = window.pledge_page.progress_view
    header = view.horizontalHeader()
    last = header.count() - 1
    QApplication.processEvents()
    assert header.sectionViewportPosition(last) + header.sectionSize(last) >= (
        view.viewport().width() - 1
    )


def test_the_print_dialog_fits_a_long_hamlet_and_a_long_campaign_title_at_1024(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """Before, the hamlet's box was as wide as its 50 letters, and the campaign's 80-letter
    title was cut in a list that dropped down no wider than its box: each box now shows
    what fits, and the lists that drop down show each entry whole."""
    from desktop.domain.entities import Hamlet, HamletKind
    from desktop.services import campaigns
    from desktop.store import households as repo

    title = "Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia năm 2026"
    register = open_existing(small_register.path)
    try:
        repo.add_hamlet(register.writer, Hamlet(name=LONG_HAMLET, kind=HamletKind.THON))
        campaigns.start_campaign(register.writer, campaigns.default_template(), title=title)
    finally:
        register.close()
    window = main_window(small_register.path, size=(1024, 768), place="pledges")
    page = open_page(window)
    dialog = page.ask_print()
    qtbot.waitExposed(dialog)
    assert dialog.minimumSizeHint().width() <= 700
    for combo, longest in ((dialog.campaign_combo, title), (dialog.hamlet_combo, LONG_HAMLET)):
        names = combo.view()
        assert any(longest in combo.itemText(i) for i in range(combo.count()))
        assert names.minimumWidth() >= names.fontMetrics().horizontalAdvance(longest)
    # The closed box ends what it cuts with "…" (before, cut at its edge mid-letter),
    # and its tooltip holds the whole title; the hamlet fits, and reads whole without one.
    for combo, longest in ((dialog.campaign_combo, title), (dialog.hamlet_combo, LONG_HAMLET)):
        combo.setCurrentIndex(combo.findText(longest, Qt.MatchFlag.MatchContains))
        combo.grab()
        whole, shown = combo.currentText(), shown_text(combo)
        assert longest in whole
        if longest == title:
            assert shown.endswith("…") and whole.startswith(shown[:-1])
            assert combo.toolTip() == whole
        else:
            assert (shown, combo.toolTip()) == (whole, "")
    dialog.reject()
