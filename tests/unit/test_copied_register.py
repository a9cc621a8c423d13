"""A register file copied to another PC: until its own first export it holds the original's
register id and bundles sent, but not the original's later changes. It never takes the
original's bundles of changes as its own (one that follows a bundle it never received would
be merged with the changes between missing), never offers them for "only the changes
since", and its changes reach the original whole."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from desktop.cli import main
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.merge import merge_bundle
from desktop.services.overview import count_overview
from desktop.services.register import create_from_bundle, create_register
from desktop.store.replicas import bundles_sent_here
from tests.unit.exchange_helpers import SIN_HO, as_pc, content, opened


def _address(path: Path, folder: Path, code: str) -> str:
    with opened(path, folder) as reg:
        return str(
            reg.db.execute("SELECT address FROM household WHERE code = ?", [code]).fetchone()[0]
        )


def _set_address(path: Path, folder: Path, code: str, address: str) -> None:
    with opened(path, folder) as reg:
        (household_id,) = reg.db.execute(
            "SELECT id FROM household WHERE code = ?", [code]
        ).fetchone()
        reg.writer.update("household", household_id, {"address": address})


def test_a_copy_never_takes_the_originals_bundles_of_changes_as_its_own(tmp_path: Path) -> None:
    office, office_pc = tmp_path / "office.sqlite3", tmp_path / "office-data"
    copy, copy_pc = tmp_path / "copy.sqlite3", tmp_path / "copy-data"
    with as_pc(office_pc):
        create_register(office, SIN_HO, ["Thôn 1"])
    with opened(office, office_pc) as reg:
        populate_demo(reg, 4, seed=5)
        export_bundle(reg, tmp_path / "full.camket")
        codes = [r[0] for r in reg.db.execute("SELECT code FROM household ORDER BY code")]
    shutil.copyfile(office, copy)  # the file carried to another PC (closed: no -wal left)

    # After the copy, the office goes on: two bundles of changes, each after the last.
    _set_address(office, office_pc, codes[0], "Km 3")
    with opened(office, office_pc) as reg:
        export_bundle(reg, tmp_path / "changes-1.camket", since=tmp_path / "full.camket")
    _set_address(office, office_pc, codes[1], "Km 7")
    with opened(office, office_pc) as reg:
        export_bundle(reg, tmp_path / "changes-2.camket", since=tmp_path / "changes-1.camket")

    with opened(copy, copy_pc) as reg:
        # Sent from the office, not from here: nothing to continue, nothing "last sent".
        assert bundles_sent_here(reg.db, reg.installation_id) == []
        overview = count_overview(reg, dt.date(2026, 12, 5))
        assert overview is not None and overview.last_sent is None
    before = content(copy, copy_pc)
    with opened(copy, copy_pc) as reg:
        refused = merge_bundle(reg, tmp_path / "changes-2.camket").refused
    assert refused is not None and refused.code == "bundle.gap"
    assert content(copy, copy_pc) == before  # Km 3 would have been missed for good
    # The office's whole register, then its changes: nothing missed.
    with opened(copy, copy_pc) as reg:
        for name in ("full", "changes-1", "changes-2"):
            assert merge_bundle(reg, tmp_path / f"{name}.camket").refused is None
    assert (_address(copy, copy_pc, codes[0]), _address(copy, copy_pc, codes[1])) == (
        "Km 3",
        "Km 7",
    )

    # The copy's own changes: its first export is whole, then changes after its own bundle.
    _set_address(copy, copy_pc, codes[2], "Bản mới")
    with as_pc(copy_pc):
        assert main(["export", "--db", str(copy), "--out", str(tmp_path / "c.camket"),
                     "--since", str(tmp_path / "changes-2.camket")]) == 2  # fmt: skip
        assert main(["export", "--db", str(copy), "--out", str(tmp_path / "c.camket")]) == 0
    _set_address(copy, copy_pc, codes[3], "Bản cũ")
    with as_pc(copy_pc):
        assert main(["export", "--db", str(copy), "--out", str(tmp_path / "c2.camket"),
                     "--since", str(tmp_path / "c.camket")]) == 0  # fmt: skip
    with opened(copy, copy_pc) as reg:
        assert [r.file_name for r in bundles_sent_here(reg.db, reg.installation_id)] == [
            "c2.camket",
            "c.camket",
        ]
    with opened(office, office_pc) as reg:
        refused = merge_bundle(reg, tmp_path / "c2.camket").refused  # before the copy's first
        assert refused is not None and refused.code == "bundle.gap"
        for name in ("c", "c2", "changes-2"):  # its own bundle again changes nothing
            assert merge_bundle(reg, tmp_path / f"{name}.camket").refused is None
    assert content(office, office_pc) == content(copy, copy_pc)
    assert _address(office, office_pc, codes[3]) == "Bản cũ"


def test_a_register_restored_from_a_backup_sends_its_changes_whole_not_after_later_bundles(
    tmp_path: Path,
) -> None:
    office, office_pc = tmp_path / "office.sqlite3", tmp_path / "office-data"
    laptop, laptop_pc = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(office_pc):
        create_register(office, SIN_HO, ["Thôn 1"])
    with opened(office, office_pc) as reg:
        populate_demo(reg, 4, seed=5)
        export_bundle(reg, tmp_path / "full.camket")
        codes = [r[0] for r in reg.db.execute("SELECT code FROM household ORDER BY code")]
    with as_pc(office_pc):
        assert main(["backup", "--db", str(office), "--out", str(tmp_path / "bk.sqlite3")]) == 0
    with as_pc(laptop_pc):
        create_from_bundle(laptop, tmp_path / "full.camket")
    _set_address(office, office_pc, codes[0], "Km 3")
    with opened(office, office_pc) as reg:
        export_bundle(reg, tmp_path / "changes.camket", since=tmp_path / "full.camket")
    with opened(laptop, laptop_pc) as reg:
        assert merge_bundle(reg, tmp_path / "changes.camket").refused is None

    # The office's disk played up: the backup (before "changes") is put back, and work goes on.
    with as_pc(office_pc):
        assert main(["restore", str(tmp_path / "bk.sqlite3"), "--db", str(office)]) == 0
    _set_address(office, office_pc, codes[1], "Km 7")
    with as_pc(office_pc):
        # After "changes" (made after the backup): it would hold nothing of Km 7.
        late = ["export", "--db", str(office), "--out", str(tmp_path / "late.camket")]
        assert main([*late, "--since", str(tmp_path / "changes.camket")]) == 2
        assert main(late) == 0  # whole, under an id of its own
    with opened(laptop, laptop_pc) as reg:
        assert merge_bundle(reg, tmp_path / "late.camket").refused is None
    with opened(office, office_pc) as reg:  # its own bundle brings Km 3 back
        assert merge_bundle(reg, tmp_path / "changes.camket").refused is None
    assert _address(laptop, laptop_pc, codes[1]) == "Km 7"
    assert content(office, office_pc) == content(laptop, laptop_pc)
