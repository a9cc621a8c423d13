"""Merging bundles into a register: one transaction per bundle, after a backup copy (one
copy for a batch of bundles merged together).

Each row of the bundle meets the register's versions of it (domain.versions): the version
that descends from the others replaces them; concurrent ones give every installation the
same winner and keep the rest in the conflict queue. A bundle refused for any reason
(damaged, tampered, another commune's, a newer format, …) leaves the register untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import commune_id
from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress, WorkStopped, collector_paused
from desktop.exchange.bundle_file import Bundle
from desktop.services.merge_helper import BatchReading, HelperStopped, LineFeed
from desktop.services.merge_lines import by_lines, incoming, incoming_conflicts, lines_of
from desktop.services.merge_rows import TableCounts, TableMerge, chunks, refresh_people
from desktop.services.print_marks import settle_print_marks
from desktop.services.register import OpenRegister
from desktop.services.set_apart import (
    apart_in_upper,
    check_commune_register,
    check_upper_register,
    drop_hamlets_typed_twice,
    first_of_its_register,
    holds_households,
)
from desktop.store import local, replicas
from desktop.store.admin_units import find_commune, find_province, province_of
from desktop.store.backups import take_backup
from desktop.store.bulk import LoadBatch, bulk_load, loading_into
from desktop.store.private_columns import PrivatePart, merge_private
from desktop.store.registry import TABLES
from desktop.store.row_decoder import READY_SCHEMA, column_types
from desktop.store.sync import utc_now

log = logging.getLogger(__name__)


@dataclass
class MergeResult:
    """What one bundle did, or why it was refused (``refused``; nothing was written)."""

    source: str
    counts: dict[str, TableCounts] = field(default_factory=dict)
    communes: list[str] = field(default_factory=list)
    installation_id: str = ""
    refused: KnownError | None = None
    cancelled: bool = False
    public_key: str = ""
    first_meeting: bool = False  # from an installation this register had never met
    sample: bool = False  # made-up sample households came in: the register is now marked so
    # This register's own hamlets with no household that the bundle brought again (typed
    # twice: a PC set up through the wizard before the office's bundle came), now deleted.
    hamlets_typed_twice: list[str] = field(default_factory=list)

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.counts.values())


@dataclass
class BatchBackup:
    """The backup copy of a batch of bundles merged together: taken before the first of
    them that gets to write, then each bundle is one transaction after it. A copy per
    bundle would cost a whole copy of the register each (40 commune bundles into a
    270 MB upper register: 40 copies, 5 GB written) and its rotation, which keeps the
    last ten, would drop the one copy that matters, the register as it was before."""

    taken: Path | None = None

    def take(self, reg: OpenRegister) -> None:
        if self.taken is None:
            self.taken = take_backup(reg.db, reg.path, "merge")


def merge_bundles(
    reg: OpenRegister,
    paths: list[Path],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    confirmed: Collection[tuple[str, str]] | None = None,
) -> list[MergeResult]:
    """Each bundle on its own (a refused one does not stop the others). ``confirmed``: the
    (installation id, signing key) pairs a person confirmed; given, a bundle of any other
    installation this register never met is refused (None: trusted on first use). A
    bundle of changes that continues another of the same batch waits for it: the files'
    order, as a file dialog or a shell lists them, does not change what is merged. One
    backup copy for the batch (BatchBackup)."""
    results: list[MergeResult] = [MergeResult(path.name) for path in paths]
    backup = BatchBackup()
    pending = list(range(len(paths)))
    # Each bundle opened with the next one ahead of it, whose lines one helper process kept
    # for the batch reads meanwhile (merge_helper.BatchReading).
    reading = BatchReading(reg.db, decryptor(reg.db))
    try:
        with LoadBatch(reg.db) as batch:  # one checkpoint and sync for the batch, at its end
            while pending:
                waiting = []
                for at, index in enumerate(pending):
                    with batch.synced():  # each bundle is one transaction: an edit waits
                        reg.between_transactions()
                    if cancelled and cancelled():
                        results[index] = MergeResult(paths[index].name, cancelled=True)
                        continue
                    following = paths[pending[at + 1]] if at + 1 < len(pending) else None
                    results[index] = merge_bundle(
                        reg,
                        paths[index],
                        progress,
                        cancelled,
                        backup=backup,
                        confirmed=confirmed,
                        reading=(reading, following),
                    )
                    refused = results[index].refused
                    if refused is not None and refused.code == "bundle.gap":
                        waiting.append(index)
                if len(waiting) == len(pending):  # none of them merged: nothing to wait for
                    break
                pending = waiting
    finally:
        reading.close()
    return results


def merge_bundle(
    reg: OpenRegister,
    path: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    backup: bool | BatchBackup = True,
    confirmed: Collection[tuple[str, str]] | None = None,
    identity: str | None = None,
    reading: tuple[BatchReading, Path | None] | None = None,
) -> MergeResult:
    """Merge one bundle (after a backup copy: its own, or its batch's; none when ``backup``
    is off for a register being made from it); a refused one is reported in the result,
    never half-applied. ``identity``: the age secret key it was encrypted to, when not this
    register's; ``reading``: its batch's reading, and the batch's next bundle to open ahead.
    The cycle collector is paused meanwhile (collector_paused: a district's bundle makes
    millions of short-lived values, and each collection walked them again)."""
    batch, following = reading or (BatchReading(reg.db, decryptor(reg.db, identity)), None)
    try:
        with collector_paused():
            try:
                return _merge_bundle(
                    reg, path, progress, cancelled, backup, confirmed, batch, following
                )
            except HelperStopped as exc:  # its transaction rolled back: nothing was written
                log.warning("bundle %s read again in this process: %s", path.name, exc)
                return _merge_bundle(
                    reg,
                    path,
                    progress,
                    cancelled,
                    backup,
                    confirmed,
                    batch,
                    following,
                    helped=False,
                )
    finally:
        if reading is None:
            batch.close()


def _merge_bundle(
    reg: OpenRegister,
    path: Path,
    progress: Progress | None,
    cancelled: Cancelled | None,
    backup: bool | BatchBackup,
    confirmed: Collection[tuple[str, str]] | None,
    reading: BatchReading,
    following: Path | None,
    helped: bool = True,
) -> MergeResult:
    result = MergeResult(path.name)
    try:
        # Each entry's hash is checked as it is read (check_whole: those not read).
        bundle = reading.open(path, following)
    except KnownError as err:
        result.refused = err
        return result
    feed = None
    try:
        # Its lines read and decoded in a helper process meanwhile (a big bundle, a batch).
        feed = reading.feed(bundle) if helped else None
        manifest = bundle.manifest
        result.communes, result.installation_id = manifest.communes, manifest.installation_id
        check_scope(reg.db, bundle)
        replicas.check_installation(
            reg.db, manifest.installation_id, manifest.public_key, bundle.source
        )
        _check_first_meeting(reg, bundle, result, confirmed)
        _check_continuity(reg, bundle)
        if isinstance(backup, BatchBackup):
            backup.take(reg)
        elif backup:
            take_backup(reg.db, reg.path, "merge")
        held = holds_households(reg)
        first = result.first_meeting or first_of_its_register(reg, bundle)
        apart = apart_in_upper(reg, bundle)
        with _ready_schema(reg.db, feed) as ready, reg.db.atomic():
            with bulk_load(reg.db) as load:  # new rows indexed and noted once a table
                steps = (feed, ready, load.finish)
                _apply(reg.db, bundle, result, progress, cancelled, steps)
            bundle.check_whole()  # the entries not read (or not to their end) hashed too
            _check_communes_named(reg.db, bundle)
            check_commune_register(bundle, result.counts, first, held)
            result.hamlets_typed_twice = drop_hamlets_typed_twice(
                reg, bundle, result.counts, first, held
            )
            check_upper_register(reg.db, bundle, apart)
            _settle_print_marks(reg, result)
            replicas.meet_installation(
                reg.db, manifest.installation_id, manifest.public_key, manifest.communes
            )
            _first_campaign_choice(reg.db, manifest.current_campaign)
            local.note_received_seq(reg.db, manifest.register_id, manifest.seq)
            if manifest.sample and not local.is_sample(reg.db):
                local.mark_sample(reg.db)  # an upper register that took sample data says so
                result.sample = True
            replicas.log_bundle(reg.db, _record(bundle, result))
            reg.writer.note("bundle", bundle.sha256[:16], "merge", _summary(result))
    except KnownError as err:  # a tampered entry is called so, whatever it broke first
        result.refused, result.counts = bundle.refusal(err), {}
    except WorkStopped:
        result.cancelled, result.counts = True, {}
    finally:
        if feed is not None:
            feed.close()
        bundle.close()
    if result.refused:
        log.warning("bundle %s refused: %s", path.name, result.refused.code)
    return result


@contextmanager
def _ready_schema(db: Database, feed: LineFeed | None) -> Iterator[bool]:
    """READY_SCHEMA attached to the merge's connection for a bundle whose helper sends rows
    ready to store (ReadyRows), before its transaction (SQLite attaches none within one)
    and detached after it; whether it is."""
    attach = feed is not None and feed.ready and not db.conn.in_transaction
    if attach:
        db.conn.execute(f"ATTACH ':memory:' AS {READY_SCHEMA}")
    try:
        yield attach
    finally:
        if attach:
            db.conn.execute(f"DETACH {READY_SCHEMA}")


def _settle_print_marks(reg: OpenRegister, result: MergeResult) -> None:
    """A pledge conflict of a print mark against a recorded result is answered at once
    (services.print_marks): the bundle's count says what waits for a person."""
    pledges = result.counts.get("pledge")
    if pledges is not None and pledges.conflicts:
        pledges.conflicts = max(0, pledges.conflicts - settle_print_marks(reg))


