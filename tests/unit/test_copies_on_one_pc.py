"""Two register files of one commune on ONE PC (a copy made in the file manager, a backup
opened beside the register, a file copied back from the campaign laptop): both edit under
this PC's installation. An edit made in one is never silently lost when their bundles meet,
each other's or in an upper register: it is the row, or a conflict a person reviews. And the
copy's bundles of changes never pass for the original's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.conflicts import open_conflicts
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle, create_register, create_upper_register
from desktop.store import local
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened


def _household(path: Path, pc: Path, code: str) -> str:
    with opened(path, pc) as reg:
        return str(reg.db.execute("SELECT id FROM household WHERE code = ?", [code]).fetchone()[0])


def _address(path: Path, pc: Path, code: str) -> str:
    with opened(path, pc) as reg:
        return str(
            reg.db.execute("SELECT address FROM household WHERE code = ?", [code]).fetchone()[0]
        )


def _set_address(path: Path, pc: Path, code: str, address: str) -> None:
    with opened(path, pc) as reg:
        reg.writer.update("household", _household(path, pc, code), {"address": address})


def _addresses_kept(path: Path, pc: Path, code: str) -> set[str]:
    """The address of the household as the register shows it, and those waiting in its
    conflict queue for a person: what the register still knows of its edits."""
    household_id = _household(path, pc, code)
    with opened(path, pc) as reg:
        kept = {
            str(c.other.get("address"))
            for c in open_conflicts(reg.db)
            if c.table == "household" and c.row_id == household_id
        }
    return kept | {_address(path, pc, code)}


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path, str]:
    """The office PC's register of four households (closed), its data folder, a code."""
    path, pc = tmp_path / "office.sqlite3", tmp_path / "office-data"
    with as_pc(pc):
        create_register(path, SIN_HO, ["Thôn 1"])
    with opened(path, pc) as reg:
        populate_demo(reg, 4, seed=5)
        code = str(reg.db.execute("SELECT min(code) FROM household").fetchone()[0])
    return path, pc, code


def test_two_copies_on_one_pc_that_edit_one_household_lose_neither_edit(
    tmp_path: Path, office: tuple[Path, Path, str]
) -> None:
    original, pc, code = office
    copy = tmp_path / "ban-sao" / "office.sqlite3"  # copied in the file manager
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    # The original is worked on twice, the copy once: the same household, other addresses.
    _set_address(original, pc, code, "Km 3")
    _set_address(original, pc, code, "Km 5")
    _set_address(copy, pc, code, "Bản Mới")
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "original.camket")
    with opened(copy, pc) as reg:
        export_bundle(reg, tmp_path / "copy.camket")

    # The copy's edit meets the original's: the register shows one, a person sees the other.
    with opened(original, pc) as reg:
        merged = merge_bundle(reg, tmp_path / "copy.camket")
    assert merged.refused is None and merged.total("conflicts") == 1
    assert _addresses_kept(original, pc, code) == {"Km 5", "Bản Mới"}
    with opened(copy, pc) as reg:
        assert merge_bundle(reg, tmp_path / "original.camket").refused is None
    assert _addresses_kept(copy, pc, code) == {"Km 5", "Bản Mới"}
    assert content(original, pc) == content(copy, pc)  # both ways: the same content

    # Both bundles into the upper register, in either order: the same, neither edit lost.
    for order in (("original", "copy"), ("copy", "original")):
        upper = tmp_path / f"upper-{order[0]}.sqlite3"
        upper_pc = tmp_path / "upper-data"
        with as_pc(upper_pc):
            create_upper_register(upper, "Đồn Biên phòng Sìn Hồ")
        with opened(upper, upper_pc) as reg:
            for name in order:
                assert merge_bundle(reg, tmp_path / f"{name}.camket").refused is None
        assert _addresses_kept(upper, upper_pc, code) == {"Km 5", "Bản Mới"}
    assert content(tmp_path / "upper-original.sqlite3", tmp_path / "upper-data") == content(
        tmp_path / "upper-copy.sqlite3", tmp_path / "upper-data"
    )


