"""Printing pledges as use cases: pick the sheets, draw them with the campaign's template,
mark them printed; a blank sheet for walk-ins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.bundled import form_path
from desktop.domain.entities import Hamlet
from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress
from desktop.domain.pledges import Campaign, PledgeSheet
from desktop.domain.templates import PledgeTemplate, load_template
from desktop.printing.document import Output
from desktop.printing.sheet import render_pledges
from desktop.services.campaigns import as_printed
from desktop.services.pledges import campaign_or_current, current_campaign
from desktop.services.register import OpenRegister
from desktop.services.sheets import blank_sheet, campaign_template, mark_printed, sheets_for
from desktop.store import households as repo


@dataclass(frozen=True)
class PrintOutcome:
    """What a print run made: households drawn, sheets (with copies), pages, marked printed."""

    households: int = 0
    sheets: int = 0
    pages: int = 0
    marked: int = 0
    cancelled: bool = False
    household_ids: tuple[str, ...] = ()  # the households drawn, in order
    nobody_lives: int = 0  # households left out: every member dead or moved out


def campaign_pledge_template(reg: OpenRegister, campaign: Campaign) -> PledgeTemplate:
    """The campaign's template, parsed from the copy kept in the register (or, for a copy
    kept before its text was bundled, from the bundled file of the same id and version)."""
    kept = campaign_template(reg, campaign)
    if kept.source:
        return as_printed(kept)
    path = form_path(f"{kept.template_id}.toml")
    if path.exists():
        template = load_template(path)
        if template.version == kept.version:
            return template
    raise KnownError("campaign.template_missing", id=kept.template_id, version=kept.version)


def print_pledges(
    reg: OpenRegister,
    out: Output,
    *,
    campaign: Campaign | None = None,
    hamlet: Hamlet | None = None,
    unsigned_only: bool = False,
    households: Sequence[str] = (),
    copies: int = 1,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    mark: bool = True,
) -> PrintOutcome:
    """One PDF of pre-filled sheets (a hamlet's, or the commune's, or only ``households``
    (ids, in that order); optionally only those not signed), ``copies`` per household; the
    households drawn are then marked printed (unless ``mark`` is off: the window marks them
    once the PDF reaches a printer or is saved). Households nobody lives in any more are
    left out (counted in ``nobody_lives``), refused when named. A cancelled run writes no
    PDF and marks nothing."""
    _refuse_upper(reg)
    campaign = campaign or current_campaign(reg)
    template = campaign_pledge_template(reg, campaign)
    hamlet_id = hamlet.id if hamlet else None
    if households:
        sheets = [
            sheet
            for household_id in dict.fromkeys(households)
            for sheet in sheets_for(
                reg,
                hamlet_id,
                unsigned_only=unsigned_only,
                campaign=campaign,
                household_id=household_id,
            )
        ]
    else:
        sheets = sheets_for(reg, hamlet_id, unsigned_only=unsigned_only, campaign=campaign)
    sheets, empty = printable(sheets)
    if households and empty:  # named: refused with what to do
        raise KnownError("print.nobody_lives", code=empty[0].household_code)

    def drawing(done: int, total: int) -> None:
        reg.between_transactions()  # the sheets are read: an edit may go in while they are drawn
        if progress:
            progress(done, total)

    result = render_pledges(sheets, template, out, copies, drawing, cancelled)
    if result.cancelled:
        return PrintOutcome(cancelled=True)
    drawn = tuple(s.household_id for s in sheets)
    marked = mark_printed(reg, drawn, campaign=campaign) if mark else 0
    return PrintOutcome(
        len(sheets),
        result.sheets,
        result.pages,
        marked,
        household_ids=drawn,
        nobody_lives=len(empty),
    )


def printable(sheets: Sequence[PledgeSheet]) -> tuple[list[PledgeSheet], list[PledgeSheet]]:
    """The sheets to print, and those left out: a household nobody lives in any more (every
    member dead or moved out), whose sheet would name no one and send the hamlet head to an
    empty house. A signed one's sheet is its bản lưu, printed as ever."""
    kept: list[PledgeSheet] = []
    empty: list[PledgeSheet] = []
    for sheet in sheets:
        (kept if sheet.members or sheet.signed_on is not None else empty).append(sheet)
    return kept, empty


def print_blank(
    reg: OpenRegister,
    out: Output,
    *,
    campaign: Campaign | None = None,
    hamlet: Hamlet | None = None,
    copies: int = 1,
) -> PrintOutcome:
    """Blank sheets for walk-ins: the commune (and hamlet) printed, the rest to fill by hand."""
    _refuse_upper(reg)
    campaign = campaign or current_campaign(reg)
    template = campaign_pledge_template(reg, campaign)
    result = render_pledges([blank_sheet(reg, hamlet)], template, out, copies)
    return PrintOutcome(0, result.sheets, result.pages, 0)


def print_archive_copy(
    reg: OpenRegister, out: Output, household_id: str, campaign_id: str | None = None
) -> PrintOutcome:
    """The "bản lưu" of a household's pledge: its sheet as signed (date, signer, the
    signature captured on the pad), to keep at the commune. Marks nothing."""
    campaign = campaign_or_current(reg, campaign_id)
    repo.get_household(reg.db, household_id)
    sheets = sheets_for(reg, campaign=campaign, household_id=household_id)
    template = campaign_pledge_template(reg, campaign)
    result = render_pledges(sheets, template, out)
    return PrintOutcome(len(sheets), result.sheets, result.pages, 0)


def _refuse_upper(reg: OpenRegister) -> None:
    """A sheet is the commune's, printed and signed in its hamlet: an upper register (which
    edits no commune's data, so could not mark them printed) prints none, before any PDF
    is begun."""
    if not reg.writer.edits_communes:
        raise KnownError("print.upper")
