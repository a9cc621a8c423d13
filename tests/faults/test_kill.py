"""kill -9 at random points of init, demo, import, print and sign: afterwards the register
is whole (as before, or with all of the work), `check` finds it sound, an output is a whole
PDF or absent, and temporary files a killed run left are removed by the next run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services.checks import check_register
from tests.faults.conftest import camket_env, household_list, make_register

TRIALS = 3  # per command; run side by side on their own registers
CAMKET = "import sys; from desktop.cli import main; sys.exit(main(sys.argv[1:]))"


def killed_runs(
    commands: list[list[str]], data_dir: Path, seed: str, most: float = 1.6
) -> list[float]:
    """Start each command as its own process, kill each with SIGKILL after a random delay
    (the same delays for the same seed); the delays, to name a failing trial."""
    chance = random.Random(seed)
    delays = [chance.uniform(0.3, most) for _ in commands]
    started = time.monotonic()
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", CAMKET, *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=camket_env(data_dir),
        )
        for command in commands
    ]
    for run, delay in sorted(zip(runs, delays, strict=True), key=lambda pair: pair[1]):
        time.sleep(max(0.0, started + delay - time.monotonic()))
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
        run.wait()
    return delays


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "userdata")


def households(path: Path) -> int:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM household").fetchone()[0])


def whole_or_absent(path: Path, households_expected: int) -> None:
    if not path.exists():
        return
    report = check_register(path)
    assert report.ok, report.lines()
    assert households(path) == households_expected


@pytest.mark.parametrize("command", ["init", "demo"])
def test_a_register_killed_while_made_is_whole_or_absent(
    tmp_path: Path, data_dir: Path, command: str
) -> None:
    folders = [tmp_path / f"trial{n}" for n in range(TRIALS)]
    made = {
        "init": ["init", "--commune", "03478", "--hamlet", "Thôn 2", "--hamlet", "Bản Nậm Tăm"],
        "demo": ["demo", "--households", "3000"],
    }[command]
    commands = []
    for folder in folders:
        folder.mkdir()
        commands.append([*made, "--db", str(folder / "camket.sqlite3")])
    delays = killed_runs(commands, data_dir, f"make/{command}")

    remade = False
    for folder, delay in zip(folders, delays, strict=True):
        path = folder / "camket.sqlite3"
        whole_or_absent(path, 3000 if command == "demo" else 0)
        if path.exists() or remade:
            continue
        # The next run makes it, and takes away what the killed one left (once is proof).
        remade = True
        again = subprocess.run(
            [sys.executable, "-c", CAMKET, *made, "--db", str(path)],
            capture_output=True,
            text=True,
            env=camket_env(data_dir),
        )
        assert again.returncode == 0, (delay, again.stderr)
        assert listing(folder) == ["camket.sqlite3"], delay


def test_an_import_killed_midway_imports_all_or_nothing(tmp_path: Path, data_dir: Path) -> None:
    registers = []
    commands = []
    for n in range(TRIALS):
        folder = tmp_path / f"trial{n}"
        folder.mkdir()
        path = make_register(folder)
        listed = household_list(folder / "more.csv", "PK", 2000)
        registers.append(path)
        commands.append(["import", "--db", str(path), str(listed)])
    delays = killed_runs(commands, data_dir, "import", most=2.5)
    for path, delay in zip(registers, delays, strict=True):
        report = check_register(path)
        assert report.ok, (delay, report.lines())
        assert households(path) in (40, 2040), delay


def test_a_print_killed_midway_leaves_a_whole_pdf_or_none(tmp_path: Path, data_dir: Path) -> None:
    path = make_register(tmp_path, households=400)
    pdfs = [tmp_path / f"sheets{n}.pdf" for n in range(TRIALS)]
    commands = [["print", "pledges", "--db", str(path), "--out", str(pdf)] for pdf in pdfs]
    delays = killed_runs(commands, data_dir, "print", most=2.5)
    for pdf, delay in zip(pdfs, delays, strict=True):
        if pdf.exists():
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), delay
    assert check_register(path).ok
    # The next print into the folder takes away what the killed ones left.
    again = subprocess.run(
        [sys.executable, "-c", CAMKET, "print", "blank", "--db", str(path), "--out",
         str(tmp_path / "blank.pdf")],
        capture_output=True, text=True, env=camket_env(data_dir),
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert not [name for name in listing(tmp_path) if name.endswith(".part")]


def test_sign_loops_killed_midway_leave_a_sound_register(tmp_path: Path, data_dir: Path) -> None:
    path = make_register(tmp_path)
    on = time.strftime("%d/%m/%Y")
    loop = (
        "import sys\nfrom desktop.cli import main\n"
        "for n in range(1, 41):\n"
        f"    main(['sign', '--db', sys.argv[1], f'NT-{{n:04d}}', '--on', '{on}'])\n"
    )
    chance = random.Random("sign")
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", loop, str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=camket_env(data_dir),
        )
        for _ in range(TRIALS)
    ]
    for run in runs:
        time.sleep(chance.uniform(0.2, 0.6))
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    report = check_register(path)
    assert report.ok, report.lines()
    with sqlite3.connect(path) as conn:
        states = {row[0] for row in conn.execute("SELECT status FROM pledge")}
    assert states <= {"da_ky"}
