"""A household deleted on one PC while another PC added a member to it (or edited it) is a
question for a person after the merge, not a member hidden in a deleted household."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.entities import Gender, Person
from desktop.domain.errors import KnownError
from desktop.services.bundles import export_bundle
from desktop.services.half_deleted import (
    HalfDeletedKind,
    finish_deletion,
    half_deleted_households,
    restore_half_deleted,
)
from desktop.services.merge import merge_bundle
from desktop.services.register import create_from_bundle
from desktop.store import households as repo
from tests.unit.exchange_helpers import as_pc, demo_office, opened


@pytest.fixture
def two_pcs(tmp_path: Path) -> dict[str, tuple[Path, Path]]:
    office = demo_office(tmp_path, 4, seed=3)
    with opened(*office) as reg:
        export_bundle(reg, tmp_path / "first.camket")
    laptop = (tmp_path / "laptop.sqlite3", tmp_path / "laptop-data")
    with as_pc(laptop[1]):
        create_from_bundle(laptop[0], tmp_path / "first.camket")
    return {"office": office, "laptop": laptop}


def _first_household(pc: tuple[Path, Path]) -> tuple[str, str, int]:
    with opened(*pc) as reg:
        hid, code = reg.db.execute("SELECT id, code FROM household ORDER BY code").fetchone()
        count = len(repo.members(reg.db, hid))
    return hid, code, count


def deleted_on_office_added_on_laptop(
    tmp_path: Path, pcs: dict[str, tuple[Path, Path]]
) -> tuple[str, str, int]:
    """The office deletes its first household while the laptop adds a member to it; the
    office merges the laptop's bundle: (household id, code, members before)."""
    hid, code, count = _first_household(pcs["office"])
    with opened(*pcs["office"]) as reg:
        repo.delete_household(reg.writer, hid)
    with opened(*pcs["laptop"]) as reg:
        newborn = Person(household_id=hid, full_name="Lò Thị Mới", gender=Gender.FEMALE)
        repo.add_person(reg.writer, newborn, code)
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*pcs["office"]) as reg:
        merge_bundle(reg, tmp_path / "laptop.camket")
    return hid, code, count


def test_a_member_added_to_a_household_deleted_elsewhere_is_a_question(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]]
) -> None:
    _hid, code, _count = deleted_on_office_added_on_laptop(tmp_path, two_pcs)
    with opened(*two_pcs["office"]) as reg:
        found = half_deleted_households(reg.db)
    assert [(h.kind, h.code, h.live_names) for h in found] == [
        (HalfDeletedKind.DELETED_IN_USE, code, ("Lò Thị Mới",))
    ]


def test_restoring_brings_back_the_household_with_the_members_deleted_with_it(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]]
) -> None:
    hid, code, count = deleted_on_office_added_on_laptop(tmp_path, two_pcs)
    with opened(*two_pcs["office"]) as reg:
        (item,) = half_deleted_households(reg.db)
        restore_half_deleted(reg, item)
        assert repo.get_household(reg.db, hid).code == code
        names = [p.full_name for p in repo.members(reg.db, hid)]
        assert len(names) == count + 1 and "Lò Thị Mới" in names
        assert half_deleted_households(reg.db) == []
        export_bundle(reg, tmp_path / "answer.camket")
    with opened(*two_pcs["laptop"]) as reg:  # the answer travels like any edit
        merge_bundle(reg, tmp_path / "answer.camket")
        assert len(repo.members(reg.db, hid)) == count + 1
        assert half_deleted_households(reg.db) == []


def test_a_member_removed_another_day_stays_removed_when_the_household_comes_back(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]]
) -> None:
    hid, _code, count = _first_household(two_pcs["office"])
    with opened(*two_pcs["office"]) as reg:
        removed = repo.members(reg.db, hid)[-1].id
        reg.writer.tombstone("person", removed)
        reg.db.execute(  # removed in the editor a week before the household was deleted
            "UPDATE person SET updated_at = '2026-11-01T08:00:00.000Z' WHERE id = ?", [removed]
        )
    deleted_on_office_added_on_laptop(tmp_path, two_pcs)
    with opened(*two_pcs["office"]) as reg:
        (item,) = half_deleted_households(reg.db)
        restore_half_deleted(reg, item)
        ids = [p.id for p in repo.members(reg.db, hid)]
    assert removed not in ids and len(ids) == count  # count - 1 kept, + the newborn


