"""Two PCs that make the same change concurrently settle by themselves: no conflict for a
person, in the merge's summary, `camket conflicts` and the window; a different third change
is one question, with the two different versions; the next edit of the row joins them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.pledges import AttachmentKind, PledgeStatus
from desktop.domain.tips import Tip
from desktop.domain.versions import descends
from desktop.services import conflicts as queue
from desktop.services import ledger
from desktop.services.bundles import export_bundle
from desktop.services.import_lists import import_list
from desktop.services.pledges import record_result
from desktop.services.register import create_from_bundle
from desktop.store import households as repo
from desktop.store import tips as tip_store
from desktop.store.attachments import add_attachment
from desktop.store.sync import vv_of
from tests.import_files import HEADERS, PEOPLE, write_xlsx
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, demo_office, opened

PC = tuple[Path, Path]  # a register and its installation's data folder
ON, TODAY = dt.date(2026, 12, 1), dt.date(2026, 12, 5)


@pytest.fixture
def office(tmp_path: Path) -> PC:
    return demo_office(tmp_path, 6, seed=3)


def _copy(tmp_path: Path, office: PC, name: str) -> PC:
    """Another PC of the commune, made from the office's full bundle."""
    bundle = _export(office, tmp_path / f"for-{name}.camket")
    folder, path = tmp_path / f"{name}-data", tmp_path / f"{name}.sqlite3"
    with as_pc(folder):
        create_from_bundle(path, bundle)
    return path, folder


def _export(pc: PC, out: Path) -> Path:
    with opened(*pc) as reg:
        export_bundle(reg, out)
    return out


