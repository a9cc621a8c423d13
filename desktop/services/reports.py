"""The commune's printed reports: progress toward the target and unsigned lists per hamlet."""

from __future__ import annotations

import datetime as dt

from desktop.domain.entities import Hamlet
from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.pledges import Campaign, place_name
from desktop.domain.reports import HamletUnsigned, ReportHeading
from desktop.printing.document import Output, RenderResult
from desktop.printing.reports import render_progress_report, render_unsigned_list
from desktop.services.pledges import current_campaign
from desktop.services.progress import progress, unsigned_households
from desktop.services.register import OpenRegister
from desktop.services.report_settings import load_report_settings
from desktop.store import households as repo


def report_heading(
    reg: OpenRegister, campaign: Campaign | None, as_of: dt.date | None = None
) -> ReportHeading:
    """Who reports, on which campaign (none for the ledger's reports), as of when, and the
    Decree 30 frame of Settings. An upper-level register is no commune's People's
    Committee: KnownError (its figures go up as the upload spreadsheet, per commune)."""
    if not reg.writer.edits_communes:
        raise KnownError("report.upper_register")
    commune = reg.commune
    upward = load_report_settings(reg.db, commune)
    return ReportHeading(
        commune_name=commune.name,
        province_name=commune.province_name,
        campaign_title=campaign.title if campaign else "",
        as_of=as_of or dt.date.today(),
        place_name=place_name(commune.name),
        clerk_name=commune.clerk_name,
        recipient=upward.recipient,
        copies_to=upward.copies_to,
        signer_title=upward.signer_title,
        signer_name=upward.signer_name,
    )


def print_progress_report(
    reg: OpenRegister,
    out: Output,
    *,
    campaign: Campaign | None = None,
    as_of: dt.date | None = None,
) -> RenderResult:
    """The progress report (PDF): per hamlet toward the target, the commune's total."""
    campaign = campaign or current_campaign(reg)
    rows = progress(reg, campaign)
    return render_progress_report(rows, report_heading(reg, campaign, as_of), out)


def print_unsigned_lists(
    reg: OpenRegister,
    out: Output,
    *,
    campaign: Campaign | None = None,
    hamlet: Hamlet | None = None,
    as_of: dt.date | None = None,
    progress_to: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RenderResult:
    """For hamlet heads: one list per hamlet (or just ``hamlet``) of the households that have
    not signed; hamlets where every household signed are left out."""
    campaign = campaign or current_campaign(reg)
    hamlets = [hamlet] if hamlet else repo.list_hamlets(reg.db)
    lists = []
    for h in hamlets:
        households = unsigned_households(reg, h.id, campaign)
        if households:
            lists.append(HamletUnsigned(h.name, h.head_name, households))
    return render_unsigned_list(
        lists, report_heading(reg, campaign, as_of), out, progress_to, cancelled
    )
