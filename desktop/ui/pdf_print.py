"""Printing a PDF on a QPrinter: each page rendered by PDFium at the printer's resolution.

Runs on the task worker (Qt allows QPainter on a QPrinter off the UI thread), so a
hundred-page hamlet never freezes the window; the system print dialog is shown first on the
UI thread by ``ask_printer``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from desktop.domain.errors import KnownError
from desktop.ui.pdf_pages import PdfPages

MAX_DPI = 300  # text stays sharp; a 600 dpi A4 page would be a 140 MB bitmap


def ask_printer(parent: QWidget, pages: PdfPages, title: str) -> QPrinter | None:
    """The system print dialog over a printer set to A4 portrait; None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the sheet carries its own Decree 30 margins
    printer.setFromTo(1, len(pages))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PdfPrint", "Print"))
    dialog.setMinMax(1, len(pages))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def page_range(printer: QPrinter, count: int) -> range:
    """The pages the print dialog asked for, 0-based (all when no range was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return range(count)
    return range(max(first, 1) - 1, min(last, count))


def print_pages(
    pages: PdfPages,
    printer: QPrinter,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> int:
    """Draw the chosen pages on ``printer``; the number of pages sent."""
    wanted = page_range(printer, len(pages))
    printer.setFullPage(True)
    dpi = min(printer.resolution(), MAX_DPI)
    gray = printer.colorMode() == QPrinter.ColorMode.GrayScale
    painter = QPainter()
    if not painter.begin(printer):
        raise KnownError("print.printer_unavailable", printer=printer.printerName())
    sent = 0
    try:
        for number, index in enumerate(wanted):
            if cancelled():
                printer.abort()
                break
            if number:
                printer.newPage()
            image = pages.render(index, dpi, gray=gray)
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            # The page keeps its proportions and is centred on the paper (A4 on A4: exact).
            scale = min(paper.width() / image.width(), paper.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            target = QRectF(
                (paper.width() - width) / 2, (paper.height() - height) / 2, width, height
            )
            painter.drawImage(target, image)
            sent += 1
            progress(number + 1, len(wanted))
    finally:
        painter.end()
    return sent
