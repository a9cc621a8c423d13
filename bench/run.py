"""`make bench`: builds a district-size demo register and prints each figure as a ratio to
the raw cost of the same work (plain sqlite3, a bare PySide6 window)."""

from __future__ import annotations

import argparse
import compileall
import csv
import datetime as dt
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from bench.exchange import bench_exchange
from bench.ledger import bench_ledger
from desktop.domain.entities import BirthDate, Gender, Person
from desktop.domain.pledges import PledgeSheet
from desktop.domain.templates import PledgeTemplate, fill
from desktop.domain.text import fold_for_search
from desktop.printing.fonts import BOLD, ITALIC, REGULAR, register_fonts
from desktop.printing.sheet import render_pledges
from desktop.printing.wording import sheet_values
from desktop.services import households as households_service
from desktop.services.demo import create_demo_register
from desktop.services.encryption import encrypt_register, new_key
from desktop.services.pledges import current_campaign
from desktop.services.printing import campaign_pledge_template, print_pledges, printable
from desktop.services.progress import progress, unsigned_households
from desktop.services.register import OpenRegister, create_register, open_existing
from desktop.services.sheets import sheets_for
from desktop.store.cipher import CURRENT
from desktop.store.encryption import KDF_ITERATIONS, PASSPHRASE_ENV, stretch
from desktop.store.households import list_hamlets
from desktop.store.pledges import PROGRESS_SQL
from desktop.store.register import open_register
from desktop.store.search import household_ids, match_expression, search_people

HOUSEHOLD_SQL = """SELECT h.id FROM household h JOIN hamlet m ON m.id = h.hamlet_id
    WHERE h.deleted = 0
      AND (h.rowid IN (SELECT rowid FROM household_fts WHERE household_fts MATCH ?)
           OR h.id IN (SELECT p.household_id FROM person_fts f JOIN person p ON p.rowid = f.rowid
                       WHERE person_fts MATCH ? AND p.deleted = 0))
    ORDER BY m.sort_key, h.sort_key"""

ALL_HOUSEHOLDS_SQL = """SELECT h.id FROM household h JOIN hamlet m ON m.id = h.hamlet_id
    WHERE h.deleted = 0 ORDER BY m.sort_key, h.sort_key"""

BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QLineEdit
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(1366, 768)
window.show()
app.processEvents()
window.grab().save(sys.argv[1])
"""


def _time(fn: Callable[..., object], *args: object) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def _fetch(conn: sqlite3.Connection, sql: str, params: list[str]) -> list[tuple[object, ...]]:
    return conn.execute(sql, params).fetchall()


def _row(label: str, ours: float, raw: float, unit: str = "s") -> None:
    scale = 1000 if unit == "ms" else 1
    print(
        f"  {label:<44} {ours * scale:9.2f} {unit:<3} raw {raw * scale:9.2f} {unit:<3}"
        f" ratio {ours / raw if raw else float('nan'):6.3g}"
    )


def bench_generation(path: Path, households: int) -> None:
    print(f"Demo register of {households:,} households")
    # Run as the clerk would (`camket demo`), in a child process of its own so its peak
    # memory is its own and not this process's.
    elapsed, peak = _run_measured(
        [_camket(), "demo", "--db", str(path), "--households", str(households), "--seed", "2026"]
    )
    # Raw: the same rows, copied by plain sqlite3 into tables with no FTS, triggers or
    # secondary indexes, in one transaction.
    raw_path = path.with_suffix(".raw.sqlite3")
    raw_path.unlink(missing_ok=True)
    source = sqlite3.connect(path)
    tables = ["hamlet", "household", "person", "relative_abroad"]
    rows = {t: source.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    schemas = {t: source.execute(f"SELECT * FROM {t} LIMIT 0").description for t in tables}
    source.close()

    def raw_load() -> None:
        conn = sqlite3.connect(raw_path)
        with conn:
            for table in tables:
                columns = ", ".join(d[0] for d in schemas[table])
                conn.execute(f"CREATE TABLE {table} ({columns})")
                marks = ", ".join("?" * len(schemas[table]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
        conn.close()

    raw = _time(raw_load)
    raw_path.unlink()
    people = len(rows["person"])
    _row(f"camket demo ({people:,} people)", elapsed, raw)
    print(
        "  (raw = plain sqlite3 executemany of the finished rows; ours also starts Python,"
        " makes the names, IDs, sort keys and search index)"
    )
    print(f"  peak memory of camket demo: {peak / 1024:.0f} MiB")


def typical_queries(path: Path, count: int) -> list[str]:
    """Queries a clerk types: given names, family + given, ID prefixes, codes, no marks."""
    conn = sqlite3.connect(path)
    rng = random.Random(7)
    names = [r[0] for r in conn.execute("SELECT full_name FROM person ORDER BY rowid LIMIT 20000")]
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id_number FROM person WHERE length(id_number) = 12 LIMIT 5000"
        )
    ]
    codes = [r[0] for r in conn.execute("SELECT code FROM household LIMIT 5000")]
    conn.close()
    queries: list[str] = []
    while len(queries) < count:
        name = fold_for_search(rng.choice(names)).split()
        kind = len(queries) % 5
        if kind == 0:
            queries.append(name[-1])  # a given name, no marks
        elif kind == 1:
            queries.append(f"{name[0]} {name[-1]}")  # family + given
        elif kind == 2:
            queries.append(name[-1][:3])  # first letters while typing
        elif kind == 3:
            queries.append(rng.choice(ids)[:8])
        else:
            queries.append(rng.choice(codes))
    return queries


def bench_search(path: Path, count: int) -> None:
    queries = typical_queries(path, count)
    db = open_register(path)
    raw = sqlite3.connect(path)
    expressions = [match_expression(q) for q in queries]
    raw_sql = """SELECT p.id, p.full_name, p.birth, p.id_number, h.id, h.code, m.name
        FROM person_fts f JOIN person p ON p.rowid = f.rowid
        JOIN household h ON h.id = p.household_id JOIN hamlet m ON m.id = h.hamlet_id
        WHERE person_fts MATCH ? AND p.deleted = 0 ORDER BY p.sort_key LIMIT 50"""
    like_sql = """SELECT p.id, p.full_name FROM person p
        WHERE p.search_text LIKE ? AND p.deleted = 0 ORDER BY p.sort_key LIMIT 50"""
    ours = [_time(search_people, db, q, 50) for q in queries]
    raw_fts = [_time(_fetch, raw, raw_sql, [e]) for e in expressions]
    raw_like = [_time(_fetch, raw, like_sql, [f"%{fold_for_search(q)}%"]) for q in queries]
    list_ours = [_time(household_ids, db, q) for q in queries]
    list_raw = [_time(_fetch, raw, HOUSEHOLD_SQL, [e, e]) for e in expressions]
    everyone = min(_time(household_ids, db, "") for _ in range(5))
    everyone_raw = min(_time(_fetch, raw, ALL_HOUSEHOLDS_SQL, []) for _ in range(5))
    db.close()
    raw.close()

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    print(f"Search over {count} typical queries (people, limit 50)")
    _row(
        "median: camket search vs raw FTS SQL",
        statistics.median(ours),
        statistics.median(raw_fts),
        "ms",
    )
    _row("p95:    camket search vs raw FTS SQL", p95(ours), p95(raw_fts), "ms")
    _row(
        "median: camket search vs raw LIKE scan",
        statistics.median(ours),
        statistics.median(raw_like),
        "ms",
    )
    print("Household list (all matching ids in list order, as the window loads them)")
    _row(
        "median: household_ids vs raw SQL",
        statistics.median(list_ours),
        statistics.median(list_raw),
        "ms",
    )
    _row("p95:    household_ids vs raw SQL", p95(list_ours), p95(list_raw), "ms")
    _row("every household (empty query, best of 5)", everyone, everyone_raw, "ms")


# Every household gets a pledge row in a spread of states (about a third not yet printed
# have none at all), as a campaign half-way through would look.
FILL_PLEDGES_SQL = """INSERT INTO pledge (id, household_id, campaign_id, template_version, status,
        created_at, updated_at, updated_by)
    SELECT lower(hex(randomblob(16))), h.id, ?, 1,
           CASE abs(random()) % 6 WHEN 0 THEN 'chua_in' WHEN 1 THEN 'da_in'
                WHEN 2 THEN 'tu_choi' WHEN 3 THEN 'vang_mat' ELSE 'da_ky' END,
           '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'bench'
    FROM household h WHERE h.deleted = 0 AND abs(random()) % 3 != 0"""

# The least any per-hamlet progress can cost: one count of the live households per hamlet.
RAW_COUNT_SQL = """SELECT hamlet_id, count(*) FROM household WHERE deleted = 0
    GROUP BY hamlet_id"""


def bench_progress(path: Path) -> None:
    reg = open_existing(path)
    campaign = current_campaign(reg)
    with reg.db.atomic():
        reg.db.execute("DELETE FROM pledge")
        reg.db.execute(FILL_PLEDGES_SQL, [campaign.id])
    raw = sqlite3.connect(path)
    ours = min(_time(progress, reg, campaign) for _ in range(5))
    same_sql = min(_time(_fetch, raw, PROGRESS_SQL, [campaign.id]) for _ in range(5))
    bare = min(_time(_fetch, raw, RAW_COUNT_SQL, []) for _ in range(5))
    hamlet = reg.db.execute("SELECT hamlet_id FROM household LIMIT 1").fetchone()[0]
    unsigned = min(_time(unsigned_households, reg, hamlet, campaign) for _ in range(5))
    reg.close()
    raw.close()
    print("Pledge progress per hamlet (best of 5)")
    _row("progress vs the same SQL in plain sqlite3", ours, same_sql, "ms")
    _row("progress vs a bare count per hamlet", ours, bare, "ms")
    print(f"  unsigned households of one hamlet: {unsigned * 1000:.2f} ms")


BIG_HOUSEHOLD = 60
BIG_HOUSEHOLD_CODE = "BENCH-60"
SYLLABLES = ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long")
EDITOR_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication
from desktop.services.register import open_existing
from desktop.ui.cycle_collector import collect_on_this_thread, stop_collecting
from desktop.ui.household_editor import HouseholdEditor
from desktop.ui.tasks import TaskRunner
app = QApplication(sys.argv[:1])
collect_on_this_thread(app)  # as the app: no collection on the lane's thread frees Qt objects
register = open_existing(sys.argv[1])
tasks = TaskRunner(register.path)  # the window's one write lane (saves go there)
editor = HouseholdEditor(register, tasks)
editor.resize(1200, 700)
editor.show()
app.processEvents()
runs = []
for _ in range(5):
    started = time.perf_counter()
    editor.edit_household(sys.argv[2])
    editor.members.setData(editor.members.index(59, 0), "Lò Văn Sáu Mươi" + " Mốt" * _)
    editor.revalidate()
    app.processEvents()
    runs.append(time.perf_counter() - started)
print(min(runs))
editor.shutdown()
tasks.shutdown()
register.close()
stop_collecting()
"""


