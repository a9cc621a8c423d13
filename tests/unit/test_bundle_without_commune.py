"""A bundle another program wrote without its commune's row (name, province): merged, its
households would sit under a commune with no name in an upper register and its spreadsheet,
and a register made from it would be left unset. It is refused whole, naming the file, the
commune and the table; a bundle of changes from a commune already held needs no such row."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from desktop.cli import main
from tests.unit.exchange_helpers import (
    BINH_LU,
    SIN_HO,
    as_pc,
    content,
    listed_commune_bundle,
    resign,
)


def _without_commune_row(bundle: Path, out: Path, folder: Path) -> Path:
    def change(name: str, data: bytes) -> bytes:
        return data.split(b"\r\n")[0] + b"\r\n" if name == "tables/commune.csv" else data

    return resign(bundle, out, folder, change)


def test_a_bundle_without_its_communes_row_is_refused_naming_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = listed_commune_bundle(tmp_path, BINH_LU, "B-01")
    handmade = _without_commune_row(bundle, tmp_path / "tay.camket", tmp_path / f"{BINH_LU}-data")
    post, post_pc = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_pc):
        assert main(["init", "--db", str(post), "--upper", "--province", "12"]) == 0
    before = content(post, post_pc)
    capsys.readouterr()
    with as_pc(post_pc):
        assert main(["merge", "--db", str(post), str(handmade)]) == 2
    said = capsys.readouterr().err
    assert "tay.camket" in said and BINH_LU in said and "tables/commune.csv" in said
    assert "Chưa nhận gì từ tệp này" in said
    assert content(post, post_pc) == before
    # Nor is a register made from it (it would be left without its commune).
    rebuilt = tmp_path / "may-moi.sqlite3"
    with as_pc(tmp_path / "new-pc"):
        assert main(["init", "--db", str(rebuilt), "--from", str(handmade)]) == 2
    assert not rebuilt.exists()
    assert "tables/commune.csv" in capsys.readouterr().err

    # Once the commune's own bundle brought its row, one without it adds nothing missing.
    with as_pc(post_pc):
        assert main(["merge", "--db", str(post), str(bundle), str(handmade)]) == 0
        sheet = tmp_path / "ho.csv"
        assert main(["spreadsheet", "--db", str(post), "--what", "households",
                     "--out", str(sheet), "--headers", "machine"]) == 0  # fmt: skip
    header, *rows = sheet.read_text(encoding="utf-8-sig").splitlines()
    name = header.split(";").index("commune_name")
    assert {row.split(";")[name] for row in rows} == {"Xã Bình Lư"}


def test_a_bundle_of_changes_needs_no_commune_row_the_receiver_holds(tmp_path: Path) -> None:
    bundle = listed_commune_bundle(tmp_path, SIN_HO, "A-01")
    db, pc = tmp_path / f"{SIN_HO}.sqlite3", tmp_path / f"{SIN_HO}-data"
    with as_pc(pc):
        assert main(["sign", "--db", str(db), "A-02", "--on", "02/12/2026",
                     "--status", "absent", "--reason", "đi làm ăn xa"]) == 0  # fmt: skip
        changes = tmp_path / "thay-doi.camket"
        assert main(["export", "--db", str(db), "--out", str(changes),
                     "--since", str(bundle)]) == 0  # fmt: skip
    post, post_pc = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_pc):
        assert main(["init", "--db", str(post), "--upper"]) == 0
        assert main(["merge", "--db", str(post), str(bundle), str(changes)]) == 0
    # The commune's own register takes its commune's bundle without the row (it holds it).
    laptop = _without_commune_row(bundle, tmp_path / "laptop.camket", pc)
    with as_pc(pc):
        assert main(["merge", "--db", str(db), str(laptop)]) == 0


def test_a_communes_row_under_another_id_is_refused_not_kept_as_a_second_commune(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = listed_commune_bundle(tmp_path, BINH_LU, "B-01")

    def renamed(name: str, data: bytes) -> bytes:
        if name != "tables/commune.csv":
            return data
        header, row, *rest = data.split(b"\r\n")
        row = row.replace(row.split(b",")[0], str(uuid.uuid4()).encode())
        return b"\r\n".join([header, row.replace("Bình Lư".encode(), "Bình Lư 2".encode()), *rest])

    other = resign(bundle, tmp_path / "khac.camket", tmp_path / f"{BINH_LU}-data", renamed)
    post, post_pc = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_pc):
        assert main(["init", "--db", str(post), "--upper"]) == 0
        assert main(["merge", "--db", str(post), str(bundle)]) == 0
    before = content(post, post_pc)
    capsys.readouterr()
    with as_pc(post_pc):
        assert main(["merge", "--db", str(post), str(other)]) == 2
        said = capsys.readouterr().err
        sheet = tmp_path / "ho.csv"
        assert main(["spreadsheet", "--db", str(post), "--what", "households",
                     "--out", str(sheet)]) == 0  # fmt: skip
    assert "khac.camket" in said and BINH_LU in said and "mã dòng" in said
    assert content(post, post_pc) == before
    # Each household once, under the commune's one name (not once per commune row).
    rows = sheet.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert sorted(row.split(";")[1] for row in rows) == ["Xã Bình Lư", "Xã Bình Lư"]


def test_a_commune_corrected_at_set_up_sends_bundles_every_reader_takes(tmp_path: Path) -> None:
    from desktop.services.bundles import export_bundle
    from desktop.services.register import create_register
    from desktop.services.settings import change_commune
    from tests.unit.exchange_helpers import opened

    path, pc = tmp_path / "xa.sqlite3", tmp_path / "xa-data"
    with as_pc(pc):
        create_register(path, SIN_HO, ["Thôn 1"])
    with opened(path, pc) as reg:
        assert change_commune(reg, BINH_LU)  # picked the wrong one at set-up: corrected
        export_bundle(reg, tmp_path / "xa.camket")
    post, post_pc = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_pc):
        assert main(["init", "--db", str(post), "--upper"]) == 0
        # Sìn Hồ's row (a tombstone now) is no commune of the bundle: it stays home.
        assert main(["merge", "--db", str(post), str(tmp_path / "xa.camket")]) == 0
    with as_pc(tmp_path / "laptop-data"):
        laptop = tmp_path / "laptop.sqlite3"
        assert main(["init", "--db", str(laptop), "--from", str(tmp_path / "xa.camket")]) == 0
    with opened(laptop, tmp_path / "laptop-data") as reg:
        assert reg.commune.code == BINH_LU
