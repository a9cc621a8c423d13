"""An upper-level register names every hamlet with its commune: two communes' "Thôn 1" are
told apart in its progress report, searches and lists, and its total is not "Toàn xã"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services import progress
from tests.unit.exchange_helpers import (
    BINH_LU,
    LIST_HEADER,
    SIN_HO,
    as_pc,
    listed_commune_bundle,
    opened,
    upper_register_of,
)


@pytest.fixture
def post(tmp_path: Path) -> Path:
    return upper_register_of(
        tmp_path,
        [
            listed_commune_bundle(tmp_path, SIN_HO, "A-01"),
            listed_commune_bundle(tmp_path, BINH_LU, "B-01"),
        ],
    )


def test_progress_names_each_hamlet_with_its_commune_and_the_total_all_communes(
    post: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    sheet = tmp_path / "tien-do.csv"
    with as_pc(tmp_path / "post-data"):
        assert main(["report", "progress", "--db", str(post), "--csv", str(sheet)]) == 0
    lines = capsys.readouterr().out.splitlines()[2:]
    shown = [line.split("\t")[:3] for line in lines]
    assert shown == [
        ["Thôn 1 (Bình Lư)", "1", "1"],
        ["Thôn 2 (Bình Lư)", "1", "0"],
        ["Bản Nậm Tăm (Sìn Hồ)", "1", "0"],
        ["Thôn 1 (Sìn Hồ)", "1", "1"],
        ["Toàn bộ các xã", "4", "2"],
    ]
    written = sheet.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert [line.split(";")[0] for line in written] == [row[0] for row in shown]


def test_an_upper_register_lists_unsigned_households_in_each_communes_own_campaign(
    post: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    with opened(post, tmp_path / "post-data") as reg:
        unsigned = {
            row.hamlet_name: [h.code for h in progress.unsigned_households(reg, row.hamlet_id)]
            for row in progress.progress(reg)
        }
        everywhere = [h.code for h in progress.unsigned_households(reg, None)]
    # B-01 signed in Bình Lư's own campaign, A-01 in Sìn Hồ's: neither is "not printed".
    assert unsigned == {
        "Thôn 1 (Bình Lư)": [],
        "Thôn 2 (Bình Lư)": ["B-02"],
        "Bản Nậm Tăm (Sìn Hồ)": ["A-02"],
        "Thôn 1 (Sìn Hồ)": [],
    }
    assert sorted(everywhere) == ["A-02", "B-02"]
    with as_pc(tmp_path / "post-data"):
        assert main(["reminders", "--db", str(post), "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert sorted(r["household_code"] for r in due if r["reason"] == "ho_chua_ky_cam_ket") == [
        "A-02",
        "B-02",
    ]


def test_search_in_an_upper_register_tells_two_communes_hamlets_apart(
    post: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        assert main(["search", "--db", str(post), "lo van pao"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert main(["search", "--db", str(post), "lo van pao", "--json"]) == 0
        hits = json.loads(capsys.readouterr().out)
    assert sorted(line.split("\t")[4] for line in lines) == ["Thôn 1 (Bình Lư)", "Thôn 1 (Sìn Hồ)"]
    assert sorted((h["hamlet"], h["commune_code"]) for h in hits) == [
        ("Thôn 1 (Bình Lư)", BINH_LU),
        ("Thôn 1 (Sìn Hồ)", SIN_HO),
    ]


def test_a_commune_register_and_an_upper_register_of_one_commune_name_their_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = listed_commune_bundle(tmp_path, SIN_HO, "A-01")
    post = upper_register_of(tmp_path, [bundle])
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        assert main(["report", "progress", "--db", str(post)]) == 0
    *hamlets, total = capsys.readouterr().out.splitlines()[2:]
    assert [line.split("\t")[0] for line in hamlets] == ["Bản Nậm Tăm", "Thôn 1"]
    assert total.split("\t")[:3] == ["Xã Sìn Hồ", "2", "1"]
    with as_pc(tmp_path / f"{SIN_HO}-data"):
        assert main(["report", "progress", "--db", str(tmp_path / f"{SIN_HO}.sqlite3")]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split("\t")[:3] == ["Toàn xã", "2", "1"]


def test_campaign_list_of_an_upper_register_names_each_communes_campaign(
    post: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        assert main(["campaign", "list", "--db", str(post)]) == 0
    titles = sorted(line.split("\t")[2] for line in capsys.readouterr().out.splitlines())
    movement = "Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia"
    assert titles == [f"{movement} (Bình Lư)", f"{movement} (Sìn Hồ)"]


def test_a_code_two_pcs_gave_alike_is_for_the_commune_to_rename_not_the_upper_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = listed_commune_bundle(tmp_path, SIN_HO, "A-01")
    office = (tmp_path / f"{SIN_HO}.sqlite3", tmp_path / f"{SIN_HO}-data")
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(laptop[1]):
        assert main(["init", "--db", str(laptop[0]), "--from", str(full)]) == 0
    bundles = [full]
    for (db, pc), head in ((office, "Hà Văn Một"), (laptop, "Hà Văn Hai")):
        listing = tmp_path / f"{pc.name}.csv"
        listing.write_text(f"{LIST_HEADER}Thôn 1,A-03,{head},Chủ hộ,1990,Nam,\n", encoding="utf-8")
        bundles.append(tmp_path / f"{pc.name}.camket")
        with as_pc(pc):
            assert main(["import", "--db", str(db), str(listing)]) == 0
            assert main(["export", "--db", str(db), "--out", str(bundles[-1])]) == 0
    post = upper_register_of(tmp_path, bundles)
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        assert main(["conflicts", "--db", str(post)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Mã hộ A-03 trùng ở 2 hộ (Xã Sìn Hồ): xã đổi mã một hộ trên máy của xã rồi gửi lại"
    ]
    with as_pc(office[1]):  # on the commune's PC, where it is renamed
        laptop_bundle = bundles[-1]
        assert main(["merge", "--db", str(office[0]), str(laptop_bundle)]) == 0
        assert main(["conflicts", "--db", str(office[0])]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .endswith("2 hộ (Xã Sìn Hồ): đổi mã một hộ trong cửa sổ")
    )


def test_with_no_campaign_chosen_on_this_pc_a_report_says_how_to_choose_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A post's register just merged: its communes' campaigns are there but none is current
    # on this PC. "Sổ chưa có đợt cam kết nào đang thực hiện" alone left the officer there.
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper", "--province", "12"]) == 0
        bundle = listed_commune_bundle(tmp_path, SIN_HO, "A-01")
        assert main(["merge", "--db", str(post), str(bundle)]) == 0
        capsys.readouterr()
        for report in (["report", "progress"], ["report", "unsigned", "--out", "x.pdf"]):
            assert main([*report, "--db", str(post)]) == 2
            said = capsys.readouterr().err
            assert "chưa có đợt cam kết nào đang thực hiện" in said
            assert "camket campaign use" in said and "Đợt cam kết… (Ctrl+D)" in said


@pytest.mark.parametrize("what", [["pledges"], ["pledges", "--household", "A-01"], ["blank"]])
def test_an_upper_register_prints_no_pledge_sheet_and_writes_no_pdf(
    post: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], what: list[str]
) -> None:
    # Its sheets read "Nơi cư trú: bản A, Sổ cấp trên" (the register's name for the
    # commune's), the PDF was left on the disk, and the command then said exit 2 as it
    # failed to mark the households printed (the upper register edits no commune's data).
    pdf = tmp_path / "ban-cam-ket.pdf"
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        assert main(["print", *what, "--db", str(post), "--out", str(pdf)]) == 2
    said = capsys.readouterr().err
    assert "Sổ cấp trên không in bản cam kết" in said and "máy của xã" in said
    assert not pdf.exists()


def test_an_upper_register_starts_no_campaign_of_its_own(
    post: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `campaign new` made a campaign of no commune and made it current: the post's progress
    # then counted every commune at 0 signed (their signatures are in their own campaigns).
    # The window offers no "new" in an upper register.
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        assert main(["campaign", "new", "--db", str(post), "--template", "bien-gioi"]) == 2
        assert "Sổ cấp trên chỉ gộp và xem dữ liệu của các xã" in capsys.readouterr().err
        assert main(["report", "progress", "--db", str(post)]) == 0
    assert "Toàn bộ các xã\t4\t2" in capsys.readouterr().out


def test_a_hamlet_two_communes_share_is_named_with_its_commune_as_the_register_shows_it(
    post: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Both communes have "Thôn 1": "Có nhiều thôn/bản tên “Thôn 1”: Thôn 1, Thôn 1; hãy ghi
    # đủ tên" asked for a fuller name that did not exist, and "Thôn 1 (Sìn Hồ)", as every
    # list of the upper register reads, was "Không có thôn/bản".
    capsys.readouterr()
    with as_pc(tmp_path / "post-data"):
        assert main(["movement", "list", "--db", str(post), "--hamlet", "Thôn 1"]) == 2
        assert "Thôn 1 (Bình Lư), Thôn 1 (Sìn Hồ); hãy ghi" in capsys.readouterr().err
        for named in ("Thôn 1 (Sìn Hồ)", "thon 1 (sin ho)"):
            assert main(["movement", "list", "--db", str(post), "--hamlet", named]) == 0
            assert capsys.readouterr().err == "0 biến động\n"
