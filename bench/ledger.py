"""`make bench`, the residency ledger: the Biến động list opening and filtering, the reminders
and who is here now over a district-size register, each beside the same SQL run raw."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from desktop.domain.text import fold_for_search
from desktop.services import ledger
from desktop.services.register import open_existing
from desktop.store import movements as store
from desktop.store import reminders
from desktop.store.movements import LedgerFilter, MovementKind
from desktop.store.search import match_expression

LIST_SQL = """SELECT m.id FROM movement m JOIN household h ON h.id = m.household_id
    WHERE m.deleted = 0 AND h.deleted = 0 {where} ORDER BY m.starts_on DESC, m.id"""
PAGE = 256
# store.pledges.unsigned_households' query (the reminders' last part)
UNSIGNED_SQL = """SELECT h.id, h.code, coalesce(hp.full_name, ''), h.address,
           coalesce(p.status, 'chua_in'), coalesce(p.reason, '')
    FROM household h
    JOIN hamlet m ON m.id = h.hamlet_id
    LEFT JOIN person hp ON hp.id = h.head_id
    LEFT JOIN pledge p ON p.household_id = h.id AND p.campaign_id = ? AND p.deleted = 0
    WHERE h.deleted = 0 AND coalesce(p.status, 'chua_in') != 'da_ky'
    ORDER BY m.sort_key, h.sort_key"""


def _best(fn: Callable[[], object], repeat: int = 5) -> float:
    """The best of a few runs: what the clerk waits for once the register is in the cache."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _row(label: str, ours: float, raw: float) -> None:
    print(f"  {label:<44} {ours * 1000:9.2f} ms  raw {raw * 1000:9.2f} ms  ratio {ours / raw:6.3g}")


def bench_ledger(path: Path) -> None:
    reg = open_existing(path)
    raw = sqlite3.connect(path)
    raw.create_function("fold", 1, fold_for_search, deterministic=True)
    today = dt.date.today()
    db = reg.db
    movements = raw.execute("SELECT count(*) FROM movement").fetchone()[0]
    people = raw.execute("SELECT count(*) FROM person").fetchone()[0]
    print(f"Residency ledger ({movements:,} movements, {people:,} people)")
    row_sql = store._ROW_SQL  # the page read of the lazy list, as the store runs it

    def raw_page(ids: list[str]) -> None:
        marks = ",".join("?" * len(ids))
        raw.execute(f"{row_sql} WHERE m.id IN ({marks})", ids).fetchall()

    def ours_open() -> None:
        ids = store.movement_ids(db, LedgerFilter())
        store.ledger_rows(db, ids[:PAGE])

    def raw_open() -> None:
        ids = [r[0] for r in raw.execute(LIST_SQL.format(where=""))]
        raw_page(ids[:PAGE])

    _row("Biến động: open (ids + first page)", _best(ours_open), _best(raw_open))
    filters: list[tuple[str, LedgerFilter, str, list[str]]] = [
        (
            "filter: tạm vắng, open",
            LedgerFilter(kind=MovementKind.TAM_VANG, open_only=True),
            "AND m.kind = ? AND m.ended_on IS NULL",
            ["tam_vang"],
        ),
        (
            "filter: begun this year",
            LedgerFilter(starts_from=today.replace(month=1, day=1)),
            "AND m.starts_on >= ?",
            [today.replace(month=1, day=1).isoformat()],
        ),
    ]
    hamlet = raw.execute("SELECT id FROM hamlet LIMIT 1").fetchone()[0]
    filters.append(
        ("filter: one hamlet", LedgerFilter(hamlet_id=hamlet), "AND h.hamlet_id = ?", [hamlet])
    )
    name = raw.execute(
        "SELECT p.full_name FROM movement m JOIN person p ON p.id = m.person_id LIMIT 1"
    ).fetchone()[0]
    query = fold_for_search(name).split()[-1]
    expression = match_expression(query)
    filters.append(
        (
            f"search: “{query}”",
            LedgerFilter(query=query),
            """AND (m.person_id IN (SELECT p.id FROM person_fts f JOIN person p
                    ON p.rowid = f.rowid WHERE person_fts MATCH ?)
                OR h.rowid IN (SELECT rowid FROM household_fts WHERE household_fts MATCH ?)
                OR (m.person_id IS NULL AND instr(fold(m.guest_name || ' ' || m.guest_id_number),
                    ?) > 0))""",
            [expression, expression, fold_for_search(query)],
        )
    )
    for label, where, sql, params in filters:

        def ours_filter(w: LedgerFilter = where) -> None:
            store.ledger_rows(db, store.movement_ids(db, w)[:PAGE])

        def raw_filter(s: str = sql, p: list[str] = params) -> None:
            ids = [r[0] for r in raw.execute(LIST_SQL.format(where=s), p)]
            raw_page(ids[:PAGE])

        _row(label, _best(ours_filter), _best(raw_filter))

    def raw_reminders() -> None:
        params = reminders.reminder_params(today)
        for _reason, sql, kind in reminders.reminder_queries():
            raw.execute(sql, {**params, "kind": kind.value}).fetchall()
        raw.execute(reminders.nobody_lives_query(), {"today": params["today"]}).fetchall()
        raw.execute(reminders.head_gone_query(), {"today": params["today"]}).fetchall()
        campaign = raw.execute(
            "SELECT value FROM local_setting WHERE key = 'current_campaign'"
        ).fetchone()
        if campaign:
            raw.execute(UNSIGNED_SQL, [campaign[0]]).fetchall()

    found = len(ledger.reminders(reg, today))
    _row(
        f"reminders ({found:,} due today)",
        _best(lambda: ledger.reminders(reg, today)),
        _best(raw_reminders),
    )

    def raw_here() -> None:
        raw.execute(
            """SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id
               WHERE p.deleted = 0 AND h.deleted = 0"""
        ).fetchone()
        raw.execute(
            """SELECT m.person_id, m.id, m.kind, m.starts_on, m.ended_on
               FROM movement m JOIN person p ON p.id = m.person_id
               WHERE m.deleted = 0 AND p.deleted = 0 ORDER BY m.starts_on, m.created_at"""
        ).fetchall()
        raw.execute(
            """SELECT m.* FROM movement m JOIN household h ON h.id = m.household_id
               WHERE m.deleted = 0 AND h.deleted = 0 AND m.ended_on IS NULL
                 AND m.kind IN ('luu_tru', 'tam_tru')"""
        ).fetchall()

    _row(
        "Tổng quan: who is here now",
        _best(lambda: ledger.here_now(db, today), 3),
        _best(raw_here, 3),
    )
    print(
        "  (raw = the same SQL in plain sqlite3; ours also makes the rows into movements and"
        " reminders and derives each person's presence in Python)"
    )
    reg.close()
    raw.close()
