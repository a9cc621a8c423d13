"""No bundle CamKet writes is refused by a peer's CamKet for its content. A register may hold
values a peer's merge refuses (a date no one can read, a code CamKet does not know, a number
that is none, a NUL, a household code too long, a row of another commune or whose parent was
deleted by hand), left by an old version, damage or a hand-edit in a database tool. Each is
written here straight into SQLite, in a row no screen opens (deleted) and in a live one; the
export either repairs it itself (a row no screen opens, where a safe way exists), and the
peer merges the bundle, or refuses, naming the row, the field and what to do; never a bundle
the peer refuses."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.errors import KnownError
from desktop.messages import describe, repair_lines
from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundles
from desktop.services.register import create_upper_register
from tests.unit.exchange_helpers import as_pc, demo_office, opened

STUCK = "không màn hình nào mở dòng này và CamKet không tự sửa được an toàn"
DAMAGED = "CamKet không đọc được ô này nên không màn hình nào sửa được"


@dataclass(frozen=True)
class Kind:
    """One kind of value a peer refuses: the UPDATE that stores it in row {row} of its table
    (SQL over that rowid), and what the export says of it in a row no screen opens (deleted)
    and in a live one: the line's end after the row's name."""

    name: str
    table: str
    sql: str
    gone: str
    live: str


KINDS = [
    Kind(
        "a date no one can read",
        "person",
        "UPDATE person SET birth = '1975-13-45' WHERE rowid = {row}",
        "Ngày sinh: “1975-13-45” sổ không đọc được, đã xoá trống",
        f"Ngày sinh: “1975-13-45” không phải ngày có thật trong các năm sổ giữ; {DAMAGED}",
    ),
    Kind(
        "a date of a year out of range",
        "person",
        "UPDATE person SET birth = '0001-01-01' WHERE rowid = {row}",
        "Ngày sinh: “0001-01-01” sổ không đọc được, đã xoá trống",
        "Ngày sinh: “0001-01-01” không phải ngày có thật trong các năm sổ giữ (sửa ở màn hình"
        " Số hộ)",
    ),
    Kind(
        "a code with no default",
        "person",
        "UPDATE person SET gender = 'x' WHERE rowid = {row}",
        f"Giới tính: “x” không phải giá trị sổ đọc được; {STUCK}",
        f"Giới tính: “x” không phải giá trị sổ đọc được; {DAMAGED}",
    ),
    Kind(
        "a code with a default",
        "person",
        "UPDATE person SET residence = 'abc' WHERE rowid = {row}",
        "Cư trú: “abc” sổ không đọc được, đã đặt lại “thuong_tru”",
        f"Cư trú: “abc” không phải giá trị sổ đọc được; {DAMAGED}",
    ),
    Kind(
        "a number that is none",
        "person",
        "UPDATE person SET position = 'hai' WHERE rowid = {row}",
        "Thứ tự: “hai” sổ không đọc được, đã đặt lại “0”",
        f"Thứ tự: “hai” không phải giá trị sổ đọc được; {DAMAGED}",
    ),
    Kind(
        "a date of a pledge",
        "pledge",
        "UPDATE pledge SET signed_on = '31/12/2024' WHERE rowid = {row}",
        "Ngày ký: “31/12/2024” sổ không đọc được, đã xoá trống",
        f"Ngày ký: “31/12/2024” không phải ngày có thật trong các năm sổ giữ; {DAMAGED}",
    ),
    Kind(
        "a date a row needs",
        "movement",
        "UPDATE movement SET starts_on = '2020-02-30' WHERE rowid = {row}",
        f"Từ ngày: “2020-02-30” không phải ngày có thật trong các năm sổ giữ; {STUCK}",
        f"Từ ngày: “2020-02-30” không phải ngày có thật trong các năm sổ giữ; {DAMAGED}",
    ),
    Kind(
        "a number of a tip",
        "tip",
        "UPDATE tip SET people_count = 2.5 WHERE rowid = {row}",
        "Số người: “2.5” sổ không đọc được, đã xoá trống",
        f"Số người: “2.5” không phải giá trị sổ đọc được; {DAMAGED}",
    ),
    Kind(
        "a NUL in a note",
        "household",
        "UPDATE household SET notes = 'Hộ' || char(0) || 'nghèo' WHERE rowid = {row}",
        "Ghi chú: đã bỏ ký tự rỗng (NUL)",
        "Ghi chú: có ký tự rỗng (NUL), không phải chữ (sửa ở màn hình Số hộ)",
    ),
    Kind(
        "a household code too long",
        "household",
        "UPDATE household SET code = code || '-' || printf('%.30c', 'X') WHERE rowid = {row}",
        "Mã hộ: “{code}-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX” đổi thành “{code}-XXXXXXXXXXXX”",
        "Mã hộ: dài 38 ký tự, quá 20 ký tự sổ giữ; hãy viết gọn lại (sửa ở màn hình Số hộ)",
    ),
    Kind(
        "a version vector that is none",
        "household",
        "UPDATE household SET vv = 'nope' WHERE rowid = {row}",
        f"Phiên bản đồng bộ: “nope” không phải giá trị sổ đọc được; {DAMAGED}",
        f"Phiên bản đồng bộ: “nope” không phải giá trị sổ đọc được; {DAMAGED}",
    ),
    Kind(
        "a row of another commune",
        "household",
        "UPDATE household SET commune_code = '01273' WHERE rowid = {row}",
        f"Xã: thuộc xã 01273, không phải xã nào của sổ này; {DAMAGED}",
        f"Xã: thuộc xã 01273, không phải xã nào của sổ này; {DAMAGED}",
    ),
    Kind(
        "a row whose parent was deleted by hand",
        "movement",
        "UPDATE movement SET household_id = 'xoá tay' WHERE rowid = {row}",
        f"Hộ: trỏ đến một dòng không còn trong sổ (bị xoá ngoài CamKet); {DAMAGED}",
        f"Hộ: trỏ đến một dòng không còn trong sổ (bị xoá ngoài CamKet); {DAMAGED}",
    ),
]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A commune's register of demo households (people, pledges, movements, tips)."""
    return demo_office(tmp_path_factory.mktemp("office"), 8, seed=3)


