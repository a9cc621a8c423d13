"""Exporting a register as a bundle (full, or the changes after an earlier one), its keys."""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import random_id
from desktop.domain.errors import KnownError
from desktop.domain.long_work import Cancelled, Progress, WorkStopped
from desktop.exchange.bundle_file import (
    CONFLICT_COLUMNS,
    CONFLICTS,
    BundleWriter,
    Manifest,
    attachment_entry,
    open_bundle,
    table_entry,
)
from desktop.exchange.identity import Installation
from desktop.file_kinds import refuse_register
from desktop.outputs import check_output, discard, output_stream, same_file
from desktop.services.export_repairs import Repair, prepare_export, unsendable_refusal
from desktop.services.register import OpenRegister
from desktop.services.unsendable import unsendable
from desktop.store import local, replicas
from desktop.store.register_database import known_sqlite_errors
from desktop.store.registry import TABLES, SyncedTable
from desktop.store.sync import utc_now


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    kind: str  # "full" or "incremental"
    rows: dict[str, int]
    encrypted: bool
    cancelled: bool = False
    sample: bool = False  # from a sample register: no real register will merge it
    # Rows no screen can repair that CamKet repaired itself just before (export_repairs).
    repaired: tuple[Repair, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True)
class Keys:
    installation_id: str
    signing_key: str  # Ed25519 public key, base64
    age_recipient: str  # "age1…": what a sender passes as --to


def register_keys(reg: OpenRegister) -> Keys:
    import pyrage

    with reg.db.atomic():
        identity = local.age_identity(reg.db)
    installation = reg.signer()
    recipient = str(pyrage.x25519.Identity.from_str(identity).to_public())
    return Keys(installation.id, installation.public_key, recipient)


def _key_file_text(path: Path, *, missing: str) -> str:
    """The start of a key file's text (a key file is a few lines; a register picked by
    mistake is refused); KnownError ``missing`` when there is no such file."""
    refuse_register(path)
    try:
        with path.open("rb") as fh:  # not the whole of a film or a disk image chosen by mistake
            start = fh.read(100_000)
    except FileNotFoundError as exc:
        raise KnownError(missing, file=str(path)) from exc
    except OSError as exc:
        raise KnownError("export.key_file_unreadable", file=str(path), detail=exc.strerror) from exc
    # Notepad saves the key pasted into it as "UTF-8" with a byte order mark, or as
    # "Unicode" (UTF-16): read as the mark says, not as a key mistyped.
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return start.decode("utf-16", errors="replace")
    return start.decode("utf-8-sig", errors="replace")


def read_recipient(path: Path) -> str:
    """The age recipient in a key file (what `camket keys` printed, or an `age-keygen`
    public key line); KnownError when there is none."""
    import pyrage

    text = _key_file_text(path, missing="export.key_file_missing")
    for word in text.replace(":", " ").split():
        if word.startswith("age1") and len(word) > 50:
            try:  # a key mistyped (read over the phone) fails its checksum
                return str(pyrage.x25519.Recipient.from_str(word))
            except pyrage.RecipientError as exc:
                raise KnownError("export.bad_key_file", file=str(path)) from exc
    raise KnownError("export.bad_key_file", file=str(path))


def read_identity(path: Path) -> str:
    """The age secret key in an identity file (what `age-keygen -o FILE` writes, a line
    ``AGE-SECRET-KEY-1…``); KnownError when there is none."""
    import pyrage

    text = _key_file_text(path, missing="bundle.identity_file_missing")
    for word in text.split():
        if word.upper().startswith("AGE-SECRET-KEY-1"):
            try:
                return str(pyrage.x25519.Identity.from_str(word.upper()))
            except pyrage.IdentityError as exc:  # mistyped: its checksum fails
                raise KnownError("bundle.bad_identity_file", file=str(path)) from exc
    raise KnownError("bundle.bad_identity_file", file=str(path))


@dataclass(frozen=True)
class WrittenBundle:
    """A bundle written whole from one snapshot of the register, not yet among the bundles
    sent (``record`` is None when it was cancelled: no file)."""

    summary: ExportSummary
    record: replicas.BundleRecord | None
    register_id: str  # made now when the register never exported: kept by record_sent


def export_bundle(
    reg: OpenRegister, out: Path, *, since: Path | None = None, **asked: Any
) -> ExportSummary:
    """prepare_export (the rows no screen can repair, repaired and committed first), then
    write_bundle (with its keyword arguments) and record_sent: a command's export on the one
    connection it has."""
    check_output(out)  # never over the register or another SQLite file, before any work
    if not _communes(reg.db):
        raise KnownError("export.no_commune")
    if since is not None and same_file(since, out):
        # "--since last.camket --out last.camket": the bundle the changes continue would
        # be gone, and a receiver that had not merged it refuses the changes (a gap).
        raise KnownError("export.since_is_out", file=out.name)
    mark = since_mark(reg, since) if since else int(asked.pop("since_seq", 0))
    repaired = prepare_export(reg, mark)
    return record_sent(reg, write_bundle(reg, out, since_seq=mark, repaired=repaired, **asked))


