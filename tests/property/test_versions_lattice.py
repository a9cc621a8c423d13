"""The merge's rule on one row, without a register (hypothesis, many examples in seconds):
three PCs edit a row, often to the same values at once (the same pledge recorded on two
PCs), settle conflicts, and send each other bundles. The same bundles merged in any order,
grouping and repetition give the same versions; PCs that meet both ways end alike; no
version is dropped but by one that saw it; a person is asked once per content other than
the row's; an edit joins the row's settled versions and drops no other content."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.versions import Version, descends, frontier, joined, next_vector, to_review
from desktop.store.sync import vv_text
from tests.property.examples import examples

PCS = ("a", "b", "c")
ROW = "018f0000-0000-7000-8000-000000000001"
COLUMNS = ("id", "phone", "notes", "created_at", "updated_at", "updated_by", "rev", "deleted")
SEED = Version.of(
    COLUMNS,
    {"id": ROW, "phone": "", "notes": "", "created_at": "t0", "updated_at": "t0"}
    | {"updated_by": "", "rev": 1, "deleted": 0},
    "{}",
)

changes = st.one_of(
    st.fixed_dictionaries({"phone": st.sampled_from(("", "0912", "0988"))}),
    st.fixed_dictionaries({"notes": st.sampled_from(("", "Đã ký", "Vắng"))}),
    st.fixed_dictionaries({"deleted": st.sampled_from((0, 1))}),
)
edit = st.tuples(st.just("edit"), st.sampled_from(PCS), changes)
alike = st.tuples(
    st.just("alike"), st.lists(st.sampled_from(PCS), min_size=2, unique=True), changes
)
answer = st.tuples(st.just("answer"), st.sampled_from(PCS), st.integers(0, 3), st.booleans())
sync = st.tuples(st.just("sync"), st.sampled_from(PCS), st.sampled_from(PCS))
scripts = st.lists(st.one_of(edit, alike, alike, answer, sync, sync), min_size=1, max_size=24)


class Model:
    """Each PC's versions of the row (the shown one first), every version made, every
    bundle sent (a PC's versions as they were)."""

    def __init__(self) -> None:
        self.held: dict[str, list[Version]] = {pc: [SEED] for pc in PCS}
        self.made: list[Version] = [SEED]
        self.bundles: list[tuple[Version, ...]] = []
        self.clock = 0

    def write(self, pc: str, values: dict[str, Any], seen: Sequence[Version] = ()) -> None:
        """An edit as store.sync makes it: the row's vector joined with what a person chose
        from (``seen``) and with its settled versions, one edit counted."""
        row, *waiting = self.held[pc]
        settled = [w for w in waiting if w.content == row.content]
        others = [w for w in waiting if w.content != row.content]
        vector = joined(row.vector, *(s.vector for s in seen))
        vv = next_vector(pc, ROW, vector, [s.vector for s in settled], [o.vector for o in others])
        self.clock += 1
        stamps = {"updated_at": f"t{self.clock:03d}", "updated_by": pc, "rev": row.get("rev") + 1}
        new = Version.of(COLUMNS, row.row | values | stamps, vv_text(vv))
        for version in settled:  # the row's content: joined
            assert descends(vv, version.vector)
        for version in others:  # another content: dropped only when a person chose from it
            assert not descends(vv, version.vector) or version in seen
        self.held[pc] = [new, *(w for w in waiting if not descends(vv, w.vector))]
        self.made.append(new)

    def run(self, step: tuple[Any, ...]) -> None:
        kind = step[0]
        if kind == "edit":
            self.write(step[1], step[2])
        elif kind == "alike":
            for pc in step[1]:
                self.write(pc, step[2])
        elif kind == "answer":
            groups = to_review(self.held[step[1]])
            if groups:
                group = groups[step[2] % len(groups)]
                keep = group[0] if step[3] else self.held[step[1]][0]
                values = {c: keep.get(c) for c in ("phone", "notes", "deleted")}
                self.write(step[1], values, group)
        elif step[1] != step[2]:
            self.bundles.append(tuple(self.held[step[1]]))
            self.held[step[2]] = frontier([*self.held[step[2]], *self.bundles[-1]])

    def everyone_meets_everyone(self) -> None:
        for _ in range(2):
            sent = {pc: tuple(self.held[pc]) for pc in PCS}
            for receiver in PCS:
                for sender in PCS:
                    self.held[receiver] = frontier([*self.held[receiver], *sent[sender]])


def _merged(bundles: list[tuple[Version, ...]]) -> list[Version]:
    held: list[Version] = []
    for bundle in bundles:
        held = frontier([*held, *bundle])
    return held


@settings(max_examples=examples(150), deadline=None)
@given(script=scripts, data=st.data())
def test_any_order_and_grouping_of_the_same_bundles_gives_the_same_versions(
    script: list[tuple[Any, ...]], data: st.DataObject
) -> None:
    model = Model()
    for step in script:
        model.run(step)
    bundles = model.bundles + [tuple(model.held[pc]) for pc in PCS]
    one = _merged(bundles)
    order = data.draw(st.permutations(bundles))
    repeats = data.draw(st.lists(st.sampled_from(bundles), max_size=4))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(order)), max_size=3)))
    parts = [list(order[a:b]) for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]
    grouped = _merged([tuple(_merged(part)) for part in reversed(parts)] + repeats)
    assert grouped == one  # the same versions, the same one shown first
    assert _merged([tuple(one), *bundles]) == one  # merging what it holds changes nothing


@settings(max_examples=examples(150), deadline=None)
@given(script=scripts, then=st.lists(st.one_of(edit, alike, answer), max_size=3))
def test_pcs_that_meet_end_alike_lose_nothing_and_ask_once_per_other_content(
    script: list[tuple[Any, ...]], then: list[tuple[Any, ...]]
) -> None:
    model = Model()
    for step in [*script, ("meet",), *then]:
        if step[0] == "meet":
            model.everyone_meets_everyone()
        else:
            model.run(step)
    model.everyone_meets_everyone()
    held = [model.held[pc] for pc in PCS]
    assert held[0] == held[1] == held[2]
    final = held[0]
    for version in model.made:  # kept, or replaced by one that saw it
        assert any(descends(kept.vector, version.vector) for kept in final), version
    questions = to_review(final)
    contents = [group[0].content for group in questions]
    assert final[0].content not in contents and len(set(contents)) == len(contents)
    assert len(questions) == len({v.content for v in final}) - 1
    for group in questions:
        assert all(v.content == group[0].content for v in group)


@settings(max_examples=examples(150), deadline=None)
@given(script=scripts, pc=st.sampled_from(PCS), change=changes)
def test_an_edit_after_meeting_leaves_only_what_differs_from_it(
    script: list[tuple[Any, ...]], pc: str, change: dict[str, Any]
) -> None:
    """Once every PC has met, the next edit anywhere descends from every version of the
    row's content; what stays beside it is the other contents, each still asked."""
    model = Model()
    for step in script:
        model.run(step)
    model.everyone_meets_everyone()
    before = model.held[pc]
    model.write(pc, change)
    model.everyone_meets_everyone()
    final = model.held[pc]
    assert final[0] == model.made[-1] or final[0].content != before[0].content
    gone = [v for v in before if v not in final]
    assert all(
        v.content == before[0].content or descends(model.made[-1].vector, v.vector) for v in gone
    )
    assert {v for v in before if v.content != before[0].content} <= set(final)
