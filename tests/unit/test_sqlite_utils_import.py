"""sqlite-utils' virtual-table pattern is compiled when first used, not at every start."""

from __future__ import annotations

import subprocess
import sys

from desktop.store.register import memory_register


def test_search_tables_are_still_told_from_plain_ones() -> None:
    db = memory_register()
    kinds = {table.name: table.virtual_table_using for table in db.tables}
    assert kinds["person_fts"] == "FTS5"
    assert kinds["household_fts"] == "FTS5"
    assert kinds["household"] is None
    db.close()


def test_opening_the_store_leaves_the_pattern_to_its_first_use() -> None:
    script = """
import desktop.store.register
import sqlite_utils.db as db
pattern = db._virtual_table_using_re
assert pattern._compiled is None, "compiled at import"
assert pattern.match(" create virtual table [x] using fts5(a)").group("using") == "fts5"
assert pattern.match("CREATE TABLE x (a)") is None
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
