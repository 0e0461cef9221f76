"""The ``tradeimbalance`` command (also ``python -m tradeimbalance``).

Commands::

    tradeimbalance run --year YEAR [--chapters NAME ...] [--out DIR] [--workers N]
    tradeimbalance export --year YEAR [--out DIR] [--figures ID ...] [--no-claims]
    tradeimbalance claims [--chapter NAME] [--check]
    tradeimbalance coverage
    tradeimbalance data [--raw DIR] [--out DIR]

``--root DIR`` (before the command) or ``TRADEIMBALANCE_ROOT`` selects the book's
folder. Exit codes: 0 success; 1 a chapter, the build, an export, a check or a
read or write failed; 2 the year is outside the data's coverage, the arguments
are wrong or the output folder is refused (nothing ran); 130 / 143 interrupted
by SIGINT / SIGTERM (nothing written).

Every command runs through :func:`guarded`: one place that turns the known
failures, I/O errors and interrupts into one line on stderr and an exit code.
A new subcommand only needs ``set_defaults(func=...)``; its function raises
(or returns an exit code) and :func:`guarded` does the rest.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from pathlib import Path

from .errors import IngestError, Interrupted, RunError, UsageError
from .outdir import OutputRefused

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2


def _err(msg: str) -> None:
    print(f"tradeimbalance: {msg}", file=sys.stderr)


def io_message(exc: OSError) -> str:
    """One line for an I/O error, naming the path (``cannot write /x/y: No space left on device``)."""
    what = exc.strerror or str(exc)
    paths = [p for p in (exc.filename, getattr(exc, "filename2", None)) if p]
    if not paths:
        return f"I/O error: {what}"
    return f"I/O error on {' -> '.join(str(p) for p in paths)}: {what}"


@contextlib.contextmanager
def interrupts():
    """Turn SIGINT and SIGTERM into :class:`~tradeimbalance.errors.Interrupted` while the block runs.

    After the first signal both are ignored, so that clean-up (stopping
    workers, removing temporary folders) is not itself interrupted.
    """
    def handler(signum, frame):
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        raise Interrupted(signum)

    try:
        saved = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for sig, h in saved.items():
            signal.signal(sig, h)


def guarded(func, args) -> int:
    """Run one command; every known failure becomes one line on stderr and an exit code."""
    from .coverage import CoverageError
    from .export import ExportError

    try:
        with interrupts():
            return func(args)
    except Interrupted as exc:
        _err("interrupted; nothing written")
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted; nothing written")
        return 128 + signal.SIGINT
    except (OutputRefused, UsageError, CoverageError) as exc:
        _err(str(exc))
        return EXIT_REFUSED
    except ExportError as exc:
        _err(f"{exc}\nNothing was written.")
        return EXIT_FAILED
    except IngestError as exc:
        _err(f"build failed: {exc}")
        return EXIT_FAILED
    except RunError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        _err(io_message(exc))
        return EXIT_FAILED


def _cmd_run(args) -> int:
    from .runner import run_year

    res = run_year(args.year, root=args.root, chapters=args.chapters, out=args.out, workers=args.workers,
                   progress=lambda line: print(line, flush=True))
    print(
        f"Book for {res.year}: {res.out / 'index.html'}\n"
        f"  {len(res.chapters)} chapter(s) executed ({res.execute_seconds:.1f} s of kernel time), "
        f"HTML built in {res.build_seconds:.1f} s, {res.seconds:.1f} s in all; "
        f"{res.figures_with_data_link} of {res.figures} chart(s) with a CSV download link"
    )
    return EXIT_OK


def _cmd_export(args) -> int:
    from .export import default_out, export

    out = Path(args.out) if args.out else default_out(args.year)
    files = export(args.year, out, figure_ids=args.figures, include_claims=not args.no_claims,
                   progress=lambda line: print(line, flush=True))
    print(f"Exported {len(files)} file(s) for {args.year} to {out}")
    return EXIT_OK


def _cmd_claims(args) -> int:
    import pandas as pd

    from . import claims, reproduction

    try:
        table = reproduction.evaluate(chapter=args.chapter)
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
        print(f"\n{len(changed)} claim(s) not at their declared status: {', '.join(changed['id'])}")
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
    from . import build, paths

    out = Path(args.out) if args.out else paths.data_dir()
    counts = build.build_data(args.raw, out)
    width = max(len(n) for n in counts)
    for name, n in counts.items():
        print(f"{name:<{width}}  {n:>8} rows")
    print(f"wrote {len(counts)} tables and {build.DATAPACKAGE} to {out}")
    return EXIT_OK


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``tradeimbalance`` command and its subcommands."""
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
    run.add_argument("--workers", type=_positive_int, help="parallel kernels (default: number of CPUs)")
    run.set_defaults(func=_cmd_run)

    exp = sub.add_parser("export", help="write the data behind every figure and table, and the claims, as CSV")
    exp.add_argument("--year", type=int, required=True, help="the year the figures end in")
    exp.add_argument("--out", help="output folder (default: _build/export/YEAR)")
    exp.add_argument("--figures", nargs="+", metavar="ID", help="only these figure ids (default: every registered figure)")
    exp.add_argument("--no-claims", action="store_true", help="do not write claims.csv")
    exp.set_defaults(func=_cmd_export)

    cl = sub.add_parser("claims", help="print every claim of the paper with its status, and the counts per status")
    cl.add_argument("--chapter", help="only the claims of this chapter module (e.g. bilateral)")
    cl.add_argument("--check", action="store_true", help="exit with 1 if a claim is not at its declared status")
    cl.set_defaults(func=_cmd_claims)

    cov = sub.add_parser("coverage", help="print the years each dataset covers and the years the book runs for")
    cov.set_defaults(func=_cmd_coverage)

    data = sub.add_parser("data", help="rebuild data/ from the raw sources (same as python -m tradeimbalance.build)")
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
    """Run the ``tradeimbalance`` command with ``argv`` (default: ``sys.argv[1:]``); returns its exit code."""
    ap = parser()
    args = ap.parse_args(argv)  # wrong arguments: argparse prints the usage and exits with 2
    if args.root:
        args.root = str(Path(args.root).resolve())
        if not (Path(args.root) / "_toc.yml").is_file():
            _err(f"--root {args.root} is not a book folder: it has no _toc.yml")
            return EXIT_REFUSED
        os.environ["TRADEIMBALANCE_ROOT"] = args.root
    elif os.environ.get("TRADEIMBALANCE_ROOT") and not (Path(os.environ["TRADEIMBALANCE_ROOT"]) / "_toc.yml").is_file():
        _err(f"TRADEIMBALANCE_ROOT={os.environ['TRADEIMBALANCE_ROOT']} is not a book folder: it has no _toc.yml")
        return EXIT_REFUSED
    return guarded(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
