"""The ``tradeimbalance`` command (also ``python -m tradeimbalance``).

Commands::

    tradeimbalance run --year YEAR [--chapters NAME ...] [--out DIR] [--workers N]
    tradeimbalance export --year YEAR [--out DIR] [--figures ID ...] [--no-claims]
    tradeimbalance claims [--chapter NAME] [--check]
    tradeimbalance coverage
    tradeimbalance data [--raw DIR] [--out DIR]

``--root DIR`` (before the command) or ``TRADEIMBALANCE_ROOT`` selects the book's
folder. Exit codes: 0 success; 1 a chapter, the build, an export or a check
failed; 2 the year is outside the data's coverage or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2


def _err(msg: str) -> None:
    print(f"tradeimbalance: {msg}", file=sys.stderr)


def _cmd_run(args) -> int:
    from .coverage import CoverageError
    from .runner import RunError, run_year

    try:
        res = run_year(args.year, root=args.root, chapters=args.chapters, out=args.out, workers=args.workers,
                       progress=lambda line: print(line, flush=True))
    except CoverageError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    except RunError as exc:
        _err(str(exc))
        return EXIT_FAILED
    print(
        f"Book for {res.year}: {res.out / 'index.html'}\n"
        f"  {len(res.chapters)} chapter(s) executed ({res.execute_seconds:.1f} s of kernel time), "
        f"HTML built in {res.build_seconds:.1f} s, {res.seconds:.1f} s in all; "
        f"{res.figures_with_data_link} of {res.figures} chart(s) with a CSV download link"
    )
    return EXIT_OK


def _cmd_export(args) -> int:
    from .coverage import CoverageError
    from .export import ExportError, export
    from .paths import project_root

    out = Path(args.out) if args.out else project_root() / "_build" / "export" / str(args.year)
    try:
        files = export(args.year, out, figure_ids=args.figures, include_claims=not args.no_claims,
                       progress=lambda line: print(line, flush=True))
    except CoverageError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    except ExportError as exc:
        _err(f"{exc}\nNothing was written.")
        return EXIT_FAILED
    print(f"Exported {len(files)} file(s) for {args.year} to {out}")
    return EXIT_OK


def _cmd_claims(args) -> int:
    import pandas as pd

    from . import claims

    try:
        table = claims.evaluate(chapter=args.chapter)
    except Exception as exc:
        _err(f"the claims cannot be evaluated: {type(exc).__name__}: {exc}")
        return EXIT_FAILED
    show = table[["id", "reported", "reproduced", "unit", "status", "expected"]].copy()
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 40):
        print(show.to_string(index=False, na_rep="—") if len(show) else "(no claims)")
    print()
    print(claims.counts(table).to_string(index=False))
    changed = table[table["status"] != table["expected"]]
    if len(changed):
        print(f"\n{len(changed)} claim(s) not at their registered status: {', '.join(changed['id'])}")
        return EXIT_FAILED if args.check else EXIT_OK
    return EXIT_OK


def _cmd_coverage(args) -> int:
    from .coverage import CoverageError, describe

    try:
        print(describe())
    except CoverageError as exc:
        _err(str(exc))
        return EXIT_FAILED
    return EXIT_OK


def _cmd_data(args) -> int:
    cmd = [sys.executable, "-m", "tradeimbalance.build"]
    if args.raw:
        cmd += ["--raw", str(args.raw)]
    if args.out:
        cmd += ["--out", str(args.out)]
    return subprocess.run(cmd).returncode


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="tradeimbalance",
        description="Run, export and check the executable reproduction of Yang Chao (2020), China's Foreign Trade Imbalance.",
    )
    ap.add_argument("--root", help="the book's folder (default: TRADEIMBALANCE_ROOT, else this checkout)")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="execute the chapters for a year and build its HTML book")
    run.add_argument("--year", type=int, required=True, help="the year the chapters show")
    run.add_argument("--chapters", nargs="+", metavar="NAME", help="only these chapters (e.g. bilateral); default: all in _toc.yml")
    run.add_argument("--out", help="output folder (default: _build/years/YEAR)")
    run.add_argument("--workers", type=int, help="parallel kernels (default: number of CPUs)")
    run.set_defaults(func=_cmd_run)

    exp = sub.add_parser("export", help="write the data behind every figure and table, and the claims, as CSV")
    exp.add_argument("--year", type=int, required=True, help="the year the figures end in")
    exp.add_argument("--out", help="output folder (default: _build/export/YEAR)")
    exp.add_argument("--figures", nargs="+", metavar="ID", help="only these figure ids (default: every registered figure)")
    exp.add_argument("--no-claims", action="store_true", help="do not write claims.csv")
    exp.set_defaults(func=_cmd_export)

    cl = sub.add_parser("claims", help="print every claim of the paper with its status, and the counts per status")
    cl.add_argument("--chapter", help="only the claims of this chapter module (e.g. bilateral)")
    cl.add_argument("--check", action="store_true", help="exit with 1 if a claim is not at its registered status")
    cl.set_defaults(func=_cmd_claims)

    cov = sub.add_parser("coverage", help="print the years each dataset covers and the years the book runs for")
    cov.set_defaults(func=_cmd_coverage)

    data = sub.add_parser("data", help="rebuild data/ from the raw sources (python -m tradeimbalance.build)")
    data.add_argument("--raw", help="raw source folder (default: ../shared/data/raw)")
    data.add_argument("--out", help="output folder (default: data/)")
    data.set_defaults(func=_cmd_data)

    from .refresh import SOURCES, main as _refresh_main

    ref = sub.add_parser("refresh", help="fetch the newest data from the official APIs, save every reply, rebuild data/")
    ref.add_argument("--sources", nargs="+", choices=list(SOURCES), help="only these sources (default: all)")
    ref.add_argument("--reporters", nargs="+", metavar="CODE", help="IMTS reporters (default: the book's 15)")
    ref.add_argument("--start", type=int, help="first year asked for (default: per source)")
    ref.add_argument("--no-rebuild", action="store_true", help="save the snapshots but leave data/ as it is")
    ref.set_defaults(func=_refresh_main)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.root:
        args.root = str(Path(args.root).resolve())
        os.environ["TRADEIMBALANCE_ROOT"] = args.root
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
