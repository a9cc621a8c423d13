"""The upload spreadsheet's vocabulary: its sheets, the two sets of headers, how values read.

Machine names are stable snake_case (another program reads them); the Vietnamese headers
are what an office above reads in Excel. docs/spreadsheet.md documents both, column by
column, and a test keeps it in step with these tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from desktop.domain.entities import (
    DEPARTURE_LABELS,
    GENDER_LABELS,
    RESIDENCE_LABELS,
    BirthDate,
)
from desktop.domain.pledges import PledgeStatus
from desktop.domain.reports import STATUS_LABELS
from desktop.domain.unreadable import shown


class UploadSheet(StrEnum):
    """What one row is: ``camket spreadsheet --what``."""

    HOUSEHOLDS = "households"
    PEOPLE = "people"
    PLEDGES = "pledges"
    RELATIVES = "relatives"
    PROGRESS = "progress"


# The worksheet's name in an XLSX file (at most 31 characters).
SHEET_TITLES: dict[UploadSheet, str] = {
    UploadSheet.HOUSEHOLDS: "Hộ gia đình",
    UploadSheet.PEOPLE: "Nhân khẩu",
    UploadSheet.PLEDGES: "Cam kết",
    UploadSheet.RELATIVES: "Thân nhân ở nước ngoài",
    UploadSheet.PROGRESS: "Tiến độ",
}

# Every column of every sheet, by machine name: its Vietnamese header.
HEADERS_VI: dict[str, str] = {
    "commune_code": "Mã xã",
    "commune_name": "Tên xã",
    "hamlet": "Thôn/bản",
    "household_code": "Mã hộ",
    "address": "Địa chỉ",
    "phone": "Số điện thoại",
    "head_name": "Chủ hộ",
    "notes": "Ghi chú",
    "members": "Số nhân khẩu",
    "relatives_abroad": "Số thân nhân ở nước ngoài",
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "birth": "Ngày sinh",
    "id_number": "Số định danh",
    "ethnicity": "Dân tộc",
    "relationship": "Quan hệ với chủ hộ",
    "residence": "Cư trú",
    "occupation": "Nghề nghiệp",
    "country": "Nước đang ở",
    "since": "Đi từ",
    "departure": "Xuất cảnh",
    "contact": "Liên lạc",
    "plans_to_return": "Dự định trở về",
    "campaign_title": "Đợt cam kết",
    "status": "Tình trạng",
    "printed_at": "In lúc",
    "signed_on": "Ngày ký",
    "signer_name": "Người ký",
    "witnesses": "Người chứng kiến",
    "reason": "Lý do",
    "households": "Số hộ",
    # The counts read as the statuses do everywhere (report progress, the window).
    "signed": STATUS_LABELS[PledgeStatus.SIGNED],
    "refused": STATUS_LABELS[PledgeStatus.REFUSED],
    "absent": STATUS_LABELS[PledgeStatus.ABSENT],
    "printed": STATUS_LABELS[PledgeStatus.PRINTED],
    "not_printed": STATUS_LABELS[PledgeStatus.NOT_PRINTED],
    "percent_signed": "Tỷ lệ đã ký (%)",
    "target_percent": "Chỉ tiêu (%)",
}


def header_row(columns: list[str], headers: str) -> list[str]:
    """The header line: machine names as they are, or their Vietnamese headers."""
    if headers == "machine":
        return list(columns)
    return [HEADERS_VI[c] for c in columns]


def birth_text(stored: str | None) -> str:
    """'01/05/1990', or '1990' when only the year is known."""
    return BirthDate.from_iso(stored).display() if stored else ""


def local_moment(stored: str | None) -> dt.datetime | None:
    """A stored UTC moment (ISO-8601) as this PC's local time, to the minute, without a
    zone (a spreadsheet cell holds none)."""
    if not stored:
        return None
    moment = dt.datetime.fromisoformat(stored.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().replace(tzinfo=None, second=0, microsecond=0)


def day(stored: str | None) -> dt.date | None:
    return dt.date.fromisoformat(stored) if stored else None


def _label(labels: dict[Any, str]) -> Callable[[Any], str]:
    # A value this version does not know (merged from a newer one) reads as it is stored.
    return lambda v: labels.get(v, v or "")


def _or_shown(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``read``, or a value CamKet cannot read shown as such (domain.unreadable)."""

    def form(stored: Any) -> Any:
        try:
            return read(stored)
        except (ValueError, TypeError):
            return shown(str(stored))

    return form


# How a stored value reads, by machine name; any other column is its text (None: empty).
VALUE_FORMS: dict[str, Callable[[Any], Any]] = {
    "gender": _label(GENDER_LABELS),
    "residence": _label(RESIDENCE_LABELS),
    "departure": _label(DEPARTURE_LABELS),
    "status": _label(STATUS_LABELS),
    "birth": _or_shown(birth_text),
    "printed_at": _or_shown(local_moment),
    "signed_on": _or_shown(day),
}
