"""What sqlite-utils brings that CamKet rarely or never uses is loaded when used, not at start."""

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


def test_opening_the_store_leaves_them_to_their_first_use() -> None:
    script = """
import desktop.store.register
import sqlite_utils.db as db
pattern = db._virtual_table_using_re
assert pattern._compiled is None, "compiled at import"
assert pattern.match(" create virtual table [x] using fts5(a)").group("using") == "fts5"
assert pattern.match("CREATE TABLE x (a)") is None
import sys
assert "dateutil.parser._parser" not in sys.modules, "dateutil's parser loaded at import"
from sqlite_utils import recipes
assert recipes.parsedate("05/01/2024", dayfirst=True) == "2024-01-05"
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
