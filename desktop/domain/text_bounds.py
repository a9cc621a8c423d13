"""How long the free text of the ledger may be (a movement's place, reason, permit, a guest's
name; a tip's place, description, outcome), and the refusal of a longer one, by the form's
name for the field: the same bounds for the window, the command line and a bundle's rows."""

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


def refuse_long_text(bounds: Mapping[str, TextField], values: Mapping[str, str]) -> None:
    """KnownError naming the first of ``values`` (by column) longer than its bound."""
    for column, text in values.items():
        bound = bounds[column]
        if len(text) > bound.maximum:
            raise KnownError(
                "text.too_long", field=bound.label, length=len(text), maximum=bound.maximum
            )