def since_mark(reg: OpenRegister, since: Path) -> int:
    """The change mark of the earlier bundle ``since`` this register sent (KnownError when
    another register or PC made it)."""
    installation_id = reg.signer().id
    register_id = local.register_id_for(reg.db, installation_id) or random_id()
    return _since_mark(reg, since, installation_id, register_id)


def write_bundle(
    reg: OpenRegister,
    out: Path,
    *,
    since: Path | None = None,
    since_seq: int = 0,
    to: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    repaired: tuple[Repair, ...] | None = None,
) -> WrittenBundle:
    """Write the register (or its changes after the bundle ``since``, which this register
    made, or the changes after the mark ``since_seq`` of a bundle it sent, as its record in
    the bundles sent says) to ``out``, signed; encrypted to the key in the file ``to`` when
    given. The file appears whole or not at all. Read from one snapshot without writing to
    the register: the window runs it on a read connection beside the write lane, so the
    clerk's edits save meanwhile (each is wholly in this bundle, or after its change mark:
    in the next); record_sent then notes it among the bundles sent. ``repaired``: what
    prepare_export repaired before (on the write lane), for the summary's notice; None when
    it did not run: the values a peer would refuse are then looked for here
    (refuse_unsendable)."""
    check_output(out)  # never over the register or another SQLite file, before any work
    if not _communes(reg.db):  # an upper register that merged nothing yet: every reader
        raise KnownError("export.no_commune")  # would refuse a bundle of no commune
    installation = reg.signer()
    recipient = read_recipient(to) if to else None
    register_id = local.register_id_for(reg.db, installation.id) or random_id()
    if since:
        since_seq = _since_mark(reg, since, installation.id, register_id)
    elif since_seq:  # a bundle chosen among those sent (the window): sent from here
        _check_sent_here(reg, since_seq, installation.id, register_id)
    plan = _Plan(installation, register_id, since_seq, checked=repaired is not None)
    stopped = WrittenBundle(
        ExportSummary(out, "", {}, False, cancelled=True, repaired=repaired or ()),
        None,
        register_id,
    )
    if recipient:  # encrypted whole: the plain ZIP is never on the disk
        buffer = io.BytesIO()
        manifest = _write_bundle(reg, BundleWriter(buffer), plan, progress, cancelled)
        if manifest is None:
            return stopped
        import pyrage

        data = pyrage.encrypt(buffer.getvalue(), [pyrage.x25519.Recipient.from_str(recipient)])
        del buffer
        with output_stream(out) as stream:
            stream.write(data)
        digest = hashlib.sha256(data).hexdigest()
    else:  # written straight into the file (a province's bundle is ~200 MB), whole or not
        try:
            with output_stream(out) as stream:
                writer = BundleWriter(stream)
                try:
                    written = _write_bundle(reg, writer, plan, progress, cancelled)
                finally:
                    writer.abandon()  # unless finished: the file is removed, whole or not
                if written is None:
                    raise WorkStopped
                manifest = written
        except WorkStopped:
            return stopped
        digest = _sha256_of_file(out)
    rows, mark, communes = manifest.rows, manifest.seq, manifest.communes
    record = replicas.BundleRecord(
        "sent",
        utc_now(),
        out.name,
        digest,
        installation.id,
        " ".join(communes),
        manifest.made_at,
        {
            "kind": manifest.kind,
            "rows": rows,
            "encrypted": bool(recipient),
            "seq": mark,
            "register_id": manifest.register_id,
        },
    )
    if progress:
        progress(len(TABLES) + 1, len(TABLES) + 1)
    summary = ExportSummary(
        out, manifest.kind, rows, bool(recipient), sample=manifest.sample, repaired=repaired or ()
    )
    return WrittenBundle(summary, record, register_id)


def record_sent(reg: OpenRegister, written: WrittenBundle) -> ExportSummary:
    """The bundle among the bundles sent (what "only the changes since" offers), in one short
    write transaction; on a register's first export, with the id its bundles carry."""
    if written.record is not None:
        try:
            with known_sqlite_errors(reg.path), reg.db.atomic():
                if local.register_id_if_any(reg.db) != written.register_id:  # first, or a copy's
                    local.set_setting(reg.db, local.REGISTER_ID, written.register_id)
                installation_id = written.record.installation_id
                local.set_setting(reg.db, local.REGISTER_INSTALLATION, installation_id)
                replicas.log_bundle(reg.db, written.record)
        except BaseException:
            # Not among the bundles sent (the register's disk full, the register busy past
            # the wait): the file goes too, as the message says nothing was written. Kept, it
            # was carried off as sent, under a register id the next bundle does not carry.
            discard(written.summary.path)
            raise
    return written.summary


@dataclass(frozen=True)
class _Plan:
    installation: Installation  # who signs it
    register_id: str
    since_seq: int  # 0: every row; else the changes after this mark
    # prepare_export looked for values a peer refuses just before (nothing written since can
    # hold one: every path that writes holds values to the rules a merge reads them by):
    # not looked for again.
    checked: bool = False


