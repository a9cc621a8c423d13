"""The printed report on population movements of a period, in Decree 30's frame: counts by
kind, the movements, people away and abroad, guests, tip counts (never who informed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desktop.domain.ledger_report import LedgerReport, ReportLine
from desktop.domain.movements import KIND_LABELS, MovementKind
from desktop.domain.reports import ReportHeading
from desktop.printing.document import (
    Output,
    RenderResult,
    Styles,
    cell_markup,
    grid_style,
    make_styles,
    markup,
    text_area,
)
from desktop.printing.fonts import BOLD, register_fonts
from desktop.printing.reports import _LAYOUT, _build, _count, _Pages
from desktop.printing.upward import upward_close, upward_top
from desktop.printing.wording import in_sentence

NOTHING = "Không có."
GAP = 8  # points between a paragraph and the table under it


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def render_ledger_report(report: LedgerReport, heading: ReportHeading, out: Output) -> RenderResult:
    register_fonts()
    styles = make_styles(_LAYOUT)
    width = text_area(_LAYOUT).width
    period = f"từ ngày {_day(report.starts)} đến ngày {_day(report.ends)}"
    story: list[Flowable] = [
        *upward_top(heading, styles, "BÁO CÁO", f"Tình hình biến động dân cư {period}"),
        Paragraph(
            markup(
                f"Thực hiện việc theo dõi biến động dân cư trên địa bàn khu vực biên giới, Ủy ban"
                f" nhân dân {in_sentence(heading.commune_name)} báo cáo tình hình {period} theo sổ"
                " theo dõi của xã "
                "như sau:"
            ),
            styles.body,
        ),
        _heading("I. Biến động trong kỳ", styles),
        Spacer(1, GAP),
        _kind_table(report, styles, width),
        *_lines_or_nothing(report.movements, styles, width, with_kind=True),
        _heading(f"II. Người đang tạm vắng, ở nước ngoài (đến ngày {_day(report.ends)})", styles),
        Paragraph(
            markup(
                f"Tạm vắng: {_count(len(report.away))} người; ở nước ngoài: "
                f"{_count(len(report.abroad))} người."
            ),
            styles.body,
        ),
        *_lines_or_nothing(report.away + report.abroad, styles, width, with_kind=True),
        _heading("III. Khách lưu trú trong kỳ", styles),
        Paragraph(
            markup(
                f"Có {_count(len(report.guests))} lượt khách lưu trú, trong đó "
                f"{_count(report.foreign_guests)} lượt khách nước ngoài, "
                f"{_count(report.border_belt_guests)} lượt vào vành đai biên giới."
            ),
            styles.body,
        ),
        *_lines_or_nothing(report.guests, styles, width, with_kind=False),
        _heading("IV. Tin báo về xuất cảnh, nhập cảnh trái phép", styles),
        *_tips(report, styles, width),
        KeepTogether(upward_close(heading, styles, width)),
    ]
    pages = _build(story, out, f"Báo cáo biến động dân cư – {heading.commune_name}", _Pages())
    return RenderResult(sheets=1, pages=pages)


def _heading(words: str, styles: Styles) -> Paragraph:
    return Paragraph(markup(words), styles.label.clone("section", fontName=BOLD))


def _kind_table(report: LedgerReport, styles: Styles, width: float) -> Table:
    right = styles.table.clone("right", alignment=TA_RIGHT)
    rows: list[list[object]] = [
        [Paragraph("Loại biến động", styles.table_head), Paragraph("Số lượt", styles.table_head)]
    ]
    for kind in MovementKind:
        rows.append([KIND_LABELS[kind], _count(report.count(kind))])
    total = _count(len(report.movements))
    rows.append([Paragraph("<b>Cộng</b>", styles.table), Paragraph(f"<b>{total}</b>", right)])
    table = Table(rows, colWidths=[width * 0.5, width * 0.2], hAlign="LEFT", repeatRows=1)
    size = styles.table.fontSize
    table.setStyle(
        grid_style(size, ("ALIGN", (1, 1), (1, -1), "RIGHT"), ("ALIGN", (0, 1), (0, -1), "LEFT"))
    )
    return table


def _lines_or_nothing(
    lines: Sequence[ReportLine], styles: Styles, width: float, *, with_kind: bool
) -> list[Flowable]:
    if not lines:
        return [Paragraph(NOTHING, styles.body)]
    size = styles.table.fontSize - 1  # long lists: a point smaller than the count tables
    cell = styles.table.clone("list_cell", fontSize=size, leading=size * 1.15)
    head = ["TT", "Họ và tên", "Hộ", "Thôn, bản", "Từ ngày", "Đến ngày", "Nơi đi/đến"]
    shares = [0.05, 0.24, 0.1, 0.17, 0.12, 0.12, 0.2]
    if with_kind:
        head.insert(1, "Loại")
        shares = [0.05, 0.12, 0.19, 0.1, 0.14, 0.12, 0.12, 0.16]
    rows: list[list[object]] = [[Paragraph(h, styles.table_head) for h in head]]
    for number, line in enumerate(lines, start=1):
        row: list[object] = [
            str(number),
            Paragraph(cell_markup(line.full_name), cell),
            line.household_code,
            Paragraph(cell_markup(line.hamlet), cell),
            _day(line.starts_on),
            _day(line.ended_on or line.until),
            Paragraph(cell_markup(line.where), cell),
        ]
        if with_kind:
            row.insert(1, Paragraph(markup(KIND_LABELS[line.kind]), cell))
        rows.append(row)
    table = Table(rows, colWidths=[width * s for s in shares], repeatRows=1, hAlign="LEFT")
    table.setStyle(grid_style(size))
    return [Spacer(1, GAP), table]


def _tips(report: LedgerReport, styles: Styles, width: float) -> list[Flowable]:
    if not report.tips:
        return [Paragraph("Trong kỳ không nhận được tin báo.", styles.body)]
    summary = Paragraph(
        markup(
            f"Trong kỳ nhận {_count(report.tips)} tin báo, đã chuyển "
            f"{_count(report.tips_handed)} tin cho Đồn Biên phòng, Công an xã xác minh, "
            "xử lý. Thông tin về người báo tin được giữ bí mật."
        ),
        styles.body,
    )
    rows: list[list[object]] = [
        [Paragraph("Nội dung tin báo", styles.table_head), Paragraph("Số tin", styles.table_head)]
    ]
    rows += [
        [Paragraph(cell_markup(about), styles.table), _count(n)]
        for about, n in report.tips_by_topic
    ]
    table = Table(rows, colWidths=[width * 0.6, width * 0.15], hAlign="LEFT", repeatRows=1)
    table.setStyle(grid_style(styles.table.fontSize, ("ALIGN", (1, 1), (1, -1), "RIGHT")))
    return [summary, Spacer(1, GAP), table]
