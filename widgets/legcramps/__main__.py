"""`python -m legcramps` runs the command line."""

import sys

from legcramps.cli import main

sys.exit(main())
