"""What the report on population movements of a period holds (sent upward, Decree 30 frame):
movements begun in the period, people away and abroad at its end, guests, tip counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain.errors import KnownError
from desktop.domain.movements import MovementKind


def check_period(starts: dt.date | None, ends: dt.date | None) -> None:
    """A period whose last day is before its first is refused, never read as empty
    (`camket report movements` and `camket movement list --from --to` alike)."""
    if starts is not None and ends is not None and ends < starts:
        raise KnownError(
            "movement.ends_before_start",
            until=ends.strftime("%d/%m/%Y"),
            start=starts.strftime("%d/%m/%Y"),
        )


@dataclass(frozen=True)
class ReportLine:
    """One movement as the report and its CSV list it."""

    kind: MovementKind
    full_name: str
    household_code: str
    hamlet: str
    starts_on: dt.date
    until: dt.date | None
    ended_on: dt.date | None
    where: str  # place, country, border gate (or "đường mòn, lối mở"), the border belt
    reason: str


@dataclass(frozen=True)
class LedgerReport:
    starts: dt.date
    ends: dt.date
    movements: tuple[ReportLine, ...]  # begun in the period, oldest first
    away: tuple[ReportLine, ...]  # the open tạm vắng or departure of people away at the end
    abroad: tuple[ReportLine, ...]
    guests: tuple[ReportLine, ...]  # lưu trú staying some day of the period
    foreign_guests: int
    tips_by_topic: tuple[tuple[str, int], ...]  # never the informant
    tips_handed: int
    border_belt_guests: int = 0  # guests who entered the border belt

    def count(self, kind: MovementKind) -> int:
        return sum(1 for line in self.movements if line.kind is kind)

    @property
    def tips(self) -> int:
        return sum(n for _, n in self.tips_by_topic)


CSV_HEADER = [
    "Loại",
    "Họ và tên",
    "Mã hộ",
    "Thôn/bản",
    "Từ ngày",
    "Đến ngày",
    "Ngày kết thúc",
    "Nơi đi/đến, nước, cửa khẩu",
    "Lý do",
]
