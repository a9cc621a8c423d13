"""How long free text may be (a movement's, a tip's, a household's, a person's, a relative's,
a hamlet's, a pledge's, a campaign's and its template's, the commune's keepers), and the refusal
of a longer one, by the form's name for the field: the same bounds for the window, the command
line, an imported list and a bundle's rows."""

from __future__ import annotations

import unicodedata
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

# Column of the pledge table (and Pledge field) → its bound: what a clerk records with a result.
PLEDGE_TEXT: Mapping[str, TextField] = {
    "witnesses": TextField("Người chứng kiến", TEXT_MAX),  # several names, "; " between
    "reason": TextField("Lý do", LINE_MAX),
    "notes": TextField("Ghi chú", TEXT_MAX),
}

# Column of the campaign table (and Campaign field) → its bound.
CAMPAIGN_TEXT: Mapping[str, TextField] = {
    "title": TextField("Tên đợt", LINE_MAX),
}

# A template's text is a whole sheet's wording (the bundled one ~2,200 characters; a sheet
# holds two pages): ten times that is a paste gone wrong, not a sheet to print.
TEMPLATE_MAX = 30_000

# Column of the pledge_template table (and StoredTemplate field) → its bound.
TEMPLATE_TEXT: Mapping[str, TextField] = {
    "title": TextField("Tên mẫu", LINE_MAX),
    "source": TextField("Nội dung mẫu", TEMPLATE_MAX),
}

# Column of the commune table (and Commune field) → its bound: the official names, and who
# keeps the register (typed at set-up and in Cài đặt).
COMMUNE_TEXT: Mapping[str, TextField] = {
    "name": TextField("Tên xã", LINE_MAX),
    "province_name": TextField("Tỉnh", LINE_MAX),
    "clerk_name": TextField("Cán bộ phụ trách sổ", LINE_MAX),
    "border_post": TextField("Đồn Biên phòng", LINE_MAX),
    "border_officer": TextField("Cán bộ Biên phòng", LINE_MAX),
}

# A file's name as the systems a register travels to keep one (255 on Windows, macOS, Linux).
FILE_NAME_MAX = 255

# Column of the attachment table (and Attachment field) → its bound.
ATTACHMENT_TEXT: Mapping[str, TextField] = {
    "file_name": TextField("Tên tệp", FILE_NAME_MAX),
    "mime": TextField("Loại tệp", 100),
}

# A row's id and the ids and codes it points by (a UUID, a commune's or province's official
# code, a template's name): a bundle's rows are held to this all the same.
KEY_MAX = 100
KEY_TEXT = TextField("Mã", KEY_MAX)

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


def cut_to_bound(text: str, maximum: int) -> str:
    """``text`` (as NFC) in at most ``maximum`` characters, cut before a letter, never between
    a letter and a mark it carries (a tone or a hat NFC keeps apart): what CamKet keeps of a
    text no one can shorten by hand."""
    whole = unicodedata.normalize("NFC", text)
    if len(whole) <= maximum:
        return whole
    end = maximum
    while end > 0 and unicodedata.combining(whole[end]):
        end -= 1
    return whole[:end]
