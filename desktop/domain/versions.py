"""Which version of a row wins when bundles meet, and which are kept for a person to review.

Each version of a row carries a version vector: {installation: edits of this row by it}.
One version *descends* from another when its vector is at least as large everywhere: the
later one saw the earlier and replaces it. Versions neither of which descends from the other
were made concurrently (two PCs edited the same row since they last met).

The merge of a row keeps the set of versions no other version descends from (frontier): the
maximal elements of everything seen. max(max(S) ∪ T) = max(S ∪ T), so taking it of a union
is idempotent, commutative and associative: any order and grouping of the same bundles ends
with the same set. Of the set, every installation shows the same winner (the most edited,
then the latest, then by installation id and content); the others wait in the conflict
queue until a person keeps one or combines them, which writes a version that descends from
all of them. An edit counts under its writer's key unless that would make it descend from
the writer's own version waiting there (edit_key).

Identical concurrent edits (two PCs record a pledge alike) settle without a person. Two
versions hold the same *content* when they differ only in METADATA (who made them, when,
their edit count) and their vector: the values a user sees or that drive behaviour
(``deleted`` included, and an attachment's SHA-256) are equal. The rule:

1. The merge is not changed: the register keeps the frontier of every version seen,
   versions of the same content included (they travel as they are, in the row and the
   conflict queue), so the guarantees above hold as they did.
2. A person is asked only about contents: of a row's frontier, a waiting version with
   the content of the row's winner is *settled* (never shown, never counted), and waiting
   versions of one content are one question (to_review). The settled row shows the winner's
   stamps (updated_at, updated_by, rev, created_at): the frontier's order picks it alike
   everywhere, from the same versions.
3. The row's next edit joins the vectors of its settled versions (next_vector): it
   descends from all of them, so every register that receives it drops them (the merge's
   rule 1), here at once. Unless the join would descend from a waiting version of another
   content it did not descend from before (two versions with one vector but different
   values, written before replica ids): then none is joined and nothing is lost.

Why not join the vectors at the merge (collapse each group of one content into one version
with the joined vector)? The result would depend on the order of the bundles. PC p records
x (A = x{p:1}) and sends bundle b1; it then changes the notes, y{p:2}, and sends b2; PC q
records x alike (B = x{q:1}) and sends b3. A register merging b1, b3, b2 collapses A and B
into x{p:1,q:1}, which y{p:2} does not descend from: row y, waiting x{p:1,q:1}. One merging
b1, b2, b3 has dropped A (y replaced it) before B comes: row y, waiting x{q:1}. The same
bundles, two registers; the version of A that the collapse needs is gone from the state.
The frontier keeps A and B apart until an edit that saw both exists; that edit is a version
like any other, so the merge of rule 1 stays a join over everything seen. Versions of one
content are all kept (never dropped by a merge), and a version of another content is
dropped only by one that descends from it, as before: nothing is lost. A later edit made
where only one of A and B was seen (y{p:2} above) descends from that one only: it and the
other (x, its values differ) wait for a person, as any concurrent edits do.

Hand-written: the state-based multi-value register is a few lines, and the sync engines on
PyPI assume a server or their own storage.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

VersionVector = Mapping[str, int]

# Columns that say who made a version and when, not what it holds (the registry's sync
# columns but ``deleted`` and the vector): versions that differ only there and in their
# vectors hold the same content.
METADATA = frozenset(("created_at", "updated_at", "updated_by", "rev"))


def descends(later: VersionVector, earlier: VersionVector) -> bool:
    """``later`` saw every edit ``earlier`` holds (equal vectors included)."""
    return all(later.get(actor, 0) >= count for actor, count in earlier.items())


# Keys an edit counts under when its writer's own key would make it pass for a version that
# saw one of the writer's earlier versions of the row, waiting in the conflict queue.
_EDIT_KEYS = "6f1c2b0e-5d7a-5e0b-9f42-3a1d8c7e6b15"


def edit_key(
    writer: str, row_id: str, vector: VersionVector, waiting: Iterable[VersionVector]
) -> str:
    """The key an edit of a row counts under: the writer's own, unless a version of the row
    waiting for a person holds more of that key's edits than the row (the writer's own
    earlier edit, which lost to the row when bundles met): counted under it, the edit would
    descend from that version and drop it unseen wherever they meet. Then the first key of a
    chain derived from the writer's and the row's ids (UUID version 5) that no waiting
    version is ahead on: the edit stays concurrent with every waiting version, and the chain
    is the same each time, so the row's vector grows by one key per such conflict, not per
    edit. A person settling the conflict joins its versions: the writer's key again."""
    import uuid  # not for a window's start (with platform, ~1 % of a bare window's)

    waiting = list(waiting)
    key = writer
    for _ in range(sum(len(w) for w in waiting) + 1):  # each step passes a key one holds
        if not any(w.get(key, 0) > vector.get(key, 0) for w in waiting):
            return key
        key = str(uuid.uuid5(uuid.UUID(_EDIT_KEYS), f"{key}\x1f{row_id}"))
    return key


