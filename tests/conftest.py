"""Settings every test shares: Qt draws offscreen, never on the machine's display."""

from __future__ import annotations

import os

# Before anything imports Qt: pytest-qt reads the platform when it makes the QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
