"""One window per register: the lock file beside it, who holds it, and stale locks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain.errors import KnownError
from desktop.messages import describe
from desktop.store.window_lock import host_name, lock_path, refuse_if_held, take_window_lock


def write_lock(register: Path, **fields: object) -> Path:
    path = lock_path(register)
    holder = {"user": "cuong", "host": socket.gethostname(), "pid": os.getpid()}
    holder |= {"since": "2026-12-05T07:30:00+00:00", **fields}
    path.write_text(json.dumps(holder), encoding="utf-8")
    return path


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_a_second_window_is_told_who_holds_the_register(tmp_path: Path) -> None:
    register = tmp_path / "sinho.sqlite3"
    first = take_window_lock(register)
    assert lock_path(register).exists()
    with pytest.raises(KnownError) as caught:
        take_window_lock(register)
    text = describe(caught.value)
    assert caught.value.code == "register.open_elsewhere"
    assert socket.gethostname() in text
    assert "ngày" in text  # since when
    first.release()
    assert not lock_path(register).exists()
    take_window_lock(register).release()


def test_a_lock_left_by_a_window_that_died_on_this_machine_is_taken_over(
    tmp_path: Path,
) -> None:
    register = tmp_path / "sinho.sqlite3"
    write_lock(register, pid=dead_pid())
    lock = take_window_lock(register)
    assert json.loads(lock_path(register).read_text())["pid"] == os.getpid()
    lock.release()


def test_a_lock_held_on_another_machine_is_respected(tmp_path: Path) -> None:
    register = tmp_path / "sinho.sqlite3"
    write_lock(register, host="may-van-thu", pid=dead_pid())
    with pytest.raises(KnownError) as caught:
        take_window_lock(register)
    text = describe(caught.value)
    assert "cuong" in text and "may-van-thu" in text
    assert str(lock_path(register)) in text  # what to remove if that machine is off


def test_an_unreadable_lock_is_respected_while_fresh_and_taken_over_when_old(
    tmp_path: Path,
) -> None:
    register = tmp_path / "sinho.sqlite3"
    path = lock_path(register)
    path.write_bytes(b"")  # another window between creating the file and writing it
    with pytest.raises(KnownError):
        refuse_if_held(register)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    take_window_lock(register).release()
    assert not path.exists()


def test_releasing_never_removes_a_lock_another_window_took_over(tmp_path: Path) -> None:
    register = tmp_path / "sinho.sqlite3"
    mine = take_window_lock(register)
    write_lock(register, pid=dead_pid() + 0, user="khac")
    mine.release()
    assert lock_path(register).exists()


def test_the_host_name_is_the_one_socket_gives() -> None:
    # Read without the socket module at start; the lock compares it with locks of old.
    assert host_name() == socket.gethostname()


def test_a_full_disk_opens_the_window_without_a_lock_and_leaves_no_empty_one(
    tmp_path: Path,
) -> None:
    """A disk with no byte free takes the lock file, not the holder written into it: the
    window never opened (the error went to stderr, unseen when started by a double click)
    and the empty lock left refused the next start as held by "?". A file size limit of 0
    gives the same refusal to write (EFBIG) as ENOSPC does, in a process of its own."""
    register = tmp_path / "sinho.sqlite3"
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from desktop.store.window_lock import take_window_lock\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))\n"
        "lock = take_window_lock(Path(sys.argv[1]))\n"
        "print(lock.holder)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(register)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None"  # opened without a lock, as on a read-only folder
    assert not lock_path(register).exists()
    take_window_lock(register).release()  # the next start is not refused
