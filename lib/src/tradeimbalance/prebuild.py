"""Execute the book's stale chapters in parallel into the execution cache, before the Sphinx build.

``python -m tradeimbalance.prebuild [--root DIR] [--workers N]`` (``make book`` runs it first):

1. Reads every chapter of ``_toc.yml`` that is a MyST notebook and turns it into
   the notebook the build will ask the cache for: the source with the hidden
   fingerprint cell of ``lib/`` and ``data/`` (:func:`tradeimbalance.sphinxext.inject_fingerprint`),
   read by myst-nb's own MyST reader, so the cache keys are the build's keys.
2. Looks each one up in the jupyter-cache of ``_config.yml`` (``execute.cache``).
   A chapter whose key is there is left alone: its inputs (the chapter, the
   package, the data) are unchanged since it last executed without error.
3. Executes the other chapters on all cores (a fresh kernel per chapter, forked
   from a worker process that has imported the libraries once, while step 2 ran:
   :mod:`tradeimbalance.warmkernel`; the chapter's folder as working directory,
   the ``execute`` timeout of ``_config.yml``) and stores each successful run in the cache, where the
   build then finds it. A failing chapter is named with its error and nothing
   is cached for it; the exit status is then 1.

The same function (:func:`prepare`) lets the test suite check each chapter once.

When every chapter is in the cache, a stamp in the cache folder records the
inputs' digest (:func:`inputs_digest`: the fingerprint of ``lib/`` and ``data/``,
``_config.yml``, ``_toc.yml`` and the pages it lists); the next run with the same
digest stops at once, without reading a notebook or opening the cache.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from . import progress, warmkernel
from .workers import pool as _pool
from .sphinxext import fingerprint, inject_fingerprint
from .toc import files as toc_files, read_toc, toc_chapters

#: Written into the cache folder after a run in which every chapter ended up cached.
STAMP = "prebuild.stamp"


@dataclass
class Outcome:
    """What :func:`prepare` did with one chapter."""

    source: str  # e.g. "chapters/bilateral.md"
    cached: bool  # True: an unchanged cache entry already held it, nothing was executed
    ok: bool
    seconds: float = 0.0
    error: str = ""
    cache_id: int | None = None


def _config(root: Path) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}


def cache_path(root: Path) -> Path:
    """The jupyter-cache folder the build uses (``execute.cache`` of ``_config.yml``)."""
    ex = _config(root).get("execute") or {}
    return root / (ex.get("cache") or "_build/.jupyter_cache")


def _md_config(root: Path):
    from myst_parser.config.main import MdParserConfig

    ext = ((_config(root).get("parse") or {}).get("myst_enable_extensions")) or []
    return MdParserConfig(enable_extensions=set(ext))


def build_notebook(path: Path, digest: str, md_config=None):
    """The notebook the Sphinx build reads from ``path``: fingerprint cell injected, read by myst-nb."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    text = inject_fingerprint(path.read_text(encoding="utf-8"), digest)
    return read_myst_markdown_notebook(text, config=md_config or MdParserConfig(), add_source_map=True, path=str(path))


def _execute(path: str, nb_json: str, timeout: int, env: dict | None = None) -> dict:
    """Execute one notebook in this worker process; returns the executed notebook as JSON, or the error.

    ``env`` (default: the worker's own) is the environment the kernel starts with.
    """
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    nb = nbformat.reads(nb_json, as_version=4)
    # The kernel's start-up chatter goes nowhere; errors come back in the result.
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        with warmkernel.forked(Path(path).parent) as km:  # a kernel forked from this warmed-up worker
            res = single_nb_execution(nb, cwd=str(Path(path).parent), timeout=timeout, allow_errors=False,
                                      meta_override=True, km=km)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
    if res.err is not None:
        return {"ok": False, "seconds": res.time, "error": f"{type(res.err).__name__}: {res.exc_string or res.err}"}
    return {"ok": True, "seconds": res.time, "nb": nbformat.writes(nb)}


