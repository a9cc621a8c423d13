"""How `camket conflicts` words a conflict in the terminal, as the window's Trao đổi dữ liệu
page does: tables and fields by their Vietnamese names, another row by its name or code
(never its id), codes in words, days as DD/MM/YYYY."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import (
    DEPARTURE_LABELS,
    GENDER_LABELS,
    RESIDENCE_LABELS,
    BirthDate,
    short_id,
)
from desktop.domain.movements import KIND_LABELS
from desktop.domain.reports import STATUS_LABELS
from desktop.domain.unreadable import shown
from desktop.messages import FIELD_LABELS
from desktop.services.conflicts import Conflict, referenced_name
from desktop.services.half_deleted import HalfDeleted, HalfDeletedKind
from desktop.store.admin_units import find_commune

TABLE_WORDS = {
    "commune": "Xã",
    "hamlet": "Thôn/bản",
    "household": "Hộ",
    "person": "Nhân khẩu",
    "relative_abroad": "Thân nhân ở nước ngoài",
    "pledge_template": "Mẫu cam kết",
    "campaign": "Đợt cam kết",
    "pledge": "Bản cam kết",
    "attachment": "Tệp đính kèm",
    "movement": "Biến động",
    "tip": "Tin báo",
    "tip_person": "Người trong tin báo",
}
_HAMLET_KINDS = {
    "thon": "Thôn",
    "ban": "Bản",
    "ap": "Ấp",
    "khu_pho": "Khu phố",
    "to_dan_pho": "Tổ dân phố",
}
# Coded columns (of any table, or of one) → the words for their codes.
_CODES: dict[tuple[str, str], dict[str, str]] = {
    ("", "gender"): {str(k): v for k, v in GENDER_LABELS.items()},
    ("", "residence"): {str(k): v for k, v in RESIDENCE_LABELS.items()},
    ("", "departure"): {str(k): v for k, v in DEPARTURE_LABELS.items()},
    ("hamlet", "kind"): _HAMLET_KINDS,
    ("movement", "kind"): {str(k): v for k, v in KIND_LABELS.items()},
    ("pledge", "status"): {str(k): v for k, v in STATUS_LABELS.items()},
}
_YES_NO = frozenset({"deleted", "is_border", "via_trail", "border_belt"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
EMPTY = "—"


def field_words(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def value_words(db: Database, table: str, field: str, value: Any) -> str:
    """A value of a row of ``table`` as a clerk reads it."""
    if value is None or value == "":
        return EMPTY
    named = referenced_name(db, field, value)
    if named is not None:
        return named
    if field.endswith("_id") and _UUID.fullmatch(str(value)):  # a row this register lacks
        return f"(không có trong sổ: {short_id(str(value))})"
    codes = _CODES.get((table, field)) or _CODES.get(("", field))
    if codes is not None:
        return codes.get(str(value), str(value))
    if field in _YES_NO:
        return "có" if value else "không"
    if field == "commune_code":
        unit = find_commune(str(value))
        return unit.name if unit else str(value)
    if field == "position":
        return str(int(value) + 1)
    if field == "birth":
        try:
            return BirthDate.from_iso(str(value)).display()
        except ValueError:
            return str(value)
    text = str(value)
    if _ISO_DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
        except ValueError:  # 2020-02-30: no day (domain.unreadable)
            return shown(text)
    if _ISO_MOMENT.match(text):
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return moment.strftime("%d/%m/%Y %H:%M")
    return text


def conflict_lines(db: Database, conflict: Conflict) -> Iterator[str]:
    """A conflict as the terminal shows it: what the row is, then each field that differs,
    the version shown now and the other one."""
    what = TABLE_WORDS.get(conflict.table, conflict.table)
    yield f"Xung đột {conflict.id[:12]}: {what} {conflict.label}"
    differences = conflict.differences()
    if not differences:
        yield "    hai máy lưu riêng với cùng giá trị: giữ bản đang dùng là xong"
    for field, current, other in differences:
        now = value_words(db, conflict.table, field, current)
        then = value_words(db, conflict.table, field, other)
        yield f"    {field_words(field)}: đang dùng “{now}”, bản kia “{then}”"


def half_deleted_line(half: HalfDeleted, upper: bool) -> str:
    """A household deleted on one PC and still in use on another, and how to answer it."""
    unit = find_commune(half.commune_code)
    where = f"Hộ {half.code} ({unit.name if unit else half.commune_code})"
    together = len(half.restorable)
    if half.kind is HalfDeletedKind.DELETED_IN_USE:
        what = f"{where} đã bị xoá trên một máy nhưng máy khác vẫn thêm hay sửa: " + ", ".join(
            half.live_names
        )
        restore = f"khôi phục hộ cùng {together} người bị xoá theo hộ"
    else:
        what = (
            f"{where} còn trong sổ nhưng {together} người trong hộ đã bị xoá cùng hộ trên một máy"
        )
        restore = f"khôi phục {together} người đó"
    if upper:
        return f"{what}. Giải quyết: xã xử lý trên máy của xã rồi gửi lại"
    return (
        f"{what}. Giải quyết: camket conflicts keep {half.code} restore ({restore})"
        " hoặc delete (xoá hẳn)"
    )
