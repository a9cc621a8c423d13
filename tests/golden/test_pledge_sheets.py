"""Golden pledge sheets: text and positions, fonts, Decree 30 geometry, QR codes, long tables.

Regenerate the reference after an intended change of the sheet:
    CAMKET_UPDATE_GOLDEN=1 .venv/bin/pytest tests/golden
then look at the PDFs (tests/golden/README.md) and commit pledge_sheets.json.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from desktop.bundled import form_path
from desktop.domain.pledges import SheetRelative
from desktop.domain.templates import LAYOUT_RANGES, PledgeTemplate, fill, load_template
from desktop.printing import render_blank, render_pledges
from desktop.printing.document import Paragraphs
from desktop.printing.fonts import FACES, missing_glyphs
from desktop.printing.wording import sheet_values
from tests.golden.pdf_facts import Run, embedded_fonts, flat, page_texts, qr_codes, text_runs
from tests.golden.samples import VIETNAMESE_LETTERS, household, payload

GOLDEN = Path(__file__).with_name("pledge_sheets.json")
TOLERANCE = 1.0  # points: a renderer update may nudge a glyph, never a line
PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898


@pytest.fixture(scope="module")
def covid() -> PledgeTemplate:
    return load_template(form_path("covid-xnc-2021.toml"))


@pytest.fixture(scope="module")
def border() -> PledgeTemplate:
    return load_template(form_path("bien-gioi.toml"))


def _render(sheets, template, **kw) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    render_pledges(sheets, template, out, **kw)
    return out.getvalue()


@pytest.fixture(scope="module")
def hamlet_pdf(covid: PledgeTemplate) -> bytes:
    """Three households: four members, sixty members, and nine without relatives abroad."""
    sheets = [
        household(4),
        household(60, code="SH-0060", household_id="6b1e0d2c-1111-4aaa-8bbb-000000000060"),
        household(
            5,
            code="SH-0005",
            household_id="6b1e0d2c-1111-4aaa-8bbb-000000000005",
            head="Nguyễn Hoàng Phương Thảo Nguyên",
            relatives=False,
        ),
    ]
    return _render(sheets, covid)


@pytest.fixture(scope="module")
def blank_pdf(border: PledgeTemplate) -> bytes:
    out = io.BytesIO()
    render_blank(
        border,
        out,
        province_name="Tỉnh Lai Châu",
        commune_name="Xã Sìn Hồ",
        place_name="Sìn Hồ",
        border_post="Đồn Biên phòng Sìn Hồ",
        border_officer="Đặng Quốc Việt",
    )
    return out.getvalue()


def _as_json(runs: list[Run]) -> list[list[object]]:
    return [[r.page, r.text, round(r.x, 1), round(r.y, 1), r.font, r.size] for r in runs]


def _dump(data: dict[str, list[list[object]]]) -> str:
    # One run per line: a diff of the golden file reads like a diff of the sheet.
    parts = []
    for name, runs in data.items():
        lines = ",\n".join("  " + json.dumps(run, ensure_ascii=False) for run in runs)
        parts.append(f" {json.dumps(name)}: [\n{lines}\n ]")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def test_sheets_match_the_golden_text_and_positions(
    covid: PledgeTemplate, blank_pdf: bytes
) -> None:
    cases = {
        "household_4_members": text_runs(_render([household(4)], covid)),
        "blank_border_sheet": text_runs(blank_pdf),
    }
    if os.environ.get("CAMKET_UPDATE_GOLDEN"):
        data = {name: _as_json(runs) for name, runs in cases.items()}
        GOLDEN.write_text(_dump(data), "utf-8")
        pytest.skip("golden file rewritten; look at the sheets and commit it")
    golden = json.loads(GOLDEN.read_text("utf-8"))
    for name, runs in cases.items():
        expected = golden[name]
        got = _as_json(runs)
        assert [g[:2] + g[4:] for g in got] == [e[:2] + e[4:] for e in expected], name
        for g, e in zip(got, expected, strict=True):
            assert abs(g[2] - e[2]) <= TOLERANCE and abs(g[3] - e[3]) <= TOLERANCE, (name, g, e)


def test_text_extracts_back_exactly_in_nfc(hamlet_pdf: bytes, covid: PledgeTemplate) -> None:
    pages = page_texts(hamlet_pdf)
    assert all(unicodedata.is_normalized("NFC", page) for page in pages)
    first = flat(pages[0])
    sheet = household(4)
    values = sheet_values(sheet)
    for member in sheet.members:
        assert member.full_name in first
        assert member.id_number in first
    for paragraph in (covid.lead, *covid.commitments, covid.closing):
        assert flat(fill(paragraph, values)) in first
    assert "Sìn Hồ, ngày …… tháng …… năm 20……" in first
    assert first.count("(Ký, ghi rõ họ tên)") == 3
    assert "Giàng A Chứ, em trai, ở Trung Quốc, từ năm 2019." in first
    relative = SheetRelative("Giàng A Túa", "Con", "Hàn Quốc", "07/2014")
    abroad = _render([replace(household(2), relatives=(relative,))], covid)
    assert "1. Giàng A Túa, con, ở Hàn Quốc, từ tháng 07/2014." in flat(page_texts(abroad)[0])


def test_names_typed_in_nfd_are_drawn_and_found_in_nfc(covid: PledgeTemplate) -> None:
    # Some input methods send "Nguyễn" as e + combining marks; a PDF reader's search for
    # "Nguyễn" (NFC) must still find it, and reportlab draws loose marks badly.
    typed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    pdf = _render([household(2, head=typed)], covid)
    text = page_texts(pdf)[0]
    assert "Nguyễn Thị Ánh Tuyết" in text and typed not in text
    assert unicodedata.is_normalized("NFC", text)


def test_only_the_bundled_fonts_are_used_and_all_are_embedded(
    hamlet_pdf: bytes, blank_pdf: bytes
) -> None:
    for pdf in (hamlet_pdf, blank_pdf):
        fonts = embedded_fonts(pdf)
        assert fonts and all(fonts.values()), fonts
        faces = {name.lstrip("/").split("+", 1)[1] for name in fonts}
        assert faces <= set(FACES), faces
        # Subsets: the six-letter tag, and far smaller than the ~380 KB font files.
        assert all("+" in name for name in fonts)
    assert len(hamlet_pdf) < 200_000


@pytest.mark.parametrize("which", ["covid-xnc-2021.toml", "bien-gioi.toml"])
def test_text_stays_inside_the_decree_30_margins(which: str) -> None:
    template = load_template(form_path(which))
    layout = template.layout
    # A sheet of one page and one that continues under its repeated header.
    runs = text_runs(_render([household(6), household(60, code="SH-0060")], template))
    left, right = layout.margin_left_mm * mm, PAGE_WIDTH - layout.margin_right_mm * mm
    bottom, top = layout.margin_bottom_mm * mm, PAGE_HEIGHT - layout.margin_top_mm * mm
    body = [r for r in runs if bottom <= r.y and r.y + r.size <= top + 0.5]
    foot = [r for r in runs if r.y < bottom]
    for run in body:
        assert left - 0.5 <= run.x and run.x + run.width <= right + 0.5, run
    # The foot (household code, notes, template line) sits in the bottom margin like a page
    # number; the copy label in the top margin.
    assert {r.text.split(":")[0] for r in foot} <= {"Mã hộ", "Mẫu", "(xem tiếp trang sau)"}
    assert 20 <= layout.margin_top_mm <= 25 and 30 <= layout.margin_left_mm <= 35


def test_font_sizes_are_inside_the_decree_30_ranges(hamlet_pdf: bytes) -> None:
    runs = [r for r in text_runs(hamlet_pdf) if r.page == 1]

    def sizes(predicate) -> set[float]:  # type: ignore[no-untyped-def]
        return {r.size for r in runs if predicate(r)}

    assert sizes(lambda r: r.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") <= {12, 13}
    assert sizes(lambda r: r.text == "Độc lập - Tự do - Hạnh phúc") <= {13, 14}
    assert sizes(lambda r: r.text == "BẢN CAM KẾT") == {14}
    assert {r.font for r in runs if r.text.startswith(("CỘNG", "Độc lập", "BẢN"))} == {
        "LiberationSerif-Bold"
    }
    low, high = LAYOUT_RANGES["body_pt"]
    body = sizes(lambda r: r.text.startswith(("1. Thực hiện", "Sau khi", "Tôi xin")))
    assert body and all(low <= size <= high for size in body)
    date_line = [r for r in runs if r.text.startswith("Sìn Hồ, ngày")]
    assert date_line and all(r.font == "LiberationSerif-Italic" for r in date_line)
    assert all(low <= r.size <= high for r in date_line)
    hints = [r for r in runs if r.text == "(Ký, ghi rõ họ tên)"]
    assert len(hints) == 3 and {r.font for r in hints} == {"LiberationSerif-Italic"}


def test_every_sheet_has_a_qr_code_that_scans_to_its_household(hamlet_pdf: bytes) -> None:
    codes = qr_codes(hamlet_pdf)
    texts = page_texts(hamlet_pdf)
    for page_codes, text in zip(codes, texts, strict=True):
        assert len(page_codes) == 1
        code_line = next(line for line in text.splitlines() if line.startswith("Mã hộ:"))
        expected = {
            "Mã hộ: SH-0012": payload(),
            "Mã hộ: SH-0060": payload("6b1e0d2c-1111-4aaa-8bbb-000000000060"),
            "Mã hộ: SH-0005": payload("6b1e0d2c-1111-4aaa-8bbb-000000000005"),
        }[code_line.strip()]
        assert page_codes == [expected]


def test_a_sixty_member_household_continues_under_a_repeated_header(hamlet_pdf: bytes) -> None:
    texts = page_texts(hamlet_pdf)
    sixty = [i for i, text in enumerate(texts) if "Mã hộ: SH-0060" in text]
    assert len(sixty) >= 2 and "Số nhân khẩu: 60" in texts[sixty[0]]
    for later in sixty[1:]:
        lines = texts[later].splitlines()
        assert lines[0].startswith("Bản cam kết của hộ SH-0060 – Giàng A Páo (tiếp theo, trang")
        if any(line.strip() == "60" for line in lines):  # the table goes on: its header too
            assert "Họ và tên" in texts[later] and "Số định danh" in texts[later]
    numbers = [
        int(line)
        for page in sixty
        for line in texts[page].splitlines()
        if line.strip().isdigit() and int(line) <= 60 and len(line.strip()) <= 2
    ]
    assert numbers[:60] == list(range(1, 61))
    # The household of four fits one sheet, and so does the blank sheet's neighbour.
    assert sum("Mã hộ: SH-0012" in text for text in texts) == 1


def test_long_names_wrap_inside_their_cell(hamlet_pdf: bytes) -> None:
    runs = [r for r in text_runs(hamlet_pdf) if "Nguyễn Hoàng" in r.text]
    assert runs
    for run in runs:
        assert run.x + run.width <= PAGE_WIDTH - 15 * mm + 0.5


def test_every_vietnamese_letter_has_a_real_glyph(covid: PledgeTemplate) -> None:
    assert len(set(VIETNAMESE_LETTERS)) == 134
    for face in FACES:
        assert missing_glyphs(face, VIETNAMESE_LETTERS) == set(), face
    words = [VIETNAMESE_LETTERS[i : i + 12] for i in range(0, 134, 12)]
    sheet = household(2, head=" ".join(words[:4]))
    pdf = _render([sheet], covid)
    assert all(word in flat(page_texts(pdf)[0]) for word in words[:4])


def test_blank_sheet_leaves_gaps_but_prints_the_commune(blank_pdf: bytes) -> None:
    texts = page_texts(blank_pdf)
    first = flat(texts[0])
    assert "Họ và tên chủ hộ: ……" in first
    assert "Ủy ban nhân dân xã Sìn Hồ và Đồn Biên phòng Sìn Hồ" in first
    assert "Người thân ở nước ngoài (họ tên, quan hệ, nước, từ năm): ……" in first
    for row in range(1, 11):  # room for ten members
        assert f"\n{row}\n" in f"\n{texts[0]}\n"
    assert len(texts) == 1
    assert qr_codes(blank_pdf) == [[] for _ in texts]


def test_two_copies_print_each_household_twice_in_a_row(covid: PledgeTemplate) -> None:
    other = "6b1e0d2c-1111-4aaa-8bbb-000000000002"
    pdf = _render([household(3), household(3, code="SH-0002", household_id=other)], covid, copies=2)
    codes = qr_codes(pdf)
    assert codes == [[payload()], [payload()], [payload(other)], [payload(other)]]


def test_bản_lưu_shows_the_captured_signature(covid: PledgeTemplate) -> None:
    picture = io.BytesIO()
    Image.new("RGBA", (300, 100), (0, 0, 0, 0)).save(picture, "PNG")
    sheet = household(3, signed_on=dt.date(2026, 1, 5), signature_png=picture.getvalue())
    pdf = _render([sheet], covid)
    text = flat(page_texts(pdf)[0])
    assert "Sìn Hồ, ngày 05 tháng 01 năm 2026" in text
    assert "Bản lưu: đã ký 05/01/2026" in text
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    images = [
        name
        for name, obj in page["/Resources"]["/XObject"].items()
        if obj.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1


@pytest.mark.parametrize("which", ["covid-xnc-2021.toml", "bien-gioi.toml"])
def test_a_household_of_eight_fits_one_sheet(which: str) -> None:
    template = load_template(form_path(which))
    sheet = household(8, relatives=False)
    short = tuple(
        replace(m, full_name=f"Lò Văn {n}", relationship="Con") if n else m
        for n, m in enumerate(sheet.members)
    )
    out = io.BytesIO()
    assert render_pledges([replace(sheet, members=short)], template, out).pages == 1
    text = flat(page_texts(out.getvalue())[0])
    assert "ĐẠI DIỆN HỘ GIA ĐÌNH" in text and "Lò Văn 7" in text


def test_parsing_repeated_words_once_changes_nothing_drawn(
    border: PledgeTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheets = [household(n, code=f"SH-{n}", relatives=n % 2 == 0) for n in (3, 60, 5, 9)]
    cached = _render(sheets, border, copies=2)
    monkeypatch.setattr(Paragraphs, "__call__", lambda self, text, style: Paragraph(text, style))
    assert _render(sheets, border, copies=2) == cached
