"""The pools of worker processes that execute the chapters (:mod:`tradeimbalance.prebuild`).

Workers are spawned, not forked, and each forks a fresh kernel per chapter from itself
(:mod:`tradeimbalance.warmkernel`). A pool is either new for one call or kept for the life of the
process (the test suite executes one chapter per call, with warm workers).
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import contextlib
import multiprocessing
import os

from . import warmkernel

_KEPT_POOLS: dict[int, cf.ProcessPoolExecutor] = {}


def exit_now() -> None:
    """A worker's last step: leave without tearing the interpreter down (multiprocessing has already
    run its exit functions and flushed the standard streams)."""
    os._exit(0)


def _worker_start(warm: bool) -> None:
    """At the start of each worker process: optionally import what the chapters import (returns None).

    A worker's results have all been returned when it is asked to stop, so it then exits at once
    (:func:`exit_now`, the first exit handler to run): tearing down an interpreter with pandas, Altair
    and IPython loaded takes about 0.3 s per worker, and the build waits for it.
    """
    if warm:
        warmkernel.warm_up()
    atexit.register(exit_now)


def pool(workers: int, keep: bool, warm: bool = False):
    """A context giving a pool of ``workers`` spawned processes: a new one, shut down when the context
    ends, or (``keep``) the one kept for the life of this process, whose workers stay warmed up.
    With ``warm`` each worker imports what the chapters import as soon as it starts."""
    def new() -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                      initializer=_worker_start, initargs=(warm,))

    if not keep:
        return new()
    if not _KEPT_POOLS:
        atexit.register(_close_kept_pools)  # before the interpreter tears its modules down
    if workers not in _KEPT_POOLS:
        _KEPT_POOLS[workers] = new()
    return contextlib.nullcontext(_KEPT_POOLS[workers])


def _close_kept_pools() -> None:
    """Stop the kept pools' workers (at exit; returns None)."""
    while _KEPT_POOLS:
        _KEPT_POOLS.popitem()[1].shutdown(wait=True, cancel_futures=True)
