"""An upper register and a commune set up twice (two `camket init --commune X` instead of the
second made from a bundle of the first): the second register's first bundle is refused whole
(its households would be counted twice), the commune's old data can be dropped (`camket
commune forget`) and the drop travels upward; its own later bundles still merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.merge import merge_bundle
from tests.unit.exchange_helpers import (
    BINH_LU,
    LIST_HEADER,
    SIN_HO,
    SMALL_LISTS,
    as_pc,
    content,
    opened,
)

PC = tuple[Path, Path]  # a register and its PC's data folder


def _commune_pc(tmp_path: Path, name: str, code: str = SIN_HO, extra: str = "") -> PC:
    """A commune register set up on its own (`camket init --commune`), the commune's list
    imported, exported to NAME.camket."""
    pc = (tmp_path / f"{name}.sqlite3", tmp_path / f"{name}-data")
    listing = tmp_path / f"{name}.csv"
    listing.write_text(LIST_HEADER + SMALL_LISTS[code] + extra, encoding="utf-8")
    with as_pc(pc[1]):
        assert main(["init", "--db", str(pc[0]), "--commune", code]) == 0
        assert main(["import", "--db", str(pc[0]), str(listing)]) == 0
        assert main(["export", "--db", str(pc[0]), "--out", str(tmp_path / f"{name}.camket")]) == 0
    return pc


def _upper(tmp_path: Path, name: str = "post") -> PC:
    pc = (tmp_path / f"{name}.sqlite3", tmp_path / f"{name}-data")
    with as_pc(pc[1]):
        assert main(["init", "--db", str(pc[0]), "--upper", "--province", "12"]) == 0
    return pc


def _run(pc: PC, *argv: str) -> int:
    with as_pc(pc[1]):
        return main([argv[0], "--db", str(pc[0]), *argv[1:]])


def _households(pc: PC, code: str = SIN_HO) -> list[tuple[str, str]]:
    """(household code, hamlet name) of the commune's live households."""
    with opened(*pc) as reg:
        return reg.db.execute(
            "SELECT h.code, t.name FROM household h JOIN hamlet t ON t.id = h.hamlet_id"
            " WHERE h.commune_code = ? AND h.deleted = 0 ORDER BY h.code",
            [code],
        ).fetchall()


def test_a_commune_set_up_twice_is_refused_whole_by_an_upper_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _commune_pc(tmp_path, "office")
    _commune_pc(tmp_path, "laptop")  # the same commune, set up again on its own
    post = _upper(tmp_path)
    assert _run(post, "merge", str(tmp_path / "office.camket")) == 0
    before = content(*post)
    capsys.readouterr()
    assert _run(post, "merge", str(tmp_path / "laptop.camket")) == 2
    said = capsys.readouterr().err
    assert "Chưa nhận tệp laptop.camket" in said and "Xã Sìn Hồ (03478)" in said
    assert "lập riêng" in said and "hai lần" in said and "sổ không thay đổi" in said
    assert "camket commune forget --db SỔ 03478" in said  # the way out when the old is dead
    assert "dựng lại máy kia" in said  # and when both are in use
    assert content(*post) == before
    assert _households(post) == [("A-01", "Thôn 1"), ("A-02", "Bản Nậm Tăm")]


def test_an_upper_registers_bundle_carrying_the_commune_set_up_apart_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _commune_pc(tmp_path, "office")
    _commune_pc(tmp_path, "laptop")
    _commune_pc(tmp_path, "binhlu", BINH_LU)
    post = _upper(tmp_path)
    assert _run(post, "merge", str(tmp_path / "office.camket")) == 0
    # Another post merged Bình Lư, sent it here, then took the Sìn Hồ register set up apart:
    # its bundle of changes brings that commune for the first time.
    other = _upper(tmp_path, "other")
    assert _run(other, "merge", str(tmp_path / "binhlu.camket")) == 0
    assert _run(other, "export", "--out", str(tmp_path / "other-1.camket")) == 0
    assert _run(post, "merge", str(tmp_path / "other-1.camket")) == 0
    assert _run(other, "merge", str(tmp_path / "laptop.camket")) == 0
    since = ["--since", str(tmp_path / "other-1.camket")]
    assert _run(other, "export", "--out", str(tmp_path / "other-2.camket"), *since) == 0
    before = content(*post)
    capsys.readouterr()
    assert _run(post, "merge", str(tmp_path / "other-2.camket")) == 2
    said = capsys.readouterr().err
    assert "Chưa nhận tệp other-2.camket" in said and "Xã Sìn Hồ (03478)" in said
    assert "Bình Lư" not in said and "hai lần" in said
    assert content(*post) == before