def _write_bundle(
    reg: OpenRegister,
    writer: BundleWriter,
    plan: _Plan,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> Manifest | None:
    """Every table (or its changes after the plan's mark) and the conflict queue as one
    consistent state of the register, then the signed manifest; None when cancelled."""
    installation, register_id, since_seq = plan.installation, plan.register_id, plan.since_seq
    with replicas.snapshot(reg.db):
        if not plan.checked:
            refuse_unsendable(reg.db, since_seq)
        mark = replicas.change_mark(reg.db)
        communes = _communes(reg.db)
        rows = {}
        for number, spec in enumerate(TABLES, start=1):
            if cancelled and cancelled():
                return None
            rows[spec.name] = _write_table(reg.db, writer, spec, since_seq, communes)
            if progress:
                progress(number, len(TABLES) + 1)
        writer.write_csv(CONFLICTS, CONFLICT_COLUMNS, _conflicts(reg.db))
        current = local.get_setting(reg.db, local.CURRENT_CAMPAIGN) or ""
        manifest = Manifest(
            kind="incremental" if since_seq else "full",
            register="upper" if local.is_upper(reg.db) else "commune",
            communes=communes,
            installation_id=installation.id,
            public_key=installation.public_key,
            made_at=utc_now(),
            seq=mark,
            register_id=register_id,
            province=local.get_setting(reg.db, local.UPPER_PROVINCE) or "",
            name=local.get_setting(reg.db, local.UPPER_NAME) or "",
            since_seq=since_seq,
            current_campaign=current,
            sample=local.is_sample(reg.db),
            rows=rows,
        )
    writer.finish(manifest, installation.sign)
    return manifest


def _sha256_of_file(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            sha.update(chunk)
    return sha.hexdigest()


def refuse_unsendable(db: Database, since: int) -> None:
    """KnownError listing the values the bundle would carry that a peer's merge refuses
    (services.unsendable): every peer would refuse the bundle whole, so none is made.
    prepare_export has repaired those no screen reaches where it safely can."""
    found = unsendable(db, since)
    if found:
        raise unsendable_refusal(found)


def _write_table(
    db: Database, writer: BundleWriter, spec: SyncedTable, since: int, communes: list[str]
) -> int:
    columns = spec.bundle_columns(full=not since)  # private columns travel in a full bundle only
    entry = table_entry(spec.name)
    if spec.name == "commune":
        # The row of a commune corrected at set-up (Cài đặt, before any household) stays
        # here as a tombstone; it is none of the bundle's communes, and a reader would
        # refuse the bundle for a row of another commune.
        code_at = columns.index("code")
        rows = replicas.rows_of(db, spec, columns, since)
        return writer.write_csv(entry, columns, (r for r in rows if r[code_at] in communes))
    if not spec.binary:
        return writer.write_csv(entry, columns, replicas.rows_of(db, spec, columns, since))
    # A ZIP takes one entry at a time: the files are written before their table's CSV is
    # opened (attachments are a signature or a scan per pledge: their rows are few).
    sha_at, width = columns.index("sha256"), len(columns)
    lines: list[tuple[Any, ...]] = []
    for row in replicas.rows_of(db, spec, [*columns, *spec.binary], since):
        for content in row[width:]:
            writer.write_bytes(attachment_entry(row[sha_at]), content)
        lines.append(tuple(row[:width]))
    return writer.write_csv(entry, columns, lines)


def _conflicts(db: Database) -> Iterator[list[str]]:
    for spec in TABLES:
        for row_id, vv, data in replicas.conflicts_in(db, spec):
            yield [spec.name, row_id, vv, data]


def _communes(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT code FROM commune WHERE deleted = 0 ORDER BY code")]


def _check_sent_here(reg: OpenRegister, seq: int, installation_id: str, register_id: str) -> None:
    sent = [
        r
        for r in replicas.bundle_records(reg.db, limit=10_000)
        if r.direction == "sent" and r.summary.get("seq") == seq
    ]
    if sent and not any(replicas.sent_from(r, installation_id, register_id) for r in sent):
        raise KnownError("export.since_foreign", file=sent[0].file_name)


def _since_mark(reg: OpenRegister, since: Path, installation_id: str, register_id: str) -> int:
    """The change mark of an earlier bundle this register sent: found by the file's hash in
    the bundles sent (an encrypted one too), else read from its manifest."""
    refuse_register(since)
    try:
        with since.open("rb") as fh:  # in pieces: a huge file chosen by mistake is not held
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError as exc:
        raise KnownError("bundle.missing", file=str(since)) from exc
    for record in replicas.bundle_records(reg.db, limit=10_000):
        if record.direction == "sent" and record.sha256 == digest and "seq" in record.summary:
            if not replicas.sent_from(record, installation_id, register_id):
                raise KnownError("export.since_foreign", file=since.name)
            return int(record.summary["seq"])
    bundle = open_bundle(since, whole=False)  # its signed manifest is all it is asked for
    try:
        made = bundle.manifest
    finally:
        bundle.close()
    if made.installation_id != installation_id or made.register_id != register_id:
        raise KnownError("export.since_foreign", file=since.name)
    return made.seq
