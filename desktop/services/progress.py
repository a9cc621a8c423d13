"""Progress toward the campaign's target: per hamlet, the commune's total, unsigned lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from desktop.domain.pledges import Campaign, HamletProgress, total_progress
from desktop.domain.reports import REPORTED_ORDER
from desktop.domain.reports import STATUS_LABELS as _STATUS_LABELS
from desktop.exchange.sheet_writer import Cell, SheetFormat, write_table
from desktop.services.pledges import current_campaign
from desktop.services.register import OpenRegister
from desktop.store import pledges as store
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


def progress(reg: OpenRegister, campaign: Campaign | None = None) -> list[HamletProgress]:
    """Per hamlet (register order), counts toward the campaign's (default: current) target;
    in an upper-level register each commune's households in its own campaign of that
    campaign's template (every commune started its own), as the upload spreadsheet does."""
    upper = not reg.writer.edits_communes  # an upper register edits no commune row
    return store.progress_by_hamlet(reg.db, campaign or current_campaign(reg), each_commune=upper)


def commune_total(rows: list[HamletProgress]) -> HamletProgress:
    return total_progress(rows, COMMUNE_TOTAL)


def unsigned_households(
    reg: OpenRegister, hamlet_id: str | None, campaign: Campaign | None = None
) -> list[UnsignedHousehold]:
    """The households of a hamlet (None: of the commune) that have not signed yet."""
    return store.unsigned_households(reg.db, (campaign or current_campaign(reg)).id, hamlet_id)


def households_nobody_lives_in(reg: OpenRegister, today: dt.date) -> set[str]:
    """The live households whose members all died or moved out by ``today``: still counted
    as not signed (the counts stay what they are); the reminders ask the clerk to delete
    them or update their members."""
    return {r.household_id for r in nobody_lives_reminders(reg.db, today) if r.household_id}


def format_percent(value: float) -> str:
    """'87,5' — Vietnamese decimal comma, one decimal."""
    return f"{value:.1f}".replace(".", ",")


def progress_table(rows: list[HamletProgress]) -> list[list[str]]:
    """The header, one line per hamlet and the commune's total, as text cells."""
    lines = [CSV_HEADER]
    for r in [*rows, commune_total(rows)]:
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


def write_progress_csv(rows: list[HamletProgress], path: Path) -> None:
    """The progress table as a CSV for Excel (desktop.exchange.sheet_writer's rules: numbers
    as numbers, ';' between columns and a decimal comma)."""
    lines: list[list[Cell]] = []
    for r in [*rows, commune_total(rows)]:
        counts = (r.households, r.signed, r.refused, r.absent, r.printed, r.not_printed)
        lines.append([r.hamlet_name, *counts, round(r.percent, 1), r.target_percent])
    write_table(path, CSV_HEADER, lines, SheetFormat("csv"))


def write_csv(lines: Iterable[list[str]], path: Path) -> None:
    """Text lines, the first the header, as a CSV for Excel (desktop.exchange.sheet_writer:
    UTF-8 with BOM, ';', formulas escaped, never over a register, whole or not at all)."""
    rows = iter(lines)
    write_table(path, next(rows), rows, SheetFormat("csv"))
