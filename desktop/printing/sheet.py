"""Pledge sheets (DESIGN §6): one household per sheet, pre-filled or blank, QR at the foot."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.pledges import PledgeSheet, blank_sheet
from desktop.domain.templates import PledgeTemplate, date_line, fill, placeholders_in
from desktop.printing.document import (
    CELL_PADDING,
    MottoBlock,
    Output,
    RenderCancelled,
    RenderResult,
    Styles,
    borderless,
    cell_markup,
    grid_style,
    make_styles,
    markup,
    open_output,
    text,
    text_area,
)
from desktop.printing.fonts import BOLD, REGULAR, missing_glyphs, register_fonts
from desktop.printing.pages import GAP, SheetEnd, SheetRun, SheetStart, sheet_document
from desktop.printing.wording import residence, sheet_values, since_words

BLANK_MEMBER_ROWS = 10  # a large household of the uplands; more are written on the back
SIGNATURE_SPACE = 40  # points (14 mm) between "(Ký, ghi rõ họ tên)" and the printed name


def render_pledges(
    sheets: Sequence[PledgeSheet],
    template: PledgeTemplate,
    out: Output,
    copies: int = 1,
    progress: Progress | None = None,
    cancel: Cancelled | None = None,
) -> RenderResult:
    """One PDF with a sheet per household (``copies`` sheets each, one after the other).

    ``progress(done, total)`` is called as households are drawn; when ``cancel()`` turns true
    the render stops and nothing is written (``RenderResult.cancelled``). A household whose
    member table does not fit continues on the next page under a repeated header.
    """
    if not 1 <= copies <= 3:
        raise KnownError("print.bad_copies", copies=copies)
    register_fonts()
    _check_glyphs(template)
    if not sheets:
        raise KnownError("print.nothing")
    run = SheetRun(
        template, make_styles(template.layout), len(sheets), progress, cancel, copies=copies
    )

    def sheet_by_sheet() -> Iterator[list[Flowable]]:
        for index, sheet in enumerate(sheets):
            for copy in range(copies):
                chunk: list[Flowable] = []
                if index or copy:
                    chunk += [NextPageTemplate("first"), PageBreak()]
                chunk += [SheetStart(run, index, sheet, copy)]
                chunk += [NextPageTemplate("later"), *_sheet_story(sheet, template, run.styles)]
                chunk += [SheetEnd(run)]
                yield chunk

    story = _Story(sheet_by_sheet())
    try:
        with open_output(out) as stream:
            with_qr = any(sheet.qr_payload for sheet in sheets)
            doc = sheet_document(stream, template, run, with_qr=with_qr)
            doc.build(story)
    except RenderCancelled:
        return RenderResult(cancelled=True)
    if progress:
        progress(len(sheets), len(sheets))
    return RenderResult(sheets=len(sheets) * copies, pages=run.pages)


class _Story(list[Flowable]):
    """The flowables of a print, made sheet by sheet as platypus takes them from the front.

    platypus asks the list's length before each flowable, so topping it up there keeps a
    few sheets in memory instead of a commune's thousands (2,000 sheets: 107 MB peak, not 172).
    """

    def __init__(self, chunks: Iterator[list[Flowable]]) -> None:
        super().__init__()
        self._chunks = chunks

    def __len__(self) -> int:
        while super().__len__() < 64:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self.extend(chunk)
        return super().__len__()


def _check_glyphs(template: PledgeTemplate) -> None:
    """A template's words must all have glyphs: reportlab would draw boxes without a word.

    (An edited copy may hold a character Liberation Serif lacks: an emoji, a Chinese name.)
    """
    words = " ".join(
        [template.title, template.subject, template.lead, template.closing, *template.commitments]
        + [c.heading for c in template.signatures]
        + [c.name for c in template.signatures]
    )
    for face in (REGULAR, BOLD):
        missing = missing_glyphs(face, words)
        if missing:
            char = min(missing)
            raise KnownError(
                "template.unprintable",
                file=template.source_name,
                char=char,
                code=f"U+{ord(char):04X}",
            )


def render_blank(
    template: PledgeTemplate,
    out: Output,
    *,
    province_name: str = "",
    commune_name: str = "",
    place_name: str = "",
    border_post: str = "",
    border_officer: str = "",
    hamlet_name: str = "",
    hamlet_head: str = "",
    copies: int = 1,
) -> RenderResult:
    """A sheet for a walk-in household: the commune's names printed, the rest dotted gaps."""
    sheet = blank_sheet(
        province_name=province_name,
        commune_name=commune_name,
        place_name=place_name,
        border_post=border_post,
        border_officer=border_officer,
        hamlet_name=hamlet_name,
        hamlet_head=hamlet_head,
    )
    return render_pledges([sheet], template, out, copies=copies)


