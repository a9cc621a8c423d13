"""`python -m desktop.cli`: the `camket` command."""

import sys

from desktop.cli import main

sys.exit(main())
