"""Bundles between a commune's PCs and upward: the four real cases, and every refusal."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.exchange.bundle_file import FORMAT_VERSION, MANIFEST, SIGNATURE
from desktop.messages import describe
from desktop.services import conflicts as queue
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundle, merge_bundles
from desktop.services.register import create_from_bundle, create_register, create_upper_register
from desktop.store import households as repo
from desktop.store.backups import list_backups
from tests.unit.exchange_helpers import (
    BINH_LU,
    SIN_HO,
    THUC_PHAN,
    as_pc,
    content,
    demo_office,
    opened,
    resign,
)


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    """The office PC's register of Sìn Hồ with 12 demo households, and its data folder."""
    return demo_office(tmp_path, 12, seed=5)


def _export(path: Path, folder: Path, out: Path, **kwargs: object) -> Path:
    with opened(path, folder) as reg:
        export_bundle(reg, out, **kwargs)  # type: ignore[arg-type]
    return out


def _merge(path: Path, folder: Path, bundle: Path):  # type: ignore[no-untyped-def]
    with opened(path, folder) as reg:
        return merge_bundle(reg, bundle)


def _laptop(tmp_path: Path, office: tuple[Path, Path]) -> tuple[Path, Path]:
    full = _export(*office, tmp_path / "full.camket")
    folder, path = tmp_path / "laptop-data", tmp_path / "laptop.sqlite3"
    with as_pc(folder):
        create_from_bundle(path, full)
    return path, folder


def _set_address(path: Path, folder: Path, code: str, address: str) -> None:
    with opened(path, folder) as reg:
        household = repo.find_household_by_code(reg.db, code)
        assert household is not None
        reg.writer.update("household", household.id, {"address": address})


def _first_code(path: Path, folder: Path) -> str:
    with opened(path, folder) as reg:
        return str(reg.db.execute("SELECT code FROM household ORDER BY code").fetchone()[0])


def test_a_new_pc_rebuilt_from_the_last_bundle_holds_the_same_register(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office)
    assert content(*laptop) == content(*office)
    with opened(*laptop) as reg:
        assert reg.installation_id != opened  # a PC of its own
        assert reg.commune.code == SIN_HO
        assert reg.db.execute("SELECT count(*) FROM household").fetchone()[0] == 12
        hits = reg.db.execute("SELECT count(*) FROM person_fts").fetchone()[0]
        assert hits == reg.db.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]


def test_laptop_and_office_edit_both_and_agree_after_bundles_both_ways(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office)
    codes = [_first_code(*office)]
    with opened(*office) as reg:
        codes.append(reg.db.execute("SELECT code FROM household ORDER BY code DESC").fetchone()[0])
    _set_address(*office, codes[0], "Km 5, đường 12")
    _set_address(*laptop, codes[1], "Gần trạm y tế")

    first = _merge(*office, _export(*laptop, tmp_path / "l1.camket"))
    assert (first.refused, first.total("updated"), first.total("conflicts")) == (None, 1, 0)
    _merge(*laptop, _export(*office, tmp_path / "o1.camket"))
    assert content(*laptop) == content(*office)

    again = _merge(*office, tmp_path / "l1.camket")  # the same bundle twice changes nothing
    assert (again.total("new"), again.total("updated"), again.total("conflicts")) == (0, 0, 0)
    assert content(*laptop) == content(*office)