# --- the story of one sheet --------------------------------------------------------------------


def _sheet_story(sheet: PledgeSheet, template: PledgeTemplate, styles: Styles) -> list[Flowable]:
    values = sheet_values(sheet)
    frame = text_area(template.layout)
    story: list[Flowable] = [
        MottoBlock(styles),
        styles.repeated(markup(fill(template.title, values)), styles.title),
        styles.repeated(markup(fill(template.subject, values)), styles.subject),
        _household_block(sheet, values, styles, frame.width),
        Spacer(1, styles.label.spaceBefore),
        _member_table(sheet, styles, frame.width),
    ]
    story += _relatives(sheet, styles, width=frame.width)
    pledge = [styles.repeated(markup(fill(template.lead, values)), styles.body)]
    for number, commitment in enumerate(template.commitments, start=1):
        pledge.append(styles.repeated(f"{number}. {markup(fill(commitment, values))}", styles.body))
    # The signatures never stand alone on a page: the paragraph before them (the closing
    # words, else the last commitment) goes over with them, so whoever signs sees what they
    # sign. Only that one: commitments that fit stay on the page, none left blank for them.
    ending: list[Flowable] = []
    if template.closing:
        ending.append(styles.repeated(markup(fill(template.closing, values)), styles.body))
    else:
        ending.append(pledge.pop())
    story += pledge
    ending += [
        styles.repeated(markup(date_line(sheet.place_name, sheet.signed_on)), styles.date_line),
        _signature_table(sheet, template, values, styles, frame.width),
    ]
    story.append(KeepTogether(ending))
    return story


def _household_block(
    sheet: PledgeSheet, values: dict[str, str], styles: Styles, width: float
) -> Table:
    def field(label: str, value: str, bold: bool = False, gap: str = GAP) -> Paragraph:
        shown = cell_markup(value) if value else gap
        if bold and value:
            shown = f"<b>{shown}</b>"
        return Paragraph(f"{label}: {shown}", styles.body_left)

    birth = text(sheet.head_birth)
    birth_label = "Ngày sinh" if "/" in birth else "Năm sinh"
    where = residence(values)
    rows = [
        [field("Họ và tên chủ hộ", values["household_head"], bold=True), field(birth_label, birth)],
        [
            field("Số định danh cá nhân", text(sheet.head_id_number)),
            field("Số nhân khẩu", values["member_count"], gap="……"),
        ],
        [
            field(
                "Nơi cư trú",
                where if values["household_code"] else "",
                gap=_gap(width, styles.body_left.fontSize, "Nơi cư trú: "),
            ),
            "",
        ],
    ]
    table = Table(rows, colWidths=[width * 0.64, width * 0.36], hAlign="LEFT")
    table.setStyle(borderless(styles.body_left.fontSize, (0, 2, 1), ("SPAN", (0, 2), (1, 2))))
    return table


def _grid(rows: list[list[object]], widths: list[float], styles: Styles, blank_rows: int) -> Table:
    # Blank rows are tall enough (5.2 mm) to write a name in by hand.
    heights = [None] * (len(rows) - blank_rows) + [styles.table.fontSize * 1.35] * blank_rows
    table = Table(rows, colWidths=widths, repeatRows=1, rowHeights=heights, hAlign="LEFT")
    table.setStyle(grid_style(styles.table.fontSize, leading=styles.table.leading))
    return table


def _head_row(labels: Sequence[str], styles: Styles) -> list[object]:
    return [styles.repeated(label, styles.table_head) for label in labels]


def _cell(value: str, styles: Styles, width: float) -> str | Paragraph:
    """A table cell: plain text when it fits one line (a Paragraph costs its markup parse and
    line breaking on every sheet), a wrapping Paragraph when it does not."""
    shown = text(value)
    size = styles.table.fontSize
    if stringWidth(shown, REGULAR, size) <= width - 2 * CELL_PADDING:
        return shown
    return Paragraph(cell_markup(shown), styles.table)


