"""Write (--write) or check (--check) the README's table from every exhibit to its code and data.

Usage: python scripts/replication_table.py [--write | --check] [--readme README.md]
Exit status 1 when --check finds the README stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tradeimbalance.replication import update


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="rewrite the table in the README")
    mode.add_argument("--check", action="store_true", help="fail when the table in the README is stale (default)")
    ap.add_argument("--readme", default=str(Path(__file__).resolve().parents[1] / "README.md"))
    args = ap.parse_args(argv)
    try:
        ok = update(Path(args.readme), write=args.write)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not ok:
        print(f"{args.readme}: the exhibits table is stale; run python scripts/replication_table.py --write",
              file=sys.stderr)
        return 1
    print(f"{args.readme}: exhibits table up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
