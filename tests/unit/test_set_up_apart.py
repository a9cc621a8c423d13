"""Two registers of one commune set up apart (the laptop through the wizard instead of from
the office's bundle) are not merged: every hamlet, household and person would be twice."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.tips import Tip
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.ledger import add_tip
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle, create_register
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, demo_office, opened


def _laptop_set_up_apart(tmp_path: Path, households: int) -> tuple[Path, Path]:
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(laptop[1]):
        create_register(laptop[0], SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(*laptop) as reg:
        populate_demo(reg, households, seed=9)
        export_bundle(reg, tmp_path / "laptop.camket")
    return laptop


def test_a_register_set_up_apart_is_refused_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = demo_office(tmp_path, 5, seed=3)
    _laptop_set_up_apart(tmp_path, 3)
    before = content(*office)
    with as_pc(office[1]):
        code = main(["merge", "--db", str(office[0]), str(tmp_path / "laptop.camket")])
    assert code == 2
    said = capsys.readouterr()
    assert "lập riêng" in said.out + said.err and "nhân đôi" in said.out + said.err
    assert content(*office) == before


def test_an_empty_register_still_takes_it(tmp_path: Path) -> None:
    office = (tmp_path / "office.sqlite3", tmp_path / "office-data")
    with as_pc(office[1]):
        create_register(office[0], SIN_HO, ["Bản Nậm Tăm"])
    _laptop_set_up_apart(tmp_path, 3)
    with opened(*office) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").refused is None


def _live_hamlets(db_path: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            """SELECT m.name, (SELECT count(*) FROM household h WHERE h.hamlet_id = m.id
                                AND h.deleted = 0)
               FROM hamlet m WHERE m.deleted = 0 ORDER BY m.name"""
        ).fetchall()
    finally:
        conn.close()


def test_an_empty_registers_hamlets_typed_again_are_listed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PC set up through the wizard (its hamlets typed, no household yet) that merges the
    office's bundle lists each village once: its own empty "Bản Nậm Tăm" gives way to the
    office's, which holds the households; a hamlet the office has not ("Thôn 9") stays."""
    fresh = (tmp_path / "fresh.sqlite3", tmp_path / "fresh-data")
    with as_pc(fresh[1]):
        create_register(fresh[0], SIN_HO, ["Bản  nậm tăm", "Thôn 9"])
    _laptop_set_up_apart(tmp_path, 3)
    with as_pc(fresh[1]):
        code = main(["merge", "--db", str(fresh[0]), str(tmp_path / "laptop.camket")])
    assert code == 0
    assert "“Bản nậm tăm”" in capsys.readouterr().err
    hamlets = _live_hamlets(fresh[0])
    assert [name for name, _ in hamlets] == ["Bản Nậm Tăm", "Thôn 2", "Thôn 9"]
    assert dict(hamlets)["Bản Nậm Tăm"] > 0
    # The deletion travels: the laptop, merging the fresh PC's bundle, lists it once too.
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with opened(*fresh) as reg:
        export_bundle(reg, tmp_path / "fresh.camket")
    with opened(*laptop) as reg:
        assert merge_bundle(reg, tmp_path / "fresh.camket").refused is None
    assert [name for name, _ in _live_hamlets(laptop[0])] == ["Bản Nậm Tăm", "Thôn 2", "Thôn 9"]


def test_a_hamlet_typed_again_that_holds_a_tip_is_kept(tmp_path: Path) -> None:
    fresh = (tmp_path / "fresh.sqlite3", tmp_path / "fresh-data")
    with as_pc(fresh[1]):
        create_register(fresh[0], SIN_HO, ["Bản Nậm Tăm"])
    with opened(*fresh) as reg:
        (hamlet_id,) = reg.db.execute("SELECT id FROM hamlet WHERE deleted = 0").fetchone()
        add_tip(
            reg,
            Tip(
                commune_code=reg.writer.commune_code,
                received_at=dt.datetime(2026, 11, 2, 9, 30),
                hamlet_id=hamlet_id,
                place="Mốc 79",
                about="Người lạ mặt",
            ),
            dt.datetime(2026, 11, 2, 10, 0),
        )
    _laptop_set_up_apart(tmp_path, 3)
    with opened(*fresh) as reg:
        result = merge_bundle(reg, tmp_path / "laptop.camket")
    assert result.refused is None and result.hamlets_typed_twice == []
    assert [name for name, _ in _live_hamlets(fresh[0])].count("Bản Nậm Tăm") == 2


def test_a_laptop_made_from_the_offices_bundle_is_merged(tmp_path: Path) -> None:
    office = demo_office(tmp_path, 5, seed=3)
    with opened(*office) as reg:
        export_bundle(reg, tmp_path / "first.camket")
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "first.camket")
    with opened(*laptop) as reg:
        populate_demo(reg, 2, seed=9)  # new households, in the office's hamlets
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*office) as reg:
        result = merge_bundle(reg, tmp_path / "laptop.camket")
    assert result.refused is None and result.counts["household"].new == 2
