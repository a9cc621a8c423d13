"""The residency ledger's rules: movement kinds, the checks of a new or ended movement, and
who is here now, derived from a person's movements (Law on Residence 2020, Decree 154/2024).

CamKet is the commune's working ledger (sổ theo dõi): these rules say what the commune
records and what is due; they never register, renew or strike off a residence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, Protocol, TypeVar

from desktop.domain.entities import BirthDate, new_id
from desktop.domain.errors import KnownError
from desktop.domain.presence import Presence, ReminderReason
from desktop.domain.text import fold_for_search
from desktop.domain.text_bounds import MOVEMENT_TEXT, refuse_long_text


class MovementKind(StrEnum):
    TAM_TRU = "tam_tru"
    TAM_VANG = "tam_vang"
    LUU_TRU = "luu_tru"
    DI_NUOC_NGOAI = "di_nuoc_ngoai"
    VE_TU_NUOC_NGOAI = "ve_tu_nuoc_ngoai"
    CHUYEN_DEN = "chuyen_den"
    CHUYEN_DI = "chuyen_di"
    SINH = "sinh"
    CHET = "chet"

    @property
    def command_word(self) -> str:
        """How `camket movement add --kind` spells it: 'tam-tru'."""
        return self.value.replace("_", "-")

    @classmethod
    def from_word(cls, word: str) -> MovementKind:
        """'tam-tru' or 'tam_tru', or the kind as the ledger's lists and reports word it
        ('Tạm trú', 'Về từ nước ngoài': marks, đ and case aside); KnownError for anything
        else."""
        try:
            return cls("_".join(fold_for_search(word).replace("-", " ").replace("_", " ").split()))
        except ValueError:
            raise KnownError(
                "movement.unknown_kind", kind=word, choices=", ".join(k.command_word for k in cls)
            ) from None


# Kinds that last (from … until/ended on); the others happen on one day.
LASTING_KINDS = frozenset(
    {
        MovementKind.TAM_TRU,
        MovementKind.TAM_VANG,
        MovementKind.LUU_TRU,
        MovementKind.DI_NUOC_NGOAI,
        MovementKind.VE_TU_NUOC_NGOAI,
    }
)
# The place a person lives: the latest of these says moved out, abroad or back.
WHEREABOUTS_KINDS = frozenset(
    {
        MovementKind.CHUYEN_DEN,
        MovementKind.CHUYEN_DI,
        MovementKind.SINH,
        MovementKind.DI_NUOC_NGOAI,
        MovementKind.VE_TU_NUOC_NGOAI,
    }
)

LUU_TRU_MAX_DAYS = 29  # 30 days or more is tạm trú (Law on Residence, art. 27)
# A lasting movement may be written down before it begins (a tạm vắng declared before
# leaving, a guest or a departure announced): up to three months ahead. Further is nearly
# always a mistyped year (2036 for 2026), which would keep the person "present" for years.
PLANNED_DAYS_AHEAD = 90
TAM_TRU_MAX_YEARS = 2
TAM_TRU_RENEWAL_DAYS = 15  # renewal due in the 15 days before the stay ends
TAM_VANG_FLAG_MONTHS = 12  # away 12 months with no other residence: may be struck off
VIETNAMESE_NATIONALITY = ("việt nam", "viet nam", "vn", "vnm", "")


# No longer living members of their household: kept in its history, never counted, listed
# or printed as members (the household view shows them greyed).
GONE = frozenset({Presence.DEAD, Presence.MOVED_OUT})


@dataclass(frozen=True)
class Guest:
    """Someone staying at a household who need not be in the register (lưu trú)."""

    full_name: str
    birth_year: int | None = None
    id_number: str = ""  # ID card or passport number
    nationality: str = ""

    @property
    def foreign(self) -> bool:
        return not is_vietnamese(self.nationality)


def is_vietnamese(nationality: str) -> bool:
    return nationality.strip().casefold() in VIETNAMESE_NATIONALITY


@dataclass
class Movement:
    """One line of the ledger: a member's movement, or a guest staying at a household."""

    kind: MovementKind
    household_id: str  # the member's household, or the guest's host
    starts_on: dt.date
    person_id: str | None = None
    guest: Guest | None = None
    until: dt.date | None = None  # planned end, expected return, end of follow-up
    ended_on: dt.date | None = None
    place: str = ""  # from/to (commune, province), nơi thường trú, destination
    country: str = ""
    gate: str = ""  # border gate; empty with via_trail when not through a gate
    via_trail: bool = False  # by "đường mòn, lối mở"
    reason: str = ""
    handed_over_on: dt.date | None = None  # to the Border Guard
    reported_on: dt.date | None = None  # a foreign guest reported
    notes: str = ""
    # A lưu trú whose guest enters the border belt (vành đai biên giới): a Vietnamese guest
    # notifies the Border Guard post (handed_over_on records it); a foreign one holds a
    # permit, recorded as given (number, who issued it).
    border_belt: bool = False
    border_permit: str = ""
    id: str = field(default_factory=new_id)

    @property
    def open(self) -> bool:
        return self.kind in LASTING_KINDS and self.ended_on is None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("a month has at least 28 days")


