"""Rows stored before the bounds that no screen can repair (a deleted household's 6,000-character
note, a scan named "BB 10:30.pdf") no longer leave a register unable to send anything its peers
take: the export repairs them itself first, as audited edits of this PC, says so, and the
peer merges the bundle; a text the clerk can edit still stops the export, and an upper-level
register, which edits no commune's rows, names them and their commune instead."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.file_names import unique_file_name
from desktop.domain.pledges import AttachmentKind
from desktop.domain.text_bounds import cut_to_bound
from desktop.exchange.bundle_file import open_bundle
from desktop.services import checkin
from desktop.services.bundles import export_bundle
from desktop.services.conflicts import count_conflicts
from desktop.services.merge import merge_bundles
from desktop.services.pledges import pledge_for
from desktop.services.register import OpenRegister, create_from_bundle
from tests.unit.exchange_helpers import as_pc, content, demo_office, opened

NOTICE = (
    "CamKet đã tự sửa {n} ô không màn hình nào sửa được (ghi vào sổ bởi phiên bản cũ hay bị sửa"
    " ngoài CamKet) để máy nhận không từ chối tệp; mỗi lần sửa có ghi trong nhật ký:"
)


def _demo_with_a_deleted_long_note(tmp_path: Path) -> Path:
    """The brief's repro: a demo register whose first household was deleted holding a note
    of 6,000 characters (written as a register made before the bounds holds it)."""
    db = tmp_path / "t.sqlite3"
    assert main(["demo", "--db", str(db), "--households", "5", "--seed", "1"]) == 0
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE household SET notes = printf('%.6000c', 'x'), deleted = 1 WHERE rowid = 1"
        )
    conn.close()
    return db


def _merged_into_a_new_upper_register(tmp_path: Path, bundle: Path) -> Path:
    upper = tmp_path / "tinh.sqlite3"
    with as_pc(tmp_path / "tinh-data"):
        assert main(["init", "--db", str(upper), "--upper"]) == 0
        assert main(["merge", "--db", str(upper), str(bundle)]) == 0
    return upper


def test_a_deleted_households_too_long_note_is_cut_by_the_export_which_the_peer_merges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo_with_a_deleted_long_note(tmp_path)
    capsys.readouterr()
    out = tmp_path / "t.camket"
    assert main(["--db", str(db), "export", "--out", str(out)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[1:] == [
        NOTICE.format(n=1),
        "  hộ NH-0001 (đã xoá): Ghi chú: dài 6000 ký tự, đã tự cắt còn 5000",
    ]
    with sqlite3.connect(db) as conn:
        notes, deleted, rev = conn.execute(
            "SELECT notes, deleted, rev FROM household WHERE rowid = 1"
        ).fetchone()
        audit = conn.execute(
            "SELECT action, after FROM audit WHERE entity = 'household' ORDER BY seq DESC LIMIT 2"
        ).fetchall()
    conn.close()
    assert (notes, deleted, rev) == ("x" * 5000, 1, 2)  # a new version of the tombstone
    assert audit[0] == (
        "shorten_to_send",
        json.dumps({"column": "notes", "length": 6000, "maximum": 5000}),
    )
    assert audit[1][0] == "update"
    capsys.readouterr()
    upper = _merged_into_a_new_upper_register(tmp_path, out)
    assert "1 không đổi" not in capsys.readouterr().out
    with sqlite3.connect(upper) as conn:
        held = conn.execute("SELECT length(notes), deleted FROM household WHERE code = 'NH-0001'")
        assert held.fetchone() == (5000, 1)
    conn.close()
    # Once repaired, the next export has nothing to repair and says nothing of it.
    assert main(["--db", str(db), "export", "--out", str(tmp_path / "again.camket")]) == 0
    assert "tự sửa" not in capsys.readouterr().out


ODD_NAMES = ["BB 10:30.pdf", "Biên bản “hộ Páo”.pdf", 'Biên bản "hộ Páo".pdf', "scan. "]


def _scans_named(register: OpenRegister, tmp_path: Path, names: list[str]) -> None:
    """Scans of NT-001's pledge stored under ``names`` (as save_attachment kept them before
    b5cdc06, on Linux or macOS, where these are legal names)."""
    household_id = register.db.execute("SELECT id FROM household WHERE code = 'NT-001'").fetchone()
    pledge = pledge_for(register, household_id[0])
    for number, name in enumerate(names):
        scan = tmp_path / f"scan-{number}.pdf"
        scan.write_bytes(b"%PDF-1.4\n%" + bytes([number]) + b"\n%%EOF\n")
        kept = checkin.attach_file(register, pledge, AttachmentKind.SCAN, scan)
        with register.db.conn:
            register.db.execute("UPDATE attachment SET file_name = ? WHERE id = ?", [name, kept.id])


def test_attachments_named_as_no_plain_name_are_renamed_by_the_export_and_merged_by_the_peer(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _scans_named(register, tmp_path, [*ODD_NAMES, "BB 10_30.pdf"])
    out = tmp_path / "sinho.camket"
    assert main(["export", "--db", str(register.path), "--out", str(out)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[1:] == [
        NOTICE.format(n=3),
        "  tệp đính kèm cam kết của hộ NT-001: Tên tệp: “BB 10:30.pdf” đổi thành"
        " “BB 10_30 (2).pdf”",
        '  tệp đính kèm cam kết của hộ NT-001: Tên tệp: “Biên bản "hộ Páo".pdf” đổi thành'
        " “Biên bản _hộ Páo_.pdf”",
        "  tệp đính kèm cam kết của hộ NT-001: Tên tệp: “scan. ” đổi thành “scan”",
    ]
    bundle = open_bundle(out)
    try:
        names = sorted(row[6] for row in list(bundle.rows("attachment"))[1:])
    finally:
        bundle.close()
    assert names == sorted(
        [
            "BB 10_30 (2).pdf",
            "Biên bản “hộ Páo”.pdf",
            "Biên bản _hộ Páo_.pdf",
            "scan",
            "BB 10_30.pdf",
        ]
    )
    upper = _merged_into_a_new_upper_register(tmp_path, out)
    with sqlite3.connect(upper) as conn:
        held = sorted(r[0] for r in conn.execute("SELECT file_name FROM attachment"))
    conn.close()
    assert held == names


def test_a_text_the_clerk_can_edit_still_stops_the_export_and_nothing_is_repaired_meanwhile(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with register.db.conn:
        register.db.execute("UPDATE household SET notes = ? WHERE code = 'NT-001'", ["n" * 6000])
        register.db.execute(
            "UPDATE household SET notes = ?, deleted = 1 WHERE code = 'NT-002'", ["o" * 5200]
        )
    out = tmp_path / "sinho.camket"
    assert main(["export", "--db", str(register.path), "--out", str(out)]) == 2
    said = capsys.readouterr().err.splitlines()
    assert said[1:] == [
        "  hộ NT-001: Ghi chú: dài 6000 ký tự, quá 5000 ký tự sổ giữ; hãy viết gọn lại"
        " (sửa ở màn hình Hộ gia đình)"
    ]
    assert not out.exists()
    held = register.db.execute("SELECT length(notes) FROM household WHERE code = 'NT-002'")
    assert held.fetchone() == (5200,)  # cut with the export that sends it, and said so then


def test_an_upper_register_names_the_rows_and_their_commune_until_the_commune_sends_them_repaired(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commune = tmp_path / "t.sqlite3"
    assert main(["demo", "--db", str(commune), "--households", "5", "--seed", "1"]) == 0
    first = tmp_path / "first.camket"
    assert main(["--db", str(commune), "export", "--out", str(first)]) == 0
    upper = _merged_into_a_new_upper_register(tmp_path, first)
    # What an upper register merged before the bounds holds: a deleted household's long note.
    for path in (commune, upper):
        with sqlite3.connect(path) as conn:
            conn.execute(
                "UPDATE household SET notes = printf('%.6000c', 'x'), deleted = 1"
                " WHERE code = 'NH-0001'"
            )
        conn.close()
    code = sqlite3.connect(commune).execute("SELECT code FROM commune").fetchone()[0]
    capsys.readouterr()
    sent_up = tmp_path / "tinh.camket"
    with as_pc(tmp_path / "tinh-data"):
        assert main(["--db", str(upper), "export", "--out", str(sent_up)]) == 2
    said = capsys.readouterr().err.splitlines()
    assert said[0].startswith("camket: Chưa xuất: sổ có 1 ô của các xã gửi lên")
    assert said[1:] == [
        f"  hộ NH-0001 (đã xoá), xã {code}: Ghi chú: dài 6000 ký tự, quá 5000 ký tự tệp trao"
        " đổi mang được"
    ]
    assert not sent_up.exists()
    with as_pc(tmp_path / "tinh-data"):
        assert main(["check", "--fix", "--db", str(upper)]) == 1  # nothing it may repair
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "Không có ô nào cần CamKet tự sửa."
    assert f"  [LỖI] hộ NH-0001 (đã xoá), xã {code}: Ghi chú: dài 6000 ký tự" in "\n".join(said)
    # The commune's own export repairs it; merged above, the upper register sends again.
    again = tmp_path / "again.camket"
    assert main(["--db", str(commune), "export", "--out", str(again)]) == 0
    with as_pc(tmp_path / "tinh-data"):
        assert main(["merge", "--db", str(upper), str(again)]) == 0
        assert main(["--db", str(upper), "export", "--out", str(sent_up)]) == 0
    assert sent_up.exists()


def test_a_text_is_cut_between_letters_never_between_a_letter_and_its_mark() -> None:
    assert cut_to_bound("Lò Thị Hòa", 4) == "Lò T"
    assert cut_to_bound("Lo\u0300 Thi\u0323", 2) == "Lò"  # NFD stored: kept as NFC
    assert cut_to_bound("ab\u0301c", 2) == "a"  # b́ has no one letter in NFC: kept whole or not
    assert cut_to_bound("ngắn", 500) == "ngắn"


def test_a_plain_name_taken_in_the_household_gets_a_number_and_keeps_its_extension() -> None:
    assert unique_file_name("BB 10:30.pdf", []) == "BB 10_30.pdf"
    assert unique_file_name("BB 10:30.pdf", ["bb 10_30.PDF", "BB 10_30 (2).pdf"]) == (
        "BB 10_30 (3).pdf"
    )
    assert unique_file_name("scan. ", ["scan"]) == "scan (2)"
    long = unique_file_name("a" * 300 + ".pdf", ["a" * 251 + ".pdf"])
    assert long == "a" * 247 + " (2).pdf" and len(long) == 255


def test_check_says_the_export_repairs_them_itself_and_check_fix_repairs_them_now(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _scans_named(register, tmp_path, ["BB 10:30.pdf"])
    with register.db.conn:
        register.db.execute(
            "UPDATE household SET notes = ?, deleted = 1 WHERE code = 'NT-002'", ["o" * 5200]
        )
        register.db.execute(  # deleted with its members, as the app deletes a household
            "UPDATE person SET deleted = 1 WHERE household_id IN"
            " (SELECT id FROM household WHERE code = 'NT-002')"
        )
    assert main(["check", "--db", str(register.path)]) == 0  # warnings: nothing to do by hand
    said = [line for line in capsys.readouterr().out.splitlines() if "CamKet" in line]
    assert said == [
        "  [cảnh báo] hộ NT-002 (đã xoá): Ghi chú: dài 5200 ký tự, quá 5000 ký tự sổ giữ; không"
        " màn hình nào mở dòng này, nên CamKet tự cắt còn 5000 khi xuất (hoặc ngay: camket"
        " check --fix)",
        "  [cảnh báo] tệp đính kèm cam kết của hộ NT-001: Tên tệp: “BB 10:30.pdf” không phải tên"
        " tệp dùng được trên mọi máy; CamKet tự đổi thành tên dùng được khi xuất (hoặc ngay:"
        " camket check --fix)",
    ]
    assert main(["check", "--fix", "--db", str(register.path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        NOTICE.format(n=2),
        "  hộ NT-002 (đã xoá): Ghi chú: dài 5200 ký tự, đã tự cắt còn 5000",
        "  tệp đính kèm cam kết của hộ NT-001: Tên tệp: “BB 10:30.pdf” đổi thành “BB 10_30.pdf”",
    ]
    assert out[-1] == "0 lỗi, 0 cảnh báo"
    assert main(["check", "--fix", "--db", str(register.path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Không có ô nào cần CamKet tự sửa."


def test_two_pcs_holding_the_same_old_rows_repair_them_alike_and_meet_without_a_conflict(
    tmp_path: Path,
) -> None:
    office = demo_office(tmp_path, 6, seed=4)
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    first = tmp_path / "first.camket"
    with opened(*office) as reg:
        export_bundle(reg, first)
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], first)
    for pc in (office, laptop):  # both copies hold what was stored before the bounds
        with opened(*pc) as reg, reg.db.conn:
            reg.db.execute(
                "UPDATE household SET notes = ?, deleted = 1 WHERE rowid = 2", ["Lò Thị Hòa " * 500]
            )
    sent = {}
    for name, pc in (("office", office), ("laptop", laptop)):
        with opened(*pc) as reg:
            sent[name] = export_bundle(reg, tmp_path / f"{name}.camket")
    assert [len(s.repaired) for s in sent.values()] == [1, 1]
    with opened(*office) as reg:
        (took,) = merge_bundles(reg, [sent["laptop"].path])
        assert took.refused is None and count_conflicts(reg.db) == 0
    with opened(*laptop) as reg:
        (took,) = merge_bundles(reg, [sent["office"].path])
        assert took.refused is None and count_conflicts(reg.db) == 0
    assert content(*office) == content(*laptop)
