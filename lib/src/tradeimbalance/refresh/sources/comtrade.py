"""UN Comtrade, China as reporter, by HS chapter and partner: one JSON request per partner and year.

Without a key in ``COMTRADE_API_KEY`` the keyless preview endpoint is used (at most 500 rows a
reply); with one, the full endpoint.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..reply import ReplyError, Request, parse_json
from ._common import _provenance, now_year

BASE = "https://comtradeapi.un.org"
KEY_ENV = "COMTRADE_API_KEY"
#: Comtrade partner codes (M49) of the partners fetched by default: US, Japan, Korea, Germany, Vietnam.
PARTNERS = {"842": "USA", "392": "JPN", "410": "KOR", "276": "DEU", "704": "VNM"}
HS_CHAPTERS = [f"{i:02d}" for i in range(1, 98) if i != 77]
COLUMNS = ["year", "reporter", "partner", "flow", "hs2", "hs_section", "classification", "value_usd_mn",
           "vintage", "snapshot", "sha256"]


def requests(opts: dict) -> list[Request]:
    """One request per partner and year (``opts``: ``comtrade_base``, ``years``, ``comtrade_partners``)."""
    base = opts.get("comtrade_base", BASE).rstrip("/")
    key = os.environ.get(KEY_ENV, "")
    path = "/data/v1/get/C/A/HS" if key else "/public/v1/preview/C/A/HS"
    years = opts.get("years") or list(range(2021, now_year()))
    out = []
    for code, iso in (opts.get("comtrade_partners") or PARTNERS).items():
        for y in years:
            params = {"reporterCode": "156", "partnerCode": code, "period": str(y), "flowCode": "M,X",
                      "cmdCode": "TOTAL," + ",".join(HS_CHAPTERS), "partner2Code": "0", "motCode": "0",
                      "customsCode": "C00"}
            headers = {"Ocp-Apim-Subscription-Key": key} if key else {}
            out.append(Request(name=f"comtrade_CHN_{iso}_{y}", url=base + path, params=params, headers=headers))
    return out


def parse(body: bytes, meta: dict) -> pd.DataFrame:
    """A Comtrade reply -> rows (primary values in US dollars, converted to millions)."""
    from ...ingest._common import code_map

    doc = parse_json(body)
    if not isinstance(doc, dict) or "data" not in doc:
        raise ReplyError("not a UN Comtrade reply (no 'data' member)")
    if doc.get("error"):
        raise ReplyError(f"UN Comtrade returned an error: {doc['error']}")
    rows = doc["data"] or []
    if isinstance(doc.get("count"), int) and doc["count"] != len(rows):
        raise ReplyError(f"the reply says {doc['count']} rows but holds {len(rows)}: truncated")
    if len(rows) >= 500 and "preview" in meta.get("url", ""):
        raise ReplyError("the keyless preview returned its limit of 500 rows, so rows are missing; "
                         f"set {KEY_ENV} or ask for fewer partners or years")
    sections = code_map("hs_sections", "hs2", "hs_section")
    out = []
    for r in rows:
        if r.get("freqCode") != "A" or r.get("flowCode") not in ("M", "X"):
            continue
        cmd = str(r.get("cmdCode"))
        out.append({
            "year": int(r["refYear"]),
            "reporter": r.get("reporterISO"),
            "partner": "WLD" if r.get("partnerISO") == "W00" else r.get("partnerISO"),
            "flow": "imports" if r["flowCode"] == "M" else "exports",
            "hs2": cmd,
            "hs_section": sections.get(cmd) if cmd != "TOTAL" else None,
            "classification": r.get("classificationCode"),
            "value_usd_mn": float(r["primaryValue"]) / 1e6,
            **_provenance(meta),
        })
    return pd.DataFrame(out, columns=COLUMNS)


def held(new: pd.DataFrame, data_dir: Path) -> tuple[pd.Series, pd.Series]:
    """New totals and held bilateral values (millions of US dollars) by reporter, partner, flow and year."""
    from ...data import load

    bt = load("bilateral_trade", data_dir).astype({"flow": str, "partner": str, "reporter": str})
    key = ["reporter", "partner", "flow", "year"]
    tot = new[new["hs2"] == "TOTAL"]
    return tot.set_index(key)["value_usd_mn"], bt.set_index(key)["value_usd_mn"]
