"""Registers of one commune set up apart (two `camket init --commune X`, instead of the second
made from a bundle of the first): their hamlets, households and people are different rows,
so merged together every one of them is there twice. A commune register and an upper one
refuse the first bundle that would do it; `camket check` names a commune an upper register
took twice before it refused them (services.checks)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from sqlite_utils import Database

from desktop.domain.errors import KnownError
from desktop.domain.text import fold_for_search
from desktop.exchange.bundle_file import Bundle
from desktop.services.merge_rows import TableCounts
from desktop.services.register import OpenRegister
from desktop.store import local
from desktop.store.admin_units import find_commune
from desktop.store.sync import vv_of


def holds_households(reg: OpenRegister) -> bool:
    """A commune register that holds a live household of its own commune."""
    if not reg.writer.edits_communes:
        return False
    found = reg.db.execute(
        "SELECT 1 FROM household WHERE commune_code = ? AND deleted = 0 LIMIT 1",
        [reg.writer.commune_code],
    ).fetchone()
    return found is not None


def first_of_its_register(reg: OpenRegister, bundle: Bundle) -> bool:
    """The first bundle this register merges of the register that sent it (not its own):
    a register set up again on a PC this one met (the wizard run anew, the same
    installation) sends under a register id of its own. Always a full bundle: one of
    changes continues one merged here (merge._check_continuity)."""
    manifest = bundle.manifest
    if manifest.installation_id == reg.installation_id:
        return False
    return local.received_seq(reg.db, manifest.register_id) == 0


def check_commune_register(
    bundle: Bundle, counts: dict[str, TableCounts], first: bool, held: bool
) -> None:
    """Refuse (rolled back whole) the first bundle of an installation, or of a register,
    whose register of this commune was set up apart from this one: none of its hamlets is
    one of ours (a PC made from our bundle, `init --from`, shares them), while both hold
    households. Merged, every hamlet, household and person would be there twice, as
    different rows, each PC's edits on its own copy from then on."""
    hamlets, households = counts.get("hamlet"), counts.get("household")
    if not (held and first and hamlets and households):
        return
    if _none_shared(hamlets) and households.new:
        raise KnownError("bundle.set_up_apart", file=bundle.source)


def _none_shared(hamlets: TableCounts) -> bool:
    """The bundle brought hamlets, every one new here: its register shares none with this
    one (a PC made from our bundle, `init --from`, shares them)."""
    return bool(hamlets.new) and not (hamlets.updated or hamlets.unchanged or hamlets.conflicts)


def drop_hamlets_typed_twice(
    reg: OpenRegister, bundle: Bundle, counts: dict[str, TableCounts], first: bool, held: bool
) -> list[str]:
    """A commune register set up apart that held no household yet (a laptop set up through
    the wizard, its hamlets typed, before the office's bundle came) takes the bundle's
    hamlets (check_commune_register lets it): its own hamlets of the same names, with no
    household and no tip, are the same villages typed twice, and are deleted (tombstones
    that travel) so that each is listed once and the clerk's lists and the campaign's
    progress count it once. Within the merge's transaction; the names of those deleted."""
    hamlets = counts.get("hamlet")
    if held or not first or not reg.writer.edits_communes or hamlets is None:
        return []
    if not _none_shared(hamlets):
        return []
    code = reg.writer.commune_code
    theirs = _bundle_hamlets(bundle, [code])[code]
    rows = reg.db.execute(
        "SELECT id, name FROM hamlet WHERE commune_code = ? AND deleted = 0", [code]
    ).fetchall()
    their_names = {fold_for_search(name) for row_id, name in rows if row_id in theirs}
    dropped = []
    for row_id, name in rows:
        if row_id in theirs or fold_for_search(name) not in their_names:
            continue
        if _holds_any(reg.db, "household", [row_id], "hamlet_id") or _holds_any(
            reg.db, "tip", [row_id], "hamlet_id"
        ):
            continue
        reg.writer.tombstone("hamlet", row_id)
        dropped.append(name)
    return dropped


def apart_in_upper(reg: OpenRegister, bundle: Bundle) -> dict[str, frozenset[str]]:
    """Before an upper register merges a bundle: each commune of it that may come from a
    register set up apart from the one it came from here, with the ids of its hamlets in
    the bundle (check_upper_register judges them once the rows are in). Such a commune is
    one the register holds live households of, that the bundle's register never sent
    before (or not since the commune's data was dropped here), none of whose hamlets in the
    bundle is a live one here: after its data was dropped (services.communes), a bundle of
    the register it came from meets only tombstones of its hamlets, and must not bring its
    new households in beside those of the register the commune uses now.

    An upper register's bundle is judged the same way, commune by commune: a commune it
    sends for the first time, from a register set up apart from ours, would be doubled just
    as a commune's own bundle would. Its communes sent before are not judged again: a
    later bundle carries only what changed (a new hamlet alone would look set apart). The
    bundle is then refused whole, not merged without that commune: it is one state of its
    register, and its later bundles of changes continue this one."""
    if not local.is_upper(reg.db):
        return {}
    manifest = bundle.manifest
    if manifest.installation_id == reg.installation_id:
        return {}
    sent_before = _communes_sent_by(reg.db, manifest.installation_id, manifest.register_id)
    held = _communes_with_households(reg.db, bundle.manifest.communes)
    judged = [code for code in bundle.manifest.communes if code in held - sent_before]
    if not judged:
        return {}
    theirs = _bundle_hamlets(bundle, judged)
    apart: dict[str, frozenset[str]] = {}
    for code, ids in theirs.items():
        if ids and not _holds_any(reg.db, "hamlet", ids, more=" AND deleted = 0"):
            apart[code] = frozenset(ids)
    return apart


