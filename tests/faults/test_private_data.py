"""The fault suite keeps what its registers leave behind (the installation, logs, the
automatic backups before an import) in pytest's temporary folder, never the user's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.store.backups import backup_folder, list_backups
from desktop.userdata import data_dir
from tests.faults.conftest import make_register


def test_a_register_made_for_a_fault_test_is_backed_up_among_the_tests_files(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    register = make_register(tmp_path, households=2)  # imported: backed up first
    assert list_backups(register)
    assert data_dir().is_relative_to(tmp_path_factory.getbasetemp())
    assert backup_folder(register).is_relative_to(tmp_path_factory.getbasetemp())
