"""Pledge attachments (signatures, scanned sheets): files read within bounds, rows, bytes."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.domain.entities import new_id
from desktop.domain.errors import KnownError
from desktop.domain.pledges import (
    MAX_ATTACHMENT_BYTES,
    Attachment,
    AttachmentKind,
    check_attachment_size,
)
from desktop.file_kinds import refuse_register
from desktop.store.sync import Writer

_COLUMNS = "id, pledge_id, kind, mime, sha256, size, file_name, created_at"


def _attachment(row: Sequence[Any]) -> Attachment:
    aid, pledge_id, kind, mime, sha256, size, file_name, created_at = row
    return Attachment(
        pledge_id, AttachmentKind(kind), mime, sha256, size, file_name, created_at, aid
    )


def read_attachment_file(path: Path) -> bytes:
    """A file's bytes, opened once, measured on the open file and read at most one byte
    past the limit: a device or pipe that says it is empty (a link to /dev/zero) is
    refused when it gives more, without reading on. KnownError naming the file."""
    refuse_register(path)
    try:
        with path.open("rb") as fh:
            check_attachment_size(os.fstat(fh.fileno()).st_size, path.name)
            data = fh.read(MAX_ATTACHMENT_BYTES + 1)
    except OSError as exc:
        raise KnownError(
            "attachment.unreadable", name=str(path), detail=exc.strerror or str(exc)
        ) from exc
    check_attachment_size(len(data), path.name)
    return data


def add_attachment(
    writer: Writer, pledge_id: str, kind: AttachmentKind, mime: str, data: bytes, file_name: str
) -> Attachment:
    """Store the bytes; the audit row names the SHA-256 and the size, never the bytes."""
    record = writer.insert(
        "attachment",
        {
            "id": new_id(),
            "pledge_id": pledge_id,
            "kind": str(kind),
            "mime": mime,
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
            "file_name": file_name,
            "bytes": data,
        },
    )
    return _attachment([record[c.strip()] for c in _COLUMNS.split(",")])


def attachments_of(db: Database, pledge_id: str) -> list[Attachment]:
    """A pledge's live attachments, oldest first (no bytes)."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM attachment WHERE pledge_id = ? AND deleted = 0"
        " ORDER BY created_at, rowid",
        [pledge_id],
    ).fetchall()
    return [_attachment(r) for r in rows]


def attachment_bytes(db: Database, attachment_id: str) -> bytes:
    row = db.execute("SELECT bytes FROM attachment WHERE id = ?", [attachment_id]).fetchone()
    return bytes(row[0]) if row else b""


def latest_signatures(db: Database, pledge_ids: Sequence[str]) -> dict[str, bytes]:
    """The last signature PNG of each pledge that has one."""
    found: dict[str, bytes] = {}
    for start in range(0, len(pledge_ids), 500):  # stay under SQLite's bound-variable limit
        chunk = list(pledge_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        for pledge_id, data in db.execute(
            f"SELECT pledge_id, bytes FROM attachment WHERE kind = 'signature' AND deleted = 0"
            f" AND pledge_id IN ({marks}) ORDER BY created_at, rowid",
            chunk,
        ):
            found[pledge_id] = bytes(data)
    return found