def _name(n: int) -> str:
    return f"Lò Văn {SYLLABLES[n // 8 % 8]} {SYLLABLES[n % 8]}"


def _raw_open(conn: sqlite3.Connection, household_id: str) -> None:
    conn.execute("SELECT * FROM household WHERE id = ?", [household_id]).fetchall()
    conn.execute(
        "SELECT * FROM person WHERE household_id = ? AND deleted = 0 ORDER BY position",
        [household_id],
    ).fetchall()
    conn.execute(
        "SELECT * FROM relative_abroad WHERE household_id = ? AND deleted = 0", [household_id]
    ).fetchall()


def _raw_save(conn: sqlite3.Connection, person_id: str, name: str) -> None:
    with conn:
        conn.execute(
            "UPDATE person SET full_name = ?, rev = rev + 1 WHERE id = ?", [name, person_id]
        )
        conn.execute(
            "INSERT INTO audit(at, actor, entity, entity_id, action, before, after)"
            " VALUES ('now', 'bench', 'person', ?, 'update', '{}', '{}')",
            [person_id],
        )


def bench_household_editing(path: Path, folder: Path) -> None:
    """A 60-member household: open it for editing (with every check) and save one change."""
    reg = open_existing(path)
    # A register kept from an earlier run (--keep --reuse) has the household already.
    made = reg.db.execute(
        "SELECT id FROM household WHERE code = ? AND deleted = 0", [BIG_HOUSEHOLD_CODE]
    ).fetchone()
    if made is not None:
        household_id = made[0]
    else:
        hamlet = list_hamlets(reg.db)[0].id
        draft = households_service.new_draft(hamlet, BIG_HOUSEHOLD_CODE)
        draft.members = [
            Person("", _name(n), Gender.MALE, BirthDate(1950 + n), relationship="Con")
            for n in range(BIG_HOUSEHOLD)
        ]
        draft.household.head_id = draft.members[0].id
        household_id = households_service.save_household(reg, draft).household_id

    def open_and_check() -> None:
        loaded = households_service.load_draft(reg.db, household_id)
        households_service.check_draft(reg.db, loaded, dt.date.today())

    counter = iter(range(1_000_000))

    def change_and_save() -> None:
        loaded = households_service.load_draft(reg.db, household_id)
        loaded.members[-1].full_name = _name(next(counter) % 64)
        households_service.save_household(reg, loaded)

    raw = sqlite3.connect(path)
    last = raw.execute(
        "SELECT id FROM person WHERE household_id = ? ORDER BY position DESC LIMIT 1",
        [household_id],
    ).fetchone()[0]
    opened = min(_time(open_and_check) for _ in range(5))
    raw_opened = min(_time(_raw_open, raw, household_id) for _ in range(5))
    saved = min(_time(change_and_save) for _ in range(5))
    raw_saved = min(_time(_raw_save, raw, last, f"Lò Văn Thô {n}") for n in range(5))
    raw.close()
    reg.close()
    script = folder / "editor_window.py"
    script.write_text(EDITOR_WINDOW, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, str(script), str(path), household_id],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    window = float(out.stdout.strip().splitlines()[-1])
    print(f"Editing a {BIG_HOUSEHOLD}-member household (best of 5)")
    _row("open + every check vs raw SELECTs", opened, raw_opened, "ms")
    _row("change a name, check, save vs raw UPDATE", saved, raw_saved, "ms")
    _row("editor: load, type, recheck vs raw SELECTs", window, raw_opened, "ms")


