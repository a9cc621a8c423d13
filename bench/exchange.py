"""`make bench`, exchange: export of the district register, its merge into an empty upper
register, and 40 commune bundles merged one after another, each beside the raw cost of the
same work (plain csv + zipfile for the export; reading the same CSVs and executemany into
bare tables for a merge)."""

from __future__ import annotations

import csv
import io
import os
import resource
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from desktop.services.bundles import export_bundle
from desktop.services.demo import create_demo_register
from desktop.services.merge import merge_bundle, merge_bundles
from desktop.services.register import create_upper_register, open_existing
from desktop.store.admin_units import load_communes
from desktop.store.registry import TABLES

COMMUNE_BUNDLES = 40
COMMUNE_HOUSEHOLDS = 1_250


def _row(label: str, ours: float, raw: float) -> None:
    print(f"  {label:<44} {ours:9.2f} s   raw {raw:9.2f} s   ratio {ours / raw:6.3g}")


def _raw_export(db_path: Path, out: Path) -> float:
    """Every synced table's rows, as plain csv into a deflated zip."""
    started = time.perf_counter()
    conn = sqlite3.connect(db_path)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for spec in TABLES:
            columns = [c for c in spec.exported]
            cursor = conn.execute(f"SELECT {', '.join(columns)} FROM [{spec.name}]")
            with zf.open(f"tables/{spec.name}.csv", "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, "utf-8-sig", newline="")
                writer = csv.writer(text, lineterminator="\r\n")
                writer.writerow(columns)
                writer.writerows(cursor)
                text.flush()
                text.detach()
    conn.close()
    return time.perf_counter() - started


def _raw_merge(bundles: list[Path], target: Path) -> float:
    """The same CSVs read and executemany'd into bare tables (no keys, no indexes), one
    transaction per bundle: the floor any merge stands on."""
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    conn = sqlite3.connect(target)
    made: set[str] = set()
    for bundle in bundles:
        with zipfile.ZipFile(bundle) as zf, conn:
            for spec in TABLES:
                with zf.open(f"tables/{spec.name}.csv") as raw:
                    reader = csv.reader(io.TextIOWrapper(raw, "utf-8-sig", newline=""))
                    header = next(reader)
                    if spec.name not in made:
                        conn.execute(f"CREATE TABLE [{spec.name}] ({', '.join(header)})")
                        made.add(spec.name)
                    marks = ", ".join("?" * len(header))
                    conn.executemany(f"INSERT INTO [{spec.name}] VALUES ({marks})", reader)
    conn.close()
    return time.perf_counter() - started


def _merge_all(upper: Path, bundles: list[Path]) -> float:
    started = time.perf_counter()
    reg = open_existing(upper)
    try:
        for bundle in bundles:
            result = merge_bundle(reg, bundle, backup=False)
            assert result.refused is None, result.refused
    finally:
        reg.close()
    return time.perf_counter() - started


def _merge_batch(upper: Path, bundles: list[Path]) -> tuple[float, float, float]:
    """The bundles merged as a person merges them (`camket merge --db UPPER a.camket …`, the
    window's merge): merge_bundles, with the batch's one backup copy of the register and
    its helper process. Its time, and the CPU time of this process and of the helper."""
    own, helpers = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    reg = open_existing(upper)
    try:
        results = merge_bundles(reg, bundles)
    finally:
        reg.close()
    elapsed = time.perf_counter() - started
    refused = [r.refused for r in results if r.refused is not None or r.cancelled]
    assert not refused, refused
    own, helpers = _cpu(resource.RUSAGE_SELF) - own, _cpu(resource.RUSAGE_CHILDREN) - helpers
    return elapsed, own, helpers


def _cpu(who: int) -> float:
    """CPU time (user + system) of this process, or of its children that ended."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def own_peak_kib() -> int:
    """This process's own peak resident memory (KiB): VmHWM where Linux gives it, which
    unlike ru_maxrss does not include the parent's peak inherited across fork + exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _merge_measured(upper: Path, bundle: Path) -> tuple[float, int]:
    """The merge of one bundle (as _merge_all) in a process of its own: its time and the
    process's peak resident memory (KiB)."""
    # The peak is VmHWM of the child's own memory: its ru_maxrss would be at least this
    # (big) bench process's, which Linux carries across fork + exec into the child.
    code = (
        "import sys; from pathlib import Path; from bench.exchange import _merge_all;"
        "from bench.exchange import own_peak_kib;"
        "print(_merge_all(Path(sys.argv[1]), [Path(sys.argv[2])]), own_peak_kib())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(upper), str(bundle)],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout.split()
    return float(out[-2]), int(out[-1])


def _forget(register: Path) -> None:
    """Removes a register an earlier run left in a kept folder, with its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{register}{suffix}").unlink(missing_ok=True)


def bench_exchange(district: Path, folder: Path) -> None:
    print("Exchange (bundles and merge)")
    bundle = folder / "district.camket"
    reg = open_existing(district)
    try:
        started = time.perf_counter()
        export_bundle(reg, bundle)
        ours = time.perf_counter() - started
    finally:
        reg.close()
    raw = _raw_export(district, folder / "raw-export.zip")
    people = sqlite3.connect(district).execute("SELECT count(*) FROM person").fetchone()[0]
    _row(f"export the district ({people:,} people)", ours, raw)
    print(f"  bundle size: {bundle.stat().st_size / 1024**2:.1f} MiB")

    upper = folder / "upper.sqlite3"
    _forget(upper)
    create_upper_register(upper, "Bench upper register")
    ours, peak = _merge_measured(upper, bundle)
    raw = _raw_merge([bundle], folder / "raw-merge.sqlite3")
    _row("merge it into an empty upper register", ours, raw)
    print(f"  peak memory of that merge (a process of its own): {peak / 1024:.0f} MiB")
    again = _merge_all(upper, [bundle])
    _row("merge it again (all unchanged)", again, raw)

    communes = [c.code for c in load_communes()[:COMMUNE_BUNDLES]]
    bundles = []
    for number, code in enumerate(communes):
        commune_bundle = folder / f"commune-{code}.camket"
        bundles.append(commune_bundle)
        if commune_bundle.exists():  # kept from an earlier run (--keep): the same seed
            continue
        path = folder / f"commune-{code}.sqlite3"
        _forget(path)
        create_demo_register(path, COMMUNE_HOUSEHOLDS, seed=number, commune_code=code)
        reg = open_existing(path)
        try:
            export_bundle(reg, commune_bundle)
        finally:
            reg.close()
    many = folder / "upper-many.sqlite3"
    _forget(many)
    create_upper_register(many, "Bench 40 communes")
    ours, own_cpu, helper_cpu = _merge_batch(many, bundles)
    raw = _raw_merge(bundles, folder / "raw-many.sqlite3")
    _row(f"{COMMUNE_BUNDLES} commune bundles of {COMMUNE_HOUSEHOLDS:,} households", ours, raw)
    print(
        f"  (merge_bundles with its backup copy; CPU: the merge's process {own_cpu:.2f} s,"
        f" its helper process {helper_cpu:.2f} s)"
    )
    print(
        "  (raw = the same CSVs read and executemany'd into bare tables of the same columns,"
        " one transaction per bundle: no keys, indexes, checks, sort keys or search index)"
    )
    most = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  peak memory of the bench process so far: {most / 1024:.0f} MiB")