def _check_first_meeting(
    reg: OpenRegister,
    bundle: Bundle,
    result: MergeResult,
    confirmed: Collection[tuple[str, str]] | None,
) -> None:
    sender, key = bundle.manifest.installation_id, bundle.manifest.public_key
    result.public_key = key
    result.first_meeting = sender != reg.installation_id and not replicas.has_met(reg.db, sender)
    if result.first_meeting and confirmed is not None and (sender, key) not in confirmed:
        raise KnownError("bundle.unconfirmed", file=bundle.source, installation=sender[:8])


def _check_communes_named(db: Database, bundle: Bundle) -> None:
    """Every commune of the bundle has its one row (name, province) here once it is merged:
    from the bundle, or already held, under the id every installation gives it
    (domain.entities.commune_id). A bundle made by another program without it would leave
    its households under a commune with no name (and a register made from it unset); one
    with it under another id, a second row of the commune (its households twice in a
    spreadsheet)."""
    codes = bundle.manifest.communes
    marks = ",".join("?" * len(codes))
    rows = db.execute(
        f"SELECT id, code, deleted FROM commune WHERE code IN ({marks})", codes
    ).fetchall()
    stray = sorted({code for row_id, code, _deleted in rows if row_id != commune_id(code)})
    if stray:
        raise KnownError("bundle.commune_row_id", file=bundle.source, codes=", ".join(stray))
    named = {code for _id, code, deleted in rows if not deleted}
    missing = [code for code in codes if code not in named]
    if missing:
        raise KnownError("bundle.commune_row_missing", file=bundle.source, codes=", ".join(missing))


