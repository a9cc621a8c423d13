"""No bundle CamKet writes is refused by a peer's CamKet for its content. A register may hold
values a peer's merge refuses (a date no one can read, a code CamKet does not know, a number
that is none, a NUL, a household code too long, a row of another commune or whose parent was
deleted by hand), left by an old version, damage or a hand-edit in a database tool. Each is
written here straight into SQLite, in a row no screen opens (deleted) and in a live one; the
export either repairs it itself (a row no screen opens, where a safe way exists), and the
peer merges the bundle, or refuses, naming the row, the field and what to do; never a bundle
the peer refuses."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.domain.entities import commune_id
from desktop.domain.errors import KnownError
from desktop.domain.pledges import AttachmentKind
from desktop.exchange.bundle_file import cells_as_read
from desktop.messages import describe, repair_lines
from desktop.services import checkin
from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundles
from desktop.services.pledges import pledge_for
from desktop.services.register import create_upper_register
from desktop.store.registry import TABLES, table
from desktop.store.replicas import rows_of, version_columns
from desktop.store.row_decoder import RowDecoder
from tests.unit.exchange_helpers import as_pc, demo_office, opened

STUCK = "không màn hình nào mở dòng này và CamKet không tự sửa được an toàn"
DAMAGED = "CamKet không đọc được ô này nên không màn hình nào sửa được"
_DAMAGED_END = (
    ": hãy khôi phục bản sao lưu từ trước khi ô bị ghi như vậy (camket backup list), hoặc gửi"
    " sổ cho người quản trị CamKet"
)


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
        "Ngày sinh: “1975-13-45” không phải ngày có thật trong các năm sổ giữ (sửa ở màn hình"
        " Hộ gia đình)",
    ),
    Kind(
        "a date of a year out of range",
        "person",
        "UPDATE person SET birth = '0001-01-01' WHERE rowid = {row}",
        "Ngày sinh: “0001-01-01” sổ không đọc được, đã xoá trống",
        "Ngày sinh: “0001-01-01” không phải ngày có thật trong các năm sổ giữ (sửa ở màn hình"
        " Hộ gia đình)",
    ),
    Kind(
        "a code with no default",
        "person",
        "UPDATE person SET gender = 'x' WHERE rowid = {row}",
        f"Giới tính: “x” không phải giá trị sổ đọc được; {STUCK}",
        "Giới tính: “x” không phải giá trị sổ đọc được (sửa ở màn hình Hộ gia đình)",
    ),
    Kind(
        "a code with a default",
        "person",
        "UPDATE person SET residence = 'abc' WHERE rowid = {row}",
        "Cư trú: “abc” sổ không đọc được, đã đặt lại “thuong_tru”",
        "Cư trú: “abc” không phải giá trị sổ đọc được (sửa ở màn hình Hộ gia đình)",
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
        "a flag a CHECK constraint holds to 0 or 1",
        "movement",
        "PRAGMA ignore_check_constraints = ON;"
        " UPDATE movement SET via_trail = 7 WHERE rowid = {row}",
        "Không qua cửa khẩu: “7” sổ không đọc được, đã đặt lại “0”",
        f"Không qua cửa khẩu: “7” không phải giá trị sổ đọc được; {DAMAGED}",
    ),
    Kind(
        "a row a CHECK constraint of two columns refuses",
        "movement",
        "PRAGMA ignore_check_constraints = ON;"
        " UPDATE movement SET person_id = NULL, guest_name = '' WHERE rowid = {row}",
        f"Người: “” không phải giá trị sổ đọc được; {DAMAGED}",
        f"Người: “” không phải giá trị sổ đọc được; {DAMAGED}",
    ),
    Kind(
        "a NUL in a note",
        "household",
        "UPDATE household SET notes = 'Hộ' || char(0) || 'nghèo' WHERE rowid = {row}",
        "Ghi chú: đã bỏ ký tự rỗng (NUL)",
        "Ghi chú: có ký tự rỗng (NUL), không phải chữ (sửa ở màn hình Hộ gia đình)",
    ),
    Kind(
        "a household code too long",
        "household",
        "UPDATE household SET code = code || '-' || printf('%.30c', 'X') WHERE rowid = {row}",
        "Mã hộ: “{code}-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX” đổi thành “{code}-XXXXXXXXXXXX”",
        "Mã hộ: dài 38 ký tự, quá 20 ký tự sổ giữ; hãy viết gọn lại (sửa ở màn hình Hộ gia đình)",
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
        "): Ngày sinh: “1980-02-30” không phải ngày có thật trong các năm sổ giữ (sửa ở màn"
        " hình Hộ gia đình)" in (line)
    )
    assert line.replace("  ", "  [LỖI] ", 1) in checked


_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-3, max_value=2**40),
    st.floats(allow_nan=False, width=32),
    st.binary(max_size=4),
    st.sampled_from(
        [
            "",
            "nam",
            "x",
            "thuong_tru",
            "1975",
            "1975-13",
            "1975-05",
            "2020-02-30",
            "2020-02-29",
            "0001-01-01",
            "2026-10-08T15:00",
            "2026-10-08T25:00",
            "2025-12-11T01:00:00+00:00",
            '{"a":1}',
            '{"a":1.5}',
            "{}",
            "nope",
            "Lo\u0300 Va\u0306n",
            "Lò Văn",
            "a\x00b",
            "x" * 501,
            "chua_in",
            "luu_tru",
        ]
    ),
    st.text(max_size=8),
)


@pytest.fixture(scope="module")
def stored_rows(
    office: tuple[Path, Path],
) -> dict[str, tuple[RowDecoder, list[tuple[object, ...]]]]:
    """Each synced table's decoder of a full bundle, and the office's rows as stored."""
    found = {}
    with opened(*office) as reg:
        for spec in TABLES:
            header = spec.bundle_columns(full=True)
            rows = list(rows_of(reg.db, spec, header))
            if rows:
                found[spec.name] = (RowDecoder(reg.db, spec, list(header), spec.name), rows)
    return found


@settings(max_examples=600, deadline=None)
@given(data=st.data())
def test_a_row_the_quick_look_passes_is_one_the_merge_decodes(
    stored_rows: dict[str, tuple[RowDecoder, list[tuple[object, ...]]]], data: st.DataObject
) -> None:
    """RowDecoder.sound, the early check's quick look at a row's stored values, never passes
    one whose bundle line the merge's decoder (or the bundle's reader) would refuse: a stored
    row with one or two of its values replaced by any value SQLite may hold."""
    decoder, rows = stored_rows[data.draw(st.sampled_from(sorted(stored_rows)))]
    row = list(data.draw(st.sampled_from(rows)))
    for _ in range(data.draw(st.integers(1, 2))):
        row[data.draw(st.integers(0, len(row) - 1))] = data.draw(_VALUES)
    cells, nul = cells_as_read(row)
    try:
        decoder.decoded(cells, 2)
        decoder.private(cells, 2)
    except KnownError:
        taken = False
    else:
        taken = not nul
    if decoder.sound(tuple(row)):
        assert taken, row
    event(f"quick look passes: {decoder.sound(tuple(row))}, merge takes: {taken}")


def test_a_version_waiting_in_the_conflict_queue_that_a_peer_refuses_stops_the_export(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    """Every bundle carries the conflict queue whole (conflicts.csv), which a peer holds to
    the same rules: a version that lost to an edit elsewhere before the bounds (a 6,000
    character note) is named for the person who settles it."""
    held = _holding(office, tmp_path, "")
    with opened(*held) as reg:
        spec = table("household")
        columns = version_columns(spec)
        row = reg.db.execute(
            f"SELECT {', '.join(columns)}, code FROM household WHERE rowid = 2"
        ).fetchone()
        data = dict(zip(columns, row[:-1], strict=True)) | {"notes": "n" * 6000}
        with reg.db.conn:
            reg.db.execute(
                "INSERT INTO conflict(id, tbl, row_id, vv, data, found_at)"
                " VALUES ('c1', 'household', ?, '{\"zz\":3}', ?, '2026-01-01T00:00:00Z')",
                [data["id"], json.dumps(data)],
            )
        with pytest.raises(KnownError) as refused:
            export_bundle(reg, tmp_path / "xa.camket")
    assert describe(refused.value).splitlines()[1:] == [
        f"  hộ {row[-1]} (bản chờ xem xét): Ghi chú: dài 6000 ký tự, quá 5000 ký tự tệp trao"
        " đổi mang được; đây là một bản đang chờ xem xét: hãy chọn bản giữ lại ở màn hình Trao"
        " đổi dữ liệu → Xung đột (camket conflicts)"
    ]
    assert not (tmp_path / "xa.camket").exists()


def test_check_fix_leaves_whole_a_row_that_also_holds_a_value_with_no_safe_repair(
    office: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deleted person whose birth no one can read and whose vector is none: the vector has
    no repair (an edit would need one), so check --fix touches neither and says what to do."""
    db, data = _holding(
        office,
        tmp_path,
        "UPDATE person SET deleted = 1, birth = '1975-13-45', vv = 'nope' WHERE rowid = 1",
    )
    with as_pc(data):
        assert main(["check", "--fix", "--db", str(db)]) == 1
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "Không có ô nào cần CamKet tự sửa."
    assert any("Phiên bản đồng bộ: “nope”" in line and line.startswith("  [LỖI]") for line in said)
    with sqlite3.connect(db) as conn:
        held = conn.execute("SELECT birth, vv FROM person WHERE rowid = 1").fetchone()
    conn.close()
    assert held == ("1975-13-45", "nope")


