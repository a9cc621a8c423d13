"""Repositories for pledge templates, campaigns, pledges and their attachments; progress counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.domain.errors import KnownError
from desktop.domain.pledges import (
    Campaign,
    HamletProgress,
    Pledge,
    PledgeStatus,
    StoredTemplate,
)
from desktop.domain.text import normalize_text
from desktop.domain.unreadable import Reading, kept
from desktop.store.local import CURRENT_CAMPAIGN, set_setting
from desktop.store.sync import Writer

if TYPE_CHECKING:
    from sqlite_utils import Database


def _rows(db: Database, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# --- templates --------------------------------------------------------------------------


def template_from(row: dict[str, Any]) -> StoredTemplate:
    return StoredTemplate(
        template_id=row["template_id"],
        version=row["version"],
        title=row["title"],
        source=row["source"],
        based_on=row["based_on"],
        id=row["id"],
    )


def get_template(db: Database, template_id: str, version: int) -> StoredTemplate | None:
    rows = _rows(
        db,
        "SELECT * FROM pledge_template WHERE template_id = ? AND version = ? AND deleted = 0",
        [template_id, version],
    )
    return template_from(rows[0]) if rows else None


def list_templates(db: Database) -> list[StoredTemplate]:
    return [
        template_from(r)
        for r in _rows(
            db, "SELECT * FROM pledge_template WHERE deleted = 0 ORDER BY template_id, version"
        )
    ]


def add_template(writer: Writer, template: StoredTemplate) -> None:
    """A template version kept in the register; a bundled one (not a clerk's copy) is made
    alike on every PC."""
    writer.insert(
        "pledge_template",
        {
            "id": template.id,
            "template_id": template.template_id,
            "version": template.version,
            "title": normalize_text(template.title),
            "source": template.source,
            "based_on": template.based_on,
        },
        made_alike=not template.based_on,
    )


# --- campaigns ----------------------------------------------------------------------------


def campaign_from(row: dict[str, Any]) -> Campaign:
    """The campaign; a day CamKet cannot read is read as none (domain.unreadable)."""
    reading = Reading("campaign", row["id"])
    return reading.marked(
        Campaign(
            title=row["title"],
            template_id=row["template_id"],
            template_version=row["template_version"],
            starts_on=reading.value("starts_on", row["starts_on"], _date, None),
            ends_on=reading.value("ends_on", row["ends_on"], _date, None),
            target_percent=row["target_percent"],
            is_current=bool(row["is_current"]),
            id=row["id"],
        )
    )


def campaign_row(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.id,
        "title": normalize_text(campaign.title),
        "template_id": campaign.template_id,
        "template_version": campaign.template_version,
        "starts_on": kept(campaign, "starts_on", _iso(campaign.starts_on)),
        "ends_on": kept(campaign, "ends_on", _iso(campaign.ends_on)),
        "target_percent": campaign.target_percent,
    }


# Which campaign is current is this PC's choice (local_setting), never a synced column: two
# PCs may work on different campaigns without their bundles fighting over it.
_CAMPAIGNS = f"""SELECT c.*, c.id IS (SELECT value FROM local_setting WHERE key =
    '{CURRENT_CAMPAIGN}') AS is_current FROM campaign c WHERE c.deleted = 0"""


def current_campaign(db: Database) -> Campaign | None:
    rows = _rows(db, f"{_CAMPAIGNS} AND is_current")
    return campaign_from(rows[0]) if rows else None


def get_campaign(db: Database, campaign_id: str) -> Campaign:
    rows = _rows(db, f"{_CAMPAIGNS} AND c.id = ?", [campaign_id])
    if not rows:
        raise KnownError("campaign.missing", id=campaign_id)
    return campaign_from(rows[0])


def list_campaigns(db: Database) -> list[Campaign]:
    return [
        campaign_from(r) for r in _rows(db, f"{_CAMPAIGNS} ORDER BY is_current DESC, c.created_at")
    ]


def results_before(db: Database, campaign_id: str, day: dt.date) -> list[tuple[str, str]]:
    """(household code, day as stored) of the live households whose result in the
    campaign is dated before ``day``, earliest first."""
    rows = db.execute(
        """SELECT h.code, p.signed_on FROM pledge p
           JOIN household h ON h.id = p.household_id AND h.deleted = 0
           WHERE p.campaign_id = ? AND p.deleted = 0 AND p.signed_on < ?
           ORDER BY p.signed_on, h.sort_key""",
        [campaign_id, day.isoformat()],
    ).fetchall()
    return [(str(code), str(on)) for code, on in rows]


def campaign_known_since(db: Database, campaign_id: str) -> dt.date | None:
    """The day (this computer's) the campaign was set up in this register, as its audit's
    insert says (the first campaign's row is stamped alike on every PC, not with that day);
    None when the audit does not say (merged from another register: the merge audits the
    bundle; a later "use" is no set-up)."""
    row = db.execute(
        "SELECT min(at) FROM audit WHERE entity = 'campaign' AND entity_id = ?"
        " AND action = 'insert'",
        [campaign_id],
    ).fetchone()
    try:
        return dt.datetime.fromisoformat(row[0]).astimezone().date() if row and row[0] else None
    except (TypeError, ValueError):  # written by another program
        return None


def count_campaigns(db: Database) -> int:
    row = db.execute("SELECT count(*) FROM campaign").fetchone()
    return int(row[0])


def signed_per_campaign(db: Database) -> dict[str, int]:
    """Households (live ones) signed in each campaign, by campaign id."""
    rows = db.execute(
        """SELECT p.campaign_id, count(*) FROM pledge p
           JOIN household h ON h.id = p.household_id AND h.deleted = 0
           WHERE p.status = 'da_ky' AND p.deleted = 0
           GROUP BY p.campaign_id"""
    ).fetchall()
    return {campaign_id: int(count) for campaign_id, count in rows}


def count_live_households(db: Database) -> int:
    row = db.execute("SELECT count(*) FROM household WHERE deleted = 0").fetchone()
    return int(row[0])


def add_campaign(writer: Writer, campaign: Campaign, *, made_alike: bool = False) -> None:
    """A new campaign; a current one takes over from the campaign that was current."""
    with writer.db.atomic():
        writer.insert("campaign", campaign_row(campaign), made_alike=made_alike)
        if campaign.is_current:
            set_current_campaign(writer, campaign.id)


def set_current_campaign(writer: Writer, campaign_id: str) -> None:
    """This PC prints and counts progress for this campaign from now on (audited)."""
    with writer.db.atomic():
        before = current_campaign(writer.db)
        get_campaign(writer.db, campaign_id)
        set_setting(writer.db, CURRENT_CAMPAIGN, campaign_id)
        writer.note("campaign", campaign_id, "use", {"current": before.id if before else None})


# --- pledges ------------------------------------------------------------------------------


def pledge_from(row: dict[str, Any]) -> Pledge:
    """The pledge; a status CamKet cannot read is read as not printed, a day as none
    (domain.unreadable)."""
    reading = Reading("pledge", row["id"])
    return reading.marked(
        Pledge(
            household_id=row["household_id"],
            campaign_id=row["campaign_id"],
            template_version=row["template_version"],
            status=reading.value("status", row["status"], PledgeStatus, PledgeStatus.NOT_PRINTED),
            printed_at=row["printed_at"],
            signed_on=reading.value("signed_on", row["signed_on"], _date, None),
            signer_id=row["signer_id"],
            witnesses=row["witnesses"],
            reason=row["reason"],
            notes=row["notes"],
            id=row["id"],
        )
    )


def pledge_row(pledge: Pledge) -> dict[str, Any]:
    return {
        "id": pledge.id,
        "household_id": pledge.household_id,
        "campaign_id": pledge.campaign_id,
        "template_version": pledge.template_version,
        "status": kept(pledge, "status", str(pledge.status)),
        "printed_at": pledge.printed_at,
        "signed_on": kept(pledge, "signed_on", _iso(pledge.signed_on)),
        "signer_id": pledge.signer_id,
        "witnesses": normalize_text(pledge.witnesses),
        "reason": normalize_text(pledge.reason),
        "notes": normalize_text(pledge.notes),
    }


def pledge_of(
    db: Database, campaign_id: str, household_id: str, *, each_commune: bool = False
) -> Pledge | None:
    """The household's live pledge in the campaign (``each_commune``: in its own commune's
    campaign of that campaign's template, as an upper register counts it)."""
    if each_commune:
        rows = _rows(
            db,
            f"""SELECT p.* FROM household h JOIN pledge p ON {pledge_of_household(True, "?1")}
                WHERE h.id = ?2""",
            [campaign_id, household_id],
        )
    else:
        rows = _rows(
            db,
            "SELECT * FROM pledge WHERE household_id = ? AND campaign_id = ? AND deleted = 0",
            [household_id, campaign_id],
        )
    return pledge_from(rows[0]) if rows else None


def get_pledge(db: Database, pledge_id: str) -> Pledge:
    rows = _rows(db, "SELECT * FROM pledge WHERE id = ? AND deleted = 0", [pledge_id])
    if not rows:
        raise KnownError("pledge.missing", id=pledge_id)
    return pledge_from(rows[0])


def save_pledge(writer: Writer, pledge: Pledge) -> bool:
    """Insert a new pledge or apply its changes; False when nothing changed."""
    row = pledge_row(pledge)
    with writer.db.atomic():
        if writer.db.execute("SELECT 1 FROM pledge WHERE id = ?", [pledge.id]).fetchone():
            return writer.update("pledge", pledge.id, row)
        writer.insert("pledge", row)
    return True


# --- progress -----------------------------------------------------------------------------


def pledge_of_household(each_commune: bool = False, campaign: str = "?1") -> str:
    """SQL condition: ``p`` is household ``h``'s live pledge in the campaign bound as
    ``campaign``. With ``each_commune`` (an upper-level register, where every commune
    started its own campaign of a movement: a first campaign's id is made from its commune's
    code) the pledge is in the household's own campaign of that campaign's template: that
    campaign's if it has one there, else the one that started last."""
    if not each_commune:
        return f"p.household_id = h.id AND p.campaign_id = {campaign} AND p.deleted = 0"
    return f"""p.id = (SELECT q.id FROM pledge q JOIN campaign k ON k.id = q.campaign_id
        WHERE q.household_id = h.id AND q.deleted = 0 AND k.deleted = 0
          AND k.template_id = (SELECT template_id FROM campaign WHERE id = {campaign})
        ORDER BY q.campaign_id = {campaign} DESC, coalesce(k.starts_on, '') DESC, k.id
        LIMIT 1)"""


# One pass over the live households, each looked up in the pledge index: a household with
# no pledge row yet counts as not printed.
_PROGRESS = """
SELECT m.id, m.name,
       count(h.id),
       coalesce(sum(p.status = 'da_ky'), 0),
       coalesce(sum(p.status = 'tu_choi'), 0),
       coalesce(sum(p.status = 'vang_mat'), 0),
       coalesce(sum(p.status = 'da_in'), 0),
       count(h.id) - count(p.id) + coalesce(sum(p.status = 'chua_in'), 0)
FROM hamlet m
LEFT JOIN household h ON h.hamlet_id = m.id AND h.deleted = 0
LEFT JOIN pledge p ON {pledge}
WHERE m.deleted = 0
GROUP BY m.id
ORDER BY m.sort_key
"""
PROGRESS_SQL = _PROGRESS.format(pledge=pledge_of_household())


def progress_by_hamlet(
    db: Database, campaign: Campaign, *, each_commune: bool = False
) -> list[HamletProgress]:
    """Counts per hamlet toward the campaign's target (``each_commune``: see
    pledge_of_household)."""
    sql = _PROGRESS.format(pledge=pledge_of_household(each_commune))
    return [
        HamletProgress(
            hamlet_id=hid,
            hamlet_name=name,
            households=households,
            signed=signed,
            refused=refused,
            absent=absent,
            printed=printed,
            not_printed=not_printed,
            target_percent=campaign.target_percent,
        )
        for hid, name, households, signed, refused, absent, printed, not_printed in db.execute(
            sql, [campaign.id]
        ).fetchall()
    ]


@dataclass(frozen=True)
class UnsignedHousehold:
    """A household of a hamlet that has not signed (yet): what a hamlet head's list shows."""

    household_id: str
    code: str
    head_name: str
    address: str
    status: PledgeStatus
    reason: str
    hamlet_id: str = ""
    commune_code: str = ""


def unsigned_households(
    db: Database, campaign_id: str, hamlet_id: str | None = None, *, each_commune: bool = False
) -> list[UnsignedHousehold]:
    """Households (of one hamlet, or all) whose pledge is not signed, in register order
    (``each_commune``: see pledge_of_household, as progress_by_hamlet counts them)."""
    where = "AND h.hamlet_id = ?2" if hamlet_id else ""
    params = [campaign_id, hamlet_id] if hamlet_id else [campaign_id]
    rows = db.execute(
        f"""SELECT h.id, h.code, coalesce(hp.full_name, ''), h.address,
                   coalesce(p.status, 'chua_in'), coalesce(p.reason, ''), h.hamlet_id,
                   h.commune_code
            FROM household h
            JOIN hamlet m ON m.id = h.hamlet_id
            LEFT JOIN person hp ON hp.id = h.head_id
            LEFT JOIN pledge p ON {pledge_of_household(each_commune, "?1")}
            WHERE h.deleted = 0 AND coalesce(p.status, 'chua_in') != 'da_ky' {where}
            ORDER BY m.sort_key, h.sort_key""",
        params,
    ).fetchall()
    return [
        UnsignedHousehold(hid, code, head, address, PledgeStatus(status), reason, hamlet, commune)
        for hid, code, head, address, status, reason, hamlet, commune in rows
    ]
