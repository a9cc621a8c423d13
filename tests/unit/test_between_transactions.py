"""Long work lets a waiting edit in between its transactions (the window's write lane runs
it there, on the same connection): a merge before each bundle, an import once the file is
read and before it plans, a print while its sheets are drawn. Never inside a transaction,
and what the edit wrote is neither lost nor undone by the work that follows."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import printing
from desktop.services.bundles import export_bundle
from desktop.services.demo import populate_demo
from desktop.services.import_lists import import_list
from desktop.services.merge import merge_bundles
from desktop.services.register import OpenRegister, create_from_bundle, create_register
from desktop.store import households as repo
from tests.import_files import HEADERS, PEOPLE, write_xlsx
from tests.unit.exchange_helpers import SIN_HO, as_pc, opened


class Clerk:
    """Stands for the window's lane: each time the work lets edits in, one address is
    saved, as a clerk's edit would be."""

    def __init__(self, reg: OpenRegister, code: str) -> None:
        self.reg, self.code = reg, code
        self.in_transaction: list[bool] = []
        reg.between_transactions = self.edit

    def edit(self) -> None:
        self.in_transaction.append(self.reg.db.conn.in_transaction)
        household = repo.find_household_by_code(self.reg.db, self.code)
        assert household is not None
        address = f"Sửa lần {len(self.in_transaction)}"
        self.reg.writer.update("household", household.id, {"address": address})

    def address(self) -> str:
        household = repo.find_household_by_code(self.reg.db, self.code)
        assert household is not None
        return household.address


def test_a_merge_lets_an_edit_in_before_each_bundle(tmp_path: Path) -> None:
    office, office_data = tmp_path / "office.sqlite3", tmp_path / "office-data"
    with as_pc(office_data):
        create_register(office, SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(office, office_data) as reg:
        populate_demo(reg, 6, seed=3)
        bundle = tmp_path / "full.camket"
        export_bundle(reg, bundle)
        code = str(reg.db.execute("SELECT min(code) FROM household").fetchone()[0])
    laptop, laptop_data = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(laptop_data):
        create_from_bundle(laptop, bundle)
    with opened(laptop, laptop_data) as reg:
        clerk = Clerk(reg, code)
        results = merge_bundles(reg, [bundle, bundle])
        assert [r.refused for r in results] == [None, None]
        assert clerk.in_transaction == [False, False]
        assert clerk.address() == "Sửa lần 2"  # the bundle that followed did not undo it


def test_an_import_lets_an_edit_in_before_it_plans(register: OpenRegister, tmp_path: Path) -> None:
    listing = write_xlsx(tmp_path / "ds.xlsx", [HEADERS, *PEOPLE])
    clerk = Clerk(register, "NT-001")
    report = import_list(register, listing)
    assert report.applied
    assert clerk.in_transaction == [False]
    assert clerk.address() == "Sửa lần 1"


@pytest.mark.parametrize("copies", [1, 2])
def test_a_print_lets_edits_in_while_its_sheets_are_drawn(
    register: OpenRegister, tmp_path: Path, copies: int
) -> None:
    clerk = Clerk(register, "NT-001")
    done = printing.print_pledges(register, tmp_path / "cam-ket.pdf", copies=copies, mark=False)
    assert done.households == 4
    assert clerk.in_transaction and not any(clerk.in_transaction)
    assert clerk.address().startswith("Sửa lần")
