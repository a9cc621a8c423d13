"""The communes side by side (an upper level's table) and a bundle's default file name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.cli import main
from desktop.services import ledger
from desktop.services.bundles import export_bundle
from desktop.services.communes import bundle_file_name, commune_summaries
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundle
from desktop.services.register import create_register, create_upper_register
from tests.unit.exchange_helpers import BINH_LU, SIN_HO, as_pc, opened

DAY = dt.date(2026, 12, 5)


def test_a_bundle_is_named_after_the_commune_and_the_day(tmp_path: Path) -> None:
    commune_register, upper_register = tmp_path / "sinho.sqlite3", tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "data"):
        create_register(commune_register, SIN_HO, ["Thôn 1"])
        create_upper_register(upper_register, "Đồn Biên phòng Sìn Hồ", "12")
    with opened(commune_register, tmp_path / "data") as reg:
        assert bundle_file_name(reg.commune, DAY) == "sin-ho-2026-12-05.camket"
    with opened(upper_register, tmp_path / "data") as reg:
        assert bundle_file_name(reg.commune, DAY) == "don-bien-phong-sin-ho-2026-12-05.camket"


def test_an_upper_register_counts_each_commune_apart(tmp_path: Path) -> None:
    bundles = []
    for code, count in ((SIN_HO, 6), (BINH_LU, 0)):
        path, folder = tmp_path / f"{code}.sqlite3", tmp_path / f"{code}-data"
        with as_pc(folder):
            create_register(path, code, ["Thôn 1"])
        with opened(path, folder) as reg:
            if count:
                populate_demo(reg, count, seed=2)
            export_bundle(reg, tmp_path / f"{code}.camket")
            ids = [r[0] for r in reg.db.execute("SELECT id FROM person WHERE deleted = 0")]
            left = ledger.gone(reg.db, ids, dt.date.today())  # dead or moved out: not counted
            assert bool(left) == bool(count)  # the demo records a death or a move out
            people = len(ids) - len(left)
            signed = reg.db.execute(
                "SELECT count(*) FROM pledge WHERE status = 'da_ky' AND deleted = 0"
            ).fetchone()[0]
        bundles.append((tmp_path / f"{code}.camket", people, signed))
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        create_upper_register(post, "Đồn Biên phòng Sìn Hồ", "12")
    with opened(post, tmp_path / "post-data") as reg:
        assert commune_summaries(reg.db) == []
        for bundle, _people, _signed in bundles:
            assert merge_bundle(reg, bundle).refused is None
        binh_lu, sin_ho = commune_summaries(reg.db)
    assert (binh_lu.code, binh_lu.households, binh_lu.people, binh_lu.campaigns) == (
        BINH_LU,
        0,
        0,
        (),
    )
    assert binh_lu.last_received and sin_ho.last_received
    assert (sin_ho.name, sin_ho.households, sin_ho.people) == ("Xã Sìn Hồ", 6, bundles[0][1])
    (share,) = sin_ho.campaigns
    assert (share.signed, share.households) == (bundles[0][2], 6)
    assert share.percent == 100.0 * bundles[0][2] / 6


def test_report_progress_of_an_upper_register_counts_each_communes_own_campaign(
    tmp_path: Path,
) -> None:
    from desktop.services.campaigns import use_campaign
    from desktop.services.progress import commune_total, progress

    signed_in_all = 0
    campaign_ids = []
    for code, seed in ((SIN_HO, 2), (BINH_LU, 3)):
        path, folder = tmp_path / f"{code}.sqlite3", tmp_path / f"{code}-data"
        with as_pc(folder):
            create_register(path, code, ["Thôn 1"])
        with opened(path, folder) as reg:
            populate_demo(reg, 8, seed=seed)
            export_bundle(reg, tmp_path / f"{code}.camket")
            signed_in_all += commune_total(progress(reg)).signed
            campaign_ids.append(reg.db.execute("SELECT id FROM campaign").fetchone()[0])
    assert signed_in_all and len(set(campaign_ids)) == 2  # each commune started its own
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        create_upper_register(post, "Đồn Biên phòng Sìn Hồ", "12")
    with opened(post, tmp_path / "post-data") as reg:
        for code in (SIN_HO, BINH_LU):
            assert merge_bundle(reg, tmp_path / f"{code}.camket").refused is None
        # Each commune's campaign counts that commune's households, not the post's all.
        from desktop.services.campaigns import campaign_summaries

        shares = {s.campaign.id: s.households for s in campaign_summaries(reg.db)}
        assert shares == {campaign_ids[0]: 8, campaign_ids[1]: 8}
        for campaign_id in campaign_ids:  # whichever of the two is chosen on the post's PC
            use_campaign(reg.writer, campaign_id)
            total = commune_total(progress(reg))
            assert (total.households, total.signed) == (16, signed_in_all)
    # Both communes run the movement "bien-gioi": naming it chooses it, whichever's it is.
    with as_pc(tmp_path / "post-data"):
        assert main(["campaign", "use", "bien-gioi", "--db", str(post)]) == 0
        sheet = tmp_path / "tien-do.csv"
        assert (
            main(["spreadsheet", "--db", str(post), "--what", "progress", "--out", str(sheet)]) == 0
        )
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(";")[0] for line in lines[1:]] == [BINH_LU, SIN_HO]
    # A report in a commune People's Committee's frame is no upper level's: refused, and
    # pointed at the spreadsheet, rather than printed as "ỦY BAN NHÂN DÂN / SỔ CẤP TRÊN".
    pdf = str(tmp_path / "bien-dong.pdf")
    for report in (
        ["report", "progress", "--out", str(tmp_path / "tien-do.pdf")],
        ["report", "unsigned", "--out", str(tmp_path / "chua-ky.pdf")],
        ["report", "movements", "--from", "01/11/2026", "--to", "30/11/2026", "--out", pdf],
    ):
        with as_pc(tmp_path / "post-data"):
            assert main([*report, "--db", str(post)]) == 2
    assert not list(tmp_path.glob("*.pdf"))
