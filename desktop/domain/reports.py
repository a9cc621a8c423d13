"""What the printed reports carry: the heading of a commune's report and the unsigned lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from desktop.domain.pledges import PledgeStatus

# How a status reads in lists for hamlet heads, in reports and in the CSV: the same words as
# the window's Vietnamese (ui.progress_model.status_words, a test holds them together).
STATUS_LABELS: dict[PledgeStatus, str] = {
    PledgeStatus.NOT_PRINTED: "Chưa in",
    PledgeStatus.PRINTED: "Đã in, chưa nhận lại",
    PledgeStatus.SIGNED: "Đã ký",
    PledgeStatus.REFUSED: "Từ chối",
    PledgeStatus.ABSENT: "Vắng mặt",
}
# The order of the counts in the progress table, the report and the CSV.
REPORTED_ORDER = (
    PledgeStatus.SIGNED,
    PledgeStatus.REFUSED,
    PledgeStatus.ABSENT,
    PledgeStatus.PRINTED,
    PledgeStatus.NOT_PRINTED,
)


@dataclass(frozen=True)
class ReportHeading:
    """Who reports, about which campaign, as of when (the top and foot of every report)."""

    commune_name: str  # "Xã Sìn Hồ"
    province_name: str  # "Tỉnh Lai Châu"
    campaign_title: str  # the movement's name
    as_of: dt.date
    place_name: str = ""  # the date line's place: "Sìn Hồ"
    clerk_name: str = ""  # signs as the one who drew the report up
    # Decree 30's frame of a report sent upward (from Settings): whom it is addressed to,
    # who else receives it, and who signs for the People's Committee.
    recipient: str = ""  # "Kính gửi: …"
    copies_to: tuple[str, ...] = ()  # "Nơi nhận:" lines after "- Như trên;"
    signer_title: str = "CHỦ TỊCH"  # under "TM. ỦY BAN NHÂN DÂN"
    signer_name: str = ""


class UnsignedRow(Protocol):
    """One household on a hamlet head's list (store.pledges.UnsignedHousehold fits)."""

    @property
    def code(self) -> str: ...
    @property
    def head_name(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def status(self) -> PledgeStatus: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class HamletUnsigned:
    """A hamlet's households that have not signed yet: one list for its head."""

    hamlet_name: str
    hamlet_head: str
    households: Sequence[UnsignedRow]
