"""The commune's printed reports: progress toward the target, and unsigned lists per hamlet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.pledges import HamletProgress, total_progress
from desktop.domain.reports import (
    REPORTED_ORDER,
    STATUS_LABELS,
    HamletUnsigned,
    ReportHeading,
)
from desktop.domain.templates import Layout, date_line
from desktop.printing.document import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    MottoBlock,
    Output,
    RenderCancelled,
    RenderResult,
    Styles,
    borderless,
    cell_markup,
    draw_motto,
    grid_style,
    make_styles,
    markup,
    open_output,
    page_frame,
    text,
    text_area,
)
from desktop.printing.fonts import BOLD, REGULAR, register_fonts
from desktop.printing.upward import draw_issuer, upward_close, upward_top
from desktop.printing.wording import address_in

COMMUNE_TOTAL = "Toàn xã"
SIGNATURE_SPACE = 56
_LAYOUT = Layout()  # reports use the Decree 30 defaults of a template's layout


def render_progress_report(
    rows: Sequence[HamletProgress], heading: ReportHeading, out: Output
) -> RenderResult:
    """Per hamlet: households, signed, refused, absent, printed, not printed, the share signed
    with a bar toward the target; then the commune's total and who drew the report up."""
    register_fonts()
    styles = make_styles(_LAYOUT)
    width = text_area(_LAYOUT).width
    total = total_progress(rows, COMMUNE_TOTAL)
    summary = (
        f"Toàn xã có {_count(total.households)} hộ; đã ký cam kết {_count(total.signed)} hộ, "
        f"đạt {_percent(total.percent)}% (chỉ tiêu {total.target_percent}%); còn "
        f"{_count(total.unsigned)} hộ chưa ký, trong đó {_count(total.refused)} hộ từ chối, "
        f"{_count(total.absent)} hộ vắng mặt, {_count(total.printed)} hộ đã in, chưa nhận lại "
        f"bản cam kết và {_count(total.not_printed)} hộ "
        "chưa được in bản cam kết."
    )
    story: list[Flowable] = [
        # Sent upward: Decree 30's frame (number, Kính gửi, Nơi nhận, TM. ỦY BAN NHÂN DÂN).
        *upward_top(
            heading,
            styles,
            "BÁO CÁO",
            f"Tiến độ ký cam kết thực hiện phong trào “{text(heading.campaign_title)}”",
        ),
        _progress_table(rows, total, styles, width),
        KeepTogether(
            [Paragraph(markup(summary), styles.body), *upward_close(heading, styles, width)]
        ),
    ]
    pages = _build(story, out, f"Báo cáo tiến độ ký cam kết – {heading.commune_name}", _Pages())
    return RenderResult(sheets=1, pages=pages)


def render_unsigned_list(
    hamlets: Sequence[HamletUnsigned],
    heading: ReportHeading,
    out: Output,
    progress: Progress | None = None,
    cancel: Cancelled | None = None,
) -> RenderResult:
    """One list per hamlet (each from a new page) of the households that have not signed,
    with a column for the hamlet head to note the outcome of the next visit."""
    if not hamlets:
        raise KnownError("print.nothing")
    register_fonts()
    styles = make_styles(_LAYOUT)
    width = text_area(_LAYOUT).width
    story: list[Flowable] = []
    numbering = _Pages()
    for index, hamlet in enumerate(hamlets):
        if story:
            story.append(PageBreak())
        story.append(_Checkpoint(index, len(hamlets), numbering, progress, cancel))
        story += _top(
            heading,
            styles,
            "DANH SÁCH HỘ CHƯA KÝ CAM KẾT",
            f"{text(hamlet.hamlet_name)} – phong trào",
        )
        table, count = _unsigned_table(hamlet, heading, styles, width)
        signatures = _signatures(
            [("TRƯỞNG THÔN, BẢN", hamlet.hamlet_head), ("NGƯỜI LẬP DANH SÁCH", heading.clerk_name)],
            styles,
            width,
        )
        story += [table, KeepTogether([count, *signatures])]
    try:
        title = f"Danh sách hộ chưa ký cam kết – {heading.commune_name}"
        pages = _build(story, out, title, numbering)
    except RenderCancelled:
        return RenderResult(cancelled=True)
    if progress:
        progress(len(hamlets), len(hamlets))
    return RenderResult(sheets=len(hamlets), pages=pages)


