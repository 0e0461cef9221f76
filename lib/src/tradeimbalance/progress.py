"""How the pre-execution tells a Sphinx build running beside it which chapters are ready.

``python -m tradeimbalance.prebuild --then CMD ...`` (``make book``) starts the Sphinx build ``CMD``
as soon as its workers start, instead of after the last chapter. The two processes share a folder
named in the environment variable :data:`ENV`:

- ``order``: the chapters (sources such as ``chapters/bilateral.md``) in the order the pre-execution
  runs them, written first; the build reads its other pages first, then the chapters in this order;
- ``<chapter>.ok`` or ``<chapter>.failed``: written once the chapter is in the execution cache (or
  failed); the build waits for it before it reads that chapter (:func:`wait`), and stops on a failure;
- ``done``: written when the pre-execution has finished.

Without the variable (any other build) nothing waits.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

#: The environment variable that names the shared folder.
ENV = "TRADEIMBALANCE_PREBUILD_PROGRESS"


class ChapterFailed(RuntimeError):
    """The pre-execution could not execute a chapter the build is about to read."""


def folder() -> Path | None:
    """The shared folder of the pre-execution running beside this process, or None."""
    value = os.environ.get(ENV)
    return Path(value) if value else None


def _key(source: str) -> str:
    return source.replace("/", "__")


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # a reader never sees a half-written file


def write_order(where: Path, sources: list[str]) -> None:
    """Record the chapters in the order they will be ready (returns None)."""
    _write(where / "order", json.dumps(list(sources)))


def read_order(where: Path, timeout: float = 0.0, poll: float = 0.02) -> list[str]:
    """The chapters recorded by :func:`write_order`, waiting up to ``timeout`` s for them (empty if they are
    not written by then, or the pre-execution finished without them)."""
    p, deadline = where / "order", time.monotonic() + timeout
    while not p.is_file() and not (where / "done").is_file() and time.monotonic() < deadline:
        time.sleep(poll)
    return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else []


def mark(where: Path, source: str, ok: bool, error: str = "") -> None:
    """Record that ``source`` is in the cache (``ok``) or failed with ``error`` (returns None)."""
    _write(where / (_key(source) + (".ok" if ok else ".failed")), error)


def mark_done(where: Path) -> None:
    """Record that the pre-execution has finished (returns None)."""
    _write(where / "done", "")


def wait(where: Path, source: str, timeout: float, poll: float = 0.02) -> None:
    """Return once ``source`` is ready; raise :class:`ChapterFailed` if it failed, TimeoutError after ``timeout`` s.

    A chapter the pre-execution does not run (not in ``order``) is not waited for, nor is any once
    ``done`` is written.
    """
    ok, failed = where / (_key(source) + ".ok"), where / (_key(source) + ".failed")
    deadline = time.monotonic() + timeout
    order = None  # read once it is written: it never changes
    while True:
        if ok.is_file():
            return
        if failed.is_file():
            raise ChapterFailed(f"{source} failed in the pre-execution: {failed.read_text(encoding='utf-8')}")
        if order is None and (where / "order").is_file():
            order = read_order(where)
        if (where / "done").is_file() or (order is not None and source not in order):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{source} was not ready after {timeout:g} s")
        time.sleep(poll)
