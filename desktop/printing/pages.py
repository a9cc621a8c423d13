"""The pages of a pledge PDF: which household each page belongs to, its foot and header."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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

# Nothing is drawn nearer the paper's edge than EDGE: many printers clip the outer 4–5 mm.
# The foot (household code, template, QR) stands on that line in the bottom margin, which
# grows to FOOT_BAND when the template's is smaller (Decree 30 allows 20–25 mm).
EDGE = 8 * mm
# The QR code's 29 modules (an 87-digit payload: version 3 at level M) are QR_INK wide,
# 0.52 mm each, plenty for a cheap USB scanner; its quiet zone of 4 modules is blank paper
# and may reach nearer the edge than the ink.
QR_MODULES, QR_QUIET = 29, 4
QR_INK = 15 * mm
QR_MARGIN = QR_INK * QR_QUIET / QR_MODULES
QR_SIZE = QR_INK + 2 * QR_MARGIN
FOOT_GAP = 0.5 * mm  # between the foot and the text area
FOOT_BAND = EDGE + QR_INK + QR_MARGIN + FOOT_GAP
TEXT_FOOT_BAND = EDGE + 12 * mm  # a foot without a QR code (the blank sheet)
CONTINUED_BAND = 9 * mm  # the repeated header of a household's second and later pages
GAP = "……………………"
# Two or more copies of a sheet: the first stays at the home, the others go back to the
# commune (the second one signed is its bản lưu).
COPY_LABELS = ("Bản hộ gia đình giữ", "Bản lưu tại xã")
CONTINUES = "(xem tiếp trang sau)"


@dataclass
class SheetRun:
    template: PledgeTemplate
    styles: Styles
    total: int
    progress: Progress | None
    cancel: Cancelled | None
    copies: int = 1
    foot_top: float = 0  # points above the paper's edge: the foot stays below
    sheet: PledgeSheet | None = None
    copy_label: str = ""
    sheet_done: bool = False  # the sheet's last flowable is drawn: it ends on this page
    page_in_sheet: int = 0
    pages: int = 0
    qr_cache: dict[str, QrCode] = field(default_factory=dict)


class SheetStart(Flowable):
    """Zero-size marker at the top of each sheet: tells the page callbacks whose sheet it is."""

    def __init__(self, run: SheetRun, index: int, sheet: PledgeSheet, copy: int) -> None:
        super().__init__()
        self.run, self.index, self.sheet, self.copy = run, index, sheet, copy

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        run = self.run
        if self.copy == 0:
            if run.cancel and run.cancel():
                raise RenderCancelled
            if run.progress:
                run.progress(self.index, run.total)
        run.sheet = self.sheet
        run.sheet_done = False
        run.copy_label = COPY_LABELS[min(self.copy, 1)] if run.copies > 1 else ""
        run.page_in_sheet = 1


class SheetEnd(Flowable):
    """Zero-size marker after a sheet's last flowable: its page is the sheet's last."""

    def __init__(self, run: SheetRun) -> None:
        super().__init__()
        self.run = run

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.run.sheet_done = True


def sheet_document(
    stream: BinaryIO, template: PledgeTemplate, run: SheetRun, *, with_qr: bool = True
) -> BaseDocTemplate:
    """The document of a print; ``with_qr`` off (blank sheets) keeps the foot lower."""
    area = text_area(template.layout)
    band = FOOT_BAND if with_qr else TEXT_FOOT_BAND
    first = page_frame(template.layout, bottom_at_least=band, frame_id="first")
    later = page_frame(
        template.layout, shorten_top=CONTINUED_BAND, bottom_at_least=band, frame_id="later"
    )
    run.foot_top = max(area.bottom, band) - FOOT_GAP

    def foot(canvas: Canvas, doc: BaseDocTemplate) -> None:
        run.pages += 1
        if run.sheet is not None:
            _draw_foot(canvas, run, area.left, area.right)
            _draw_copy_label(canvas, run.copy_label, area.right)

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


def template_line(template: PledgeTemplate) -> str:
    """The foot's word to the clerk about which template printed the sheet."""
    return f"Mẫu: {text(template.movement) or template.id}, bản {template.version}"


def _draw_foot(canvas: Canvas, run: SheetRun, left: float, right: float) -> None:
    """From the top of the band down: the household code, the continuation and bản lưu
    notes, and the template line, small, on the EDGE line; the QR code at the right."""
    sheet = run.sheet
    assert sheet is not None
    canvas.saveState()
    bottom = EDGE
    code = text(sheet.household_code)
    canvas.setFont(BOLD, 12)
    line = run.foot_top - 10
    canvas.drawString(left, line, f"Mã hộ: {code or GAP}")
    notes = [] if run.sheet_done else [CONTINUES]
    if sheet.signature_png or sheet.signed_on:
        signed = sheet.signed_on.strftime("%d/%m/%Y") if sheet.signed_on else ""
        notes.append(f"Bản lưu: đã ký {signed}".strip())
    canvas.setFont(ITALIC, 10)
    for note in notes:
        line -= 12
        canvas.drawString(left, line, note)
    words = template_line(run.template)
    room = right - QR_INK - 2 * mm - left
    size = max(6.0, min(8.0, 8.0 * room / stringWidth(words, REGULAR, 8)))
    canvas.setFont(REGULAR, size)
    canvas.drawString(left, bottom + 2, words)
    if sheet.qr_payload:
        qr = run.qr_cache.get(sheet.qr_payload)
        if qr is None:
            qr = QrCode(
                sheet.qr_payload, width=QR_SIZE, height=QR_SIZE, qrLevel="M", qrBorder=QR_QUIET
            )
            run.qr_cache.clear()  # two copies of one sheet share a code; no more is kept
            run.qr_cache[sheet.qr_payload] = qr
        qr.drawOn(canvas, right + QR_MARGIN - QR_SIZE, bottom - QR_MARGIN)
    canvas.restoreState()


def _draw_copy_label(canvas: Canvas, label: str, right: float) -> None:
    """Which copy this is, in the top margin at the right (EDGE below the paper's top)."""
    if not label:
        return
    canvas.saveState()
    canvas.setFont(ITALIC, 11)
    canvas.drawRightString(right, PAGE_HEIGHT - EDGE - 11, label)
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
