"""The communes a register holds side by side (an upper level's view) and a bundle's file name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from desktop.domain.entities import Commune
from desktop.domain.text import fold_for_search
from desktop.store.admin_units import find_commune
from desktop.store.places import hamlet_labels
from desktop.store.presence import gone_sql


@dataclass(frozen=True)
class CampaignShare:
    """How many of a commune's households signed the pledge of one campaign."""

    title: str
    signed: int
    households: int

    @property
    def percent(self) -> float:
        return 100.0 * self.signed / self.households if self.households else 0.0


@dataclass(frozen=True)
class CommuneSummary:
    code: str
    name: str
    last_received: str  # UTC ISO time of the last bundle received with it; "" when none
    households: int
    people: int
    campaigns: tuple[CampaignShare, ...]  # the campaigns its households have pledges in


def commune_summaries(db: Database) -> list[CommuneSummary]:
    """Every commune of the register, by code: its last bundle received, its live households
    and living people (not dead or moved out), and the share of households that signed in
    each of its campaigns."""
    households = dict(
        db.execute(
            "SELECT commune_code, count(*) FROM household WHERE deleted = 0 GROUP BY commune_code"
        ).fetchall()
    )
    people = dict(
        db.execute(
            f"""SELECT h.commune_code, count(*) FROM person p JOIN household h
               ON h.id = p.household_id WHERE p.deleted = 0 AND h.deleted = 0
               AND NOT {gone_sql("p.id", dt.date.today())}
               GROUP BY h.commune_code"""
        ).fetchall()
    )
    shares: dict[str, list[tuple[str, int]]] = {}
    for code, title, signed in db.execute(
        """SELECT h.commune_code, c.title, sum(p.status = 'da_ky') FROM pledge p
           JOIN household h ON h.id = p.household_id JOIN campaign c ON c.id = p.campaign_id
           WHERE p.deleted = 0 AND h.deleted = 0 AND c.deleted = 0
           GROUP BY h.commune_code, c.id ORDER BY h.commune_code, c.starts_on, c.title"""
    ).fetchall():
        shares.setdefault(code, []).append((title, int(signed or 0)))
    received = _last_received(db)
    return [
        CommuneSummary(
            code,
            name,
            received.get(code, ""),
            households.get(code, 0),
            people.get(code, 0),
            tuple(
                CampaignShare(title, signed, households.get(code, 0))
                for title, signed in shares.get(code, [])
            ),
        )
        for code, name in db.execute(
            "SELECT code, name FROM commune WHERE deleted = 0 ORDER BY code"
        ).fetchall()
    ]


def _last_received(db: Database) -> dict[str, str]:
    last: dict[str, str] = {}
    for codes, at in db.execute(
        "SELECT commune_codes, max(at) FROM bundle_log WHERE direction = 'received'"
        " GROUP BY commune_codes"
    ).fetchall():
        for code in str(codes).split():
            last[code] = max(last.get(code, ""), at)
    return last


def hamlet_choices(db: Database) -> list[tuple[str, str]]:
    """(id, label) of every live hamlet, in list order (desktop.store.places.hamlet_labels:
    labelled with its commune, 'Thôn 2 (Sìn Hồ)', when the register holds several)."""
    return list(hamlet_labels(db).items())


_KIND_WORDS = ("xa ", "phuong ", "dac khu ", "thi tran ")


def bundle_file_name(commune: Commune, day: dt.date) -> str:
    """'sin-ho-2026-12-05.camket': the commune's short name without diacritics (an upper
    register's own name) and the day."""
    unit = find_commune(commune.code) if commune.code else None
    words = fold_for_search(unit.short_name if unit else commune.name)
    for kind in _KIND_WORDS:
        if words.startswith(kind):
            words = words[len(kind) :]
    stem = "-".join(words.split()) or "camket"
    return f"{stem}-{day.isoformat()}.camket"
