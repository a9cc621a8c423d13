"""The words a sheet fills in: unit names inside sentences, the residence line, dates abroad."""

from __future__ import annotations

from dataclasses import replace

from desktop.printing.wording import residence, sheet_values, since_words
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


def test_the_residence_line_does_not_repeat_what_the_address_says() -> None:
    values = {"commune": "xã Sìn Hồ", "province": "tỉnh Lai Châu"}
    assert residence({**values, "address": "Bản Ngải Há", "hamlet": "bản Ngải Há"}) == (
        "Bản Ngải Há, xã Sìn Hồ, tỉnh Lai Châu"
    )
    # Whole words only: "Bản Hồng" is not "bản Hồ".
    assert residence({**values, "address": "Bản Hồng", "hamlet": "bản Hồ"}) == (
        "Bản Hồng, bản Hồ, xã Sìn Hồ, tỉnh Lai Châu"
    )
    assert residence({**values, "address": "", "hamlet": "bản Hồ"}) == (
        "bản Hồ, xã Sìn Hồ, tỉnh Lai Châu"
    )


def test_since_reads_by_the_shape_of_the_date() -> None:
    assert [since_words(s) for s in ("2019", "07/2014", "05/01/2021", "đầu 2020")] == [
        "từ năm",
        "từ tháng",
        "từ ngày",
        "từ",
    ]
