"""The report on population movements of a period: gathered from the ledger, printed (PDF,
Decree 30 frame from Settings) and listed (CSV). Tips are counted, never named."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from desktop.domain.ledger_report import CSV_HEADER, LedgerReport, ReportLine, check_period
from desktop.domain.movements import KIND_LABELS, MovementKind, Presence, presence_of
from desktop.exchange.sheet_writer import write_table
from desktop.printing.document import Output, RenderResult
from desktop.printing.ledger_report import render_ledger_report
from desktop.services.register import OpenRegister
from desktop.services.reports import report_heading
from desktop.store import movements as store
from desktop.store.movements import LedgerFilter, LedgerRow
from desktop.store.tips import list_tips


def _line(row: LedgerRow) -> ReportLine:
    assert row.starts_on is not None  # gather keeps the rows whose day it reads
    return ReportLine(
        row.kind, row.full_name, row.household_code, row.hamlet, row.starts_on, row.until,
        row.ended_on, row.where_words, row.reason,
    )  # fmt: skip


def gather(reg: OpenRegister, starts: dt.date, ends: dt.date) -> LedgerReport:
    check_period(starts, ends)
    db = reg.db
    # A movement whose day CamKet cannot read is in no period (camket check names it).
    begun = [
        r
        for r in store.ledger(db, LedgerFilter(starts_from=starts, starts_to=ends))
        if r.starts_on is not None
    ]
    begun.reverse()  # oldest first, as a report reads
    away_ids: list[str] = []
    abroad_ids: list[str] = []
    for moves in store.steps(db).values():
        presence = presence_of(moves, ends)
        wanted = {Presence.AWAY: MovementKind.TAM_VANG, Presence.ABROAD: MovementKind.DI_NUOC_NGOAI}
        kind = wanted.get(presence)
        if kind is None:
            continue
        last = [m for m in moves if m.kind is kind and m.starts_on <= ends]
        (away_ids if presence is Presence.AWAY else abroad_ids).append(last[-1].id)
    stays = store.ledger(db, LedgerFilter(kind=MovementKind.LUU_TRU, starts_to=ends))
    guests = [
        r
        for r in reversed(stays)
        if r.person_id is None
        and r.starts_on is not None
        and (r.ended_on or r.until or r.starts_on) >= starts
    ]
    foreign = store.foreign_guest_ids(db, [g.movement_id for g in guests])
    tips = list_tips(db, since=starts, until=ends)
    return LedgerReport(
        starts=starts,
        ends=ends,
        movements=tuple(_line(r) for r in begun),
        away=_lines(reg, away_ids),
        abroad=_lines(reg, abroad_ids),
        guests=tuple(_line(r) for r in guests),
        foreign_guests=len(foreign),
        border_belt_guests=sum(1 for g in guests if g.border_belt),
        tips_by_topic=tuple(Counter(t.about for t in tips).most_common()),
        tips_handed=sum(1 for t in tips if t.handed_at is not None),
    )


def _lines(reg: OpenRegister, ids: list[str]) -> tuple[ReportLine, ...]:
    rows: dict[str, LedgerRow] = {}
    for start in range(0, len(ids), 500):
        rows.update(store.ledger_rows(reg.db, ids[start : start + 500]))
    found = sorted(rows.values(), key=lambda r: (r.hamlet, r.household_code, r.full_name))
    return tuple(_line(r) for r in found)


def print_ledger_report(
    reg: OpenRegister, report: LedgerReport, out: Output, as_of: dt.date | None = None
) -> RenderResult:
    return render_ledger_report(report, report_heading(reg, None, as_of), out)


def write_ledger_csv(report: LedgerReport, path: Path) -> None:
    """The movements begun in the period, one a line: a CSV (UTF-8 with BOM, for Excel), or
    an XLSX workbook when ``path`` ends in .xlsx."""

    def day(value: dt.date | None) -> str:
        return value.strftime("%d/%m/%Y") if value else ""

    lines = [CSV_HEADER]
    for m in report.movements:
        dates = (day(m.starts_on), day(m.until), day(m.ended_on))
        lines.append([KIND_LABELS[m.kind], m.full_name, m.household_code, m.hamlet, *dates])
        lines[-1] += [m.where, m.reason]
    write_table(path, lines[0], lines[1:], title="Biến động")