def _check_continuity(reg: OpenRegister, bundle: Bundle) -> None:
    """An incremental bundle carries the changes after an earlier bundle of its register:
    refused (nothing is lost) unless this register has merged that far from it, or made
    it. A copy of the file (on another PC) holds the original's register id until its own
    first export, but not the original's later changes: a bundle of them is not its own."""
    manifest, db = bundle.manifest, reg.db
    if manifest.kind != "incremental":
        return
    here = reg.installation_id
    if manifest.installation_id == here and manifest.register_id == local.register_id_for(db, here):
        return
    seen = local.received_seq(db, manifest.register_id)
    if seen < manifest.since_seq:
        raise KnownError("bundle.gap", file=bundle.source)


def decryptor(db: Database | None, identity: str | None = None) -> Any:
    """What opens a bundle encrypted with age: this register's secret key, or ``identity``,
    a receiver's secret key given for it (`init --from … --identity`, a rebuilt PC)."""

    def decrypt(data: bytes) -> bytes:
        import pyrage

        secret = identity or (local.get_setting(db, local.AGE_IDENTITY) if db else None)
        if secret is None:
            raise KnownError("bundle.not_for_us", file="")
        try:
            return bytes(pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(secret)]))
        except pyrage.DecryptError as exc:
            if "no matching keys" in str(exc).lower():
                code = "bundle.not_for_identity" if identity else "bundle.not_for_us"
                raise KnownError(code, file="") from exc
            # Ours, but cut short or damaged on the way.
            raise KnownError("bundle.damaged", file="", detail=f"age: {exc}") from exc

    return decrypt


def check_scope(db: Database, bundle: Bundle) -> None:
    """A commune register takes its own commune's bundles; an upper-level one any
    commune's and other upper registers' (of its province when it has one). A commune
    register that is not sample data refuses a sample register's bundle: its made-up
    households would sit beside the real ones under the same commune code. An upper register
    takes it (each commune stays apart there; trainers practise merging on the demo) and is
    marked as holding sample data from then on."""
    manifest, source = bundle.manifest, bundle.source
    if manifest.sample and not local.is_sample(db) and not local.is_upper(db):
        raise KnownError("bundle.sample_data", file=source)
    if not manifest.communes:
        raise KnownError("bundle.damaged", file=source, detail="no commune")
    unknown = sorted(set(bundle.tables()) - {spec.name for spec in TABLES})
    if unknown:  # a table this version does not know: its rows would be dropped unseen
        raise KnownError("bundle.unknown_entry", file=source, entry=f"tables/{unknown[0]}.csv")
    if local.is_upper(db):
        province = local.get_setting(db, local.UPPER_PROVINCE) or ""
        for code in manifest.communes:
            unit = find_commune(code)
            if province and (unit is None or unit.province_code != province):
                named = f"{unit.name}, {province_of(unit).name} ({code})" if unit else code
                ours = found.name if (found := find_province(province)) else province
                raise KnownError("bundle.other_province", file=source, commune=named, ours=ours)
        return
    own = local.get_setting(db, local.REGISTER_COMMUNE)
    if manifest.register != "commune":  # its own commune's rows too: relayed, not its PCs'
        raise KnownError("bundle.from_upper", file=source, name=manifest.name or "không tên")
    if manifest.communes != [own]:
        named = ", ".join(
            f"{u.name} ({u.code})" if (u := find_commune(c)) else c for c in manifest.communes
        )
        ours = f"{u.name} ({u.code})" if own and (u := find_commune(own)) else own or ""
        raise KnownError("bundle.other_commune", file=source, communes=named, own=ours)


