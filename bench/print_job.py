"""`make bench` helper, run in its own offscreen Qt process: a print job of the first N pages
of a PDF through ui.pdf_print (300 dpi, gray, a PDF printer standing in for a real one)
beside PDFium rendering the same pages at the same resolution. Prints: pages ours raw."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter

from desktop.ui.pdf_pages import POINTS_PER_INCH, PdfPages
from desktop.ui.pdf_print import print_pages

DPI = 300


def raw_render(pdf: Path, count: int) -> float:
    doc = pdfium.PdfDocument(str(pdf))
    started = time.perf_counter()
    for index in range(count):
        page = doc[index]
        page.render(scale=DPI / POINTS_PER_INCH, grayscale=True).close()
        page.close()
    elapsed = time.perf_counter() - started
    doc.close()
    return elapsed


def print_job(pdf: Path, count: int, out: Path) -> float:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(DPI)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setOutputFileName(str(out))
    printer.setFromTo(1, count)
    pages = PdfPages(pdf)
    started = time.perf_counter()
    print_pages(pages, printer, lambda _done, _total: None, lambda: False)
    elapsed = time.perf_counter() - started
    pages.close()
    return elapsed


def main() -> None:
    pdf, count = Path(sys.argv[1]), int(sys.argv[2])
    app = QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        raw = min(raw_render(pdf, count) for _ in range(2))
        ours = min(print_job(pdf, count, Path(tmp) / "printed.pdf") for _ in range(2))
    print(count, ours, raw)
    del app


if __name__ == "__main__":
    main()
