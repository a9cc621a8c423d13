"""What every printed PDF shares: A4 geometry, paragraph styles, markup escaping, safe output."""

from __future__ import annotations

import contextlib
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm

from desktop.domain.errors import KnownError
from desktop.domain.templates import Layout
from desktop.printing.fonts import BOLD, FAMILY, ITALIC, REGULAR

# Where a PDF goes: a path (written whole or not at all) or an open binary file.
Output = Path | str | BinaryIO
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

PAGE_WIDTH, PAGE_HEIGHT = A4
# Leading as a multiple of the font size for "single" line spacing (a Times-metric font).
SINGLE_LEADING = 1.15


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
        date_line=style("date_line", body_pt, ITALIC, alignment=TA_RIGHT, spaceBefore=space),
        table=style("table", table_pt, alignment=TA_LEFT),
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

    A path is written through a temporary file beside it and renamed at the end, so a failed
    or cancelled render leaves no half-written PDF (and an old one with that name intact).
    """
    if not isinstance(out, str | Path):
        yield out
        return
    path = Path(out)
    if path.is_dir():
        raise KnownError("print.unwritable", path=str(path))
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".camket-", suffix=".pdf", dir=path.parent)
    except OSError:
        raise KnownError("print.unwritable", path=str(path)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        raise KnownError("print.unwritable", path=str(path)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
