"""IMF International Trade in Goods Statistics (IMTS), SDMX 3.0: one request per reporter, SDMX-ML replies."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from ..reply import ReplyError, Request
from ._common import _provenance

BASE = "https://api.imf.org/external/sdmx/3.0"
INDICATORS = {"XG_FOB_USD": "exports", "MG_CIF_USD": "imports"}
#: IMTS counterpart codes that differ from the book's (DOTS) partner codes; ISO3 codes are the same.
PARTNERS = {"G001": "WLD", "G998": "EU27"}
#: The reporters of the book's bilateral table (DOTS codes are ISO3 but EU27 is G998 in IMTS).
REPORTERS = ["AUS", "CHN", "DEU", "G998", "HKG", "IDN", "IND", "JPN", "KOR", "MYS", "PHL", "SGP", "THA",
             "USA", "VNM"]
COLUMNS = ["reporter", "partner", "partner_imts", "flow", "year", "value_usd_mn", "indicator", "vintage",
           "published", "snapshot", "sha256"]


def requests(opts: dict) -> list[Request]:
    """One request per reporter (``opts``: ``imts_base``, ``start`` year, ``reporters``), annual exports and imports."""
    base = opts.get("imts_base", BASE).rstrip("/")
    start = opts.get("start", 2019)
    out = []
    for rep in opts.get("reporters") or REPORTERS:
        key = f"{rep}.{'+'.join(INDICATORS)}.*.A"
        out.append(Request(
            name=f"imts_{rep}", url=f"{base}/data/dataflow/IMF.STA/IMTS/+/{key}",
            params={"c[TIME_PERIOD]": f"ge:{start}", "dimensionAtObservation": "TIME_PERIOD", "detail": "full"},
            headers={"Accept": "application/xml"}, ext="xml"))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse(body: bytes, meta: dict) -> pd.DataFrame:
    """SDMX-ML 3.0 StructureSpecificData of IMTS -> rows (values in US dollars, converted to millions)."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ReplyError(f"the SDMX-ML body cannot be parsed, it may be truncated ({exc})") from exc
    if _local(root.tag) == "Error" or root.find(".//{*}ErrorMessage") is not None:
        msg = " ".join(t.strip() for t in root.itertext() if t.strip())[:200]
        raise ReplyError(f"the service returned an SDMX error message: {msg}")
    prepared = next((e.text or "" for e in root.iter() if _local(e.tag) == "Prepared"), "")
    units = {}
    for g in root.iter():
        if _local(g.tag) == "Group":
            for comp in g:
                if _local(comp.tag) == "Comp" and comp.get("id") == "UNIT":
                    units[g.get("INDICATOR")] = "".join(comp.itertext()).strip()
    rows = []
    for s in root.iter():
        if _local(s.tag) != "Series":
            continue
        ind = s.get("INDICATOR")
        if ind not in INDICATORS or s.get("FREQUENCY") != "A":
            continue
        unit = units.get(ind, "USD")
        if unit != "USD":
            raise ReplyError(f"unit {unit!r} for {ind}, expected 'USD' (US dollars)")
        for o in s:
            if _local(o.tag) != "Obs" or o.get("OBS_VALUE") in (None, "", "NaN"):
                continue
            rows.append({
                "reporter": PARTNERS.get(s.get("COUNTRY"), s.get("COUNTRY")),
                "partner": PARTNERS.get(s.get("COUNTERPART_COUNTRY"), s.get("COUNTERPART_COUNTRY")),
                "partner_imts": s.get("COUNTERPART_COUNTRY"),
                "flow": INDICATORS[ind],
                "year": int(o.get("TIME_PERIOD")[:4]),
                # OBS_VALUE is in US dollars; SCALE="6" is a display hint only
                "value_usd_mn": float(o.get("OBS_VALUE")) / 1e6,
                "indicator": ind,
                **_provenance(meta, published=prepared),
            })
    return pd.DataFrame(rows, columns=COLUMNS)


def held(new: pd.DataFrame, data_dir: Path) -> tuple[pd.Series, pd.Series]:
    """New and held values (millions of US dollars) by reporter, partner, flow and year.

    The pair :func:`~tradeimbalance.refresh.units.unit_check` compares.
    """
    from ...data import load

    bt = load("bilateral_trade", data_dir)
    key = ["reporter", "partner", "flow", "year"]
    held = bt.astype({"flow": str, "partner": str, "reporter": str}).set_index(key)["value_usd_mn"]
    return new.set_index(key)["value_usd_mn"], held