def test_the_conflict_of_two_copies_is_listed_by_camket_conflicts(
    tmp_path: Path, office: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    original, pc, code = office
    copy = tmp_path / "office-copy.sqlite3"
    shutil.copyfile(original, copy)
    _set_address(copy, pc, code, "Bản Mới")
    _set_address(original, pc, code, "Km 3")
    _set_address(original, pc, code, "Km 5")
    with opened(copy, pc) as reg:
        export_bundle(reg, tmp_path / "copy.camket")
    with opened(original, pc) as reg:
        assert merge_bundle(reg, tmp_path / "copy.camket").refused is None
    capsys.readouterr()
    with as_pc(pc):
        assert main(["conflicts", "--db", str(original), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    fields = [f for c in listed if c["table"] == "household" for f in c["fields"]]
    assert {"field": "address", "current": "Km 5", "other": "Bản Mới"} in fields


def test_a_copys_bundles_of_changes_never_continue_the_originals(
    tmp_path: Path, office: tuple[Path, Path, str]
) -> None:
    original, pc, _code = office
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "full.camket")
        codes = [r[0] for r in reg.db.execute("SELECT code FROM household ORDER BY code")]
    copy = tmp_path / "office-copy.sqlite3"
    shutil.copyfile(original, copy)
    upper, upper_pc = tmp_path / "upper.sqlite3", tmp_path / "upper-data"
    with as_pc(upper_pc):
        create_upper_register(upper, "Đồn Biên phòng Sìn Hồ")
    with opened(upper, upper_pc) as reg:
        assert merge_bundle(reg, tmp_path / "full.camket").refused is None

    # The original sends two bundles of changes, each after the last.
    _set_address(original, pc, codes[0], "Km 3")
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "changes-1.camket", since=tmp_path / "full.camket")
    _set_address(original, pc, codes[1], "Km 7")
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "changes-2.camket", since=tmp_path / "changes-1.camket")
    # The copy edits more (its change marks run past the original's) and sends its changes.
    for number, other in enumerate(codes[2:] * 4):
        _set_address(copy, pc, other, f"Bản {number}")
    with as_pc(pc):
        copy_changes = tmp_path / "copy-changes.camket"
        # A bundle it never sent is no base for its changes.
        since = ["--since", str(tmp_path / "full.camket")]
        main(["export", "--db", str(copy), "--out", str(copy_changes), *since])
        if not copy_changes.exists():
            assert main(["export", "--db", str(copy), "--out", str(copy_changes)]) == 0

    # The copy, given the original's second bundle of changes, does not take it as its own:
    # the first one (Km 3) would never reach it.
    with opened(copy, pc) as reg:
        refused = merge_bundle(reg, tmp_path / "changes-2.camket").refused
    assert refused is not None and refused.code == "bundle.gap"

    # The upper register merges the copy's bundle, then the original's second: the first is
    # missing, so it is refused until the first comes (Km 3 is never skipped).
    with opened(upper, upper_pc) as reg:
        assert merge_bundle(reg, copy_changes).refused is None
        refused = merge_bundle(reg, tmp_path / "changes-2.camket").refused
        assert refused is not None and refused.code == "bundle.gap"
        for name in ("changes-1", "changes-2"):
            assert merge_bundle(reg, tmp_path / f"{name}.camket").refused is None
    assert _address(upper, upper_pc, codes[0]) == "Km 3"
    assert _address(upper, upper_pc, codes[1]) == "Km 7"


@pytest.mark.parametrize("how", ["file manager", "camket backup --out", "from another PC"])
def test_an_edit_in_any_second_file_on_the_pc_survives_the_originals_later_edits(
    tmp_path: Path, office: tuple[Path, Path, str], how: str
) -> None:
    original, pc, code = office
    second = tmp_path / "second.sqlite3"
    if how == "file manager":
        shutil.copyfile(original, second)
    elif how == "camket backup --out":  # a backup opened beside the register
        with as_pc(pc):
            assert main(["backup", "--db", str(original), "--out", str(second)]) == 0
    else:  # the campaign laptop's register (made from a bundle), copied back to the office
        with opened(original, pc) as reg:
            export_bundle(reg, tmp_path / "full.camket")
        with as_pc(tmp_path / "laptop-data"):
            create_from_bundle(tmp_path / "laptop.sqlite3", tmp_path / "full.camket")
        shutil.copyfile(tmp_path / "laptop.sqlite3", second)
    _set_address(second, pc, code, "Bản Mới")
    for address in ("Km 3", "Km 5", "Km 9"):
        _set_address(original, pc, code, address)
    with opened(second, pc) as reg:
        export_bundle(reg, tmp_path / "second.camket")
    with opened(original, pc) as reg:
        assert merge_bundle(reg, tmp_path / "second.camket").refused is None
    assert _addresses_kept(original, pc, code) == {"Km 9", "Bản Mới"}


