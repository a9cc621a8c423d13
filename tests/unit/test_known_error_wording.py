"""Every KnownError the code raises has Vietnamese wording in desktop/messages.py."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.messages import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"


def test_every_raised_code_has_a_message() -> None:
    raised = {
        code
        for path in PACKAGE.rglob("*.py")
        for code in re.findall(r'KnownError\(\s*"([a-z_]+\.[a-z_]+)"', path.read_text("utf-8"))
    }
    assert raised, "the scan found no codes"
    assert sorted(raised - set(MESSAGES)) == []
