"""Chunks of a bundle's rows: a row named twice is met twice, never written twice at once
(the second line meets what the first one left, so neither version is lost)."""

from __future__ import annotations

import uuid

from desktop.domain.versions import Version
from desktop.services import merge_rows
from desktop.services.merge_rows import chunks


def _rows(ids: list[str]) -> list[tuple[str, list[Version]]]:
    return [(i, [Version(("id",), (i,), "{}")]) for i in ids]


def test_a_row_named_twice_goes_to_the_next_chunk() -> None:
    got = [[row_id for row_id, _ in chunk] for chunk in chunks(iter(_rows(list("abacbd"))))]
    assert got == [["a", "b"], ["a", "c", "b", "d"]]


def test_chunks_keep_every_row_in_order_and_hold_at_most_chunk_rows() -> None:
    ids = [f"r{n}" for n in range(merge_rows.CHUNK * 2 + 5)]
    got = list(chunks(iter(_rows(ids))))
    assert [len(c) for c in got] == [merge_rows.CHUNK, merge_rows.CHUNK, 5]
    assert [row_id for chunk in got for row_id, _ in chunk] == ids


def test_the_ids_written_into_an_empty_table_are_all_found_and_few_others() -> None:
    written = merge_rows._IdBits(5000)
    ids = [str(uuid.uuid4()) for _ in range(5000)]
    written.add(ids)
    assert all(written.may_hold(row_id) for row_id in ids)
    others = sum(written.may_hold(str(uuid.uuid4())) for _ in range(5000))
    assert others < 5000 // 8
    assert len(merge_rows._IdBits(10**12).bits) == 2**26 // 8  # a manifest's claim is bounded
