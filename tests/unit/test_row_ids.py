"""Row ids: UUID version 7 text, unique and time-ordered (a row made later sorts after), and
the stable ids of rows every installation makes alike unchanged."""

from __future__ import annotations

import random
import threading
import time
import uuid

import pytest

from desktop.domain import row_ids
from desktop.domain.row_ids import new_id, new_ids, random_id, short_id, stable_id


def test_a_new_id_is_uuid_version_7_text_of_now() -> None:
    before = time.time_ns() // 1_000_000
    row_id = new_id()
    after = time.time_ns() // 1_000_000
    parsed = uuid.UUID(row_id)
    assert str(parsed) == row_id
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert before <= parsed.int >> 80 <= after + 1


def test_ids_made_one_after_another_ascend_and_never_repeat() -> None:
    ids = [new_id() for _ in range(50_000)]  # thousands within each millisecond
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_ids_ascend_when_the_clock_stands_still_or_goes_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = iter([2_000_000_000_000_000_000] * 5_000 + [1_999_000_000_000_000_000] * 100)
    monkeypatch.setattr(row_ids.time, "time_ns", lambda: next(clock))
    monkeypatch.setattr(row_ids, "_clock", [0, 0])  # put back afterwards: now is now again
    ids = [new_id() for _ in range(5_100)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    # 4,096 ids in the same millisecond: the next ones take the next millisecond.
    assert {uuid.UUID(i).int >> 80 for i in ids} == {2_000_000_000_000, 2_000_000_000_001}


def test_ids_made_in_bulk_are_those_made_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_ids.time, "time_ns", lambda: 2_000_000_000_000_000_000)
    monkeypatch.setattr(row_ids, "_clock", [0, 0])
    before = new_id()
    bulk = new_ids(9_000)  # past 4,096 in one millisecond, twice
    after = new_id()
    monkeypatch.setattr(row_ids, "_clock", [0, 0])
    one_by_one = [new_id() for _ in range(9_002)]
    # The same milliseconds and counters; the random part of each its own.
    assert [i[:19] for i in [before, *bulk, after]] == [i[:19] for i in one_by_one]
    assert [before, *bulk, after] == sorted({before, *bulk, after})
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in bulk)
    assert all(str(uuid.UUID(i)) == i for i in bulk)
    assert new_ids(0) == []


def test_ids_made_on_several_threads_never_repeat() -> None:
    made: list[list[str]] = [[] for _ in range(4)]

    def make(into: list[str]) -> None:
        into.extend(new_id() for _ in range(5_000))

    threads = [threading.Thread(target=make, args=(into,)) for into in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [row_id for ids in made for row_id in ids]
    assert len(set(every)) == len(every)
    assert all(ids == sorted(ids) for ids in made)


def test_ids_of_two_installations_in_the_same_millisecond_differ(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(row_ids.time, "time_ns", lambda: 2_000_000_000_000_000_000)
    monkeypatch.setattr(row_ids, "_clock", [0, 0])
    first = new_id()
    monkeypatch.setattr(row_ids, "_clock", [0, 0])  # another process: its own counter
    second = new_id()
    assert first[:19] == second[:19]  # the same millisecond and counter
    assert first != second  # 62 random bits


def test_stable_ids_stay_what_they_were() -> None:
    # A pledge of a household in a campaign is the same row on every installation, made
    # before or after row ids became time-ordered.
    assert stable_id("pledge", "c", "h") == "f300dfe3-9191-58c9-b75f-56ef7d2ed600"
    assert uuid.UUID(stable_id("commune", "03478")).version == 5


@pytest.fixture
def seeded_random(monkeypatch: pytest.MonkeyPatch) -> None:
    """The random source made repeatable (a seed whose 1,000 draws differ in every 32 bits a
    short id shows): 1,000 truly random ids share 8 hex characters once in ~10,000 runs, which
    says nothing of where an id's short form comes from; the draws still vary from id to id
    as the system's would."""
    source = random.Random(20261205)
    monkeypatch.setattr(row_ids.os, "urandom", source.randbytes)


def test_an_installation_or_register_id_is_random_from_its_start(seeded_random: None) -> None:
    # Told apart by its first 8 characters (`máy 3c47a1e0`): never the time it was made.
    ids = [random_id() for _ in range(1_000)]
    assert all(uuid.UUID(i).version == 4 for i in ids)
    assert len({i[:8] for i in ids}) == len(ids)


def test_rows_made_in_the_same_minute_are_told_apart_in_messages(
    seeded_random: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # All in one millisecond, as a bulk load makes them: what tells them apart in a message
    # can only be the random part.
    monkeypatch.setattr(row_ids.time, "time_ns", lambda: 1_796_000_000_000_000_000)
    monkeypatch.setattr(row_ids, "_clock", [0, 0])  # no later id made before this test
    ids = [new_id() for _ in range(1_000)]
    assert len({i[:13] for i in ids}) == 1
    assert len({short_id(i) for i in ids}) == len(ids)
