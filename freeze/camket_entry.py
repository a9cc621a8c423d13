"""Entry script of the frozen build (build.spec): the same `camket` command as the wheel's."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