IMPORT_HEADERS = [
    "Mã hộ",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Quan hệ với chủ hộ",
    "Thôn",
    "Số điện thoại",
    "Dân tộc",
]
EXPORT_SQL = """SELECT h.code, p.full_name, p.birth, p.gender, p.id_number, p.relationship,
        m.name, p.phone, p.ethnicity, p.position
    FROM person p JOIN household h ON h.id = p.household_id JOIN hamlet m ON m.id = h.hamlet_id
    WHERE p.deleted = 0 AND h.deleted = 0 ORDER BY h.sort_key, p.position"""


def _list_rows(path: Path) -> tuple[list[list[str]], list[str]]:
    """A demo register as a commune's list: one row per person, the code on the head's row."""
    conn = sqlite3.connect(path)
    rows = []
    for (
        code,
        name,
        birth,
        gender,
        id_number,
        rel,
        hamlet,
        phone,
        ethnicity,
        position,
    ) in conn.execute(EXPORT_SQL):
        rows.append(
            [
                code if position == 0 else "",
                name,
                BirthDate.from_iso(birth).display() if birth else "",
                "Nam" if gender == "nam" else "Nữ",
                id_number,
                rel,
                hamlet if position == 0 else "",
                phone,
                ethnicity,
            ]
        )
    hamlets = [r[0] for r in conn.execute("SELECT name FROM hamlet WHERE deleted = 0")]
    conn.close()
    return [IMPORT_HEADERS, *rows], hamlets


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    workbook.save(path)


IMPORT_ROUNDS = 5  # a round moves by a third on a shared machine: best and median of five


class _Timed(NamedTuple):
    """One run's wall and CPU (user + sys) seconds."""

    wall: float
    cpu: float