# --- parts ---------------------------------------------------------------------------------------


class _AgencyHeader(MottoBlock):
    """Decree 30's two-column top: the commune's People's Committee on the left, the national
    motto on the right, each with its rule."""

    def __init__(self, commune_name: str, styles: Styles) -> None:
        super().__init__(styles)
        self.commune = text(commune_name).upper()

    def draw(self) -> None:
        canvas = self.canv
        left_middle = self.width * 0.2
        draw_issuer(canvas, left_middle, self.height, self.commune, self.nation_pt)
        right_middle = (
            self.width
            - canvas.stringWidth("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ", BOLD, self.nation_pt) / 2
        )
        draw_motto(canvas, right_middle, self.height, self.nation_pt, self.motto_pt)


def _top(heading: ReportHeading, styles: Styles, title: str, subject: str) -> list[Flowable]:
    place = heading.place_name or text(heading.commune_name).split(" ", 1)[-1]
    return [
        _AgencyHeader(heading.commune_name, styles),
        Spacer(1, 4),
        Paragraph(markup(date_line(place, heading.as_of)), styles.date_line),
        Paragraph(title, styles.title),
        Paragraph(f"{markup(subject)} “{markup(heading.campaign_title)}”", styles.subject),
    ]


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # 6.000: Vietnamese groups thousands with dots


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")  # Vietnamese decimal comma


class _Bar(Flowable):
    """How far a hamlet is toward the target: a filled bar in a frame, a tick at the target."""

    def __init__(self, width: float, share: float) -> None:
        super().__init__()
        self.width, self.height, self.share = width, 7.0, max(0.0, min(1.0, share))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(0.4)
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        canvas.rect(0, 0, self.width * self.share, self.height, stroke=0, fill=1)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)


def _progress_table(
    rows: Sequence[HamletProgress], total: HamletProgress, styles: Styles, width: float
) -> Table:
    labels = [
        "TT",
        "Thôn, bản",
        "Số hộ",
        *(STATUS_LABELS[status] for status in REPORTED_ORDER),
        "Tỷ lệ đã ký (%)",
        "Tới chỉ tiêu",
    ]
    shares = [0.05, 0.21, 0.08, 0.08, 0.08, 0.09, 0.10, 0.08, 0.10, 0.13]
    widths = [width * share for share in shares]
    bar_width = widths[-1] - 8
    data: list[list[object]] = [[Paragraph(label, styles.table_head) for label in labels]]
    for number, row in enumerate([*rows, total], start=1):
        data.append(
            [
                "" if row is total else str(number),
                Paragraph(
                    f"<b>{markup(row.hamlet_name)}</b>"
                    if row is total
                    else markup(row.hamlet_name),
                    styles.table,
                ),
                *(
                    _count(n)
                    for n in (
                        row.households,
                        row.signed,
                        row.refused,
                        row.absent,
                        row.printed,
                        row.not_printed,
                    )
                ),
                _percent(row.percent),
                _Bar(bar_width, row.percent_of_target / 100),
            ]
        )
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        grid_style(
            styles.table.fontSize,
            ("FONT", (0, -1), (-1, -1), BOLD, styles.table.fontSize),
            ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.9, 0.9, 0.9)),
            ("ALIGN", (2, 1), (-2, -1), "RIGHT"),
        )
    )
    return table


