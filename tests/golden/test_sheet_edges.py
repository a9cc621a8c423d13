"""Nothing printed within 8 mm of the paper's edge, on every kind of page: a sheet's first
page that continues, the continued page, a bản lưu, the blank sheet; the QR code 15 mm wide;
copies and continuations say what they are."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2
import pytest
from reportlab.lib.units import mm

from desktop.bundled import form_path
from desktop.domain.templates import PledgeTemplate, load_template
from desktop.printing import render_blank, render_pledges
from tests.golden.pdf_facts import Run, page_texts, text_runs
from tests.golden.samples import household

PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898
EDGE = 8 * mm
DESCENT = 0.25  # of the font size: the lowest a glyph reaches below its baseline
DPI = 150


@pytest.fixture(scope="module", params=["bien-gioi.toml", "covid-xnc-2021.toml"])
def template(request: pytest.FixtureRequest) -> PledgeTemplate:
    return load_template(form_path(request.param))


def _pdf(template: PledgeTemplate, copies: int = 2) -> bytes:
    """Page 1-2: a household of 14 (first page continues), its second copy 3-4; then a
    bản lưu of 3 members, two copies."""
    out = io.BytesIO()
    signed = household(3, code="SH-0003", signed_on=dt.date(2026, 1, 5))
    render_pledges([household(14, code="SH-0014"), signed], template, out, copies=copies)
    return out.getvalue()


def _blank(template: PledgeTemplate) -> bytes:
    out = io.BytesIO()
    render_blank(template, out, province_name="Tỉnh Lai Châu", commune_name="Xã Sìn Hồ")
    return out.getvalue()


def _inside(run: Run) -> bool:
    return (
        run.x >= EDGE
        and run.x + run.width <= PAGE_WIDTH - EDGE
        and run.y - DESCENT * run.size >= EDGE
        and run.y + run.size <= PAGE_HEIGHT - EDGE
    )


def _ink_boxes(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """Per page, the box of everything printed (left, bottom, right, top in points)."""
    boxes = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            image = page.render(scale=DPI / 72).to_pil().convert("L")
            inked = image.point(lambda value: 255 if value < 160 else 0)
            left, top, right, bottom = inked.getbbox()
            scale = 72 / DPI
            height = image.height
            boxes.append(
                (left * scale, (height - bottom) * scale, right * scale, (height - top) * scale)
            )
    finally:
        document.close()
    return boxes


def test_no_text_within_8_mm_of_the_edge_on_any_page_kind(template: PledgeTemplate) -> None:
    for pdf in (_pdf(template), _blank(template)):
        outside = [run for run in text_runs(pdf) if not _inside(run)]
        assert not outside, outside[:3]


def test_no_ink_within_8_mm_of_the_edge_and_the_qr_is_15_mm(template: PledgeTemplate) -> None:
    pdf = _pdf(template)
    for left, bottom, right, top in _ink_boxes(pdf) + _ink_boxes(_blank(template)):
        assert left >= EDGE - 1 and bottom >= EDGE - 1, (left, bottom)
        assert right <= PAGE_WIDTH - EDGE + 1 and top <= PAGE_HEIGHT - EDGE + 1, (right, top)
    # The QR code: the ink right of the foot's text, measured on the first page.
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=DPI / 72).to_pil().convert("L")
    finally:
        document.close()
    foot = image.crop(
        (int(image.width * 0.75), int(image.height * 0.85), image.width, image.height)
    )
    qr = foot.point(lambda value: 255 if value < 160 else 0).getbbox()
    assert qr is not None
    width_mm = (qr[2] - qr[0]) * 25.4 / DPI
    assert width_mm >= 15 - 0.3, width_mm


def test_copies_are_labelled_and_a_continuing_sheet_says_so(template: PledgeTemplate) -> None:
    texts = page_texts(_pdf(template))
    assert len(texts) == 6  # 14 members: two pages a copy; 3 members: one page a copy
    labels = [
        next((label for label in ("Bản hộ gia đình giữ", "Bản lưu tại xã") if label in t), "")
        for t in texts
    ]
    assert labels == [
        "Bản hộ gia đình giữ",
        "Bản hộ gia đình giữ",
        "Bản lưu tại xã",
        "Bản lưu tại xã",
        "Bản hộ gia đình giữ",
        "Bản lưu tại xã",
    ]
    continued = ["(xem tiếp trang sau)" in t for t in texts]
    assert continued == [True, False, True, False, False, False]
    assert all("Bản lưu: đã ký 05/01/2026" in t for t in texts[4:])
    foot = [line for line in texts[0].splitlines() if line.startswith("Mẫu:")]
    assert foot == [f"Mẫu: {template.movement}, bản {template.version}"]
    one = io.BytesIO()
    render_pledges([household(3)], template, one)
    assert "Bản hộ gia đình giữ" not in page_texts(one.getvalue())[0]  # one copy: no label


def test_a_continuing_sheet_leaves_no_quarter_page_blank(template: PledgeTemplate) -> None:
    pdf = _pdf(template)
    runs = [r for r in text_runs(pdf) if r.page == 1 and r.y > 30 * mm]  # above the foot
    lowest = min(r.y for r in runs)
    # Commitments that fit stay on the page: only the closing words (or the last
    # commitment) go over with the signatures, so little of the page is left empty.
    assert lowest - 26 * mm < PAGE_HEIGHT / 8, lowest
    texts = page_texts(pdf)
    assert "ĐẠI DIỆN HỘ GIA ĐÌNH" in texts[1] and "ĐẠI DIỆN HỘ GIA ĐÌNH" not in texts[0]


def test_the_date_line_does_not_touch_the_signature_headings(template: PledgeTemplate) -> None:
    # The date line's "g" and "y" hang above "CÁN BỘ BIÊN PHÒNG": a printed sheet shows a
    # clear white line between them, on the blank sheet and a household's alike.
    for pdf in (_pdf(template, copies=1), _blank(template)):
        runs = text_runs(pdf)
        heading = next(r for r in runs if r.text == "CÁN BỘ BIÊN PHÒNG")
        date_run = next(r for r in runs if r.page == heading.page and ", ngày" in r.text)
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[heading.page - 1].render(scale=DPI / 72).to_pil().convert("L")
        finally:
            document.close()
        px = DPI / 72
        band = image.crop(
            (
                int(heading.x * px),
                int((PAGE_HEIGHT - date_run.y) * px),  # the date line's baseline
                int((heading.x + heading.width) * px),
                int((PAGE_HEIGHT - heading.y) * px),  # the heading's baseline
            )
        )
        rows = [
            all(band.getpixel((x, y)) >= 160 for x in range(band.width)) for y in range(band.height)
        ]
        clear = max(len(run) for run in "".join("x" if r else " " for r in rows).split(" "))
        assert clear / px >= 2, (
            f"the date line and the signature headings {clear / px:.1f} pt apart"
        )
