"""The four official APIs the refresh fetches, one module per source family, and their registry.

Each source is a :class:`Source`: ``requests()`` lists the calls (one per reporter for IMTS, one per
page for the World Bank, ...), ``parse(body, meta)`` turns one saved body into rows of the source's
table, and ``held(data_dir)`` gives the values already in ``data/`` that a new reply is compared with
(:func:`tradeimbalance.refresh.units.unit_check`). The same ``parse`` runs on a live reply (before
it is saved) and on a saved snapshot (when ``data/`` is built), so the tests and the live path
share one parser. Families: :mod:`.imts`, :mod:`.wdi`, :mod:`.comtrade`, :mod:`.census`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from ...errors import IngestError
from ..reply import ReplyError, Request
from . import census, comtrade, imts, wdi


@dataclass
class Source:
    """One API: how to ask it, how to read its replies, and what in ``data/`` they are checked against."""

    name: str
    title: str
    table: str
    expect: str  # "xml" or "json"
    requests: Callable[[dict], list[Request]]
    parse: Callable[[bytes, dict], pd.DataFrame]
    held: Callable[[pd.DataFrame, Path], tuple[pd.Series, pd.Series]] | None = None
    #: follow-up requests from a parsed first reply (paging); returns extra requests
    more: Callable[[Request, bytes, dict], list[Request]] | None = None
    #: the columns of the source's table, in order
    columns: tuple[str, ...] = ()


SOURCES: dict[str, Source] = {
    "imts": Source("imts", "IMF International Trade in Goods (IMTS), SDMX 3.0", "imts_trade", "xml",
                   imts.requests, imts.parse, imts.held, columns=tuple(imts.COLUMNS)),
    "wdi": Source("wdi", "World Bank World Development Indicators, API v2", "wdi_api", "json",
                  wdi.requests, wdi.parse, wdi.held, more=wdi.more, columns=tuple(wdi.COLUMNS)),
    "comtrade": Source("comtrade", "UN Comtrade, China as reporter, by HS chapter and partner", "comtrade_china_hs",
                       "json", comtrade.requests, comtrade.parse, comtrade.held, columns=tuple(comtrade.COLUMNS)),
    "census": Source("census", "US Census Bureau international trade API, by HS chapter and country",
                     "census_us_trade", "json", census.requests, census.parse, census.held,
                     columns=tuple(census.COLUMNS)),
}


def read_table(source: str, snapshot_root: Path) -> pd.DataFrame:
    """The table of ``source`` parsed from its newest complete snapshot (empty if there is none)."""
    from ..snapshot import latest

    src = SOURCES[source]
    cols = list(src.columns)
    frames = []
    for snap in latest(snapshot_root, source):
        meta = {**snap.meta, "file": snap.path.relative_to(snapshot_root).as_posix()}
        try:
            frames.append(src.parse(snap.read(), meta))
        except ReplyError as exc:
            raise IngestError(f"snapshot cannot be parsed: {exc}", file=snap.path) from exc
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]
