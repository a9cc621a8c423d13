"""What the golden tests read back from a PDF: text runs with positions, fonts, QR codes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import zxingcpp
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth


@dataclass(frozen=True)
class Run:
    """One string drawn on a page: where it starts (points from the bottom left) and its font."""

    page: int
    text: str
    x: float
    y: float
    font: str  # the base font without its subset tag: "LiberationSerif-Bold"
    size: float

    @property
    def width(self) -> float:
        # The bundled faces are registered under these names by desktop.printing.fonts.
        return stringWidth(self.text, self.font, self.size)


def text_runs(pdf: bytes | Path) -> list[Run]:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    runs: list[Run] = []
    for number, page in enumerate(reader.pages, start=1):

        def visit(text, cm, tm, font, size, number=number) -> None:  # type: ignore[no-untyped-def]
            shown = text.strip()
            if not shown or font is None:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            base = str(font.get("/BaseFont", "")).lstrip("/").split("+", 1)[-1]
            runs.append(Run(number, shown, x, y, base, size * tm[3] * cm[3]))

        page.extract_text(visitor_text=visit)
    return runs


def page_texts(pdf: bytes | Path) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Whitespace collapsed, so a paragraph compares across its line breaks."""
    return " ".join(text.split())


def embedded_fonts(pdf: bytes | Path) -> dict[str, bool]:
    """Every font the pages use: base font name → True when its TrueType file is embedded."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for ref in (font_dict or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def qr_codes(pdf: bytes | Path, dpi: int = 300) -> list[list[str]]:
    """The QR codes a scanner would read on each page (rendered, then decoded by zxing-cpp)."""
    document = pypdfium2.PdfDocument(pdf)
    found = []
    try:
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            # The foot is the bottom sixth of the page: decoding only it keeps the test quick.
            foot = image.crop((0, image.height * 5 // 6, image.width, image.height))
            found.append([code.text for code in zxingcpp.read_barcodes(foot)])
    finally:
        document.close()
    return found
