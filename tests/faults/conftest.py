"""The fault suite: `camket` commands in separate processes writing to one register at once,
killed with SIGKILL at random points, or run on damaged files. Each asserts what a clerk
would see: every command succeeds or refuses with a message; the register stays whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.services.import_lists import import_list
from desktop.services.register import create_register, open_existing
from tests.import_files import HEADERS, write_csv

RUNNER = Path(__file__).with_name("cli_runner.py")
SIN_HO = "03478"  # Xã Sìn Hồ, Lai Châu
HAMLET = "Bản Nậm Tăm"
# Family names per list, so two lists never hold the same person (imports match people).
FAMILIES = {"NT": ("Giàng A", "Sùng Thị"), "PK": ("Lò Văn", "Lường Thị")}
SYLLABLES = ("Sử", "Chứ", "Páo", "Dình", "Tủa", "Lử", "Nhè", "Phừ", "Vàng", "Sính")


@dataclass(frozen=True)
class Outcome:
    """One command of a runner: exit code, stderr, the traceback when it crashed."""

    argv: list[str]
    rc: int | None
    stderr: str
    crash: str | None


def household_list(path: Path, prefix: str, count: int) -> Path:
    """A CSV list of ``count`` two-person households of Bản Nậm Tăm, codes NT-0001… or
    PK-0001…"""
    rows = [HEADERS]
    husband, wife = FAMILIES[prefix]
    for n in range(1, count + 1):
        code = f"{prefix}-{n:04d}"
        # Names hold no digits: the n-th household's are told apart by syllables.
        given = " ".join(SYLLABLES[int(d)] for d in f"{n:03d}")
        rows.append([str(2 * n - 1), code, f"{husband} {given}", "03/04/1980", "Nam", "",
                     "Chủ hộ", HAMLET, "", "", "Mông"])  # fmt: skip
        rows.append([str(2 * n), "", f"{wife} {given}", "1982", "Nữ", "", "Vợ", "", "", "",
                     "Mông"])  # fmt: skip
    return write_csv(path, rows, "utf-8")


def make_register(folder: Path, households: int = 40) -> Path:
    """A register of Xã Sìn Hồ with ``households`` households NT-0001… to sign."""
    path = folder / "camket.sqlite3"
    create_register(path, SIN_HO, [HAMLET])
    register = open_existing(path)
    try:
        report = import_list(register, household_list(folder / "first.csv", "NT", households))
    finally:
        register.close()
    assert report.applied, report.errors
    return path


def camket_env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "CAMKET_DATA_DIR": str(data_dir)}


def start_runner(commands: list[list[str]], data_dir: Path) -> subprocess.Popen[str]:
    """Start a process that runs these `camket` commands one after another."""
    return subprocess.Popen(
        [sys.executable, str(RUNNER), json.dumps(commands)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=camket_env(data_dir),
    )


def outcomes(runner: subprocess.Popen[str], timeout: float = 120) -> list[Outcome]:
    out, err = runner.communicate(timeout=timeout)
    assert runner.returncode == 0, err
    return [Outcome(**json.loads(line)) for line in out.splitlines()]


def assert_clean(results: list[Outcome], allowed: frozenset[int] = frozenset({0})) -> None:
    """No command crashed; each exited as allowed or refused with the busy message."""
    crashes = [r.crash for r in results if r.crash]
    assert not crashes, crashes[0]
    for r in results:
        busy = r.rc == 2 and "đang bận" in r.stderr
        assert r.rc in allowed or busy, (r.argv, r.rc, r.stderr)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "userdata"