def _apply(
    db: Database,
    bundle: Bundle,
    result: MergeResult,
    progress: Progress | None,
    cancelled: Cancelled | None,
    steps: tuple[LineFeed | None, bool, Callable[[str], None]],
) -> None:
    """Each table's rows met, in the registry's order, and ``finish``ed (its new rows
    indexed for search and noted in the change log: a helper process reading the next
    table meanwhile); ``feed``: the lines of the tables read by lines (merge_lines.by_lines)
    as a helper process decoded them; ``ready``: the rows it made ready to store may be
    copied as they are (ReadyRows: READY_SCHEMA attached)."""
    feed, ready, finish = steps
    waiting = incoming_conflicts(bundle, {spec.name: column_types(db, spec) for spec in TABLES})
    total = sum(bundle.manifest.rows.values()) or 1
    done = 0
    renamed: set[str] = set()  # households whose code changed: their people's search text
    vouched: dict[str, set[str]] = {}  # rows written whose commune was checked (TableMerge)
    households: dict[str, tuple[str, str]] = {}  # households written: folded code, commune
    for spec in TABLES:
        counts = result.counts.setdefault(spec.name, TableCounts())
        meeting = TableMerge(db, bundle, spec, counts, vouched, households)
        # People made ready beside hold their household's code and commune as the bundle's
        # lines give them: taken when every household line was stored as read.
        if ready and spec.name == "person":
            of_households = result.counts.get("household", TableCounts())
            met = of_households.updated or of_households.unchanged or of_households.conflicts
            meeting.ready_rows = not met
        private: dict[str, PrivatePart] = {}  # a full bundle's private values of the chunk
        with loading_into(db, spec.name, bundle.manifest.rows.get(spec.name, 0)):
            if by_lines(spec, waiting):
                load = meeting.load_new if meeting.empty else meeting.meet_lines
                read = feed.lines(spec.name) if feed is not None else lines_of(db, bundle, spec)
                for lines in read:
                    if cancelled and cancelled():
                        raise WorkStopped
                    load(lines)
                    done += len(lines)
                    if progress:
                        progress(min(done, total), total)
            else:
                for chunk in chunks(incoming(db, bundle, spec, waiting, private)):
                    if cancelled and cancelled():
                        raise WorkStopped
                    replaced = merge_private(db, spec, private) if private else set()
                    meeting.meet(chunk, replaced)
                    if private:  # the rows new to this register
                        fresh = {k: v for k, v in private.items() if k not in replaced}
                        merge_private(db, spec, fresh)
                        private.clear()
                    done += len(chunk)
                    if progress:
                        progress(min(done, total), total)
        renamed |= meeting.renamed
        if spec.name == "person" and renamed:
            refresh_people(db, renamed)
        finish(spec.name)


def _first_campaign_choice(db: Database, campaign_id: str) -> None:
    """A register with no current campaign yet takes the one the sender was working on."""
    if local.is_upper(db) or not campaign_id or local.get_setting(db, local.CURRENT_CAMPAIGN):
        return
    if db.execute("SELECT 1 FROM campaign WHERE id = ? AND deleted = 0", [campaign_id]).fetchone():
        local.set_setting(db, local.CURRENT_CAMPAIGN, campaign_id)


def _summary(result: MergeResult) -> dict[str, Any]:
    return {
        "file": result.source,
        "installation": result.installation_id,
        "new": result.total("new"),
        "updated": result.total("updated"),
        "unchanged": result.total("unchanged"),
        "conflicts": result.total("conflicts"),
    }


def _record(bundle: Bundle, result: MergeResult) -> replicas.BundleRecord:
    return replicas.BundleRecord(
        "received",
        utc_now(),
        bundle.source,
        bundle.sha256,
        bundle.manifest.installation_id,
        " ".join(bundle.manifest.communes),
        bundle.manifest.made_at,
        # Which register sent it: set_apart judges a register's first bundle of a commune.
        {**_summary(result), "register_id": bundle.manifest.register_id},
    )