# Kinds written down once they happened: the one-day ones, and an arrival from abroad (a
# return still to come is the "expected back" of the departure or the tạm vắng).
_HAPPENED_KINDS = frozenset(MovementKind) - LASTING_KINDS | {MovementKind.VE_TU_NUOC_NGOAI}


def check_text_lengths(movement: Movement) -> None:
    """KnownError naming the first text of the movement (or its guest) longer than the
    ledger keeps (domain.text_bounds)."""
    guest = movement.guest or Guest("")
    refuse_long_text(
        MOVEMENT_TEXT,
        {
            "guest_name": guest.full_name,
            "guest_id_number": guest.id_number,
            "guest_nationality": guest.nationality,
            "place": movement.place,
            "country": movement.country,
            "gate": movement.gate,
            "reason": movement.reason,
            "border_permit": movement.border_permit,
            "notes": movement.notes,
        },
    )


def check_days(movement: Movement, today: dt.date) -> None:
    """Refuse a day the clerk cannot know yet (KnownError naming the field): an event in the
    future, a lasting movement beginning more than PLANNED_DAYS_AHEAD days ahead, an end
    still to come."""
    start = movement.starts_on
    if movement.kind in _HAPPENED_KINDS and start > today:
        raise KnownError("movement.in_future", field=STARTS_FIELD, date=_d(start))
    if (start - today).days > PLANNED_DAYS_AHEAD:
        raise KnownError(
            "movement.too_far_ahead", field=STARTS_FIELD, date=_d(start), days=PLANNED_DAYS_AHEAD
        )
    if movement.ended_on is not None and movement.ended_on > today:
        raise KnownError("movement.in_future", field=ENDED_FIELD, date=_d(movement.ended_on))


def check_born(movement: Movement, birth: BirthDate | None) -> None:
    """Refuse a movement beginning before its person (or guest) was born: 1926 typed for
    2026 would keep someone away, or here, for a hundred years."""
    if birth is None:
        return
    first_day = dt.date(birth.year, birth.month or 1, birth.day or 1)
    if movement.kind is MovementKind.SINH and not _within(movement.starts_on, birth):
        # A birth is on the day the register says its person was born (within the month
        # or year when only that is known): the period's report counts it then.
        raise KnownError(
            "movement.birth_not_on_birth_day",
            field=STARTS_FIELD,
            date=_d(movement.starts_on),
            born=birth.display(),
        )
    if movement.starts_on < first_day:
        raise KnownError(
            "movement.before_birth",
            field=STARTS_FIELD,
            date=_d(movement.starts_on),
            born=birth.display(),
        )