def store(cache, bundle):
    """Cache an executed notebook ``bundle`` in ``cache`` (a jupyter-cache) under its write lock; returns the record.

    After each write jupyter-cache drops the records beyond its limit, picked by two queries in a row; a
    record another process created between them, its notebook not yet written, would be picked and the
    write fail (the test workers cache their chapters at the same time). A ``flock`` on ``write.lock`` in
    the cache's folder lets one process write at a time.
    """
    import fcntl

    Path(cache.path).mkdir(parents=True, exist_ok=True)
    with open(Path(cache.path) / "write.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        return cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)


def chapter_sources(root: Path) -> list[str]:
    """The MyST chapters of ``_toc.yml`` that the pre-execution executes (sources such as ``chapters/intro.md``)."""
    return [c.source for c in toc_chapters(Path(root).resolve()) if c.executable and c.source.endswith(".md")]


def stale(root: Path, sources: list[str] | None = None) -> tuple[list[tuple[str, object]], list[Outcome]]:
    """Split the chapters into (source, notebook) pairs to execute and outcomes already proven by the cache."""
    from jupyter_cache import get_cache

    root = Path(root).resolve()
    if sources is None:
        sources = chapter_sources(root)
    digest = fingerprint()
    md_config = _md_config(root)
    cache = get_cache(str(cache_path(root)))
    todo, done = [], []
    for src in sources:
        nb = build_notebook(root / src, digest, md_config)
        try:
            record = cache.match_cache_notebook(nb)
        except KeyError:
            todo.append((src, nb))
        else:
            done.append(Outcome(src, cached=True, ok=True, cache_id=record.pk))
    return todo, done


def prepare(root: str | Path, sources: list[str] | None = None, workers: int | None = None,
            progress: Callable[[str], None] = print, plan: tuple | None = None, env: dict | None = None,
            keep_pool: bool = False, pool: cf.ProcessPoolExecutor | None = None,
            on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Make sure every chapter in ``sources`` (default: the executable chapters of ``_toc.yml``) is in the cache.

    Chapters whose cache entry matches are not executed; the others run in
    parallel on ``workers`` processes (default: the number of CPUs) and each
    successful run is cached. Returns one :class:`Outcome` per chapter, in the
    order given. ``plan`` is a result of :func:`stale` computed earlier (the cache
    lookup), ``env`` the environment the kernels start with (default: this process's).
    With ``keep_pool`` the worker processes outlive the call and serve the next
    one, already warmed up (the test suite executes one chapter per call). A ``pool``
    given (see :func:`main`) is used as it is and left running. ``on_outcome`` is called with
    each :class:`Outcome` as soon as it is known (the chapters proven by the cache first).
    """
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    root = Path(root).resolve()
    if sources is None:
        sources = chapter_sources(root)
    todo, outcomes = plan if plan is not None else stale(root, sources)
    outcomes = list(outcomes)
    for o in outcomes:
        progress(f"[cached]   {o.source}")
        if on_outcome:
            on_outcome(o)
    if todo:
        timeout = int((_config(root).get("execute") or {}).get("timeout") or 600)
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        cache = get_cache(str(cache_path(root)))
        with contextlib.nullcontext(pool) if pool is not None else _pool(workers, keep_pool) as pool:
            futures = {pool.submit(_execute, str(root / src), nbformat.writes(nb), timeout, env): src for src, nb in todo}
            for fut in cf.as_completed(futures):
                src = futures[fut]
                try:
                    d = fut.result()
                except Exception as exc:  # the worker itself died
                    d = {"ok": False, "seconds": 0.0, "error": f"worker failed: {type(exc).__name__}: {exc}"}
                if d["ok"]:
                    executed = nbformat.reads(d["nb"], as_version=4)
                    rec = store(cache, CacheBundleIn(executed, str(root / src), data={"execution_seconds": d["seconds"]}))
                    outcomes.append(Outcome(src, cached=False, ok=True, seconds=d["seconds"], cache_id=rec.pk))
                    progress(f"[executed] {src}  {d['seconds']:6.1f} s")
                else:
                    outcomes.append(Outcome(src, cached=False, ok=False, seconds=d["seconds"], error=d["error"]))
                    progress(f"[FAILED]   {src}  {d['seconds']:6.1f} s")
                if on_outcome:
                    on_outcome(outcomes[-1])
    by_source = {o.source: o for o in outcomes}
    return [by_source[s] for s in sources]


def inputs_digest(root: Path) -> str:
    """SHA-256 over what decides the chapters' cache keys: lib/ + data/, the book's config, toc and pages."""
    import hashlib

    root = Path(root).resolve()
    h = hashlib.sha256(fingerprint().encode())
    files = [root / "_config.yml", root / "_toc.yml"]
    toc = read_toc(root)
    for f in sorted({str(toc.get("root", "index")), *toc_files(toc)}):
        files += [root / (f + ext) for ext in ("", ".md", ".ipynb") if (root / (f + ext)).is_file()]
    for p in files:
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes() if p.is_file() else b"<missing>")
    return h.hexdigest()


def worker_count(root: Path, requested: int | None = None) -> int:
    """Workers for the pre-execution of the book at ``root``: ``requested`` (default: the number of CPUs),
    but never more than the book has chapters to execute (a worker's warm-up costs about a second of a core)."""
    return max(1, min(requested or os.cpu_count() or 1, len(chapter_sources(root))))


def main(argv: list[str] | None = None) -> int:
    """Command line: execute the stale chapters of the book at ``--root`` into its cache; returns the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path.cwd(), help="the book's folder (default: the current one)")
    ap.add_argument("--workers", type=int, default=None, help="parallel kernels (default: number of CPUs)")
    ap.add_argument("--then", nargs=argparse.REMAINDER, default=None, metavar="CMD",
                    help="a build command (the rest of the line) started at once beside the execution: it reads "
                         "each chapter when it is ready (tradeimbalance.progress); the exit status is then also its")
    args = ap.parse_args(argv)
    if args.then is not None and not args.then:
        ap.error("--then needs a command")
    t = time.perf_counter()
    stamp = cache_path(args.root.resolve()) / STAMP
    digest = inputs_digest(args.root)
    if stamp.is_file() and stamp.read_text() == digest:
        print(f"every chapter is in the cache and no input changed ({time.perf_counter() - t:.1f} s)")
        return subprocess.call(args.then) if args.then else 0
    with tempfile.TemporaryDirectory(prefix="ti-prebuild-") as shared:
        where = Path(shared)
        build = None
        # The workers start, and import what the chapters import, while this process looks the chapters up
        # (and the build command, if any, starts and reads the pages that are not chapters).
        workers = worker_count(args.root, args.workers)
        try:
            with _pool(workers, keep=False, warm=True) as pool:
                for _ in range(workers):
                    pool.submit(os.getpid)  # one task each, so that every worker is started now
                if args.then:
                    build = subprocess.Popen(args.then, env={**os.environ, progress.ENV: shared})
                plan = stale(args.root.resolve())
                progress.write_order(where, [o.source for o in plan[1]] + [src for src, _ in plan[0]])

                def record(o: Outcome) -> None:
                    progress.mark(where, o.source, o.ok, o.error)

                outcomes = prepare(args.root, workers=workers, plan=plan, pool=pool, on_outcome=record)
            progress.mark_done(where)
        except BaseException:  # an interrupt or a failure of this process: the build beside it stops too
            if build is not None and build.poll() is None:
                build.terminate()
            raise
        failed = [o for o in outcomes if not o.ok]
        ran = [o for o in outcomes if not o.cached]
        print(f"{len(ran)} chapter(s) executed, {len(outcomes) - len(ran)} unchanged in the cache, "
              f"{time.perf_counter() - t:.1f} s")
        for o in failed:
            print(f"\n{o.source} failed:\n{o.error}", file=sys.stderr)
        if failed:
            stamp.unlink(missing_ok=True)
        else:
            stamp.write_text(digest)
        code = build.wait() if build is not None else 0
    return 1 if failed else code


if __name__ == "__main__":
    sys.exit(main())