def test_finishing_the_deletion_deletes_the_member_added_elsewhere(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]]
) -> None:
    hid, _code, _count = deleted_on_office_added_on_laptop(tmp_path, two_pcs)
    with opened(*two_pcs["office"]) as reg:
        (item,) = half_deleted_households(reg.db)
        finish_deletion(reg, item)
        live = reg.db.execute(
            "SELECT count(*) FROM person WHERE household_id = ? AND deleted = 0", [hid]
        ).fetchone()[0]
        assert live == 0 and half_deleted_households(reg.db) == []


def test_restoring_is_refused_when_the_code_was_given_to_another_household(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]]
) -> None:
    hid, code, _count = deleted_on_office_added_on_laptop(tmp_path, two_pcs)
    with opened(*two_pcs["office"]) as reg:
        other = reg.db.execute(
            "SELECT id FROM household WHERE deleted = 0 ORDER BY code"
        ).fetchone()[0]
        reg.writer.update("household", other, {"code": code})
        (item,) = half_deleted_households(reg.db)
        with pytest.raises(KnownError) as err:
            restore_half_deleted(reg, item)
        assert err.value.code == "household.code_taken"
        assert reg.db.execute("SELECT deleted FROM household WHERE id = ?", [hid]).fetchone() == (
            1,
        )


def test_a_household_kept_alive_whose_members_were_deleted_with_it_is_a_question(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]]
) -> None:
    hid, code, count = _first_household(two_pcs["office"])
    with opened(*two_pcs["office"]) as reg:
        repo.delete_household(reg.writer, hid)
    with opened(*two_pcs["laptop"]) as reg:  # edited twice: the most edited version wins
        reg.writer.update("household", hid, {"notes": "Đã chuyển nhà"})
        reg.writer.update("household", hid, {"notes": "Đã chuyển nhà sang Thôn 2"})
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*two_pcs["office"]) as reg:
        merge_bundle(reg, tmp_path / "laptop.camket")
        assert repo.get_household(reg.db, hid).code == code  # the edit beat the deletion
        assert repo.members(reg.db, hid) == []
        (item,) = half_deleted_households(reg.db)
        assert item.kind is HalfDeletedKind.MEMBERS_DELETED
        restore_half_deleted(reg, item)
        assert len(repo.members(reg.db, hid)) == count
        assert half_deleted_households(reg.db) == []


def test_camket_conflicts_lists_and_settles_it(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    hid, code, count = deleted_on_office_added_on_laptop(tmp_path, two_pcs)
    office = two_pcs["office"]
    with as_pc(office[1]):
        assert main(["conflicts", "--db", str(office[0])]) == 0
        out = capsys.readouterr()
        assert code in out.out and "Lò Thị Mới" in out.out
        assert f"camket conflicts keep {code} restore" in out.out
        assert "1 hộ bị xoá dở" in out.err
        assert main(["conflicts", "--db", str(office[0]), "keep", code, "restore"]) == 0
        assert "khôi phục" in capsys.readouterr().out
    with opened(*office) as reg:
        assert len(repo.members(reg.db, hid)) == count + 1


def test_camket_check_names_the_half_deleted_household(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    _hid, code, _count = deleted_on_office_added_on_laptop(tmp_path, two_pcs)
    office = two_pcs["office"]
    with as_pc(office[1]):
        main(["check", "--db", str(office[0])])
    assert f"[cảnh báo] hộ {code} (đã xoá): " in capsys.readouterr().out


def test_a_head_removed_in_the_editor_while_the_other_pc_edited_the_household_is_not_one(
    tmp_path: Path, two_pcs: dict[str, tuple[Path, Path]]
) -> None:
    hid, _code, _count = _first_household(two_pcs["office"])
    with opened(*two_pcs["office"]) as reg:  # the editor: the head leaves, another heads
        head, *others = repo.members(reg.db, hid)
        assert others, "the demo's first household has one member"
        reg.writer.tombstone("person", head.id)
        reg.writer.update("household", hid, {"head_id": others[0].id})
    with opened(*two_pcs["laptop"]) as reg:
        reg.writer.update("household", hid, {"notes": "Ghi thêm"})
        reg.writer.update("household", hid, {"notes": "Ghi thêm lần hai"})
        export_bundle(reg, tmp_path / "laptop.camket")
    with opened(*two_pcs["office"]) as reg:
        merge_bundle(reg, tmp_path / "laptop.camket")
        assert half_deleted_households(reg.db) == []
