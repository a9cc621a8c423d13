"""Tests leave nothing behind in the machine's temporary folder: they make their files in
pytest's own temporary folders (tmp_path, tmp_path_factory), which pytest prunes."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).parents[1]

# tempfile's calls whose folder or file stays until someone removes it by hand.
KEPT_BY_HAND = re.compile(r"\b(mkdtemp|mkstemp)\(|NamedTemporaryFile\([^)]*delete\s*=\s*False")


def test_no_test_makes_temporary_files_it_must_remove_by_hand() -> None:
    offenders = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path != Path(__file__)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if KEPT_BY_HAND.search(line)
    ]
    assert offenders == []
