"""Time to rerun the book for one year: every chapter executed (in parallel), then the HTML build.

Run alone (``.venv/bin/python benchmarks/bench_rerun.py [--year YEAR] [--workers N]``) or by
``make bench``. It does what ``tradeimbalance run --year YEAR`` does, into a temporary folder that
is deleted afterwards, and prints one line per chapter, the wall-clock time of the parallel
execution, the sum of the chapters' times (one after another) and the build time.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tradeimbalance.coverage import CoverageError
from tradeimbalance.errors import RunError
from tradeimbalance.runner import run_year

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=2015, help="the year to rerun (default: %(default)s)")
    ap.add_argument("--workers", type=int, default=None, help="parallel kernels (default: number of CPUs)")
    args = ap.parse_args(argv)

    out = Path(tempfile.mkdtemp(prefix="bench-rerun-")) / str(args.year)
    marks = {}

    def progress(line: str) -> None:
        if line.startswith("Building"):
            marks["executed"] = time.perf_counter()
        print(f"  {line}", flush=True)

    t0 = time.perf_counter()
    try:
        res = run_year(args.year, root=ROOT, out=out, workers=args.workers, progress=progress)
    except (CoverageError, RunError) as exc:
        print(f"rerun for {args.year} failed after {time.perf_counter() - t0:.1f} s:\n{exc}")
        return 1
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)
    wall_exec = marks.get("executed", t0) - t0
    rows = [
        (f"rerun every chapter for {args.year} ({len(res.chapters)} chapters, in parallel)", wall_exec),
        ("  the same chapters one after another (sum of their times)", res.execute_seconds),
        ("  HTML build of the executed chapters", res.build_seconds),
        ("  total: coverage check, execution, build, copy", res.seconds),
    ]
    width = max(len(label) for label, _ in rows)
    for label, seconds in rows:
        print(f"{label.ljust(width)}  {seconds:7.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