@pytest.mark.parametrize(
    ("stored", "said"),
    [
        (
            "UPDATE commune SET id = 'xa-cu'",
            "Mã dòng: “xa-cu” không phải giá trị sổ đọc được; {damaged}",
        ),
        (
            "UPDATE commune SET code = '3478'; UPDATE hamlet SET commune_code = '3478';"
            " UPDATE household SET commune_code = '3478'; UPDATE tip SET commune_code = '3478';"
            " UPDATE local_setting SET value = '3478' WHERE value = '03478'",
            "Xã: “3478” không phải giá trị sổ đọc được; {damaged}",
        ),
    ],
    ids=["another id", "the code's lost zero"],
)
def test_a_commune_row_a_reader_would_not_take_stops_the_export(
    office: tuple[Path, Path], tmp_path: Path, stored: str, said: str
) -> None:
    """A reader names a bundle's communes by their five-digit code and holds one row of each,
    under the id every installation gives it: a register whose commune row an old version or
    a database tool changed (Excel's lost zero, "3478") exports nothing, saying so."""
    held = _holding(office, tmp_path, stored)
    with opened(*held) as reg, pytest.raises(KnownError) as refused:
        export_bundle(reg, tmp_path / "xa.camket")
    (line,) = describe(refused.value).splitlines()[1:]
    assert line.startswith("  xã ") and line.endswith(said.format(damaged=DAMAGED) + _DAMAGED_END)


