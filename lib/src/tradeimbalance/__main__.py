"""``python -m tradeimbalance``: the command-line interface (see :mod:`tradeimbalance.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
