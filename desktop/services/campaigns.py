"""Campaigns: the first campaign of a register (chosen at set-up, else the border-security
template), new ones, and switching."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from sqlite_utils import Database

from desktop.bundled import form_path
from desktop.domain.entities import stable_id
from desktop.domain.errors import KnownError
from desktop.domain.pledges import (
    Campaign,
    StoredTemplate,
    check_campaign,
    check_campaign_dates,
)
from desktop.domain.templates import PledgeTemplate, parse_template, read_template_text
from desktop.domain.text import text_sort_key
from desktop.domain.text_bounds import TEMPLATE_TEXT, refuse_long_text
from desktop.store import local
from desktop.store import pledges as store
from desktop.store.places import short_commune_name
from desktop.store.sync import Writer

# When no template file is bundled, the first campaign still names the 2021 movement so a
# register always has a current campaign to count progress against.
FALLBACK_TEMPLATE = StoredTemplate(
    template_id="covid-xnc-2021",
    version=1,
    title="Toàn dân tham gia phòng, chống dịch Covid-19 và xuất, nhập cảnh trái phép",
)


def bundled_templates(folder: Path | None = None) -> list[StoredTemplate]:
    """The templates of forms/*.toml in file-name order, checked (KnownError naming the
    file and line), as copies to keep in a register."""
    folder = folder or form_path()
    found = []
    for path in sorted(folder.glob("*.toml")):
        text = read_template_text(path)  # read once: checked, then kept as it is
        template = parse_template(text, str(path))
        found.append(
            StoredTemplate(
                template_id=template.id,
                version=template.version,
                title=template.movement,
                source=text,
            )
        )
    return found


# A new register starts on the lasting movement, not on the 2021 Covid-19 drive (issue 11 §2).
DEFAULT_TEMPLATE_ID = "bien-gioi"


def default_template() -> StoredTemplate:
    """The border-security movement's template when bundled, else the first bundled one."""
    templates = bundled_templates()
    for template in templates:
        if template.template_id == DEFAULT_TEMPLATE_ID:
            return template
    return templates[0] if templates else FALLBACK_TEMPLATE


def bundled_template(name: str, folder: Path | None = None) -> StoredTemplate:
    """The bundled template named "bien-gioi" (its latest version) or "bien-gioi@1", as
    `campaign list` and the messages print it; KnownError naming the bundled ones otherwise."""
    return _template_named(bundled_templates(folder), name)


def _template_named(templates: list[StoredTemplate], name: str) -> StoredTemplate:
    """Of ``templates``, the one named "ID" (its latest version) or "ID@VERSION" (case and
    spaces aside); KnownError naming every "ID@VERSION" there otherwise ("", "bien-gioi@"
    name none)."""
    template_id, at, version = name.strip().lower().partition("@")
    found = [
        t
        for t in templates
        if t.template_id.lower() == template_id.strip()
        and (not at or str(t.version) == version.strip())
    ]
    if not found:
        raise KnownError(
            "template.unknown",
            name=name,
            choices=", ".join(sorted({f"{t.template_id}@{t.version}" for t in templates})),
        )
    return max(found, key=lambda t: t.version)


@dataclass(frozen=True)
class CampaignPlan:
    """The campaign a new register starts with: a template, and its title (the template's
    when empty), dates and target."""

    template: StoredTemplate
    title: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    target_percent: int = 100

    def check(self) -> None:
        """KnownError when it does not hold together (see check_campaign)."""
        check_campaign(
            self.title.strip() or self.template.title,
            self.starts_on,
            self.ends_on,
            self.target_percent,
        )


def keep_template(writer: Writer, template: StoredTemplate) -> StoredTemplate:
    """The register's copy of this template version (stored now if it has none)."""
    kept = store.get_template(writer.db, template.template_id, template.version)
    if kept is not None:
        return kept
    store.add_template(writer, template)
    return template


def start_campaign(
    writer: Writer,
    template: StoredTemplate,
    *,
    title: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    target_percent: int = 100,
    current: bool = True,
    campaign_id: str = "",
) -> Campaign:
    """A new campaign printed with this template (kept in the register); current, it takes
    over from the one that was. Checked first (KnownError, nothing is written): an end not
    before the start, a target of 1–100 %."""
    if not writer.edits_communes:
        # An upper register merges the communes' own campaigns: one of its own, of no
        # commune, counted every commune at 0 signed once current.
        raise KnownError("upper.read_only")
    title = title.strip() or template.title
    check_campaign(title, starts_on, ends_on, target_percent)
    with writer.db.atomic():
        kept = keep_template(writer, template)
        campaign = Campaign(
            title=title,
            template_id=kept.template_id,
            template_version=kept.version,
            starts_on=starts_on,
            ends_on=ends_on,
            target_percent=target_percent,
            is_current=current,
        )
        if campaign_id:
            campaign.id = campaign_id
        store.add_campaign(writer, campaign, made_alike=bool(campaign_id))
    return campaign


class Keep(Enum):
    """A value correct_campaign leaves as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP
SHOWN_EARLY = 5  # households named when a new start date would leave results before it


def correct_campaign(
    writer: Writer,
    campaign_id: str,
    *,
    starts_on: dt.date | Keep | None = KEEP,
    ends_on: dt.date | Keep | None = KEEP,
    target_percent: int | Keep = KEEP,
) -> Campaign:
    """Correct a campaign's start, end or target (those given; a date None has none), as
    its sheets and the drive really went: a commune that recorded its paper sheets after
    setting CamKet up gives the campaign the day it began. Checked as at its start (an end
    not before the start, a target of 1–100 %), and a start after a result already
    recorded is refused naming those households (they would be dated before their
    campaign); audited, and synced as any edit of the row. An upper-level register edits
    no commune's campaign."""
    if not writer.edits_communes:
        raise KnownError("upper.read_only")
    with writer.db.atomic():
        campaign = store.get_campaign(writer.db, campaign_id)
        starts = campaign.starts_on if isinstance(starts_on, Keep) else starts_on
        ends = campaign.ends_on if isinstance(ends_on, Keep) else ends_on
        target = campaign.target_percent if isinstance(target_percent, Keep) else target_percent
        check_campaign_dates(starts, ends, target)
        changes: dict[str, object] = {}
        if not isinstance(starts_on, Keep):
            if starts_on is not None:
                _refuse_results_before(writer.db, campaign_id, starts_on)
            changes["starts_on"] = starts_on.isoformat() if starts_on else None
        if not isinstance(ends_on, Keep):
            changes["ends_on"] = ends_on.isoformat() if ends_on else None
        if not isinstance(target_percent, Keep):
            changes["target_percent"] = target_percent
        writer.update("campaign", campaign_id, changes)
        return store.get_campaign(writer.db, campaign_id)


def _refuse_results_before(db: Database, campaign_id: str, starts_on: dt.date) -> None:
    early = store.results_before(db, campaign_id, starts_on)
    if not early:
        return
    raise KnownError(
        "campaign.starts_after_results",
        starts=starts_on.strftime("%d/%m/%Y"),
        count=len(early),
        households=tuple((code, _shown_day(on)) for code, on in early[:SHOWN_EARLY]),
        earliest=_shown_day(early[0][1]),
    )


def _shown_day(stored: str) -> str:
    try:
        return dt.date.fromisoformat(stored).strftime("%d/%m/%Y")
    except ValueError:  # a day CamKet cannot read, as it is stored
        return stored


def undated_campaign_note(db: Database, campaign: Campaign, on: dt.date) -> KnownError | None:
    """For a result dated ``on`` in a campaign with no start date, a note to show (never
    raised: the day is kept) when the day is before the campaign was set up in this
    register, else None.

    Without a start date there is no day to refuse against: sheets are often signed on the
    ministry's paper forms before the register exists (the reverted a004801 refused them,
    leaving no way to record the true day), so the day is kept, and the clerk is told how to
    give the campaign its start date, from when on a signing day is checked against it."""
    if campaign.starts_on is not None:
        return None
    since = store.campaign_known_since(db, campaign.id)
    if since is None or on >= since:
        return None
    return KnownError(
        "pledge.date_before_known_campaign",
        title=campaign.title,
        date=on.strftime("%d/%m/%Y"),
        since=since.strftime("%d/%m/%Y"),
        id=campaign.id[:8],
    )


def use_campaign(writer: Writer, campaign_id: str) -> Campaign:
    """From now on sheets are printed and progress counted for this campaign (audited)."""
    store.set_current_campaign(writer, campaign_id)
    return store.get_campaign(writer.db, campaign_id)


def template_choices(db: Database, folder: Path | None = None) -> list[StoredTemplate]:
    """The templates a new campaign can pick: every version the register kept (a clerk's
    copies among them) and the bundled ones it has not kept yet, by title then version."""
    kept = store.list_templates(db)
    seen = {(t.template_id, t.version) for t in kept}
    fresh = [t for t in bundled_templates(folder) if (t.template_id, t.version) not in seen]
    return sorted([*kept, *fresh], key=lambda t: (text_sort_key(t.title), t.template_id, t.version))


def template_named(db: Database, name: str, folder: Path | None = None) -> StoredTemplate:
    """A template to start a campaign on, as a command names it: "bien-gioi" (its latest
    version) or "bien-gioi@2"; KnownError naming the choices otherwise."""
    return _template_named(template_choices(db, folder), name)


def campaign_named(db: Database, text: str) -> Campaign:
    """The campaign whose id is, or begins with, the text (the list shows ids), or else the
    one campaign on the template named ``ID`` or ``ID@VERSION``; KnownError when none or
    several match."""
    wanted = text.strip().lower()
    every = store.list_campaigns(db)
    found = [c for c in every if wanted and c.id.lower().startswith(wanted)]
    if not found:
        found = [
            c
            for c in every
            if wanted in (c.template_id.lower(), f"{c.template_id}@{c.template_version}".lower())
        ]
    if not found:
        raise KnownError("campaign.missing", id=text)
    if len(found) > 1 and not _one_movement_of_many_communes(db, found):
        raise KnownError("campaign.ambiguous", id=text, count=len(found))
    return found[0]


def _one_movement_of_many_communes(db: Database, found: list[Campaign]) -> bool:
    """In an upper-level register every commune started its own campaign of a movement:
    naming the template chooses any of them alike (progress counts each commune's own)."""
    return local.is_upper(db) and len({c.template_id for c in found}) == 1


@dataclass(frozen=True)
class CampaignSummary:
    """A campaign as the campaigns list shows it."""

    campaign: Campaign
    template_title: str  # "" when the register no longer keeps that version
    signed: int  # live households signed in it
    households: int  # live households of the register (upper: of the communes running it)
    communes: str = ""  # upper: the communes running it, "Bình Lư, Sìn Hồ" (every commune
    # starts its own campaign of a movement: two of one title are told apart by them)


def campaign_summaries(db: Database) -> list[CampaignSummary]:
    """Every campaign, the current one first, with its template's title and households signed."""
    titles = {(t.template_id, t.version): t.title for t in store.list_templates(db)}
    signed = store.signed_per_campaign(db)
    households = store.count_live_households(db)
    upper = local.is_upper(db)
    running = _communes_running(db) if upper else {}
    per_commune = _households_per_commune(db) if upper else {}
    return [
        CampaignSummary(
            campaign=c,
            template_title=titles.get((c.template_id, c.template_version), ""),
            signed=signed.get(c.id, 0),
            households=(
                sum(per_commune.get(code, 0) for code in running[c.id])
                if c.id in running
                else households
            ),
            communes=", ".join(
                sorted(
                    (short_commune_name(k, _name_of(db, k)) for k in running.get(c.id, ())),
                    key=text_sort_key,
                )
            ),
        )
        for c in store.list_campaigns(db)
    ]


def _name_of(db: Database, code: str) -> str:
    row = db.execute("SELECT name FROM commune WHERE code = ? AND deleted = 0", [code]).fetchone()
    return str(row[0]) if row else code


def _households_per_commune(db: Database) -> dict[str, int]:
    return dict(
        db.execute(
            "SELECT commune_code, count(*) FROM household WHERE deleted = 0 GROUP BY commune_code"
        ).fetchall()
    )


def _communes_running(db: Database) -> dict[str, set[str]]:
    """In an upper-level register, each campaign's communes: its pledges' communes, and the
    commune whose first campaign it is (not every commune's)."""
    codes = {r[0] for r in db.execute("SELECT code FROM commune WHERE deleted = 0")}
    codes |= set(_households_per_commune(db))
    communes: dict[str, set[str]] = {}
    for campaign_id, code in db.execute(
        """SELECT DISTINCT p.campaign_id, h.commune_code FROM pledge p
           JOIN household h ON h.id = p.household_id WHERE p.deleted = 0"""
    ).fetchall():
        communes.setdefault(campaign_id, set()).add(code)
    for c in store.list_campaigns(db):
        for code in codes:
            if c.id == stable_id("first-campaign", code, c.template_id):
                communes.setdefault(c.id, set()).add(code)
    return communes


def ensure_first_campaign(writer: Writer, plan: CampaignPlan | None = None) -> Campaign | None:
    """A register that never had a campaign starts one: ``plan``, or the default template's;
    the new campaign, or None when the register has (or had) one already."""
    if store.count_campaigns(writer.db) or not writer.commune_code:
        return None  # an upper-level register starts none: it merges the communes'
    plan = plan or CampaignPlan(default_template())
    # Made alike on every PC that sets the commune up: the same campaign when they meet.
    first = stable_id("first-campaign", writer.commune_code, plan.template.template_id)
    return start_campaign(
        writer,
        plan.template,
        title=plan.title,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        target_percent=plan.target_percent,
        campaign_id=first,
    )


_VERSION_LINE = re.compile(r"^version\s*=\s*\d+[ \t]*$", re.MULTILINE)


def with_version(source: str, version: int) -> str:
    """The template text with its ``version = N`` line set to the version it is kept as,
    so the sheet's foot names the same version as the pledges printed with it."""
    text, count = _VERSION_LINE.subn(f"version = {version}", source, count=1)
    return text if count else f"version = {version}\n{source}"


def copy_template(
    writer: Writer, base: StoredTemplate, source: str, *, title: str = ""
) -> StoredTemplate:
    """A clerk's edited copy of a template: the same id, the next free version, the new text.
    The text is checked first (KnownError naming the line; nothing is stored). Pledges
    printed before keep the version they were printed with."""
    with writer.db.atomic():
        versions = [
            t.version for t in store.list_templates(writer.db) if t.template_id == base.template_id
        ]
        version = max(versions, default=base.version) + 1
        # Checked as the clerk typed it, so a mistake's line is the line they see.
        refuse_long_text(TEMPLATE_TEXT, {"source": source})
        checked = parse_template(source, f"{base.template_id}@{version}")
        copy = StoredTemplate(
            template_id=base.template_id,
            version=version,
            title=title or checked.movement,
            source=with_version(source, version),
            based_on=f"{base.template_id}@{base.version}",
        )
        refuse_long_text(TEMPLATE_TEXT, {"title": copy.title})
        store.add_template(writer, copy)
    return copy


def print_with(writer: Writer, campaign: Campaign, template: StoredTemplate) -> Campaign:
    """From now on the campaign's sheets are printed with this template version."""
    kept = keep_template(writer, template)
    changes = {"template_id": kept.template_id, "template_version": kept.version}
    writer.update("campaign", campaign.id, changes)
    return store.get_campaign(writer.db, campaign.id)


def as_printed(kept: StoredTemplate) -> PledgeTemplate:
    """The kept copy parsed for drawing, under the register's id and version (whatever
    version line its text carries)."""
    parsed = parse_template(kept.source, f"{kept.template_id}@{kept.version}")
    return replace(parsed, id=kept.template_id, version=kept.version)
