"""Merge properties (hypothesis): random edits on three installations of one commune, often
the same edit on two or three of them at once, and random exchanges end, once everyone has
everyone's bundle, in identical registers; no version anyone made is lost; a person is asked
only about versions whose values differ; and the order and grouping of merging do not
matter."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.entities import Household, Person
from desktop.domain.versions import descends
from desktop.services import conflicts as queue
from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle, create_register
from desktop.store import households as repo
from desktop.store.sync import vv_of
from tests.property.examples import examples
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened

PCS = ("a", "b", "c")
FIELDS = ("address", "phone", "notes")
VALUES = ("Km 1", "Km 2", "Bản trên", "0912000111", "Đã đến nhà", "")

edit = st.tuples(
    st.just("edit"),
    st.sampled_from(PCS),
    st.integers(0, 2),
    st.sampled_from(FIELDS),
    st.sampled_from(VALUES),
)
tombstone = st.tuples(st.just("delete"), st.sampled_from(PCS), st.integers(0, 2))
revive = st.tuples(st.just("restore"), st.sampled_from(PCS), st.integers(0, 2))
exchange = st.tuples(st.just("sync"), st.sampled_from(PCS), st.sampled_from(PCS))
# The same change made on two or three PCs before they meet (a pledge recorded on both).
several = st.lists(st.sampled_from(PCS), min_size=2, max_size=3, unique=True)
alike = st.tuples(
    st.just("alike"),
    several,
    st.integers(0, 2),
    st.sampled_from(FIELDS),
    st.sampled_from(VALUES),
)
alike_delete = st.tuples(st.just("alike-delete"), several, st.integers(0, 2))
scripts = st.lists(
    st.one_of(edit, edit, alike, alike, alike_delete, tombstone, revive, exchange),
    min_size=1,
    max_size=14,
)


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three PCs made once for the module in pytest's temporary folder (making registers
    is most of an example's time); every example copies them."""
    root = tmp_path_factory.mktemp("camket-pcs")
    Installations.build(root)
    return root


@pytest.fixture(scope="module")
def example_roots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the examples put their copies, each removed when its example ends."""
    return tmp_path_factory.mktemp("camket-examples")


class Installations:
    """Three PCs of Sìn Hồ in a temporary folder, each with its data folder and register
    (copied from the set the module made once)."""

    def __init__(self, root: Path, template: Path) -> None:
        self.root = root
        self.made: list[tuple[str, dict[str, int], tuple[object, ...]]] = []
        self.bundles = 0
        shutil.copytree(template, root)

    @staticmethod
    def build(root: Path) -> None:
        def folder(pc: str) -> Path:
            return root / f"{pc}-data"

        with as_pc(folder("a")):
            create_register(root / "a.sqlite3", SIN_HO, ["Bản Nậm Tăm"])
        with opened(root / "a.sqlite3", folder("a")) as reg:
            hamlet = repo.list_hamlets(reg.db)[0]
            for number in range(3):
                household = Household(hamlet.id, f"NT-{number:03d}")
                person = Person("", f"Lò Văn {'ABC'[number]}", "nam")  # type: ignore[arg-type]
                repo.add_household(reg.writer, household, [person])
            export_bundle(reg, root / "seed.camket")
        for pc in ("b", "c"):
            with as_pc(folder(pc)):
                create_from_bundle(root / f"{pc}.sqlite3", root / "seed.camket")

    def folder(self, pc: str) -> Path:
        return self.root / f"{pc}-data"

    def path(self, pc: str) -> Path:
        return self.root / f"{pc}.sqlite3"

    def export(self, pc: str) -> Path:
        self.bundles += 1
        out = self.root / f"{pc}{self.bundles}.camket"
        with opened(self.path(pc), self.folder(pc)) as reg:
            export_bundle(reg, out)
        return out

    def merge(self, pc: str, bundle: Path) -> None:
        with opened(self.path(pc), self.folder(pc)) as reg:
            result = merge_bundle(reg, bundle, backup=False)
        assert result.refused is None, result.refused

    def household_ids(self, pc: str) -> list[str]:
        with opened(self.path(pc), self.folder(pc)) as reg:
            return [r[0] for r in reg.db.execute("SELECT id FROM household ORDER BY code")]

    def run(self, step: tuple[object, ...]) -> None:
        kind = step[0]
        if kind == "sync":
            if step[2] != step[1]:
                self.merge(str(step[2]), self.export(str(step[1])))
            return
        if kind in ("alike", "alike-delete"):  # the same change on each PC named
            for pc in step[1]:  # type: ignore[attr-defined]
                self.run(("edit" if kind == "alike" else "delete", pc, *step[2:]))
            return
        pc = str(step[1])
        row_id = self.household_ids(pc)[int(step[2])]  # type: ignore[call-overload]
        with opened(self.path(pc), self.folder(pc)) as reg:
            if kind == "edit":
                reg.writer.update("household", row_id, {str(step[3]): step[4]})
            elif kind == "delete":
                reg.writer.tombstone("household", row_id)
            else:
                reg.writer.restore("household", row_id)
            vv, *values = reg.db.execute(
                "SELECT vv, address, phone, notes, deleted FROM household WHERE id = ?", [row_id]
            ).fetchone()
        self.made.append((row_id, vv_of(vv), tuple(values)))

    def everyone_meets_everyone(self) -> None:
        for _ in range(2):
            bundles = {pc: self.export(pc) for pc in PCS}
            for receiver in PCS:
                for sender, bundle in bundles.items():
                    if sender != receiver:
                        self.merge(receiver, bundle)


SHOWN = ("hamlet_id", "code", "address", "phone", "head_id", "notes", "deleted")


def _versions_kept(
    pcs: Installations, pc: str
) -> dict[str, list[tuple[dict[str, int], tuple[object, ...]]]]:
    """Every version a PC still holds per household, its row's first then its waiting
    ones': (vector, the values a person sees)."""
    kept: dict[str, list[tuple[dict[str, int], tuple[object, ...]]]] = {}
    with opened(pcs.path(pc), pcs.folder(pc)) as reg:
        names = ", ".join(SHOWN)
        for row_id, vv, *values in reg.db.execute(f"SELECT id, vv, {names} FROM household"):
            kept.setdefault(row_id, []).append((vv_of(vv), tuple(values)))
        for row_id, vv, data in reg.db.execute(
            "SELECT row_id, vv, data FROM conflict WHERE tbl = 'household'"
        ):
            values = json.loads(data)
            kept[row_id].append((json.loads(vv), tuple(values[c] for c in SHOWN)))
    return kept


