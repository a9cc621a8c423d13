"""Installations for exchange tests: each PC has its own data folder (identity, backups)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
