"""The words a sheet fills in: unit names inside sentences, the residence line, dates abroad."""

from __future__ import annotations

from dataclasses import replace

from desktop.printing.wording import address_in, residence, sheet_values, since_words
from tests.golden.samples import household


def test_unit_names_read_in_lower_case_inside_a_sentence() -> None:
    values = sheet_values(household(2))
    assert (values["commune"], values["hamlet"], values["province"]) == (
        "xã Sìn Hồ",
        "bản Nậm Cha",
        "tỉnh Lai Châu",
    )
    city = sheet_values(replace(household(2), province_name="Thành phố Hà Nội"))
    bare = sheet_values(replace(household(2), province_name="Lai Châu"))
    assert (city["province"], bare["province"]) == ("thành phố Hà Nội", "tỉnh Lai Châu")
    assert sheet_values(replace(household(2), household_code=""))["member_count"] == ""
    # Hamlets called xóm, làng, buôn, plei, sóc or khóm (the north, the Central Highlands,
    # the Mekong border) read as thôn and bản do: "Xóm Đồi, xã Sìn Hồ" stood capitalised.
    for hamlet in ("Xóm Đồi", "Làng Mới", "Buôn Đôn", "Plei Kần", "Sóc Ruộng", "Khóm 3"):
        inline = sheet_values(replace(household(2), hamlet_name=hamlet))["hamlet"]
        assert inline == hamlet[0].lower() + hamlet[1:]


def test_the_residence_line_does_not_repeat_what_the_address_says() -> None:
    values = {"commune": "xã Sìn Hồ", "province": "tỉnh Lai Châu"}
    assert residence({**values, "address": "Bản Ngải Há", "hamlet": "bản Ngải Há"}) == (
        "bản Ngải Há, xã Sìn Hồ, tỉnh Lai Châu"
    )
    # Whole words only: "Bản Hồng" is not "bản Hồ".
    assert residence({**values, "address": "Bản Hồng", "hamlet": "bản Hồ"}) == (
        "bản Hồng, bản Hồ, xã Sìn Hồ, tỉnh Lai Châu"
    )
    assert residence({**values, "address": "", "hamlet": "bản Hồ"}) == (
        "bản Hồ, xã Sìn Hồ, tỉnh Lai Châu"
    )


def test_the_residence_line_knows_places_by_their_short_names() -> None:
    values = {"hamlet": "bản Nậm Tăm", "commune": "xã Sìn Hồ", "province": "tỉnh Lai Châu"}

    def line(address: str) -> str:
        return residence({**values, "address": address})

    assert line("Số nhà 5, Nậm Tăm, Sìn Hồ") == "Số nhà 5, Nậm Tăm, Sìn Hồ, tỉnh Lai Châu"
    assert line("Số nhà 5, Nậm Tăm, Sìn Hồ, Lai Châu") == "Số nhà 5, Nậm Tăm, Sìn Hồ, Lai Châu"
    # Folded: typed without marks, in other case, with stray spaces.
    assert line("Số nhà 5 ,nam tam,  SIN HO") == "Số nhà 5, nam tam, SIN HO, tỉnh Lai Châu"
    assert line("Số nhà 5, xã Sìn Hồ") == "Số nhà 5, bản Nậm Tăm, xã Sìn Hồ, tỉnh Lai Châu"
    # Whole parts only: a street named after the commune does not name the commune.
    assert line("Đường Sìn Hồ, Nậm Tăm") == "Đường Sìn Hồ, Nậm Tăm, xã Sìn Hồ, tỉnh Lai Châu"


def test_one_hamlet_reads_in_one_case_whatever_the_address() -> None:
    values = {"hamlet": "bản Cang Tè", "commune": "xã Sìn Hồ", "province": "tỉnh Lai Châu"}
    lines = [
        residence({**values, "address": address})
        for address in ("Bản Cang Tè", "Số nhà 5, Bản Cang Tè", "Số nhà 5, tổ 2", "")
    ]
    assert lines == [
        "bản Cang Tè, xã Sìn Hồ, tỉnh Lai Châu",
        "Số nhà 5, bản Cang Tè, xã Sìn Hồ, tỉnh Lai Châu",
        "Số nhà 5, tổ 2, bản Cang Tè, xã Sìn Hồ, tỉnh Lai Châu",
        "bản Cang Tè, xã Sìn Hồ, tỉnh Lai Châu",
    ]


def test_since_reads_by_the_shape_of_the_date() -> None:
    assert [since_words(s) for s in ("2019", "07/2014", "05/01/2021", "đầu 2020")] == [
        "từ năm",
        "từ tháng",
        "từ ngày",
        "từ",
    ]


def test_a_hamlet_list_shows_the_address_without_the_units_its_heading_names() -> None:
    def line(address: str) -> str:
        return address_in(address, "Bản Nậm Tăm", "Xã Sìn Hồ", "Lai Châu")

    assert line("Bản Nậm Tăm") == ""
    assert line("Số nhà 5, Bản Nậm Tăm") == "Số nhà 5"
    assert line("Số nhà 5, nam tam, Sìn Hồ, tỉnh Lai Châu") == "Số nhà 5"
    assert line("Số nhà 5, Bản Nậm Tăm Hai") == "Số nhà 5, bản Nậm Tăm Hai"