def _asked_only_about_differences(pcs: Installations, pc: str) -> None:
    """The questions a PC shows: one per row and other content (never the row's own), each
    differing somewhere, as many as `count_conflicts` says."""
    kept = _versions_kept(pcs, pc)
    with opened(pcs.path(pc), pcs.folder(pc)) as reg:
        found = queue.open_conflicts(reg.db)
        assert queue.count_conflicts(reg.db) == len(found)
    for conflict in found:
        assert conflict.differences(), conflict
    asked = sorted((c.row_id, tuple(c.other[s] for s in SHOWN)) for c in found)
    expected = sorted(
        (row_id, values)
        for row_id, versions in kept.items()
        for values in {v for _, v in versions[1:]} - {versions[0][1]}
    )
    assert asked == expected


@settings(
    max_examples=examples(12),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(script=scripts, editor=st.sampled_from(PCS))
def test_random_edits_and_exchanges_end_identical_with_no_version_lost(
    made_once: Path, example_roots: Path, script: list[tuple[object, ...]], editor: str
) -> None:
    root = example_roots / "example"
    try:
        pcs = Installations(root, made_once)
        for step in script:
            pcs.run(step)
            if step[0] == "sync":
                _asked_only_about_differences(pcs, str(step[2]))
        pcs.everyone_meets_everyone()
        final = [content(pcs.path(pc), pcs.folder(pc)) for pc in PCS]
        assert final[0] == final[1] == final[2]
        kept = _versions_kept(pcs, "a")
        for row_id, vv, _values in pcs.made:
            assert any(descends(later, vv) for later, _ in kept[row_id]), (row_id, vv)
        for pc in PCS:
            _asked_only_about_differences(pcs, pc)
        # The next edit of a row joins its versions of the row's values: once it has
        # travelled, only versions whose values differ from them wait, everywhere.
        row_id = pcs.household_ids(editor)[0]
        before = kept[row_id]
        pcs.run(("edit", editor, 0, "notes", "Đã gặp chủ hộ"))
        pcs.everyone_meets_everyone()
        after = _versions_kept(pcs, "a")[row_id]
        assert before[0][1] not in {values for _, values in after[1:]}
        assert {v for _, v in before[1:]} - {before[0][1]} <= {v for _, v in after}
        assert content(pcs.path("a"), pcs.folder("a")) == content(pcs.path("b"), pcs.folder("b"))
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(
    max_examples=examples(8),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    script=st.lists(
        st.one_of(edit, alike, alike_delete, tombstone, exchange), min_size=2, max_size=10
    ),
    order=st.permutations([0, 1, 2, 3, 4]),
    relayed=st.sets(st.integers(0, 4), min_size=1, max_size=3),
    repeats=st.lists(st.integers(0, 4), max_size=2),
)
def test_the_same_bundles_in_any_order_grouping_and_repeated_give_the_same_register(
    made_once: Path,
    example_roots: Path,
    script: list[tuple[object, ...]],
    order: list[int],
    relayed: set[int],
    repeats: list[int],
) -> None:
    """One register merges the bundles in one order; another merges some of them through
    a third register first (its own bundle brings them), the rest in another order, some
    twice: the same register."""
    root = example_roots / "example"
    try:
        pcs = Installations(root, made_once)
        bundles = []
        for step in script:
            pcs.run(step)
            if step[0] != "sync" and len(bundles) < 2:  # one sent halfway, as a PC does
                sender = step[1][0] if isinstance(step[1], list) else step[1]
                bundles.append(pcs.export(str(sender)))
        bundles += [pcs.export(pc) for pc in PCS][: 5 - len(bundles)]
        bundles += [pcs.export("b")] * (5 - len(bundles))
        folder = pcs.folder("a")
        receiver, other, relay = (root / f"{n}.sqlite3" for n in ("fresh", "fresh-2", "relay"))
        for copy in (receiver, other, relay):
            shutil.copy(pcs.path("a"), copy)

        def merge(path: Path, bundle: Path) -> None:
            with opened(path, folder) as reg:
                assert merge_bundle(reg, bundle, backup=False).refused is None

        for index in order:
            merge(receiver, bundles[index])
        for index in sorted(relayed):
            merge(relay, bundles[index])
        with opened(relay, folder) as reg:
            export_bundle(reg, root / "relayed.camket")
        merge(other, root / "relayed.camket")
        for index in (*reversed(order), *repeats):  # another order, with repeats
            if index not in relayed:
                merge(other, bundles[index])
        assert content(receiver, folder) == content(other, folder)
    finally:
        shutil.rmtree(root, ignore_errors=True)
