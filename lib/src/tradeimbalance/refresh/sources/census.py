"""US Census Bureau international trade API, by HS chapter and country: one request per flow and year.

A key in ``CENSUS_API_KEY`` is optional; it is sent but never written to a snapshot's metadata.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..reply import ReplyError, Request, parse_json
from ._common import _provenance, now_year

BASE = "https://api.census.gov/data/timeseries/intltrade"
KEY_ENV = "CENSUS_API_KEY"
#: Census country codes of the partners fetched by default.
PARTNERS = {"5700": "CHN", "5820": "HKG", "5880": "JPN", "5800": "KOR", "5520": "VNM", "5490": "THA",
            "5550": "KHM", "5380": "BGD"}
FLOWS = {"exports": ("exports/hs", "E_COMMODITY", "ALL_VAL_YR"),
         "imports": ("imports/hs", "I_COMMODITY", "GEN_VAL_YR")}
COLUMNS = ["year", "partner", "flow", "hs2", "hs_section", "value_usd_mn", "vintage", "snapshot", "sha256"]


def requests(opts: dict) -> list[Request]:
    """One request per flow and year, December year to date.

    ``opts``: ``census_base``, ``years``, ``census_partners``.
    """
    base = opts.get("census_base", BASE).rstrip("/")
    key = os.environ.get(KEY_ENV, "")
    years = opts.get("years") or list(range(2021, now_year()))
    out = []
    for flow, (path, comm, val) in FLOWS.items():
        for y in years:
            params = {"get": f"CTY_CODE,CTY_NAME,{comm},{val}", "time": f"{y}-12", "COMM_LVL": "HS2",
                      "CTY_CODE": ",".join(opts.get("census_partners") or PARTNERS)}
            if key:
                params["key"] = key
            out.append(Request(name=f"census_{flow}_{y}", url=f"{base}/{path}", params=params,
                               secret_params=("key",)))
    return out


def parse(body: bytes, meta: dict) -> pd.DataFrame:
    """A Census reply -> rows (year-to-date values in US dollars, converted to millions)."""
    from ...ingest._common import code_map

    doc = parse_json(body)
    if not (isinstance(doc, list) and doc and isinstance(doc[0], list)):
        raise ReplyError("not a Census API reply (a header row and data rows expected)")
    head, rows = doc[0], doc[1:]
    flow = "exports" if "ALL_VAL_YR" in head else "imports"
    _, comm, val = FLOWS[flow]
    try:
        ic, im, iv, it = head.index("CTY_CODE"), head.index(comm), head.index(val), head.index("time")
    except ValueError as exc:
        raise ReplyError(f"Census reply lacks a column ({exc}); header {head}") from exc
    sections = code_map("hs_sections", "hs2", "hs_section")
    out = []
    for r in rows:
        code = str(r[ic])
        if code not in PARTNERS:
            continue
        hs2 = str(r[im])
        out.append({"year": int(str(r[it])[:4]), "partner": PARTNERS[code], "flow": flow, "hs2": hs2,
                    "hs_section": sections.get(hs2), "value_usd_mn": float(r[iv]) / 1e6, **_provenance(meta)})
    return pd.DataFrame(out, columns=COLUMNS)


def held(new: pd.DataFrame, data_dir: Path) -> tuple[pd.Series, pd.Series]:
    """New and held US trade (millions of US dollars) summed by partner, flow and year."""
    from ...data import load

    h = load("us_trade_hs", data_dir).astype({"flow": str, "partner": str})
    h = h[h["flow"].isin(["us_exports", "us_imports_consumption"])].copy()
    h["flow"] = h["flow"].map({"us_exports": "exports", "us_imports_consumption": "imports"})
    key = ["partner", "flow", "year"]
    return (new.groupby(key)["value_usd_mn"].sum(), h.groupby(key)["value_usd_mn"].sum())
