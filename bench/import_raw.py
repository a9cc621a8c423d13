"""`make bench` helper: the raw side of the import stage, in a fresh process as the import's
own side is (`camket import`): reading the list's cells (calamine for an XLSX, the csv module
for a CSV), then a plain executemany of the rows the import wrote into bare tables, one
transaction. The rows to write are loaded from the imported register before the clock
starts. Prints the reading's and the write's wall and CPU (user + sys) seconds."""

from __future__ import annotations

import csv
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

WRITTEN_TABLES = ("household", "person")


def read_list(path: Path) -> int:
    """Only read the cells (csv module; calamine, as the import reads an XLSX): the least
    any import costs."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return len(list(csv.reader(fh)))
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(path) as workbook:
        return len(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))


def written_rows(register: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """The rows of the tables an import fills, with their column names."""
    conn = sqlite3.connect(register)
    written = {}
    for table in WRITTEN_TABLES:
        cursor = conn.execute(f"SELECT * FROM {table}")
        written[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    conn.close()
    return written


def raw_load(out: Path, written: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> None:
    """The rows inserted by plain sqlite3 into bare tables, one transaction (no reading,
    checking, matching, sort keys, search index or audit)."""
    out.unlink(missing_ok=True)
    raw = sqlite3.connect(out)
    with raw:
        for table, (names, data) in written.items():
            raw.execute(f"CREATE TABLE {table} ({', '.join(names)})")
            marks = ", ".join("?" * len(names))
            raw.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
    raw.close()


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def main() -> None:
    listing, register, out = (Path(a) for a in sys.argv[1:4])
    written = written_rows(register)
    wall, cpu = _clocks()
    read_list(listing)
    read_wall, read_cpu = _clocks()
    raw_load(out, written)
    write_wall, write_cpu = _clocks()
    out.unlink()
    print(read_wall - wall, read_cpu - cpu, write_wall - read_wall, write_cpu - read_cpu)


if __name__ == "__main__":
    main()
