"""Pledge use cases: the current campaign, a household's pledge, recording what came back."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from desktop.domain.entities import Household, Person
from desktop.domain.errors import KnownError
from desktop.domain.pledges import Campaign, Pledge, PledgeStatus, check_result
from desktop.domain.text import fold_for_search, normalize_text
from desktop.domain.text_bounds import PLEDGE_TEXT, refuse_long_text
from desktop.services.ledger import gone
from desktop.services.register import OpenRegister
from desktop.store import households as repo
from desktop.store import pledges as store

WITNESS_SEPARATOR = "; "


def current_campaign(reg: OpenRegister) -> Campaign:
    """The campaign sheets are printed and counted for (KnownError when none is current)."""
    campaign = store.current_campaign(reg.db)
    if campaign is None:
        raise KnownError("campaign.none")
    return campaign


def campaign_or_current(reg: OpenRegister, campaign_id: str | None) -> Campaign:
    return store.get_campaign(reg.db, campaign_id) if campaign_id else current_campaign(reg)


def household_by_code(reg: OpenRegister, code: str) -> Household:
    """The live household with this code; a code typed in lower case ("nt-0012") finds
    the upper-case one."""
    household = repo.the_household_coded(reg.db, code) or repo.the_household_coded(
        reg.db, code.upper()
    )
    if household is None:
        raise KnownError("household.unknown_code", code=normalize_text(code))
    return household


def pledge_for(reg: OpenRegister, household_id: str, campaign: Campaign | None = None) -> Pledge:
    """The household's pledge in the campaign (default: current); a new, unsaved one
    (not printed) when none is stored yet."""
    campaign = campaign or current_campaign(reg)
    repo.get_household(reg.db, household_id)
    return stored_or_new_pledge(reg, household_id, campaign)


def stored_or_new_pledge(reg: OpenRegister, household_id: str, campaign: Campaign) -> Pledge:
    """pledge_for for a household already read: its stored pledge, or a new, unsaved one."""
    stored = store.pledge_of(reg.db, campaign.id, household_id)
    if stored is not None:
        return stored
    return Pledge(household_id, campaign.id, campaign.template_version)


def default_witnesses(reg: OpenRegister, household_id: str) -> str:
    """'hamlet head; Border Guard officer' of the household, as far as the register knows."""
    household = repo.get_household(reg.db, household_id)
    row = reg.db.execute(
        "SELECT head_name FROM hamlet WHERE id = ?", [household.hamlet_id]
    ).fetchone()
    return witness_line(row[0] if row else "", reg.commune.border_officer)


def witness_line(hamlet_head: str, border_officer: str) -> str:
    """'hamlet head; Border Guard officer', leaving out whichever is not known."""
    return WITNESS_SEPARATOR.join(n for n in (hamlet_head, border_officer) if n)


def signer_named(reg: OpenRegister, household_id: str, name: str) -> Person:
    """The member whose name is typed (diacritics and case ignored); KnownError otherwise."""
    wanted = fold_for_search(name)
    members = repo.members(reg.db, household_id)
    found = [p for p in members if fold_for_search(p.full_name) == wanted]
    if len(found) != 1:
        raise KnownError("pledge.signer_unknown", name=normalize_text(name))
    return found[0]


def record_result(
    reg: OpenRegister,
    household_id: str,
    status: PledgeStatus,
    on: dt.date,
    *,
    signer_id: str | None = None,
    witnesses: str | None = None,
    reason: str = "",
    notes: str | None = None,
    campaign: Campaign | None = None,
    today: dt.date | None = None,
) -> Pledge:
    """Record a returned sheet or a visit: signed (by a member; default the household head),
    refused or absent (with a reason). Witnesses default to the hamlet head and the Border
    Guard officer. Nothing is written when the result does not hold together."""
    campaign = campaign or current_campaign(reg)
    household = repo.get_household(reg.db, household_id)
    # Only a signed sheet has a signer; the head signs unless another member is named.
    signer_id = (signer_id or household.head_id) if status is PledgeStatus.SIGNED else None
    members = {p.id: p.full_name for p in repo.members(reg.db, household_id)}
    if signer_id is not None and signer_id in gone(reg.db, members, on):
        # Dead or moved out on that day (the residency ledger): not a living member to sign.
        raise KnownError("pledge.signer_gone", name=members[signer_id])
    check_result(
        status,
        on,
        today or dt.date.today(),
        signer_id=signer_id,
        member_ids=list(members),
        reason=reason,
        starts_on=campaign.starts_on,
        campaign_id=campaign.id,
    )
    with reg.db.atomic():
        pledge = pledge_for(reg, household_id, campaign)
        updated = replace(
            pledge,
            status=status,
            signed_on=on,
            signer_id=signer_id,
            witnesses=default_witnesses(reg, household_id) if witnesses is None else witnesses,
            reason=reason if status is not PledgeStatus.SIGNED else "",
            notes=pledge.notes if notes is None else notes,
        )
        refuse_long_text(PLEDGE_TEXT, {c: getattr(updated, c) for c in PLEDGE_TEXT})
        store.save_pledge(reg.writer, updated)
    return store.get_pledge(reg.db, updated.id)


def clear_result(
    reg: OpenRegister, household_id: str, campaign: Campaign | None = None
) -> Pledge | None:
    """Undo a result recorded by mistake: the pledge goes back to printed (or not printed
    when it never was), without date, signer or reason. None when nothing was recorded."""
    campaign = campaign or current_campaign(reg)
    stored = store.pledge_of(reg.db, campaign.id, household_id)
    if stored is None:
        return None
    back = PledgeStatus.PRINTED if stored.printed_at else PledgeStatus.NOT_PRINTED
    cleared = replace(stored, status=back, signed_on=None, signer_id=None, reason="")
    store.save_pledge(reg.writer, cleared)
    return store.get_pledge(reg.db, stored.id)


def members_of(reg: OpenRegister, household_id: str) -> list[Person]:
    """The household's members in order (the signer is chosen among them)."""
    return repo.members(reg.db, household_id)