def test_the_same_row_edited_on_both_pcs_has_one_winner_and_a_conflict_to_review(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office)
    code = _first_code(*office)
    _set_address(*office, code, "Văn phòng ghi")
    _set_address(*laptop, code, "Máy xách tay ghi")

    to_office = _merge(*office, _export(*laptop, tmp_path / "l1.camket"))
    to_laptop = _merge(*laptop, _export(*office, tmp_path / "o1.camket"))
    assert to_office.total("conflicts") == 1 and to_laptop.total("conflicts") == 1
    assert content(*laptop) == content(*office)  # the same winner, the same queue

    with opened(*office) as reg:
        (conflict,) = queue.open_conflicts(reg.db)
        assert conflict.table == "household" and conflict.label == code
        fields = {f: (a, b) for f, a, b in conflict.differences()}
        assert set(fields["address"]) == {"Văn phòng ghi", "Máy xách tay ghi"}
        loser = conflict.other["address"]
        queue.keep_version(reg, conflict, "other")
        assert repo.find_household_by_code(reg.db, code).address == loser  # type: ignore[union-attr]
        assert queue.open_conflicts(reg.db) == []
        audit = reg.db.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        assert audit == ("resolve",)

    _merge(*laptop, _export(*office, tmp_path / "o2.camket"))
    assert content(*laptop) == content(*office)
    with opened(*laptop) as reg:
        assert queue.open_conflicts(reg.db) == []
        assert repo.find_household_by_code(reg.db, code).address == loser  # type: ignore[union-attr]


def test_tombstones_travel(tmp_path: Path, office: tuple[Path, Path]) -> None:
    laptop = _laptop(tmp_path, office)
    code = _first_code(*office)
    with opened(*laptop) as reg:
        household = repo.find_household_by_code(reg.db, code)
        assert household is not None
        repo.delete_household(reg.writer, household.id)
    _merge(*office, _export(*laptop, tmp_path / "l1.camket"))
    with opened(*office) as reg:
        assert repo.find_household_by_code(reg.db, code) is None
    assert content(*laptop) == content(*office)


