"""A register is whole or absent: built in a temporary file and moved into place; an empty
file, or one whose set-up never finished, is still to be set up; commands that only read
never give a file a schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.services.demo import create_demo_register
from desktop.services.register import OpenRegister, create_register, open_existing
from desktop.store import households as repo
from desktop.store.new_register import needs_setup
from desktop.store.register import open_register
from desktop.store.schema import KNOWN_MIGRATIONS, migrations

SIN_HO = "03478"


def schema_without_commune(path: Path) -> Path:
    """A set-up killed after the schema was made and before the commune was written."""
    open_register(path, create=True).close()
    return path


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "userdata")


@pytest.mark.parametrize("command", [["check"], ["search", "Hoa"], ["report", "progress"]])
def test_commands_that_only_read_never_give_an_empty_file_a_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    empty = tmp_path / "camket.sqlite3"
    empty.touch()
    assert main([*command, "--db", str(empty)]) == 2
    assert "chưa được lập xong" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    assert folder_listing(tmp_path) == ["camket.sqlite3"]


def test_a_command_that_writes_refuses_an_empty_file_without_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "camket.sqlite3"
    empty.touch()
    assert main(["sign", "--db", str(empty), "NT-001", "--on", "01/01/2026"]) == 2
    assert "camket init" in capsys.readouterr().err
    assert empty.stat().st_size == 0


def test_check_does_not_write_to_a_register(register: OpenRegister) -> None:
    register.close()
    before = register.path.read_bytes()
    assert main(["check", "--db", str(register.path)]) == 0
    assert main(["report", "progress", "--db", str(register.path)]) == 0
    assert register.path.read_bytes() == before


def test_an_empty_file_and_an_unfinished_set_up_are_still_to_be_set_up(tmp_path: Path) -> None:
    assert needs_setup(tmp_path / "none.sqlite3")
    (tmp_path / "empty.sqlite3").touch()
    assert needs_setup(tmp_path / "empty.sqlite3")
    assert needs_setup(schema_without_commune(tmp_path / "half.sqlite3"))
    (tmp_path / "list.csv").write_text("Họ và tên\n", encoding="utf-8")
    assert not needs_setup(tmp_path / "list.csv")  # opening it says it is no register
    create_register(tmp_path / "done.sqlite3", SIN_HO)
    assert not needs_setup(tmp_path / "done.sqlite3")


@pytest.mark.parametrize("unfinished", ["empty", "schema without commune"])
def test_init_accepts_a_file_still_to_be_set_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], unfinished: str
) -> None:
    path = tmp_path / "camket.sqlite3"
    if unfinished == "empty":
        path.touch()
    else:
        schema_without_commune(path)
    assert main(["init", "--db", str(path), "--commune", SIN_HO, "--hamlet", "Thôn 2"]) == 0
    capsys.readouterr()
    register = open_existing(path)
    try:
        assert [h.name for h in repo.list_hamlets(register.db)] == ["Thôn 2"]
    finally:
        register.close()
    assert folder_listing(tmp_path) == ["camket.sqlite3"]
    assert main(["init", "--db", str(path), "--commune", SIN_HO]) == 2
    assert "không ghi đè" in capsys.readouterr().err


def test_a_register_that_fails_while_built_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "camket.sqlite3"

    def fail(_opened: OpenRegister) -> None:
        raise RuntimeError("the disk went away")

    with pytest.raises(RuntimeError):
        create_register(path, SIN_HO, ["Thôn 2"], fill=fail)
    assert folder_listing(tmp_path) == []


def test_a_cancelled_demo_leaves_nothing_and_an_empty_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    path.touch()
    summary = create_demo_register(path, households=50, cancelled=lambda: True)
    assert summary.cancelled
    assert folder_listing(tmp_path) == ["demo.sqlite3"]
    assert path.stat().st_size == 0


def test_a_build_killed_on_this_machine_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    path = tmp_path / "camket.sqlite3"
    left = tmp_path / ".camket.sqlite3.999999999-0badf00d.building"  # no such process
    left.write_bytes(b"SQLite format 3\x00half")
    create_register(path, SIN_HO)
    assert folder_listing(tmp_path) == ["camket.sqlite3"]


def test_a_refused_init_leaves_an_existing_register_alone(register: OpenRegister) -> None:
    register.close()
    before = register.path.read_bytes()
    with pytest.raises(KnownError) as caught:
        create_register(register.path, SIN_HO)
    assert caught.value.code == "db.exists"
    assert register.path.read_bytes() == before


def test_a_register_of_an_older_version_is_read_through_a_copy_in_memory(
    tmp_path: Path,
) -> None:
    older = tmp_path / "older.sqlite3"
    made = Database(older)
    migrations.apply(made, stop_before=KNOWN_MIGRATIONS[-1])
    made.close()
    before = older.read_bytes()
    db = open_register(older, read_only=True)
    try:
        assert KNOWN_MIGRATIONS[-1] in {m.name for m in migrations.applied(db)}
        with pytest.raises(KnownError) as caught, db.atomic():
            db.execute("DELETE FROM household")
        assert caught.value.code == "db.read_only"  # a write would be lost with the copy
    finally:
        db.close()
    assert older.read_bytes() == before
