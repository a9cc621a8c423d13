"""`camket conflicts` words a conflict as the window does: tables and fields in Vietnamese,
another row by its household code or person's name (no row id), codes in words, days as
DD/MM/YYYY; `--json` stays machine-readable."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.entities import Household, Person
from desktop.domain.movements import Movement, MovementKind
from desktop.services import ledger
from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundle
from desktop.services.register import OpenRegister, create_from_bundle, create_register
from desktop.store import households as repo
from tests.unit.exchange_helpers import SIN_HO, as_pc, opened

UUID_PIECE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}|[0-9a-f]{4}-[0-9a-f]{12}")


def test_conflicts_are_printed_in_words_and_json_keeps_the_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = tmp_path / "office.sqlite3", tmp_path / "office-data"
    laptop = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(office[1]):
        create_register(office[0], SIN_HO, ["Bản Nậm Tăm", "Thôn Hồng Thu"])
    with opened(*office) as reg:
        tam, thu = repo.list_hamlets(reg.db)
        household = Household(tam.id, "NT-001")
        head = Person("", "Lò Văn Páo", "nam")  # type: ignore[arg-type]
        repo.add_household(reg.writer, household, [head])
        away = Movement(MovementKind.TAM_VANG, household.id, dt.date(2026, 11, 1), head.id)
        ledger.add_movement(reg, away, dt.date(2026, 12, 5))
        export_bundle(reg, tmp_path / "full.camket")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "full.camket")
    edits = {
        office: ("Văn phòng ghi", tam.id, "1980-03-04", "nam", "2026-11-02"),
        laptop: ("Máy xách tay ghi", thu.id, "1981-05", "nu", "2026-11-03"),
    }
    for pc, (address, hamlet_id, birth, gender, starts_on) in edits.items():
        with opened(*pc) as reg:
            reg.writer.update(
                "household", household.id, {"address": address, "hamlet_id": hamlet_id}
            )
            reg.writer.update("person", head.id, {"birth": birth, "gender": gender})
            reg.writer.update("movement", away.id, {"starts_on": starts_on})
    with opened(*laptop) as reg:
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*office) as reg:
        assert merge_bundle(reg, tmp_path / "laptop.camket").refused is None

    with as_pc(office[1]):
        assert main(["conflicts", "--db", str(office[0])]) == 0
    out = capsys.readouterr().out
    lines = [line.split(": ", 1)[1] if line.startswith("Xung đột") else line.strip()
             for line in out.splitlines()]  # fmt: skip
    with opened(*office) as reg:  # the version every PC shows now
        (ours,) = reg.db.execute("SELECT address FROM household").fetchone()
    theirs = ({"Văn phòng ghi", "Máy xách tay ghi"} - {ours}).pop()
    assert f"Địa chỉ: đang dùng “{ours}”, bản kia “{theirs}”" in lines
    assert (
        "Hộ NT-001" in lines and "Nhân khẩu Lò Văn Páo" in lines and "Biến động Lò Văn Páo" in lines
    )
    hamlets = {"Văn phòng ghi": "Bản Nậm Tăm", "Máy xách tay ghi": "Thôn Hồng Thu"}
    assert f"Thôn/bản: đang dùng “{hamlets[ours]}”, bản kia “{hamlets[theirs]}”" in lines
    assert any(line.startswith("Ngày sinh: ") and "04/03/1980" in line and "05/1981" in line
               for line in lines)  # fmt: skip
    assert any(line.startswith("Giới tính: ") and "“Nam”" in line and "“Nữ”" in line
               for line in lines)  # fmt: skip
    assert any(line.startswith("Từ ngày: ") and "02/11/2026" in line and "03/11/2026" in line
               for line in lines)  # fmt: skip
    assert not UUID_PIECE.search(out), out
    assert not re.search(r"\b(hamlet_id|address|birth|gender|starts_on|household|person)\b", out)

    with as_pc(office[1]):
        assert main(["conflicts", "--db", str(office[0]), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {item["table"] for item in items} == {"household", "person", "movement"}
    fields = {f["field"] for item in items for f in item["fields"]}
    assert {"address", "hamlet_id", "birth", "gender", "starts_on"} <= fields
    (house,) = (item for item in items if item["table"] == "household")
    assert house["row_id"] == household.id


def test_a_waiting_day_camket_cannot_read_is_worded_as_such_not_a_traceback(
    register: OpenRegister,
) -> None:
    """A version in the conflict queue holding 2020-02-30 (written by another program): `camket
    conflicts` words it as unreadable instead of stopping."""
    from desktop.cli.conflict_words import value_words

    words = value_words(register.db, "movement", "starts_on", "2020-02-30")
    assert words == "(không đọc được: 2020-02-30)"