@pytest.mark.parametrize("deleted_last", [False, True], ids=["edited last", "deleted last"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
@pytest.mark.parametrize("kept", ["the deletion", "the edit"])
def test_a_household_deleted_on_one_pc_and_edited_on_the_other_is_settled_as_chosen(
    tmp_path: Path, office: tuple[Path, Path], kept: str, deleter: str, deleted_last: bool
) -> None:
    """Before, the row stayed as the merge left it whichever version was kept: keeping the
    deletion left the household in the list, keeping the edit left it deleted."""
    from desktop.domain.entities import Gender, Person
    from desktop.store.search import search_people

    laptop = _laptop(tmp_path, office)
    deleting, editing = (office, laptop) if deleter == "office" else (laptop, office)
    code = _first_code(*office)
    household = repo_household(deleting, code)

    def delete() -> None:
        with opened(*deleting) as reg:
            repo.delete_household(reg.writer, household)

    def edit() -> None:  # the other PC, not knowing, corrects it and adds a newborn
        with opened(*editing) as reg:
            reg.writer.update("household", household, {"address": "Máy xách tay ghi"})
            newborn = Person(household_id=household, full_name="Lò Thị Mới", gender=Gender.FEMALE)
            repo.add_person(reg.writer, newborn, code)

    for step in (edit, delete) if deleted_last else (delete, edit):
        step()
    assert _merge(*office, _export(*laptop, tmp_path / "l1.camket")).total("conflicts") == 1

    with opened(*office) as reg:
        (conflict,) = queue.open_conflicts(reg.db)
        deletion = "current" if conflict.current["deleted"] else "other"
        edit = "other" if deletion == "current" else "current"
        queue.keep_version(reg, conflict, deletion if kept == "the deletion" else edit)
        found = repo.find_household_by_code(reg.db, code)
        newborn_found = [hit.full_name for hit in search_people(reg.db, "lo thi moi")]
    if kept == "the deletion":
        assert found is None
        assert newborn_found == []  # not left alive in a household nobody can open
    else:
        assert found is not None and found.address == "Máy xách tay ghi"
        assert newborn_found == ["Lò Thị Mới"]
    _merge(*laptop, _export(*office, tmp_path / "o1.camket"))
    assert content(*laptop) == content(*office)


def repo_household(pc: tuple[Path, Path], code: str) -> str:
    with opened(*pc) as reg:
        found = repo.find_household_by_code(reg.db, code)
        assert found is not None
        return found.id


def test_only_the_changes_after_an_earlier_bundle_with_since(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office)
    earlier = _export(*office, tmp_path / "o1.camket")
    _set_address(*office, _first_code(*office), "Đường mới")
    later = _export(*office, tmp_path / "o2.camket", since=earlier)
    manifest = json.loads(zipfile.ZipFile(later).read(MANIFEST))
    assert manifest["kind"] == "incremental" and sum(manifest["rows"].values()) == 1
    result = _merge(*laptop, later)
    assert result.total("updated") == 1
    assert content(*laptop) == content(*office)

    with pytest.raises(KnownError) as refused:  # a bundle another register made
        _export(*laptop, tmp_path / "l2.camket", since=later)
    assert refused.value.code == "export.since_foreign"


def test_an_encrypted_bundle_opens_only_at_its_receiver(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office)
    with opened(*office) as reg:
        from desktop.services.bundles import register_keys

        recipient = register_keys(reg).age_recipient
    key_file = tmp_path / "office.key"
    key_file.write_text(f"age recipient: {recipient}\n", encoding="utf-8")
    _set_address(*laptop, _first_code(*laptop), "Bí mật")
    sealed = _export(*laptop, tmp_path / "sealed.camket", to=key_file)
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1")
    assert _merge(*office, sealed).total("updated") == 1

    stranger = tmp_path / "stranger.sqlite3"
    with as_pc(tmp_path / "stranger-data"):
        create_register(stranger, SIN_HO)
    refused = _merge(stranger, tmp_path / "stranger-data", sealed).refused
    assert refused is not None and refused.code == "bundle.not_for_us"


def _rewrite(bundle: Path, out: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the bundle with its entries passed through ``change(name, data)``."""
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
    return out


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        ("tamper_row", "bundle.tampered"),
        ("tamper_manifest", "bundle.bad_signature"),
        ("truncate", "bundle.truncated"),
        ("newer", "bundle.newer_format"),
        ("outside", "bundle.unsafe_path"),
        ("not_zip", "bundle.damaged"),
        ("extra_entry", "bundle.unknown_entry"),
    ],
)
def test_a_damaged_or_hostile_bundle_is_refused_whole_and_changes_nothing(
    tmp_path: Path, office: tuple[Path, Path], damage: str, code: str
) -> None:
    laptop = _laptop(tmp_path, office)
    _set_address(*office, _first_code(*office), "Đã sửa")
    good = _export(*office, tmp_path / "good.camket")
    bad = tmp_path / "bad.camket"
    if damage == "tamper_row":
        _rewrite(
            good,
            bad,
            lambda n, d: (
                d.replace(b"\xc4\x90\xc3\xa3 s\xe1\xbb\xada", b"Km 99")
                if n == "tables/household.csv"
                else d
            ),
        )
    elif damage == "tamper_manifest":
        _rewrite(
            good,
            bad,
            lambda n, d: (
                d.replace(b'"kind": "full"', b'"kind": "incremental"') if n == MANIFEST else d
            ),
        )
    elif damage == "truncate":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif damage == "newer":
        mine = f'"format_version": {FORMAT_VERSION}'.encode()
        _rewrite(
            good,
            bad,
            lambda n, d: d.replace(mine, b'"format_version": 99') if n == MANIFEST else d,
        )
    elif damage == "outside":
        _rewrite(good, bad, lambda n, d: d)
        with zipfile.ZipFile(bad, "a") as zf:
            zf.writestr("../../evil.sh", b"echo")
    elif damage == "not_zip":
        bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    elif damage == "extra_entry":
        _rewrite(good, bad, lambda n, d: d)
        with zipfile.ZipFile(bad, "a") as zf:
            zf.writestr("readme.txt", b"hi")
    before = content(*laptop)
    result = _merge(*laptop, bad)
    assert result.refused is not None and result.refused.code == code
    assert content(*laptop) == before


def test_another_key_claiming_a_known_installation_is_refused(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office)
    good = _export(*office, tmp_path / "good.camket")
    assert _merge(*laptop, good).refused is None  # the office's key is now known
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    forger = Ed25519PrivateKey.generate()
    public = base64.b64encode(
        forger.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )

    def forge(name: str, data: bytes) -> bytes | None:
        if name == MANIFEST:
            body = json.loads(data)
            forge.manifest = json.dumps({**body, "public_key": public.decode()}).encode()  # type: ignore[attr-defined]
            return forge.manifest  # type: ignore[attr-defined, no-any-return]
        if name == SIGNATURE:
            return None
        return data

    forged = _rewrite(good, tmp_path / "forged.camket", forge)
    with zipfile.ZipFile(forged, "a") as zf:
        zf.writestr(SIGNATURE, base64.b64encode(forger.sign(forge.manifest)))  # type: ignore[attr-defined]
    result = _merge(*laptop, forged)
    assert result.refused is not None and result.refused.code == "bundle.key_mismatch"


def test_a_commune_register_refuses_another_communes_bundle(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    other, other_folder = tmp_path / "binhlu.sqlite3", tmp_path / "binhlu-data"
    with as_pc(other_folder):
        create_register(other, BINH_LU, ["Bản Bình Lư"])
    result = _merge(*office, _export(other, other_folder, tmp_path / "binhlu.camket"))
    assert result.refused is not None and result.refused.code == "bundle.other_commune"


def _three_communes_bundles(tmp_path: Path, office: tuple[Path, Path]) -> tuple[Path, Path, Path]:
    """Bundles of Sìn Hồ (the office), Bình Lư (same province) and Thục Phán (Cao Bằng)."""
    sinho = _export(*office, tmp_path / "sinho.camket")
    other, other_folder = tmp_path / "binhlu.sqlite3", tmp_path / "binhlu-data"
    with as_pc(other_folder):
        create_register(other, BINH_LU, ["Bản Bình Lư"])
    binhlu = _export(other, other_folder, tmp_path / "binhlu.camket")
    far, far_folder = tmp_path / "far.sqlite3", tmp_path / "far-data"
    with as_pc(far_folder):
        create_register(far, THUC_PHAN, ["Tổ 1"])
    return sinho, binhlu, _export(far, far_folder, tmp_path / "caobang.camket")


def test_an_upper_register_merges_its_provinces_communes_side_by_side(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    sinho, binhlu, cao_bang = _three_communes_bundles(tmp_path, office)

    post, post_folder = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_folder):
        create_upper_register(post, "Đồn Biên phòng Sìn Hồ", "12")
    assert _merge(post, post_folder, sinho).refused is None
    assert _merge(post, post_folder, binhlu).refused is None
    refused = _merge(post, post_folder, cao_bang).refused
    assert refused is not None and refused.code == "bundle.other_province"
    assert "Phường Thục Phán, Cao Bằng (01273)" in describe(refused)
    assert "không thuộc Lai Châu" in describe(refused)
    with opened(post, post_folder) as reg:
        assert [c.code for c in repo.list_communes(reg.db)] == [BINH_LU, SIN_HO]
        assert reg.commune.name == "Đồn Biên phòng Sìn Hồ"
    # The post's register goes up to the province's, whole.
    province, province_folder = tmp_path / "province.sqlite3", tmp_path / "province-data"
    with as_pc(province_folder):
        create_upper_register(province, "Công an tỉnh Lai Châu", "12")
    up = _export(post, post_folder, tmp_path / "post.camket")
    assert _merge(province, province_folder, up).refused is None
    assert content(province, province_folder) == content(post, post_folder)
    # The post's PC died: init --from takes only a commune's bundle, and says what does.
    with as_pc(tmp_path / "new-pc-data"), pytest.raises(KnownError) as rebuilt:
        create_from_bundle(tmp_path / "rebuilt.sqlite3", up)
    assert "camket init --upper" in describe(rebuilt.value)
    assert "camket merge" in describe(rebuilt.value)
    # A commune register takes no upper register's bundle, its own commune's rows relayed
    # included, and says so (not "another commune's").
    solo, solo_folder = tmp_path / "solo.sqlite3", tmp_path / "solo-data"
    with as_pc(solo_folder):
        create_upper_register(solo, "Đồn Biên phòng Sìn Hồ", "12")
    assert _merge(solo, solo_folder, sinho).refused is None
    for relayed in (up, _export(solo, solo_folder, tmp_path / "solo.camket")):
        refused = _merge(*office, relayed).refused
        assert refused is not None and refused.code == "bundle.from_upper"
        assert "Đồn Biên phòng Sìn Hồ" in describe(refused) and relayed.name in describe(refused)


def _post_of_twin_communes(tmp_path: Path, office: tuple[Path, Path]) -> tuple[Path, Path]:
    """A post's register of Sìn Hồ (the office) and Bình Lư made as Sìn Hồ's: the same
    hamlets, household codes and personal IDs (every person is one of Sìn Hồ's)."""
    other, other_folder = tmp_path / "binhlu.sqlite3", tmp_path / "binhlu-data"
    with as_pc(other_folder):
        create_register(other, BINH_LU, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(other, other_folder) as reg:
        populate_demo(reg, 12, seed=5)
    post, post_folder = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_folder):
        create_upper_register(post, "Đồn Biên phòng Sìn Hồ", "12")
    for pc, name in ((office, "sinho"), ((other, other_folder), "binhlu")):
        bundle = _export(*pc, tmp_path / f"{name}.camket")
        assert _merge(post, post_folder, bundle).refused is None
    return post, post_folder


def test_check_of_an_upper_register_names_each_rows_commune(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before, the post's check said "nhân khẩu X (hộ NT-001): Số định danh: trùng với X
    # (hộ NT-001)", the same words for both communes.
    post, post_folder = _post_of_twin_communes(tmp_path, office)
    capsys.readouterr()
    with as_pc(post_folder):
        assert main(["check", "--db", str(post)]) == 1
    found = [line for line in capsys.readouterr().out.splitlines() if "[LỖI]" in line]
    assert found and all("trùng với" in line for line in found)
    assert all(", Bình Lư)" in line and ", Sìn Hồ)" in line for line in found), found
    with opened(post, post_folder) as reg:
        name, code = reg.db.execute(
            "SELECT p.full_name, h.code FROM person p JOIN household h ON h.id = p.household_id"
            " WHERE p.id_number != '' AND h.commune_code = ? ORDER BY p.sort_key LIMIT 1",
            [SIN_HO],
        ).fetchone()
    assert (
        f"  [LỖI] nhân khẩu {name} (hộ {code}, Sìn Hồ): Số định danh: trùng với {name}"
        f" (hộ {code}, Bình Lư)"
    ) in found


def test_an_upper_register_refuses_each_edit_of_a_communes_rows_before_looking_it_up(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: `sign NT-0001` said the code was given by two PCs to 2 households (they are
    # two communes' NT-0001) and asked to rename one; `import --dry-run` reported the list
    # as ready to import (exit 0), the import then refused; `movement add --person` named
    # the ID's two holders.
    post, post_folder = _post_of_twin_communes(tmp_path, office)
    with opened(post, post_folder) as reg:
        code, id_number, movement = reg.db.execute(
            "SELECT h.code, p.id_number, m.id FROM person p"
            " JOIN household h ON h.id = p.household_id JOIN movement m ON m.person_id = p.id"
            " WHERE p.id_number != '' AND h.commune_code = ? LIMIT 1",
            [SIN_HO],
        ).fetchone()
    listing = tmp_path / "ds.csv"
    listing.write_text("Họ và tên,Năm sinh,Giới tính,Thôn\nLò Văn Páo,1970,Nam,Bản Mới\n")
    before = content(post, post_folder)
    capsys.readouterr()
    with as_pc(post_folder):
        for args in (
            ["sign", code, "--on", "01/12/2026"],
            ["import", str(listing), "--dry-run"],
            ["import", str(listing)],
            [
                "movement",
                "add",
                "--kind",
                "tam-vang",
                "--person",
                id_number,
                "--from",
                "01/12/2026",
            ],
            ["movement", "end", movement, "--on", "01/12/2026"],
            ["movement", "edit", movement, "--reason", "đi làm"],
            ["tip", "add", "--at", "01/12/2026 08:00", "--place", "Mốc 79", "--about", "Người lạ"],
        ):
            assert main([*args, "--db", str(post)]) == 2, args
            captured = capsys.readouterr()
            assert captured.err.startswith("camket: Sổ cấp trên chỉ gộp và xem dữ liệu"), args
            assert captured.out == "", args
    assert content(post, post_folder) == before


def test_bundles_merged_together_are_backed_up_once_as_the_register_was_before(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    sinho, binhlu, cao_bang = _three_communes_bundles(tmp_path, office)
    post, post_folder = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_folder):
        create_upper_register(post, "Đồn Biên phòng Sìn Hồ", "12")
    with opened(post, post_folder) as reg:
        results = merge_bundles(reg, [cao_bang, sinho, binhlu])
        assert [r.refused is None for r in results] == [False, True, True]
        households = reg.db.execute("SELECT count(*) FROM household").fetchone()[0]
        (backup,) = list_backups(post)
    assert households == 12 and backup.reason == "merge"
    copy = sqlite3.connect(backup.path)
    try:  # the register before the batch
        assert copy.execute("SELECT count(*) FROM commune").fetchone()[0] == 0
    finally:
        copy.close()
    # A bundle merged on its own is backed up on its own.
    with opened(post, post_folder) as reg:
        assert merge_bundle(reg, sinho).refused is None
        assert len(list_backups(post)) == 2


def test_the_commands_export_merge_conflicts_and_keys(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, folder = office
    out = tmp_path / "cli.camket"
    with as_pc(folder):
        assert main(["export", "--db", str(path), "--out", str(out)]) == 0
        assert main(["keys", "--db", str(path)]) == 0
    keys = capsys.readouterr().out
    assert "age recipient: age1" in keys and "signing key (Ed25519): " in keys
    laptop = tmp_path / "laptop.sqlite3"
    with as_pc(tmp_path / "laptop-data"):
        assert main(["init", "--db", str(laptop), "--from", str(out)]) == 0
        bad = tmp_path / "bad.camket"
        bad.write_bytes(b"garbage")
        capsys.readouterr()
        assert main(["merge", "--db", str(laptop), str(out), str(bad), "--json"]) == 2
        printed = json.loads(capsys.readouterr().out)
        assert printed[0]["unchanged"] > 0 and printed[1]["refused"] == "bundle.not_a_bundle"
        assert main(["conflicts", "--db", str(laptop), "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == []
        upper = tmp_path / "upper.sqlite3"
        assert (
            main(["init", "--db", str(upper), "--upper", "--province", "12", "--name", "Tỉnh"]) == 0
        )
        assert main(["merge", "--db", str(upper), str(out)]) == 0
    assert "0 xung đột" in capsys.readouterr().out


def test_bundle_entries_are_csv_with_bom_and_hashes_in_the_manifest(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    bundle = _export(*office, tmp_path / "b.camket")
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        household = zf.read("tables/household.csv")
        assert household.startswith(b"\xef\xbb\xbf" + b"id,commune_code,hamlet_id,code")
        assert b"\r\n" in household
        for name, facts in manifest["files"].items():
            assert hashlib.sha256(zf.read(name)).hexdigest() == facts["sha256"]
    assert manifest["communes"] == [SIN_HO] and manifest["register"] == "commune"
    assert manifest["rows"]["household"] == 12


def test_two_pcs_numbering_a_new_household_alike_keep_both_and_are_told(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.domain.entities import Household, Person
    from desktop.services.checks import check_register

    laptop = _laptop(tmp_path, office)
    for path, folder, name in ((*office, "Lò Văn Một"), (*laptop, "Giàng A Hai")):
        with opened(path, folder) as reg:
            hamlet = repo.list_hamlets(reg.db)[0]
            household = Household(hamlet.id, "NT-9999")
            repo.add_household(reg.writer, household, [Person("", name, "nam")])  # type: ignore[arg-type]
    _merge(*office, _export(*laptop, tmp_path / "l1.camket"))
    with opened(*office) as reg:
        assert [(code, len(ids)) for _, code, ids in queue.code_clashes(reg.db)] == [("NT-9999", 2)]
    report = check_register(office[0])
    assert any(f.issue.code == "household.code_taken" for f in report.errors)
    with as_pc(office[1]):
        assert main(["conflicts", "--db", str(office[0]), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert items == [
        {
            "kind": "code_clash",
            "commune": SIN_HO,
            "code": "NT-9999",
            "households": items[0]["households"],
        }
    ]
    # Until one is renamed, a command naming the code never picks one of the two for you.
    for command in (
        ["sign", "NT-9999", "--on", "01/12/2026"],
        ["print", "pledges", "--household", "NT-9999", "--out", str(tmp_path / "x.pdf")],
    ):
        with as_pc(office[1]):
            assert main([*command, "--db", str(office[0])]) == 2
        said = capsys.readouterr().err
        assert "NT-9999" in said and "2 hộ" in said
    assert not (tmp_path / "x.pdf").exists()


def test_an_export_never_lands_on_the_register_or_another_sqlite_file(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    path, folder = office
    before = path.read_bytes()
    for target in (path, Path(f"{path}-wal"), tmp_path):
        with pytest.raises(KnownError) as refused:
            _export(path, folder, target)
        assert refused.value.code in ("output.is_database", "output.is_directory")
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".*.part*"))


def test_a_communes_bundle_cannot_change_another_communes_people_in_an_upper_register(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    other, other_folder = tmp_path / "binhlu.sqlite3", tmp_path / "binhlu-data"
    with as_pc(other_folder):
        create_register(other, BINH_LU, ["Bản Bình Lư"])
    binhlu = _export(other, other_folder, tmp_path / "binhlu.camket")
    post, post_folder = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post_folder):
        create_upper_register(post, "Đồn", "12")
    sinho = _merge(post, post_folder, _export(*office, tmp_path / "sinho.camket"))
    assert sinho.refused is None
    assert _merge(post, post_folder, binhlu).refused is None
    # Communes set up apart share no template or campaign row to fight over.
    assert sinho.total("conflicts") == 0 and queue.open_conflicts(_db_of(post, post_folder)) == []

    with opened(*office) as reg:
        victim = reg.db.execute(
            "SELECT id, household_id FROM person ORDER BY id LIMIT 1"
        ).fetchone()
    with zipfile.ZipFile(_export(*office, tmp_path / "s2.camket")) as zf:
        lines = zf.read("tables/person.csv").decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    row = next(line for line in lines if line.startswith(victim[0]))
    forged_row = row.replace(',"{', ',"{').rsplit(",", 1)[0]  # the vv is the last column
    forged_row = forged_row.replace(row.split(",")[2], "KẺ GIẢ MẠO", 1)
    forged_row += ',"{""' + "b" * 8 + '"":99}"'

    def add_row(name: str, data: bytes) -> bytes:
        if name == "tables/person.csv":
            return data + (forged_row + "\r\n").encode("utf-8")
        return data

    assert header[-1] == "vv"
    forged = resign(binhlu, tmp_path / "forged.camket", other_folder, add_row)
    before = content(post, post_folder)
    result = _merge(post, post_folder, forged)
    assert result.refused is not None and result.refused.code == "bundle.tampered"
    assert content(post, post_folder) == before


def _db_of(path: Path, folder: Path):  # type: ignore[no-untyped-def]
    from desktop.store.register import connect

    return connect(path)


def test_init_from_a_bundle_of_changes_alone_is_refused(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    full = _export(*office, tmp_path / "o1.camket")
    _set_address(*office, _first_code(*office), "Mới")
    changes = _export(*office, tmp_path / "o2.camket", since=full)
    with as_pc(tmp_path / "new-data"), pytest.raises(KnownError) as refused:
        create_from_bundle(tmp_path / "new.sqlite3", changes)
    assert refused.value.code == "bundle.not_full"
    assert not (tmp_path / "new.sqlite3").exists()


def test_a_bundle_of_changes_after_one_not_received_is_refused_until_that_one_comes(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office)  # from the office's full bundle
    base = _export(*office, tmp_path / "base.camket")
    _merge(*laptop, base)
    code = _first_code(*office)
    _set_address(*office, code, "Lần 1")
    first = _export(*office, tmp_path / "c1.camket", since=base)
    _set_address(*office, code + "", "Lần 1")  # unchanged: nothing new
    with opened(*office) as reg:
        second_code = reg.db.execute("SELECT code FROM household ORDER BY code DESC").fetchone()[0]
    _set_address(*office, second_code, "Lần 2")
    second = _export(*office, tmp_path / "c2.camket", since=first)
    skipped = _merge(*laptop, second)
    assert skipped.refused is not None and skipped.refused.code == "bundle.gap"
    assert _merge(*laptop, first).refused is None
    assert _merge(*laptop, second).refused is None
    assert content(*laptop) == content(*office)


def test_conflicts_keep_takes_the_db_given_before_it(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = _laptop(tmp_path, office)
    code = _first_code(*office)
    _set_address(*office, code, "A")
    _set_address(*laptop, code, "B")
    _merge(*office, _export(*laptop, tmp_path / "l1.camket"))
    path, folder = office
    with as_pc(folder):
        assert main(["conflicts", "--db", str(path), "--json"]) == 0
        (item,) = json.loads(capsys.readouterr().out)
        assert main(["conflicts", "--db", str(path), "keep", item["conflict_id"][:8], "other"]) == 0
        assert main(["conflicts", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1]) == []


def test_a_table_this_version_does_not_know_refuses_the_bundle(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office)
    good = _export(*office, tmp_path / "good.camket")
    evil = {"tables/evil.csv": b"id\r\nx\r\n"}
    out = resign(good, tmp_path / "evil.camket", office[1], lambda n, d: d, evil)
    result = _merge(*laptop, out)
    assert result.refused is not None and result.refused.code == "bundle.unknown_entry"


def test_init_from_a_bundle_changed_after_export_makes_no_register(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path, folder = office
    out = tmp_path / "office.camket"
    with as_pc(folder):
        assert main(["export", "--db", str(path), "--out", str(out)]) == 0
    # One name changed in person.csv, the signed manifest (and its hashes) left as it was.
    forged = tmp_path / "forged.camket"
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(forged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "tables/person.csv":
                text = data.decode("utf-8-sig")
                first = text.splitlines()[1].split(",")[2]
                data = "\ufeff".encode() + text.replace(first, "Kẻ Giả Mạo", 1).encode()
            target.writestr(info, data)
    laptop = tmp_path / "laptop.sqlite3"
    capsys.readouterr()
    with as_pc(tmp_path / "laptop-data"):
        assert main(["init", "--db", str(laptop), "--from", str(forged)]) == 2
    assert "đã bị sửa" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("laptop.")) == []


def test_a_pledge_in_conflict_is_named_by_its_households_code(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    import datetime as dt

    from desktop.domain.pledges import PledgeStatus
    from desktop.services.pledges import record_result

    laptop = _laptop(tmp_path, office)
    code = _first_code(*office)
    for pc, status, reason in (
        (office, PledgeStatus.ABSENT, "đi làm ăn xa"),
        (laptop, PledgeStatus.REFUSED, "không đồng ý"),
    ):
        with opened(*pc) as reg:
            household = repo.find_household_by_code(reg.db, code)
            assert household is not None
            on, today = dt.date(2026, 12, 1), dt.date(2026, 12, 5)
            record_result(reg, household.id, status, on, reason=reason, today=today)
    assert _merge(*office, _export(*laptop, tmp_path / "l1.camket")).total("conflicts") == 1
    with opened(*office) as reg:
        (conflict,) = queue.open_conflicts(reg.db)
    assert (conflict.table, conflict.label) == ("pledge", code)
    assert conflict.as_json()["label"] == code
