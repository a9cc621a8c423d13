"""What the ledger says is due on a day (`camket reminders`, Tổng quan): one SQL query per
reason, most urgent first; nothing about someone dead or moved out, but the households
where nobody lives any more and those whose head is gone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.movements import (
    LUU_TRU_MAX_DAYS,
    TAM_TRU_RENEWAL_DAYS,
    TAM_VANG_FLAG_MONTHS,
    MovementKind,
    ReminderReason,
    add_months,
)
from desktop.store.presence import gone_ids_sql

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Reminder:
    """Something due about one movement (or one household), as `camket reminders` lists it."""

    reason: ReminderReason
    due: dt.date
    movement_id: str | None
    person_id: str | None
    full_name: str
    household_code: str
    household_id: str | None = None  # what opens a reminder about a household
    commune_code: str = ""  # the household's commune (its code is the commune's own)
    commune_name: str = ""  # "Sìn Hồ" where a register holds several communes, else ""

    @property
    def household_label(self) -> str:
        """The household's code, with its commune where several sit side by side (an
        upper register: two communes each have their NT-001)."""
        if self.commune_name and self.household_code:
            return f"{self.household_code} ({self.commune_name})"
        return self.household_code


_REMINDER_SQL = """
    SELECT m.id, m.person_id, coalesce(p.full_name, m.guest_name), h.code, m.starts_on, m.until,
        h.commune_code
    FROM movement m
    JOIN household h ON h.id = m.household_id AND h.deleted = 0
    LEFT JOIN person p ON p.id = m.person_id
    WHERE m.deleted = 0 AND m.kind = :kind AND {condition}
      AND (m.person_id IS NULL OR (p.deleted = 0 AND m.person_id NOT IN ({gone})))"""
# Nothing is due about someone dead or moved out on the day asked about. The gone as one
# list, not a correlated NOT EXISTS: SQLite searched that one through the kind index, every
# death once per candidate row (10.4 s against 0.19 s over a district's 54,000 movements).
_GONE_TODAY = gone_ids_sql(":today")

# reason, kind, condition; most urgent first (the order reminders are listed in)
_REMINDERS: tuple[tuple[ReminderReason, MovementKind, str], ...] = (
    (
        ReminderReason.NHAP_CANH_KHONG_QUA_CUA_KHAU,
        MovementKind.VE_TU_NUOC_NGOAI,
        "m.via_trail = 1 AND m.handed_over_on IS NULL AND m.starts_on <= :today",
    ),
    (
        ReminderReason.VANH_DAI_CHUA_BAO_BIEN_PHONG,
        MovementKind.LUU_TRU,
        """m.border_belt = 1 AND m.ended_on IS NULL AND m.handed_over_on IS NULL
           AND m.starts_on <= :today""",
    ),
    (
        ReminderReason.KHACH_NUOC_NGOAI_CHUA_BAO,
        MovementKind.LUU_TRU,
        """m.ended_on IS NULL AND m.reported_on IS NULL AND m.person_id IS NULL
           AND m.guest_nationality NOT IN ('', 'Việt Nam') AND m.starts_on <= :today""",
    ),
    (
        ReminderReason.LUU_TRU_QUA_HAN,
        MovementKind.LUU_TRU,
        "m.ended_on IS NULL AND coalesce(m.until, date(m.starts_on, :luu_tru_days)) < :today",
    ),
    (
        ReminderReason.TAM_TRU_HET_HAN,
        MovementKind.TAM_TRU,
        "m.ended_on IS NULL AND m.until <= :renewal_from",
    ),
    (
        ReminderReason.THEO_DOI_SAU_NHAP_CANH,
        MovementKind.VE_TU_NUOC_NGOAI,
        "m.ended_on IS NULL AND m.until >= :today AND m.starts_on <= :today",
    ),
    (
        ReminderReason.TAM_VANG_QUA_12_THANG,
        MovementKind.TAM_VANG,
        "m.ended_on IS NULL AND m.starts_on <= :year_ago",
    ),
)


def reminder_params(today: dt.date) -> dict[str, str]:
    return {
        "today": today.isoformat(),
        "renewal_from": (today + dt.timedelta(days=TAM_TRU_RENEWAL_DAYS)).isoformat(),
        "year_ago": add_months(today, -TAM_VANG_FLAG_MONTHS).isoformat(),
        "luu_tru_days": f"+{LUU_TRU_MAX_DAYS} days",
    }


def reminder_queries() -> list[tuple[ReminderReason, str, MovementKind]]:
    """Each reason's SQL (named parameters of reminder_params plus :kind)."""
    return [
        (reason, _REMINDER_SQL.format(condition=condition, gone=_GONE_TODAY), kind)
        for reason, kind, condition in _REMINDERS
    ]


