"""Check-in of returned sheets: a scanned QR or typed code opens the household's pledge;
signatures and scanned pages are attached to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.entities import Household, Person
from desktop.domain.errors import KnownError
from desktop.domain.file_names import plain_file_name
from desktop.domain.pledges import (
    Attachment,
    AttachmentKind,
    Campaign,
    Pledge,
    PledgeStatus,
    check_attachment,
    looks_like_qr,
    parse_qr,
)
from desktop.domain.text import normalize_text
from desktop.services.ledger import gone
from desktop.services.pledges import (
    current_campaign,
    household_by_code,
    record_result,
    stored_or_new_pledge,
    witness_line,
)
from desktop.services.register import OpenRegister
from desktop.store import attachments as files
from desktop.store import households as repo
from desktop.store import pledges as store


@dataclass(frozen=True)
class CheckedIn:
    """What the check-in box opens: the household, its pledge (stored, or new and not
    printed), its members to choose the signer from, and the witnesses to prefill."""

    household: Household
    hamlet_name: str
    campaign: Campaign
    pledge: Pledge
    members: tuple[Person, ...]
    witnesses: str

    @property
    def head_name(self) -> str:
        heads = [p.full_name for p in self.members if p.id == self.household.head_id]
        return heads[0] if heads else ""


def check_in(reg: OpenRegister, scanned: str, campaign: Campaign | None = None) -> CheckedIn:
    """The household's pledge in the current campaign for what the scanner (or the clerk)
    typed. KnownError for an empty or malformed text, an unknown code, or a sheet of
    another commune or campaign. Nothing is written."""
    campaign = campaign or current_campaign(reg)
    text = normalize_text(scanned)
    if not text:
        raise KnownError("checkin.empty")
    if looks_like_qr(text):
        household = _household_of_payload(reg, text, campaign)
    else:
        household = household_by_code(reg, text)
    # One read of the household and of its hamlet (name and head) for the whole check-in.
    hamlet = reg.db.execute(
        "SELECT name, head_name FROM hamlet WHERE id = ?", [household.hamlet_id]
    ).fetchone()
    pledge = stored_or_new_pledge(reg, household.id, campaign)
    people = repo.members(reg.db, household.id)
    # The signer is chosen among living members (one who signed before keeps their name).
    left = gone(reg.db, [p.id for p in people], dt.date.today()) - {pledge.signer_id}
    return CheckedIn(
        household=household,
        hamlet_name=hamlet[0] if hamlet else "",
        campaign=campaign,
        pledge=pledge,
        members=tuple(p for p in people if p.id not in left),
        witnesses=witness_line(hamlet[1] if hamlet else "", reg.commune.border_officer),
    )


def _household_of_payload(reg: OpenRegister, text: str, campaign: Campaign) -> Household:
    payload = parse_qr(text)
    if payload.commune_code != reg.commune.code:
        raise KnownError("checkin.other_commune", code=payload.commune_code)
    if payload.campaign_id != campaign.id:
        known = {c.id: c.title for c in store.list_campaigns(reg.db)}
        if payload.campaign_id in known:
            raise KnownError(
                "checkin.other_campaign", title=known[payload.campaign_id], current=campaign.title
            )
        raise KnownError("checkin.unknown_campaign", current=campaign.title)
    try:
        return repo.get_household(reg.db, payload.household_id)
    except KnownError as exc:
        raise KnownError("checkin.unknown_household") from exc


def save_attachment(
    reg: OpenRegister, pledge: Pledge, kind: AttachmentKind, data: bytes, file_name: str = ""
) -> Attachment:
    """Attach a signature PNG or a scanned page (PNG, JPEG or PDF, told by its content) to
    the pledge, storing the pledge first when it is new. A new signature replaces the
    previous one (kept as a tombstone). Refused content changes nothing."""
    mime = check_attachment(kind, data, file_name)
    file_name = plain_file_name(file_name)  # a name, never a path or a device on any PC
    with reg.db.atomic():
        store.save_pledge(reg.writer, pledge)
        if kind is AttachmentKind.SIGNATURE:
            for old in files.attachments_of(reg.db, pledge.id):
                if old.kind is AttachmentKind.SIGNATURE:
                    reg.writer.tombstone("attachment", old.id)
        return files.add_attachment(reg.writer, pledge.id, kind, mime, data, file_name)


SIGNATURE_FILE_NAME = "chu-ky.png"


def record_with_signature(
    reg: OpenRegister,
    household_id: str,
    status: PledgeStatus,
    on: dt.date,
    signature: bytes | None,
    **details: Any,
) -> Pledge:
    """record_result and the signature drawn for it (a PNG, or None when none was drawn)
    in one transaction: a signature that cannot be stored leaves the result unrecorded."""
    with reg.db.atomic():
        saved = record_result(reg, household_id, status, on, **details)
        if signature is not None:
            save_attachment(reg, saved, AttachmentKind.SIGNATURE, signature, SIGNATURE_FILE_NAME)
    return saved


def attach_file(reg: OpenRegister, pledge: Pledge, kind: AttachmentKind, path: Path) -> Attachment:
    """save_attachment for a file on disk, read at most to the attachment limit."""
    return save_attachment(reg, pledge, kind, files.read_attachment_file(path), path.name)


def remove_attachment(reg: OpenRegister, attachment_id: str) -> None:
    """Take off an attachment added by mistake (kept as a tombstone, audited)."""
    reg.writer.tombstone("attachment", attachment_id)


def attachments(reg: OpenRegister, pledge_id: str) -> list[Attachment]:
    return files.attachments_of(reg.db, pledge_id)


def attachment_bytes(reg: OpenRegister, attachment_id: str) -> bytes:
    return files.attachment_bytes(reg.db, attachment_id)


def signature_png(reg: OpenRegister, pledge_id: str) -> bytes | None:
    """The pledge's current signature, for the pad's preview and the bản lưu."""
    return files.latest_signatures(reg.db, [pledge_id]).get(pledge_id)
