"""The log file: in the data folder from set-up on, rotated past 1 MB with five kept."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.userdata import DATA_DIR_ENV, setup_logging


def test_the_file_is_there_from_set_up_and_rotates_keeping_five(log_file: Path) -> None:
    assert log_file.exists()
    log = logging.getLogger("desktop.test")
    line = "x" * 1000
    for _ in range(7 * 1000):  # ~7 MB of records
        log.info(line)
    kept = sorted(p.name for p in log_file.parent.glob("camket.log*"))
    assert kept == ["camket.log", *(f"camket.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 1_001_200 for p in log_file.parent.glob("camket.log*"))


def test_a_log_file_that_cannot_be_written_is_said_at_set_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "logs" / "camket.log").mkdir(parents=True)  # not a file it can append to
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    with pytest.raises(OSError):
        setup_logging()


def test_a_start_that_logs_nothing_does_not_load_the_rotating_handler(tmp_path: Path) -> None:
    script = (
        "import sys; from desktop.userdata import setup_logging; setup_logging();"
        " assert 'logging.handlers' not in sys.modules"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, DATA_DIR_ENV: str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr


class _FullDisk:
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")

    def close(self) -> None:
        pass


def test_a_full_disk_under_the_log_loses_the_line_without_a_word_on_the_terminal(
    log_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The user's profile (the data folder) full: every command printed "--- Logging error
    # ---" and two English tracebacks above its own Vietnamese message.
    log = logging.getLogger("desktop.test")
    log.info("first line")  # the rotating handler is made at the first record
    (ours,) = [h for h in logging.getLogger().handlers if getattr(h, "_file", None)]
    ours._file.stream.close()  # type: ignore[attr-defined]
    ours._file.stream = _FullDisk()  # type: ignore[attr-defined]
    log.warning("refused: db.disk_full")
    log.warning("a second line")
    assert capsys.readouterr().err == ""
