"""Two registers of one commune set up apart (the laptop through the wizard instead of from
the office's bundle) are not merged: every hamlet, household and person would be twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
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
