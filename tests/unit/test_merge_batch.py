"""A batch of bundles merged with one helper process reading the next bundle while one is
written: every bundle ends as merging them one at a time in one process leaves them (the
same refusals, naming the same file and line; a refused one writes nothing and does not
stop the others; one of changes waits for its full bundle), a cancel or a dead helper
included, and the helper ends with the batch or with the merge's process."""

from __future__ import annotations

import csv
import io
import logging
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.messages import describe
from desktop.services import merge_helper
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import MergeResult, merge_bundles
from desktop.services.register import create_register, create_upper_register
from desktop.store import households as repo
from tests.unit.exchange_helpers import BINH_LU, SIN_HO, as_pc, content, opened, resign

TA_LENG = "03405"  # Xã Tả Lèng, Lai Châu


def _commune(tmp_path: Path, code: str, seed: int) -> tuple[Path, Path]:
    """A commune's register with 15 demo households, and its PC's data folder."""
    folder, path = tmp_path / f"{code}-data", tmp_path / f"{code}.sqlite3"
    with as_pc(folder):
        create_register(path, code, ["Thôn 1", "Thôn 2"])
    with opened(path, folder) as reg:
        populate_demo(reg, 15, seed=seed)
    return path, folder


def _export(register: tuple[Path, Path], out: Path, **options: Any) -> Path:
    with opened(*register) as reg:
        export_bundle(reg, out, **options)
    return out


@pytest.fixture
def communes(tmp_path: Path) -> list[tuple[Path, Path]]:
    return [_commune(tmp_path, code, seed) for seed, code in enumerate((SIN_HO, BINH_LU, TA_LENG))]


@pytest.fixture
def bundles(tmp_path: Path, communes: list[tuple[Path, Path]]) -> list[Path]:
    """Each commune's full bundle."""
    return [_export(c, tmp_path / f"{c[0].stem}.camket") for c in communes]


def _upper(tmp_path: Path, name: str) -> tuple[Path, Path]:
    path, folder = tmp_path / f"{name}.sqlite3", tmp_path / f"{name}-data"
    with as_pc(folder):
        create_upper_register(path, "Đồn Biên phòng", "12")
    return path, folder


def _merged(register: tuple[Path, Path], paths: list[Path], **options: Any) -> list[MergeResult]:
    with opened(*register) as reg:
        return merge_bundles(reg, paths, **options)


class Served:
    """The bundles given to the helper, the tables it read of them (bundle file, table),
    and how many helpers were started."""

    def __init__(self) -> None:
        self.given: list[str] = []
        self.tables: list[tuple[str, str]] = []
        self.started = 0
        self.ready: list[str] = []  # the bundles whose people it was asked to send ready


@pytest.fixture
def one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """No helper: every bundle read in the merge's own process."""
    monkeypatch.setattr(merge_helper, "HELPED_ROWS", 10**9)
    monkeypatch.setattr(merge_helper, "AHEAD_ROWS", 10**9)


def _helped(monkeypatch: pytest.MonkeyPatch) -> Served:
    """The batch's helper started by its second bundle, however small (the first is read
    here meanwhile, as a batch of commune bundles is)."""
    served = Served()
    lines, start = merge_helper.LineFeed.lines, merge_helper.LineHelper.__init__
    read = merge_helper.LineHelper.read

    def given(helper: merge_helper.LineHelper, bundle: Any, *asked: Any) -> Any:
        served.given.append(bundle.source)
        if asked[1:2] == (True,):
            served.ready.append(bundle.source)
        return read(helper, bundle, *asked)

    def counted(feed: merge_helper.LineFeed, name: str) -> Iterator[Any]:
        served.tables.append((feed.bundle.source, name))
        yield from lines(feed, name)

    def started(helper: merge_helper.LineHelper, *args: Any) -> None:
        served.started += 1
        start(helper, *args)

    monkeypatch.setattr(merge_helper, "HELPED_ROWS", 10**9)
    monkeypatch.setattr(merge_helper, "AHEAD_ROWS", 0)
    monkeypatch.setattr(merge_helper.LineFeed, "lines", counted)
    monkeypatch.setattr(merge_helper.LineHelper, "__init__", started)
    monkeypatch.setattr(merge_helper.LineHelper, "read", given)
    return served


