"""How many examples the property tests (hypothesis: random edit scripts, exchanges and merge
orders) run: a few in `make test`; CAMKET_EXAMPLES=2000 (with pytest's --hypothesis-seed)
runs many before a change of the merge lands."""

from __future__ import annotations

import os


def examples(default: int) -> int:
    """How many examples a property test runs: ``default``, or CAMKET_EXAMPLES when set."""
    return int(os.environ.get("CAMKET_EXAMPLES", default))