def joined(*vectors: VersionVector) -> dict[str, int]:
    """The smallest vector every one of ``vectors`` descends to."""
    out: dict[str, int] = {}
    for vector in vectors:
        for actor, count in vector.items():
            out[actor] = max(out.get(actor, 0), count)
    return out


@dataclass(frozen=True)
class Version:
    """One version of a row: its stored values (sync columns but the vector included), in
    its table's column order, and its version vector as canonical JSON text."""

    columns: tuple[str, ...]
    values: tuple[Any, ...]
    vv: str

    @staticmethod
    def of(columns: tuple[str, ...], row: Mapping[str, Any], vv: str) -> Version:
        return Version(columns, tuple(row.get(c) for c in columns), vv)

    @cached_property
    def vector(self) -> dict[str, int]:
        return dict(json.loads(self.vv)) if self.vv else {}

    @property
    def row(self) -> dict[str, Any]:
        return dict(zip(self.columns, self.values, strict=True))

    def get(self, column: str) -> Any:
        return self.values[self.columns.index(column)]

    @cached_property
    def content(self) -> tuple[Any, ...]:
        """What the version holds: its values but METADATA (vector aside)."""
        return tuple(v for c, v in zip(self.columns, self.values, strict=True) if c not in METADATA)

    @property
    def digest(self) -> str:
        import hashlib  # not loaded for a window's start (OpenSSL's library)

        text = json.dumps([self.columns, self.values, self.vv], ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def replaces(self, other: Version) -> bool:
        """This version saw ``other`` and is a later one (not the same vector)."""
        return self.vv != other.vv and descends(self.vector, other.vector)

    def order(self) -> tuple[int, str, str, str]:
        row = self.row
        return (
            int(row.get("rev") or 0),
            str(row.get("updated_at") or ""),
            str(row.get("updated_by") or ""),
            self.digest,
        )


_new_object = object.__new__


def version_of(columns: tuple[str, ...], values: tuple[Any, ...], vv: str) -> Version:
    """``Version(columns, values, vv)``, made without the frozen dataclass's ``__init__``
    (a field at a time through ``object.__setattr__``: over a microsecond, and a merge
    makes one per line of a bundle): the same, equal and hashing alike."""
    version = _new_object(Version)
    fields = version.__dict__
    fields["columns"], fields["values"], fields["vv"] = columns, values, vv
    return version


def frontier(versions: Iterable[Version]) -> list[Version]:
    """The versions no other one strictly descends from, best first (the winner first).

    A copy of a version (the same values and vector) counts once. Two versions with the
    same vector but different values (a register restored from an old backup that edited
    again) are both kept: nothing is lost. Vectors are compared as canonical text."""
    unique = list(dict.fromkeys(versions))
    if len(unique) == 1:
        return unique
    kept = [v for v in unique if not any(o.replaces(v) for o in unique if o is not v)]
    return sorted(kept, key=Version.order, reverse=True)


def to_review(versions: Sequence[Version]) -> list[list[Version]]:
    """What a person must review of a row's versions (the shown one first, then the waiting
    ones): the waiting ones grouped by content, best first, each group one question; a
    version with the shown one's content is settled and in none."""
    if len(versions) < 2:
        return []
    shown = versions[0].content
    groups: dict[tuple[Any, ...], list[Version]] = {}
    for version in versions[1:]:
        if version.content != shown:
            groups.setdefault(version.content, []).append(version)
    return [
        g if len(g) == 1 else sorted(g, key=Version.order, reverse=True) for g in groups.values()
    ]


def next_vector(
    writer: str,
    row_id: str,
    vector: VersionVector,
    settled: Sequence[VersionVector],
    others: Sequence[VersionVector],
) -> dict[str, int]:
    """The vector of a new edit of a row whose version has ``vector`` (joined already with
    the versions a person settling a conflict chose from): it joins the ``settled`` waiting
    versions (the row's content) and counts one edit (edit_key), unless that join would
    descend from a waiting version of ``others`` (another content) that ``vector`` did not:
    then it joins none of them, and drops no other content."""
    out = joined(vector, *settled)
    if any(descends(out, o) and not descends(vector, o) for o in others):
        out = dict(vector)
    waiting = [*settled, *others]
    key = edit_key(writer, row_id, out, waiting) if waiting else writer
    out[key] = out.get(key, 0) + 1
    return out
