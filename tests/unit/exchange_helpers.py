"""Installations for exchange tests: each PC has its own data folder (identity, backups)."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.exchange.bundle_file import MANIFEST, SIGNATURE
from desktop.exchange.identity import this_installation
from desktop.services.register import OpenRegister, open_existing
from desktop.store.registry import TABLES

SIN_HO = "03478"  # Xã Sìn Hồ, Lai Châu
BINH_LU = "03390"  # Xã Bình Lư, Lai Châu
THUC_PHAN = "01273"  # Phường Thục Phán, Cao Bằng


@contextmanager
def as_pc(folder: Path) -> Iterator[None]:
    """Act as the installation whose user data folder is ``folder``."""
    before = os.environ.get("CAMKET_DATA_DIR")
    os.environ["CAMKET_DATA_DIR"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("CAMKET_DATA_DIR", None)
        else:
            os.environ["CAMKET_DATA_DIR"] = before


@contextmanager
def opened(path: Path, folder: Path) -> Iterator[OpenRegister]:
    with as_pc(folder):
        reg = open_existing(path)
        try:
            yield reg
        finally:
            reg.close()


def content(path: Path, folder: Path) -> dict[str, Any]:
    """Everything that travels: every synced row (tombstones and version vectors included)
    and the conflict queue, in a comparable form."""
    with opened(path, folder) as reg:
        out: dict[str, Any] = {}
        for spec in TABLES:
            columns = [c for c in spec.stored if c not in spec.binary]
            out[spec.name] = reg.db.execute(
                f"SELECT {', '.join(columns)} FROM [{spec.name}] ORDER BY id"
            ).fetchall()
        out["conflict"] = reg.db.execute(
            "SELECT tbl, row_id, vv, data FROM conflict ORDER BY tbl, row_id, id"
        ).fetchall()
        return out


def resign(
    bundle: Path,
    out: Path,
    folder: Path,
    change: Callable[[str, bytes], bytes],
    extra: dict[str, bytes] | None = None,
) -> Path:
    """The bundle with its entries changed by ``change(name, data)`` (and ``extra`` entries
    added), hashed and signed again by the installation of ``folder``: what a sender that
    turned hostile could make."""
    with zipfile.ZipFile(bundle) as src:
        entries = {n: src.read(n) for n in src.namelist() if n not in (MANIFEST, SIGNATURE)}
        manifest = json.loads(src.read(MANIFEST))
    entries = {n: change(n, d) for n, d in entries.items()} | (extra or {})
    manifest["files"] = {
        n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in entries.items()
    }
    body = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    with as_pc(folder):
        signature = this_installation().sign(body)
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in entries.items():
            dst.writestr(name, data)
        dst.writestr(MANIFEST, body)
        dst.writestr(SIGNATURE, signature)
    return out
