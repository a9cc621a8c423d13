"""The printed progress report and the unsigned lists for hamlet heads, read back."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest

from desktop.domain.errors import KnownError
from desktop.domain.pledges import HamletProgress, PledgeStatus
from desktop.domain.reports import HamletUnsigned, ReportHeading
from desktop.printing.fonts import FACES
from desktop.printing.reports import render_progress_report, render_unsigned_list
from tests.golden.pdf_facts import embedded_fonts, flat, page_texts, text_runs

HEADING = ReportHeading(
    commune_name="Xã Sìn Hồ",
    province_name="Tỉnh Lai Châu",
    campaign_title="Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia",
    as_of=dt.date(2026, 2, 3),
    place_name="Sìn Hồ",
    clerk_name="Lò Thị Hoa",
    recipient="Ủy ban nhân dân tỉnh Lai Châu",
    copies_to=("Đồn Biên phòng Ma Quai",),
    signer_name="Tao Văn Vinh",
)


@dataclass(frozen=True)
class Unsigned:
    code: str
    head_name: str
    address: str
    status: PledgeStatus
    reason: str = ""


def _progress() -> list[HamletProgress]:
    return [
        HamletProgress("a", "Bản Nậm Cha", 120, 90, 2, 3, 10, 15),
        HamletProgress("b", "Tổ dân phố Nậm Hăn - Sà Dề Phìn", 80, 80, 0, 0, 0, 0),
        HamletProgress("c", "Thôn 10", 41, 0, 0, 0, 1, 40),
        HamletProgress("d", "Thôn Hợp Nhất", 1250, 1000, 0, 0, 0, 250),
    ]


def test_progress_report_lists_every_hamlet_and_the_commune_total() -> None:
    out = io.BytesIO()
    result = render_progress_report(_progress(), HEADING, out)
    assert result.pages == 1
    text = flat(page_texts(out.getvalue())[0])
    # Decree 30's frame of a report sent upward: issuer and number, motto, place and date.
    assert "ỦY BAN NHÂN DÂN XÃ SÌN HỒ Số: /BC-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Sìn Hồ, ngày 03 tháng 02 năm 2026" in text
    assert "BÁO CÁO Tiến độ ký cam kết thực hiện phong trào “Toàn dân tham gia" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lai Châu" in text
    assert "1 Bản Nậm Cha 120 90 2 3 10 15 75,0" in text
    assert "3 Thôn 10 41 0 0 0 1 40 0,0" in text
    assert "4 Thôn Hợp Nhất 1.250 1.000 0 0 0 250 80,0" in text
    assert "Toàn xã 1.491 1.170 2 3 11 305 78,5" in text
    assert "đã ký cam kết 1.170 hộ, đạt 78,5% (chỉ tiêu 100%); còn 321 hộ chưa ký" in text
    # The status in the words the screen, the sheets and the CSV give it (issue 11 §5).
    assert "11 hộ đã in, chưa nhận lại bản cam kết và 305 hộ chưa được in" in text
    assert (
        "Nơi nhận: - Như trên; - Đồn Biên phòng Ma Quai; - Lưu: VT. "
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Tao Văn Vinh"
    ) in text
    fonts = embedded_fonts(out.getvalue())
    assert all(fonts.values()) and {n.split("+")[1] for n in fonts} <= set(FACES)


def test_unsigned_lists_start_each_hamlet_on_a_new_page_and_repeat_the_header() -> None:
    many = [
        Unsigned(f"NC-{n:03d}", "Nguyễn Hoàng Phương Thảo Nguyên", "Tổ 2", PledgeStatus.PRINTED)
        for n in range(1, 46)
    ]
    refused = [Unsigned("PH-001", "Sùng A Dế", "Tổ 1", PledgeStatus.REFUSED, "Đi làm ăn xa")]
    hamlets = [
        HamletUnsigned("Bản Nậm Cha", "Lò Văn Thắng", many),
        HamletUnsigned("Bản Phìn Hồ", "Sùng A Dế", refused),
        HamletUnsigned("Thôn 10", "Phạm Thị Hoa", []),
    ]
    seen: list[tuple[int, int]] = []
    out = io.BytesIO()
    result = render_unsigned_list(hamlets, HEADING, out, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    pages = [flat(page) for page in page_texts(out.getvalue())]
    assert result.pages == len(pages) >= 4
    starts = [i for i, page in enumerate(pages) if "DANH SÁCH HỘ CHƯA KÝ CAM KẾT" in page]
    assert len(starts) == 3
    assert "Bản Nậm Cha – phong trào" in pages[starts[0]]
    later = pages[starts[0] + 1 : starts[1]]
    assert later
    # Numbered from 2 in the top margin, and from 1 again for the next hamlet's list.
    numbers = {r.page: r.text for r in text_runs(out.getvalue()) if r.y > 841.89 - 20 * 2.835}
    assert [numbers.get(n + 1) for n in range(starts[0], starts[1])] == [
        None,
        *(str(n) for n in range(2, len(later) + 2)),
    ]
    assert starts[1] + 1 not in numbers and starts[2] + 1 not in numbers
    for page in (page for page in later if "NC-" in page):  # the list goes on under its header
        assert "TT Mã hộ Chủ hộ Địa chỉ Tình trạng Lý do Kết quả vận động" in page
    # The count never stands apart from the signatures.
    assert "Tổng số: 45 hộ chưa ký cam kết. TRƯỞNG THÔN, BẢN NGƯỜI LẬP DANH SÁCH" in later[-1]
    nam_cha = " ".join(pages[starts[0] : starts[1]])
    assert all(f"NC-{n:03d}" in nam_cha for n in range(1, 46))
    assert "Tổng số: 45 hộ chưa ký cam kết." in nam_cha
    assert "1 PH-001 Sùng A Dế Tổ 1 Từ chối Đi làm ăn xa" in pages[starts[1]]
    assert "Tất cả các hộ của thôn, bản đã ký cam kết." in pages[starts[2]]
    assert "TRƯỞNG THÔN, BẢN NGƯỜI LẬP DANH SÁCH" in pages[starts[2]]


def test_report_text_stays_inside_the_margins() -> None:
    out = io.BytesIO()
    render_progress_report(_progress(), HEADING, out)
    # reportlab lets a line run up to about half a point past the frame when it wraps.
    for run in text_runs(out.getvalue()):
        assert run.x >= 85.0 - 1 and run.x + run.width <= 595.28 - 42.5 + 1, run


def test_unsigned_list_cancel_and_empty_request() -> None:
    hamlets = [HamletUnsigned("Bản Nậm Cha", "", [])] * 3
    out = io.BytesIO()
    result = render_unsigned_list(hamlets, HEADING, out, cancel=lambda: True)
    assert result.cancelled
    with pytest.raises(KnownError) as caught:
        render_unsigned_list([], HEADING, io.BytesIO())
    assert caught.value.code == "print.nothing"


def test_a_hamlet_list_leaves_the_hamlet_out_of_each_address_and_gives_reasons_room() -> None:
    rows = [
        Unsigned("NC-001", "Lò Văn Pó", "Bản Nậm Cha", PledgeStatus.PRINTED),
        Unsigned(
            "NC-002",
            "Lò Văn Pánh",
            "Số nhà 5, Bản Nậm Cha",
            PledgeStatus.ABSENT,
            "Đi làm ăn xa, chưa về",
        ),
        Unsigned(
            "NC-003",
            "Lò Thị Ín",
            "Số nhà 7, Nậm Cha, Sìn Hồ",
            PledgeStatus.REFUSED,
            "Chưa đồng ý, hẹn gặp lại",
        ),
        Unsigned("NC-004", "Lò Văn Sáng", "Tổ 2, Bản Nậm Cà", PledgeStatus.PRINTED),
    ]
    out = io.BytesIO()
    render_unsigned_list([HamletUnsigned("Bản Nậm Cha", "Lò Văn Thắng", rows)], HEADING, out)
    page = flat(page_texts(out.getvalue())[0])
    # The list is the hamlet's own: its name stands once, in the heading.
    assert page.count("Nậm Cha") == 1 and "Bản Nậm Cha – phong trào" in page
    assert "1 NC-001 Lò Văn Pó Đã in, chưa nhận lại" in page
    assert "2 NC-002 Lò Văn Pánh Số nhà 5 Vắng mặt Đi làm ăn xa, chưa về" in page
    assert "3 NC-003 Lò Thị Ín Số nhà 7 Từ chối Chưa đồng ý, hẹn gặp lại" in page
    assert "Tổ 2, bản Nậm Cà" in page  # another hamlet's name stays
    runs = text_runs(out.getvalue())
    status_x = next(r.x for r in runs if r.text == "Tình trạng")
    for reason in ("Đi làm ăn xa, chưa về", "Chưa đồng ý, hẹn gặp lại"):
        lines = [r for r in runs if r.x > status_x + 20 and r.text in reason]
        assert 1 <= len(lines) <= 2, (reason, lines)
