"""Creating and opening registers: the commune from the official list, its hamlets, a writer."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.commune import Commune
from desktop.domain.errors import KnownError
from desktop.exchange.identity import Installation, this_installation
from desktop.store import local
from desktop.store.communes import get_commune
from desktop.store.damage import damage_of
from desktop.store.encryption import NewKey
from desktop.store.new_register import building_register
from desktop.store.register import open_register, writable
from desktop.store.sync import Writer
from desktop.userdata import in_backup_folder

if TYPE_CHECKING:
    from sqlite_utils import Database

    from desktop.domain.entities import Hamlet, HamletKind
    from desktop.services.campaigns import CampaignPlan

# Hamlet names usually start with their kind ("Bản Nậm Tăm", "Thôn 3"): the kind is read off.
# The kinds' values: opening a register (the window's start) makes no hamlet, and imports
# neither the entities' dataclasses nor the text tables (domain.entities, domain.text).
_KIND_PREFIXES = {
    "thon": "thon",
    "ban": "ban",
    "ap": "ap",
    "khu pho": "khu_pho",
    "to dan pho": "to_dan_pho",
}


@dataclass
class OpenRegister:
    """An open register: its database, its commune and a writer stamped with this PC's
    installation id, whose edits count under this file's replica id (store.local)."""

    path: Path
    db: Database
    commune: Commune
    writer: Writer
    read_only: bool = False  # opened by a command that only reads, or from a read-only medium
    installation: Installation | None = None  # who signs what this register exports
    # Long work calls it between its transactions, where nothing it read earlier is still to
    # be written: the window's write lane lets the edits waiting for it in there (ui.tasks).
    between_transactions: Callable[[], None] = field(
        default=lambda: None, repr=False, compare=False
    )

    @property
    def installation_id(self) -> str:
        return self.writer.actor

    def signer(self) -> Installation:
        return self.installation or installation_for(self.db)

    def close(self) -> None:
        self.db.close()

    def reload_commune(self) -> None:
        """Read the commune again: Settings may have changed the clerk or the Border Guard
        post through another connection to the same file."""
        stored = get_commune(self.db)
        if stored is not None:
            self.commune = stored


def official_commune(code: str) -> Commune:
    """The commune of the official list with this code, as a person types it (KnownError
    when unknown): "3478" is 03478, a code that lost its leading zero in a spreadsheet."""
    from desktop.store.admin_units import find_commune, province_of  # not to open a register

    typed = code.strip()
    unit = find_commune(typed.zfill(5) if typed.isascii() and typed.isdigit() else typed)
    if unit is None:
        raise KnownError("commune.unknown", code=code)
    province = province_of(unit)
    return Commune(
        code=unit.code, name=unit.name, province_code=province.code, province_name=province.name
    )


def hamlet_kind_of(name: str) -> HamletKind:
    from desktop.domain.entities import HamletKind
    from desktop.domain.text import fold_for_search

    folded = fold_for_search(name)
    for prefix, kind in _KIND_PREFIXES.items():
        if folded == prefix or folded.startswith(prefix + " "):
            return HamletKind(kind)
    return HamletKind.THON


def check_hamlet_name(name: str, taken: Iterable[str] = ()) -> str:
    """The hamlet name as stored (NFC, single spaces); KnownError when it is empty, longer
    than a register keeps, or already among ``taken`` (compared without diacritics or case:
    "Thôn 1" and "thon 1" clash)."""
    from desktop.domain.text import fold_for_search, normalize_text
    from desktop.domain.text_bounds import HAMLET_TEXT, refuse_long_text
    from desktop.domain.validation import is_formula_like  # not to open a register

    name = normalize_text(name)
    refuse_long_text(HAMLET_TEXT, {"name": name})
    if not name:
        raise KnownError("hamlet.empty_name")
    if is_formula_like(name):
        raise KnownError("hamlet.formula_like", name=name)
    folded = fold_for_search(name)
    if any(fold_for_search(other) == folded for other in taken):
        raise KnownError("hamlet.duplicate", name=name)
    return name