def _holding(office: tuple[Path, Path], tmp_path: Path, sql: str) -> tuple[Path, Path]:
    """A copy of the office's register with ``sql`` run on it as a database tool runs it
    (no foreign keys, no CamKet)."""
    path, folder = tmp_path / "office.sqlite3", tmp_path / "office-data"
    shutil.copy(office[0], path)
    shutil.copytree(office[1], folder)
    with sqlite3.connect(path) as conn:
        conn.executescript(sql)
    conn.close()
    return path, folder


def _peer_merges(tmp_path: Path, bundle: Path) -> None:
    """A fresh upper-level register merges the bundle: no peer refuses it."""
    upper, folder = tmp_path / "tinh.sqlite3", tmp_path / "tinh-data"
    with as_pc(folder):
        create_upper_register(upper, "Bộ Chỉ huy BĐBP tỉnh Lai Châu")
    with opened(upper, folder) as reg:
        (merged,) = merge_bundles(reg, [bundle])
    assert merged.refused is None, describe(merged.refused)


def _label(path: Path, table: str, row: int) -> str:
    """What the export names the row by, as a clerk knows it."""
    with sqlite3.connect(path) as conn:
        if table == "person":
            name, code = conn.execute(
                "SELECT p.full_name, h.code FROM person p JOIN household h"
                " ON h.id = p.household_id WHERE p.rowid = ?",
                [row],
            ).fetchone()
            label = f"nhân khẩu {name} (hộ {code})"
        elif table == "tip":
            (at,) = conn.execute("SELECT received_at FROM tip WHERE rowid = ?", [row]).fetchone()
            label = f"tin báo lúc {at[:16]}"
        else:
            entity = {"household": "hộ", "pledge": "cam kết của hộ", "movement": "biến động của hộ"}
            joined = "h.rowid = t.rowid" if table == "household" else "h.id = t.household_id"
            (code,) = conn.execute(
                f"SELECT coalesce(h.code, '?') FROM [{table}] t LEFT JOIN household h ON {joined}"
                " WHERE t.rowid = ?",
                [row],
            ).fetchone()
            label = f"{entity[table]} {code}"
    conn.close()
    return label


@pytest.mark.parametrize("gone", [True, False], ids=["deleted row", "live row"])
@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_the_export_repairs_or_refuses_and_never_writes_a_bundle_a_peer_refuses(
    office: tuple[Path, Path], tmp_path: Path, kind: Kind, gone: bool
) -> None:
    row = 1 if gone else 2
    with sqlite3.connect(office[0]) as conn:  # the code of the household of row 1 or 2
        (code,) = conn.execute("SELECT code FROM household WHERE rowid = ?", [row]).fetchone()
    conn.close()
    stored = kind.sql.format(row=row)
    if gone:  # no screen opens it (a deleted row, as CamKet deletes it: a tombstone)
        stored = f"UPDATE [{kind.table}] SET deleted = 1 WHERE rowid = {row}; {stored}"
    held = _holding(office, tmp_path, stored)
    label = _label(held[0], kind.table, row) + (" (đã xoá)" if gone else "")
    bundle = tmp_path / "xa.camket"
    with opened(*held) as reg:
        try:
            summary = export_bundle(reg, bundle)
        except KnownError as err:
            refused: KnownError | None = err
        else:
            refused = None
    expected = (kind.gone if gone else kind.live).format(code=code)
    if refused is None:
        assert gone and STUCK not in expected and DAMAGED not in expected, kind.name
        lines = repair_lines(summary.repaired)
        assert lines[1:] == [f"  {label}: {expected}"]
        _peer_merges(tmp_path, bundle)
    else:
        assert refused.code == "export.unsendable"
        said = describe(refused).splitlines()
        assert said[0].startswith("Chưa xuất: sổ có 1 ô ")
        (line,) = said[1:]
        assert line.startswith(f"  {label}: {expected}"), line
        assert not bundle.exists()


