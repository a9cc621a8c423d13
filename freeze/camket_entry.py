"""Entry script of the frozen build (build.spec): the same `camket` command as the wheel's."""

import multiprocessing
import sys

from desktop.cli import run

if __name__ == "__main__":
    # A merge's helper process (services.merge_helper) is this executable started again:
    # it runs the helper's work here and exits, never the command.
    multiprocessing.freeze_support()
    sys.exit(run())
