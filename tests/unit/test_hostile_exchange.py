"""Issue 8 attacked as a hostile user and a newcomer would: each case that once went wrong."""

from __future__ import annotations

import csv
import errno
import gc
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.domain.upload_sheet import UploadSheet
from desktop.exchange import sheet_writer
from desktop.messages import describe
from desktop.services.bundles import export_bundle, register_keys
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle, create_register
from tests.unit.exchange_helpers import (
    BINH_LU,
    SIN_HO,
    as_pc,
    content,
    opened,
    resign,
    with_cell,
)


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    pc = tmp_path / "office.sqlite3", tmp_path / "office-data"
    with as_pc(pc[1]):
        create_register(pc[0], SIN_HO, ["Bản Nậm Tăm"])
    return pc


def _export(pc: tuple[Path, Path], out: Path, **kwargs: Any) -> Path:
    with opened(*pc) as reg:
        export_bundle(reg, out, **kwargs)
    return out


def _refused(pc: tuple[Path, Path], bundle: Path) -> KnownError:
    before = content(*pc)
    with opened(*pc) as reg:
        result = merge_bundle(reg, bundle)
    assert result.refused is not None
    assert content(*pc) == before
    return result.refused


def test_a_bundle_cut_short_on_the_stick_is_called_truncated(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    whole = _export(office, tmp_path / "whole.camket").read_bytes()
    for size in (len(whole) // 2, len(whole) - 10):
        cut = tmp_path / f"cut-{size}.camket"
        cut.write_bytes(whole[:size])
        refused = _refused(office, cut)
        assert refused.code == "bundle.truncated"
        assert "chưa chép xong" in describe(refused) and cut.name in describe(refused)
    empty = tmp_path / "empty.camket"
    empty.write_bytes(b"")
    assert _refused(office, empty).code == "bundle.truncated"
    picture = tmp_path / "anh.camket"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert _refused(office, picture).code == "bundle.not_a_bundle"


def test_an_encrypted_bundle_cut_short_is_not_said_to_be_for_another_register(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    full = _export(office, tmp_path / "full.camket")
    laptop = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], full)
    with opened(*laptop) as reg:
        (tmp_path / "key.txt").write_text(register_keys(reg).age_recipient, encoding="utf-8")
    sealed = _export(office, tmp_path / "sealed.camket", to=tmp_path / "key.txt").read_bytes()
    cut = tmp_path / "sealed-cut.camket"
    cut.write_bytes(sealed[: len(sealed) // 2])
    assert _refused(laptop, cut).code == "bundle.damaged"
    assert _refused(office, tmp_path / "sealed.camket").code == "bundle.not_for_us"


def test_a_zip_bomb_is_refused_for_its_compression_before_it_is_inflated(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    full = _export(office, tmp_path / "full.camket")
    bomb = tmp_path / "bomb.camket"
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name == "tables/person.csv":
                with dst.open(name, "w") as entry:
                    for _ in range(64):
                        entry.write(b"\0" * (1 << 20))
            else:
                dst.writestr(name, src.read(name))
    refused = _refused(office, bomb)
    assert refused.code == "bundle.too_large"
    limit = int(refused.params["limit"])
    assert limit < 64 * (1 << 20)  # the limit it broke: far below the 2 GiB of a table


def test_another_communes_bundle_renamed_as_ours_is_refused_naming_that_commune(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    other = tmp_path / "binhlu.sqlite3", tmp_path / "binhlu-data"
    with as_pc(other[1]):
        create_register(other[0], BINH_LU, ["Bản Bình Lư"])
    renamed = _export(other, tmp_path / "sin-ho-2026-12-05.camket")
    refused = _refused(office, renamed)
    assert refused.code == "bundle.other_commune"
    assert "Xã Bình Lư" in describe(refused) and "Xã Sìn Hồ (03478)" in describe(refused)


def test_init_upper_takes_the_name_as_optional_as_issue_8_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with as_pc(tmp_path / "data"):
        assert main(["init", "--db", str(tmp_path / "a.sqlite3"), "--upper"]) == 0
        assert "“Sổ cấp trên”" in capsys.readouterr().out
        upper = ["init", "--db", str(tmp_path / "b.sqlite3"), "--upper", "--province", "12"]
        assert main(upper) == 0
        assert "Sổ cấp trên tỉnh Lai Châu" in capsys.readouterr().out
        city = ["init", "--db", str(tmp_path / "c.sqlite3"), "--upper", "--province", "31"]
        assert main(city) == 0  # a city's name says it is one: said once
        assert "“Sổ cấp trên Thành phố Hải Phòng”" in capsys.readouterr().out


@pytest.mark.parametrize("province", ["012", "Lai Châu", "lai chau", "Tỉnh Lai Châu"])
def test_init_upper_reads_a_province_as_a_clerk_knows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], province: str
) -> None:
    """Lai Châu is "012" where people meet its code (the first digits of its people's ID
    numbers, as issue 11 lists the border provinces) and by its name: before, both were
    "Không có mã tỉnh … trong danh mục", with no word of the code it takes."""
    with as_pc(tmp_path / "data"):
        upper = ["init", "--db", str(tmp_path / "u.sqlite3"), "--upper", "--province", province]
        assert main(upper) == 0
        assert "“Sổ cấp trên tỉnh Lai Châu”, Lai Châu" in capsys.readouterr().out
        odd = ["init", "--db", str(tmp_path / "v.sqlite3"), "--upper", "--province", "Lai"]
        assert main(odd) == 2
        assert "12 là Lai Châu" in capsys.readouterr().err
        assert not (tmp_path / "v.sqlite3").exists()


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","Bấm")', "+84 Đồn", " @Đồn", "-1"])
def test_init_upper_refuses_a_name_a_spreadsheet_would_run_as_a_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / "upper.sqlite3"
    with as_pc(tmp_path / "data"):
        assert main(["init", "--db", str(path), "--upper", "--name", name]) == 2
    err = capsys.readouterr().err
    assert f"camket: Tên sổ cấp trên “{name.strip()}” bắt đầu bằng =, +, - hoặc @" in err
    assert list(tmp_path.glob("upper*")) == []


class _FillingDisk(io.RawIOBase):
    """A file on a stick with ``room`` bytes left."""

    def __init__(self, room: int) -> None:
        self.room = room

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def write(self, data: Any) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return len(data)


def test_a_spreadsheet_on_a_full_stick_says_so_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = Path.open

    def open_on_stick(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "wb":  # the workbook, into the private file writing_output made
            real_open(self, mode).close()
            return io.BufferedWriter(_FillingDisk(3000))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_on_stick)
    left_open: list[Any] = []  # what Python could only complain about on stderr later
    monkeypatch.setattr(sys, "unraisablehook", left_open.append)
    rows = [[f"Người {n}", "012345678901", n] for n in range(2000)]
    out = tmp_path / "nhan-khau.xlsx"
    with pytest.raises(KnownError) as caught:
        sheet_writer.write_table(out, ["Họ tên", "Số định danh", "Số"], rows, title="Nhân khẩu")
    assert caught.value.code == "output.disk_full"
    assert list(tmp_path.iterdir()) == []
    del caught  # its traceback holds the half-written workbook
    gc.collect()
    assert [str(u.exc_value) for u in left_open] == []


def test_an_export_the_registers_disk_cannot_record_leaves_no_bundle_behind(
    tmp_path: Path,
    office: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The bundle went to the stick, then its line among the bundles sent met the register's
    full disk: the command says nothing was written, and no file is left to carry off as sent
    (before: it was, under a register id no later bundle carried)."""
    import sqlite3

    from desktop.store import replicas

    def full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(replicas, "log_bundle", full)
    out = tmp_path / "usb" / "sin-ho.camket"
    out.parent.mkdir()
    with as_pc(office[1]):
        assert main(["export", "--db", str(office[0]), "--out", str(out)]) == 2
    said = capsys.readouterr().err
    assert "Ổ đĩa đã đầy; chưa ghi gì" in said and "Traceback" not in said
    assert list(out.parent.iterdir()) == []
    with opened(*office) as reg:
        assert reg.db.execute("SELECT count(*) FROM bundle_log").fetchone() == (0,)


def test_export_since_a_bundle_onto_that_same_bundle_is_refused_and_keeps_it(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """ "--since lan-truoc.camket --out lan-truoc.camket" (the last bundle "brought up to
    date"): before, the full bundle was replaced by the changes after itself, which a
    receiver that never merged it refuses as a gap."""
    db, last = str(office[0]), tmp_path / "lan-truoc.camket"
    with as_pc(office[1]):
        assert main(["export", "--db", db, "--out", str(last)]) == 0
        before = last.read_bytes()
        capsys.readouterr()
        same = ["export", "--db", db, "--since", str(last)]
        assert main([*same, "--out", str(tmp_path / "." / last.name)]) == 2
        assert "vừa là tệp đã gửi trước (--since) vừa là tệp sẽ ghi ra" in capsys.readouterr().err
        assert last.read_bytes() == before
        assert main([*same, "--out", str(tmp_path / "thay-doi.camket")]) == 0


def test_a_batch_of_bundles_merges_alike_in_any_order(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(office[0])
    bundles = [str(tmp_path / f"b{n}.camket") for n in (1, 2, 3)]
    with as_pc(office[1]):
        assert main(["export", "--db", db, "--out", bundles[0]]) == 0
        for number, since in ((1, bundles[0]), (2, bundles[1])):
            at = f"0{number}/12/2026 21:30"
            assert (
                main(["tip", "add", "--db", db, "--at", at, "--place", "Mốc", "--about", "Lạ"]) == 0
            )
            assert main(["export", "--db", db, "--out", bundles[number], "--since", since]) == 0
    capsys.readouterr()
    merged = {}
    for order in (bundles, bundles[::-1]):
        pc = tmp_path / f"upper-{order[0][-8]}.sqlite3", tmp_path / "upper-data"
        with as_pc(pc[1]):
            assert main(["init", "--db", str(pc[0]), "--upper"]) == 0
            assert main(["merge", "--db", str(pc[0]), *order]) == 0
        merged[order[0]] = content(*pc)
    out = capsys.readouterr().out
    assert "b3.camket: 1 mới" in out and "b1.camket: 4 mới" in out
    first, second = merged.values()
    assert first == second


def test_merge_names_each_bundle_refused_for_the_register_not_the_file(
    tmp_path: Path,
    office: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A disk that fills while the second of two bundles is written: its refusal ("Ổ đĩa
    đã đầy") names no file of its own; before, the line on stderr did not say which bundle
    of the command was not merged."""
    import desktop.services.merge as merging

    first, second = _export(office, tmp_path / "mot.camket"), tmp_path / "hai.camket"
    second.write_bytes(first.read_bytes())
    apply = merging._apply

    def disk_fills(db: Any, bundle: Any, *args: Any) -> None:
        if bundle.source == second.name:
            raise KnownError("db.disk_full")
        apply(db, bundle, *args)

    monkeypatch.setattr(merging, "_apply", disk_fills)
    pc = tmp_path / "upper.sqlite3", tmp_path / "upper-data"
    with as_pc(pc[1]):
        assert main(["init", "--db", str(pc[0]), "--upper"]) == 0
        capsys.readouterr()
        assert main(["merge", "--db", str(pc[0]), str(first), str(second)]) == 2
    err = capsys.readouterr().err
    full = describe(KnownError("db.disk_full"))
    assert f"camket: hai.camket: {full}" in err.splitlines()


def _signed_again(bundle: Path, out: Path, change: Any) -> Path:
    """The bundle with entries passed through ``change(name, data)``, its hashes listed
    again and signed by a new installation of the sender's commune."""
    import base64
    import hashlib
    import json
    import uuid

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        for name in manifest["files"]:
            data = change(name, src.read(name))
            dst.writestr(name, data)
            manifest["files"][name] = {
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
            }
        manifest.update(
            installation_id=str(uuid.uuid4()), public_key=base64.b64encode(raw).decode()
        )
        body = json.dumps(manifest).encode("utf-8")
        dst.writestr("manifest.json", body)
        dst.writestr("manifest.sig", base64.b64encode(key.sign(body)))
    return out


def test_a_communes_bundle_cannot_rewrite_another_communes_informant_in_an_upper_register(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    from desktop.services import ledger
    from desktop.services.register import create_upper_register
    from desktop.store import tips as tip_store
    from tests.unit.test_informant_travel import INFORMANT, NOW, Tip

    with opened(*office) as reg:
        tip = Tip(SIN_HO, NOW, "Mốc 79", "Người lạ", INFORMANT[0], INFORMANT[1])
        tip_id = ledger.add_tip(reg, tip, NOW).id
    other = tmp_path / "binhlu.sqlite3", tmp_path / "binhlu-data"
    with as_pc(other[1]):
        create_register(other[0], BINH_LU, ["Bản Bình Lư"])
    post = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    with opened(*post) as reg:
        assert merge_bundle(reg, _export(office, tmp_path / "sinho.camket")).refused is None

    def add_their_tip(name: str, data: bytes) -> bytes:
        if name != "tables/tip.csv":
            return data
        text = data.decode("utf-8-sig")
        header = text.split("\r\n", 1)[0].split(",")
        values = {c: "" for c in header}
        values.update(id=tip_id, commune_code=BINH_LU, received_at="2026-12-05T06:00")
        values.update(place="Mốc 79", about="Người lạ", informant_name="Kẻ mạo danh")
        values.update(created_at="2025-07-01T00:00:00.000Z", updated_at="2025-07-01T00:00:00.000Z")
        values.update(rev="1", deleted="0", vv="{}", private_vv='"{""x"":9999}"')
        row = ",".join(values[c] for c in header)
        return ("\ufeff" + text + row + "\r\n").encode("utf-8")

    forged = _signed_again(
        _export(other, tmp_path / "binhlu.camket"), tmp_path / "f.camket", add_their_tip
    )
    refused = _refused(post, forged)
    assert refused.code == "bundle.tampered"
    with opened(*post) as reg:
        assert tip_store.get_tip(reg.db, tip_id).informant_name == INFORMANT[0]


def _entry_header_patched(bundle: Path, out: Path, entry: str, offset: int, value: int) -> Path:
    """The bundle with a 16-bit field of ``entry``'s local and central headers set to
    ``value``: ``offset`` in the local header (6 the flags, 8 the compression method); the
    central header holds the same field 2 bytes further."""
    data = bytearray(bundle.read_bytes())
    with zipfile.ZipFile(bundle) as zf:
        local = zf.getinfo(entry).header_offset
    data[local + offset : local + offset + 2] = value.to_bytes(2, "little")
    name = entry.encode()
    central = -1
    while (central := data.find(b"PK\x01\x02", central + 1)) >= 0:
        if data[central + 46 : central + 46 + len(name)] == name:
            data[central + offset + 2 : central + offset + 4] = value.to_bytes(2, "little")
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("entry", ["manifest.json", "tables/household.csv"])
def test_an_entry_a_zip_reader_cannot_open_is_refused_as_damaged_not_a_crash(
    tmp_path: Path, office: tuple[Path, Path], entry: str
) -> None:
    full = _export(office, tmp_path / "full.camket")
    deflate64 = _entry_header_patched(full, tmp_path / "deflate64.camket", entry, 8, 9)
    locked = _entry_header_patched(full, tmp_path / "password.camket", entry, 6, 1)
    for bundle in (deflate64, locked):
        refused = _refused(office, bundle)
        assert refused.code == "bundle.damaged"
        assert bundle.name in describe(refused)


def test_text_another_program_wrote_decomposed_is_stored_composed(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    import unicodedata

    from desktop.services.register import create_upper_register

    name = "Quàng Thị Ỷ Ẫn Ặng Ữ Ỡ Ợ"

    def decomposed(entry: str, data: bytes) -> bytes:
        if entry != "tables/hamlet.csv":
            return data
        text = data.decode("utf-8-sig").replace("Bản Nậm Tăm", name)
        return ("\ufeff" + unicodedata.normalize("NFD", text)).encode("utf-8")

    made = _signed_again(
        _export(office, tmp_path / "o.camket"), tmp_path / "nfd.camket", decomposed
    )
    post = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    for _ in range(2):  # the second time: nothing changes
        with opened(*post) as reg:
            result = merge_bundle(reg, made)
            assert result.refused is None
            hamlets = [n for (n,) in reg.db.execute("SELECT name FROM hamlet").fetchall()]
    assert hamlets == [name] and unicodedata.is_normalized("NFC", hamlets[0])
    assert result.total("unchanged") == result.total("new") + result.total("unchanged")


def test_a_receivers_key_file_mistyped_or_missing_is_refused_in_words_before_any_bundle(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    with opened(*office) as reg:
        recipient = register_keys(reg).age_recipient
    typo = tmp_path / "khoa-don.txt"
    typo.write_text(recipient[:-1] + ("q" if recipient[-1] != "q" else "p") + "\n", "utf-8")
    garbage = tmp_path / "rac.txt"
    garbage.write_text("xin chào\n", "utf-8")
    for key, code in (
        (typo, "export.bad_key_file"),
        (garbage, "export.bad_key_file"),
        (tmp_path / "khong-co.txt", "export.key_file_missing"),
    ):
        out = tmp_path / "gui.camket"
        with opened(*office) as reg, pytest.raises(KnownError) as refused:
            export_bundle(reg, out, to=key)
        assert refused.value.code == code
        said = describe(refused.value)
        assert key.name in said and "camket keys" in said
        assert "Errno" not in said and not out.exists()


@pytest.mark.parametrize(
    ("saved_as", "encoding"),
    [("UTF-8 with a byte order mark", "utf-8-sig"), ("Unicode", "utf-16")],
)
def test_a_receivers_key_saved_by_notepad_encrypts_the_bundle_for_it(
    tmp_path: Path, office: tuple[Path, Path], saved_as: str, encoding: str
) -> None:
    """The key copied from the receiving window and pasted into Notepad, saved "UTF-8" (with
    a byte order mark) or "Unicode" (UTF-16), with Windows line ends: the bundle is sealed
    for that register, not refused as a key mistyped."""
    laptop = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    first = _export(office, tmp_path / "first.camket")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], first)
    with opened(*laptop) as reg:
        recipient = register_keys(reg).age_recipient
    key = tmp_path / "khoa-may-xach-tay.txt"
    key.write_bytes(f"{recipient}\r\n".encode(encoding))
    sealed = _export(office, tmp_path / "sealed.camket", to=key)
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1"), saved_as
    with opened(*laptop) as reg:
        assert merge_bundle(reg, sealed).refused is None


def test_a_register_file_copied_to_another_pc_sends_changes_of_its_own_never_as_the_originals(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    import shutil

    from desktop.services.register import create_upper_register

    def rename_hamlet(pc: tuple[Path, Path], name: str) -> None:
        with opened(*pc) as reg:
            (hamlet_id,) = reg.db.execute("SELECT id FROM hamlet").fetchone()
            reg.writer.update("hamlet", hamlet_id, {"head_name": name})

    first = _export(office, tmp_path / "f0.camket")
    laptop = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    shutil.copy(office[0], laptop[0])  # copied on a USB stick, not made with init --from
    rename_hamlet(laptop, "Lò Văn Ưởng")
    with opened(*laptop) as reg, pytest.raises(KnownError) as foreign:
        export_bundle(reg, tmp_path / "l0.camket", since=first)  # the office's, not this PC's
    assert foreign.value.code == "export.since_foreign"
    with opened(*laptop) as reg:  # as the window offers it: among the bundles sent
        (seq,) = reg.db.execute("SELECT json_extract(summary, '$.seq') FROM bundle_log").fetchone()
        with pytest.raises(KnownError) as chosen:
            export_bundle(reg, tmp_path / "l0.camket", since_seq=seq)
    assert chosen.value.code == "export.since_foreign" and "f0.camket" in describe(chosen.value)
    whole = _export(laptop, tmp_path / "lf.camket")
    rename_hamlet(laptop, "Quàng Văn Ẩn")
    one = _export(laptop, tmp_path / "l1.camket", since=whole)
    rename_hamlet(laptop, "Lường Thị Ỷ")
    two = _export(laptop, tmp_path / "l2.camket", since=one)
    rename_hamlet(office, "Hoàng Văn Đức")
    theirs = _export(office, tmp_path / "o1.camket", since=first)

    post = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    with opened(*post) as reg:
        for bundle in (first, theirs, whole):
            assert merge_bundle(reg, bundle).refused is None
    assert _refused(post, two).code == "bundle.gap"  # l1 never came: not taken as complete
    with opened(*office) as reg:
        assert merge_bundle(reg, whole).refused is None
    assert _refused(office, two).code == "bundle.gap"


def test_a_workbook_or_a_folder_picked_by_mistake_is_said_to_be_no_bundle(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    from desktop.services.upload_sheet import export_sheet

    with opened(*office) as reg:
        export_sheet(reg, UploadSheet.HOUSEHOLDS, tmp_path / "ho.xlsx")
    workbook = tmp_path / "ho.camket"
    workbook.write_bytes((tmp_path / "ho.xlsx").read_bytes())  # a ZIP, but no bundle
    folder = tmp_path / "usb"
    folder.mkdir()
    for picked in (workbook, tmp_path / "ho.xlsx", folder):
        refused = _refused(office, picked)
        assert refused.code == "bundle.not_a_bundle"
        assert picked.name in describe(refused)


def _manifest_signed_again(bundle: Path, out: Path, **changes: Any) -> Path:
    """The bundle with its manifest's keys changed, signed by a new installation."""
    import base64
    import json
    import uuid

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        for name in manifest["files"]:
            dst.writestr(name, src.read(name))
        manifest.update(
            installation_id=str(uuid.uuid4()), public_key=base64.b64encode(raw).decode()
        )
        manifest.update(changes)
        body = json.dumps(manifest).encode("utf-8")
        dst.writestr("manifest.json", body)
        dst.writestr("manifest.sig", base64.b64encode(key.sign(body)))
    return out


def test_a_manifest_of_a_format_no_camket_writes_is_refused_as_unknown_not_newer(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    full = _export(office, tmp_path / "full.camket")
    assert _merged(office, _manifest_signed_again(full, tmp_path / "ok.camket"))
    for number, change in enumerate(
        [
            {"format_version": 0},
            {"format_version": "2"},
            {"format_version": True},
            {"kind": "partial"},
            {"register": "district"},
            {"communes": ["3478"]},
        ]
    ):
        odd = _manifest_signed_again(full, tmp_path / f"odd-{number}.camket", **change)
        refused = _refused(office, odd)
        assert refused.code == "bundle.unknown_format", change
        assert odd.name in describe(refused) and "mới hơn" not in describe(refused)
    newer = _manifest_signed_again(full, tmp_path / "newer.camket", format_version=99)
    assert _refused(office, newer).code == "bundle.newer_format"


def test_a_manifest_value_of_another_type_is_refused_in_words_not_a_crash(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    """Another program's manifest, signed, with a value of another type than the format's
    (a count written as text, files as a list): before, the merge stopped on a Python
    traceback (exit 1) wherever the value was first used, the other bundles unmerged."""
    full = _export(office, tmp_path / "full.camket")
    with zipfile.ZipFile(full) as zf:
        import json

        manifest = json.loads(zf.read("manifest.json"))
    people = manifest["files"]["tables/hamlet.csv"]
    for number, (key, value) in enumerate(
        [
            ("seq", "12"),
            ("seq", None),
            ("since_seq", -1),
            ("installation_id", ["a"]),
            ("sample", "no"),
            ("rows", "abc"),
            ("rows", {"hamlet": "1"}),
            ("files", sorted(manifest["files"])),
            ("files", {**manifest["files"], "tables/hamlet.csv": people["sha256"]}),
        ]
    ):
        odd = _manifest_signed_again(full, tmp_path / f"odd-{number}.camket", **{key: value})
        refused = _refused(office, odd)
        assert refused.code == "bundle.unknown_format", (key, value)
        assert key in describe(refused) and odd.name in describe(refused)


def test_a_manifest_lying_about_an_entrys_size_or_its_lines_is_refused_as_tampered(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    """The sizes and line counts a manifest signs are those of its entries: a count past
    the entry's bytes (2**40 lines: the window's progress bar overflowed) or a size the
    ZIP's directory does not have refuses the bundle whole."""
    full = _export(office, tmp_path / "full.camket")
    with zipfile.ZipFile(full) as zf:
        import json

        manifest = json.loads(zf.read("manifest.json"))
    hamlets = manifest["files"]["tables/hamlet.csv"]
    for number, change in enumerate(
        [
            {"rows": {**manifest["rows"], "hamlet": 2**40}},
            {"rows": {**manifest["rows"], "no_such_table": 3}},
            {"files": {**manifest["files"], "tables/hamlet.csv": {**hamlets, "size": 10**12}}},
            {"files": {**manifest["files"], "tables/hamlet.csv": {**hamlets, "size": 1}}},
        ]
    ):
        lying = _manifest_signed_again(full, tmp_path / f"lying-{number}.camket", **change)
        assert _refused(office, lying).code == "bundle.tampered", change


def _merged(pc: tuple[Path, Path], bundle: Path) -> bool:
    with opened(*pc) as reg:
        return merge_bundle(reg, bundle).refused is None


def test_an_entry_written_twice_into_a_bundle_is_refused_as_tampered(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    import warnings

    full = _export(office, tmp_path / "full.camket")
    twice = tmp_path / "twice.camket"
    with (
        zipfile.ZipFile(full) as src,
        zipfile.ZipFile(twice, "w") as dst,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        dst.writestr("tables/hamlet.csv", "\ufeffid\r\nnot signed\r\n")
        for name in src.namelist():
            dst.writestr(name, src.read(name))
    refused = _refused(office, twice)
    assert refused.code == "bundle.tampered" and "tables/hamlet.csv" in describe(refused)


def test_a_text_longer_than_pythons_csv_field_limit_is_read_and_refused_by_its_bound(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    # A pasted text of 150,000 characters: csv reads no field over 131,072 unless told; the
    # reader reads it whole and refuses it by the bound of its column (every text column
    # has one: docs/bundle-format.md), naming it, never with csv's own words.
    long_text = "Ghi chú dài của cán bộ phụ trách sổ. " * 4100
    full = _export(office, tmp_path / "full.camket")
    laptop = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], full)
    long_clerk = with_cell("commune", "clerk_name", long_text)
    hostile = resign(full, tmp_path / "can-bo.camket", office[1], long_clerk)
    assert len(long_text) > 131_072
    assert describe(_refused(laptop, hostile)) == (
        f"can-bo.camket: commune.csv, dòng 2: cột clerk_name (“Cán bộ phụ trách sổ”) dài"
        f" {len(long_text)} ký tự, quá 500 ký tự sổ giữ; không nhận gì từ tệp này."
    )


def test_init_refuses_options_that_belong_to_another_kind_of_register(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    full = str(_export(office, tmp_path / "full.camket"))
    made = str(tmp_path / "new.sqlite3")
    for kind, option in (
        (["--commune", SIN_HO], ["--province", "11"]),  # meant for an upper register
        (["--commune", SIN_HO], ["--name", "Đồn Biên phòng Sìn Hồ"]),
        (["--from", full], ["--province", "12"]),
        (["--from", full], ["--clerk", "Nguyễn Thị Hằng"]),  # the bundle's clerk comes
        (["--upper"], ["--hamlet", "Bản Nậm Tăm"]),  # an upper register has no hamlet
        (["--upper"], ["--border-post", "Đồn Sìn Hồ"]),
        (["--upper"], ["--template", "bien-gioi"]),
    ):
        with as_pc(tmp_path / "new-data"):
            assert main(["init", "--db", made, *kind, *option]) == 2, option
        said = capsys.readouterr().err
        assert option[0] in said and kind[0] in said
        assert not Path(made).exists()


def test_an_upper_register_that_merged_nothing_exports_no_bundle_every_reader_refuses(
    tmp_path: Path,
) -> None:
    from desktop.services.register import create_upper_register

    post = tmp_path / "post.sqlite3", tmp_path / "post-data"
    with as_pc(post[1]):
        create_upper_register(post[0], "Đồn Biên phòng Sìn Hồ", "12")
    out = tmp_path / "don.camket"
    with opened(*post) as reg, pytest.raises(KnownError) as nothing:
        export_bundle(reg, out)
    assert nothing.value.code == "export.no_commune" and not out.exists()


DEEP = "[" * 100_000 + "]" * 100_000  # JSON nested past Python's stack (json recurses)


def _with_cell(entry: str, column: str, value: str) -> Any:
    """A change for _signed_again: ``column`` of the first line of ``entry`` set to value."""

    def change(name: str, data: bytes) -> bytes:
        if name != entry:
            return data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        rows[1][rows[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    return change


def test_json_nested_past_pythons_stack_refuses_the_bundle_not_the_merge(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    """A manifest, a version vector or a waiting conflict of 200 KB of brackets: before,
    json's RecursionError stopped the merge on a traceback (exit 1) — for the manifest
    before any signature was checked, so any file named .camket did it — and the command's
    other bundles were not merged."""
    full = _export(office, tmp_path / "full.camket")
    unsigned = tmp_path / "deep.camket"
    with zipfile.ZipFile(unsigned, "w") as zf:
        zf.writestr("manifest.json", DEEP)
        zf.writestr("manifest.sig", "x")
    assert _refused(office, unsigned).code == "bundle.damaged"
    vector = _signed_again(
        full, tmp_path / "vv.camket", _with_cell("tables/hamlet.csv", "vv", DEEP)
    )
    assert _refused(office, vector).code == "bundle.bad_value"

    def waiting(name: str, data: bytes) -> bytes:
        if name != "conflicts.csv":
            return data
        return data + f'hamlet,h1,"{{""a"":1}}",{DEEP}\r\n'.encode()

    assert _refused(office, _signed_again(full, tmp_path / "c.camket", waiting)).code == (
        "bundle.damaged"
    )
