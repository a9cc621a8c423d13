"""The ledger's free text is bounded as it is typed, on the command line and in a bundle: a
pasted document (a 10 MB note) is refused naming the field, and nothing is written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.entities import Household, Person
from desktop.domain.errors import KnownError
from desktop.domain.movements import Guest, Movement, MovementKind
from desktop.messages import describe
from desktop.services import ledger
from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundle
from desktop.services.register import OpenRegister, create_from_bundle, create_register
from desktop.store import households as repo
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened, resign

TODAY = dt.date(2026, 12, 5)


def _counts(register: OpenRegister) -> tuple[int, int]:
    sql = "SELECT (SELECT count(*) FROM movement), (SELECT count(*) FROM tip)"
    counts: tuple[int, int] = register.db.execute(sql).fetchone()
    return counts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["movement", "add", "--kind", "tam-vang", "--person", "012080001234",
          "--from", "01/11/2026", "--reason", "x" * 501],
         "camket: “Lý do” dài 501 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."),
        (["movement", "add", "--kind", "luu-tru", "--guest", "Vương " * 100, "--host", "NT-001",
          "--from", "01/11/2026", "--until", "05/11/2026"],
         "camket: “Họ tên khách” dài 600 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."),
        (["tip", "add", "--at", "01/12/2026 10:00", "--place", "Mốc 79 " * 80,
          "--about", "Người lạ mặt"],
         "camket: “Nơi xảy ra” dài 560 ký tự, quá 500 ký tự sổ giữ; hãy viết gọn lại."),
    ],
)  # fmt: skip
def test_a_text_longer_than_the_ledger_keeps_is_refused_on_the_command_line(
    register: OpenRegister, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = _counts(register)
    assert main([*args, "--db", str(register.path)]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == message
    assert _counts(register) == before


def test_a_reason_as_long_as_the_ledger_keeps_is_written(
    register: OpenRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["movement", "add", "--db", str(register.path), "--kind", "tam-vang",
         "--person", "012080001234", "--from", "01/11/2026", "--reason", "x" * 500]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert register.db.execute("SELECT length(reason) FROM movement").fetchone() == (500,)


def test_a_note_of_a_movement_past_its_bound_is_refused_by_the_service(
    register: OpenRegister,
) -> None:
    person_id, household_id = ledger.find_person(register.db, "012080001234")
    movement = Movement(
        MovementKind.TAM_VANG, household_id, dt.date(2026, 11, 1), person_id=person_id,
        notes="Ghi chú. " * 600,
    )  # fmt: skip
    with pytest.raises(KnownError) as refused:
        ledger.add_movement(register, movement, TODAY)
    assert describe(refused.value) == (
        "“Ghi chú” dài 5400 ký tự, quá 5000 ký tự sổ giữ; hãy viết gọn lại."
    )
    assert _counts(register) == (0, 0)


def _with_long_note(name: str, data: bytes) -> bytes:
    """tables/movement.csv with every row's note replaced by 10 MB of text (hex digits, so
    the ZIP cannot pack it a thousand times and refuse it as a bomb first)."""
    if name != "tables/movement.csv":
        return data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    at = rows[0].index("notes")
    for row in rows[1:]:
        row[at] = os.urandom(5 * 1024 * 1024).hex()
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def test_a_bundle_with_a_10_mb_note_is_refused_naming_file_and_field(tmp_path: Path) -> None:
    office = tmp_path / "office.sqlite3", tmp_path / "office-data"
    laptop = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(office[1]):
        create_register(office[0], SIN_HO, ["Bản Nậm Tăm"])
    with opened(*office) as reg:
        household = Household(repo.list_hamlets(reg.db)[0].id, "NT-001")
        repo.add_household(reg.writer, household, [Person("", "Lò Văn Páo", "nam")])  # type: ignore[arg-type]
        guest = Movement(
            MovementKind.LUU_TRU, household.id, dt.date(2026, 12, 1),
            guest=Guest("Vương Lập Quân", nationality="Trung Quốc"), until=dt.date(2026, 12, 6),
        )  # fmt: skip
        ledger.add_movement(reg, guest, TODAY)
        export_bundle(reg, tmp_path / "full.camket")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "full.camket")
    hostile = resign(
        tmp_path / "full.camket", tmp_path / "ghi-chu-dai.camket", office[1], _with_long_note
    )
    before = content(*laptop)
    with opened(*laptop) as reg:
        refused = merge_bundle(reg, hostile).refused
    assert refused is not None and refused.code == "bundle.text_too_long"
    assert describe(refused) == (
        "ghi-chu-dai.camket: movement.csv, dòng 2: cột notes (“Ghi chú”) dài 10485760 ký tự,"
        " quá 5000 ký tự sổ giữ; không nhận gì từ tệp này."
    )
    assert content(*laptop) == before
