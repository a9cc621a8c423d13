"""A merge killed with SIGKILL at random points leaves the register as it was, or merged
whole: one transaction per bundle. Then the same bundle merges cleanly."""

from __future__ import annotations

import contextlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundles
from desktop.services.register import (
    create_from_bundle,
    create_register,
    create_upper_register,
)
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
        # Within the merge's transaction, however fast this machine merges (a fixed 0.4 s
        # came after the end once merges got faster).
        returned = _killed_merge(
            office, trial, office_data, [bundle], rng.uniform(0.0, 0.8 * lasts)
        )
        killed += returned == -signal.SIGKILL  # not finished when killed
        state = content(trial, office_data)
        assert state in (before, after)
        seen.add("whole" if state == after else "as it was")
        with opened(trial, office_data) as reg:
            assert reg.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            from desktop.services.merge import merge_bundle

            assert merge_bundle(reg, bundle, backup=False).refused is None
        assert content(trial, office_data) == after
    assert killed >= 3, seen  # most merges were killed in their transaction


def _killed_merge(
    register: Path, trial: Path, data: Path, files: list[Path], after: float, received: int = 0
) -> int:
    """`camket merge` of ``files`` into ``trial``, a copy of ``register``, killed with
    SIGKILL ``after`` seconds past its backup (its first bundle comes next), or once its
    bundle log names ``received`` bundles merged; its exit code."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{trial}{suffix}").unlink(missing_ok=True)
    shutil.copy(register, trial)
    merge = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "merge", "--db", str(trial), *map(str, files)],
        env=camket_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for_merge_backup(data, merge)
    if received:
        _wait_for_received(trial, merge, received)
    time.sleep(after)
    merge.kill()
    return merge.wait()


def _wait_for_received(trial: Path, merge: subprocess.Popen[bytes], count: int) -> None:
    """Until the merge has committed ``count`` bundles (read beside it, as WAL lets), or
    has ended."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and merge.poll() is None:
        with contextlib.closing(sqlite3.connect(f"file:{trial}?mode=ro", uri=True)) as db:
            try:
                found = db.execute(
                    "SELECT count(*) FROM bundle_log WHERE direction = 'received'"
                ).fetchone()[0]
            except sqlite3.OperationalError:  # busy a moment: read again
                found = 0
        if found >= count:
            return
        time.sleep(0.01)


def _wait_for_merge_backup(data_dir: Path, merge: subprocess.Popen[bytes]) -> None:
    """Until the merge has taken its backup (it merges right after), or has ended."""
    known = set(data_dir.glob("backups/*/*-merge.sqlite3"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and merge.poll() is None:
        if set(data_dir.glob("backups/*/*-merge.sqlite3")) - known:
            return
        time.sleep(0.01)


def _commune_bundles(root: Path) -> list[Path]:
    """Three communes' full bundles of 120 demo households each."""
    made = []
    for seed, code in enumerate(("03478", "03390", "03405")):  # Sìn Hồ, Bình Lư, Tả Lèng
        path, folder = root / f"{code}.sqlite3", root / f"{code}-data"
        with as_pc(folder):
            create_register(path, code, ["Thôn 1", "Thôn 2"])
        with opened(path, folder) as reg:
            populate_demo(reg, 120, seed=seed)
            export_bundle(reg, root / f"{code}.camket")
        made.append(root / f"{code}.camket")
    return made


def test_a_batch_killed_leaves_the_register_as_of_one_of_its_bundles(tmp_path: Path) -> None:
    """`camket merge` of three bundles into an upper register (one batch: its commits
    gathered in the WAL, synced and checkpointed at its end) killed with SIGKILL at random
    points: the register is whole, as after the first k bundles, and the same files merged
    again make it as after all of them."""
    bundles = _commune_bundles(tmp_path)
    upper, data = tmp_path / "upper.sqlite3", tmp_path / "upper-data"
    with as_pc(data):
        create_upper_register(upper, "Đồn Biên phòng", "12")
    states = [content(upper, data)]
    for k in range(1, len(bundles) + 1):  # the register after the first k bundles
        step = tmp_path / f"after-{k}.sqlite3"
        shutil.copy(upper, step)
        with opened(step, data) as reg:
            started = time.monotonic()
            assert all(r.refused is None for r in merge_bundles(reg, bundles[:k]))
            lasts = time.monotonic() - started  # k = 3: about what the batch takes here
        states.append(content(step, data))
    rng = random.Random(11)
    seen = set()
    # Right after the backup, once the second bundle is in, and three times at random: the
    # first two kill in different bundles however fast this machine merges (random times
    # alone once all fell within the first, the helper process starting meanwhile).
    for kill_at in (0.0, 2, *(rng.uniform(0.0, lasts) for _ in range(3))):
        trial = tmp_path / "trial.sqlite3"
        if isinstance(kill_at, int):
            _killed_merge(upper, trial, data, bundles, 0.0, received=kill_at)
        else:
            _killed_merge(upper, trial, data, bundles, kill_at)
        state = content(trial, data)
        assert state in states
        seen.add(states.index(state))
        with opened(trial, data) as reg:
            assert reg.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert all(r.refused is None for r in merge_bundles(reg, bundles))
        assert content(trial, data) == states[-1]
    assert len(seen) >= 2, seen  # killed at different bundles of the batch