def _raw_import(listing: Path, register: Path, out: Path) -> tuple[_Timed, _Timed]:
    """The raw side of one round, in a fresh process as ours is (bench.import_raw): reading
    ``listing``'s cells, and the write of the rows the import left in ``register``."""
    printed = subprocess.run(
        [sys.executable, "-m", "bench.import_raw", str(listing), str(register), str(out)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    ).stdout.split()
    read_wall, read_cpu, write_wall, write_cpu = map(float, printed)
    return _Timed(read_wall, read_cpu), _Timed(write_wall, write_cpu)


def _summed(reads: list[_Timed], writes: list[_Timed]) -> list[_Timed]:
    """Each round's reading plus its write (a best of sums, as ours is one whole run)."""
    return [_Timed(r.wall + w.wall, r.cpu + w.cpu) for r, w in zip(reads, writes, strict=True)]


def _timing_line(ours: list[_Timed], raw: list[_Timed]) -> str:
    """Best and median of both sides, in wall and in CPU time, with their ratios."""
    parts = []
    for clock in ("wall", "cpu"):
        figures = []
        for name, pick in (("best", min), ("median", statistics.median)):
            mine = pick(getattr(t, clock) for t in ours)
            theirs = pick(getattr(t, clock) for t in raw)
            figures.append(f"{name} {mine:.2f} vs {theirs:.2f} s ({mine / theirs:.2f})")
        parts.append(f"{clock.replace('cpu', 'CPU')}: {', '.join(figures)}")
    return f"      {'; '.join(parts)}"


def bench_import(folder: Path, households: int) -> None:
    """A commune's list of ``households`` imported into an empty register (XLSX and CSV),
    beside reading the same file and plain sqlite3 inserting the rows the import wrote."""
    source = folder / "import-source.sqlite3"
    source.unlink(missing_ok=True)
    create_demo_register(source, households=households, seed=11)
    rows, hamlets = _list_rows(source)
    xlsx, csv_path = folder / "danh-sach.xlsx", folder / "danh-sach.csv"
    _write_xlsx(xlsx, rows)
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    print(f"Import of a list of {households:,} households ({len(rows) - 1:,} rows)")
    _compile_ours()  # as bench_window: `--only import` starts CamKet as a clerk's PC does
    raw_path = folder / "import-raw.sqlite3"
    for label, list_path in (("xlsx", xlsx), ("csv", csv_path)):
        target = folder / f"import-{label}.sqlite3"
        ours: list[_Timed] = []
        reads: list[_Timed] = []
        writes: list[_Timed] = []
        dry = _Timed(0, 0)
        peak = 0
        # IMPORT_ROUNDS rounds, each `camket import` then the raw side, each in a fresh
        # process: a single run moves by a third on a shared machine, and a noisy minute
        # falls on both sides of its round alike.
        for _ in range(IMPORT_ROUNDS):
            target.unlink(missing_ok=True)
            create_register(target, "03478", hamlets)
            if not ours:
                wall, cpu, _ = _run_timed(
                    [_camket(), "import", "--db", str(target), str(list_path), "--dry-run"]
                )
                dry = _Timed(wall, cpu)
            wall, cpu, took_peak = _run_timed(
                [_camket(), "import", "--db", str(target), str(list_path)]
            )
            ours.append(_Timed(wall, cpu))
            peak = max(peak, took_peak)
            read, write = _raw_import(list_path, target, raw_path)
            reads.append(read)
            writes.append(write)
        again, _ = _run_measured([_camket(), "import", "--db", str(target), str(list_path)])
        conn = sqlite3.connect(target)
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        conn.close()
        raw = _summed(reads, writes)
        best = min(t.wall for t in ours)
        raw_write, read_only = min(t.wall for t in writes), min(t.wall for t in reads)
        _row(f"camket import {label} ({people:,} people written)", best, raw_write)
        _row("  the same vs reading the file + the raw write", best, min(t.wall for t in raw))
        print(_timing_line(ours, raw))
        _row(f"  dry run of the same {label} (read + check only)", dry.wall, raw_write)
        _row("  dry run vs only reading the file's cells", dry.wall, read_only)
        print(_timing_line([dry], reads))
        _row(f"  importing the {label} again (all unchanged)", again, raw_write)
        print(f"  peak memory of camket import {label}: {peak / 1024:.0f} MiB")
    print(
        f"  (best of {IMPORT_ROUNDS} rounds, each `camket import` then the raw side, each a"
        " fresh process; dry runs and imports again: one run. raw = reading the file (csv"
        " module, calamine) + plain sqlite3 executemany of the rows the import wrote, timed"
        " in its process once the rows are loaded; ours is the whole `camket import`"
        " process: starting Python, reading, checking every row, matching the register,"
        " sort keys, search index, change log and audit row. The lines below each figure:"
        " ours/raw, wall and CPU (user + sys), best and median of the rounds)"
    )


# --- printing a hamlet's pledge sheets ---------------------------------------------------------

PRINT_HOUSEHOLDS = 1_000


def _big_hamlet(reg: OpenRegister, households: int) -> str:
    """Gather the register's first ``households`` households into one hamlet (its id)."""
    hamlet = reg.db.execute("SELECT id FROM hamlet ORDER BY sort_key LIMIT 1").fetchone()[0]
    with reg.db.atomic():
        reg.db.execute(
            """UPDATE household SET hamlet_id = ? WHERE id IN
                (SELECT id FROM household WHERE deleted = 0 ORDER BY rowid LIMIT ?)""",
            [hamlet, households],
        )
    return str(hamlet)


def raw_sheets(sheets: list[PledgeSheet], template: PledgeTemplate, out: Path) -> int:
    """The same words, table cells and QR code drawn straight on a reportlab canvas with the
    same fonts: no flowables, no justification, no continued pages (one page a sheet)."""
    canvas = Canvas(str(out), pagesize=A4, initialFontName=REGULAR)
    width, height = A4
    left, right, top = 30 * mm, width - 15 * mm, height - 20 * mm
    for sheet in sheets:
        values = sheet_values(sheet)
        y = top - 12
        canvas.setFont(BOLD, 12)
        canvas.drawCentredString((left + right) / 2, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        y -= 16
        canvas.drawCentredString((left + right) / 2, y, "Độc lập - Tự do - Hạnh phúc")
        y -= 26
        canvas.setFont(BOLD, 14)
        canvas.drawCentredString((left + right) / 2, y, template.title)
        for line in simpleSplit(fill(template.subject, values), BOLD, 13, right - left):
            y -= 15
            canvas.setFont(BOLD, 13)
            canvas.drawCentredString((left + right) / 2, y, line)
        canvas.setFont(REGULAR, 13)
        for label in (
            f"Họ và tên chủ hộ: {sheet.head_name}   Năm sinh: {sheet.head_birth}",
            f"Số định danh cá nhân: {sheet.head_id_number}   Số nhân khẩu: {sheet.member_count}",
            f"Nơi cư trú: {sheet.address}, {values['hamlet']}, {values['commune']}",
        ):
            y -= 17
            canvas.drawString(left, y, label)
        canvas.setFont(REGULAR, 11)
        for number, m in enumerate(sheet.members, start=1):
            y -= 15
            if y < 60 * mm:
                break
            cells = (str(number), m.full_name, m.gender, m.birth, m.id_number, m.relationship)
            for x, cell in zip((0, 24, 190, 240, 300, 375), cells, strict=True):
                canvas.drawString(left + x, y, cell)
            canvas.line(left, y - 4, right, y - 4)
        canvas.setFont(REGULAR, 13)
        for paragraph in (template.lead, *template.commitments, template.closing):
            for line in simpleSplit(fill(paragraph, values), REGULAR, 13, right - left):
                y -= 15
                canvas.drawString(left, y, line)
        canvas.setFont(ITALIC, 13)
        canvas.drawRightString(right, y - 20, f"{sheet.place_name}, ngày …… tháng …… năm 20……")
        for column, signature in enumerate(template.signatures):
            x = left + (column + 0.5) * (right - left) / len(template.signatures)
            canvas.setFont(BOLD, 13)
            canvas.drawCentredString(x, y - 36, signature.heading)
            canvas.setFont(ITALIC, 13)
            canvas.drawCentredString(x, y - 51, "(Ký, ghi rõ họ tên)")
        canvas.setFont(BOLD, 12)
        canvas.drawString(left, 8 * mm, f"Mã hộ: {sheet.household_code}")
        QrCode(sheet.qr_payload, width=16 * mm, height=16 * mm, qrLevel="M").drawOn(
            canvas, right - 16 * mm, 3 * mm
        )
        canvas.showPage()
    canvas.save()
    return len(sheets)


def bench_printing(path: Path, folder: Path, households: int) -> None:
    reg = open_existing(path)
    hamlet_id = _big_hamlet(reg, households)
    hamlet = next(h for h in list_hamlets(reg.db) if h.id == hamlet_id)
    campaign = current_campaign(reg)
    template = campaign_pledge_template(reg, campaign)
    register_fonts()
    started = time.perf_counter()
    sheets, _left_out = printable(sheets_for(reg, hamlet_id, campaign=campaign))  # as printed
    filled = time.perf_counter() - started
    ours_pdf, raw_pdf, service_pdf = (folder / n for n in ("ours.pdf", "raw.pdf", "service.pdf"))
    render_pledges(sheets[:5], template, ours_pdf)  # warm up: fonts parsed, caches filled
    pages, ours, raw = 0, float("inf"), float("inf")
    for _ in range(2):  # best of two, in turns: the two cores are often shared
        started = time.perf_counter()
        pages = render_pledges(sheets, template, ours_pdf).pages  # large households take two
        ours = min(ours, time.perf_counter() - started)
        raw = min(raw, _time(raw_sheets, sheets, template, raw_pdf))
    service = _time(lambda: print_pledges(reg, service_pdf, campaign=campaign, hamlet=hamlet))
    reg.close()
    print(f"Pledge sheets of a {len(sheets):,}-household hamlet (one PDF, best of 2)")
    _row("render_pledges vs raw reportlab canvas", ours, raw)
    print(
        f"  pages per second: ours {pages / ours:.1f} ({pages:,} pages),"
        f" raw {len(sheets) / raw:.1f}; PDF {ours_pdf.stat().st_size / 1e6:.1f} MB"
        f" vs raw {raw_pdf.stat().st_size / 1e6:.1f} MB"
    )
    _row("print_pledges (fill, draw, mark printed)", service, raw)
    print(f"  filling the sheets from the register: {filled * 1000:.0f} ms")


# A child forked from this (large) process would report this process's size as its peak;
# a small Python in between execs the command and reports only that command's own peak.
_MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, capture_output=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def _run_timed(argv: list[str]) -> tuple[float, float, int]:
    """Wall time (s), CPU time (user + sys, s) and peak resident memory (KiB) of a command."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def _run_measured(argv: list[str]) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KiB) of a command."""
    wall, _cpu, peak = _run_timed(argv)
    return wall, peak


def _camket() -> str:
    return str(Path(sys.executable).with_name("camket"))


def _compile_ours() -> None:
    """CamKet's modules as bytecode, as an installed CamKet has them (pip and the frozen
    build compile every module): with PYTHONDONTWRITEBYTECODE set, an editable checkout
    would compile every module it imports from source at every start, a cost no clerk's
    start pays (measured: ~500 M instructions, half a bare window's whole start)."""
    root = Path(__file__).resolve().parent.parent
    compileall.compile_dir(root / "desktop", quiet=1)
    compileall.compile_dir(root / "bench", quiet=1)


def bench_print_job(folder: Path, pages: int = 40) -> None:
    """The system-print path of the preview: pages drawn on a printer at 300 dpi (gray)."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.print_job", str(folder / "ours.pdf"), str(pages)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout.split()
    count, ours, raw = int(out[0]), float(out[1]), float(out[2])
    print(f"Printing from the preview: {count} sheets at 300 dpi gray (best of 2)")
    _row("print_pages to a PDF printer vs PDFium rendering the pages", ours, raw)
    print(f"  pages per second: ours {count / ours:.1f}, raw render {count / raw:.1f}")


def bench_window(path: Path, folder: Path) -> None:
    """Process start to the main window painted (bench.first_paint: the window as the clerk
    first sees it, the Tổng quan counts still on the task lane), and to `camket --screenshot`
    (which waits for them), each beside a bare PySide6 window; best of 3, interleaved."""
    bare_script = folder / "bare_window.py"
    bare_script.write_text(BARE_WINDOW, encoding="utf-8")
    root = str(Path(__file__).resolve().parent.parent)
    _compile_ours()
    first_paint = [
        sys.executable,
        "-c",
        f"import sys; sys.path.insert(0, {root!r});"
        " from bench.first_paint import main; main(sys.argv[1:])",
    ]
    runs: dict[str, list[float]] = {"bare": [], "painted": [], "counted": []}
    peak_ours = 0
    for _ in range(3):
        t, _rss = _run_measured([sys.executable, str(bare_script), str(folder / "bare.png")])
        runs["bare"].append(t)
        t, rss = _run_measured([*first_paint, str(path), str(folder / "painted.png")])
        runs["painted"].append(t)
        peak_ours = max(peak_ours, rss)
        shot = folder / "window.png"
        t, _rss = _run_measured([_camket(), "--db", str(path), "--screenshot", str(shot)])
        runs["counted"].append(t)
    bare = min(runs["bare"])
    print("Start to a painted main window (process start to PNG written, best of 3)")
    _row("start to the window painted vs bare PySide6 window", min(runs["painted"]), bare)
    _row("  camket --screenshot (Tổng quan counted) vs the same", min(runs["counted"]), bare)
    print(f"  peak memory of the window process: {peak_ours / 1024:.0f} MiB")


# --- encryption at rest ----------------------------------------------------------------------

BENCH_PASSPHRASE = "bench-passphrase-2026"


def _encrypted_copy(path: Path, target: Path) -> None:
    """``target``: the register at ``path`` copied (backup API), then encrypted in place."""
    target.unlink(missing_ok=True)
    source, copy = sqlite3.connect(path), sqlite3.connect(target)
    source.backup(copy)
    copy.close()
    source.close()
    encrypt_register(target, BENCH_PASSPHRASE, backup=False)


def _print_hamlet(path: Path, out: Path) -> float:
    reg = open_existing(path)
    try:
        first = reg.db.execute("SELECT id FROM hamlet ORDER BY sort_key LIMIT 1").fetchone()[0]
        hamlet = next(h for h in list_hamlets(reg.db) if h.id == first)
        campaign = current_campaign(reg)
        return _time(lambda: print_pledges(reg, out, campaign=campaign, hamlet=hamlet))
    finally:
        reg.close()


def bench_encryption(path: Path, folder: Path, count: int) -> None:
    """The same work on the register encrypted at rest (SQLCipher 4) beside the plain one:
    search, import and printing (after bench_printing and bench_import, whose files it
    reuses)."""
    # The key slot and the import subprocesses' unlocking: in the bench's own data folder,
    # made afresh (with --reuse, the slots of earlier runs would each cost a stretch).
    shutil.rmtree(folder / "userdata", ignore_errors=True)
    os.environ["CAMKET_DATA_DIR"] = str(folder / "userdata")
    os.environ[PASSPHRASE_ENV] = BENCH_PASSPHRASE
    encrypted = folder / "district-encrypted.sqlite3"
    _encrypted_copy(path, encrypted)
    queries = typical_queries(path, count)
    dbs = {"plain": open_register(path), "encrypted": open_register(encrypted)}
    first: dict[str, list[float]] = {"plain": [], "encrypted": []}
    warm: dict[str, list[float]] = {"plain": [], "encrypted": []}
    # Query by query in turns, so that the load of a shared machine falls on both alike.
    # The plain file is in the OS cache already (bench_search); the encrypted one's pages
    # are decrypted as the first pass reads them, then kept in its connection's cache.
    for times in (first, warm, warm):
        for query in queries:
            for label, db in dbs.items():
                times[label].append(_time(search_people, db, query, 50))
    for db in dbs.values():
        db.close()
    print(
        f"Encryption at rest (SQLCipher 4: {CURRENT.page_size // 1024} KiB pages,"
        f" {CURRENT.hmac.replace('_', '-')}) beside the plain register"
    )
    for name, times in (("first pass", first), ("warm", warm)):
        _row(
            f"search median, {name}: encrypted vs plain",
            statistics.median(times["encrypted"]),
            statistics.median(times["plain"]),
            "ms",
        )

    _rows, hamlets = _list_rows(folder / "import-source.sqlite3")
    listing = folder / "danh-sach.csv"
    elapsed = {"plain": float("inf"), "encrypted": float("inf")}
    for _ in range(2):  # best of two, in turns, each into a new register
        for label in ("plain", "encrypted"):
            target = folder / f"import-{label}-enc-bench.sqlite3"
            target.unlink(missing_ok=True)
            key = new_key(BENCH_PASSPHRASE) if label == "encrypted" else None
            create_register(target, "03478", hamlets, encrypted=key)
            took, _peak = _run_measured([_camket(), "import", "--db", str(target), str(listing)])
            elapsed[label] = min(elapsed[label], took)
    _row("camket import csv: encrypted vs plain", elapsed["encrypted"], elapsed["plain"])
    # What the import process pays once to unlock the register (the window: once a session).
    started = time.perf_counter()
    stretch(BENCH_PASSPHRASE, os.urandom(16))
    stretched = time.perf_counter() - started
    print(
        f"    of which the passphrase stretch, once a process (PBKDF2-SHA256,"
        f" {KDF_ITERATIONS:,} rounds): {stretched:.2f} s"
    )
    _row("  the import without it vs plain", elapsed["encrypted"] - stretched, elapsed["plain"])

    printed = {"plain": float("inf"), "encrypted": float("inf")}
    for _ in range(2):  # best of two, in turns
        for label, register in (("plain", path), ("encrypted", encrypted)):
            out = folder / f"print-{label}.pdf"
            printed[label] = min(printed[label], _print_hamlet(register, out))
    _row("print_pledges of a hamlet: encrypted vs plain", printed["encrypted"], printed["plain"])
    print(
        "  (ratio = encrypted / plain; the import includes the one passphrase stretch"
        " a process does to unlock the register, timed on its own above)"
    )


STAGES = (
    "search",
    "progress",
    "ledger",
    "printing",
    "print_job",
    "window",
    "editing",
    "import",
    "exchange",
    "encryption",
)

PROVINCE_HOUSEHOLDS = 480_000  # ~4.2 people each: a province of about 2,000,000 people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--import-households", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the register in")
    parser.add_argument(
        "--print-households", type=int, default=PRINT_HOUSEHOLDS, help="households to print"
    )
    parser.add_argument(
        "--province",
        action="store_true",
        help="province size: 480,000 households (~2,000,000 people); long, run on demand",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated stages to run (default all): " + ", ".join(STAGES),
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: reuse the district register a previous run left there",
    )
    args = parser.parse_args()
    if args.province:
        args.households = PROVINCE_HOUSEHOLDS
    chosen = [s for s in args.only.split(",") if s] or list(STAGES)
    unknown = sorted(set(chosen) - set(STAGES))
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(unknown)}; stages: {', '.join(STAGES)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        # A user data folder of the bench's own: the imports' automatic backups, the
        # installation and the window's state never land in the real CamKet folder.
        os.environ.setdefault("CAMKET_DATA_DIR", str(folder / "userdata"))
        path = folder / "district.sqlite3"
        if not (args.reuse and path.exists()):
            path.unlink(missing_ok=True)
            bench_generation(path, args.households)
        stages: dict[str, Callable[[], object]] = {
            "search": lambda: bench_search(path, args.queries),
            "progress": lambda: bench_progress(path),
            "ledger": lambda: bench_ledger(path),
            "printing": lambda: bench_printing(path, folder, args.print_households),
            "print_job": lambda: bench_print_job(folder),
            "window": lambda: bench_window(path, folder),
            "editing": lambda: bench_household_editing(path, folder),
            "import": lambda: bench_import(folder, args.import_households),
            "exchange": lambda: bench_exchange(path, folder),
            "encryption": lambda: bench_encryption(path, folder, args.queries),
        }
        for name in STAGES:
            if name in chosen:
                stages[name]()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"Peak memory of the bench process (raw copy + search): {peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
