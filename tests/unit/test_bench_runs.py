"""`make bench` keeps running as the code changes: its window scripts drive today's widgets.

The bench is run by hand, so a stage it no longer gets through (the household editor gained
the write lane as an argument, and the bench's editor window stopped there) would be found
only then; this runs that stage over a small register and checks its figures are printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.run import bench_household_editing
from desktop.services.demo import create_demo_register
from tests.unit.exchange_helpers import as_pc


def test_the_household_editing_stage_gets_through_the_editor_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bench.sqlite3"
    with as_pc(tmp_path / "data"):
        create_demo_register(path, households=5, seed=3)
        bench_household_editing(path, tmp_path)
    printed = capsys.readouterr().out
    assert "editor: load, type, recheck vs raw SELECTs" in printed
    assert "ratio" in printed.splitlines()[-1]