def _unsigned_table(
    hamlet: HamletUnsigned, heading: ReportHeading, styles: Styles, width: float
) -> tuple[Flowable, Flowable]:
    """The list and the line under it that counts it (the count goes with the signatures)."""
    if not hamlet.households:
        return Spacer(1, 0), Paragraph("Tất cả các hộ của thôn, bản đã ký cam kết.", styles.body)
    labels = ["TT", "Mã hộ", "Chủ hộ", "Địa chỉ", "Tình trạng", "Lý do", "Kết quả vận động"]
    # The address without the hamlet is short ("Số nhà 5"); a reason ("Chưa đồng ý, hẹn gặp
    # lại") takes two lines at most.
    shares = [0.05, 0.11, 0.22, 0.12, 0.155, 0.23, 0.115]
    data: list[list[object]] = [[Paragraph(label, styles.table_head) for label in labels]]
    for number, row in enumerate(hamlet.households, start=1):
        data.append(
            [
                str(number),
                text(row.code),
                Paragraph(cell_markup(row.head_name), styles.table),
                Paragraph(
                    cell_markup(
                        address_in(
                            row.address,
                            hamlet.hamlet_name,
                            heading.commune_name,
                            heading.province_name,
                        )
                    ),
                    styles.table,
                ),
                Paragraph(markup(STATUS_LABELS[row.status]), styles.table),
                Paragraph(cell_markup(row.reason), styles.table),
                "",
            ]
        )
    table = Table(data, colWidths=[width * s for s in shares], repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style(styles.table.fontSize))
    count = Paragraph(f"Tổng số: {len(hamlet.households)} hộ chưa ký cam kết.", styles.body)
    return table, count


def _signatures(columns: list[tuple[str, str]], styles: Styles, width: float) -> list[Flowable]:
    """Signature columns, right-aligned: a lone one sits on the right as Decree 30 puts it."""
    column_width = width / max(2, len(columns))
    rows = [
        [Paragraph(markup(heading), styles.signature_heading) for heading, _ in columns],
        [Paragraph("(Ký, ghi rõ họ tên)", styles.signature_hint) for _ in columns],
        [Spacer(1, SIGNATURE_SPACE) for _ in columns],
        [Paragraph(markup(name), styles.signature_name) for _, name in columns],
    ]
    table = Table(rows, colWidths=[column_width] * len(columns), hAlign="RIGHT")
    centred = ("ALIGN", (0, 0), (-1, -1), "CENTER")
    table.setStyle(borderless(styles.signature_name.fontSize, (2, 2, 0), centred))
    return [Spacer(1, styles.body.spaceBefore * 2), table]


class _Pages:
    """Page numbers that start again with each list (each goes to a different hamlet head)."""

    def __init__(self) -> None:
        self.total = 0
        self.in_list = 1

    def end_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        # Decree 30: numbered from the second page, centred in the top margin.
        self.total += 1
        if self.in_list > 1:
            top_margin = PAGE_HEIGHT - text_area(_LAYOUT).top
            canvas.setFont(REGULAR, 13)
            canvas.drawCentredString(
                PAGE_WIDTH / 2, PAGE_HEIGHT - top_margin / 2 - 4, str(self.in_list)
            )
        self.in_list += 1


class _Checkpoint(Flowable):
    """Zero-size marker before each hamlet: reports progress, stops when cancelled, and
    numbers the pages of the hamlet's list from 1 again."""

    def __init__(
        self,
        index: int,
        total: int,
        pages: _Pages,
        progress: Progress | None,
        cancel: Cancelled | None,
    ) -> None:
        super().__init__()
        self.index, self.total, self.pages = index, total, pages
        self.progress, self.cancel = progress, cancel

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.cancel and self.cancel():
            raise RenderCancelled
        if self.progress:
            self.progress(self.index, self.total)
        self.pages.in_list = 1


def _build(story: list[Flowable], out: Output, title: str, pages: _Pages) -> int:
    """Write the story on Decree 30 pages; the number of pages."""
    with open_output(out) as stream:
        doc = _document(stream, title)
        doc.addPageTemplates(
            [PageTemplate("page", [page_frame(_LAYOUT)], onPageEnd=pages.end_page)]
        )
        doc.build(story)
    return pages.total


def _document(stream: BinaryIO, title: str) -> BaseDocTemplate:
    return BaseDocTemplate(
        stream,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=title,
        author="CamKet",
        creator="CamKet",
        invariant=True,
        initialFontName=REGULAR,
        initialFontSize=13,
    )
