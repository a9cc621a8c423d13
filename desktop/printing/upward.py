"""The administrative frame of Decree 30/2020/NĐ-CP (Appendix I) around a report sent upward:
the issuing body with "Số: …/BC-UBND" beside the national motto and the place and date,
"Kính gửi", and at the foot "Nơi nhận" beside "TM. ỦY BAN NHÂN DÂN" and the signer."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from desktop.domain.reports import ReportHeading
from desktop.domain.templates import date_line
from desktop.printing.document import MottoBlock, Styles, borderless, draw_motto, markup, text
from desktop.printing.fonts import BOLD, ITALIC, REGULAR

NUMBER_LINE = "Số:        /BC-UBND"  # the number is written in by the office that issues it
SIGNATURE_SPACE = 64
NOTES_PT = 11  # Decree 30: the recipients in 11 pt, their heading in 12 pt bold italic


class IssuerBlock(MottoBlock):
    """Left: "ỦY BAN NHÂN DÂN", the commune (bold, ruled) and the report's number; right:
    the national motto and, under it, the place and date in italics."""

    def __init__(self, heading: ReportHeading, styles: Styles) -> None:
        super().__init__(styles)
        self.commune = text(heading.commune_name).upper()
        place = heading.place_name or text(heading.commune_name).split(" ", 1)[-1]
        self.date = date_line(place, heading.as_of)
        self.body_pt = styles.body.fontSize

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.nation_pt * 2.4 + self.body_pt * 2.6 + 6
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        left_middle = self.width * 0.2
        agency_y = draw_issuer(canvas, left_middle, self.height, self.commune, self.nation_pt)
        number_y = agency_y - self.body_pt * 1.9
        canvas.setFont(REGULAR, self.body_pt)
        canvas.drawCentredString(left_middle, number_y, NUMBER_LINE)
        right_middle = (
            self.width
            - canvas.stringWidth("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ", BOLD, self.nation_pt) / 2
        )
        draw_motto(canvas, right_middle, self.height, self.nation_pt, self.motto_pt)
        canvas.setFont(ITALIC, self.body_pt)
        canvas.drawCentredString(right_middle, number_y, self.date)


def draw_issuer(canvas: Canvas, middle: float, top: float, commune: str, size: float) -> float:
    """The issuing body at the top left: "ỦY BAN NHÂN DÂN", the commune in bold with a rule
    half its length beneath; the commune line's baseline."""
    canvas.setFont(REGULAR, size)
    canvas.drawCentredString(middle, top - size, "ỦY BAN NHÂN DÂN")
    canvas.setFont(BOLD, size)
    agency_y = top - size * 2.2
    canvas.drawCentredString(middle, agency_y, commune)
    rule = canvas.stringWidth(commune, BOLD, size) / 2
    canvas.setLineWidth(0.6)
    canvas.line(middle - rule / 2, agency_y - 3, middle + rule / 2, agency_y - 3)
    return agency_y


def upward_top(heading: ReportHeading, styles: Styles, title: str, subject: str) -> list[Flowable]:
    """The head of the report: issuer, number, motto, date; title, subject, Kính gửi."""
    top: list[Flowable] = [
        IssuerBlock(heading, styles),
        Paragraph(title, styles.title),
        Paragraph(markup(subject), styles.subject),
    ]
    if heading.recipient.strip():
        addressed = styles.subject.clone("addressed", fontName=REGULAR)
        top.append(Paragraph(f"Kính gửi: {markup(heading.recipient)}", addressed))
    return top


def upward_close(heading: ReportHeading, styles: Styles, width: float) -> list[Flowable]:
    """ "Nơi nhận" on the left, "TM. ỦY BAN NHÂN DÂN", the signer's title and name right."""
    notes_head = styles.small.clone("notes_head", fontName=BOLD, fontSize=12, leading=14)
    notes = styles.small.clone("notes", fontName=REGULAR, fontSize=NOTES_PT, leading=13)
    lines = ["- Như trên;"] if heading.recipient.strip() else []
    lines += [f"- {text(line).rstrip(';.')};" for line in heading.copies_to if line.strip()]
    lines.append("- Lưu: VT.")
    left: list[Flowable] = [Paragraph("<i>Nơi nhận:</i>", notes_head)]
    left += [Paragraph(markup(line), notes) for line in lines]
    right: list[Flowable] = [
        Paragraph("TM. ỦY BAN NHÂN DÂN", styles.signature_heading),
        Paragraph(markup(text(heading.signer_title).upper()), styles.signature_heading),
        Spacer(1, SIGNATURE_SPACE),
        Paragraph(markup(heading.signer_name), styles.signature_name),
    ]
    table = Table([[left, right]], colWidths=[width * 0.5, width * 0.5], hAlign="LEFT")
    table.setStyle(borderless(NOTES_PT, (0, 0, 0)))
    return [Spacer(1, styles.body.spaceBefore * 2), table]
