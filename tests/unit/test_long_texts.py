"""A register that already holds text longer than a bundle may carry (imported before the
bounds existed) is told so before any peer refuses its bundle: `camket check` lists each such
text (the household's code or the person's name, the field, its length and bound), and the
export refuses early with the same list instead of making a bundle every peer refuses whole;
once the texts are shortened, it exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.register import OpenRegister
from desktop.store import replicas

LISTED = [
    "  [LỖI] xã 03478 Xã Sìn Hồ: Cán bộ phụ trách sổ: dài 528 ký tự, quá 500 ký tự sổ giữ;"
    " hãy viết gọn lại (sửa ở màn hình Cài đặt)",
    "  [LỖI] hộ NT-001: Ghi chú: dài 6000 ký tự, quá 5000 ký tự sổ giữ; hãy viết gọn lại"
    " (sửa ở màn hình Hộ gia đình)",
    "  [LỖI] nhân khẩu Lò Thị Hòa Lò Thị Hòa Lò Thị Hòa Lò Thị Hòa Lò Thị Hòa Lò Th… (hộ"
    " NT-001): Họ và tên: dài 660 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại (sửa ở màn"
    " hình Hộ gia đình)",
    "  [LỖI] cam kết của hộ NT-001: Lý do: dài 700 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại"
    " (sửa ở màn hình Cam kết)",
]


def _stored_before_the_bounds(register: OpenRegister) -> None:
    """Texts written as a register made before the bounds holds them (straight to SQLite)."""
    with register.db.conn:
        register.db.execute("UPDATE household SET notes = ? WHERE code = 'NT-001'", ["n" * 6000])
        register.db.execute(
            "UPDATE person SET full_name = ? WHERE full_name = 'Lò Thị Hòa'", ["Lò Thị Hòa " * 60]
        )
        register.db.execute("UPDATE commune SET clerk_name = ?", ["Lò Thị Mai " * 48])
        household = register.db.execute("SELECT id FROM household WHERE code = 'NT-001'").fetchone()
        campaign = register.db.execute("SELECT id, template_version FROM campaign").fetchone()
        register.db.execute(
            "INSERT INTO pledge(id, household_id, campaign_id, template_version, status, reason,"
            " created_at, updated_at, updated_by, rev, deleted, vv)"
            " VALUES ('p-long', ?, ?, ?, 'tu_choi', ?, '2020-01-01T00:00:00.000Z',"
            " '2020-01-01T00:00:00.000Z', 'x', 1, 0, '{}')",
            [household[0], campaign[0], campaign[1], "r" * 700],
        )


def test_check_lists_each_text_a_bundle_could_not_carry(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    _stored_before_the_bounds(register)
    assert main(["check", "--db", str(register.path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if " dài " in line] == LISTED


def test_the_export_refuses_early_with_the_same_list_and_makes_no_file(
    register: OpenRegister, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _stored_before_the_bounds(register)
    out = tmp_path / "sinho.camket"
    assert main(["export", "--db", str(register.path), "--out", str(out)]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert said[0] == (
        "camket: Chưa xuất: sổ có 4 ô ghi bởi phiên bản cũ hay bị sửa ngoài CamKet, vì chúng mà"
        " máy nhận sẽ từ chối cả tệp. Hãy sửa từng ô như ghi bên cạnh (camket check liệt kê"
        " đủ) rồi xuất lại:"
    )
    assert said[1:] == [line.replace("  [LỖI] ", "  ") for line in LISTED]
    assert not out.exists()
    assert replicas.bundle_records(register.db) == []


def test_once_shortened_the_register_exports(register: OpenRegister, tmp_path: Path) -> None:
    _stored_before_the_bounds(register)
    with register.db.conn:
        register.db.execute("UPDATE household SET notes = 'Hộ nghèo'")
        register.db.execute(
            "UPDATE person SET full_name = 'Lò Thị Hòa' WHERE length(full_name) > 500"
        )
        register.db.execute("UPDATE commune SET clerk_name = 'Lò Thị Mai'")
        register.db.execute("UPDATE pledge SET reason = 'Đi làm xa'")
    assert export_bundle(register, tmp_path / "sinho.camket").rows["pledge"] == 1