def _within(day: dt.date, birth: BirthDate) -> bool:
    return (
        day.year == birth.year and birth.month in (None, day.month) and birth.day in (None, day.day)
    )


# The fields as the movement form labels them (`movement add --from`, `edit --ended-on`).
STARTS_FIELD = "Từ ngày"
ENDED_FIELD = "Kết thúc ngày"


def check_new(movement: Movement, history: Sequence[Movement]) -> None:
    """Refuse a movement the ledger cannot hold (KnownError); ``history`` is the person's
    recorded movements. Nothing here looks at the clock."""
    kind = movement.kind
    start = movement.starts_on
    if movement.person_id is None:
        if kind is not MovementKind.LUU_TRU or movement.guest is None:
            raise KnownError("movement.person_required", kind=kind.command_word)
        if not movement.guest.full_name.strip():
            raise KnownError("movement.guest_name_missing")
    if movement.until is not None and movement.until < start:
        raise KnownError("movement.ends_before_start", until=_d(movement.until), start=_d(start))
    if (
        kind is MovementKind.LUU_TRU
        and movement.until is not None
        and ((movement.until - start).days > LUU_TRU_MAX_DAYS)
    ):
        raise KnownError("movement.luu_tru_too_long", days=(movement.until - start).days)
    if kind is MovementKind.TAM_TRU:
        if movement.until is None:
            raise KnownError("movement.tam_tru_until_missing")
        if movement.until > add_months(start, 12 * TAM_TRU_MAX_YEARS):
            raise KnownError("movement.tam_tru_too_long", until=_d(movement.until))
    abroad = (MovementKind.DI_NUOC_NGOAI, MovementKind.VE_TU_NUOC_NGOAI)
    if kind in abroad and not movement.country.strip():
        raise KnownError("movement.country_missing")
    if movement.gate and movement.via_trail:
        raise KnownError("movement.gate_and_trail")
    if kind is not MovementKind.LUU_TRU and (movement.border_belt or movement.border_permit):
        raise KnownError("movement.border_belt_only_luu_tru", kind=kind.command_word)
    if movement.ended_on is not None and kind not in LASTING_KINDS:
        raise KnownError("movement.not_lasting", kind=kind.command_word)
    if movement.ended_on is not None and movement.ended_on < start:
        raise KnownError("movement.ends_before_start", until=_d(movement.ended_on), start=_d(start))
    live = [m for m in history if m.id != movement.id]
    for earlier in live:
        if earlier.kind is MovementKind.CHET and start >= earlier.starts_on:
            raise KnownError("movement.after_death", died=_d(earlier.starts_on))
    if kind is MovementKind.CHET and any(m.kind is MovementKind.CHET for m in live):
        raise KnownError("movement.already_dead")
    born = [m.starts_on for m in live if m.kind is MovementKind.SINH]
    if kind is MovementKind.SINH and born:
        raise KnownError("movement.already_born", day=_d(min(born)))
    if kind is MovementKind.CHET:
        later = [m.starts_on for m in live if m.starts_on > start]
        if later:
            raise KnownError("movement.movements_after_death", day=_d(min(later)), died=_d(start))
    if kind in _LIVING_HERE_KINDS:
        moved_out = _moved_out_by(live, start)
        if moved_out is not None:
            raise KnownError("movement.moved_out", day=_d(moved_out), kind=kind)
    stranded = _stranded(movement, history, [*live, movement])
    if stranded is not None:
        other, moved_out = stranded
        raise KnownError(
            "movement.strands_later",
            kind=other.kind,
            day=_d(other.starts_on),
            moved=_d(moved_out),
        )
    if kind is MovementKind.TAM_TRU:
        for other in live:
            if other.kind is MovementKind.TAM_TRU and _overlaps(other, movement, stay=True):
                raise KnownError(
                    "movement.tam_tru_overlap",
                    since=_d(other.starts_on),
                    until=_d(other.ended_on or other.until or other.starts_on),
                )
    if kind is MovementKind.TAM_VANG:
        for other in live:
            if other.kind is not MovementKind.TAM_VANG or not _overlaps(other, movement):
                continue
            if other.ended_on is None:
                raise KnownError("movement.tam_vang_open", since=_d(other.starts_on))
            raise KnownError(
                "movement.tam_vang_overlap", since=_d(other.starts_on), until=_d(other.ended_on)
            )


