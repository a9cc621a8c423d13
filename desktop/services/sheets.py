"""Sheets to print, filled from the register, and marking them printed once drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from desktop.domain.entities import Hamlet
from desktop.domain.errors import KnownError
from desktop.domain.pledges import (
    Campaign,
    PledgeSheet,
    PledgeStatus,
    QrPayload,
    StoredTemplate,
    place_name,
)
from desktop.domain.pledges import blank_sheet as blank_pledge_sheet
from desktop.domain.text import fold_for_search, normalize_text, text_sort_key, without_kind_word
from desktop.domain.unreadable import carried, unreadable
from desktop.services.ledger import gone
from desktop.services.pledges import current_campaign, pledge_for
from desktop.services.register import OpenRegister
from desktop.store import attachments as files
from desktop.store import households as repo
from desktop.store import pledges as store
from desktop.store import sheets as bulk
from desktop.store.places import commune_hamlet_labels


def hamlet_named(reg: OpenRegister, name: str) -> Hamlet:
    """The hamlet with this name, diacritics and case ignored, the kind word ("Bản", "Thôn"…)
    optional as on imported lists; KnownError when none, or several, match."""
    wanted = fold_for_search(name)
    hamlets = repo.list_hamlets(reg.db)
    # In a register of several communes (an upper level's) a hamlet reads with its commune,
    # "Thôn 1 (Sìn Hồ)", as its lists show it: named so, two communes' "Thôn 1" are told apart.
    labels = commune_hamlet_labels(reg.db)
    found = [h for h in hamlets if wanted in (fold_for_search(h.name), _label(labels, h))]
    if not found and without_kind_word(wanted) == wanted:
        found = [h for h in hamlets if without_kind_word(fold_for_search(h.name)) == wanted]
    if len(found) > 1:
        shown = (labels.get(h.id, h.name) for h in found)
        names = ", ".join(sorted(shown, key=text_sort_key))
        raise KnownError("hamlet.ambiguous", name=normalize_text(name), names=names)
    if not found:
        raise KnownError("hamlet.unknown", name=normalize_text(name))
    return found[0]


def _label(labels: dict[str, str], hamlet: Hamlet) -> str | None:
    label = labels.get(hamlet.id)
    return fold_for_search(label) if label else None


def campaign_template(reg: OpenRegister, campaign: Campaign) -> StoredTemplate:
    """The template text the campaign's sheets are printed with (kept in the register)."""
    kept = store.get_template(reg.db, campaign.template_id, campaign.template_version)
    if kept is None:
        raise KnownError(
            "campaign.template_missing", id=campaign.template_id, version=campaign.template_version
        )
    return kept


def blank_sheet(reg: OpenRegister, hamlet: Hamlet | None = None) -> PledgeSheet:
    """A sheet with the commune (and hamlet) filled in, for a walk-in household."""
    commune = reg.commune
    return blank_pledge_sheet(
        province_name=commune.province_name,
        commune_name=commune.name,
        place_name=place_name(commune.name),
        hamlet_name=hamlet.name if hamlet else "",
        hamlet_head=hamlet.head_name if hamlet else "",
        border_post=commune.border_post,
        border_officer=commune.border_officer,
    )


def sheets_for(
    reg: OpenRegister,
    hamlet_id: str | None = None,
    *,
    unsigned_only: bool = False,
    campaign: Campaign | None = None,
    household_id: str | None = None,
    today: dt.date | None = None,
) -> list[PledgeSheet]:
    """One pre-filled sheet per live household (of a hamlet, or of the commune, or just
    ``household_id``), in register order: its living members in order (not those dead or
    moved out by ``today``, nor such a head), relatives abroad, the QR payload; a signed
    pledge's sheet (the "bản lưu") carries its date, signer and captured signature."""
    campaign = campaign or current_campaign(reg)
    households = bulk.sheet_households(reg.db, campaign.id, hamlet_id, unsigned_only, household_id)
    ids = [h.household_id for h in households]
    everyone = bulk.members_by_household(reg.db, ids)
    people = [r.person_id for rows in everyone.values() for r in rows]
    left = gone(reg.db, people, today or dt.date.today())
    members = {h: [r for r in rows if r.person_id not in left] for h, rows in everyone.items()}
    relatives = bulk.relatives_by_household(reg.db, ids)
    signatures = files.latest_signatures(reg.db, [h.pledge_id for h in households if h.pledge_id])
    base = blank_sheet(reg)
    sheets = []
    for h in households:
        rows = members.get(h.household_id, [])
        head = next((r.member for r in rows if r.person_id == h.head_id), None)
        signed = h.status is PledgeStatus.SIGNED
        signer = next(
            (
                r.member.full_name
                for r in everyone.get(h.household_id, [])
                if r.person_id == h.signer_id
            ),
            "",
        )
        sheets.append(
            replace(
                base,
                hamlet_name=h.hamlet_name,
                hamlet_head=h.hamlet_head,
                household_code=h.code,
                head_name=head.full_name if head else "",
                head_birth=head.birth if head else "",
                head_id_number=head.id_number if head else "",
                address=h.address,
                members=tuple(r.member for r in rows),
                relatives=tuple(relatives.get(h.household_id, [])),
                qr_payload=QrPayload(reg.commune.code, campaign.id, h.household_id).text(),
                signed_on=dt.date.fromisoformat(h.signed_on) if signed and h.signed_on else None,
                signer_name=signer if signed else "",
                signature_png=signatures.get(h.pledge_id or "") if signed else None,
                household_id=h.household_id,
            )
        )
    return sheets


def mark_printed(
    reg: OpenRegister,
    household_ids: Iterable[str],
    *,
    campaign: Campaign | None = None,
    printed_at: str | None = None,
) -> int:
    """Record that these households' sheets were printed (now, or at ``printed_at``, UTC
    ISO-8601): not printed → printed; a refusal or absence keeps its status (a new sheet
    went out to them); a signed pledge is left as it is: its sheet is the bản lưu of what
    came back, and a new print date would fall after the signing (and travel to every PC as
    a change). One transaction; the number of pledges now printed and awaited (a signed
    household's sheet is not one: "1 hộ được ghi là đã in" would belie its "Đã ký")."""
    campaign = campaign or current_campaign(reg)
    at = printed_at or reg.writer.clock()
    count = 0
    with reg.db.atomic():
        for household_id in household_ids:
            pledge = pledge_for(reg, household_id, campaign)
            if pledge.status is PledgeStatus.SIGNED:
                continue
            status = (
                PledgeStatus.PRINTED if pledge.status is PledgeStatus.NOT_PRINTED else pledge.status
            )
            marked = replace(pledge, status=status, printed_at=at)
            # A day CamKet could not read stays as stored (domain.unreadable).
            store.save_pledge(reg.writer, carried(pledge, marked, unreadable(pledge)))
            if status is PledgeStatus.PRINTED:
                count += 1
    return count
