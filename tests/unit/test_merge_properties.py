"""Merge properties (hypothesis): random edits on three installations of one commune and
random exchanges end, once everyone has everyone's bundle, in identical registers; no
version anyone made is lost; and the order of merging does not matter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.entities import Household, Person
from desktop.domain.versions import descends
from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle, create_register
from desktop.store import households as repo
from desktop.store.sync import vv_of
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
scripts = st.lists(st.one_of(edit, edit, tombstone, revive, exchange), min_size=1, max_size=14)


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
        kind, pc = step[0], str(step[1])
        if kind == "sync":
            if step[2] != pc:
                self.merge(str(step[2]), self.export(pc))
            return
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


def _versions_kept(pcs: Installations, pc: str) -> dict[str, list[dict[str, int]]]:
    """Every version vector a PC still holds per household: its row's and its conflicts'."""
    import json

    kept: dict[str, list[dict[str, int]]] = {}
    with opened(pcs.path(pc), pcs.folder(pc)) as reg:
        for row_id, vv in reg.db.execute("SELECT id, vv FROM household"):
            kept.setdefault(row_id, []).append(vv_of(vv))
        for row_id, vv in reg.db.execute("SELECT row_id, vv FROM conflict WHERE tbl = 'household'"):
            kept.setdefault(row_id, []).append(json.loads(vv))
    return kept


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(script=scripts)
def test_random_edits_and_exchanges_end_identical_with_no_version_lost(
    made_once: Path, example_roots: Path, script: list[tuple[object, ...]]
) -> None:
    root = example_roots / "example"
    try:
        pcs = Installations(root, made_once)
        for step in script:
            pcs.run(step)
        pcs.everyone_meets_everyone()
        final = [content(pcs.path(pc), pcs.folder(pc)) for pc in PCS]
        assert final[0] == final[1] == final[2]
        kept = _versions_kept(pcs, "a")
        for row_id, vv, _values in pcs.made:
            assert any(descends(later, vv) for later in kept[row_id]), (row_id, vv)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    script=st.lists(st.one_of(edit, tombstone), min_size=2, max_size=10),
    order=st.permutations([0, 1, 2, 3]),
)
def test_the_same_bundles_in_any_order_and_repeated_give_the_same_register(
    made_once: Path, example_roots: Path, script: list[tuple[object, ...]], order: list[int]
) -> None:
    root = example_roots / "example"
    try:
        pcs = Installations(root, made_once)
        for step in script:
            pcs.run(step)
        bundles = [pcs.export("b"), pcs.export("c"), pcs.export("a"), pcs.export("b")]
        receiver = root / "fresh.sqlite3"
        shutil.copy(pcs.path("a"), root / "fresh-2.sqlite3")
        shutil.copy(pcs.path("a"), receiver)
        folder = pcs.folder("a")
        for index in order:
            with opened(receiver, folder) as reg:
                assert merge_bundle(reg, bundles[index], backup=False).refused is None
        other = root / "fresh-2.sqlite3"
        for index in (*sorted(order), 0, 1):  # another order, with repeats
            with opened(other, folder) as reg:
                assert merge_bundle(reg, bundles[index], backup=False).refused is None
        assert content(receiver, folder) == content(other, folder)
    finally:
        shutil.rmtree(root, ignore_errors=True)
