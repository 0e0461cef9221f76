"""``python -m tradeimbalance.build [--raw DIR] [--out DIR]``: the same as ``tradeimbalance data``.

The command line lives here, apart from the build itself, so that the build does not import the
command-line interface that calls it.
"""

from __future__ import annotations

import sys

from ..cli import main as cli_main


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m tradeimbalance.build [--raw DIR] [--out DIR]``); returns the exit code.

    The same as ``tradeimbalance data``: the same checks, messages and exit codes.
    """
    return cli_main(["data", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    sys.exit(main())