def _merge_json(pc: PC, bundle: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """`camket merge --json` of one bundle: its summary."""
    capsys.readouterr()
    with as_pc(pc[1]):
        assert main(["merge", "--db", str(pc[0]), str(bundle), "--json"]) == 0
    (summary,) = json.loads(capsys.readouterr().out)
    return dict(summary)


def _conflicts_json(pc: PC, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    with as_pc(pc[1]):
        assert main(["conflicts", "--db", str(pc[0]), "--json"]) == 0
    return list(json.loads(capsys.readouterr().out))


def _household(pc: PC, number: int = 0) -> str:
    with opened(*pc) as reg:
        rows = reg.db.execute("SELECT id FROM household ORDER BY code").fetchall()
    return str(rows[number][0])


def _record(pc: PC, household_id: str, status: PledgeStatus, reason: str = "") -> None:
    with opened(*pc) as reg:
        record_result(reg, household_id, status, ON, reason=reason, today=TODAY)


def _signed_on_both(tmp_path: Path, office: PC) -> PC:
    """A laptop made from the office's bundle; then both record the first household's
    pledge as signed, alike, before they meet again. The laptop."""
    laptop = _copy(tmp_path, office, "laptop")
    household = _household(office)
    for pc in (office, laptop):
        _record(pc, household, PledgeStatus.SIGNED)
    return laptop


def _waiting(pc: PC) -> int:
    """Versions the queue holds (settled ones included), not questions."""
    with opened(*pc) as reg:
        return int(reg.db.execute("SELECT count(*) FROM conflict").fetchone()[0])


def test_two_pcs_recording_the_same_pledge_alike_have_no_conflict(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = _signed_on_both(tmp_path, office)
    to_office = _merge_json(office, _export(laptop, tmp_path / "l1.camket"), capsys)
    to_laptop = _merge_json(laptop, _export(office, tmp_path / "o1.camket"), capsys)
    assert to_office["conflicts"] == to_laptop["conflicts"] == 0
    assert _conflicts_json(office, capsys) == _conflicts_json(laptop, capsys) == []
    with opened(*office) as reg:
        assert queue.count_conflicts(reg.db) == 0 and queue.open_conflicts(reg.db) == []
    # Both hold the same row, stamps and queue (the laptop's version kept, settled).
    assert content(*office) == content(*laptop)
    assert _waiting(office) == 1


def test_the_next_edit_of_a_settled_row_joins_both_and_empties_the_queue(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = _signed_on_both(tmp_path, office)
    _merge_json(office, _export(laptop, tmp_path / "l1.camket"), capsys)
    with opened(*laptop) as reg:
        before = [
            vv_of(v) for (v,) in reg.db.execute("SELECT vv FROM pledge WHERE status = 'da_ky'")
        ]
    with opened(*office) as reg:
        (pledge_id,) = reg.db.execute("SELECT id FROM pledge WHERE status = 'da_ky'").fetchone()
        reg.writer.update("pledge", pledge_id, {"notes": "Đã ký tại nhà văn hoá"})
        (vv,) = reg.db.execute("SELECT vv FROM pledge WHERE id = ?", [pledge_id]).fetchone()
    assert all(descends(vv_of(vv), laptops) for laptops in before)
    assert _waiting(office) == 0
    # The laptop takes it as a later version of its own: updated, no conflict.
    summary = _merge_json(laptop, _export(office, tmp_path / "o2.camket"), capsys)
    assert (summary["updated"], summary["conflicts"]) == (1, 0)
    assert _merge_json(office, _export(laptop, tmp_path / "l2.camket"), capsys)["updated"] == 0
    assert _waiting(laptop) == 0 and content(*office) == content(*laptop)


def test_alike_and_a_different_change_make_one_question_with_two_different_versions(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop, other = _copy(tmp_path, office, "laptop"), _copy(tmp_path, office, "other")
    household = _household(office)
    _record(office, household, PledgeStatus.REFUSED, "không đồng ý")
    _record(laptop, household, PledgeStatus.REFUSED, "không đồng ý")
    _record(other, household, PledgeStatus.ABSENT, "đi làm ăn xa")
    bundles = [_export(pc, tmp_path / f"{n}.camket") for n, pc in enumerate((laptop, other))]
    found = sum(int(str(_merge_json(office, b, capsys)["conflicts"])) for b in bundles)
    assert found == 1
    (question,) = _conflicts_json(office, capsys)
    fields = {f["field"]: (f["current"], f["other"]) for f in question["fields"]}  # type: ignore[index, union-attr]
    assert fields["status"] in (("tu_choi", "vang_mat"), ("vang_mat", "tu_choi"))
    with opened(*office) as reg:
        (conflict,) = queue.open_conflicts(reg.db)
        assert conflict.differences() and len(conflict.members) == (
            2 if conflict.other["status"] == "tu_choi" else 1
        )
        queue.keep_version(reg, conflict, "other")
        assert queue.open_conflicts(reg.db) == [] and _waiting(office) == 0
    # Everyone takes the answer: no question and no waiting version left anywhere.
    answer = _export(office, tmp_path / "answer.camket")
    for pc in (laptop, other):
        assert _merge_json(pc, answer, capsys)["conflicts"] == 0
        assert _conflicts_json(pc, capsys) == [] and _waiting(pc) == 0
        assert content(*pc) == content(*office)


def test_the_same_name_corrected_on_two_pcs_and_two_deletes_are_no_conflict(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = _copy(tmp_path, office, "laptop")
    household, gone = _household(office, 0), _household(office, 1)
    for pc in (office, laptop):
        with opened(*pc) as reg:
            person = repo.members(reg.db, household)[0]
            reg.writer.update("person", person.id, {"full_name": "Lò Thị Hoà"})
            deleted = repo.delete_household(reg.writer, gone)  # with its members, as the app
    for pc, bundle in ((office, _export(laptop, tmp_path / "l.camket")), (laptop, None)):
        bundle = bundle or _export(office, tmp_path / "o.camket")
        assert _merge_json(pc, bundle, capsys)["conflicts"] == 0
    assert _conflicts_json(office, capsys) == _conflicts_json(laptop, capsys) == []
    # Settled versions wait until the next edit: the name, the household and each row its
    # deletion took.
    taken = len(deleted.person_ids) + len(deleted.relative_ids)
    assert content(*office) == content(*laptop) and _waiting(office) == 2 + taken


def test_a_tip_edited_alike_is_no_conflict_and_its_informant_is_merged_apart(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    """The informant is not part of a version (it travels in full bundles, merged apart):
    the same public change with two informants is no question, and both PCs end with the
    informant the private columns' order picks."""
    now = dt.datetime(2026, 12, 5, 9, 0)
    with opened(*office) as reg:
        tip_id = ledger.add_tip(reg, Tip(SIN_HO, now, "Mốc 79", "Người lạ"), now).id
    laptop = _copy(tmp_path, office, "laptop")
    for pc, informant in ((office, "Lò Văn Pọm"), (laptop, "Giàng A Sử")):
        with opened(*pc) as reg:
            tip = tip_store.get_tip(reg.db, tip_id)
            tip.outcome, tip.informant_name = "Đã báo đồn", informant
            ledger.update_tip(reg, tip, now)
    assert _merge_json(office, _export(laptop, tmp_path / "l.camket"), capsys)["conflicts"] == 0
    assert _merge_json(laptop, _export(office, tmp_path / "o.camket"), capsys)["conflicts"] == 0
    assert _conflicts_json(office, capsys) == _conflicts_json(laptop, capsys) == []
    names = set()
    for pc in (office, laptop):
        with opened(*pc) as reg:
            names.add(tip_store.get_tip(reg.db, tip_id).informant_name)
    assert len(names) == 1 and content(*office) == content(*laptop)


def test_a_scan_deleted_on_both_pcs_is_no_conflict(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    household = _household(office)
    _record(office, household, PledgeStatus.SIGNED)
    with opened(*office) as reg:
        (pledge_id,) = reg.db.execute("SELECT id FROM pledge WHERE status = 'da_ky'").fetchone()
        scan = add_attachment(
            reg.writer, pledge_id, AttachmentKind.SCAN, "image/png", b"\x89PNG", ""
        )
    laptop = _copy(tmp_path, office, "laptop")
    for pc in (office, laptop):
        with opened(*pc) as reg:
            reg.writer.tombstone("attachment", scan.id)
    assert _merge_json(office, _export(laptop, tmp_path / "l.camket"), capsys)["conflicts"] == 0
    assert _conflicts_json(office, capsys) == []


def test_the_same_corrected_list_imported_on_both_pcs_is_no_conflict(
    tmp_path: Path, office: PC, capsys: pytest.CaptureFixture[str]
) -> None:
    """Households both registers hold, changed alike by the same list (a new phone, an ID
    number added): no conflict. (A household new to both gets an id of each PC's own: two
    households of one code, listed as a code clash, not a conflict.)"""
    with opened(*office) as reg:
        assert import_list(reg, write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE])).applied
    laptop = _copy(tmp_path, office, "laptop")
    corrected = [list(row) for row in PEOPLE]
    corrected[0][9], corrected[1][5] = "0987 654 321", "012 182 000 555"
    listing = write_xlsx(tmp_path / "ds-2.xlsx", [HEADERS, *corrected])
    for pc in (office, laptop):
        with opened(*pc) as reg:
            assert import_list(reg, listing).applied
    assert _merge_json(office, _export(laptop, tmp_path / "l.camket"), capsys)["conflicts"] == 0
    assert _merge_json(laptop, _export(office, tmp_path / "o.camket"), capsys)["conflicts"] == 0
    assert _conflicts_json(office, capsys) == _conflicts_json(laptop, capsys) == []
    assert _waiting(office) >= 2 and content(*office) == content(*laptop)
