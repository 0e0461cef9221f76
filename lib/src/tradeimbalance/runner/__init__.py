"""Run the book for one year: execute every chapter with papermill, build the HTML book.

:func:`run_year` is what ``tradeimbalance run --year YEAR`` does, one stage per module:

1. Refuse a year outside the data's coverage (:mod:`tradeimbalance.coverage`)
   and an output folder that may not be written (:mod:`.folders`) before
   anything runs or is written.
2. Read each chapter listed in ``_toc.yml`` (:mod:`tradeimbalance.toc`) and
   execute it with papermill's Python API, ``year`` injected after the cell
   tagged ``parameters`` (:mod:`.chapter`). Chapters run in parallel, one kernel
   each (forked from the warmed-up worker: :mod:`tradeimbalance.warmkernel`), on
   ``os.cpu_count()`` worker processes; one progress line per chapter
   (:mod:`.parallel`).
3. In a temporary folder, lay out a book of the executed notebooks (``index.md``,
   ``_config.yml`` with execution off and the project's Sphinx extension kept,
   a ``_toc.yml`` pointing at the notebooks; :mod:`.layout`) and build it with
   ``jupyter-book`` (:mod:`.html`). The build starts beside the chapters, with an
   empty notebook in each chapter's place: it reads the other pages first and each
   chapter once its notebook is written (:mod:`tradeimbalance.progress`).
4. Only when every chapter ran and the build succeeded, swap the HTML into the
   output folder (default ``_build/years/YEAR``; :func:`.folders.swap_into`). A
   failure leaves no output folder behind, or the previous one untouched, and
   names the chapter and cell.

An interrupt (SIGINT, or SIGTERM turned into
:class:`~tradeimbalance.errors.Interrupted` by the command) stops the workers,
their kernels and the resource tracker, and removes the temporary folder.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from .. import progress as progress_files
from .. import tempdirs
from ..coverage import check_year
from ..errors import RunError, RunUsageError
from ..toc import select_chapters, toc_chapters
from .folders import check_out, data_dir_of, default_out, swap_into
from .html import build_warnings, data_links, start_html
from .layout import lay_out_book
from .parallel import ChapterResult, execute_chapters


@dataclass
class RunResult:
    """What :func:`run_year` did; times are wall-clock seconds, figures are counts of charts."""

    year: int
    out: Path
    seconds: float
    chapters: list[ChapterResult] = field(default_factory=list)
    figures: int = 0
    figures_with_data_link: int = 0
    build_seconds: float = 0.0

    @property
    def execute_seconds(self) -> float:
        """The kernel time of the executed chapters together, in seconds."""
        return sum(r.seconds for r in self.chapters)


def _placeholder(path: Path) -> None:
    """An empty notebook where a chapter's executed notebook will be written: the HTML build, started
    beside the chapters, finds every page at once and reads each chapter once it is written."""
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(), path)


def run_year(
    year: int,
    root: str | Path | None = None,
    chapters: list[str] | None = None,
    out: str | Path | None = None,
    workers: int | None = None,
    progress: Callable[[str], None] = print,
) -> RunResult:
    """Execute the chapters for ``year`` and build the HTML book into ``out``.

    Raises :class:`tradeimbalance.coverage.CoverageError` for a year outside
    the data (before anything runs) and :class:`RunError` when a chapter or
    the build fails; in both cases ``out`` is left as it was.
    """
    from ..paths import project_root

    t0 = time.perf_counter()
    root = Path(root).resolve() if root is not None else project_root()
    year = int(year)
    if workers is not None and int(workers) < 1:
        raise RunUsageError(f"--workers must be a positive number of parallel kernels, not {workers}")
    selected = select_chapters(toc_chapters(root), chapters)
    check_year(year, data_dir_of(root))
    default = default_out(root, year)
    out = check_out(out, root, year)
    cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    timeout = int((cfg.get("execute") or {}).get("timeout") or 600)

    tempdirs.clean_stale()  # temporary folders of runs that were killed
    tmp = tempdirs.make_temp()
    try:
        book_dir, scratch = tmp / "book", tmp / "scratch"
        scratch.mkdir()
        todo = [c for c in selected if c.executable]
        w = max(1, min(workers or os.cpu_count() or 1, max(len(todo), 1)))
        progress(f"Running {len(todo)} chapter(s) for {year} on {w} worker(s)")
        lay_out_book(root, book_dir, selected, year)
        for c in todo:
            _placeholder(book_dir / c.notebook)
        shared = tmp / "progress"
        shared.mkdir()
        progress_files.write_order(shared, [c.notebook for c in todo])
        env = {**os.environ, "TRADEIMBALANCE_ROOT": str(root), progress_files.ENV: str(shared)}
        build = start_html(book_dir, strict=chapters is None, env=env, log_dir=scratch)
        try:
            results = execute_chapters(
                selected, year, root, book_dir, scratch, workers=w, timeout=timeout, progress=progress,
                on_result=lambda r: progress_files.mark(shared, r.chapter.notebook, r.ok, r.error))
            progress_files.mark_done(shared)
            failures = [r for r in results if not r.ok and not r.skipped]
            if failures:
                lines = "\n".join(f"  {r.error}" for r in failures)
                raise RunError(f"{len(failures)} chapter(s) failed for {year}; no book was written to {out}:\n{lines}")
            progress("Finishing the HTML book")
            tb = time.perf_counter()
            html = build.finish()
            build_seconds = time.perf_counter() - tb
        except BaseException:  # a failed chapter or an interrupt: the build beside the chapters stops too
            build.stop()
            raise
        warnings = build_warnings(book_dir)
        if warnings:
            progress(f"{len(warnings)} build warning(s), not fatal when only some chapters are built:")
            for w_line in warnings[:10]:
                progress(f"  {w_line}")
        n, linked, missing = data_links(html)
        if missing:
            progress(f"warning: a chart without its CSV download link on: {', '.join(missing)}")
        swap_into(html, out, owned=out == default)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return RunResult(year, out, time.perf_counter() - t0, results, n, linked, build_seconds)
