"""Backups of a register: consistent while others write, rotated, restored only when sound."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from desktop.domain.entities import Hamlet, HamletKind
from desktop.domain.errors import KnownError
from desktop.services.import_lists import import_list
from desktop.services.register import OpenRegister, create_register, open_existing
from desktop.store import backups
from desktop.store import households as repo
from desktop.store.backups import (
    Backup,
    backup_folder,
    backup_if_stale,
    backups_to_keep,
    list_backups,
    take_backup,
)
from desktop.store.register import open_register
from desktop.store.restore import restore_backup
from desktop.store.schema import KNOWN_MIGRATIONS, migrations
from tests.import_files import HEADERS, PEOPLE, write_xlsx

UTC = dt.UTC


def hamlet_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM hamlet"))
    finally:
        conn.close()


def test_a_backup_is_one_consistent_moment_while_another_connection_writes(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One page per step, and between every step another connection commits a new hamlet:
    # the copy must be the register as it was when the backup began, whole.
    monkeypatch.setattr(backups, "_BYTES_PER_STEP", 1)
    before = hamlet_names(register.path)
    other = open_existing(register.path)
    written: list[str] = []

    def write_between_steps(done: int, total: int) -> None:
        if len(written) < 25:
            name = f"Thôn mới {len(written) + 1}"
            with other.db.atomic():
                repo.add_hamlet(other.writer, Hamlet(name=name, kind=HamletKind.THON))
            written.append(name)

    try:
        copy = take_backup(register.db, register.path, "manual", progress=write_between_steps)
    finally:
        other.close()
    assert len(written) == 25
    assert hamlet_names(copy) == before
    assert hamlet_names(register.path) == sorted(before + written)
    backups.check_backup(copy)  # integrity_check passes, a register with its commune
    assert not any(p.name.endswith(".partial") for p in copy.parent.iterdir())


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=UTC).astimezone()


def test_rotation_keeps_the_last_ten_and_one_a_day_for_thirty_days(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fake clock: four backups a day from 1 to 31 March (some before imports).
    monkeypatch.setattr(backups, "KEEP_DAILY_DAYS", 30)
    times = [at(day, hour) for day in range(1, 32) for hour in (8, 10, 14, 16)]
    for moment in times:
        take_backup(register.db, register.path, "import", clock=lambda m=moment: m)
    kept = list_backups(register.path)
    kept_times = [b.taken_at for b in kept]
    # The ten latest: 31 March's four, 30 March's four, 29 March's two latest.
    assert kept_times[:10] == sorted(times, reverse=True)[:10]
    # Then one a day (the day's last) back to 2 March: 30 days counting 31 March.
    older = [t.astimezone() for t in kept_times[10:]]
    assert [(t.day, t.hour) for t in older] == [(day, 16) for day in range(28, 1, -1)]
    assert len(kept) == 10 + 27
    assert all(b.reason == "import" and b.size > 0 for b in kept)


def test_the_policy_alone_on_a_list_of_backups() -> None:
    now = at(31, 18)
    listed = [Backup(Path(f"b{i}"), at(day, 9), "open", 1) for i, day in enumerate(range(1, 32))]
    keep = backups_to_keep(listed, now)
    assert Path("b0") not in keep  # 1 March: 31 days ago, not among the last ten
    assert {Path(f"b{i}") for i in range(1, 31)} == keep


def test_backups_of_two_registers_named_alike_do_not_mix(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "camket.sqlite3", tmp_path / "b" / "camket.sqlite3"
    for path in (first, second):
        path.parent.mkdir()
        create_register(path, "03478", ["Bản Nậm Tăm"])
        db = open_register(path)
        take_backup(db, path, "manual")
        db.close()
    assert backup_folder(first) != backup_folder(second)
    assert len(list_backups(first)) == len(list_backups(second)) == 1


def test_an_open_backup_is_taken_only_when_the_last_is_a_day_old(
    register: OpenRegister,
) -> None:
    first = backup_if_stale(register.db, register.path, clock=lambda: at(10, 8))
    assert first is not None
    assert backup_if_stale(register.db, register.path, clock=lambda: at(10, 20)) is None
    later = backup_if_stale(register.db, register.path, clock=lambda: at(11, 9))
    assert later is not None
    assert [b.reason for b in list_backups(register.path)] == ["open", "open"]


def test_restore_puts_the_backup_back_and_keeps_the_replaced_register(
    register: OpenRegister,
) -> None:
    copy = take_backup(register.db, register.path, "manual")
    with register.db.atomic():
        repo.add_hamlet(register.writer, Hamlet(name="Thôn sau sao lưu", kind=HamletKind.THON))
    register.close()
    aside = restore_backup(copy, register.path)
    assert aside is not None and aside.parent == register.path.parent
    assert "Thôn sau sao lưu" not in hamlet_names(register.path)
    assert "Thôn sau sao lưu" in hamlet_names(aside)
    # The replaced register was also backed up first, and the restored one opens.
    assert list_backups(register.path)[0].reason == "restore"
    reopened = open_existing(register.path)
    reopened.close()


def flip_bytes(path: Path, offset: int, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    data[offset : offset + count] = bytes(b ^ 0xFF for b in data[offset : offset + count])
    path.write_bytes(bytes(data))


def test_restore_refuses_a_corrupt_copy_and_changes_nothing(register: OpenRegister) -> None:
    copy = take_backup(register.db, register.path, "manual")
    register.close()
    page_size = 4096
    flip_bytes(copy, copy.stat().st_size // page_size // 2 * page_size)  # a mid-file page
    before = register.path.read_bytes()
    with pytest.raises(KnownError) as refused:
        restore_backup(copy, register.path)
    assert refused.value.code in {"backup.damaged", "db.not_a_register"}
    assert register.path.read_bytes() == before
    assert sorted(p.name for p in register.path.parent.iterdir() if "replaced" in p.name) == []


def test_restore_refuses_a_file_that_is_not_a_register(
    register: OpenRegister, tmp_path: Path
) -> None:
    register.close()
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes(text)")
    conn.commit()
    conn.close()
    text = tmp_path / "list.csv"
    text.write_text("Họ và tên\nGiàng A Sử\n", encoding="utf-8")
    for wrong in (other, text):
        with pytest.raises(KnownError) as refused:
            restore_backup(wrong, register.path)
        assert refused.value.code == "db.not_a_register"


def test_an_import_takes_a_backup_first_but_a_dry_run_does_not(
    register: OpenRegister, tmp_path: Path
) -> None:
    listing = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE])
    import_list(register, listing, dry=True)
    assert list_backups(register.path) == []
    households = register.db.execute("SELECT count(*) FROM household").fetchone()[0]
    report = import_list(register, listing)
    assert report.applied
    (backup,) = list_backups(register.path)
    assert backup.reason == "import"
    conn = sqlite3.connect(backup.path)
    try:  # the copy is the register just before the import
        assert conn.execute("SELECT count(*) FROM household").fetchone()[0] == households
    finally:
        conn.close()


def test_a_migration_of_a_register_in_use_is_backed_up_but_a_new_file_is_not(
    tmp_path: Path,
) -> None:
    fresh = tmp_path / "new.sqlite3"
    create_register(fresh, "03478", ["Bản Nậm Tăm"])
    assert list_backups(fresh) == []  # a brand-new register needs none
    # A register made by the CamKet before the latest migration.
    older = tmp_path / "older.sqlite3"
    db = Database(older)
    migrations.apply(db, stop_before=KNOWN_MIGRATIONS[-1])
    db.close()
    open_register(older).close()
    (backup,) = list_backups(older)
    assert backup.reason == "migration"
    copy = Database(backup.path)
    try:  # the copy is the register before the upgrade
        assert KNOWN_MIGRATIONS[-1] not in {m.name for m in migrations.applied(copy)}
    finally:
        copy.close()


def test_the_commands_back_up_list_and_restore(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(register.path)
    register.close()
    assert main(["backup", "--db", db]) == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["backup", "--db", db, "--out", str(usb)]) == 0
    (on_usb,) = usb.iterdir()
    assert main(["backup", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "sao lưu theo yêu cầu" in out and "1 bản sao lưu" in out
    assert main(["restore", str(on_usb), "--db", db]) == 0
    assert "được giữ lại" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", ["-wal", "-shm", ".lock"])
def test_backup_out_is_never_a_file_of_the_register(
    register: OpenRegister, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Not there (the register is closed), but SQLite would take a file of that name as
    # the register's own.
    register.close()
    target = Path(f"{register.path}{suffix}")
    assert not target.exists()
    assert main(["backup", "--db", str(register.path), "--out", str(target)]) == 2
    assert capsys.readouterr().err.startswith("camket: ")
    assert not target.exists()


@pytest.mark.parametrize("suffix", ["", "-wal", "-other"])
def test_backup_out_never_replaces_a_file(
    register: OpenRegister, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = Path(f"{register.path}{suffix}")
    if suffix == "-other":
        target = register.path.with_name("other.sqlite3")
        target.write_bytes(register.path.read_bytes())
    elif not target.exists():
        target.write_bytes(b"")
    before = target.read_bytes()
    assert main(["backup", "--db", str(register.path), "--out", str(target)]) == 2
    assert "không ghi đè" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_restore_is_refused_while_a_window_has_the_register(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.store.window_lock import take_window_lock

    copy = take_backup(register.db, register.path, "manual")
    lock = take_window_lock(register.path)
    try:
        before = register.path.read_bytes()
        assert main(["restore", str(copy), "--db", str(register.path)]) == 2
        assert capsys.readouterr().err.startswith("camket: ")
        assert register.path.read_bytes() == before
        assert not list(register.path.parent.glob("*.replaced-*"))
    finally:
        lock.release()


def test_backups_dated_ahead_by_a_wrong_clock_stop_neither_the_daily_copy_nor_the_latest(
    register: OpenRegister,
) -> None:
    # The PC's clock said 2027 for a while (a CMOS battery, a typo), then was set right.
    ahead = [dt.datetime(2027, 3, day, 9, tzinfo=UTC) for day in range(1, 13)]
    for moment in ahead:
        take_backup(register.db, register.path, "open", clock=lambda m=moment: m)
    today = [at(10, hour) for hour in (8, 9, 10)]
    assert backup_if_stale(register.db, register.path, clock=lambda: today[0]) is not None
    for moment in today[1:]:
        take_backup(register.db, register.path, "import", clock=lambda m=moment: m)
    assert backup_if_stale(register.db, register.path, clock=lambda: at(10, 11)) is None
    kept = {b.taken_at for b in list_backups(register.path)}
    assert set(today) <= kept  # today's three, each one a state to go back to
    assert set(ahead) <= kept  # one a day: kept, not lost


def test_a_copy_in_the_backup_folder_takes_no_writes_and_says_to_restore_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backup folder sits beside the user's register in the data folder (File › Open
    shows it): a copy opened there and written to would lose its writes when the old copies
    are removed. Commands that write refuse it, naming the restore; reading it works."""
    path = tmp_path / "camket.sqlite3"
    create_register(path, "03478", ["Bản Nậm Tăm"])
    assert main(["backup", "--db", str(path)]) == 0
    (copy,) = backups.list_backups(path)
    before = copy.path.read_bytes()
    capsys.readouterr()
    assert main(["tip", "add", "--db", str(copy.path), "--at", "01/12/2026 08:00",
                 "--place", "Mốc 79", "--about", "Người lạ"]) == 2  # fmt: skip
    said = capsys.readouterr().err
    assert "bản sao lưu" in said and "camket restore" in said and "chưa ghi gì" in said
    assert copy.path.read_bytes() == before
    assert main(["check", "--db", str(copy.path)]) == 0  # only reads


def test_a_full_data_folder_says_which_folder_is_full_in_vietnamese(
    register: OpenRegister, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The user's profile full (the register elsewhere, on a stick with room): "Không sao lưu
    # được vào …: [Errno 28] No space left on device" before every command that backs up.
    def full(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_write_private", full)
    register.close()
    assert main(["backup", "--db", str(register.path)]) == 2
    said = capsys.readouterr().err
    folder = backups.backup_folder(register.path)
    assert f"Không sao lưu được vào {folder}: ổ đĩa đã đầy." in said
    assert "Errno" not in said and "No space" not in said


def test_restore_of_a_folder_says_it_is_a_folder_and_where_the_copies_are(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A USB stick's folder given instead of the copy in it: "Không tìm thấy bản sao lưu: …"
    # for a folder that is there.
    register.close()
    stick = tmp_path / "usb"
    stick.mkdir()
    assert main(["restore", "--db", str(register.path), str(stick)]) == 2
    said = capsys.readouterr().err
    assert f"{stick} là một thư mục, không phải bản sao lưu" in said
    assert "camket backup list" in said
