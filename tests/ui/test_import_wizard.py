"""The import wizard as a clerk goes through it: file, preview, columns, check, import, cancel."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.services import import_lists
from desktop.services.register import open_existing
from desktop.store import households as repo
from desktop.ui.import_wizard import ImportWizard
from desktop.ui.main_window import MainWindow
from desktop.ui.translations import install_translators
from tests.import_files import HEADERS, PEOPLE, write_csv, write_xlsx
from tests.ui.conftest import SmallRegister

SHOTS = os.environ.get("CAMKET_SHOTS")  # a folder: save each page as a PNG to look at


def _shot(wizard: ImportWizard, name: str) -> None:
    if SHOTS:
        wizard.grab().save(str(Path(SHOTS) / f"import-{name}.png"))


def _open(qtbot: QtBot, window: MainWindow) -> ImportWizard:
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = window.import_wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    return wizard


def _choose(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=10000)


def _check(qtbot: QtBot, wizard: ImportWizard) -> None:
    wizard.next()  # columns
    wizard.next()  # grouping
    wizard.next()  # check
    assert wizard.currentPage() is wizard.report_page
    qtbot.waitUntil(lambda: wizard.report_page.report is not None, timeout=10000)


def _register_rows(path: Path) -> dict[str, list[Any]]:
    register = open_existing(path)
    try:
        return {
            t: register.db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("hamlet", "household", "person", "audit")
        }
    finally:
        register.close()


def test_a_clean_list_goes_through_the_wizard_into_the_register(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    assert window.household_page.model.rowCount() == 6
    path = write_xlsx(tmp_path / "ds-nam-tam.xlsx", [HEADERS, *PEOPLE])
    wizard = _open(qtbot, window)
    _shot(wizard, "1-file")
    _choose(qtbot, wizard, path)
    preview = wizard.preview_page
    assert "ds-nam-tam.xlsx" in preview.info.text()
    cells = [preview.model.index(3, c).data() for c in range(preview.model.columnCount())]
    assert "Giàng A Sử" in cells
    assert preview.model.headerData(3, Qt.Orientation.Vertical) == "4"  # rows as in Excel
    _shot(wizard, "2-preview")

    wizard.next()
    mapping = wizard.mapping_page
    assert mapping.header_spin.value() == 3
    assert mapping.mapping()["C"] == "full_name"
    assert mapping.mapping()["A"] == "ignore"  # STT
    assert mapping.combos[2].currentText() == "Họ và tên"
    _shot(wizard, "3-columns")
    wizard.next()
    _shot(wizard, "4-grouping")
    wizard.next()
    report_page = wizard.report_page
    qtbot.waitUntil(lambda: report_page.report is not None, timeout=10000)
    assert report_page.isComplete()
    assert "6" in report_page.summary.text()
    # The new hamlet is a warning, listed with its row and column.
    assert report_page.model.rowCount() == 1
    row = [report_page.model.index(0, c).data() for c in range(4)]
    assert row[:3] == ["9", "Thôn", "Cảnh báo"]
    assert "Thôn Phiêng Lằn" in row[3]
    _shot(wizard, "5-check")

    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.next()  # "Nhập" (the commit button)
    assert wizard.import_page.isComplete()
    assert "6" in wizard.import_page.status.text()
    _shot(wizard, "6-done")
    # The household list refreshed: three more households.
    qtbot.waitUntil(lambda: window.household_page.model.rowCount() == 9, timeout=5000)
    register = open_existing(small_register.path)
    try:
        household = repo.find_household_by_code(register.db, "NT-101")
        assert household is not None
        assert len(repo.members(register.db, household.id)) == 3
    finally:
        register.close()


def test_a_list_with_errors_cannot_be_imported(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    bad = [list(p) for p in PEOPLE]
    bad[1][3] = "31/02/1990"
    bad[2][5] = "12.34"
    path = write_csv(tmp_path / "loi.csv", [HEADERS, *bad], "cp1258")
    before = _register_rows(small_register.path)
    wizard = _open(qtbot, window)
    _choose(qtbot, wizard, path)
    assert "windows-1258" in wizard.preview_page.info.text()
    _check(qtbot, wizard)
    page = wizard.report_page
    assert not page.isComplete()
    errors = [
        [page.model.index(r, c).data() for c in range(4)]
        for r in range(page.model.rowCount())
        if page.model.issue(r).is_error
    ]
    assert errors == [
        ["3", "Ngày sinh", "Lỗi", "ngày không có thật"],
        ["4", "Số CCCD", "Lỗi", "có 4 chữ số; cần 12 (định danh) hoặc 9 (CMND cũ)"],
    ]
    _shot(wizard, "5-errors")
    wizard.reject()
    assert _register_rows(small_register.path) == before


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("vi", "Tệp scan.xlsx không phải bảng tính CSV hoặc Excel (.xlsx)."),
        # Before, the English window refused it in Vietnamese too.
        ("en", "The file scan.xlsx is not a CSV or Excel (.xlsx) spreadsheet."),
    ],
)
def test_a_file_that_is_no_list_is_refused_on_the_first_page(
    qapp: QApplication,
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
    language: str,
    refusal: str,
) -> None:
    install_translators(qapp, language)
    window = main_window(small_register.path)
    path = tmp_path / "scan.xlsx"
    path.write_bytes(b"%PDF-1.4 not a list")
    wizard = _open(qtbot, window)
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.file_page.status.text() == refusal, timeout=5000)
    assert wizard.currentPage() is wizard.file_page


def test_a_cancelled_import_leaves_the_register_exactly_as_it_was(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = main_window(small_register.path)
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE])
    # One household per batch, and the first batch waits until the clerk has pressed stop.
    monkeypatch.setattr(import_lists, "BATCH_HOUSEHOLDS", 1)
    pressed = threading.Event()
    real_insert = import_lists._insert_new

    def slow_insert(*args: Any) -> None:
        real_insert(*args)
        assert pressed.wait(10)

    monkeypatch.setattr(import_lists, "_insert_new", slow_insert)
    before = _register_rows(small_register.path)
    wizard = _open(qtbot, window)
    _choose(qtbot, wizard, path)
    _check(qtbot, wizard)
    wizard.next()
    page = wizard.import_page
    qtbot.waitUntil(lambda: page.progress.value() >= 0 and page.progress.maximum() == 3)
    assert window.task_cancel.isVisible()  # the window's own cancel is there too
    page.cancel_button.click()
    pressed.set()
    qtbot.waitUntil(page.isComplete, timeout=10000)
    assert page.status.text() == "Đã dừng nhập: sổ đăng ký giữ nguyên như trước khi nhập."
    assert _register_rows(small_register.path) == before


def test_columns_the_app_does_not_know_are_mapped_by_hand(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    rows = [
        ["Danh sách xóm Pa Khóa"],
        ["Tên người", "Sinh", "Phái", "Xóm cũ"],
        ["Hầu A Dình", "1988", "Nam", "Bản Pa Khóa"],
        ["Hầu Thị Mỷ", "1990", "Nữ", "Bản Pa Khóa"],
    ]
    path = write_xlsx(tmp_path / "la.xlsx", rows, title=False)
    wizard = _open(qtbot, window)
    _choose(qtbot, wizard, path)  # no header is recognised: still previewed
    wizard.next()
    page = wizard.mapping_page
    assert not page.isComplete()  # no full name column yet
    page.header_spin.setValue(2)
    assert [page.table.item(r, 0).text() for r in range(4)] == [
        "A  Tên người",
        "B  Sinh",
        "C  Phái",
        "D  Xóm cũ",
    ]
    assert page.table.item(0, 1).text() == "Hầu A Dình"
    for column, field in enumerate(["full_name", "birth", "gender", "hamlet"]):
        combo = page.combos[column]
        combo.setCurrentIndex(combo.findData(field))
    assert page.isComplete()
    _shot(wizard, "3-columns-by-hand")
    wizard.next()
    page_grouping = wizard.grouping_page
    each_row = next(
        b for b in page_grouping.buttons.buttons() if b.property("grouping") == "each_row"
    )
    each_row.click()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.report_page.report is not None, timeout=10000)
    report = wizard.report_page.report
    assert report is not None and not report.errors
    assert (report.rows, report.households) == (2, 2)
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.next()
    qtbot.waitUntil(lambda: window.household_page.model.rowCount() == 8, timeout=5000)


def test_the_preview_shows_a_vntime_list_converted(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    path = write_csv(tmp_path / "vntime.csv", [HEADERS, *PEOPLE], "tcvn3")
    wizard = _open(qtbot, window)
    _choose(qtbot, wizard, path)
    info = wizard.preview_page.info.text()
    assert "vntime.csv: 7 dòng, đọc theo bảng mã windows-1252." in info
    assert "sang Unicode" in info and "TCVN3" in info
    model = wizard.preview_page.model
    assert model.index(6, 2).data() == "Nguyễn Văn Quyết"
    assert [model.index(0, c).data() for c in (2, 5)] == ["Họ và tên", "Số CCCD"]
    _shot(wizard, "2-preview-vntime")


def test_rows_filtered_out_of_the_sheet_are_left_out_as_the_clerk_chooses(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    """A clerk filtered the sheet to what she wants: before, the rows filtered out came in
    too, and the page that named them let her do nothing about it. Now a box on the
    preview, ticked at first, leaves them out; unticked, they come in, said again."""
    import openpyxl

    path = write_xlsx(tmp_path / "ds-nam-tam.xlsx", [HEADERS, *PEOPLE])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Nậm Tăm"
    for row in (5, 6):
        sheet.row_dimensions[row].hidden = True
    sheet.column_dimensions["F"].hidden = True  # Số CCCD
    workbook.save(path)
    window = main_window(small_register.path)
    wizard = _open(qtbot, window)
    _choose(qtbot, wizard, path)
    preview = wizard.preview_page
    box = preview.skip_hidden
    assert box.isVisibleTo(preview) and box.isChecked()
    assert box.text() == "Không nhập 2 hàng đang ẩn trong bảng tính"
    left_out = (
        "Không nhập 2 hàng đang ẩn hoặc bị lọc khỏi tầm nhìn của trang tính “Nậm Tăm”"
        " (tệp ds-nam-tam.xlsx, hàng 5–6), như đã chọn."
    )
    hidden_column = (
        "Cảnh báo: trang tính “Nậm Tăm” của tệp ds-nam-tam.xlsx có 1 cột đang ẩn"
        " (F “Số CCCD”): các cột này vẫn được nhập như mọi cột."
    )
    assert left_out in preview.info.text() and hidden_column in preview.info.text()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # untick: every row comes in
    imported = (
        "Cảnh báo: trang tính “Nậm Tăm” của tệp ds-nam-tam.xlsx có 2 hàng đang ẩn hoặc bị lọc"
        " khỏi tầm nhìn (hàng 5–6): các hàng này vẫn được nhập như mọi hàng."
    )
    assert imported in preview.info.text()
    _check(qtbot, wizard)
    report = wizard.report_page.report
    assert report is not None and report.rows == 6
    assert imported in wizard.report_page.summary.text()
    assert hidden_column in wizard.report_page.summary.text()
    assert wizard.report_page.isComplete()  # a warning: the clerk decides
    for _ in range(3):
        wizard.back()
    assert wizard.currentPage() is preview and not box.isChecked()  # her choice kept
    qtbot.keyClick(box, Qt.Key.Key_Space)
    _check(qtbot, wizard)
    report = wizard.report_page.report
    assert report is not None and report.rows == 4
    assert left_out in wizard.report_page.summary.text()
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.next()
    assert left_out in wizard.import_page.status.text()
    register = open_existing(small_register.path)
    try:
        household = repo.find_household_by_code(register.db, "NT-101")
        assert household is not None
        assert [m.full_name for m in repo.members(register.db, household.id)] == ["Giàng A Sử"]
    finally:
        register.close()


def test_a_sheet_whose_every_row_is_hidden_is_not_left_out_at_first(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    """Every row in a collapsed group: the clerk saw none of them, so the box is offered
    unticked, not ticked to import nothing."""
    import openpyxl

    path = write_xlsx(tmp_path / "ds-nam-tam.xlsx", [HEADERS, *PEOPLE])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    for row in range(4, 10):
        sheet.row_dimensions[row].hidden = True
    workbook.save(path)
    window = main_window(small_register.path)
    wizard = _open(qtbot, window)
    _choose(qtbot, wizard, path)
    box = wizard.preview_page.skip_hidden
    assert box.isVisibleTo(wizard.preview_page) and not box.isChecked()
    assert box.text() == "Không nhập 6 hàng đang ẩn trong bảng tính"


def test_a_sheet_without_hidden_rows_shows_no_box(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "ds-nam-tam.xlsx", [HEADERS, *PEOPLE])
    window = main_window(small_register.path)
    wizard = _open(qtbot, window)
    _choose(qtbot, wizard, path)
    assert not wizard.preview_page.skip_hidden.isVisibleTo(wizard.preview_page)
    assert "ẩn" not in wizard.preview_page.info.text()
