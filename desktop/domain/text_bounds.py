"""How long free text may be (a movement's place, reason, permit, a guest's name; a tip's
place, description, outcome; a household's address and notes, a person's name, occupation and
notes, a relative's, a hamlet's), and the refusal of a longer one, by the form's name for the
field: the same bounds for the window, the command line, an imported list and a bundle's rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from desktop.domain.errors import KnownError

# A line of a form (a place, a reason, a name, a permit number) and a text of several
# sentences (a note, a tip's description or outcome). More is a paste gone wrong (a whole
# document, a file's bytes), never something to keep, print or send upward.
LINE_MAX = 500
TEXT_MAX = 5_000


class TextField(NamedTuple):
    label: str  # as the window's form names it
    maximum: int


# Column (of the movement table, and the Movement or Guest field) → its bound.
MOVEMENT_TEXT: Mapping[str, TextField] = {
    "guest_name": TextField("Họ tên khách", LINE_MAX),
    "guest_id_number": TextField("CCCD hoặc hộ chiếu", LINE_MAX),
    "guest_nationality": TextField("Quốc tịch", LINE_MAX),
    "place": TextField("Nơi", LINE_MAX),
    "country": TextField("Nước", LINE_MAX),
    "gate": TextField("Cửa khẩu", LINE_MAX),
    "reason": TextField("Lý do", LINE_MAX),
    "border_permit": TextField("Giấy phép", LINE_MAX),
    "notes": TextField("Ghi chú", TEXT_MAX),
}

# Column of the tip table (and Tip field) → its bound.
TIP_TEXT: Mapping[str, TextField] = {
    "place": TextField("Nơi xảy ra", LINE_MAX),
    "about": TextField("Nội dung", LINE_MAX),
    "informant_name": TextField("Người báo tin", LINE_MAX),
    "description": TextField("Mô tả", TEXT_MAX),
    "handed_to": TextField("Chuyển cho", LINE_MAX),
    "outcome": TextField("Kết quả xử lý", TEXT_MAX),
}


# Column of the household table (and Household field) → its bound.
HOUSEHOLD_TEXT: Mapping[str, TextField] = {
    "address": TextField("Địa chỉ", LINE_MAX),
    "notes": TextField("Ghi chú", TEXT_MAX),
}

# Column of the person table (and Person field) → its bound.
PERSON_TEXT: Mapping[str, TextField] = {
    "full_name": TextField("Họ và tên", LINE_MAX),
    "ethnicity": TextField("Dân tộc", LINE_MAX),
    "relationship": TextField("Quan hệ", LINE_MAX),
    "occupation": TextField("Nghề nghiệp", LINE_MAX),
    "notes": TextField("Ghi chú", TEXT_MAX),
}

# Column of the relative_abroad table (and RelativeAbroad field) → its bound.
RELATIVE_TEXT: Mapping[str, TextField] = {
    "full_name": TextField("Họ và tên", LINE_MAX),
    "relationship": TextField("Quan hệ", LINE_MAX),
    "country": TextField("Nước", LINE_MAX),
    "since": TextField("Đi từ", LINE_MAX),
    "contact": TextField("Liên lạc", LINE_MAX),
    "plans_to_return": TextField("Dự định trở về", LINE_MAX),
}

# Column of the hamlet table (and Hamlet field) → its bound.
HAMLET_TEXT: Mapping[str, TextField] = {
    "name": TextField("Tên", LINE_MAX),
    "head_name": TextField("Trưởng thôn/bản", LINE_MAX),
}

# Phone and personal ID numbers are checked for what they are where they are typed (never
# this long there); a bundle's rows are held to a line's bound all the same.
PHONE_TEXT = TextField("Số điện thoại", LINE_MAX)
ID_NUMBER_TEXT = TextField("Số định danh", LINE_MAX)


def refuse_long_text(bounds: Mapping[str, TextField], values: Mapping[str, str]) -> None:
    """KnownError naming the first of ``values`` (by column) longer than its bound."""
    for column, text in values.items():
        bound = bounds[column]
        if len(text) > bound.maximum:
            raise KnownError(
                "text.too_long", field=bound.label, length=len(text), maximum=bound.maximum
            )