def test_the_communes_later_bundles_and_a_pc_made_from_its_bundle_still_merge(
    tmp_path: Path,
) -> None:
    office = _commune_pc(tmp_path, "office")
    post = _upper(tmp_path)
    assert _run(post, "merge", str(tmp_path / "office.camket")) == 0
    # A new hamlet and its household only, in a bundle of changes: no hamlet in common,
    # but from the register the commune came from.
    listing = tmp_path / "more.csv"
    listing.write_text(LIST_HEADER + "Thôn 9,A-09,Giàng A Lử,Chủ hộ,1991,Nam,\n", "utf-8")
    assert _run(office, "import", str(listing)) == 0
    since = ["--since", str(tmp_path / "office.camket")]
    assert _run(office, "export", "--out", str(tmp_path / "office-2.camket"), *since) == 0
    # The campaign laptop made from the office's bundle sends its first bundle here.
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(laptop[1]):
        assert (
            main(["init", "--db", str(laptop[0]), "--from", str(tmp_path / "office.camket")]) == 0
        )
    assert _run(laptop, "export", "--out", str(tmp_path / "laptop.camket")) == 0
    assert _run(post, "merge", str(tmp_path / "office-2.camket")) == 0
    assert _run(post, "merge", str(tmp_path / "laptop.camket")) == 0
    assert [code for code, _ in _households(post)] == ["A-01", "A-02", "A-09"]


def test_forgetting_the_old_data_lets_the_new_register_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _commune_pc(tmp_path, "office")
    extra = "Thôn 1,A-03,Sùng Thị Dợ,Chủ hộ,1975,Nữ,\n"
    _commune_pc(tmp_path, "new", extra=extra)  # the office PC died; set up anew
    post = _upper(tmp_path)
    assert _run(post, "merge", str(tmp_path / "office.camket")) == 0
    capsys.readouterr()
    assert _run(post, "commune", "forget", SIN_HO) == 2  # no terminal to ask: --yes wanted
    assert "--yes" in capsys.readouterr().err and len(_households(post)) == 2
    assert _run(post, "commune", "forget", SIN_HO, "--yes") == 0
    said = capsys.readouterr().out
    assert "Đã xoá dữ liệu của Xã Sìn Hồ (03478): 2 hộ (6 dòng" in said
    assert "-forget.sqlite3" in said  # the backup copy taken first
    assert _households(post) == []
    assert _run(post, "merge", str(tmp_path / "new.camket")) == 0
    assert [code for code, _ in _households(post)] == ["A-01", "A-02", "A-03"]
    assert _run(post, "commune", "list") == 0
    assert "03478\tXã Sìn Hồ\t3 hộ\t3 người" in capsys.readouterr().out
    with opened(*post) as reg:  # audited
        assert reg.db.execute(
            "SELECT count(*) FROM audit WHERE action = 'forget' AND entity = 'commune'"
        ).fetchone() == (1,)


