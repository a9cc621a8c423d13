"""What a write changed, as the task lane tells the window: tables and households, read off
the audit trail and the change log."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.entities import Gender, Household, Person
from desktop.services import campaigns
from desktop.services.register import create_register, open_existing
from desktop.store import households as repo
from desktop.store import pledges as pledge_store
from desktop.store.changes import Changed, audit_mark, changes_since

SIN_HO = "03478"


def test_an_edit_names_its_tables_and_household_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "so.sqlite3"
    create_register(path, SIN_HO, ["Bản Nậm Tăm"])
    register = open_existing(path)
    try:
        hamlet = repo.list_hamlets(register.db)[0]
        household = Household(hamlet_id=hamlet.id, code="NT-001")
        mark = audit_mark(register.db)
        assert changes_since(register.db, mark) == Changed()
        assert not changes_since(register.db, mark)
        head = Person(household_id="", full_name="Lò Văn Panh", gender=Gender.MALE)
        repo.add_household(register.writer, household, [head])
        changed = changes_since(register.db, mark)
        assert changed.touches("household", "person")
        assert not changed.touches("pledge", "movement")
        assert changed.households == {household.id}
        assert changed.touches_household(household.id)
        assert not changed.touches_household("another")

        mark = audit_mark(register.db)
        campaign = pledge_store.current_campaign(register.db)
        assert campaign is not None
        campaigns.use_campaign(register.writer, campaign.id)  # this PC's choice, audited
        changed = changes_since(register.db, mark)
        assert changed.tables == {"campaign"} and changed.households == frozenset()
    finally:
        register.close()


def test_a_bulk_load_names_no_household_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "so.sqlite3"
    create_register(path, SIN_HO, ["Bản Nậm Tăm"])
    register = open_existing(path)
    try:
        hamlet = repo.list_hamlets(register.db)[0]
        mark = audit_mark(register.db)
        # A bulk path (an import, a merge) writes rows the audit does not name one by one:
        # the change log's triggers still see them.
        rows = [repo.household_row(Household(hamlet_id=hamlet.id, code=f"H-{n}")) for n in (1, 2)]
        stamped = list(register.writer.stamp_new("household", rows))
        register.db.table("household").insert_all(stamped)
        changed = changes_since(register.db, mark)
        assert changed.touches("household")
        assert changed.households is None  # any household may have changed
        assert changed.touches_household("whichever")
    finally:
        register.close()
