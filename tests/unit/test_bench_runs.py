"""`make bench` keeps running as the code changes: its window scripts drive today's widgets.

The bench is run by hand, so a stage it no longer gets through (the household editor gained
the write lane as an argument, and the bench's editor window stopped there) would be found
only then; this runs that stage over a small register and checks its figures are printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.exchange import _merge_measured
from bench.run import EDITOR_WINDOW, bench_household_editing
from desktop.services.bundles import export_bundle
from desktop.services.demo import create_demo_register
from desktop.services.register import create_upper_register, open_existing
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


def test_the_merges_peak_memory_is_its_own_not_the_bench_processes(tmp_path: Path) -> None:
    """The merge runs in a child of the bench process, which by then has grown (the demo,
    the window stages): the figure is the child's own peak, not the parent's that exec
    carries over in ru_maxrss (an idle whole-bench run reported 477 MiB for 166)."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from Linux's /proc")
    grown = bytearray(400 * 1024**2)
    grown[::4096] = b"x" * len(range(0, len(grown), 4096))  # resident, page by page
    with as_pc(tmp_path / "data"):
        create_demo_register(tmp_path / "commune.sqlite3", households=5, seed=3)
        reg = open_existing(tmp_path / "commune.sqlite3")
        try:
            export_bundle(reg, tmp_path / "commune.camket")
        finally:
            reg.close()
        create_upper_register(tmp_path / "upper.sqlite3", "Đồn Biên phòng Sìn Hồ")
        _took, peak_kib = _merge_measured(tmp_path / "upper.sqlite3", tmp_path / "commune.camket")
    del grown
    assert 10 * 1024 < peak_kib < 300 * 1024


# Run before the bench's editor window script: notes whether Python's automatic cycle
# collection is still on when the window's write lane is made (its worker runs Python).
LANE_PROBE = """
import gc, sys
from desktop.ui import tasks
_made = tasks.TaskRunner.__init__
def _noted(self, *args, **kwargs):
    print("automatic collection when the lane is made:", gc.isenabled(), file=sys.stderr)
    _made(self, *args, **kwargs)
tasks.TaskRunner.__init__ = _noted
"""


def test_the_editor_window_collects_cycles_on_its_own_thread_as_the_app_does(
    tmp_path: Path,
) -> None:
    """A collection started by the lane's worker would free Qt objects there (a segfault,
    ui.cycle_collector): the bench's window runs as the app's, collector first."""
    path = tmp_path / "bench.sqlite3"
    with as_pc(tmp_path / "data"):
        create_demo_register(path, households=5, seed=3)
        reg = open_existing(path)
        try:
            household_id = reg.db.execute("SELECT id FROM household LIMIT 1").fetchone()[0]
        finally:
            reg.close()
    done = subprocess.run(
        [sys.executable, "-c", LANE_PROBE + EDITOR_WINDOW, str(path), household_id],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "CAMKET_DATA_DIR": str(tmp_path / "data"),
        },
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "automatic collection when the lane is made: False" in done.stderr


def test_the_bench_keeps_its_backups_and_installation_out_of_the_users_folder(
    tmp_path: Path,
) -> None:
    # The import stage's `camket import` runs back up the register first: in the bench's own
    # user data folder, not among the clerk's or developer's real backups.
    env = {k: v for k, v in os.environ.items() if k != "CAMKET_DATA_DIR"}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg"), HOME=str(tmp_path / "home"))
    keep = tmp_path / "keep"
    args = ["--households", "20", "--import-households", "8", "--only", "import"]
    printed = subprocess.run(
        [sys.executable, "-m", "bench.run", "--keep", str(keep), *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
    ).stdout
    assert any((keep / "userdata" / "backups").iterdir())
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home" / ".local").exists()
    # Both sides of the import's figure, each a fresh process, in wall and in CPU time.
    assert "wall: best" in printed and "; CPU: best" in printed