def _overlaps(other: Movement, movement: Movement, stay: bool = False) -> bool:
    """Two absences share a day: each begins before the other ends (one not ended goes on;
    the day one ends, the other may begin). A ``stay`` (tạm trú) not ended lasts until its
    planned end."""
    never = dt.date.max

    def end(m: Movement) -> dt.date:
        return m.ended_on or (m.until if stay and m.until else never)

    return movement.starts_on < end(other) and other.starts_on < end(movement)


# Kinds only a person living here has: someone moved out is neither away from here nor
# moves out again until a move back in is recorded.
_LIVING_HERE_KINDS = frozenset({MovementKind.TAM_VANG, MovementKind.CHUYEN_DI})


def _stranded(
    movement: Movement, before: Sequence[Movement], after: Sequence[Movement]
) -> tuple[Movement, dt.date] | None:
    """Another movement only someone living here has (a tạm vắng, a move out) that
    ``movement``, written or moved, leaves after a move out (a move back in corrected to a
    later day, a move out put before it): allowed with the history ``before``, not
    ``after``; with the day of that move out."""
    for other in after:
        if other.id == movement.id or other.kind not in _LIVING_HERE_KINDS:
            continue
        moved_out = _moved_out_by([m for m in after if m.id != other.id], other.starts_on)
        if moved_out is None:
            continue
        if _moved_out_by([m for m in before if m.id != other.id], other.starts_on) is None:
            return other, moved_out
    return None


def _moved_out_by(history: Sequence[Movement], day: dt.date) -> dt.date | None:
    """The day of the move out that has the person gone on ``day``, or None."""
    latest = _latest_whereabouts(history, day)
    if latest is None or latest.kind is not MovementKind.CHUYEN_DI:
        return None
    return latest.starts_on


def check_end(movement: Movement, ended_on: dt.date) -> None:
    if movement.kind not in LASTING_KINDS:
        raise KnownError("movement.not_lasting", kind=movement.kind.command_word)
    if movement.ended_on is not None:
        raise KnownError("movement.already_ended", ended=_d(movement.ended_on))
    if ended_on < movement.starts_on:
        raise KnownError(
            "movement.ends_before_start", until=_d(ended_on), start=_d(movement.starts_on)
        )


class Dated(Protocol):
    """What presence needs of a movement (a Movement, or a Step read for many people)."""

    @property
    def kind(self) -> MovementKind: ...
    @property
    def starts_on(self) -> dt.date: ...
    @property
    def ended_on(self) -> dt.date | None: ...


class Step(NamedTuple):
    """A movement as presence sees it: light enough to read for 200,000 people."""

    id: str
    kind: MovementKind
    starts_on: dt.date
    ended_on: dt.date | None


def presence_of(history: Iterable[Dated], today: dt.date) -> Presence:
    """Where the person is on ``today``, from their movements alone: dead, moved out, abroad
    (left and not back), away (an open tạm vắng), else present."""
    past = [m for m in history if m.starts_on <= today]
    if any(m.kind is MovementKind.CHET for m in past):
        return Presence.DEAD
    latest = _latest_whereabouts(past, today)
    if latest is not None:
        if latest.kind is MovementKind.CHUYEN_DI:
            return Presence.MOVED_OUT
        if latest.kind is MovementKind.DI_NUOC_NGOAI and not _ended_by(latest, today):
            return Presence.ABROAD
    for m in past:
        if m.kind is MovementKind.TAM_VANG and not _ended_by(m, today):
            return Presence.AWAY
    return Presence.PRESENT


