"""`camket commune forget` killed with SIGKILL at random points leaves the upper register as
it was, or with the commune's data dropped whole: one transaction."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop.services.bundles import export_bundle
from desktop.services.communes import forget_commune
from desktop.services.merge import merge_bundle
from desktop.services.register import create_upper_register
from desktop.store.registry import TABLES
from tests.faults.conftest import camket_env
from tests.unit.exchange_helpers import SIN_HO, as_pc, demo_office, opened

_FORGET = [sys.executable, "-m", "desktop.cli", "commune", "forget"]


def _post_with_a_big_commune(root: Path) -> tuple[Path, Path]:
    commune = demo_office(root, 600, seed=4)
    with opened(*commune) as reg:
        export_bundle(reg, root / "commune.camket")
    post, post_data = root / "post.sqlite3", root / "post-data"
    with as_pc(post_data):
        create_upper_register(post, "Đồn Biên phòng Sìn Hồ", "12")
    with opened(post, post_data) as reg:
        assert merge_bundle(reg, root / "commune.camket").refused is None
    return post, post_data


def _live(path: Path, data: Path) -> dict[str, list[str]]:
    """The live rows' ids of every synced table (a removal run again stamps other times)."""
    with opened(path, data) as reg:
        return {
            spec.name: [
                r
                for (r,) in reg.db.execute(
                    f"SELECT id FROM [{spec.name}] WHERE deleted = 0 ORDER BY id"
                )
            ]
            for spec in TABLES
        }


def test_a_killed_removal_leaves_the_register_as_it_was_or_the_commune_dropped_whole(
    tmp_path: Path,
) -> None:
    post, data = _post_with_a_big_commune(tmp_path)
    before = _live(post, data)
    done_copy = tmp_path / "done.sqlite3"
    shutil.copy(post, done_copy)
    with opened(done_copy, data) as reg:
        started = time.monotonic()
        assert forget_commune(reg, SIN_HO).rows > 0
        lasts = time.monotonic() - started
    after = _live(done_copy, data)
    assert after != before

    rng = random.Random(11)
    killed, seen = 0, set()
    for _ in range(5):
        trial = tmp_path / "trial.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{trial}{suffix}").unlink(missing_ok=True)
        shutil.copy(post, trial)
        known = set(data.glob("backups/*/*-forget.sqlite3"))
        forget = subprocess.Popen(
            [*_FORGET, "--db", str(trial), SIN_HO, "--yes"],
            env=camket_env(data),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60  # until its backup is taken: it removes next
        while time.monotonic() < deadline and forget.poll() is None:
            if set(data.glob("backups/*/*-forget.sqlite3")) - known:
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.8 * lasts))
        forget.kill()
        killed += forget.wait() == -signal.SIGKILL
        state = _live(trial, data)
        assert state in (before, after)
        seen.add("dropped" if state == after else "as it was")
        with opened(trial, data) as reg:
            assert reg.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert killed >= 3, seen  # most were killed before they ended