def create_register(
    path: Path | str,
    commune_code: str,
    hamlets: Iterable[str | Hamlet] = (),
    *,
    clerk_name: str = "",
    border_post: str = "",
    border_officer: str = "",
    campaign: CampaignPlan | None = None,
    fill: Callable[[OpenRegister], None] | None = None,
    encrypted: NewKey | None = None,
) -> Commune:
    """A new register file for an official commune, with its hamlets, the people who keep
    it and its first campaign (``campaign``, else one on the border-security template). A
    hamlet given by name alone gets the kind its name starts with ("Bản …" is a bản).
    ``fill`` adds to the new register (demo households, say) before it is in place.

    The register is built in a temporary file and moved into place whole: nothing is left
    at ``path`` when the code, a hamlet or the campaign is refused, ``fill`` raises or the
    process dies. ``path`` may be an empty file or one whose set-up never finished. With
    ``encrypted`` (services.encryption.new_key) it is encrypted from its first page on."""
    from desktop.domain.entities import Hamlet
    from desktop.store import households as repo

    commune = official_commune(commune_code)
    if campaign is not None:
        campaign.check()
    commune.clerk_name = clerk_name
    commune.border_post = border_post
    commune.border_officer = border_officer
    planned: list[Hamlet] = []
    for given in hamlets:
        hamlet = (
            given if isinstance(given, Hamlet) else Hamlet(name=given, kind=hamlet_kind_of(given))
        )
        name = check_hamlet_name(hamlet.name, (h.name for h in planned))
        planned.append(replace(hamlet, name=name))
    with building_register(path, encrypted) as building:
        db = open_register(building, create=True)
        try:
            with db.atomic():
                writer = _new_file_writer(db, this_installation().id, commune.code, path, building)
                local.set_setting(db, local.REGISTER_COMMUNE, commune.code)
                repo.save_commune(writer, commune, made_alike=True)
                for hamlet in planned:
                    repo.add_hamlet(writer, hamlet)
                _first_campaign(writer, campaign)
        finally:
            db.close()
        if fill is not None:
            opened = open_existing(building)
            try:
                fill(opened)
            finally:
                opened.close()
    return commune


def open_existing(
    path: Path | str,
    *,
    stale_backup: bool = False,
    read_only: bool = False,
    edits_communes: bool = False,
) -> OpenRegister:
    """Open a register made by `camket init`/`demo` or the set-up wizard. A register made
    before campaigns existed gets its first campaign now. With ``stale_backup`` (commands
    that write), a backup is taken first when the last one is more than a day old.
    ``read_only`` (commands that only read) never writes to the file. A copy in the backup
    folder is refused for writing: its edits would go when the old copies are removed.
    ``edits_communes`` (a command that edits a commune's rows: sign, a movement, a tip, an
    import) refuses an upper-level register before any work (KnownError upper.read_only),
    where looking the row up first said another thing (three communes' NT-001 as a code
    two PCs gave, an import's dry run as if it would write)."""
    if not read_only and in_backup_folder(path):
        raise KnownError("db.is_backup", path=str(path))
    db = open_register(path, read_only=read_only)
    try:
        commune = get_commune(db) or upper_register_commune(db)
        if commune is None:
            raise KnownError("db.no_commune", path=str(path))
        installation = installation_for(db)
        replica = _replica(db, installation.id, Path(path), read_only)
        edits = not local.is_upper(db)
        if edits_communes and not edits:
            raise KnownError("upper.read_only")
        writer = Writer(db, installation.id, commune.code, edits_communes=edits, replica=replica)
        if stale_backup and not read_only:
            from desktop.store.backups import backup_if_stale  # not for the window's start

            backup_if_stale(db, path)
        if not read_only:
            _first_campaign(writer)
    except BaseException:
        db.close()
        raise
    return OpenRegister(Path(path), db, commune, writer, read_only, installation)


def open_for_window(path: Path | str) -> OpenRegister:
    """The register for the window: read-only, with a banner, when the file or its folder
    takes no writes (a CD, a locked USB stick, a shared folder) or it is known to be
    damaged. The start, File ▸ Open and the recent registers open it so, once."""
    read_only = damage_of(path) is not None or not _takes_writes(path)
    try:
        return open_existing(path, read_only=read_only)
    except KnownError as err:
        if read_only or err.code != "db.read_only":
            raise
        return open_existing(path, read_only=True)


def _takes_writes(path: Path | str) -> bool:
    """Not on a medium that takes no writes, nor a copy kept in the backup folder."""
    return writable(path) and not in_backup_folder(path)


def open_reader(path: Path | str) -> OpenRegister:
    """A second connection to a register the window holds, for long work that only reads
    (an export, a spreadsheet, a backup) beside the write lane: each of its transactions
    reads one consistent state while WAL lets the lane's writes go on, and it cannot write
    (query_only). An encrypted register's is keyed as every connection is (store.cipher)."""
    opened = open_existing(path, read_only=not _takes_writes(path))  # a CD, a locked stick
    opened.db.execute("PRAGMA query_only = ON")
    opened.read_only = True
    return opened


def create_upper_register(
    path: Path | str, name: str, province_code: str = "", *, encrypted: NewKey | None = None
) -> Commune:
    """A new upper-level register (a province's, a Border Guard post's): it merges the
    bundles of many communes (of ``province_code`` only, when given) and edits none."""
    from desktop.domain.text import normalize_text
    from desktop.domain.text_bounds import LINE_MAX, TextField, refuse_long_text
    from desktop.domain.validation import is_formula_like  # not to open a register

    name = normalize_text(name)
    if not name:
        raise KnownError("upper.no_name")
    refuse_long_text({"name": TextField("Tên", LINE_MAX)}, {"name": name})  # heads its bundles
    if is_formula_like(name):  # it heads what the register sends, and may reach a sheet
        raise KnownError("upper.formula_like", name=name)
    province_name = ""
    if province_code:
        from desktop.store.admin_units import find_province

        found = find_province(province_code.strip())
        if found is None:
            raise KnownError("province.unknown", code=province_code)
        province_code, province_name = found.code, found.name
    with building_register(path, encrypted) as building:
        db = open_register(building, create=True)
        try:
            with db.atomic():
                local.bind_replica(db, this_installation().id, local.file_place(path, building))
                local.set_setting(db, local.UPPER_NAME, name)
                local.set_setting(db, local.UPPER_PROVINCE, province_code)
        finally:
            db.close()
    return Commune(code="", name=name, province_code=province_code, province_name=province_name)


