"""What a disk, a stick or a path does to a clerk's file: a size the disk takes no more of
(FAT32's 4 GB, a quota, `ulimit -f`), a pipe or a device chosen as a bundle. Each is said in
one Vietnamese line; nothing is left half-written, nothing is called damaged that is not."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.demo import create_demo_register
from desktop.services.register import create_register
from desktop.store.damage import damage_of
from tests.unit.exchange_helpers import LIST_HEADER, SIN_HO, as_pc

resource = pytest.importorskip("resource")  # POSIX only
SYLLABLES = ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long")
NO_MORE = (
    "camket: Ổ đĩa không nhận ghi thêm vào sổ (tệp sổ đã tới giới hạn kích thước hoặc hạn"
    " mức của ổ, hoặc ổ USB bị rút ra); chưa ghi gì, sổ vẫn như trước. Hãy giải phóng chỗ"
    " hoặc chép sổ sang ổ đĩa khác rồi làm lại."
)


def _camket(
    args: list[str], data: Path, largest: int | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """`camket ARGS` in a process of its own, as the PC of ``data``, writing no file larger
    than ``largest`` bytes when given (`ulimit -f`: a full stick, a quota, FAT32's 4 GB)."""

    def limited() -> None:
        if largest is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (largest, largest))

    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        capture_output=True,
        text=True,
        preexec_fn=limited,
        env={**os.environ, "CAMKET_DATA_DIR": str(data)},
        timeout=timeout,
    )


def _list_of(households: int, path: Path) -> Path:
    path.write_text(
        LIST_HEADER
        + "".join(
            f"Bản Nậm Tăm,H-{n:04d},Lò Văn {SYLLABLES[n // 8 % 8]} {SYLLABLES[n % 8]},Chủ hộ,"
            f"{1940 + n % 60},Nam,\n"
            for n in range(households)
        ),
        encoding="utf-8",
    )
    return path


def test_a_bundle_larger_than_the_stick_takes_is_said_so_in_one_line_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    """A FAT32 stick takes no file over 4 GB (EFBIG), as a process under `ulimit -f` takes
    none over its limit: the clerk reads why in Vietnamese, and no traceback of the ZIP left
    unfinished follows it."""
    register, data = tmp_path / "demo.sqlite3", tmp_path / "data"
    with as_pc(data):
        create_demo_register(register, households=300, seed=3)
    stick = tmp_path / "usb"
    stick.mkdir()
    out = stick / "sin-ho.camket"

    done = _camket(["export", "--db", str(register), "--out", str(out)], data, 100 * 1024)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"camket: Không ghi được tệp {out}: tệp lớn hơn mức nơi lưu này nhận (USB hay thẻ nhớ"
        " định dạng FAT32 chỉ nhận tệp đến 4 GB); chưa ghi gì. Hãy lưu vào ổ đĩa khác."
    ]
    assert list(stick.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe")
def test_a_pipe_or_a_device_given_as_a_bundle_is_refused_not_read_forever(tmp_path: Path) -> None:
    """A named pipe (or /dev/zero) has no end where a ZIP keeps its directory: merging one
    waited, or read, forever."""
    register, data = tmp_path / "sinho.sqlite3", tmp_path / "data"
    with as_pc(data):
        create_register(register, SIN_HO, ["Bản Nậm Tăm"])
    pipe = tmp_path / "sin-ho.camket"
    os.mkfifo(pipe)
    done = _camket(["merge", "--db", str(register), str(pipe)], data, timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "camket: Tệp sin-ho.camket không phải tệp dữ liệu trao đổi CamKet (.camket)."
    )


def test_a_write_the_disk_refuses_is_not_called_damage(tmp_path: Path) -> None:
    """A register that may grow no more (`ulimit -f`, a quota, FAT32's 4 GB) makes SQLite
    say "disk I/O error" on the write: it was called damaged and marked so, which sends the
    clerk to restore an older backup though the file is whole and as it was."""
    register, data = tmp_path / "sinho.sqlite3", tmp_path / "data"
    with as_pc(data):
        create_register(register, SIN_HO, ["Bản Nậm Tăm"])
    listing = _list_of(3000, tmp_path / "danh-sach.csv")
    before = hashlib.sha256(register.read_bytes()).hexdigest()
    limit = register.stat().st_size + 64 * 1024

    done = _camket(["import", "--db", str(register), str(listing)], data, limit)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == NO_MORE
    assert not damage_of(register)
    assert hashlib.sha256(register.read_bytes()).hexdigest() == before


def test_a_backup_larger_than_the_stick_takes_is_said_so(tmp_path: Path) -> None:
    register, data = tmp_path / "demo.sqlite3", tmp_path / "data"
    with as_pc(data):
        create_demo_register(register, households=300, seed=3)
    stick = tmp_path / "usb"
    stick.mkdir()

    done = _camket(["backup", "--db", str(register), "--out", str(stick)], data, 100 * 1024)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"camket: Không sao lưu được vào {stick}/demo-")
    assert line.endswith(
        ": nơi lưu không nhận tệp lớn như vậy (USB hay thẻ nhớ định dạng FAT32 chỉ nhận tệp đến"
        " 4 GB, hoặc đã tới hạn mức); chưa ghi gì. Hãy chọn ổ khác."
    )
    assert list(stick.iterdir()) == []


def test_a_restore_onto_a_disk_that_takes_no_more_says_so_and_leaves_the_register(
    tmp_path: Path,
) -> None:
    register, data = tmp_path / "sinho.sqlite3", tmp_path / "data"
    larger = tmp_path / "lon.sqlite3"  # the same register, a list imported since
    listing = _list_of(1000, tmp_path / "danh-sach.csv")
    with as_pc(data):
        create_register(register, SIN_HO, ["Bản Nậm Tăm"])
        shutil.copyfile(register, larger)
        assert main(["import", "--db", str(larger), str(listing)]) == 0
    before = hashlib.sha256(register.read_bytes()).hexdigest()
    limit = register.stat().st_size + 64 * 1024  # the larger copy does not fit

    done = _camket(["restore", "--db", str(register), str(larger)], data, limit)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == NO_MORE
    assert hashlib.sha256(register.read_bytes()).hexdigest() == before
