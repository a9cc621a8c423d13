"""Settings every test shares: Qt draws offscreen, never on the machine's display."""

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
