"""`python -m game` runs the `politburo` command."""

import sys

from game.cli.main import main

sys.exit(main())