def test_a_register_put_back_from_a_backup_loses_no_edit_made_after_it(
    tmp_path: Path, office: tuple[Path, Path, str]
) -> None:
    original, pc, code = office
    laptop, laptop_pc = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "full.camket")
    with as_pc(laptop_pc):
        create_from_bundle(laptop, tmp_path / "full.camket")
    with as_pc(pc):
        assert main(["backup", "--db", str(original), "--out", str(tmp_path / "bk.sqlite3")]) == 0
    # After the backup the office edits the household twice and sends it to the laptop.
    _set_address(original, pc, code, "Km 3")
    _set_address(original, pc, code, "Km 5")
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "changes.camket", since=tmp_path / "full.camket")
    with opened(laptop, laptop_pc) as reg:
        assert merge_bundle(reg, tmp_path / "changes.camket").refused is None
    # The backup is put back (the disk played up) and the clerk edits the household again.
    with as_pc(pc):
        assert main(["restore", str(tmp_path / "bk.sqlite3"), "--db", str(original)]) == 0
    _set_address(original, pc, code, "Bản Mới")
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "after.camket")
    with opened(laptop, laptop_pc) as reg:
        assert merge_bundle(reg, tmp_path / "after.camket").refused is None
    assert _addresses_kept(laptop, laptop_pc, code) == {"Km 5", "Bản Mới"}
    with opened(original, pc) as reg:
        assert merge_bundle(reg, tmp_path / "changes.camket").refused is None
    assert _addresses_kept(original, pc, code) == {"Km 5", "Bản Mới"}
    assert content(original, pc) == content(laptop, laptop_pc)


def test_a_register_moved_or_renamed_goes_on_with_its_bundles_of_changes(
    tmp_path: Path, office: tuple[Path, Path, str]
) -> None:
    original, pc, code = office
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "full.camket")
    moved = tmp_path / "so-dang-ky" / "office-2026.sqlite3"
    moved.parent.mkdir()
    original.rename(moved)  # the same file, elsewhere: no copy of it exists
    _set_address(moved, pc, code, "Km 3")
    with as_pc(pc):
        out = ["export", "--db", str(moved), "--out", str(tmp_path / "changes.camket")]
        assert main([*out, "--since", str(tmp_path / "full.camket")]) == 0


# --- random edits on two files of one PC and a second PC: no edit lost ---------------------

FILES = ("a", "a2", "b")  # a2: a copy of a's file, on a's PC; b: another PC's register
FIELDS = ("address", "phone", "notes")
_edit = st.tuples(
    st.just("edit"), st.sampled_from(FILES), st.integers(0, 1), st.sampled_from(FIELDS)
)
_sync = st.tuples(st.just("sync"), st.sampled_from(FILES), st.sampled_from(FILES))


@pytest.fixture(scope="module")
def three_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """a's register of two households, a copy of it on the same PC (a2), and b's register
    made from a's bundle; each example copies them (so every file is a copy of the one made
    here, and each takes a replica id of its own)."""
    root = tmp_path_factory.mktemp("copies-on-one-pc")
    with as_pc(root / "a-data"):
        create_register(root / "a.sqlite3", SIN_HO, ["Thôn 1"])
    with opened(root / "a.sqlite3", root / "a-data") as reg:
        populate_demo(reg, 2, seed=7)
        export_bundle(reg, root / "seed.camket")
    shutil.copyfile(root / "a.sqlite3", root / "a2.sqlite3")
    with as_pc(root / "b-data"):
        create_from_bundle(root / "b.sqlite3", root / "seed.camket")
    return root


