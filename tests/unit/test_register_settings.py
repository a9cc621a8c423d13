"""Set-up and later settings of a register: hamlets with kinds, heads and border flags; the
clerk and the Border Guard post; every change audited, a refused change writes nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.entities import Hamlet, HamletKind
from desktop.domain.errors import KnownError
from desktop.services.register import OpenRegister, create_register, open_existing
from desktop.services.settings import (
    add_hamlet,
    change_commune,
    update_commune_staff,
    update_hamlet,
)
from desktop.store import households as repo


def _audit(register: OpenRegister, entity: str) -> list[tuple[str, dict[str, object]]]:
    rows = register.db.execute(
        "SELECT action, after FROM audit WHERE entity = ? ORDER BY seq", [entity]
    ).fetchall()
    return [(action, json.loads(after)) for action, after in rows]


def test_a_register_is_created_with_hamlet_details_and_its_keepers(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    create_register(
        path,
        "03478",
        [
            Hamlet("Bản Nậm  Tăm", HamletKind.BAN, head_name="Giàng A Páo", is_border=True),
            Hamlet("Khu 3", HamletKind.KHU_PHO, is_border=False),
            "Thôn Hồng Thu",
        ],
        clerk_name="Lò Thị Hoa",
        border_post="Đồn Biên phòng Ma Ly Chải",
        border_officer="Thiếu tá Vàng A Sình",
    )
    register = open_existing(path)
    try:
        hamlets = {h.name: h for h in repo.list_hamlets(register.db)}
        assert hamlets["Bản Nậm Tăm"].head_name == "Giàng A Páo"
        assert hamlets["Khu 3"].kind == HamletKind.KHU_PHO
        assert hamlets["Khu 3"].is_border is False
        assert hamlets["Thôn Hồng Thu"].kind == HamletKind.THON
        assert register.commune.clerk_name == "Lò Thị Hoa"
        assert register.commune.border_post == "Đồn Biên phòng Ma Ly Chải"
        assert register.commune.border_officer == "Thiếu tá Vàng A Sình"
    finally:
        register.close()


@pytest.mark.parametrize(
    ("hamlets", "code"),
    [
        (["Thôn 1", "thon 1"], "hamlet.duplicate"),
        ([Hamlet("  ")], "hamlet.empty_name"),
        (["=Thôn 1"], "hamlet.formula_like"),
    ],
)
def test_refused_hamlets_create_no_file(tmp_path: Path, hamlets: list, code: str) -> None:  # type: ignore[type-arg]
    path = tmp_path / "r.sqlite3"
    with pytest.raises(KnownError) as caught:
        create_register(path, "03478", hamlets)
    assert caught.value.code == code
    assert not path.exists()


def test_keepers_are_changed_through_the_audited_writer(register: OpenRegister) -> None:
    assert update_commune_staff(
        register, clerk_name=" Lò Thị Hoa ", border_post="Đồn Pa Tần", border_officer=""
    )
    assert register.commune.clerk_name == "Lò Thị Hoa"
    assert repo.get_commune(register.db).border_post == "Đồn Pa Tần"  # type: ignore[union-attr]
    assert _audit(register, "commune")[-1] == (
        "update",
        {"clerk_name": "Lò Thị Hoa", "border_post": "Đồn Pa Tần"},
    )
    # The same values again change nothing and write no audit row.
    before = len(_audit(register, "commune"))
    assert not update_commune_staff(
        register, clerk_name="Lò Thị Hoa", border_post="Đồn Pa Tần", border_officer=""
    )
    assert len(_audit(register, "commune")) == before


def test_hamlets_are_added_and_edited_with_an_audit_trail(register: OpenRegister) -> None:
    added = add_hamlet(register, Hamlet("Bản Mới", HamletKind.BAN, head_name="Sùng A Dơ"))
    assert _audit(register, "hamlet")[-1][0] == "insert"
    renamed = Hamlet("Bản Mới Ngoài", HamletKind.BAN, "Sùng A Dơ", is_border=False, id=added.id)
    assert update_hamlet(register, renamed)
    assert _audit(register, "hamlet")[-1] == (
        "update",
        {"name": "Bản Mới Ngoài", "is_border": 0},
    )
    stored = {h.id: h for h in repo.list_hamlets(register.db)}[added.id]
    assert (stored.name, stored.is_border) == ("Bản Mới Ngoài", False)


def test_a_clashing_or_empty_hamlet_name_changes_nothing(register: OpenRegister) -> None:
    tam, thon2, _ = repo.list_hamlets(register.db)
    audit_rows = len(_audit(register, "hamlet"))
    with pytest.raises(KnownError) as caught:
        add_hamlet(register, Hamlet("ban nam tam"))
    assert caught.value.code == "hamlet.duplicate"
    with pytest.raises(KnownError) as caught:
        update_hamlet(register, Hamlet("Thôn 2", id=tam.id))
    assert caught.value.code == "hamlet.duplicate"
    with pytest.raises(KnownError) as caught:
        update_hamlet(register, Hamlet("", id=thon2.id))
    assert caught.value.code == "hamlet.empty_name"
    with pytest.raises(KnownError) as caught:
        update_hamlet(register, Hamlet("@Thôn 2", id=thon2.id))
    assert caught.value.code == "hamlet.formula_like"
    assert len(_audit(register, "hamlet")) == audit_rows
    # Its own name, in other case and marks, is no clash.
    assert update_hamlet(register, Hamlet("Bản Nậm Tăm", HamletKind.BAN, "Lý A Sử", id=tam.id))


def test_the_commune_is_corrected_while_the_register_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    create_register(path, "03478", ["Thôn 1"])
    register = open_existing(path)
    try:
        assert change_commune(register, "04231")  # Xã Sốp Cộp, Sơn La
        assert (register.commune.name, register.commune.province_name) == ("Xã Sốp Cộp", "Sơn La")
        assert _audit(register, "commune")[-1][1]["code"] == "04231"
        with pytest.raises(KnownError) as caught:
            change_commune(register, "99999")
        assert caught.value.code == "commune.unknown"
    finally:
        register.close()


def test_the_commune_stays_once_households_exist(register: OpenRegister) -> None:
    before = register.commune
    with pytest.raises(KnownError) as caught:
        change_commune(register, "04231")
    assert caught.value.code == "commune.has_households"
    assert repo.get_commune(register.db) == before


def test_a_hamlet_saved_from_its_form_keeps_what_a_merge_changed_meanwhile(
    register: OpenRegister,
) -> None:
    read = repo.list_hamlets(register.db)[0]
    # While the form is open, a merge (here the same writer) records the hamlet's new head.
    assert update_hamlet(register, replace(read, head_name="Lý A Sử"))
    assert update_hamlet(register, replace(read, is_border=not read.is_border), read)
    stored = {h.id: h for h in repo.list_hamlets(register.db)}[read.id]
    assert (stored.head_name, stored.is_border) == ("Lý A Sử", not read.is_border)
    # The same field changed on both sides: refused, nothing written.
    with pytest.raises(KnownError) as caught:
        update_hamlet(register, replace(read, head_name="Vàng A Chứ"), read)
    assert caught.value.code == "hamlet.changed_elsewhere"
    assert {h.id: h for h in repo.list_hamlets(register.db)}[read.id] == stored


def test_the_keepers_saved_from_settings_keep_the_communes_other_fields_as_stored(
    register: OpenRegister,
) -> None:
    """``register.commune`` is read when the register opens; a merge may change the row."""
    commune = register.commune
    register.writer.update("commune", commune.id, {"name": "Xã Sìn Hồ Mới"})  # a merge
    assert update_commune_staff(
        register, clerk_name="Lò Thị Hoa", border_post="Đồn Pa Tần", border_officer=""
    )
    stored = repo.get_commune(register.db)
    assert stored is not None
    assert (stored.name, stored.clerk_name) == ("Xã Sìn Hồ Mới", "Lò Thị Hoa")
