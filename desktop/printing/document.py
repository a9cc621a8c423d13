"""What every printed PDF shares: A4 geometry, paragraph styles, markup escaping, safe output."""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus.frames import Frame as PlatypusFrame

from desktop.domain.templates import Layout
from desktop.outputs import output_stream
from desktop.printing.fonts import BOLD, FAMILY, ITALIC, REGULAR

# Where a PDF goes: a path (written whole or not at all) or an open binary file.
Output = Path | str | BinaryIO

PAGE_WIDTH, PAGE_HEIGHT = A4
# Leading as a multiple of the font size for "single" line spacing (a Times-metric font).
SINGLE_LEADING = 1.15
CELL_PADDING = 3  # points left and right of a ruled table's cell text


@dataclass(frozen=True)
class RenderResult:
    """What a render produced; nothing was written when ``cancelled``."""

    sheets: int = 0
    pages: int = 0
    cancelled: bool = False


class RenderCancelled(Exception):
    """Raised inside a render when the cancel callback says so; never leaves this package."""


def text(value: object) -> str:
    """Printable text: NFC (reportlab draws NFD marks apart from their letters), trimmed."""
    return unicodedata.normalize("NFC", str(value)).strip()


def markup(value: object) -> str:
    """Text safe inside a Paragraph (which parses a small XML markup)."""
    return escape(text(value))


# A table cell's text at most: a note or address pasted whole (thousands of characters)
# makes a row taller than a page, which reportlab cannot draw (LayoutError: no PDF at all).
CELL_CHARS = 300


def cell_markup(value: object, limit: int = CELL_CHARS) -> str:
    """markup() of a table cell's text, cut to ``limit`` characters with "…"."""
    shown = text(value)
    if len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return escape(shown)


class Paragraphs:
    """Makes Paragraphs, parsing each distinct markup once: a hamlet's sheets repeat the same
    commitments, headings and labels hundreds of times, and the parse is a tenth of a sheet.
    (reportlab reads the parsed fragments without changing them; the golden tests compare
    whole PDFs drawn with and without this.)"""

    def __init__(self) -> None:
        self._frags: dict[tuple[str, str], list[object]] = {}

    def __call__(self, marked_up: str, style: ParagraphStyle) -> Paragraph:
        key = (marked_up, style.name)
        paragraph = Paragraph(marked_up, style, frags=self._frags.get(key))
        self._frags.setdefault(key, paragraph.frags)
        return paragraph


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of a form, sized from a template's layout (Decree 30 ranges)."""

    nation: ParagraphStyle
    motto: ParagraphStyle
    title: ParagraphStyle
    subject: ParagraphStyle
    body: ParagraphStyle
    body_left: ParagraphStyle
    label: ParagraphStyle
    date_line: ParagraphStyle
    table: ParagraphStyle
    table_head: ParagraphStyle
    signature_heading: ParagraphStyle
    signature_hint: ParagraphStyle
    signature_name: ParagraphStyle
    small: ParagraphStyle
    # For the words every sheet repeats; a household's own names go through Paragraph.
    repeated: Paragraphs = field(default_factory=Paragraphs)


def make_styles(layout: Layout) -> Styles:
    body_pt = layout.body_pt
    leading = body_pt * SINGLE_LEADING * layout.line_spacing
    space = layout.paragraph_space_pt

    def style(name: str, size: float, font: str = REGULAR, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=kw.pop("leading", size * SINGLE_LEADING),
            # reportlab squeezes spaces up to 5 % to fit a line, but draws a line that is not
            # justified (centred, or a paragraph's last) unsqueezed: past the right margin.
            spaceShrinkage=0,
            **kw,
        )

    table_pt = layout.table_pt
    sign_pt = layout.signature_pt
    return Styles(
        nation=style("nation", layout.nation_pt, BOLD, alignment=TA_CENTER),
        motto=style("motto", layout.motto_pt, BOLD, alignment=TA_CENTER),
        title=style("title", layout.title_pt, BOLD, alignment=TA_CENTER, spaceBefore=space),
        subject=style("subject", body_pt, BOLD, alignment=TA_CENTER, spaceAfter=space),
        body=style(
            "body",
            body_pt,
            alignment=TA_JUSTIFY,
            firstLineIndent=layout.first_line_indent_cm * cm,
            leading=leading,
            spaceBefore=space,
        ),
        body_left=style("body_left", body_pt, alignment=TA_LEFT, leading=leading),
        label=style("label", body_pt, alignment=TA_LEFT, leading=leading, spaceBefore=space),
        # Room under the date line: its "g" and "y" hang over the accents of the signature
        # headings ("CÁN BỘ BIÊN PHÒNG") right below it.
        date_line=style(
            "date_line", body_pt, ITALIC, alignment=TA_RIGHT, spaceBefore=space, spaceAfter=4
        ),
        table=style("table", table_pt, alignment=TA_LEFT, leading=table_pt * SINGLE_LEADING),
        table_head=style("table_head", table_pt, BOLD, alignment=TA_CENTER),
        signature_heading=style("signature_heading", sign_pt, BOLD, alignment=TA_CENTER),
        signature_hint=style("signature_hint", sign_pt, ITALIC, alignment=TA_CENTER),
        signature_name=style("signature_name", sign_pt, BOLD, alignment=TA_CENTER),
        small=style("small", 10, alignment=TA_LEFT, fontFamily=FAMILY),
    )