class _Files:
    """The three files of an example, and every version their edits made: its values (each
    edit writes a value never written before, so values name the edit) and the edits it
    saw (those of the version it was made from, and its own)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.saw: dict[tuple[object, ...], frozenset[int]] = {}
        self.edits = 0
        self.bundles = 0

    def where(self, name: str) -> tuple[Path, Path]:
        return self.root / f"{name}.sqlite3", self.root / f"{name[0]}-data"

    def versions(self, name: str) -> list[tuple[str, tuple[object, ...]]]:
        """(household id, values) of every version the file keeps: its rows and conflicts."""
        with opened(*self.where(name)) as reg:
            rows = reg.db.execute(
                f"SELECT id, {', '.join(FIELDS)} FROM household ORDER BY code"
            ).fetchall()
            waiting = reg.db.execute(
                "SELECT row_id, data FROM conflict WHERE tbl = 'household'"
            ).fetchall()
        kept = [(r[0], tuple(r[1:])) for r in rows]
        for row_id, data in waiting:
            values = json.loads(data)
            kept.append((row_id, tuple(values[f] for f in FIELDS)))
        return kept

    def edit(self, name: str, row: int, field: str) -> None:
        """An edit of the household as the file shows it (its versions waiting for a person
        stay waiting)."""
        household_id, before = self.versions(name)[row]
        self.edits += 1
        with opened(*self.where(name)) as reg:
            reg.writer.update("household", household_id, {field: f"sửa {self.edits}"})
        after = self.versions(name)[row][1]
        self.saw[after] = self.saw.get(before, frozenset()) | {self.edits}

    def sync(self, sender: str, receiver: str) -> None:
        self.bundles += 1
        out = self.root / f"{sender}-{self.bundles}.camket"
        with opened(*self.where(sender)) as reg:
            export_bundle(reg, out)
        with opened(*self.where(receiver)) as reg:
            assert merge_bundle(reg, out, backup=False).refused is None


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(script=st.lists(st.one_of(_edit, _edit, _sync), min_size=2, max_size=10))
def test_random_edits_on_two_files_of_one_pc_lose_none_once_all_have_met(
    three_files: Path, tmp_path_factory: pytest.TempPathFactory, script: list[tuple[object, ...]]
) -> None:
    root = tmp_path_factory.mktemp("example")
    shutil.rmtree(root)
    shutil.copytree(three_files, root)
    try:
        files = _Files(root)
        for step in script:
            if step[0] == "edit":
                files.edit(str(step[1]), int(step[2]), str(step[3]))  # type: ignore[call-overload]
            elif step[1] != step[2]:
                files.sync(str(step[1]), str(step[2]))
        for _ in range(2):
            for sender in FILES:
                for receiver in FILES:
                    if sender != receiver:
                        files.sync(sender, receiver)
        kept = files.versions("a")
        assert kept == files.versions("a2") == files.versions("b")
        # Every edit is in a version kept (the row or a conflict) or one it led to.
        seen = set().union(*(files.saw.get(values, frozenset()) for _id, values in kept))
        assert seen == set(range(1, files.edits + 1))
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_an_edit_after_a_conflict_leaves_its_own_losing_version_waiting_for_a_person(
    tmp_path: Path, office: tuple[Path, Path, str]
) -> None:
    original, pc, code = office
    laptop, laptop_pc = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "full.camket")
    with as_pc(laptop_pc):
        create_from_bundle(laptop, tmp_path / "full.camket")
    _set_address(laptop, laptop_pc, code, "Bản Mới")
    _set_address(original, pc, code, "Km 5")
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "office.camket")
    with opened(laptop, laptop_pc) as reg:
        assert merge_bundle(reg, tmp_path / "office.camket").total("conflicts") == 1
    # The laptop's clerk then corrects the household's phone, the address still in question:
    # the edit is made on the version shown, and the one waiting is still for a person.
    with opened(laptop, laptop_pc) as reg:
        household_id = _household(laptop, laptop_pc, code)
        reg.writer.update("household", household_id, {"phone": "0912000111"})
        reg.writer.update("household", household_id, {"phone": "0912000222"})
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(original, pc) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").refused is None
    with opened(laptop, laptop_pc) as reg:
        assert merge_bundle(reg, tmp_path / "office.camket").refused is None
    for path, folder in ((original, pc), (laptop, laptop_pc)):
        assert _addresses_kept(path, folder, code) == {"Km 5", "Bản Mới"}
    assert content(original, pc) == content(laptop, laptop_pc)


def test_a_register_from_before_replica_ids_takes_one_when_first_written_not_when_read(
    tmp_path: Path, office: tuple[Path, Path, str]
) -> None:
    original, pc, code = office
    with opened(original, pc) as reg:
        export_bundle(reg, tmp_path / "full.camket")
        with reg.db.atomic():  # as a register of an earlier version holds it: no replica id
            marks = ", ".join("?" * len(local.REPLICA_KEYS))
            reg.db.execute(f"DELETE FROM local_setting WHERE key IN ({marks})", local.REPLICA_KEYS)
    before = original.read_bytes()
    with as_pc(pc):
        assert main(["search", "--db", str(original), "a"]) == 0
    assert original.read_bytes() == before  # a command that only reads writes nothing
    _set_address(original, pc, code, "Km 3")
    with as_pc(pc):
        # Which file its earlier bundles came from is not known: its changes go whole.
        out = ["export", "--db", str(original), "--out", str(tmp_path / "next.camket")]
        assert main([*out, "--since", str(tmp_path / "full.camket")]) == 2
        assert main(out) == 0
    with opened(original, pc) as reg:
        assert reg.writer.counter not in ("", reg.installation_id)