def test_an_attachment_whose_size_is_not_its_length_is_set_right_by_the_export(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    """A peer's merge writes an attachment's bytes only when its size is their length (a
    count no screen edits): the export sets it right itself, in any row, and the peer merges."""
    held = _holding(office, tmp_path, "")
    scan = tmp_path / "bb.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with opened(*held) as reg:
        (household_id,) = reg.db.execute("SELECT id FROM household WHERE rowid = 2").fetchone()
        kept = checkin.attach_file(reg, pledge_for(reg, household_id), AttachmentKind.SCAN, scan)
        with reg.db.conn:
            reg.db.execute("UPDATE attachment SET size = 99999 WHERE id = ?", [kept.id])
        bundle = tmp_path / "xa.camket"
        summary = export_bundle(reg, bundle)
        (said,) = repair_lines(summary.repaired)[1:]
        held_size = reg.db.execute("SELECT size FROM attachment WHERE id = ?", [kept.id])
        assert held_size.fetchone() == (15,)
    assert said.endswith(": Dung lượng: “99999” đổi thành “15”")
    _peer_merges(tmp_path, bundle)


def test_a_second_live_commune_of_a_commune_register_stops_the_export_naming_it(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    """A commune register's bundle names each live commune it holds; a second one (a row
    written by a database tool) makes every commune register refuse the bundle as another
    commune's: the export writes nothing and names the commune, as `camket check` does."""
    stray = commune_id("01273")
    held = _holding(
        office,
        tmp_path,
        "CREATE TEMP TABLE c AS SELECT * FROM commune;"
        f" UPDATE c SET id = '{stray}', code = '01273', name = 'Xã Pa Tần';"
        " INSERT INTO commune SELECT * FROM c",
    )
    bundle = tmp_path / "xa.camket"
    with opened(*held) as reg, pytest.raises(KnownError) as refused:
        export_bundle(reg, bundle)
    assert not bundle.exists()
    (line,) = describe(refused.value).splitlines()[1:]
    assert line == (
        "  xã 01273 Xã Pa Tần: Xã: sổ này là sổ của xã 03478 nhưng giữ thêm xã này; máy"
        f" nhận là sổ xã sẽ từ chối cả tệp gửi như dữ liệu của xã khác; {STUCK}{_DAMAGED_END}"
    )


@pytest.mark.parametrize("gone", [True, False], ids=["removed", "kept"])
def test_an_attachment_larger_than_a_bundle_carries_stops_the_export_naming_it(
    office: tuple[Path, Path], tmp_path: Path, gone: bool
) -> None:
    """A reader refuses a bundle holding a file over 10 MiB (bundle.too_large), and CamKet
    cannot make a stored scan smaller: an attachment written so large by a database tool or
    an old version, kept or removed (its tombstone carries its bytes), stops the export
    before it writes anything, naming the household and saying what to do."""
    held = _holding(office, tmp_path, "")
    scan = tmp_path / "bb.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with opened(*held) as reg:
        (household_id, code) = reg.db.execute(
            "SELECT id, code FROM household WHERE rowid = 2"
        ).fetchone()
        kept = checkin.attach_file(reg, pledge_for(reg, household_id), AttachmentKind.SCAN, scan)
        if gone:
            checkin.remove_attachment(reg, kept.id)
        with reg.db.conn:
            reg.db.execute(
                "UPDATE attachment SET bytes = zeroblob(13212058), size = 13212058 WHERE id = ?",
                [kept.id],
            )
        bundle = tmp_path / "xa.camket"
        with pytest.raises(KnownError) as refused:
            export_bundle(reg, bundle)
    assert not bundle.exists()
    (line,) = describe(refused.value).splitlines()[1:]
    assert line == (
        f"  tệp đính kèm cam kết của hộ {code}{' (đã xoá)' if gone else ''}: Tệp: tệp nặng"
        " 12,6 MB, quá 10 MB mà một tệp gửi đi được (máy nhận từ chối cả tệp gửi); CamKet"
        f" không thu nhỏ được tệp đã lưu: hãy khôi phục bản sao lưu từ trước khi tệp được ghi"
        " vào sổ (camket backup list), hoặc gửi sổ cho người quản trị CamKet"
    )
