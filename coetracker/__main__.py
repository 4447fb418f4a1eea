"""Entry point for ``python -m coetracker``."""

import sys

from coetracker.cli import main

sys.exit(main())
