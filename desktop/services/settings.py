"""The register's own settings after set-up: who keeps it, its Border Guard post, its hamlets.

Every change goes through the register's Writer, so it is stamped and audited like any
other edit (DESIGN §3), and it is one transaction: a refused change writes nothing.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.domain.entities import Commune, Hamlet
from desktop.domain.errors import KnownError
from desktop.domain.meanwhile import edit_onto
from desktop.domain.unreadable import carried
from desktop.services.register import OpenRegister, check_hamlet_name, official_commune
from desktop.store import households as repo
from desktop.store.local import REGISTER_COMMUNE, set_setting
from desktop.store.registry import COMMUNE_COLUMN


def update_commune_staff(
    register: OpenRegister, *, clerk_name: str, border_post: str, border_officer: str
) -> bool:
    """Set the clerk and the Border Guard post and officer; False when nothing changed.
    ``register.commune`` shows the stored values afterwards."""
    wanted: Commune = replace(
        register.commune,
        clerk_name=clerk_name,
        border_post=border_post,
        border_officer=border_officer,
    )
    row = repo.commune_row(wanted)
    # These three fields only: the rest of ``register.commune`` was read when the register
    # opened, and a merge may have changed the row since.
    staff = {k: row[k] for k in ("clerk_name", "border_post", "border_officer")}
    changed = register.writer.update("commune", row["id"], staff)
    register.reload_commune()
    return changed


def household_count(register: OpenRegister) -> int:
    return register.db.execute("SELECT count(*) FROM household WHERE deleted = 0").fetchone()[0]


def change_commune(register: OpenRegister, code: str) -> bool:
    """Correct the commune picked at set-up, while the register holds no household yet: once
    households exist, their pledge sheets and exports carry the commune's code, so it stays.
    KnownError for an unknown code or a register with households; False when unchanged."""
    with register.db.atomic():
        count = household_count(register)
        if count:
            raise KnownError("commune.has_households", count=count)
        official = official_commune(code)
        wanted = replace(
            register.commune,
            code=official.code,
            name=official.name,
            province_code=official.province_code,
            province_name=official.province_name,
        )
        if wanted.code == register.commune.code:
            return False
        # The commune's id is its code's: the corrected commune is another row, and the
        # hamlets (no household yet) move to it.
        writer = register.writer
        writer.tombstone("commune", register.commune.id)
        if writer.db.execute("SELECT 1 FROM commune WHERE id = ?", [wanted.id]).fetchone():
            writer.restore("commune", wanted.id)
        repo.save_commune(writer, wanted)
        for hamlet in repo.list_hamlets(register.db):
            writer.update("hamlet", hamlet.id, {COMMUNE_COLUMN: wanted.code})
        set_setting(register.db, REGISTER_COMMUNE, wanted.code)
        writer.commune_code = wanted.code
    register.reload_commune()
    return True


def add_hamlet(register: OpenRegister, hamlet: Hamlet) -> Hamlet:
    """Add a hamlet (KnownError for an empty name or one the commune already has)."""
    with register.db.atomic():
        taken = [h.name for h in repo.list_hamlets(register.db)]
        stored = replace(hamlet, name=check_hamlet_name(hamlet.name, taken))
        repo.add_hamlet(register.writer, stored)
    return stored


def update_hamlet(register: OpenRegister, hamlet: Hamlet, read: Hamlet | None = None) -> bool:
    """Rename a hamlet or change its kind, head or border flag; False when nothing changed.
    With ``read`` (the hamlet as the form was filled), only what the person changed is
    written, onto the hamlet as it is now: a merge's change meanwhile to another field stays
    (KnownError ``hamlet.changed_elsewhere`` for the same field)."""
    typed = hamlet
    with register.db.atomic():
        hamlets = repo.list_hamlets(register.db)
        if read is not None:
            (now,) = [h for h in hamlets if h.id == hamlet.id] or [read]
            hamlet = edit_onto(read, hamlet, now, "hamlet.changed_elsewhere")
        taken = [h.name for h in hamlets if h.id != hamlet.id]
        stored = replace(hamlet, name=check_hamlet_name(hamlet.name, taken))
        # A kind CamKet could not read and the clerk did not choose is kept (domain.unreadable).
        stored = carried(typed, stored, ["kind"])
        return register.writer.update("hamlet", stored.id, repo.hamlet_row(stored))
