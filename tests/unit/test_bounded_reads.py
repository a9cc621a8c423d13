"""A huge file chosen by mistake where a small one is read (a film as a key file, a disk image
as the earlier bundle, an old .xls of hundreds of MB): refused or read in pieces, never held
in memory whole."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import KnownError
from desktop.exchange.spreadsheet import read_sheet
from desktop.services import bundles
from desktop.services.import_lists import load_mapping
from desktop.services.register import OpenRegister

HUGE = 300 * 1024 * 1024  # sparse: no disk is used
BOUND = 32 * 1024 * 1024  # what reading one may cost at most


def huge_file(path: Path, head: bytes = b"") -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(HUGE)
    return path


def peak_while(work: Callable[[], object]) -> int:
    """The most memory Python held while ``work`` ran (its refusal expected)."""
    tracemalloc.start()
    try:
        with pytest.raises(KnownError):
            work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_key_file_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    film = huge_file(tmp_path / "khoa-don.txt")
    assert peak_while(lambda: bundles.read_recipient(film)) < BOUND
    assert peak_while(lambda: bundles.read_identity(film)) < BOUND


def test_a_huge_earlier_bundle_is_refused_without_reading_it_whole(
    register: OpenRegister, tmp_path: Path
) -> None:
    image = huge_file(tmp_path / "lan-truoc.camket", b"PK\x03\x04")
    out = tmp_path / "thay-doi.camket"
    assert peak_while(lambda: bundles.export_bundle(register, out, since=image)) < BOUND
    assert not out.exists()


def test_a_huge_mapping_file_is_refused_unread(tmp_path: Path) -> None:
    mapping = huge_file(tmp_path / "cot.json", b"{")
    assert peak_while(lambda: load_mapping(mapping)) < BOUND


def test_a_huge_old_excel_file_is_named_without_reading_it_whole(tmp_path: Path) -> None:
    xls = huge_file(tmp_path / "danh-sach.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert peak_while(lambda: read_sheet(xls)) < BOUND
