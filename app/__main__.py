"""`python -m app`: the same as the `deskhand` command."""

import sys

from app.main import main

sys.exit(main())
