"""Guests entering the border belt, and correcting a saved movement with the checks of a new
one (audited, noted for sync)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.movements import Guest, Movement, MovementKind, ReminderReason
from desktop.services import ledger, ledger_reports
from desktop.services.register import OpenRegister
from desktop.store import movements as store
from desktop.store.movements import LedgerFilter
from desktop.store.registry import table
from desktop.store.row_decoder import RowDecoder
from desktop.store.schema import migrations

TODAY = dt.date(2026, 12, 5)
D = dt.date


def _member(reg: OpenRegister) -> tuple[str, str]:
    return ledger.find_person(reg.db, "012080001234")


def _add(reg: OpenRegister, kind: MovementKind, start: dt.date, **kw: object) -> Movement:
    person_id, household_id = _member(reg)
    movement = Movement(kind, household_id, start, person_id=person_id, **kw)  # type: ignore[arg-type]
    return ledger.add_movement(reg, movement, TODAY)


def _guest(reg: OpenRegister, **kw: object) -> Movement:
    host = ledger.host_household(reg.db, "NT-002")
    stay = Movement(
        MovementKind.LUU_TRU,
        host,
        D(2026, 12, 3),
        guest=Guest("Hà Văn Tư"),
        **kw,  # type: ignore[arg-type]
    )
    return ledger.add_movement(reg, stay, TODAY)


def _due(reg: OpenRegister, on: dt.date = TODAY) -> set[tuple[ReminderReason, str | None]]:
    return {(r.reason, r.movement_id) for r in ledger.reminders(reg, on) if r.movement_id}


def test_a_guest_entering_the_border_belt_is_recorded_and_reminded(
    register: OpenRegister,
) -> None:
    stay = _guest(register, border_belt=True, until=D(2026, 12, 8))
    foreign = _guest(register, border_belt=True, border_permit=" GP 12/CAT ")
    plain = _guest(register)
    belt = ReminderReason.VANH_DAI_CHUA_BAO_BIEN_PHONG
    assert {(belt, stay.id), (belt, foreign.id)} <= _due(register)
    assert (belt, plain.id) not in _due(register)
    assert store.get_movement(register.db, foreign.id).border_permit == "GP 12/CAT"
    rows = {r.movement_id: r for r in store.ledger(register.db, LedgerFilter())}
    assert rows[stay.id].where_words == "vào vành đai biên giới"
    assert rows[plain.id].where_words == ""
    ledger.mark_handled(register, stay.id, TODAY)  # notified to the Border Guard post
    assert (belt, stay.id) not in _due(register)
    report = ledger_reports.gather(register, D(2026, 12, 1), TODAY)
    assert (len(report.guests), report.border_belt_guests) == (3, 2)


def test_only_a_lưu_trú_enters_the_border_belt(register: OpenRegister) -> None:
    with pytest.raises(KnownError) as refused:
        _add(register, MovementKind.TAM_VANG, D(2026, 11, 1), border_belt=True)
    assert refused.value.code == "movement.border_belt_only_luu_tru"
    assert store.ledger(register.db, LedgerFilter()) == []


def test_a_register_made_before_the_border_belt_notes_its_changes_for_sync(
    tmp_path: Path,
) -> None:
    db = Database(tmp_path / "older.sqlite3")
    migrations.apply(db, stop_before="m0006_border_belt")
    db.execute(
        """INSERT INTO movement (id, household_id, kind, guest_name, starts_on, created_at,
           updated_at, updated_by) VALUES ('m1', 'h1', 'luu_tru', 'Khách', '2026-12-01',
           '2026-12-01', '2026-12-01', 'pc')"""
    )
    migrations.apply(db)
    assert db.execute("SELECT border_belt, border_permit FROM movement").fetchone() == (0, "")
    db.execute("DELETE FROM change_log")
    db.execute("UPDATE movement SET border_belt = 1")
    assert db.execute("SELECT tbl, row_id FROM change_log").fetchall() == [("movement", "m1")]
    db.close()


def test_an_edit_is_checked_audited_and_noted_for_sync(register: OpenRegister) -> None:
    away = _add(register, MovementKind.TAM_VANG, D(2026, 10, 1), place="Hà Nội")
    register.db.execute("DELETE FROM change_log")
    fixed = ledger.edit_movement(
        register, replace(away, place=" TP  Hà Nội ", until=D(2027, 1, 1)), TODAY
    )
    assert fixed.place == "TP Hà Nội"
    row = register.db.execute(
        "SELECT place, until, rev FROM movement WHERE id = ?", [away.id]
    ).fetchone()
    assert row == ("TP Hà Nội", "2027-01-01", 2)
    audited = register.db.execute(
        "SELECT action, after FROM audit WHERE entity = 'movement' AND entity_id = ?"
        " ORDER BY rowid",
        [away.id],
    ).fetchall()
    assert [a for a, _ in audited] == ["insert", "update"] and "TP Hà Nội" in audited[1][1]
    assert register.db.execute("SELECT tbl, row_id FROM change_log").fetchall() == [
        ("movement", away.id)
    ]


@pytest.mark.parametrize(
    ("kind", "start", "changes", "code"),
    [
        (MovementKind.LUU_TRU, D(2026, 11, 1), {"until": D(2026, 12, 1)},
         "movement.luu_tru_too_long"),
        (MovementKind.TAM_TRU, D(2026, 1, 1), {"until": D(2028, 1, 2)},
         "movement.tam_tru_too_long"),
        (MovementKind.TAM_VANG, D(2026, 10, 1), {"ended_on": D(2026, 9, 1)},
         "movement.ends_before_start"),
        (MovementKind.CHUYEN_DEN, D(2026, 10, 1), {"ended_on": D(2026, 11, 1)},
         "movement.not_lasting"),
        (MovementKind.TAM_VANG, D(2026, 10, 1), {"border_belt": True},
         "movement.border_belt_only_luu_tru"),
    ],
)  # fmt: skip
def test_an_edit_is_refused_as_an_addition_would_be(
    register: OpenRegister,
    kind: MovementKind,
    start: dt.date,
    changes: dict[str, object],
    code: str,
) -> None:
    until = D(2026, 12, 1) if kind is MovementKind.TAM_TRU else None
    saved = _add(register, kind, start, until=until)
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(saved, **changes), TODAY)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert store.get_movement(register.db, saved.id) == saved  # nothing written


def test_nothing_may_be_moved_after_a_death_nor_a_death_before_later_movements(
    register: OpenRegister,
) -> None:
    away = _add(register, MovementKind.TAM_VANG, D(2026, 3, 1))
    died = _add(register, MovementKind.CHET, D(2026, 6, 1))
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(away, starts_on=D(2026, 7, 1)), TODAY)
    assert refused.value.code == "movement.after_death"
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(died, starts_on=D(2026, 2, 1)), TODAY)
    assert refused.value.code == "movement.movements_after_death"
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(died, id="no-such-movement"), TODAY)
    assert refused.value.code == "movement.missing"


def test_edited_turns_options_into_a_movement(register: OpenRegister) -> None:
    stay = _guest(register, until=D(2026, 12, 6))
    changed = ledger.edited(
        register, stay, {"guest_nationality": "Lào", "host": "NT-001", "border_belt": True}
    )
    assert changed.guest == Guest("Hà Văn Tư", None, "", "Lào")
    assert changed.household_id == ledger.host_household(register.db, "NT-001")
    assert changed.border_belt and changed.id == stay.id
    person_id, household_id = _member(register)
    member = ledger.edited(register, stay, {"person": "012080001234"})
    assert (member.person_id, member.household_id, member.guest) == (
        person_id,
        household_id,
        None,
    )
    with pytest.raises(KnownError) as refused:
        ledger.edited(register, stay, {"starts_on": None})
    assert refused.value.code == "date.unparseable"


def test_a_bundle_of_format_1_reads_its_movements_as_outside_the_border_belt(
    register: OpenRegister,
) -> None:
    spec = table("movement")
    older = [c for c in spec.exported if c not in spec.added]  # what format 1 wrote
    decode = RowDecoder(register.db, spec, older, "movement.csv")
    cells = {c: "" for c in older} | {
        "id": "m1", "household_id": "h1", "kind": "luu_tru", "guest_name": "Khách",
        "starts_on": "2026-12-01", "via_trail": "0", "created_at": "2026-12-01T08:00:00.000Z",
        "updated_at": "2026-12-01T08:00:00.000Z",
        "updated_by": "pc", "rev": "1", "deleted": "0", "vv": '{"pc":1}',
    }  # fmt: skip
    version = decode([cells[c] for c in older], "movement.csv:2")
    values = dict(zip(version.columns, version.values, strict=True))
    assert (values["border_belt"], values["border_permit"], values["guest_name"]) == (
        0,
        "",
        "Khách",
    )


def test_the_demo_has_guests_in_the_border_belt_some_not_yet_told(tmp_path: Path) -> None:
    from desktop.services.demo import create_demo_register
    from desktop.services.register import open_existing

    create_demo_register(tmp_path / "demo.sqlite3", households=400, seed=3)
    reg = open_existing(tmp_path / "demo.sqlite3")
    try:
        belt = reg.db.execute(
            """SELECT count(*), sum(handed_over_on IS NOT NULL),
                      sum(border_permit != '' AND guest_nationality != 'Việt Nam')
               FROM movement WHERE border_belt = 1"""
        ).fetchone()
        due = [
            r
            for r in ledger.reminders(reg, dt.date.today())
            if r.reason is ReminderReason.VANH_DAI_CHUA_BAO_BIEN_PHONG
        ]
    finally:
        reg.close()
    assert belt[0] > belt[1] > 0 and belt[2] > 0
    assert due


def test_a_corrected_absence_may_not_run_over_another(register: OpenRegister) -> None:
    first = _add(register, MovementKind.TAM_VANG, D(2026, 3, 1))
    ledger.end_movement(register, first.id, D(2026, 4, 1))
    second = _add(register, MovementKind.TAM_VANG, D(2026, 6, 1))
    first = store.get_movement(register.db, first.id)
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(first, ended_on=D(2026, 7, 1)), TODAY)
    assert refused.value.code == "movement.tam_vang_open"  # the later one is still open
    ledger.end_movement(register, second.id, D(2026, 6, 20))
    with pytest.raises(KnownError) as refused:
        ledger.edit_movement(register, replace(first, ended_on=D(2026, 6, 10)), TODAY)
    assert refused.value.code == "movement.tam_vang_overlap"
    ledger.edit_movement(register, replace(first, ended_on=D(2026, 6, 1)), TODAY)  # back that day


def test_the_border_belt_and_a_correction_travel_in_bundles(
    register: OpenRegister, tmp_path: Path
) -> None:
    from desktop.services.bundles import export_bundle
    from desktop.services.merge import merge_bundle
    from desktop.services.register import create_from_bundle
    from tests.unit.exchange_helpers import as_pc, opened

    stay = _guest(register, border_belt=True, border_permit="15/GP-PA08")
    export_bundle(register, tmp_path / "full.camket")
    laptop, folder = tmp_path / "laptop.sqlite3", tmp_path / "laptop-data"
    with as_pc(folder):
        create_from_bundle(laptop, tmp_path / "full.camket")
    with opened(laptop, folder) as other:
        got = store.get_movement(other.db, stay.id)
    assert (got.border_belt, got.border_permit) == (True, "15/GP-PA08")
    ledger.edit_movement(register, replace(stay, border_belt=False, border_permit=""), TODAY)
    export_bundle(register, tmp_path / "changes.camket", since=tmp_path / "full.camket")
    with opened(laptop, folder) as other:
        assert merge_bundle(other, tmp_path / "changes.camket").refused is None
        got = store.get_movement(other.db, stay.id)
    assert (got.border_belt, got.border_permit) == (False, "")