def test_a_commune_register_forgets_no_commune(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = _commune_pc(tmp_path, "office")
    before = content(*office)
    capsys.readouterr()
    assert _run(office, "commune", "forget", SIN_HO, "--yes") == 2
    assert "chỉ sổ cấp trên" in capsys.readouterr().err
    assert content(*office) == before
    post = _upper(tmp_path)
    assert _run(post, "commune", "forget", BINH_LU, "--yes") == 2
    assert "không có dữ liệu của xã 03390" in capsys.readouterr().err


def test_the_removal_travels_upward_and_the_old_register_brings_back_only_its_changes(
    tmp_path: Path,
) -> None:
    office = _commune_pc(tmp_path, "office")
    _commune_pc(tmp_path, "binhlu", BINH_LU)
    post = _upper(tmp_path)
    assert (
        _run(post, "merge", str(tmp_path / "office.camket"), str(tmp_path / "binhlu.camket")) == 0
    )
    assert _run(post, "export", "--out", str(tmp_path / "post-1.camket")) == 0
    province = _upper(tmp_path, "province")
    assert _run(province, "merge", str(tmp_path / "post-1.camket")) == 0
    assert len(_households(province)) == 2

    assert _run(post, "commune", "forget", SIN_HO, "--yes") == 0
    since = ["--since", str(tmp_path / "post-1.camket")]
    assert _run(post, "export", "--out", str(tmp_path / "post-2.camket"), *since) == 0
    assert _run(province, "merge", str(tmp_path / "post-2.camket")) == 0
    assert _households(province) == []  # dropped there too
    assert len(_households(province, BINH_LU)) == 2  # the other commune untouched

    # The old register was not dead after all: it edits one household and sends again.
    with opened(*office) as reg:
        (changed,) = reg.db.execute("SELECT id FROM household WHERE code = 'A-01'").fetchone()
        reg.writer.update("household", changed, {"phone": "0912345678"})
    assert _run(office, "export", "--out", str(tmp_path / "office-2.camket")) == 0
    with opened(*post) as reg:
        result = merge_bundle(reg, tmp_path / "office-2.camket")
    assert result.refused is None
    assert result.counts["household"].conflicts == 1  # the edit meets the deletion
    with opened(*post) as reg:
        live = reg.db.execute(
            "SELECT code FROM household WHERE commune_code = ? AND deleted = 0", [SIN_HO]
        ).fetchall()
        waiting = reg.db.execute(
            "SELECT count(*) FROM conflict WHERE tbl = 'household' AND row_id = ?", [changed]
        ).fetchone()
    assert ("A-02",) not in live  # unchanged since: stays deleted
    assert live in ([], [("A-01",)]) and waiting == (1,)  # the changed one waits for a person


def test_after_the_removal_the_old_registers_new_households_are_refused_beside_the_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = _commune_pc(tmp_path, "office")
    _commune_pc(tmp_path, "new")
    post = _upper(tmp_path)
    assert _run(post, "merge", str(tmp_path / "office.camket")) == 0
    assert _run(post, "commune", "forget", SIN_HO, "--yes") == 0
    assert _run(post, "merge", str(tmp_path / "new.camket")) == 0
    listing = tmp_path / "more.csv"
    listing.write_text(LIST_HEADER + "Thôn 1,A-07,Giàng A Lử,Chủ hộ,1991,Nam,\n", "utf-8")
    assert _run(office, "import", str(listing)) == 0
    assert _run(office, "export", "--out", str(tmp_path / "office-2.camket")) == 0
    before = content(*post)
    capsys.readouterr()
    assert _run(post, "merge", str(tmp_path / "office-2.camket")) == 2
    assert "lập riêng" in capsys.readouterr().err
    assert content(*post) == before


def test_check_names_a_commune_taken_twice_and_forget_keeps_the_register_that_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _commune_pc(tmp_path, "office")
    _commune_pc(tmp_path, "laptop", extra="Thôn 1,A-03,Sùng Thị Dợ,Chủ hộ,1975,Nữ,\n")
    _commune_pc(tmp_path, "binhlu", BINH_LU)  # its "Thôn 1" is another commune's
    post = _upper(tmp_path)
    files = [str(tmp_path / f"{name}.camket") for name in ("office", "binhlu")]
    assert _run(post, "merge", *files) == 0
    capsys.readouterr()
    assert _run(post, "check") == 0  # nothing doubled yet
    assert "hai lần" not in capsys.readouterr().out
    # A register merged by a version that took a commune set up apart.
    monkeypatch.setattr("desktop.services.merge.check_upper_register", lambda *_a: None)
    assert _run(post, "merge", str(tmp_path / "laptop.camket")) == 0
    assert len(_households(post)) == 5
    assert _run(post, "check") == 1
    said = capsys.readouterr().out
    (line,) = [line for line in said.splitlines() if "có hai lần" in line]
    assert "[LỖI] xã Xã Sìn Hồ (03478)" in line and "Bình Lư" not in line
    assert "Thôn 1" in line and "Bản Nậm Tăm" in line and "đếm hai lần" in line
    assert "camket commune forget --db SỔ 03478 --keep TỆP.camket" in line
    assert _run(post, "conflicts") == 0  # its codes given twice: no renaming fixes that
    (clash,) = [line for line in capsys.readouterr().out.splitlines() if "A-01" in line]
    assert "gộp hai lần" in clash and "camket check" in clash and "đổi mã" not in clash
    # The commune keeps the laptop's register: the office's rows go, the laptop's stay.
    keep = ["--keep", str(tmp_path / "laptop.camket")]
    assert _run(post, "commune", "forget", SIN_HO, *keep, "--yes") == 0
    assert "2 hộ" in capsys.readouterr().out
    assert [code for code, _ in _households(post)] == ["A-01", "A-02", "A-03"]
    assert len(_households(post, BINH_LU)) == 2
    assert _run(post, "check") == 0
    # A bundle that is not the commune's whole register is no list of rows to keep.
    assert _run(post, "commune", "forget", SIN_HO, "--keep", files[1], "--yes") == 2
    assert "không phải tệp xuất toàn bộ sổ của xã 03478" in capsys.readouterr().err
    assert len(_households(post)) == 3


def test_a_register_set_up_again_on_the_same_pc_is_judged_as_a_first_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = _commune_pc(tmp_path, "office")
    post = _upper(tmp_path)
    assert _run(post, "merge", str(tmp_path / "office.camket")) == 0
    # The clerk ran the set-up again on the same PC (its identity kept): a new register.
    again = (tmp_path / "again.sqlite3", office[1])
    listing = tmp_path / "office.csv"
    with as_pc(again[1]):
        assert main(["init", "--db", str(again[0]), "--commune", SIN_HO]) == 0
        assert main(["import", "--db", str(again[0]), str(listing)]) == 0
        assert main(["export", "--db", str(again[0]), "--out", str(tmp_path / "again.camket")]) == 0
    before = content(*post)
    capsys.readouterr()
    assert _run(post, "merge", str(tmp_path / "again.camket")) == 2
    assert "lập riêng" in capsys.readouterr().err
    assert content(*post) == before
    # The commune's own laptop, made from the first register's bundle, refuses it too.
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(laptop[1]):
        assert (
            main(["init", "--db", str(laptop[0]), "--from", str(tmp_path / "office.camket")]) == 0
        )
    assert _run(laptop, "merge", str(tmp_path / "again.camket")) == 2
    assert "lập riêng" in capsys.readouterr().err
    # The first register's later bundles still merge in both.
    assert _run(office, "export", "--out", str(tmp_path / "office-2.camket")) == 0
    assert _run(post, "merge", str(tmp_path / "office-2.camket")) == 0
    assert _run(laptop, "merge", str(tmp_path / "office-2.camket")) == 0
