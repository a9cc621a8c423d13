"""A tip's informant leaves the register only in a full bundle; an incremental bundle never
blanks it at the receiver, and a later full bundle still brings it (issue 9 §4)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.tips import Tip
from desktop.services import ledger
from desktop.services.bundles import export_bundle
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle, create_register
from desktop.store import tips as tip_store
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened

NOW = dt.datetime(2026, 12, 5, 9, 0)
INFORMANT = ("Lò Văn Pọm", "0912345678")


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    folder, path = tmp_path / "office-data", tmp_path / "office.sqlite3"
    with as_pc(folder):
        create_register(path, SIN_HO, ["Bản Nậm Tăm"])
    return path, folder


def _export(pc: tuple[Path, Path], out: Path, since: Path | None = None) -> Path:
    with opened(*pc) as reg:
        export_bundle(reg, out, since=since)
    return out


def _merge(pc: tuple[Path, Path], bundle: Path):  # type: ignore[no-untyped-def]
    with opened(*pc) as reg:
        result = merge_bundle(reg, bundle)
    assert result.refused is None
    return result


def _add_tip(pc: tuple[Path, Path], name: str = "", phone: str = "") -> str:
    with opened(*pc) as reg:
        tip = Tip(
            commune_code=SIN_HO,
            received_at=NOW - dt.timedelta(hours=3),
            place="Mốc 79",
            about="Người lạ mặt",
            informant_name=name,
            informant_phone=phone,
        )
        return ledger.add_tip(reg, tip, NOW).id


def _edit_tip(pc: tuple[Path, Path], tip_id: str, **changes: object) -> None:
    with opened(*pc) as reg:
        tip = tip_store.get_tip(reg.db, tip_id)
        for name, value in changes.items():
            setattr(tip, name, value)
        ledger.update_tip(reg, tip, NOW)


def _informant(pc: tuple[Path, Path], tip_id: str) -> tuple[str, str]:
    with opened(*pc) as reg:
        tip = tip_store.get_tip(reg.db, tip_id)
        return tip.informant_name, tip.informant_phone


def _laptop(tmp_path: Path, office: tuple[Path, Path], name: str) -> tuple[Path, Path]:
    full = _export(office, tmp_path / f"{name}-start.camket")
    laptop = tmp_path / f"{name}.sqlite3", tmp_path / f"{name}-data"
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], full)
    return laptop


def _tip_csv(bundle: Path) -> str:
    return zipfile.ZipFile(bundle).read("tables/tip.csv").decode("utf-8-sig")


def test_an_incremental_bundle_carries_the_tip_without_its_informant(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    first = _export(office, tmp_path / "o1.camket")
    _add_tip(office, *INFORMANT)
    changes = _export(office, tmp_path / "o2.camket", since=first)
    text = _tip_csv(changes)
    assert "Mốc 79" in text
    assert INFORMANT[0] not in text and INFORMANT[1] not in text
    header = next(iter(io.StringIO(text))).strip().split(",")
    assert "informant_name" not in header and "informant_phone" not in header
    everything = zipfile.ZipFile(changes)
    for name in everything.namelist():
        assert INFORMANT[1].encode() not in everything.read(name), name

    full = _export(office, tmp_path / "o3.camket")
    assert INFORMANT[0] in _tip_csv(full) and INFORMANT[1] in _tip_csv(full)


def test_a_tip_first_seen_in_an_incremental_bundle_gets_its_informant_from_a_full_one(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    laptop = _laptop(tmp_path, office, "laptop")
    first = _export(office, tmp_path / "o1.camket")
    tip_id = _add_tip(office, *INFORMANT)
    changes = _export(office, tmp_path / "o2.camket", since=first)
    assert _merge(laptop, changes).total("new") == 1
    assert _informant(laptop, tip_id) == ("", "")  # not sent: the laptop does not know it
    again = _merge(laptop, changes)
    assert (again.total("new"), again.total("updated")) == (0, 0)

    later = _merge(laptop, _export(office, tmp_path / "o3.camket"))
    assert later.counts["tip"].updated == 1
    assert _informant(laptop, tip_id) == INFORMANT
    assert content(*laptop) == content(*office)


def test_an_incremental_bundle_never_blanks_the_informant_at_the_receiver(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    tip_id = _add_tip(office, *INFORMANT)
    laptop = _laptop(tmp_path, office, "laptop")  # the laptop holds the informant
    first = _export(office, tmp_path / "o1.camket")
    _edit_tip(office, tip_id, outcome="Đã xác minh", handed_to="Đồn Biên phòng Ma Lù Thàng")
    result = _merge(laptop, _export(office, tmp_path / "o2.camket", since=first))
    assert result.counts["tip"].updated == 1
    with opened(*laptop) as reg:
        tip = tip_store.get_tip(reg.db, tip_id)
    assert (tip.outcome, (tip.informant_name, tip.informant_phone)) == ("Đã xác minh", INFORMANT)
    assert content(*laptop) == content(*office)


def test_a_corrected_informant_reaches_the_other_pc_in_the_next_full_bundle_only(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    tip_id = _add_tip(office, *INFORMANT)
    laptop = _laptop(tmp_path, office, "laptop")
    first = _export(office, tmp_path / "o1.camket")
    _edit_tip(office, tip_id, informant_name="Lò Thị Xuân")
    _merge(laptop, _export(office, tmp_path / "o2.camket", since=first))
    assert _informant(laptop, tip_id) == INFORMANT  # the correction was not sent
    # The laptop edits the tip meanwhile and sends everything back: its older informant,
    # from before the correction, does not undo it at the office.
    _edit_tip(laptop, tip_id, outcome="Đang xác minh")
    _merge(office, _export(laptop, tmp_path / "l1.camket"))
    assert _informant(office, tip_id) == ("Lò Thị Xuân", INFORMANT[1])

    _merge(laptop, _export(office, tmp_path / "o3.camket"))
    assert _informant(laptop, tip_id) == ("Lò Thị Xuân", INFORMANT[1])
    assert content(*laptop) == content(*office)
    with opened(*laptop) as reg:
        assert reg.db.execute("SELECT count(*) FROM conflict").fetchone()[0] == 0


def test_an_anonymous_tip_made_named_on_one_pc_while_the_other_edits_keeps_the_name(
    tmp_path: Path, office: tuple[Path, Path]
) -> None:
    tip_id = _add_tip(office)
    laptop = _laptop(tmp_path, office, "laptop")
    _edit_tip(office, tip_id, informant_name=INFORMANT[0])
    _edit_tip(laptop, tip_id, outcome="Đã chuyển")  # concurrent with the naming
    _merge(office, _export(laptop, tmp_path / "l1.camket"))
    _merge(laptop, _export(office, tmp_path / "o1.camket"))
    assert _informant(office, tip_id)[0] == INFORMANT[0]
    assert _informant(laptop, tip_id)[0] == INFORMANT[0]
    assert content(*laptop) == content(*office)


def test_the_informant_reaches_no_log_spreadsheet_report_listing_or_incremental_bundle(
    tmp_path: Path, office: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(office[0])
    secrets = ("Vàng Seo Lùng", "0987654321")
    outputs: list[str] = []
    with as_pc(office[1]):
        assert main(["export", "--db", db, "--out", str(tmp_path / "o1.camket")]) == 0
        at = (NOW - dt.timedelta(days=1)).strftime("%d/%m/%Y %H:%M")
        tip = ["tip", "add", "--db", db, "--at", at, "--place", "Mốc 79", "--about", "Người lạ"]
        assert main([*tip, "--informant", secrets[0], "--phone", secrets[1]]) == 0
        assert main(["tip", "list", "--db", db]) == 0
        assert main(["tip", "list", "--db", db, "--json"]) == 0
        since = ["--since", str(tmp_path / "o1.camket")]
        assert main(["export", "--db", db, "--out", str(tmp_path / "o2.camket"), *since]) == 0
        for what in ("households", "people", "pledges", "relatives", "progress"):
            for suffix in ("csv", "xlsx"):
                out = tmp_path / f"{what}.{suffix}"
                assert main(["spreadsheet", "--db", db, "--what", what, "--out", str(out)]) == 0
        period = ["--from", "01/01/2026", "--to", "31/12/2026"]
        report = ["report", "movements", "--db", db, *period, "--csv", str(tmp_path / "m.csv")]
        assert main(report) == 0
        laptop = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(laptop[1]):
        assert main(["init", "--db", str(laptop[0]), "--from", str(tmp_path / "o1.camket")]) == 0
        assert main(["merge", "--db", str(laptop[0]), str(tmp_path / "o2.camket"), "--json"]) == 0
    captured = capsys.readouterr()
    outputs += [captured.out, captured.err]
    logs = [*(office[1] / "logs").glob("*.log*"), *(laptop[1] / "logs").glob("*.log*")]
    assert logs
    outputs += [p.read_text(encoding="utf-8") for p in logs]
    for sheet in tmp_path.glob("*.csv"):
        outputs.append(sheet.read_text(encoding="utf-8-sig"))
    for book in tmp_path.glob("*.xlsx"):
        with zipfile.ZipFile(book) as parts:
            outputs += [parts.read(n).decode("utf-8", "replace") for n in parts.namelist()]
    with zipfile.ZipFile(tmp_path / "o2.camket") as bundle:
        outputs += [bundle.read(n).decode("utf-8", "replace") for n in bundle.namelist()]
    with opened(*office) as reg:
        outputs.append(str(reg.db.execute("SELECT * FROM audit").fetchall()))
    for text in outputs:
        assert secrets[0] not in text and secrets[1] not in text
    with opened(*laptop) as reg:  # the tip arrived, without whoever gave it
        assert reg.db.execute("SELECT place, informant_name FROM tip").fetchall() == [
            ("Mốc 79", "")
        ]