def _member_table(sheet: PledgeSheet, styles: Styles, width: float) -> Table:
    widths = [0.05, 0.36, 0.105, 0.13, 0.155, 0.20]
    cols = [width * share for share in widths]
    rows: list[list[object]] = [
        _head_row(
            ["TT", "Họ và tên", "Giới tính", "Ngày sinh", "Số định danh", "Quan hệ"],
            styles,
        )
    ]
    for number, member in enumerate(sheet.members, start=1):
        rows.append(
            [
                str(number),
                _cell(member.full_name, styles, cols[1]),
                text(member.gender),
                text(member.birth),
                text(member.id_number),
                _cell(member.relationship, styles, cols[5]),
            ]
        )
    blank_rows = 0 if sheet.household_code else BLANK_MEMBER_ROWS
    rows += [[str(n), "", "", "", "", ""] for n in range(1, blank_rows + 1)]
    table = _grid(rows, cols, styles, blank_rows)
    table.setStyle(TableStyle([("ALIGN", (2, 1), (4, -1), "CENTER")]))
    return table


def _relatives(sheet: PledgeSheet, styles: Styles, width: float) -> list[Flowable]:
    """One line per relative abroad: a table would cost a household its single sheet."""
    label = "Người thân đang ở nước ngoài"
    if not sheet.household_code:
        # One line, the rest of it dotted: the blank sheet keeps its room for ten members.
        asked = "Người thân ở nước ngoài (họ tên, quan hệ, nước, từ năm): "
        dots = _gap(width, styles.label.fontSize, asked)
        return [Paragraph(f"{asked}{dots}", styles.label)]
    if not sheet.relatives:
        return [styles.repeated(f"{label}: không có.", styles.label)]
    lines = [styles.repeated(f"{label}:", styles.label)]
    for number, relative in enumerate(sheet.relatives, start=1):
        parts = [f"<b>{markup(relative.full_name)}</b>"]
        if text(relative.relationship):
            parts.append(markup(relative.relationship).lower())
        if text(relative.country):
            parts.append(f"ở {markup(relative.country)}")
        since = text(relative.since)
        if since:
            parts.append(f"{since_words(since)} {markup(since)}")
        lines.append(Paragraph(f"{number}. " + ", ".join(parts) + ".", styles.body_left))
    return lines


def _signature_table(
    sheet: PledgeSheet,
    template: PledgeTemplate,
    values: dict[str, str],
    styles: Styles,
    width: float,
) -> Table:
    columns = template.signatures
    column_width = width / len(columns)
    names = []
    for column in columns:
        # A name left empty stays empty: it is written by hand under the signature.
        name = fill(column.name, values) if _has_values(column.name, values) else ""
        names.append(styles.repeated(markup(name), styles.signature_name))
    space: list[object] = [Spacer(1, SIGNATURE_SPACE) for _ in columns]
    if sheet.signature_png:
        space[0] = _signature_image(sheet, column_width - 12)
    rows = [
        [
            styles.repeated(markup(fill(c.heading, values)), styles.signature_heading)
            for c in columns
        ],
        [styles.repeated("(Ký, ghi rõ họ tên)", styles.signature_hint) for _ in columns],
        space,
        names,
    ]
    table = Table(rows, colWidths=[column_width] * len(columns))
    centred = ("ALIGN", (0, 0), (-1, -1), "CENTER")
    table.setStyle(borderless(styles.signature_name.fontSize, (2, 2, 0), centred))
    return table


def _signature_image(sheet: PledgeSheet, width: float) -> Flowable:
    assert sheet.signature_png is not None
    try:
        image = Image(
            io.BytesIO(sheet.signature_png),
            width=width,
            height=SIGNATURE_SPACE,
            kind="proportional",
        )
        image.hAlign = "CENTER"
    except Exception:  # reportlab raises bare Exception/OSError on an unreadable image
        raise KnownError("print.bad_signature", code=sheet.household_code) from None
    return image


def _has_values(template_text: str, values: dict[str, str]) -> bool:
    names = placeholders_in(template_text)
    return all(values.get(name) for name in names)


def _gap(width: float, size: float, label: str = "") -> str:
    """Dots for a hand-written answer: as many as fit ``width`` after ``label``."""
    room = width - stringWidth(label, REGULAR, size) - 2
    return "…" * int(room / stringWidth("…", REGULAR, size))
