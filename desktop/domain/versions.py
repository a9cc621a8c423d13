"""Which version of a row wins when bundles meet, and which are kept for a person to review.

Each version of a row carries a version vector: {installation: edits of this row by it}.
One version *descends* from another when its vector is at least as large everywhere: the
later one saw the earlier and replaces it. Versions neither of which descends from the other
were made concurrently (two PCs edited the same row since they last met).

The merge of a row keeps the set of versions no other version descends from. Taking that
set of a union is idempotent, commutative and associative, so any order and grouping of the
same bundles ends with the same set. Of the set, every installation shows the same winner
(the most edited, then the latest, then by installation id and content); the others wait in
the conflict queue until a person keeps one or combines them, which writes a version that
descends from all of them.

Hand-written: the state-based multi-value register is a few lines, and the sync engines on
PyPI assume a server or their own storage.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

VersionVector = Mapping[str, int]


def descends(later: VersionVector, earlier: VersionVector) -> bool:
    """``later`` saw every edit ``earlier`` holds (equal vectors included)."""
    return all(later.get(actor, 0) >= count for actor, count in earlier.items())


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
