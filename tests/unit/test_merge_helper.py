"""A big bundle's lines read by a helper process beside the merge's writing: the register
ends as a merge in one process leaves it, a bundle it refuses is refused with the same
words and nothing written, and a cancel stops the helper too."""

from __future__ import annotations

import multiprocessing
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.messages import describe
from desktop.services import merge_helper, merge_rows
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import MergeResult, merge_bundle
from desktop.services.register import create_register, create_upper_register
from desktop.store.search import search_people
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened, resign, with_cell


@pytest.fixture
def bundle(tmp_path: Path) -> tuple[Path, Path]:
    """A commune's bundle of 20 demo households, and its PC's data folder (to re-sign)."""
    folder, path = tmp_path / "office-data", tmp_path / "office.sqlite3"
    with as_pc(folder):
        create_register(path, SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(path, folder) as reg:
        populate_demo(reg, 20, seed=5)
        export_bundle(reg, tmp_path / "office.camket")
    return tmp_path / "office.camket", folder


@pytest.fixture
def helped(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return _through_the_helper(monkeypatch)


def _through_the_helper(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every bundle read by the helper process (however small); the tables it served."""
    served: list[str] = []
    lines = merge_helper.LineFeed.lines

    def counted(feed: merge_helper.LineFeed, name: str) -> Iterator[Any]:
        served.append(name)
        yield from lines(feed, name)

    monkeypatch.setattr(merge_helper, "HELPED_ROWS", 0)
    monkeypatch.setattr(merge_helper.LineFeed, "lines", counted)
    return served


def _upper(tmp_path: Path, name: str) -> tuple[Path, Path]:
    path, folder = tmp_path / f"{name}.sqlite3", tmp_path / f"{name}-data"
    with as_pc(folder):
        create_upper_register(path, "Đồn Biên phòng", "12")
    return path, folder


def _merged(
    register: tuple[Path, Path], bundle: Path, **options: Any
) -> tuple[MergeResult, dict[str, Any]]:
    """The result of merging ``bundle``, and the register's search index, change log and
    searches afterwards."""
    with opened(*register) as reg:
        result = merge_bundle(reg, bundle, backup=False, **options)
        for table in ("person", "household"):  # raises when the index lost its content
            reg.db.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
        after = {
            "changes": reg.db.execute("SELECT tbl, row_id FROM change_log ORDER BY seq").fetchall(),
            "found": [
                [p.person_id for p in search_people(reg.db, q)] for q in ("lo", "thi", "a", "0")
            ],
            "search_text": reg.db.execute(
                "SELECT id, sort_key, search_text, commune_code FROM person ORDER BY rowid"
            ).fetchall(),
        }
    return result, after


def test_a_bundle_read_by_the_helper_leaves_the_register_a_single_process_merge_leaves(
    tmp_path: Path, bundle: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, beside = _upper(tmp_path, "alone"), _upper(tmp_path, "beside")
    monkeypatch.setattr(merge_helper, "HELPED_ROWS", 10**9)
    one, one_after = _merged(alone, bundle[0])
    served = _through_the_helper(monkeypatch)
    two, two_after = _merged(beside, bundle[0])
    assert {"household", "person", "movement", "pledge"} <= set(served)
    assert one.refused is None and two.refused is None
    assert one.counts == two.counts and one.total("new") > 100
    assert two_after == one_after and any(two_after["found"])
    assert content(*beside) == content(*alone)
    # Merged again through the helper (no derived columns made beside: the rows are held),
    # every row is met unchanged.
    again, _ = _merged(beside, bundle[0])
    assert again.total("unchanged") == one.total("new") and served.count("person") == 2
    assert again.total("new") == again.total("updated") == again.total("conflicts") == 0
    assert content(*beside) == content(*alone)
    assert multiprocessing.active_children() == []  # the helper ended with its merge


def _cell_changed(
    bundle: tuple[Path, Path], out: Path, table: str, column: str, value: str
) -> Path:
    """The bundle, re-signed, with ``column`` of the 10th row of ``table`` made ``value``."""
    return resign(bundle[0], out, bundle[1], with_cell(table, column, value, row=10))


@pytest.mark.parametrize(
    ("table", "column", "value", "code"),
    [
        ("person", "birth", "31/02/1990", "bundle.bad_value"),  # no such day
        ("household", "commune_code", "99999", "bundle.tampered"),  # a commune not its own
    ],
)
def test_a_line_the_helper_refuses_is_refused_as_one_process_refuses_it(
    tmp_path: Path,
    bundle: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    table: str,
    column: str,
    value: str,
    code: str,
) -> None:
    bad = _cell_changed(bundle, tmp_path / "bad.camket", table, column, value)
    alone, beside = _upper(tmp_path, "alone"), _upper(tmp_path, "beside")
    before = content(*beside)
    monkeypatch.setattr(merge_helper, "HELPED_ROWS", 10**9)
    one, _ = _merged(alone, bad)
    served = _through_the_helper(monkeypatch)
    two, _ = _merged(beside, bad)
    assert table in served
    assert one.refused is not None and two.refused is not None
    assert two.refused.code == code
    assert describe(two.refused) == describe(one.refused)
    assert f"{table}.csv, dòng 11" in describe(two.refused)
    assert content(*beside) == before  # nothing of it written
    assert multiprocessing.active_children() == []


def test_an_altered_table_read_by_the_helper_is_refused_as_tampered(
    tmp_path: Path, bundle: tuple[Path, Path], helped: list[str]
) -> None:
    """A table's bytes changed after it was signed (its hash no longer the manifest's)."""
    bad = tmp_path / "altered.camket"
    with zipfile.ZipFile(bundle[0]) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "tables/person.csv":  # a character of the first row's id
                at = data.index(b"\r\n") + 3
                data = data[:at] + (b"1" if data[at : at + 1] == b"0" else b"0") + data[at + 1 :]
            dst.writestr(info, data)
    beside = _upper(tmp_path, "beside")
    before = content(*beside)
    result, _ = _merged(beside, bad)
    assert "person" in helped
    assert result.refused is not None and result.refused.code == "bundle.tampered"
    assert result.refused.params["detail"] == "tables/person.csv"
    assert content(*beside) == before


def test_a_merge_cancelled_while_the_helper_reads_stops_it_and_writes_nothing(
    tmp_path: Path, bundle: tuple[Path, Path], helped: list[str]
) -> None:
    beside = _upper(tmp_path, "beside")
    before = content(*beside)
    asked: list[int] = []

    def cancelled() -> bool:  # the clerk presses Cancel once the people are being read
        asked.append(1)
        return "person" in helped

    result, _ = _merged(beside, bundle[0], cancelled=cancelled)
    assert result.cancelled and result.refused is None
    assert content(*beside) == before
    assert multiprocessing.active_children() == []


def _dies(*args: Any) -> None:
    """A helper killed before it sent anything (the memory killer of a small PC)."""
    import os

    os._exit(9)


def test_a_helper_killed_mid_merge_leaves_the_bundle_merged_in_one_process(
    tmp_path: Path, bundle: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: `camket merge` ended on a traceback ("the merge's helper process failed")
    where a merge in one process would have merged."""
    alone, beside = _upper(tmp_path, "alone"), _upper(tmp_path, "beside")
    monkeypatch.setattr(merge_helper, "HELPED_ROWS", 10**9)
    one, _ = _merged(alone, bundle[0])
    served = _through_the_helper(monkeypatch)
    monkeypatch.setattr(merge_helper, "_read_lines", _dies)
    two, _ = _merged(beside, bundle[0])
    assert served and two.refused is None and two.counts == one.counts
    assert content(*beside) == content(*alone)
    assert multiprocessing.active_children() == []


def _line_repeated(bundle: tuple[Path, Path], out: Path, table: str, at: int) -> Path:
    """The bundle, re-signed, with the ``at``th line of ``table`` given again at its end."""

    def change(name: str, data: bytes) -> bytes:
        if name != f"tables/{table}.csv":
            return data
        return data + data.decode("utf-8-sig").splitlines(keepends=True)[at].encode("utf-8")

    return resign(bundle[0], out, bundle[1], change)


@pytest.mark.parametrize("repeated", [None, "household", "person"])
def test_people_made_ready_in_the_helper_are_stored_as_one_process_stores_them(
    tmp_path: Path,
    bundle: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    repeated: str | None,
) -> None:
    """A first merge's people come from the helper as the rows the merge stores and are
    copied as they are (merge_rows.TableMerge._copy_ready); a household named on two lines
    (its people then take the household the register holds) or a person named twice (the
    copy refused on the id: undone, and the chunk met line by line) gives the register one
    process gives."""
    given = bundle[0]
    if repeated is not None:
        given = _line_repeated(bundle, tmp_path / "repeated.camket", repeated, 5)
    alone, beside = _upper(tmp_path, "alone"), _upper(tmp_path, "beside")
    monkeypatch.setattr(merge_helper, "HELPED_ROWS", 10**9)
    one, one_after = _merged(alone, given)
    _through_the_helper(monkeypatch)
    monkeypatch.setattr(merge_helper, "READY_ALONE", True)  # as a bundle read ahead
    copied: list[bool] = []
    copy = merge_rows.TableMerge._copy_ready

    def counted(meeting: merge_rows.TableMerge, rows: Any) -> bool:
        copied.append(copy(meeting, rows))
        return copied[-1]

    monkeypatch.setattr(merge_rows.TableMerge, "_copy_ready", counted)
    two, two_after = _merged(beside, given)
    assert one.refused is None and two.refused is None
    assert one.counts == two.counts and one.counts["person"].new > 50
    assert two_after == one_after and any(two_after["found"])
    assert content(*beside) == content(*alone)
    if repeated is None:
        assert copied == [True]  # the 20 households' people: one chunk
    elif repeated == "household":  # its people are sent as lines
        assert copied == [] and one.counts["household"].unchanged == 1
    else:
        assert copied == [False] and one.counts["person"].unchanged == 1
