"""An upper-level register merges and shows its communes' data and edits none of it: every
command that would write a commune's rows refuses in words (exit 2), conflicts still settle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle, create_register, create_upper_register
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened


@pytest.fixture
def post(tmp_path: Path) -> tuple[Path, Path]:
    """A Border Guard post's register holding Sìn Hồ's 4 households, with one conflict."""
    office = tmp_path / "office.sqlite3", tmp_path / "office-data"
    laptop = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(office[1]):
        create_register(office[0], SIN_HO, ["Bản Nậm Tăm"])
    with opened(*office) as reg:
        populate_demo(reg, 4, seed=2)
        export_bundle(reg, tmp_path / "office.camket")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "office.camket")
    for pc, address in ((office, "Văn phòng ghi"), (laptop, "Máy xách tay ghi")):
        with opened(*pc) as reg:
            household = reg.db.execute("SELECT id FROM household ORDER BY code").fetchone()[0]
            reg.writer.update("household", household, {"address": address})
            export_bundle(reg, tmp_path / f"{pc[0].stem}-2.camket")
    upper = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(upper[1]):
        create_upper_register(upper[0], "Đồn Biên phòng Sìn Hồ", "12")
    with opened(*upper) as reg:
        for name in ("office-2", "laptop-2"):
            assert merge_bundle(reg, tmp_path / f"{name}.camket").refused is None
    return upper


def test_commands_that_would_edit_a_communes_rows_refuse_in_an_upper_register(
    post: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(post[0])
    with opened(*post) as reg:
        code, id_number = reg.db.execute(
            "SELECT h.code, p.id_number FROM person p JOIN household h ON h.id = p.household_id"
            " WHERE p.id_number != '' ORDER BY h.code"
        ).fetchone()
        campaign = reg.db.execute("SELECT id FROM campaign").fetchone()[0]
    listed = tmp_path / "ds.csv"
    listed.write_text("Họ và tên;Mã hộ;Thôn\nLò Văn Pọm;X-1;Bản Nậm Tăm\n", encoding="utf-8")
    before = content(*post)
    with as_pc(post[1]):
        assert main(["campaign", "use", "--db", db, campaign]) == 0
        capsys.readouterr()
        writes = [
            ["tip", "add", "--db", db, "--at", "04/12/2026 21:30", "--place", "M", "--about", "L"],
            ["movement", "add", "--db", db, "--kind", "tam-vang", "--person", id_number,
             "--from", "01/10/2026", "--place", "Hà Nội"],
            ["import", "--db", db, str(listed)],
            ["sign", "--db", db, code, "--on", "01/12/2026"],
        ]  # fmt: skip
        for args in writes:
            assert main(args) == 2, args
            assert "Sổ cấp trên" in capsys.readouterr().err, args
    assert content(*post) == before


def test_an_upper_register_still_settles_a_conflict(
    post: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with as_pc(post[1]):
        assert main(["conflicts", "--db", str(post[0]), "--json"]) == 0
        (conflict,) = json.loads(capsys.readouterr().out)
        assert (
            main(["conflicts", "keep", "--db", str(post[0]), conflict["conflict_id"], "other"]) == 0
        )
    with opened(*post) as reg:
        assert reg.db.execute("SELECT count(*) FROM conflict").fetchone()[0] == 0
