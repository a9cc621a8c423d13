"""What the Tổng quan page shows, counted in one go: who is here, the campaign's way to its
target per hamlet, what needs attention today, the last bundle sent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain.long_work import Cancelled
from desktop.domain.pledges import Campaign, HamletProgress
from desktop.services import ledger
from desktop.services.progress import progress
from desktop.services.register import OpenRegister
from desktop.store import pledges as pledge_store
from desktop.store.reminders import Reminder
from desktop.store.replicas import BundleRecord, bundles_sent_here


@dataclass(frozen=True)
class Overview:
    """The counts of one day; ``progress`` is empty when there is no current campaign."""

    households: int  # live households of the register (none: its first day)
    here: ledger.HereNow
    campaign: Campaign | None
    progress: list[HamletProgress]
    reminders: list[Reminder]
    last_sent: BundleRecord | None


def count_overview(
    reg: OpenRegister, today: dt.date, cancelled: Cancelled | None = None
) -> Overview | None:
    """Everything the page shows on ``today``; None when ``cancelled`` (checked between
    the counts: a window closing does not wait for them all). Over a district's register
    this takes seconds: the window counts it on the task lane, after it is painted."""
    stop = cancelled or (lambda: False)
    campaign = pledge_store.current_campaign(reg.db)
    sent = next(iter(bundles_sent_here(reg.db, reg.installation_id, limit=50)), None)
    here = ledger.here_now(reg.db, today)
    if stop():
        return None
    rows = progress(reg, campaign) if campaign is not None else []
    if stop():
        return None
    reminders = ledger.reminders(reg, today)
    households = reg.db.execute("SELECT count(*) FROM household WHERE deleted = 0").fetchone()[0]
    return Overview(households, here, campaign, rows, reminders, sent)
