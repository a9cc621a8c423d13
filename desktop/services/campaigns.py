"""Campaigns: the first campaign of a register on the first bundled template, and switching."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from desktop.bundled import form_path
from desktop.domain.pledges import Campaign, StoredTemplate
from desktop.domain.templates import PledgeTemplate, load_template, parse_template
from desktop.store import pledges as store
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
        template = load_template(path)
        found.append(
            StoredTemplate(
                template_id=template.id,
                version=template.version,
                title=template.movement,
                source=path.read_text(encoding="utf-8"),
            )
        )
    return found


def default_template() -> StoredTemplate:
    """The 2021 movement's template (the one the 2021 directives asked for) when bundled,
    else the first bundled one."""
    templates = bundled_templates()
    for template in templates:
        if template.template_id == FALLBACK_TEMPLATE.template_id:
            return template
    return templates[0] if templates else FALLBACK_TEMPLATE


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
) -> Campaign:
    """A new current campaign printed with this template (kept in the register)."""
    with writer.db.atomic():
        kept = keep_template(writer, template)
        campaign = Campaign(
            title=title or kept.title,
            template_id=kept.template_id,
            template_version=kept.version,
            starts_on=starts_on,
            ends_on=ends_on,
            target_percent=target_percent,
            is_current=True,
        )
        store.add_campaign(writer, campaign)
    return campaign


def ensure_first_campaign(writer: Writer) -> Campaign | None:
    """A register that never had a campaign starts one on the first template; the new
    campaign, or None when the register has (or had) one already."""
    if store.count_campaigns(writer.db):
        return None
    return start_campaign(writer, default_template())


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
        checked = parse_template(source, f"{base.template_id}@{version}")
        copy = StoredTemplate(
            template_id=base.template_id,
            version=version,
            title=title or checked.movement,
            source=with_version(source, version),
            based_on=f"{base.template_id}@{base.version}",
        )
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