def _alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> Any:
    """What merging ``paths`` one by one in one process leaves in a new upper register, and
    the results."""
    monkeypatch.setattr(merge_helper, "HELPED_ROWS", 10**9)
    monkeypatch.setattr(merge_helper, "AHEAD_ROWS", 10**9)
    alone = _upper(tmp_path, "alone")
    results = [_merged(alone, [path])[0] for path in paths]
    return content(*alone), results


def _person_birth_changed(bundle: Path, folder: Path, out: Path) -> Path:
    """The bundle re-signed with the 10th person's birth a day that does not exist."""

    def change(name: str, data: bytes) -> bytes:
        if name != "tables/person.csv":
            return data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        rows[10][rows[0].index("birth")] = "1990-02-31"
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\r\n").writerows(rows)
        return text.getvalue().encode("utf-8-sig")

    return resign(bundle, out, folder, change)


def test_a_damaged_bundle_in_a_batch_is_refused_alone_and_the_next_one_merges(
    tmp_path: Path,
    communes: list[tuple[Path, Path]],
    bundles: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    damaged = _person_birth_changed(bundles[1], communes[1][1], tmp_path / "damaged.camket")
    batch = [bundles[0], damaged, bundles[2]]
    expected, alone = _alone(tmp_path, monkeypatch, batch)
    served = _helped(monkeypatch)
    upper = _upper(tmp_path, "upper")
    results = _merged(upper, batch)
    assert [r.refused is None for r in results] == [True, False, True]
    refused, refused_alone = results[1].refused, alone[1].refused
    assert refused is not None and refused_alone is not None
    assert refused.code == "bundle.bad_value"
    assert describe(refused) == describe(refused_alone)  # the same file, line and column
    assert "damaged.camket" in describe(refused) and "person.csv, dòng 11" in describe(refused)
    assert [r.counts for r in results] == [r.counts for r in alone]
    assert content(*upper) == expected  # nothing of the damaged one, all of the others
    # One helper for the batch read the damaged bundle's people and the last bundle.
    assert served.started == 1
    assert ("damaged.camket", "person") in served.tables
    assert (bundles[2].name, "person") in served.tables
    # Each read ahead while the one before was written: its people sent ready to store.
    assert served.ready == ["damaged.camket", bundles[2].name]
    assert multiprocessing.active_children() == []
    assert _children() == []  # multiprocessing's resource tracker ended with it too


@pytest.mark.parametrize("order", [(1, 0, 2), (2, 1, 0)])
def test_a_bundle_of_changes_given_before_its_full_bundle_waits_for_it(
    tmp_path: Path,
    communes: list[tuple[Path, Path]],
    monkeypatch: pytest.MonkeyPatch,
    order: tuple[int, int, int],
) -> None:
    """First in the batch (read here), or second (read by the helper, then refused as
    waiting: what the helper read of it is dropped) and merged after its full bundle."""
    office = communes[0]
    full = _export(office, tmp_path / "full.camket")
    with opened(*office) as reg:
        code = reg.db.execute("SELECT code FROM household ORDER BY code").fetchone()[0]
        household = repo.find_household_by_code(reg.db, code)
        assert household is not None
        reg.writer.update("household", household.id, {"address": "Bản Mới"})
    changes = _export(office, tmp_path / "changes.camket", since=full)
    other = _export(communes[1], tmp_path / "other.camket")
    given = [full, changes, other]
    expected, alone = _alone(tmp_path, monkeypatch, given)
    served = _helped(monkeypatch)
    upper = _upper(tmp_path, "upper")
    results = _merged(upper, [given[i] for i in order])
    assert all(r.refused is None for r in results)
    assert results[order.index(1)].total("updated") == alone[1].total("updated") == 1
    assert content(*upper) == expected
    assert ("full.camket", "household") in served.tables
    assert ("changes.camket" in served.given) == (order[1] == 1)
    assert served.started == 1
    assert multiprocessing.active_children() == []


def test_a_batch_cancelled_while_the_helper_reads_its_second_bundle_keeps_only_the_first(
    tmp_path: Path, bundles: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected, _ = _alone(tmp_path, monkeypatch, bundles[:1])
    served = _helped(monkeypatch)
    upper = _upper(tmp_path, "upper")

    def cancelled() -> bool:  # the clerk presses Cancel once the second's people are read
        return (bundles[1].name, "person") in served.tables

    results = _merged(upper, bundles, cancelled=cancelled)
    assert [r.refused is None and not r.cancelled for r in results] == [True, False, False]
    assert results[1].cancelled and results[2].cancelled
    assert content(*upper) == expected
    assert multiprocessing.active_children() == []


def test_a_helper_killed_mid_batch_leaves_every_bundle_merged_in_the_merge_s_process(
    tmp_path: Path, bundles: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected, alone = _alone(tmp_path, monkeypatch, bundles)
    served = _helped(monkeypatch)
    lines = merge_helper.LineFeed.lines

    def killed(feed: merge_helper.LineFeed, name: str) -> Iterator[Any]:
        """The memory killer of a small PC ends the helper as the second bundle's
        households are read."""
        if feed.bundle.source == bundles[1].name and name == "household":
            (helper,) = multiprocessing.active_children()
            os.kill(helper.pid or 0, signal.SIGKILL)
            helper.join()
        yield from lines(feed, name)

    monkeypatch.setattr(merge_helper.LineFeed, "lines", killed)
    upper = _upper(tmp_path, "upper")
    results = _merged(upper, bundles)
    assert all(r.refused is None for r in results)
    assert [r.counts for r in results] == [r.counts for r in alone]
    assert content(*upper) == expected
    assert served.started == 1  # not started again: the rest were read in this process
    assert multiprocessing.active_children() == []


def test_a_helper_that_cannot_start_leaves_the_batch_merged_in_the_merge_s_process(
    tmp_path: Path, bundles: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No process to be had (the system's limit, an antivirus): logged, not a refusal."""
    expected, alone = _alone(tmp_path, monkeypatch, bundles)
    served = _helped(monkeypatch)
    tries: list[int] = []

    def refused(helper: merge_helper.LineHelper, *args: Any) -> None:
        tries.append(1)
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(merge_helper.LineHelper, "__init__", refused)
    upper = _upper(tmp_path, "upper")
    results = _merged(upper, bundles)
    assert all(r.refused is None for r in results)
    assert [r.counts for r in results] == [r.counts for r in alone]
    assert content(*upper) == expected
    assert tries == [1] and served.tables == []  # tried once for the batch


_PARENT = """
import sys, time
from pathlib import Path
from desktop.services import merge_helper
from desktop.services.register import open_existing

if __name__ == "__main__":
    merge_helper.AHEAD_ROWS = 0
    reg = open_existing(Path(sys.argv[1]))
    reading = merge_helper.BatchReading(reg.db, None)
    reading.open(Path(sys.argv[2]), Path(sys.argv[3]))  # the second one given to the helper
    import multiprocessing
    (helper,) = multiprocessing.active_children()
    print(helper.pid, flush=True)
    time.sleep(120)
"""


def test_the_helper_ends_when_the_merge_s_process_is_killed(
    tmp_path: Path, bundles: list[Path]
) -> None:
    upper = _upper(tmp_path, "upper")
    script = tmp_path / "parent.py"
    script.write_text(_PARENT, encoding="utf-8")
    env = {**os.environ, "CAMKET_DATA_DIR": str(upper[1]), "PYTHONPATH": os.getcwd()}
    with subprocess.Popen(
        [sys.executable, str(script), str(upper[0]), str(bundles[0]), str(bundles[1])],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as parent:
        assert parent.stdout is not None
        helper = int(parent.stdout.readline())
        assert _running(helper)
        parent.kill()  # kill -9
    for _ in range(600):  # it notices its pipes closed (bounded wait, not a timing check)
        if not _running(helper):
            break
        time.sleep(0.05)
    assert not _running(helper)


def _running(pid: int) -> bool:
    """Whether the process runs (a zombie nobody reaped has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def _children() -> list[str]:
    """The command lines of this process's child processes that run."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == os.getpid() and fields[0] != "Z":
                found.append((stat.parent / "cmdline").read_text().replace("\0", " "))
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
    return found


_SETTINGS = ("synchronous", "wal_autocheckpoint", "cache_size", "temp_store")


def _households_in_file_alone(register: Path, copy: Path) -> int:
    """The households the register file holds by itself, without its WAL (what a checkpoint
    copied into it)."""
    copy.write_bytes(register.read_bytes())
    conn = sqlite3.connect(copy)
    try:
        return int(conn.execute("SELECT count(*) FROM household").fetchone()[0])
    finally:
        conn.close()


def test_a_batch_writes_the_register_file_once_at_its_end_and_an_edit_let_in_is_synced(
    tmp_path: Path, bundles: list[Path], one_process: None
) -> None:
    """The bundles' commits gather in the WAL, not synced one by one, and are copied into
    the register file and synced together when the batch ends (before, each commit of a
    commune's bundle was checkpointed and synced on its own: 180 syncs for 40 bundles);
    an edit let in between two bundles is committed synced, as outside a batch; the
    connection's settings are as they were after it."""
    upper = _upper(tmp_path, "upper")
    between: list[tuple[int, bytes]] = []
    during: set[int] = set()
    with opened(*upper) as reg:
        reg.db.execute("PRAGMA wal_autocheckpoint = 1")  # outside a batch: after any commit
        synced = reg.db.execute("PRAGMA synchronous").fetchone()[0]
        settings = [reg.db.execute(f"PRAGMA {name}").fetchone()[0] for name in _SETTINGS]

        def let_edits_in() -> None:
            mode = reg.db.execute("PRAGMA synchronous").fetchone()[0]
            between.append((mode, upper[0].read_bytes()))

        def progress(done: int, total: int) -> None:  # inside a bundle's transaction
            during.add(reg.db.execute("PRAGMA synchronous").fetchone()[0])

        reg.between_transactions = let_edits_in
        results = merge_bundles(reg, bundles, progress)
        assert all(r.refused is None for r in results)
        assert [mode for mode, _ in between] == [synced] * len(bundles)
        assert during == {1}  # NORMAL: the batch's end syncs its commits
        # The register file as it was before the batch until its end: nothing checkpointed.
        assert {file for _, file in between} == {between[0][1]}
        assert reg.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1
        assert [reg.db.execute(f"PRAGMA {name}").fetchone()[0] for name in _SETTINGS] == settings
        households = reg.db.execute("SELECT count(*) FROM household").fetchone()[0]
        assert households == 45
        # Checkpointed at its end: the register file alone holds every bundle.
        assert _households_in_file_alone(upper[0], tmp_path / "alone.sqlite3") == households


def test_a_batch_read_beside_by_another_connection_still_ends_synced(
    tmp_path: Path,
    bundles: list[Path],
    one_process: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A reader holding the register as it was before the batch (another program's): the
    batch's checkpoint cannot copy past it, so the WAL is synced by itself; the reader still
    reads what it read, and the register holds every bundle."""
    upper = _upper(tmp_path, "upper")
    reader = sqlite3.connect(upper[0])
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM household").fetchone()[0] == 0
        with caplog.at_level(logging.INFO, logger="desktop.store.bulk"):
            results = _merged(upper, bundles)
        assert all(r.refused is None for r in results)
        assert "WAL synced after a batch" in caplog.text
        assert reader.execute("SELECT count(*) FROM household").fetchone()[0] == 0
        reader.execute("COMMIT")
        assert reader.execute("SELECT count(*) FROM household").fetchone()[0] == 45
    finally:
        reader.close()
