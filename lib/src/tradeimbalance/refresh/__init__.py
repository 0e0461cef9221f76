"""``tradeimbalance refresh``: fetch the newest official data, keep every reply, rebuild ``data/``.

Sources (:mod:`.sources`, one module per family): IMF IMTS (SDMX 3.0, one request per reporter),
the World Bank WDI API v2 (paged JSON), UN Comtrade (China as reporter; keyless preview, or the full
endpoint with ``COMTRADE_API_KEY``) and the US Census international trade API (``CENSUS_API_KEY``
optional). Requests and reply checks: :mod:`.reply`.

For each source, every reply is checked (HTTP status, empty or 204 reply, HTML error page, truncated
or malformed body), parsed with the parser that the data build uses, and compared with the vintage
already in ``data/`` (:func:`.units.unit_check`: a factor of 10^3 or 10^6 is refused). Only when
every reply of a source passes are its bodies saved, unchanged, as a snapshot (:mod:`.snapshot`).
When every source passed, the snapshot tables of ``data/`` are rebuilt (:func:`tradeimbalance.build.rebuild_from_data`,
built in a temporary folder and swapped in). A failing source is named with its request; the other
sources' snapshots are kept and usable, and ``data/`` is left as it was. Without a network the
refresh stops at the first request with one line, and nothing is changed.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .http import Client, FetchError, NetworkError
from .snapshot import metadata, write_source
from .reply import ReplyError, Request, check_reply
from .sources import SOURCES
from .units import unit_check

__all__ = ["refresh", "RefreshError", "NoNetworkError", "SOURCES"]


class RefreshError(Exception):
    """One or more sources failed; ``data/`` was not changed."""


class NoNetworkError(RefreshError):
    """No source could be reached; nothing was changed."""


@dataclass
class SourceResult:
    source: str
    ok: bool
    requests: int = 0
    bytes: int = 0
    rows: int = 0
    years: str = ""
    error: str = ""
    folder: Path | None = None
    seconds: float = 0.0


@dataclass
class RefreshResult:
    sources: list[SourceResult] = field(default_factory=list)
    rebuilt: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _bar(done: int, total: int, width: int = 20) -> str:
    n = int(width * done / max(total, 1))
    return "[" + "#" * n + "." * (width - n) + f"] {done}/{total}"


def fetch_source(name: str, client: Client, options: dict, data_dir: Path, accessed: str,
                 progress: Callable[[str], None], tty: bool = False) -> tuple[list, int]:
    """Fetch, check, parse and unit-check every request of one source; returns (items, rows).

    Raises :class:`ReplyError` / :class:`FetchError` with the failing request in the message.
    """
    src = SOURCES[name]
    todo: list[Request] = list(src.requests(options))
    items, rows, done = [], 0, 0
    while todo:
        req = todo.pop(0)
        try:
            reply = client.get(req.url, params=req.params, headers=req.headers)
            check_reply(reply.status, reply.headers, reply.body, src.expect)
            fname = f"{req.name}.{req.ext}"
            meta = metadata(name, req.name, req.label(), accessed, reply.body,
                            content_type=reply.header("Content-Type"), published=reply.header("Last-Modified"),
                            status=reply.status, request=req.label())
            df = src.parse(reply.body, {**meta, "file": f"{name}/{accessed}/{fname}"})
            if src.held is not None and len(df):
                new, held = src.held(df, data_dir)
                unit_check(new, held, f"{src.title}")
            if src.more is not None:
                todo.extend(src.more(req, reply.body, meta))
        except NetworkError:
            raise
        except (ReplyError, FetchError) as exc:
            raise ReplyError(f"{name}: request {req.label()}: {exc}") from exc
        items.append((fname, reply.body, meta))
        rows += len(df)
        done += 1
        if tty:
            sys.stdout.write(f"\r  {name:<9} {_bar(done, done + len(todo))}")
            sys.stdout.flush()
    if tty:
        sys.stdout.write("\r")
    return items, rows


def refresh(sources: list[str] | None = None, *, data_dir: str | Path | None = None,
            options: dict | None = None, client: Client | None = None,
            progress: Callable[[str], None] = print, rebuild: bool = True) -> RefreshResult:
    """Fetch ``sources`` (default: all four), save their snapshots and rebuild ``data/``.

    Snapshots go to :func:`tradeimbalance.paths.snapshot_dir` (``TRADEIMBALANCE_SNAPSHOTS`` overrides).

    Raises :class:`NoNetworkError` when the first request cannot reach its host (nothing changed),
    and :class:`RefreshError` naming each failed source and request (``data/`` unchanged; the
    snapshots of the sources that passed are saved).
    """
    from .. import paths
    from ..build import rebuild_from_data

    t0 = time.perf_counter()
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    snapshot_dir = paths.snapshot_dir()  # the data build reads the same folder
    if not (data_dir / "datapackage.json").is_file():
        raise RefreshError(f"{data_dir} holds no built data (datapackage.json missing): run `make data` first")
    names = sources or list(SOURCES)
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise RefreshError(f"unknown source(s) {unknown}; sources are {list(SOURCES)}")
    client = client or Client()
    options = options or {}
    accessed = dt.datetime.now(dt.timezone.utc).date().isoformat()
    tty = sys.stdout.isatty()
    result = RefreshResult()
    for name in names:
        t = time.perf_counter()
        try:
            items, rows = fetch_source(name, client, options, data_dir, accessed, progress, tty)
        except NetworkError as exc:
            if not any(r.ok for r in result.sources):
                raise NoNetworkError(f"no network: {exc}; nothing was changed") from exc
            r = SourceResult(name, False, error=f"{name}: {exc}", seconds=time.perf_counter() - t)
        except ReplyError as exc:
            r = SourceResult(name, False, error=str(exc), seconds=time.perf_counter() - t)
        else:
            folder = write_source(snapshot_dir, name, accessed, items)
            r = SourceResult(name, True, len(items), sum(len(b) for _, b, _ in items), rows, folder=folder,
                             seconds=time.perf_counter() - t)
        result.sources.append(r)
        if r.ok:
            progress(f"  {name:<9} {_bar(r.requests, r.requests)} ok: {r.bytes:,} bytes, {r.rows:,} rows, "
                     f"saved in {r.folder} ({r.seconds:.1f} s)")
        else:
            progress(f"  {name:<9} FAILED: {r.error}")
    failed = [r for r in result.sources if not r.ok]
    if failed:
        saved = [r.source for r in result.sources if r.ok]
        raise RefreshError(
            f"{len(failed)} source(s) failed; data/ was not changed.\n"
            + "\n".join(f"  {r.error}" for r in failed)
            + (f"\nThe snapshots of {', '.join(saved)} were saved; `make data` (or a refresh of the failed "
               "source) uses them." if saved else "")
        )
    if rebuild:
        progress(f"Rebuilding {data_dir}")
        result.rebuilt = rebuild_from_data(data_dir)
    result.seconds = time.perf_counter() - t0
    return result


def main(args) -> int:
    """The ``refresh`` subcommand (``args``: sources, reporters, start, no_rebuild)."""
    options = {}
    if getattr(args, "reporters", None):
        options["reporters"] = args.reporters
    if getattr(args, "start", None):
        options["start"] = args.start
    for key in ("imts_base", "wdi_base", "comtrade_base", "census_base"):
        import os

        env = os.environ.get(f"TRADEIMBALANCE_{key.upper()}")
        if env:
            options[key] = env
    try:
        res = refresh(getattr(args, "sources", None), options=options, rebuild=not getattr(args, "no_rebuild", False),
                      progress=lambda line: print(line, flush=True))
    except NoNetworkError as exc:
        print(f"tradeimbalance: {exc}", file=sys.stderr)
        return 3
    except RefreshError as exc:
        print(f"tradeimbalance: {exc}", file=sys.stderr)
        return 1
    n = sum(r.rows for r in res.sources)
    print(f"Refreshed {len(res.sources)} source(s), {n:,} rows, in {res.seconds:.1f} s; data/ rebuilt "
          f"({len(res.rebuilt)} tables). Next: `tradeimbalance run --year YEAR` or `make book`.")
    return 0
