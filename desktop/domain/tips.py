"""Tips (tin báo) about illegal entry or exit, harbouring, transport, strangers: what one holds
and the checks of a new one. The informant's identity is kept apart from what a tip is about."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from desktop.domain.entities import calendar_day, new_id
from desktop.domain.errors import KnownError
from desktop.domain.legacy_text import refuse_legacy_font
from desktop.domain.text import normalize_text
from desktop.domain.text_bounds import TIP_TEXT, refuse_long_text
from desktop.domain.validation import phone_with_issues

# What tips are usually about (the directives' "3 không" and strangers); free text is allowed.
TIP_TOPICS = (
    "Xuất cảnh trái phép",
    "Nhập cảnh trái phép",
    "Chứa chấp, che giấu người xuất nhập cảnh trái phép",
    "Vận chuyển, đưa đón, môi giới",
    "Người lạ mặt",
)
ANONYMOUS = "Giấu tên"
# What lists, logs and reports say of a named informant: the identity stays in the register.
KNOWN_INFORMANT = "Có người báo (xem trong sổ)"


@dataclass
class Tip:
    commune_code: str
    received_at: dt.datetime
    place: str
    about: str
    informant_name: str = ""  # empty: anonymous
    informant_phone: str = ""
    hamlet_id: str | None = None
    people_count: int | None = None
    description: str = ""
    handed_to: str = ""  # Border Guard post or commune police
    handed_at: dt.datetime | None = None
    outcome: str = ""
    id: str = field(default_factory=new_id)

    @property
    def anonymous(self) -> bool:
        return not self.informant_name


_AT = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:hg](\d{2})\s*", re.ASCII)


def parse_tip_time(text: str) -> dt.datetime:
    """'05/01/2026 21:30' (also 21h30); KnownError otherwise."""
    match = _AT.fullmatch(text)
    if match is None:
        raise KnownError("tip.time_unparseable", text=text)
    day, month, year, hour, minute = (int(g) for g in match.groups())
    date = calendar_day(year, month, day, text.strip())
    if hour > 23 or minute > 59:  # 25:00, 21:75: the day is real, the hour is not
        raise KnownError("tip.time_invalid", text=text.strip())
    return dt.datetime.combine(date, dt.time(hour, minute))


def check_tip(tip: Tip, now: dt.datetime) -> Tip:
    """The tip with its text tidied (NFC, single spaces); KnownError when it cannot be kept
    (text pasted in a legacy font is read as typed: TCVN3's ư is a soft hyphen; a text longer
    than the ledger keeps)."""
    refuse_long_text(
        TIP_TEXT,
        {
            "place": tip.place,
            "about": tip.about,
            "informant_name": tip.informant_name,
            "description": tip.description,
            "handed_to": tip.handed_to,
            "outcome": tip.outcome,
        },
    )
    refuse_legacy_font(
        (tip.place, tip.about, tip.informant_name, tip.description, tip.handed_to, tip.outcome)
    )
    place = normalize_text(tip.place)
    about = normalize_text(tip.about)
    if not place:
        raise KnownError("tip.place_missing")
    if not about:
        raise KnownError("tip.about_missing")
    if tip.received_at > now + dt.timedelta(minutes=5):
        raise KnownError("tip.in_future", at=tip.received_at.strftime("%d/%m/%Y %H:%M"))
    if tip.people_count is not None and not 0 <= tip.people_count <= 10_000:
        raise KnownError("tip.bad_people", people=tip.people_count)
    if tip.handed_at is not None and tip.handed_at < tip.received_at:
        raise KnownError("tip.handed_before_received")
    # Checked as every phone of the register is, stored the same way ('0912345678'); the
    # message never repeats the number (a refusal may reach a log).
    phone, phone_issues = phone_with_issues(tip.informant_phone)
    if phone_issues:
        raise KnownError("tip.phone_invalid")
    tip.place, tip.about = place, about
    tip.informant_name = normalize_text(tip.informant_name)
    tip.informant_phone = phone
    tip.description = normalize_text(tip.description)
    tip.handed_to = normalize_text(tip.handed_to)
    tip.outcome = normalize_text(tip.outcome)
    return tip
