"""PDF pages as QImages through pypdfium2 (PDFium), for the preview and for printing.

Qt's own QtPdf is only in the full PySide6 (Addons, ~500 MB more, DESIGN §11); PDFium from
pypdfium2 is the same engine Chrome uses, in a 5 MB wheel. PDFium is not thread-safe: every
call into it goes through ``PDFIUM_LOCK``, so the preview (UI thread) and a print job (the
task worker) may share it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

from desktop.domain.errors import KnownError

PDFIUM_LOCK = threading.RLock()
POINTS_PER_INCH = 72.0


class PdfPages:
    """An open PDF: its page sizes (points) and pages rendered at a resolution."""

    def __init__(self, source: Path | bytes) -> None:
        self.source = source
        try:
            with PDFIUM_LOCK:
                self._doc = pdfium.PdfDocument(str(source) if isinstance(source, Path) else source)
                self.sizes = [QSizeF(*self._doc.get_page_size(i)) for i in range(len(self._doc))]
        except pdfium.PdfiumError as err:
            name = source.name if isinstance(source, Path) else "PDF"
            raise KnownError("pdf.unreadable", path=name, detail=str(err)) from err

    def __len__(self) -> int:
        return len(self.sizes)

    def render(self, index: int, dpi: float, *, gray: bool = False) -> QImage:
        """Page ``index`` on white at ``dpi``: an RGB image owning its pixels, or 8-bit gray
        (a third of the data to spool to a black-and-white printer)."""
        with PDFIUM_LOCK:
            page = self._doc[index]
            try:
                if gray:
                    bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
                    kind = QImage.Format.Format_Grayscale8
                else:
                    bitmap = page.render(
                        scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True
                    )
                    kind = QImage.Format.Format_RGBX8888
                image = QImage(
                    bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, kind
                ).copy()  # the bitmap's memory goes with it: the copy owns its pixels
            finally:
                page.close()
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        return image

    def image_count(self, index: int) -> int:
        """How many image objects page ``index`` draws (a signature, a scanned page)."""
        with PDFIUM_LOCK:
            page = self._doc[index]
            try:
                return sum(1 for _ in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,)))
            finally:
                page.close()

    def text(self, index: int) -> str:
        with PDFIUM_LOCK:
            page = self._doc[index]
            try:
                textpage = page.get_textpage()
                try:
                    return str(textpage.get_text_bounded())
                finally:
                    textpage.close()
            finally:
                page.close()

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._doc.close()
