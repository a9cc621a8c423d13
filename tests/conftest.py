"""Settings every test shares: Qt draws offscreen, never on the machine's display; the user
data folder (installation, logs, automatic backups) is one of the session's own, never the
real one."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

# Before anything imports Qt: pytest-qt reads the platform when it makes the QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Passphrases stretched with 1,000 rounds (the real count is for attackers), and no
    register's key left in memory before or after the test (as a new process starts)."""
    from desktop.store import encryption

    monkeypatch.setattr(encryption, "KDF_ITERATIONS", 1000)
    encryption.forget_keys()
    yield
    encryption.forget_keys()


@pytest.fixture(autouse=True)
def _data_folder_of_the_tests(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register a test makes or imports into is backed up into this folder: the fault
    suite's went to the user's real one (3,153 backup folders of test registers there).
    The unit and window suites give each test a folder of its own on top of it."""
    monkeypatch.setenv("CAMKET_DATA_DIR", str(tmp_path_factory.getbasetemp() / "userdata"))
