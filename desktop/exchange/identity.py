"""This installation's identity: its id and Ed25519 signing key, in the user data folder.

The identity belongs to the PC's user, never to a register file: copying a register to
another PC (or restoring it there) cannot clone who signs its bundles. The id is read
without loading `cryptography`, so opening a register stays quick.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import KnownError
from desktop.domain.row_ids import random_id
from desktop.userdata import data_dir

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

log = logging.getLogger(__name__)

IDENTITY_FILE = "installation.json"
KEY_FILE = "installation-key.pem"


@dataclass(frozen=True)
class Installation:
    """Who writes here: every row this PC edits is stamped with ``id``; every bundle it
    exports is signed with its key."""

    id: str
    folder: Path

    @cached_property
    def signing_key(self) -> Ed25519PrivateKey:
        """The key that signs this PC's bundles, made on first use."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        path = self.folder / KEY_FILE
        try:
            pem = path.read_bytes()
        except FileNotFoundError:
            made = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            pem = _create_once(path, made)
            if pem == made:
                log.info("made the signing key of installation %s", self.id)
        except OSError as exc:
            raise KnownError("identity.unreadable", path=str(path), detail=str(exc)) from exc
        try:
            loaded = serialization.load_pem_private_key(pem, password=None)
        except ValueError as exc:
            raise KnownError("identity.unreadable", path=str(path), detail=str(exc)) from exc
        if not isinstance(loaded, Ed25519PrivateKey):
            raise KnownError("identity.unreadable", path=str(path), detail="not Ed25519")
        return loaded

    @property
    def public_key(self) -> str:
        """The raw 32-byte public key, base64: what bundles carry and receivers record."""
        from cryptography.hazmat.primitives import serialization

        raw = self.signing_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return base64.b64encode(raw).decode("ascii")

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self.signing_key.sign(data)).decode("ascii")


def key_fingerprint(public_key: str) -> str:
    """A short, readable fingerprint of a signing key (base64, as bundles carry it): what a
    clerk compares with `camket keys` on the other PC before trusting its first bundle."""
    import hashlib

    try:
        raw = base64.b64decode(public_key, validate=True)
    except ValueError:
        raw = public_key.encode("utf-8")
    digest = hashlib.sha256(raw).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def this_installation(adopt: str | None = None) -> Installation:
    """This PC's installation, made on first use. ``adopt``: an id a register carried from
    before identities left the register; taken when this PC has none yet, so that
    register's history goes on naming the same installation."""
    folder = data_dir()
    path = folder / IDENTITY_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return Installation(str(stored["id"]), folder)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KnownError("identity.unreadable", path=str(path), detail=str(exc)) from exc
    made = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    text = json.dumps({"id": adopt or random_id(), "created_at": made}, indent=1).encode("utf-8")
    kept = _create_once(path, text)
    installation = Installation(str(json.loads(kept)["id"]), folder)
    if kept == text:
        log.info("this PC is installation %s", installation.id)
    return installation


def _create_once(path: Path, content: bytes) -> bytes:
    """Create ``path`` with ``content`` (whole, readable by this user only) unless it exists;
    the content that is in place afterwards. Two programs starting at once on a new PC (the
    window and a `camket` command) end with one identity, not two."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{random_id()[:8]}.tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(partial, path)  # fails when another program made it first
        except FileExistsError:
            return path.read_bytes()
        except OSError:  # a file system without hard links: last writer wins
            os.replace(partial, path)
        return content
    finally:
        partial.unlink(missing_ok=True)