@dataclass(frozen=True)
class Frame:
    """The text area of a page: inside the template's margins."""

    left: float
    bottom: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.bottom + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


def text_area(layout: Layout) -> Frame:
    left = layout.margin_left_mm * mm
    bottom = layout.margin_bottom_mm * mm
    return Frame(
        left=left,
        bottom=bottom,
        width=PAGE_WIDTH - left - layout.margin_right_mm * mm,
        height=PAGE_HEIGHT - bottom - layout.margin_top_mm * mm,
    )


@contextlib.contextmanager
def open_output(out: Output) -> Iterator[BinaryIO]:
    """A binary file to write the PDF into.

    A path is refused when it is a register or another SQLite file, and written through a
    temporary file beside it renamed at the end (desktop.outputs), so a failed or cancelled
    render leaves no half-written PDF (and an old one with that name intact).
    """
    if not isinstance(out, str | Path):
        yield out
        return
    with output_stream(out) as stream:
        yield stream


NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def draw_motto(
    canvas: Canvas, middle: float, top: float, nation_pt: float, motto_pt: float
) -> None:
    """The national motto centred on ``middle`` below ``top``, with a rule of its length."""
    canvas.setFont(BOLD, nation_pt)
    canvas.drawCentredString(middle, top - nation_pt, NATION)
    canvas.setFont(BOLD, motto_pt)
    motto_y = top - nation_pt * 1.2 - motto_pt
    canvas.drawCentredString(middle, motto_y, MOTTO)
    rule = canvas.stringWidth(MOTTO, BOLD, motto_pt)
    canvas.setLineWidth(0.6)
    canvas.line(middle - rule / 2, motto_y - 3, middle + rule / 2, motto_y - 3)


class MottoBlock(Flowable):
    """The national motto alone, centred on the page (a household's pledge has no agency)."""

    def __init__(self, styles: Styles) -> None:
        super().__init__()
        self.nation_pt = styles.nation.fontSize
        self.motto_pt = styles.motto.fontSize

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = (self.nation_pt + self.motto_pt) * 1.2 + 4
        return self.width, self.height

    def draw(self) -> None:
        draw_motto(self.canv, self.width / 2, self.height, self.nation_pt, self.motto_pt)


def borderless(size: float, padding: tuple[float, float, float], *extra: tuple) -> TableStyle:
    """A table used only to place things side by side; padding is (left, right, top/bottom)."""
    left, right, vertical = padding
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, size),  # else empty cells name Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), left),
            ("RIGHTPADDING", (0, 0), (-1, -1), right),
            ("TOPPADDING", (0, 0), (-1, -1), vertical),
            ("BOTTOMPADDING", (0, 0), (-1, -1), vertical),
            *extra,
        ]
    )


def page_frame(
    layout: Layout,
    *,
    shorten_top: float = 0,
    bottom_at_least: float = 0,
    frame_id: str | None = None,
) -> PlatypusFrame:
    """The platypus frame of the text area (less ``shorten_top`` points at its top; its
    bottom raised to ``bottom_at_least`` points above the paper's edge when lower)."""
    area = text_area(layout)
    bottom = max(area.bottom, bottom_at_least)
    return PlatypusFrame(
        area.left,
        bottom,
        area.width,
        area.top - bottom - shorten_top,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=frame_id,
    )


def grid_style(size: float, *extra: tuple, leading: float | None = None) -> TableStyle:
    """A ruled table of ``size`` points: the member table, the reports' tables."""
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("FONT", (0, 0), (-1, -1), REGULAR, size, leading or size * 1.2),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            *extra,
        ]
    )