D = TypeVar("D", bound=Dated)


def _latest_whereabouts(history: Iterable[D], day: dt.date) -> D | None:
    """The latest by ``day`` of the person's moves, departures, arrivals and birth: where
    they live (moved out, abroad, back), or None."""
    whereabouts = [m for m in history if m.kind in WHEREABOUTS_KINDS and m.starts_on <= day]
    return max(whereabouts, key=lambda m: m.starts_on) if whereabouts else None


def _ended_by(movement: Dated, today: dt.date) -> bool:
    return movement.ended_on is not None and movement.ended_on <= today


def staying_now(movement: Movement, today: dt.date) -> bool:
    """A guest (lưu trú) or temporary resident (tạm trú) here on ``today``."""
    if movement.kind not in (MovementKind.LUU_TRU, MovementKind.TAM_TRU):
        return False
    if movement.starts_on > today or _ended_by(movement, today):
        return False
    return movement.until is None or movement.until >= today


def luu_tru_last_day(movement: Movement) -> dt.date:
    """The last day a lưu trú may last: its own end, else 29 days after it began."""
    return movement.until or movement.starts_on + dt.timedelta(days=LUU_TRU_MAX_DAYS)


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# How kinds, presences and reminders read in lists, reports and the terminal.
KIND_LABELS: dict[MovementKind, str] = {
    MovementKind.TAM_TRU: "Tạm trú",
    MovementKind.TAM_VANG: "Tạm vắng",
    MovementKind.LUU_TRU: "Lưu trú",
    MovementKind.DI_NUOC_NGOAI: "Đi nước ngoài",
    MovementKind.VE_TU_NUOC_NGOAI: "Về từ nước ngoài",
    MovementKind.CHUYEN_DEN: "Chuyển đến",
    MovementKind.CHUYEN_DI: "Chuyển đi",
    MovementKind.SINH: "Sinh",
    MovementKind.CHET: "Chết",
}
PRESENCE_LABELS: dict[Presence, str] = {
    Presence.PRESENT: "Có mặt",
    Presence.AWAY: "Tạm vắng",
    Presence.ABROAD: "Ở nước ngoài",
    Presence.MOVED_OUT: "Đã chuyển đi",
    Presence.DEAD: "Đã chết",
}
REMINDER_LABELS: dict[ReminderReason, str] = {
    ReminderReason.TAM_TRU_HET_HAN: "Tạm trú sắp hết hạn hoặc đã hết hạn",
    ReminderReason.TAM_VANG_QUA_12_THANG: "Tạm vắng từ 12 tháng trở lên",
    ReminderReason.LUU_TRU_QUA_HAN: "Lưu trú quá ngày đi",
    ReminderReason.KHACH_NUOC_NGOAI_CHUA_BAO: "Khách nước ngoài chưa khai báo lưu trú",
    ReminderReason.NHAP_CANH_KHONG_QUA_CUA_KHAU: (
        "Về qua đường mòn, lối mở, chưa bàn giao Đồn Biên phòng"
    ),
    ReminderReason.VANH_DAI_CHUA_BAO_BIEN_PHONG: (
        "Khách lưu trú vào vành đai biên giới, chưa thông báo Đồn Biên phòng"
    ),
    ReminderReason.THEO_DOI_SAU_NHAP_CANH: "Đang theo dõi sau khi về từ nước ngoài",
    ReminderReason.HO_KHONG_CON_AI_CU_TRU: (
        "Hộ không còn ai cư trú: xóa hộ hoặc cập nhật thành viên"
    ),
    ReminderReason.CHU_HO_KHONG_CON_CU_TRU: "Chủ hộ đã chết hoặc chuyển đi: chọn chủ hộ mới",
    ReminderReason.HO_CHUA_KY_CAM_KET: "Hộ chưa ký cam kết đợt đang thực hiện",
}
