"""A merge killed with SIGKILL at random points leaves the register as it was, or merged
whole: one transaction per bundle. Then the same bundle merges cleanly."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.register import create_from_bundle, create_register
from tests.faults.conftest import camket_env
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened


def _laptop_bundle(root: Path) -> tuple[Path, Path, Path]:
    """The office's register, and a bundle of the laptop's many edits to merge into it."""
    office, office_data = root / "office.sqlite3", root / "office-data"
    with as_pc(office_data):
        create_register(office, SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(office, office_data) as reg:
        export_bundle(reg, root / "empty.camket")
    laptop, laptop_data = root / "laptop.sqlite3", root / "laptop-data"
    with as_pc(laptop_data):
        create_from_bundle(laptop, root / "empty.camket")
    with opened(laptop, laptop_data) as reg:
        populate_demo(reg, 400, seed=9)
        export_bundle(reg, root / "laptop.camket")
    return office, office_data, root / "laptop.camket"


def test_a_killed_merge_leaves_the_register_as_it_was_or_merged_whole(tmp_path: Path) -> None:
    office, office_data, bundle = _laptop_bundle(tmp_path)
    before = content(office, office_data)
    merged_copy = tmp_path / "merged.sqlite3"
    shutil.copy(office, merged_copy)
    with opened(merged_copy, office_data) as reg:
        from desktop.services.merge import merge_bundle

        started = time.monotonic()
        assert merge_bundle(reg, bundle, backup=False).refused is None
        lasts = time.monotonic() - started  # about what a merge takes after its backup here
    after = content(merged_copy, office_data)
    assert after != before

    rng = random.Random(7)
    seen, killed = set(), 0
    for _ in range(5):
        trial = tmp_path / "trial.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{trial}{suffix}").unlink(missing_ok=True)
        shutil.copy(office, trial)
        merge = subprocess.Popen(
            [sys.executable, "-m", "desktop.cli", "merge", "--db", str(trial), str(bundle)],
            env=camket_env(office_data),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_merge_backup(office_data, merge)  # the merge's transaction comes next
        # Within the merge's transaction, however fast this machine merges (a fixed 0.4 s
        # came after the end once merges got faster).
        time.sleep(rng.uniform(0.0, 0.8 * lasts))
        merge.kill()
        killed += merge.wait() == -signal.SIGKILL  # not finished when killed
        state = content(trial, office_data)
        assert state in (before, after)
        seen.add("whole" if state == after else "as it was")
        with opened(trial, office_data) as reg:
            assert reg.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            from desktop.services.merge import merge_bundle

            assert merge_bundle(reg, bundle, backup=False).refused is None
        assert content(trial, office_data) == after
    assert killed >= 3, seen  # most merges were killed in their transaction


def _wait_for_merge_backup(data_dir: Path, merge: subprocess.Popen[bytes]) -> None:
    """Until the merge has taken its backup (it merges right after), or has ended."""
    known = set(data_dir.glob("backups/*/*-merge.sqlite3"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and merge.poll() is None:
        if set(data_dir.glob("backups/*/*-merge.sqlite3")) - known:
            return
        time.sleep(0.01)
