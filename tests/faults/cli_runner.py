"""Runs `camket` commands one after another in this process, as a clerk's loop of commands
would: one JSON line per command with its exit code, what it said on stderr, and the
traceback when it crashed (a crash is what the fault suite looks for)."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback


def main() -> None:
    from desktop.cli import main as camket

    for argv in json.loads(sys.argv[1]):
        err = io.StringIO()
        crash = None
        code: int | None = None
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = camket(argv)
            except BaseException:
                crash = traceback.format_exc()
        print(json.dumps({"argv": argv, "rc": code, "stderr": err.getvalue(), "crash": crash}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
