"""Sample data is marked in the register itself, and never slips into a real register."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.register import create_from_bundle, create_register, create_upper_register
from desktop.store import local
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened


def _demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A register made with `camket demo` under a name that says nothing of samples."""
    folder, path = tmp_path / "demo-data", tmp_path / "xa-sin-ho.sqlite3"
    with as_pc(folder):
        assert main(["demo", "--db", str(path), "--households", "8", "--seed", "4"]) == 0
    capsys.readouterr()
    return path, folder


def _real(tmp_path: Path) -> tuple[Path, Path]:
    """A commune's own register (and its PC's data folder), made as `camket init` makes it."""
    real, real_folder = tmp_path / "real.sqlite3", tmp_path / "real-data"
    with as_pc(real_folder):
        create_register(real, SIN_HO, ["Bản Nậm Tăm"])
    return real, real_folder


def test_camket_demo_marks_its_register_as_sample_data_and_init_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, folder = _demo(tmp_path, capsys)
    real, real_folder = _real(tmp_path)
    with opened(path, folder) as reg:
        assert local.is_sample(reg.db)
    with opened(real, real_folder) as reg:
        assert not local.is_sample(reg.db)


def test_a_sample_bundle_is_refused_whole_by_a_real_register_and_the_export_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The demo's commune is a real one (Sìn Hồ): merged into the commune's own register its
    # made-up households would sit beside the real ones, under the same code.
    path, folder = _demo(tmp_path, capsys)
    out = tmp_path / "thu.camket"
    with as_pc(folder):
        assert main(["export", "--db", str(path), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "dữ liệu mẫu" in err and "sổ thật của xã sẽ từ chối" in err
    real, real_folder = _real(tmp_path)
    before = content(real, real_folder)
    with as_pc(real_folder):
        assert main(["merge", "--db", str(real), str(out), "--json"]) == 2
    printed = json.loads(capsys.readouterr().out)
    assert printed[0]["refused"] == "bundle.sample_data"
    assert content(real, real_folder) == before


def test_an_upper_register_takes_a_sample_bundle_and_is_marked_as_holding_sample_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each commune stays apart in an upper register: trainers (and the bench) merge the demo.
    path, folder = _demo(tmp_path, capsys)
    out = tmp_path / "thu.camket"
    with as_pc(folder):
        assert main(["export", "--db", str(path), "--out", str(out)]) == 0
    capsys.readouterr()
    upper, upper_folder = tmp_path / "upper.sqlite3", tmp_path / "upper-data"
    with as_pc(upper_folder):
        create_upper_register(upper, "Tỉnh Lai Châu")
        with opened(upper, upper_folder) as reg:
            assert not local.is_sample(reg.db)
        assert main(["merge", "--db", str(upper), str(out), "--json"]) == 0
    printed = capsys.readouterr()
    assert json.loads(printed.out)[0]["new"] > 0
    assert "dữ liệu mẫu" in printed.err
    with opened(upper, upper_folder) as reg:
        assert local.is_sample(reg.db)
        assert reg.db.execute("select count(*) from household").fetchone()[0] == 8


def test_sample_registers_exchange_among_themselves_and_a_copy_stays_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, folder = _demo(tmp_path, capsys)
    out = tmp_path / "thu.camket"
    with opened(path, folder) as reg:
        summary = export_bundle(reg, out)
    assert summary.sample
    laptop, laptop_folder = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(laptop_folder):
        create_from_bundle(laptop, out)
    with opened(laptop, laptop_folder) as reg:
        assert local.is_sample(reg.db)
    with as_pc(laptop_folder):
        assert main(["merge", "--db", str(laptop), str(out)]) == 0


def test_a_spreadsheet_of_sample_data_says_not_to_send_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, folder = _demo(tmp_path, capsys)
    out = tmp_path / "nhan-khau.xlsx"
    with as_pc(folder):
        assert main(["spreadsheet", "--db", str(path), "--what", "people", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "dữ liệu mẫu" in err and "đừng gửi" in err
    real, real_folder = _real(tmp_path)
    with as_pc(real_folder):
        assert main(["spreadsheet", "--db", str(real), "--what", "people", "--out", str(out)]) == 0
    assert "dữ liệu mẫu" not in capsys.readouterr().err
