"""`python -m desktop.cli`: the `camket` command."""

import sys

from desktop.cli import run

# Guarded: a merge's helper process (spawned: services.merge_helper) imports this module
# again under another name, and must not run the command a second time.
if __name__ == "__main__":
    sys.exit(run())
