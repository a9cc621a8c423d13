"""Printing from the pledge page: the print dialog, the render on the task lane, the preview,
the system print dialog (a PDF printer here) and the archive copy with its signature."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.pledges import Attachment
from desktop.ui.main_window import MainWindow
from desktop.ui.pdf_pages import PdfPages
from desktop.ui.pledge_page import PledgePage
from desktop.ui.preview_dialog import PreviewDialog
from tests.ui.conftest import SmallRegister
from tests.ui.ink import draw_signature, make_pdf
from tests.unit.test_window_lock import dead_pid


def open_page(window: MainWindow) -> PledgePage:
    window.show_page(window.pages.indexOf(window.pledge_page))
    return window.pledge_page


def pdf_printer(path: Path) -> Callable[[QWidget, PdfPages, str], QPrinter]:
    """Stands in for the system print dialog: a printer that writes a PDF file."""

    def choose(_parent: QWidget, _pages: PdfPages, _title: str) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(100)
        printer.setOutputFileName(str(path))
        return printer

    return choose


def wait_preview(qtbot: QtBot, page: PledgePage) -> PreviewDialog:
    qtbot.waitUntil(lambda: page.printing.preview is not None, timeout=20000)
    preview = page.printing.preview
    assert preview is not None
    return preview


def print_blank(qtbot: QtBot, window: MainWindow) -> PreviewDialog:
    """A blank sheet for a walk-in household, printed from the Cam kết page: its preview."""
    page = open_page(window)
    dialog = page.ask_print()
    dialog.blank_button.click()
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        dialog.accept()
    return wait_preview(qtbot, page)


def printed_not_back(page: PledgePage, hamlet: str) -> str:
    model = page.progress_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == hamlet)
    return str(model.index(row, 5).data())


def test_print_a_hamlet_preview_and_send_it_to_the_printer(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    page.select_hamlet(small_register.hamlet_ids["Bản Nậm Tăm"])
    dialog = page.ask_print()
    qtbot.waitExposed(dialog)
    assert dialog.hamlet_combo.currentText() == "Bản Nậm Tăm"
    assert dialog.unsigned_button.isChecked()
    dialog.copies_spin.setValue(2)
    with qtbot.waitSignal(window.tasks.finished, timeout=20000) as finished:
        dialog.accept()
    assert finished.args[1] is True
    preview = wait_preview(qtbot, page)
    assert len(preview.pages) == 4  # two households, two copies each
    assert "NT-001" in preview.pages.text(0)
    assert "2 hộ" in preview.note.text()
    # Looked at, not yet printed: nothing is marked.
    assert printed_not_back(page, "Bản Nậm Tăm") == "0"

    out = tmp_path / "printer.pdf"
    preview.choose_printer = pdf_printer(out)
    with qtbot.waitSignal(preview.printed, timeout=20000) as printed:
        preview.preview.print_button.click()
    assert printed.args == [4]
    # Sent to the printer: the households are marked printed and the dashboard says so.
    qtbot.waitUntil(lambda: printed_not_back(page, "Bản Nậm Tăm") == "2", timeout=20000)
    assert "cho 2 hộ" in window.statusBar().currentMessage()
    sent = pdfium.PdfDocument(str(out))
    assert len(sent) == 4
    sent.close()

    saved = tmp_path / "luu.pdf"
    preview.save_to(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    rendered = preview.pdf
    preview.close()
    assert not rendered.exists()  # the temporary file goes with its preview
    assert saved.exists()


def test_a_saved_pdf_counts_as_printed(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    page.select_hamlet(small_register.hamlet_ids["Bản Pa Khóa"])
    dialog = page.ask_print()
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        dialog.accept()
    preview = wait_preview(qtbot, page)
    assert printed_not_back(page, "Bản Pa Khóa") == "0"
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        preview.save_to(tmp_path / "pa-khoa.pdf")
    assert printed_not_back(page, "Bản Pa Khóa") == "2"
    preview.close()


def test_ctrl_p_on_the_page_opens_the_print_dialog(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    qtbot.keyClick(page.check_in_box, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert page.print_dialog is not None
    qtbot.waitExposed(page.print_dialog)
    page.print_dialog.reject()


def test_blank_sheet_for_a_walk_in(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    preview = print_blank(qtbot, window)
    assert len(preview.pages) == 1
    assert "NT-001" not in preview.pages.text(0)
    assert printed_not_back(open_page(window), "Bản Nậm Tăm") == "0"
    preview.close()


def test_archive_copy_of_a_signed_pledge_shows_the_signature(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    record = page.open_pledge(small_register.ids["NT-002"])
    qtbot.waitExposed(record)
    draw_signature(qtbot, record.evidence.pad)
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        record.archive_button.click()
    preview = wait_preview(qtbot, page)
    assert len(preview.pages) == 1
    text = preview.pages.text(0)
    assert "NT-002" in text and "Lò Thị Hoà" in text
    assert preview.pages.image_count(0) >= 1  # the signature drawn on the pad
    preview.close()


def test_archive_copy_needs_a_signed_result(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    record = page.open_pledge(small_register.ids["NT-002"])
    record.absent_button.click()
    assert not record.archive_button.isEnabled()
    record.save_and_print_archive()
    assert record.error_label.isVisible()
    assert page.printing.preview is None
    # Signed with no signature drawn: the archive copy has no image at all, so the image
    # found above is the signature.
    record.signed_button.click()
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        record.archive_button.click()
    preview = wait_preview(qtbot, page)
    assert "NT-002" in preview.pages.text(0)
    assert preview.pages.image_count(0) == 0
    preview.close()


def test_progress_report_and_unsigned_list_from_the_dashboard(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        page.report_button.click()
    report = wait_preview(qtbot, page)
    text = report.pages.text(0)
    assert "Bản Nậm Tăm" in text and "Thôn Hồng Thu" in text
    page.printing.preview = None
    report.close()

    page.select_hamlet(small_register.hamlet_ids["Bản Pa Khóa"])
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        page.unsigned_button.click()
    unsigned = wait_preview(qtbot, page)
    listed = "".join(unsigned.pages.text(i) for i in range(len(unsigned.pages)))
    assert "PK-001" in listed and "PK-002" in listed
    assert "NT-001" not in listed
    unsigned.close()


def test_closing_the_preview_while_printing_lets_the_job_finish(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    dialog = page.ask_print()
    dialog.all_button.click()
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        dialog.accept()
    preview = wait_preview(qtbot, page)
    out = tmp_path / "printer.pdf"
    preview.choose_printer = pdf_printer(out)
    with qtbot.waitSignal(window.tasks.finished, timeout=20000) as finished:
        preview.preview.print_button.click()
        preview.close()
    assert finished.args[1] is True
    assert page.printing.preview is None
    qtbot.waitUntil(lambda: printed_not_back(page, "Toàn xã") == "6", timeout=20000)
    printed = pdfium.PdfDocument(str(out))
    assert len(printed) == 6  # every household of the commune
    printed.close()


def test_a_kept_scan_opens_in_the_preview(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
) -> None:
    window = main_window(small_register.path)
    page = open_page(window)
    record = page.open_pledge(small_register.ids["PK-002"])
    qtbot.waitExposed(record)
    photo = tmp_path / "anh-chup.png"
    picture = QImage(300, 420, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    assert picture.save(str(photo))
    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(make_pdf(2))
    kept: list[Attachment] = []
    record.evidence.attached.connect(kept.append)
    assert record.attach_scan(photo).wait() and record.attach_scan(scan).wait()
    assert "anh-chup.png" in record.evidence.files_label.text()

    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        record.evidence.files_label.linkActivated.emit(kept[0].id)
    shown = wait_preview(qtbot, page)
    assert len(shown.pages) == 1
    assert shown.pages.image_count(0) == 1
    assert shown.parentWidget() is record  # usable over the modal pledge dialog
    shown.close()
    with qtbot.waitSignal(window.tasks.finished, timeout=20000):
        record.evidence.files_label.linkActivated.emit(kept[1].id)
    shown = wait_preview(qtbot, page)
    assert len(shown.pages) == 2
    assert "Trang 2" in shown.pages.text(1)
    shown.close()


def test_sheets_a_killed_window_left_in_the_temporary_folder_are_removed_by_the_next(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    killed = temp / f"camket-print-{dead_pid()}-k1ll3d"  # a window killed with its preview open
    killed.mkdir()
    (killed / "cam-ket-20261205.pdf").write_bytes(make_pdf(1))  # names and ID numbers
    running = temp / f"camket-print-{os.getpid()}-0th3r"  # another window still open
    running.mkdir()

    preview = print_blank(qtbot, main_window(small_register.path))
    assert preview.pdf.parent.parent == temp
    assert preview.pdf.parent.name.startswith(f"camket-print-{os.getpid()}-")
    assert not killed.exists()
    assert running.exists()
    preview.close()


def test_the_preview_opens_with_the_whole_width_of_the_sheet_in_view(
    qtbot: QtBot, main_window: Callable[..., MainWindow], small_register: SmallRegister
) -> None:
    """On a small screen (the offscreen one here is 800×600; a 1024×768 laptop alike) the
    preview opened at 100 %, an A4 sheet cut on its right behind a scroll bar."""
    window = main_window(small_register.path, size=(1024, 768))
    preview = print_blank(qtbot, window)
    qtbot.waitExposed(preview)
    view = preview.preview
    qtbot.waitUntil(lambda: view.canvas.width() <= view.scroll_area.viewport().width())
    assert view.scroll_area.horizontalScrollBar().maximum() == 0
    preview.close()


def test_saving_the_pdf_onto_a_full_stick_says_the_disk_is_full(
    qtbot: QtBot,
    main_window: Callable[..., MainWindow],
    small_register: SmallRegister,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Lưu PDF… onto a stick that fills up: before, "Không ghi được tệp …: No space left on
    device", the system's English words."""
    import errno
    import shutil

    from desktop.domain.errors import KnownError
    from desktop.messages import describe

    preview = print_blank(qtbot, main_window(small_register.path))

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(KnownError) as caught:
        preview.save_to(tmp_path / "ban-trang.pdf")
    assert "ban-trang.pdf: ổ đĩa chứa tệp đã đầy" in describe(caught.value)
    assert not (tmp_path / "ban-trang.pdf").exists()
    preview.close()
