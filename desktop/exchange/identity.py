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

from desktop.domain.entities import new_id
from desktop.domain.errors import KnownError
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
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        path = self.folder / KEY_FILE
        try:
            loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except FileNotFoundError:
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            _write_private(path, pem)
            log.info("made the signing key of installation %s", self.id)
            return key
        except (OSError, ValueError) as exc:
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
    installation = Installation(adopt or new_id(), folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    text = json.dumps({"id": installation.id, "created_at": made}, indent=1)
    _write_private(path, text.encode("utf-8"))
    log.info("this PC is installation %s", installation.id)
    return installation


def _write_private(path: Path, content: bytes) -> None:
    """Written whole (temp file, then renamed), readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A temp name of this process's own: two first starts at once (two commands) must not
    # rename each other's file away.
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)