def _stored_by_an_old_version(tmp_path: Path, office: tuple[Path, Path], live: bool) -> Path:
    """Deleted rows holding what a peer refuses and CamKet repairs (and, ``live``, a live
    person's birth no one can read)."""
    sql = """
        UPDATE household SET deleted = 1, notes = 'a' || char(0) WHERE rowid = 1;
        UPDATE person SET deleted = 1, birth = '1975-13-45', residence = '?' WHERE rowid = 1;
        UPDATE tip SET deleted = 1, people_count = 'nhiều' WHERE rowid = 1;
    """
    if live:
        sql += (
            "UPDATE person SET birth = '1980-02-30' WHERE rowid = (SELECT max(rowid) FROM person);"
        )
    path, _folder = _holding(office, tmp_path, sql)
    return path


def test_the_command_repairs_them_the_peer_merges_and_check_fix_had_said_the_same(
    office: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _stored_by_an_old_version(tmp_path, office, live=False)
    data = tmp_path / "office-data"
    with as_pc(data):
        assert main(["check", "--db", str(db)]) == 0  # warnings: the export repairs them
    warned = [line for line in capsys.readouterr().out.splitlines() if "CamKet tự" in line]
    assert len(warned) == 4
    assert all(
        line.startswith("  [cảnh báo] ")
        and line.endswith(" khi xuất (hoặc ngay: camket check --fix)")
        for line in warned
    )
    bundle = tmp_path / "xa.camket"
    with as_pc(data):
        assert main(["--db", str(db), "export", "--out", str(bundle)]) == 0
    said = capsys.readouterr().out.splitlines()[1:]
    assert said[0].startswith("CamKet đã tự sửa 4 ô")
    assert [line.split(": ", 1)[1] for line in said[1:]] == [
        "Ghi chú: đã bỏ ký tự rỗng (NUL)",
        "Ngày sinh: “1975-13-45” sổ không đọc được, đã xoá trống",
        "Cư trú: “?” sổ không đọc được, đã đặt lại “thuong_tru”",
        "Số người: “nhiều” sổ không đọc được, đã xoá trống",
    ]
    upper, folder = tmp_path / "tinh.sqlite3", tmp_path / "tinh-data"
    with as_pc(folder):
        assert main(["init", "--db", str(upper), "--upper"]) == 0
        assert main(["merge", "--db", str(upper), str(bundle)]) == 0
    # `camket check --fix` on a copy held as before says the same repairs, in the same words.
    (tmp_path / "again").mkdir()
    again = _stored_by_an_old_version(tmp_path / "again", office, live=False)
    capsys.readouterr()
    with as_pc(tmp_path / "again" / "office-data"):
        assert main(["check", "--fix", "--db", str(again)]) == 0
    assert capsys.readouterr().out.splitlines()[: len(said)] == said


def test_a_live_value_stops_the_command_s_export_and_check_names_it_alike(
    office: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _stored_by_an_old_version(tmp_path, office, live=True)
    bundle = tmp_path / "xa.camket"
    with as_pc(tmp_path / "office-data"):
        assert main(["--db", str(db), "export", "--out", str(bundle)]) == 2
        refused = capsys.readouterr().err.splitlines()
        assert not bundle.exists()
        with sqlite3.connect(db) as conn:  # the export refused: nothing repaired meanwhile
            held = conn.execute("SELECT birth FROM person WHERE rowid = 1").fetchone()
        conn.close()
        assert held == ("1975-13-45",)
        assert main(["check", "--fix", "--db", str(db)]) == 1
    checked = capsys.readouterr().out.splitlines()
    (line,) = refused[1:]
    assert (
        f"): Ngày sinh: “1980-02-30” không phải ngày có thật trong các năm sổ giữ; {DAMAGED}"
        in (line)
    )
    assert line.replace("  ", "  [LỖI] ", 1) in checked
