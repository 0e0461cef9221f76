"""Execute the chapters of a run in parallel: one worker process and one kernel per chapter.

:func:`execute_chapters` hands each chapter to a pool of ``spawn`` worker processes
(:func:`tradeimbalance.runner.chapter.execute_chapter`), prints one progress line per chapter
and, after the first failure, cancels the chapters still waiting. An interrupt stops the
workers, the kernels they started and multiprocessing's resource tracker at once.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..toc import Chapter
from .chapter import execute_chapter


@dataclass
class ChapterResult:
    """What became of one chapter: ``seconds`` is its execution's wall time, in seconds."""

    chapter: Chapter
    ok: bool
    seconds: float
    error: str = ""
    skipped: bool = False


def _worker_init() -> None:
    """Pool workers leave SIGINT to the parent (which stops them), so a Ctrl-C prints no traceback of theirs,
    and leave at once when the pool stops (:func:`tradeimbalance.workers.exit_now`)."""
    import atexit

    from ..workers import exit_now

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    atexit.register(exit_now)


def _stop_pool(pool: cf.ProcessPoolExecutor) -> None:
    """Kill the pool's workers and everything they started (kernels), then the resource tracker."""
    procs = dict(getattr(pool, "_processes", None) or {})
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with ipykernel
        psutil = None
    victims = []
    for pid in procs:
        if psutil is not None:
            try:
                victims += psutil.Process(pid).children(recursive=True)
            except psutil.Error:
                pass
    for v in victims:
        try:
            v.kill()
        except Exception:
            pass
    for proc in procs.values():
        try:
            proc.kill()
        except Exception:
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs.values():
        proc.join(timeout=5)
    if psutil is not None:
        psutil.wait_procs(victims, timeout=5)
    _stop_resource_tracker()


def _stop_resource_tracker(grace: float = 3.0) -> None:
    """End multiprocessing's resource tracker: close our end of its pipe (it then cleans up and exits).

    With the workers gone no one else holds the pipe; should it still run after
    ``grace`` seconds, it is killed.
    """
    from multiprocessing import resource_tracker

    rt = resource_tracker._resource_tracker
    pid, fd = getattr(rt, "_pid", None), getattr(rt, "_fd", None)
    if not pid:
        return
    rt._pid = rt._fd = None
    try:
        if fd is not None:
            os.close(fd)
        deadline = time.monotonic() + grace
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.05)
    except (OSError, ChildProcessError):
        pass


def _progress_line(r: ChapterResult, width: int) -> str:
    tag = "ok" if r.ok else ("skipped" if r.skipped else "FAILED")
    head = f"[{tag}] {r.chapter.source}"
    return f"{head.ljust(width + 10)}  {r.seconds:6.1f} s"


def execute_chapters(
    chapters: list[Chapter],
    year: int,
    root: Path,
    book_dir: Path,
    scratch: Path,
    workers: int | None = None,
    timeout: int = 600,
    progress: Callable[[str], None] = print,
    on_result: Callable[[ChapterResult], None] | None = None,
) -> list[ChapterResult]:
    """Execute ``chapters`` in parallel into ``book_dir/<docname>.ipynb`` (one progress line each).

    After the first failure the chapters still waiting are cancelled (reported
    as skipped); the ones already handed to a worker finish. ``on_result`` is
    called with each chapter's result once its notebook is written (or it failed
    or was skipped). Returns a result per chapter, in book order.
    """
    todo = [c for c in chapters if c.executable]
    if not todo:
        return []
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
    width = max(len(c.source) for c in todo)
    results: dict[Chapter, ChapterResult] = {}
    ctx = multiprocessing.get_context("spawn")
    pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init)
    try:
        futures = {}
        for c in todo:
            out = book_dir / c.notebook
            out.parent.mkdir(parents=True, exist_ok=True)
            futures[pool.submit(execute_chapter, str(root), c.source, year, str(out), str(scratch), timeout)] = c
        failed = False
        for fut in cf.as_completed(futures):
            c = futures[fut]
            if fut.cancelled():
                continue
            try:
                d = fut.result()
            except Exception as exc:  # the worker process itself died
                d = {"ok": False, "seconds": 0.0, "error": f"{c.source}: worker failed: {type(exc).__name__}: {exc}"}
            r = ChapterResult(c, d["ok"], d["seconds"], d["error"])
            results[c] = r
            progress(_progress_line(r, width))
            if on_result is not None:
                on_result(r)
            if not r.ok and not failed:
                failed = True
                for f in futures:
                    f.cancel()
        for f, c in futures.items():
            if c not in results:
                results[c] = ChapterResult(c, False, 0.0, "not run: another chapter failed first", skipped=True)
                progress(_progress_line(results[c], width))
                if on_result is not None:
                    on_result(results[c])
    except BaseException:  # an interrupt: stop the workers and their kernels now, not after they finish
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)
    return [results[c] for c in todo]
