"""Progress toward the campaign's target: per hamlet, the commune's total, unsigned lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from desktop.domain.pledges import Campaign, HamletProgress, total_progress
from desktop.domain.reports import REPORTED_ORDER
from desktop.domain.reports import STATUS_LABELS as _STATUS_LABELS
from desktop.exchange.sheet_writer import Cell, write_table
from desktop.services.pledges import current_campaign
from desktop.services.register import OpenRegister
from desktop.store import pledges as store
from desktop.store.places import hamlet_labels
from desktop.store.pledges import UnsignedHousehold
from desktop.store.reminders import nobody_lives_reminders

# How a status reads: shared with the printed lists (domain.reports); kept importable here.
STATUS_LABELS = _STATUS_LABELS

CSV_HEADER = [
    "Thôn/bản",
    "Số hộ",
    *(STATUS_LABELS[status] for status in REPORTED_ORDER),
    "Tỷ lệ đã ký (%)",
    "Chỉ tiêu (%)",
]
COMMUNE_TOTAL = "Toàn xã"
ALL_COMMUNES = "Toàn bộ các xã"


def progress(reg: OpenRegister, campaign: Campaign | None = None) -> list[HamletProgress]:
    """Per hamlet (register order), counts toward the campaign's (default: current) target;
    in an upper-level register each commune's households in its own campaign of that
    campaign's template (every commune started its own), as the upload spreadsheet does,
    each hamlet with its commune ('Thôn 1 (Sìn Hồ)'), by commune."""
    upper = not reg.writer.edits_communes  # an upper register edits no commune row
    rows = store.progress_by_hamlet(reg.db, campaign or current_campaign(reg), each_commune=upper)
    if not upper:
        return rows
    labels = hamlet_labels(reg.db)
    order = {hamlet_id: n for n, hamlet_id in enumerate(labels)}
    rows.sort(key=lambda r: order.get(r.hamlet_id, len(order)))
    return [replace(r, hamlet_name=labels.get(r.hamlet_id, r.hamlet_name)) for r in rows]


def total_name(reg: OpenRegister) -> str:
    """What the total row is called: 'Toàn xã' in a commune's register; in an upper-level
    register the name of its one commune, or 'Toàn bộ các xã' when it holds several."""
    if reg.writer.edits_communes:
        return COMMUNE_TOTAL
    codes = [
        c for (c,) in reg.db.execute("SELECT DISTINCT commune_code FROM hamlet WHERE deleted = 0")
    ]
    if len(codes) != 1:
        return ALL_COMMUNES
    commune = reg.db.execute(
        "SELECT name FROM commune WHERE code = ? AND deleted = 0", codes
    ).fetchone()
    return commune[0] if commune else codes[0]


def commune_total(rows: list[HamletProgress], name: str = COMMUNE_TOTAL) -> HamletProgress:
    return total_progress(rows, name)


def unsigned_households(
    reg: OpenRegister, hamlet_id: str | None, campaign: Campaign | None = None
) -> list[UnsignedHousehold]:
    """The households of a hamlet (None: of the commune) that have not signed yet."""
    campaign_id = (campaign or current_campaign(reg)).id
    upper = not reg.writer.edits_communes  # each commune's own campaign, as progress counts
    return store.unsigned_households(reg.db, campaign_id, hamlet_id, each_commune=upper)


def households_nobody_lives_in(reg: OpenRegister, today: dt.date) -> set[str]:
    """The live households whose members all died or moved out by ``today``: still counted
    as not signed (the counts stay what they are); the reminders ask the clerk to delete
    them or update their members."""
    return {r.household_id for r in nobody_lives_reminders(reg.db, today) if r.household_id}


def format_percent(value: float) -> str:
    """'87,5' — Vietnamese decimal comma, one decimal."""
    return f"{value:.1f}".replace(".", ",")


def progress_table(rows: list[HamletProgress], total: str = COMMUNE_TOTAL) -> list[list[str]]:
    """The header, one line per hamlet and the total (named ``total``), as text cells."""
    lines = [CSV_HEADER]
    for r in [*rows, commune_total(rows, total)]:
        lines.append(
            [
                r.hamlet_name,
                *(str(n) for n in (r.households, r.signed, r.refused, r.absent)),
                str(r.printed),
                str(r.not_printed),
                format_percent(r.percent),
                str(r.target_percent),
            ]
        )
    return lines


def write_progress_csv(rows: list[HamletProgress], path: Path, total: str = COMMUNE_TOTAL) -> None:
    """The progress table as a CSV for Excel (desktop.exchange.sheet_writer's rules: numbers
    as numbers, ';' between columns and a decimal comma), or an XLSX workbook when ``path``
    ends in .xlsx (any other suffix is refused, as camket spreadsheet refuses it); the
    total row named ``total``."""
    lines: list[list[Cell]] = []
    for r in [*rows, commune_total(rows, total)]:
        counts = (r.households, r.signed, r.refused, r.absent, r.printed, r.not_printed)
        lines.append([r.hamlet_name, *counts, round(r.percent, 1), r.target_percent])
    write_table(path, CSV_HEADER, lines, title="Tiến độ")
