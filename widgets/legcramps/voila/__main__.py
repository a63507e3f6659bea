"""`python -m legcramps.voila [voila options]`: the site's Voilà server (see `legcramps.voila.launcher`)."""

import sys

from legcramps.voila.launcher import main

if __name__ == "__main__":
    sys.exit(main())
