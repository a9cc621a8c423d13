"""Pledge templates: the bundled ones load; bad ones are refused naming the file and the line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.bundled import form_path
from desktop.domain.errors import KnownError
from desktop.domain.templates import (
    PLACEHOLDERS,
    date_line,
    fill,
    load_template,
    parse_template,
    placeholders_in,
)
from desktop.messages import describe

GOOD = """\
id = "thu"
version = 2
title = "BẢN CAM KẾT"
movement = "Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia"
lead = "Tôi là {household_head}, ở {hamlet}, {commune}."
commitments = [
    "Không xuất cảnh, nhập cảnh trái phép.",
    \"\"\"Báo ngay cho
    {border_post}.\"\"\",
]
closing = "Nếu vi phạm, tôi xin chịu trách nhiệm trước pháp luật."

[[signature]]
heading = "ĐẠI DIỆN HỘ GIA ĐÌNH"
name = "{signer_name}"

[layout]
margin_top_mm = 20
body_pt = 13
"""


def _error(text: str) -> KnownError:
    with pytest.raises(KnownError) as caught:
        parse_template(text, "forms/thu.toml")
    return caught.value


def test_the_bundled_templates_load_with_known_placeholders_only() -> None:
    loaded = [load_template(path) for path in sorted(form_path().glob("*.toml"))]
    assert {t.id for t in loaded} == {"covid-xnc-2021", "bien-gioi"}
    covid = next(t for t in loaded if t.id == "covid-xnc-2021")
    assert covid.movement == (
        "Toàn dân tham gia phòng, chống dịch Covid-19 và xuất, nhập cảnh trái phép"
    )
    assert "3 không" in covid.commitments[0] and "5K" in " ".join(covid.commitments)
    for template in loaded:
        assert template.version == 1 and len(template.signatures) == 3
        assert template.layout.margin_left_mm == 30 and template.layout.body_pt == 13


def test_a_good_template_is_read_with_its_lines_joined() -> None:
    template = parse_template(GOOD, "forms/thu.toml")
    assert template.version == 2
    assert template.subject == template.movement
    assert template.commitments[1] == "Báo ngay cho {border_post}."
    assert template.layout.body_pt == 13 and template.layout.margin_right_mm == 15
    values = {"household_head": "Giàng A Páo", "hamlet": "bản Nậm Cha"}
    assert fill(template.lead, values) == "Tôi là Giàng A Páo, ở bản Nậm Cha, …………………."


def test_an_unknown_placeholder_names_the_file_and_line() -> None:
    error = _error(GOOD.replace("{border_post}", "{border_gate}"))
    assert error.code == "template.unknown_placeholder"
    assert error.params == {"file": "forms/thu.toml", "line": 9, "name": "border_gate"}
    assert describe(error) == (
        "Mẫu cam kết forms/thu.toml, dòng 9: không có trường “{border_gate}” để điền."
    )


def test_a_mistyped_key_is_refused_naming_the_file_and_line() -> None:
    # "closin =" would otherwise print every sheet without its closing sentence.
    error = _error(GOOD.replace("closing = ", "closin = "))
    assert error.params == {
        "file": "forms/thu.toml",
        "line": 11,
        "key": "closin",
        "choices": "id, version, title, movement, subject, lead, commitments, closing, "
        "signature, layout",
    }
    assert describe(error) == (
        "Mẫu cam kết forms/thu.toml, dòng 11: không có mục “closin”; các mục có: id, version, "
        "title, movement, subject, lead, commitments, closing, signature, layout."
    )
    column = _error(GOOD.replace('name = "{signer_name}"', 'nam = "{signer_name}"'))
    assert (column.params["key"], column.params["choices"]) == ("signature.nam", "heading, name")


def test_a_layout_value_outside_decree_30_names_the_key_and_line() -> None:
    error = _error(GOOD.replace("body_pt = 13", "body_pt = 12"))
    assert error.code == "template.out_of_range"
    assert error.params["line"] == 19 and error.params["key"] == "layout.body_pt"
    assert (error.params["low"], error.params["high"]) == (13, 14)
    assert "dòng 19" in describe(error) and "13–14" in describe(error)
    margin = _error(GOOD.replace("margin_top_mm = 20", "margin_top_mm = 15"))
    assert margin.params["line"] == 18


@pytest.mark.parametrize(
    ("change", "code", "line"),
    [
        (("version = 2", "version = 0"), "template.bad_value", 2),
        (("commitments = [", "commitments = [3,"), "template.bad_value", 6),
        (("body_pt = 13", 'body_pt = "13"'), "template.bad_value", 19),
        (("body_pt = 13", "font_pt = 13"), "template.unknown_key", 19),
        (("closing = ", "closin = "), "template.unknown_key", 11),
        (('name = "{signer_name}"', 'nam = "{signer_name}"'), "template.unknown_key", 15),
        (("[layout]", "[layuot]"), "template.unknown_key", 17),
        (('closing = "', 'closing = 1 # "'), "template.bad_value", 11),
        (("title = ", "title = = "), "template.syntax", 3),
        (('id = "thu"', 'id = "Thư mẫu"'), "template.bad_value", 1),
    ],
)
def test_bad_values_are_refused_with_their_line(
    change: tuple[str, str], code: str, line: int
) -> None:
    error = _error(GOOD.replace(*change))
    assert (error.code, error.params["line"]) == (code, line)


def test_a_missing_key_and_an_unreadable_file_are_named(tmp_path: Path) -> None:
    error = _error(GOOD.replace('lead = "Tôi là {household_head}, ở {hamlet}, {commune}."', ""))
    assert (error.code, error.params["key"]) == ("template.missing_key", "lead")
    # Without its closing sentence a sheet ends on a commitment: the closing is required.
    closing = next(line for line in GOOD.splitlines() if line.startswith("closing"))
    error = _error(GOOD.replace(closing, ""))
    assert (error.code, error.params["key"]) == ("template.missing_key", "closing")
    with pytest.raises(KnownError) as caught:
        load_template(tmp_path / "none.toml")
    assert caught.value.code == "template.unreadable"


def test_placeholders_and_the_date_line() -> None:
    assert placeholders_in("{hamlet} và {{không}}") == ["hamlet"]
    assert set(PLACEHOLDERS) >= {"household_head", "hamlet", "commune", "province", "border_post"}
    assert date_line("Sìn Hồ", dt.date(2026, 1, 5)) == "Sìn Hồ, ngày 05 tháng 01 năm 2026"
    assert date_line("Sìn Hồ", dt.date(2026, 3, 15)) == "Sìn Hồ, ngày 15 tháng 3 năm 2026"
    assert date_line("Sìn Hồ", None) == "Sìn Hồ, ngày …… tháng …… năm 20……"


def test_a_stray_brace_and_a_bad_signature_column_name_their_line() -> None:
    error = _error(GOOD.replace("Báo ngay cho", "Báo {ngay cho"))
    assert (error.code, error.params["line"]) == ("template.stray_brace", 8)
    assert describe(error) == (
        "Mẫu cam kết forms/thu.toml, dòng 8: dấu ngoặc nhọn thiếu cặp; để in dấu ngoặc, "
        "viết “{{” hoặc “}}”."
    )
    second = GOOD.replace("[layout]", '[[signature]]\nheading = ""\n\n[layout]')
    error = _error(second)
    assert (error.code, error.params["line"]) == ("template.bad_value", 17)
