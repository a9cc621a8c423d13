"""Installations for exchange tests: each PC has its own data folder (identity, backups)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.cli import main
from desktop.exchange.bundle_file import MANIFEST, SIGNATURE
from desktop.exchange.identity import this_installation
from desktop.services.demo import populate_demo
from desktop.services.register import OpenRegister, create_register, open_existing
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


def demo_office(tmp_path: Path, households: int, seed: int) -> tuple[Path, Path]:
    """The office PC's register of Sìn Hồ (two hamlets) with demo households, and its data
    folder."""
    folder, path = tmp_path / "office-data", tmp_path / "office.sqlite3"
    with as_pc(folder):
        create_register(path, SIN_HO, ["Bản Nậm Tăm", "Thôn 2"])
    with opened(path, folder) as reg:
        populate_demo(reg, households, seed=seed)
    return path, folder


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


def with_cell(table: str, column: str, value: str, row: int = 1) -> Callable[[str, bytes], bytes]:
    """A ``change`` for resign: ``column`` of the ``row``-th row of ``table``'s CSV made
    ``value``, the rest as it was."""

    def change(name: str, data: bytes) -> bytes:
        if name != f"tables/{table}.csv":
            return data
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        rows[row][rows[0].index(column)] = value
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    return change


# Two communes whose hamlets share a name: "Thôn 1" in each, "Lò Văn Páo" in both.
LIST_HEADER = "Thôn,Mã hộ,Họ và tên,Quan hệ với chủ hộ,Ngày sinh,Giới tính,Số định danh\n"
SMALL_LISTS = {
    SIN_HO: "Thôn 1,A-01,Lò Văn Páo,Chủ hộ,1970,Nam,012070000111\n"
    "Bản Nậm Tăm,A-02,Vàng A Sử,Chủ hộ,1980,Nam,\n",
    BINH_LU: "Thôn 1,B-01,Lò Văn Páo,Chủ hộ,1965,Nam,012065000222\n"
    "Thôn 2,B-02,Giàng A Lử,Chủ hộ,1990,Nam,\n",
}


def listed_commune_bundle(tmp_path: Path, code: str, signed: str) -> Path:
    """A commune register with its list imported and household ``signed`` signed, exported."""
    db, listing = str(tmp_path / f"{code}.sqlite3"), tmp_path / f"{code}.csv"
    listing.write_text(LIST_HEADER + SMALL_LISTS[code], encoding="utf-8")
    bundle = tmp_path / f"{code}.camket"
    with as_pc(tmp_path / f"{code}-data"):
        assert main(["init", "--db", db, "--commune", code]) == 0
        assert main(["import", "--db", db, str(listing)]) == 0
        assert main(["sign", "--db", db, signed, "--on", "01/12/2026"]) == 0
        assert main(["export", "--db", db, "--out", str(bundle)]) == 0
    return bundle


def upper_register_of(tmp_path: Path, bundles: list[Path]) -> Path:
    """A province's upper register (PC "post-data") with these bundles merged, on bien-gioi."""
    post = tmp_path / "post.sqlite3"
    with as_pc(tmp_path / "post-data"):
        assert main(["init", "--db", str(post), "--upper", "--province", "12"]) == 0
        assert main(["merge", "--db", str(post), *map(str, bundles)]) == 0
        assert main(["campaign", "use", "--db", str(post), "bien-gioi"]) == 0
    return post
