"""The merge's short cuts give the register the row by row path gives: a first merge into
empty tables (rows looked for only among those it wrote, parents' communes known from the
rows it wrote) ends where a merge into a register holding the rows ends."""

from __future__ import annotations

import csv
import gc
import io
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.entities import Gender, Person
from desktop.services import conflicts as queue
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundle
from desktop.services.register import create_register, create_upper_register
from desktop.store import households as repo
from desktop.store.search import search_people
from tests.unit.exchange_helpers import (
    BINH_LU,
    SIN_HO,
    as_pc,
    content,
    listed_commune_bundle,
    opened,
    resign,
    upper_register_of,
)


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    folder, path = tmp_path / "office-data", tmp_path / "office.sqlite3"
    with as_pc(folder):
        create_register(path, SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(path, folder) as reg:
        populate_demo(reg, 6, seed=3)
        export_bundle(reg, tmp_path / "office.camket")
    return path, folder


def _with_a_person_named_twice_more(bundle: Path, out: Path, folder: Path) -> Path:
    """The bundle with two more lines of its first person: a later version of the same
    installation and a concurrent one of another (the last is a conflict)."""

    def change(name: str, data: bytes) -> bytes:
        if name != "tables/person.csv":
            return data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        header, first = rows[0], rows[1]
        name_at, vv_at = header.index("full_name"), header.index("vv")
        later, concurrent = list(first), list(first)
        later[name_at], later[vv_at] = "Lò Thị Mới", first[vv_at].replace(":1}", ":7}")
        concurrent[name_at], concurrent[vv_at] = "Lò Thị Khác", '{"bbbbbbbb":1}'
        assert later[vv_at] != first[vv_at]
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\r\n").writerows([*rows, later, concurrent])
        return text.getvalue().encode("utf-8-sig")

    return resign(bundle, out, folder, change)


def test_a_first_merge_into_empty_tables_ends_as_a_merge_into_a_full_register(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    plain = tmp_path / "office.camket"
    twice = _with_a_person_named_twice_more(plain, tmp_path / "twice.camket", office[1])
    empty, full = (
        (tmp_path / "empty.sqlite3", tmp_path / "empty-data"),
        (
            tmp_path / "full.sqlite3",
            tmp_path / "full-data",
        ),
    )
    for path, folder in (empty, full):
        with as_pc(folder):
            create_upper_register(path, "Đồn Biên phòng", "12")
    # Into empty tables: every row stored as it comes, but the person named three times,
    # whose later lines meet the row its first one wrote.
    with opened(*empty) as reg:
        first = merge_bundle(reg, twice, backup=False)
        assert first.refused is None
        people = reg.db.execute("SELECT count(*) FROM person").fetchone()[0]
        assert first.counts["person"].new == people
        # The later line replaces the first; the concurrent one too when it is the winner.
        assert first.counts["person"].updated in (1, 2)
        assert first.counts["person"].conflicts == 1
        assert len(queue.open_conflicts(reg.db)) == 1
        for table in ("person", "household"):  # raises when the index lost its content
            reg.db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
    # The same rows met one by one with the register's: the plain bundle first.
    with opened(*full) as reg:
        assert merge_bundle(reg, plain, backup=False).refused is None
        again = merge_bundle(reg, twice, backup=False)
        assert again.refused is None and again.counts["person"].conflicts == 1
    assert content(*empty) == content(*full)
    with opened(*empty) as reg:
        names = {r[0] for r in reg.db.execute("SELECT full_name FROM person")}
        assert "Lò Thị Mới" in names or "Lò Thị Khác" in names
        # Merged once more, nothing changes: every row met is the register's own.
        repeat = merge_bundle(reg, twice, backup=False)
        assert repeat.total("new") == repeat.total("updated") == repeat.total("conflicts") == 0
    assert content(*empty) == content(*full)


def test_a_household_renamed_with_a_new_member_merges_and_is_found_by_its_new_code(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    post = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng", "12")
    with opened(*post) as reg:
        assert merge_bundle(reg, tmp_path / "office.camket", backup=False).refused is None
    with opened(*office) as reg:
        code = reg.db.execute("SELECT code FROM household ORDER BY code").fetchone()[0]
        found = repo.find_household_by_code(reg.db, code)
        assert found is not None
        found.code = "NT-999"
        repo.update_household(reg.writer, found)
        repo.add_person(reg.writer, Person(found.id, "Giàng Thị Pà", Gender.FEMALE), "NT-999")
        export_bundle(reg, tmp_path / "renamed.camket")
    # The new member is written by the merge and then, as its household's code changed,
    # given the new code in its search text: the search index follows both.
    with opened(*post) as reg:
        result = merge_bundle(reg, tmp_path / "renamed.camket", backup=False)
        assert result.refused is None
        assert reg.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("person", "household"):  # raises when the index lost its content
            reg.db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
        hits = {hit.full_name for hit in search_people(reg.db, "NT-999")}
        assert "Giàng Thị Pà" in hits and len(hits) > 1
        assert {hit.full_name for hit in search_people(reg.db, "giang thi pa")} == {"Giàng Thị Pà"}


def test_a_merge_runs_with_the_cycle_collector_paused_and_gives_it_back(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    upper, folder = tmp_path / "upper.sqlite3", tmp_path / "upper-data"
    with as_pc(folder):
        create_upper_register(upper, "Đồn Biên phòng", "12")
    seen: list[bool] = []
    with opened(upper, folder) as reg:
        result = merge_bundle(
            reg, tmp_path / "office.camket", lambda *_: seen.append(gc.isenabled())
        )
        assert result.refused is None and seen and not any(seen)
        assert gc.isenabled()
        damaged = tmp_path / "damaged.camket"
        damaged.write_bytes((tmp_path / "office.camket").read_bytes()[:-100])
        assert merge_bundle(reg, damaged).refused is not None
        assert gc.isenabled()


def test_rows_made_after_every_row_of_the_register_are_met_as_in_a_full_register(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    """A bundle whose rows were all made after the register's last ones (time-ordered ids)
    looks for none of them, but for those it wrote itself: a row named three times still
    meets its earlier lines, as in a register that holds it already."""
    laptop, laptop_folder = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(laptop_folder):  # another commune's: one set up apart would be refused
        create_register(laptop, BINH_LU, ["Bản Nậm Tăm"])
    with opened(laptop, laptop_folder) as reg:  # made after the office's rows: later ids
        populate_demo(reg, 4, seed=5)
        export_bundle(reg, tmp_path / "laptop.camket")
    plain = tmp_path / "laptop.camket"
    twice = _with_a_person_named_twice_more(plain, tmp_path / "twice.camket", laptop_folder)
    later, full = (
        (tmp_path / "later.sqlite3", tmp_path / "later-data"),
        (
            tmp_path / "full.sqlite3",
            tmp_path / "full-data",
        ),
    )
    for path, folder in (later, full):
        with as_pc(folder):
            create_upper_register(path, "Đồn Biên phòng", "12")
        with opened(path, folder) as reg:
            assert merge_bundle(reg, tmp_path / "office.camket", backup=False).refused is None
            last = reg.db.execute("SELECT max(id) FROM person").fetchone()[0]
    with opened(laptop, laptop_folder) as reg:
        assert reg.db.execute("SELECT min(id) FROM person").fetchone()[0] > last
    with opened(*later) as reg:
        first = merge_bundle(reg, twice, backup=False)
        assert first.refused is None and first.counts["person"].conflicts == 1
    with opened(*full) as reg:  # the laptop's rows held first: each line meets its row
        assert merge_bundle(reg, plain, backup=False).refused is None
        again = merge_bundle(reg, twice, backup=False)
        assert again.refused is None and again.counts["person"].conflicts == 1
    assert content(*later) == content(*full)


def _with_a_household_named_again(bundle: Path, out: Path, folder: Path) -> Path:
    """The bundle with one more line of its first household: a later version of it under
    another code, after the line the household's people are merged against."""

    def change(name: str, data: bytes) -> bytes:
        if name != "tables/household.csv":
            return data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        header, first = rows[0], rows[1]
        code_at, vv_at = header.index("code"), header.index("vv")
        later = list(first)
        later[code_at], later[vv_at] = "NT-777", first[vv_at].replace(":1}", ":9}")
        assert later[vv_at] != first[vv_at]
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\r\n").writerows([*rows, later])
        return text.getvalue().encode("utf-8-sig")

    return resign(bundle, out, folder, change)


def test_people_of_a_household_a_first_merge_wrote_twice_name_its_last_code(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    """A first merge keeps the households it wrote for their people (their code folded and
    commune not asked again): a household whose later line changed its code gives its
    people that code, as a register that held it already does."""
    plain = tmp_path / "office.camket"
    again = _with_a_household_named_again(plain, tmp_path / "again.camket", office[1])
    empty, full = (
        (tmp_path / "empty.sqlite3", tmp_path / "empty-data"),
        (
            tmp_path / "full.sqlite3",
            tmp_path / "full-data",
        ),
    )
    for path, folder in (empty, full):
        with as_pc(folder):
            create_upper_register(path, "Đồn Biên phòng", "12")
    with opened(*empty) as reg:
        first = merge_bundle(reg, again, backup=False)
        assert first.refused is None and first.counts["household"].updated == 1
        members = {
            r[0]
            for r in reg.db.execute(
                "SELECT p.full_name FROM person p JOIN household h ON h.id = p.household_id"
                " WHERE h.code = 'NT-777' AND p.deleted = 0 AND p.commune_code = h.commune_code"
            )
        }
        assert members and {hit.full_name for hit in search_people(reg.db, "NT-777")} == members
    with opened(*full) as reg:
        assert merge_bundle(reg, plain, backup=False).refused is None
        assert merge_bundle(reg, again, backup=False).refused is None
    assert content(*empty) == content(*full)


def test_people_of_a_household_moved_by_its_later_line_hold_its_last_commune(
    tmp_path: Path,
) -> None:
    """An upper register's bundle (two communes) whose household's later line moves it to
    the other commune: a first merge gives its people that commune, as a register that held
    the household already does (its trigger moves them)."""
    bundles = [
        listed_commune_bundle(tmp_path, SIN_HO, "A-01"),
        listed_commune_bundle(tmp_path, BINH_LU, "B-01"),
    ]
    post = upper_register_of(tmp_path, bundles)
    plain = tmp_path / "post.camket"
    with as_pc(tmp_path / "post-data"):
        assert main(["export", "--db", str(post), "--out", str(plain)]) == 0

    def moved(name: str, data: bytes) -> bytes:
        if name != "tables/household.csv":
            return data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        header = rows[0]
        code_at, commune_at, vv_at = (header.index(c) for c in ("code", "commune_code", "vv"))
        later = list(next(row for row in rows if row[code_at] == "A-01"))
        later[commune_at], later[vv_at] = BINH_LU, later[vv_at].replace(":1}", ":9}")
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\r\n").writerows([*rows, later])
        return text.getvalue().encode("utf-8-sig")

    again = resign(plain, tmp_path / "moved.camket", tmp_path / "post-data", moved)
    empty, full = (
        (tmp_path / "empty.sqlite3", tmp_path / "empty-data"),
        (
            tmp_path / "full.sqlite3",
            tmp_path / "full-data",
        ),
    )
    for path, folder in (empty, full):
        with as_pc(folder):
            create_upper_register(path, "Bộ Chỉ huy", "12")
    with opened(*empty) as reg:
        result = merge_bundle(reg, again, backup=False)
        assert result.refused is None and result.counts["household"].updated == 1
        communes = reg.db.execute(
            "SELECT p.commune_code FROM person p JOIN household h ON h.id = p.household_id"
            " WHERE h.code = 'A-01'"
        ).fetchall()
        assert communes == [(BINH_LU,)]
    with opened(*full) as reg:
        assert merge_bundle(reg, plain, backup=False).refused is None
        assert merge_bundle(reg, again, backup=False).refused is None
    assert content(*empty) == content(*full)
