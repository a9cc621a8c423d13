"""The pages of a pledge PDF: which household each page belongs to, its foot and header."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate

from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.pledges import PledgeSheet
from desktop.domain.templates import PledgeTemplate
from desktop.printing.document import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RenderCancelled,
    Styles,
    page_frame,
    text,
    text_area,
)
from desktop.printing.fonts import BOLD, ITALIC, REGULAR

# The foot (household code and QR) sits in the bottom margin, as Decree 30 puts page numbers
# in the top margin: the text area keeps its full Decree 30 size and a household of five
# still fits one sheet.
QR_SIZE = 16 * mm  # 29 modules + quiet zone at ~0.43 mm: fine for a cheap USB scanner
FOOT_GAP = 1 * mm  # between the foot and the text area
CONTINUED_BAND = 9 * mm  # the repeated header of a household's second and later pages
GAP = "……………………"


@dataclass
class SheetRun:
    template: PledgeTemplate
    styles: Styles
    total: int
    progress: Progress | None
    cancel: Cancelled | None
    sheet: PledgeSheet | None = None
    page_in_sheet: int = 0
    pages: int = 0
    qr_cache: dict[str, QrCode] = field(default_factory=dict)


class SheetStart(Flowable):
    """Zero-size marker at the top of each sheet: tells the page callbacks whose sheet it is."""

    def __init__(self, run: SheetRun, index: int, sheet: PledgeSheet, first_copy: bool) -> None:
        super().__init__()
        self.run, self.index, self.sheet, self.first_copy = run, index, sheet, first_copy

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        run = self.run
        if self.first_copy:
            if run.cancel and run.cancel():
                raise RenderCancelled
            if run.progress:
                run.progress(self.index, run.total)
        run.sheet = self.sheet
        run.page_in_sheet = 1


def sheet_document(stream: BinaryIO, template: PledgeTemplate, run: SheetRun) -> BaseDocTemplate:
    area = text_area(template.layout)
    first = page_frame(template.layout, frame_id="first")
    later = page_frame(template.layout, shorten_top=CONTINUED_BAND, frame_id="later")

    def foot(canvas: Canvas, doc: BaseDocTemplate) -> None:
        run.pages += 1
        if run.sheet is not None:
            _draw_foot(canvas, run, area.left, area.right, area.bottom - FOOT_GAP - QR_SIZE)

    def continued(canvas: Canvas, doc: BaseDocTemplate) -> None:
        run.page_in_sheet += 1
        if run.sheet is not None:
            _draw_continued(canvas, run.sheet, run.page_in_sheet, area.left, area.right, area.top)

    doc = BaseDocTemplate(
        stream,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=template.title,
        subject=template.movement,
        author="CamKet",
        creator="CamKet",
        invariant=True,
        # Otherwise the page preamble names Helvetica, a font no sheet draws with.
        initialFontName=REGULAR,
        initialFontSize=13,
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPageEnd=foot),
            PageTemplate("later", [later], onPage=continued, onPageEnd=foot),
        ]
    )
    return doc


def _draw_foot(canvas: Canvas, run: SheetRun, left: float, right: float, bottom: float) -> None:
    sheet = run.sheet
    assert sheet is not None
    canvas.saveState()
    code = text(sheet.household_code)
    canvas.setFont(BOLD, 12)
    canvas.drawString(left, bottom + QR_SIZE - 12, f"Mã hộ: {code or GAP}")
    canvas.setFont(REGULAR, 10)
    template = run.template
    canvas.drawString(
        left, bottom + QR_SIZE - 26, f"Mẫu {template.id}, phiên bản {template.version}"
    )
    if sheet.signature_png or sheet.signed_on:
        canvas.setFont(ITALIC, 10)
        signed = sheet.signed_on.strftime("%d/%m/%Y") if sheet.signed_on else ""
        canvas.drawString(left, bottom + QR_SIZE - 39, f"Bản lưu: đã ký {signed}".strip())
    if sheet.qr_payload:
        qr = run.qr_cache.get(sheet.qr_payload)
        if qr is None:
            qr = QrCode(sheet.qr_payload, width=QR_SIZE, height=QR_SIZE, qrLevel="M", qrBorder=4)
            run.qr_cache.clear()  # two copies of one sheet share a code; no more is kept
            run.qr_cache[sheet.qr_payload] = qr
        qr.drawOn(canvas, right - QR_SIZE, bottom)
    canvas.restoreState()


def _draw_continued(
    canvas: Canvas, sheet: PledgeSheet, page: int, left: float, right: float, top: float
) -> None:
    canvas.saveState()
    canvas.setFont(ITALIC, 11)
    head = text(sheet.head_name)
    code = text(sheet.household_code)
    canvas.drawString(
        left, top - 11, f"Bản cam kết của hộ {code} – {head} (tiếp theo, trang {page})"
    )
    canvas.setLineWidth(0.5)
    canvas.line(left, top - 15, right, top - 15)
    canvas.restoreState()