def create_from_bundle(
    path: Path | str,
    bundle_path: Path,
    *,
    encrypted: NewKey | None = None,
    identity: str | None = None,
) -> tuple[Commune, Any]:
    """A new installation of a commune rebuilt from its last bundle (a dead PC, a second PC
    of the commune): the register is that commune's, filled from the bundle. The merge's
    result comes back with the commune; KnownError (and no register) when it is refused.
    A bundle encrypted to a receiver (`export --to`) opens with that receiver's age secret
    key, ``identity``; the new register keeps an age key of its own."""
    from desktop.exchange.bundle_file import open_bundle
    from desktop.services.merge import decryptor, merge_bundle

    try:
        # Its manifest and signature only: the merge below checks every entry before it
        # commits, and a refused merge leaves no register (the bundle was read twice).
        opener = decryptor(None, identity) if identity else None
        bundle = open_bundle(bundle_path, decrypt=opener, whole=False)
    except KnownError as err:
        if err.code == "bundle.encrypted":  # say which key it takes
            raise KnownError("bundle.needs_identity", file=bundle_path.name) from err
        raise
    try:
        manifest = bundle.manifest
    finally:
        bundle.close()
    if manifest.register != "commune" or len(manifest.communes) != 1:
        raise KnownError("bundle.not_a_commune", file=bundle_path.name)
    if manifest.kind != "full":  # a register rebuilt from changes alone would lack the rest
        raise KnownError("bundle.not_full", file=bundle_path.name)
    commune = official_commune(manifest.communes[0])
    with building_register(path, encrypted) as building:
        db = open_register(building, create=True)
        try:
            with db.atomic():
                writer = _new_file_writer(db, installation_for(db).id, commune.code, path, building)
                local.set_setting(db, local.REGISTER_COMMUNE, commune.code)
                if manifest.sample:  # a copy of sample data is sample data
                    local.mark_sample(db)
            made = OpenRegister(Path(building), db, commune, writer)
            result = merge_bundle(made, bundle_path, backup=False, identity=identity)
            if result.refused is not None:
                raise result.refused
            _first_campaign(writer)
            commune = get_commune(db) or commune
        finally:
            db.close()
    return commune, result


def upper_register_commune(db: Database) -> Commune | None:
    """What an upper-level register shows where a commune register shows its commune: its
    name and province (no commune code: it edits no commune's rows)."""
    name = local.get_setting(db, local.UPPER_NAME)
    if name is None:
        return None
    code = local.get_setting(db, local.UPPER_PROVINCE) or ""
    from desktop.store.admin_units import find_province

    province = find_province(code) if code else None
    return Commune(
        code="", name=name, province_code=code, province_name=province.name if province else ""
    )


def _replica(db: Database, installation_id: str, path: Path, read_only: bool) -> str:
    """The id this file's edits count under (store.local.bind_replica): a file that is not
    the one its id was made for (a copy, a backup, a file from another PC) gets its own,
    written in a short transaction the first time it is opened for writing. A register
    opened read-only writes nothing, so it needs none."""
    place = local.file_place(path)
    found = local.replica_id(db, installation_id, place)
    if found is not None and local.get_setting(db, local.REPLICA_FILE) == place.text():
        return found
    if read_only:
        return found or installation_id
    with db.atomic():
        return local.bind_replica(db, installation_id, place)


def _new_file_writer(
    db: Database, installation_id: str, commune_code: str, path: Path | str, building: Path
) -> Writer:
    """The writer of a register being built at ``building`` for ``path`` (inside the
    caller's transaction): its replica id is made for the file as it will be once moved
    into place (the rename keeps its inode)."""
    replica = local.bind_replica(db, installation_id, local.file_place(path, building))
    return Writer(db, installation_id, commune_code, replica=replica)


def installation_for(db: Database) -> Installation:
    """This PC's installation; on a PC with none yet, the one a register made before
    identities left the register file carried (its history keeps naming it)."""
    return this_installation(adopt=local.get_setting(db, local.LEGACY_INSTALLATION))


def _first_campaign(writer: Writer, plan: CampaignPlan | None = None) -> None:
    """services.campaigns.ensure_first_campaign, imported only when a register has no
    campaign yet: opening one (the window's start) does not load the templates, nor the
    pledges' store and domain."""
    if plan is None and writer.db.execute("SELECT 1 FROM campaign LIMIT 1").fetchone():
        return
    from desktop.services.campaigns import ensure_first_campaign

    ensure_first_campaign(writer, plan)
