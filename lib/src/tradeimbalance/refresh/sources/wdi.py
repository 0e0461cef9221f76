"""World Bank World Development Indicators, API v2: one paged JSON request per indicator."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..reply import ReplyError, Request, parse_json
from ._common import _provenance, now_year

BASE = "https://api.worldbank.org/v2"
#: WDI indicator -> column of the macro table (same unit: current US dollars).
INDICATORS = {"TX.VAL.MRCH.CD.WT": "merch_exports_usd", "TM.VAL.MRCH.CD.WT": "merch_imports_usd",
              "NY.GDP.MKTP.CD": "gdp_usd", "BN.CAB.XOKA.CD": "current_account_usd"}
COUNTRIES = ["CHN", "USA", "JPN", "KOR", "DEU", "VNM", "THA", "KHM", "BGD", "EUU", "WLD"]
COLUMNS = ["country", "indicator", "year", "value", "vintage", "published", "snapshot", "sha256"]


def requests(opts: dict) -> list[Request]:
    """The first page of each indicator (``opts``: ``wdi_base``, ``countries``, ``start`` year, ``indicators``)."""
    base = opts.get("wdi_base", BASE).rstrip("/")
    countries = ";".join(opts.get("countries") or COUNTRIES)
    return [Request(name=f"wdi_{ind}_p1", url=f"{base}/country/{countries}/indicator/{ind}",
                    params={"format": "json", "per_page": 1000, "page": 1, "date": f"{opts.get('start', 2015)}:{now_year()}"})
            for ind in (opts.get("indicators") or INDICATORS)]


def _pages(body: bytes) -> tuple[dict, list]:
    doc = parse_json(body)
    if isinstance(doc, list) and doc and isinstance(doc[0], dict) and "message" in doc[0]:
        msg = "; ".join(f"{m.get('key', '')}: {m.get('value', '')}" for m in doc[0]["message"])
        raise ReplyError(f"the World Bank API returned an error: {msg}")
    if not (isinstance(doc, list) and len(doc) == 2 and isinstance(doc[0], dict)):
        raise ReplyError("not a World Bank API v2 reply ([page information, rows] expected)")
    return doc[0], doc[1] or []


def more(req: Request, body: bytes, meta: dict) -> list[Request]:
    """The requests for pages 2, 3, ... that the first page's reply announces (none after another page)."""
    info, _ = _pages(body)
    pages = int(info.get("pages", 1) or 1)
    if int(req.params.get("page", 1)) != 1:
        return []
    stem = req.name.rsplit("_p", 1)[0]
    return [Request(name=f"{stem}_p{p}", url=req.url, params={**req.params, "page": p}) for p in range(2, pages + 1)]


def parse(body: bytes, meta: dict) -> pd.DataFrame:
    """One page of a WDI reply -> rows (values in the indicator's unit: current US dollars)."""
    info, rows = _pages(body)
    out = [{
        "country": r.get("countryiso3code") or r["country"]["id"],
        "indicator": r["indicator"]["id"],
        "year": int(r["date"]),
        "value": float(r["value"]),
        **_provenance(meta, published=info.get("lastupdated", "") or ""),
    } for r in rows if r.get("value") is not None and str(r.get("date", "")).isdigit()]
    return pd.DataFrame(out, columns=COLUMNS)


def held(new: pd.DataFrame, data_dir: Path) -> tuple[pd.Series, pd.Series]:
    """New and held values (current US dollars) by country, indicator and year.

    The pair :func:`~tradeimbalance.refresh.units.unit_check` compares.
    """
    from ...data import load

    m = load("macro", data_dir)
    long = m.melt(id_vars=["country", "year"], value_vars=[c for c in INDICATORS.values() if c in m.columns],
                  var_name="column", value_name="value")
    inv = {v: k for k, v in INDICATORS.items()}
    long["indicator"] = long["column"].map(inv)
    key = ["country", "indicator", "year"]
    return new.set_index(key)["value"], long.set_index(key)["value"]
