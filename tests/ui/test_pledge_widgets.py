"""The pledge screens' building blocks: signature pad, check-in box, PDF preview and printing."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.pledges import QrPayload
from desktop.ui.checkin_box import CheckInBox
from desktop.ui.pdf_pages import PdfPages
from desktop.ui.pdf_preview import PdfPreview
from desktop.ui.pdf_print import print_pages
from desktop.ui.signature_pad import SignaturePad
from tests.ui.ink import draw_signature, make_pdf

CAMPAIGN = "0b7f1e2a-6c1d-4c55-9a53-1f7b7e3c2d10"
HOUSEHOLD = "5d2c9a41-2f3e-4f6a-8d3b-9e1c7a5b4f22"


def test_signature_pad_draws_with_the_mouse_and_saves_a_cropped_png(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(480, 200)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.is_empty()
    with qtbot.waitSignals([pad.changed, pad.changed]):
        draw_signature(qtbot, pad)
    assert len(pad.strokes) == 2
    ink = pad.ink_rect()
    assert 200 < ink.width() < 300 and 50 < ink.height() < 110

    transparent = QImage.fromData(pad.png())
    assert not transparent.isNull()
    # Cropped to the ink plus a margin, at twice the pad's scale.
    assert transparent.width() < 2 * 480 and transparent.height() < 2 * 200
    assert transparent.hasAlphaChannel()
    assert transparent.pixelColor(0, 0).alpha() == 0
    white = QImage.fromData(pad.png(white=True))
    assert white.pixelColor(0, 0) == QColor(Qt.GlobalColor.white)
    inked = sum(
        1
        for x in range(0, white.width(), 2)
        for y in range(0, white.height(), 2)
        if white.pixelColor(x, y).blue() < 200 or white.pixelColor(x, y).red() < 120
    )
    assert inked > 50

    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty()
    with pytest.raises(ValueError):
        pad.png()


def test_signature_pad_takes_a_pen(qtbot: QtBot) -> None:
    from PySide6.QtGui import QPointingDevice, QTabletEvent

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(480, 200)
    device = QPointingDevice.primaryPointingDevice()
    for kind, x, pressure in (
        (QTabletEvent.Type.TabletPress, 50, 0.2),
        (QTabletEvent.Type.TabletMove, 120, 0.9),
        (QTabletEvent.Type.TabletMove, 200, 0.9),
        (QTabletEvent.Type.TabletRelease, 200, 0.0),
    ):
        point = QPointF(x, 80)
        event = QTabletEvent(
            kind,
            device,
            point,
            pad.mapToGlobal(point),
            pressure,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        pad.tabletEvent(event)
    assert len(pad.strokes) == 1
    assert len(pad.strokes[0].points) == 3
    assert pad.strokes[0].widths[1] > pad.strokes[0].widths[0]


def test_check_in_box_takes_a_scanned_payload_or_a_typed_code(qtbot: QtBot) -> None:
    box = CheckInBox()
    qtbot.addWidget(box)
    payload = QrPayload("03478", CAMPAIGN, HOUSEHOLD).text()
    with qtbot.waitSignal(box.submitted) as scanned:
        qtbot.keyClicks(box, payload)
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert scanned.args == [payload]
    assert box.text() == ""
    with qtbot.waitSignal(box.submitted) as typed:
        qtbot.keyClicks(box, "  nt-001 ")
        qtbot.keyClick(box, Qt.Key.Key_Enter)
    assert typed.args == ["NT-001"]
    with qtbot.waitSignal(box.submitted) as tabbed:
        qtbot.keyClicks(box, payload)
        qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert tabbed.args == [payload]
    with qtbot.assertNotEmitted(box.submitted):
        qtbot.keyClick(box, Qt.Key.Key_Return)


def test_preview_shows_pages_zooms_and_follows_the_scroll(qtbot: QtBot) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(700, 600)
    preview.show()
    qtbot.waitExposed(preview)
    assert not preview.print_button.isEnabled()
    pages = PdfPages(make_pdf(3))
    preview.set_pages(pages)
    assert preview.print_button.isEnabled()
    assert preview.page_label.text() == "Trang 1/3"
    height_at_100 = preview.canvas.height()
    preview.zoom_in()
    assert preview.canvas.zoom > 1.0
    assert preview.canvas.height() > height_at_100
    zoom = preview.canvas.zoom
    viewport = preview.scroll_area.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        centre,
        viewport.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert preview.canvas.zoom > zoom  # Ctrl + wheel zooms in
    preview.fit_width()
    page = preview.canvas.page_rect(0)
    assert abs(page.width() - (preview.scroll_area.viewport().width() - 24)) <= 2
    preview.show_page(2)
    assert preview.current_page() == 2
    assert preview.page_label.text() == "Trang 3/3"
    shot = preview.grab().toImage()
    # The page is drawn white over the grey background.
    centre = preview.scroll_area.geometry().center()
    assert shot.pixelColor(centre) == QColor(Qt.GlobalColor.white)
    pages.close()


def test_unreadable_pdf_is_a_known_error() -> None:
    from desktop.domain.errors import KnownError

    with pytest.raises(KnownError) as raised:
        PdfPages(b"not a pdf at all")
    assert raised.value.code == "pdf.unreadable"


def test_print_pages_draws_every_page_on_the_printer(tmp_path: Path) -> None:
    pages = PdfPages(make_pdf(3, with_image=True))
    assert pages.image_count(0) == 1
    assert "Trang 1" in pages.text(0)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    seen: list[tuple[int, int]] = []
    assert print_pages(pages, printer, lambda d, t: seen.append((d, t)), lambda: False) == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]
    printed = pdfium.PdfDocument(str(out))
    assert len(printed) == 3
    width, height = printed[0].get_size()
    assert abs(width - 595) < 2 and abs(height - 842) < 2
    printed.close()
    assert [PdfPages(out).image_count(i) for i in range(3)] == [1, 1, 1]
    pages.close()


def test_print_pages_honours_a_page_range_and_cancel(tmp_path: Path) -> None:
    pages = PdfPages(make_pdf(4))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(96)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(2, 3)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    assert print_pages(pages, printer, lambda d, t: None, lambda: False) == 2
    assert len(pdfium.PdfDocument(str(tmp_path / "range.pdf"))) == 2
    assert pages.render(0, 72, gray=True).format() == QImage.Format.Format_Grayscale8
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    printer.setFromTo(0, 0)
    calls = iter([False, True, True, True])
    assert print_pages(pages, printer, lambda d, t: None, lambda: next(calls)) == 1
    pages.close()


def test_signature_pad_takes_a_finger(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(480, 200)
    pad.show()
    qtbot.waitExposed(pad)
    screen = QTest.createTouchDevice()
    QTest.touchEvent(pad, screen).press(0, QPoint(60, 120)).commit()
    for x in (90, 130, 170, 210):
        QTest.touchEvent(pad, screen).move(0, QPoint(x, 120 - (x % 40))).commit()
    QTest.touchEvent(pad, screen).release(0, QPoint(230, 110)).commit()
    assert len(pad.strokes) == 1
    assert len(pad.strokes[0].points) >= 5
    assert pad.ink_rect().width() > 150
