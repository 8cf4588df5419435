"""Entry point of `python -m casebook`."""

import sys

from casebook.cli.main import main

sys.exit(main())