def check_upper_register(db: Database, bundle: Bundle, apart: dict[str, frozenset[str]]) -> None:
    """Inside the merge's transaction, its rows written: refuse it (rolled back whole) when
    a commune of ``apart`` (apart_in_upper) now has live households in the bundle's
    hamlets: each of them would be counted twice, in the commune's count and in its share
    signed per hamlet."""
    doubled = [
        code
        for code, hamlets in apart.items()
        if _holds_any(db, "household", hamlets, "hamlet_id", " AND deleted = 0")
    ]
    if not doubled:
        return
    named = ", ".join(commune_label(code) for code in doubled)
    if bundle.manifest.register == "commune":
        raise KnownError(
            "bundle.commune_set_up_apart", file=bundle.source, commune=named, code=doubled[0]
        )
    raise KnownError(
        "bundle.relayed_set_up_apart",
        file=bundle.source,
        communes=named,
        name=bundle.manifest.name or "không tên",
    )


def commune_label(code: str) -> str:
    """'Xã Sìn Hồ (03478)', or the code alone when the list has no such commune."""
    unit = find_commune(code)
    return f"{unit.name} ({code})" if unit else code


def doubled_communes(db: Database) -> list[tuple[str, list[str]]]:
    """The communes of an upper register that look taken twice from registers set up apart
    (taken before merges refused it): each with the names of its hamlets held twice, live
    and holding live households, under the same name (folded: case, marks and spaces aside)
    by rows that no register ever both edited (their version vectors share no one: one
    register's own hamlet made twice by mistake was edited there). A commune's two PCs set
    up apart name their hamlets alike: the same list of the same villages."""
    rows = db.execute(
        """SELECT h.commune_code, h.name, h.vv FROM hamlet h
           WHERE h.deleted = 0 AND EXISTS (SELECT 1 FROM household d
             WHERE d.hamlet_id = h.id AND d.deleted = 0)
           ORDER BY h.commune_code, h.sort_key"""
    ).fetchall()
    by_name: dict[tuple[str, str], list[tuple[str, set[str]]]] = defaultdict(list)
    for code, name, vv in rows:
        editors = set(vv_of(vv))
        by_name[(code, fold_for_search(name))].append((name, editors))
    doubled: dict[str, list[str]] = {}
    for (code, _folded), alike in by_name.items():
        if any(not (a[1] & b[1]) for i, a in enumerate(alike) for b in alike[i + 1 :]):
            doubled.setdefault(code, []).append(alike[0][0])
    return sorted(doubled.items())


def _communes_sent_by(db: Database, installation_id: str, register_id: str) -> set[str]:
    """The communes of the bundles of that register this register merged (a bundle logged
    before bundles named their register: of that installation), each since its data was
    last dropped here (forget_commune: its next bundle is judged anew). A register set up
    again on the same PC sends under another register id: its communes are new."""
    forgotten = dict(
        db.execute(
            "SELECT entity_id, max(at) FROM audit WHERE entity = 'commune'"
            " AND action = 'forget' GROUP BY entity_id"
        ).fetchall()
    )
    codes: set[str] = set()
    for text, at, summary in db.execute(
        "SELECT commune_codes, at, summary FROM bundle_log"
        " WHERE direction = 'received' AND installation_id = ?",
        [installation_id],
    ):
        if json.loads(summary).get("register_id", register_id) != register_id:
            continue
        codes.update(code for code in str(text).split() if at > forgotten.get(code, ""))
    return codes


def _communes_with_households(db: Database, codes: list[str]) -> set[str]:
    marks = ",".join("?" * len(codes))
    return {
        code
        for (code,) in db.execute(
            f"SELECT DISTINCT commune_code FROM household WHERE deleted = 0"
            f" AND commune_code IN ({marks})",
            codes,
        )
    }


def _bundle_hamlets(bundle: Bundle, codes: list[str]) -> dict[str, set[str]]:
    """The ids of the bundle's hamlets (tombstones too) of each of ``codes``: its hamlet
    table is small (a province's few thousand), read on its own before the merge."""
    found: dict[str, set[str]] = {code: set() for code in codes}
    lines = bundle.rows("hamlet")
    header = next(lines, None)
    if header is None or "id" not in header or "commune_code" not in header:
        return found  # the merge refuses such a table, naming it
    at_id, at_code = header.index("id"), header.index("commune_code")
    for cells in lines:
        if cells[at_code] in found:
            found[cells[at_code]].add(cells[at_id])
    return found


def _holds_any(
    db: Database, table: str, ids: Iterable[str], column: str = "id", more: str = ""
) -> bool:
    """Whether any row of ``table`` has one of ``ids`` in ``column`` (in slices: SQLite
    binds at most 32,766 values)."""
    listed = list(ids)
    for start in range(0, len(listed), 30_000):
        part = listed[start : start + 30_000]
        marks = ",".join("?" * len(part))
        sql = f"SELECT 1 FROM [{table}] WHERE {column} IN ({marks}){more} LIMIT 1"
        if db.execute(sql, part).fetchone() is not None:
            return True
    return False