def movement_reminders(db: Database, today: dt.date) -> list[Reminder]:
    """What the ledger says is due on ``today``: by reason, most urgent first, then by due."""
    params = reminder_params(today)
    found: list[Reminder] = []
    for reason, sql, kind in reminder_queries():
        for mid, pid, name, code, starts, until, commune in db.execute(
            sql, {**params, "kind": kind.value}
        ).fetchall():
            due = _due(reason, starts, until)
            found.append(Reminder(reason, due, mid, pid, name, code, commune_code=commune))
    rank = {reason: i for i, (reason, _, _) in enumerate(_REMINDERS)}
    found.sort(key=lambda r: (rank[r.reason], r.due, r.household_code, r.full_name))
    return found


def _due(reason: ReminderReason, starts: str, until: str | None) -> dt.date:
    start = dt.date.fromisoformat(starts)
    if reason is ReminderReason.TAM_VANG_QUA_12_THANG:
        return add_months(start, TAM_VANG_FLAG_MONTHS)
    if reason is ReminderReason.LUU_TRU_QUA_HAN and until is None:
        return start + dt.timedelta(days=LUU_TRU_MAX_DAYS)
    if reason in (
        ReminderReason.TAM_TRU_HET_HAN,
        ReminderReason.THEO_DOI_SAU_NHAP_CANH,
        ReminderReason.LUU_TRU_QUA_HAN,
    ):
        return dt.date.fromisoformat(until) if until else start
    return start


# Live households with members, every one of them dead or moved out: among the households
# of the gone (a few thousand at a district's size), those whose members all are. The gone
# read once (MATERIALIZED): an anti-join per household through them took seconds; the day
# the last one went read from each household's members (CROSS JOIN keeps that order: from
# the movements of that kind, it took 48 s at 50,000 households).
_NOBODY_LIVES_SQL = f"""
    WITH gone(person_id) AS MATERIALIZED ({_GONE_TODAY}),
    nobody(household_id) AS (
        SELECT p.household_id FROM person p
        WHERE p.deleted = 0 AND p.household_id IN (
            SELECT q.household_id FROM person q WHERE q.id IN (SELECT person_id FROM gone))
        GROUP BY p.household_id
        HAVING count(*) = sum(p.id IN (SELECT person_id FROM gone)))
    SELECT h.id, h.code, coalesce(hp.full_name, ''), h.commune_code,
        (SELECT max(m.starts_on) FROM person q CROSS JOIN movement m ON m.person_id = q.id
         WHERE q.household_id = h.id AND m.deleted = 0 AND m.kind IN ('chet', 'chuyen_di')
           AND m.starts_on <= :today)
    FROM nobody n JOIN household h ON h.id = n.household_id
    LEFT JOIN person hp ON hp.id = h.head_id
    WHERE h.deleted = 0
    ORDER BY h.code"""


def nobody_lives_query() -> str:
    """The SQL of the households where nobody lives any more (named parameter :today)."""
    return _NOBODY_LIVES_SQL


def nobody_lives_reminders(db: Database, today: dt.date) -> list[Reminder]:
    """A reminder per live household whose members all died or moved out by ``today``: it
    counts as not signed in every campaign (the counts stay what they are), so the clerk
    deletes it or updates its members. Due the day its last member went."""
    return _household_reminders(db, ReminderReason.HO_KHONG_CON_AI_CU_TRU, _NOBODY_LIVES_SQL, today)


def _household_reminders(
    db: Database, reason: ReminderReason, sql: str, today: dt.date
) -> list[Reminder]:
    """A reminder of ``reason`` per household ``sql`` finds on ``today`` (its rows: id,
    code, the name shown, commune, the day it became due)."""
    return [
        Reminder(reason, dt.date.fromisoformat(went), None, None, name, code, household_id, commune)
        for household_id, code, name, commune, went in db.execute(
            sql, {"today": today.isoformat()}
        ).fetchall()
    ]


# Live households whose head died or moved out while someone still lives there: the sheet
# would print "Họ và tên chủ hộ: ……" and the household be known by nobody's name. The
# household where nobody lives any more has its own reminder (above), not this one too.
_HEAD_GONE_SQL = f"""
    WITH gone(person_id) AS MATERIALIZED ({_GONE_TODAY})
    SELECT h.id, h.code, hp.full_name, h.commune_code,
        (SELECT max(m.starts_on) FROM movement m
         WHERE m.person_id = h.head_id AND m.deleted = 0 AND m.kind IN ('chet', 'chuyen_di')
           AND m.starts_on <= :today)
    FROM household h JOIN person hp ON hp.id = h.head_id AND hp.deleted = 0
    WHERE h.deleted = 0 AND h.head_id IN (SELECT person_id FROM gone)
      AND EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id AND p.deleted = 0
                  AND p.id NOT IN (SELECT person_id FROM gone))
    ORDER BY h.code"""


def head_gone_query() -> str:
    """The SQL of the households whose head is gone (named parameter :today)."""
    return _HEAD_GONE_SQL


def head_gone_reminders(db: Database, today: dt.date) -> list[Reminder]:
    """A reminder per live household whose head died or moved out by ``today`` while others
    still live there: the clerk chooses a new head (the household editor). Due the day the
    head went; it names the head who went."""
    return _household_reminders(db, ReminderReason.CHU_HO_KHONG_CON_CU_TRU, _HEAD_GONE_SQL, today)
