"""The four official APIs the refresh fetches: requests, reply checks, parsers and unit checks.

Each source is a :class:`Source`: ``requests()`` lists the calls (one per reporter for IMTS, one per
page for the World Bank, ...), ``parse(body, meta)`` turns one saved body into rows of the source's
table, and ``held(data_dir)`` gives the values already in ``data/`` that a new reply is compared with
(:func:`unit_check`). The same ``parse`` runs on a live reply (before it is saved) and on a saved
snapshot (when ``data/`` is built), so the tests and the live path share one parser.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from ..errors import IngestError


class ReplyError(Exception):
    """A reply that cannot be used (HTML page, empty, truncated, malformed, wrong unit)."""


@dataclass(frozen=True)
class Request:
    name: str  # file name of the snapshot, without extension
    url: str
    params: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    ext: str = "json"
    secret_params: tuple[str, ...] = ()  # never written to a snapshot's metadata

    def label(self) -> str:
        from urllib.parse import urlencode

        shown = {k: ("***" if k in self.secret_params else v) for k, v in self.params.items()}
        return self.url + ("?" + urlencode(shown, safe=",:+*;") if shown else "")


# ------------------------------------------------------------------------------------------- reply checks


def check_reply(status: int, headers: dict, body: bytes, expect: str) -> None:
    """Refuse an error status, an empty reply, an HTML page or a body that is not ``expect`` (xml/json)."""
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if status == 204 or not body.strip():
        raise ReplyError(f"empty reply (HTTP {status}, {len(body)} bytes): the service returned no data")
    head = body[:512].lstrip().lower()
    if "html" in ctype.lower() or head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        m = re.search(rb"<title>(.*?)</title>", body[:4096], re.I | re.S)
        title = m.group(1).decode("utf-8", "replace").strip() if m else ""
        raise ReplyError(f"an HTML page instead of {expect.upper()} data (HTTP {status}"
                         + (f", title {title!r}" if title else "") + ")")
    if status >= 400:
        raise ReplyError(f"HTTP {status}: {body[:200].decode('utf-8', 'replace').strip()}")
    if expect == "xml" and not head.startswith(b"<"):
        raise ReplyError(f"not XML (starts with {body[:40]!r})")
    if expect == "json" and head[:1] not in (b"{", b"["):
        raise ReplyError(f"not JSON (starts with {body[:40]!r})")


def _json(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReplyError(f"the JSON body cannot be parsed, it may be truncated ({exc})") from exc


# ------------------------------------------------------------------------------------------- unit check

FACTORS = {1e3: "10^3", 1e6: "10^6", 1e9: "10^9", 1e-3: "10^-3", 1e-6: "10^-6", 1e-9: "10^-9"}


def unit_check(new: pd.Series, held: pd.Series, what: str) -> str:
    """Compare new values with the held vintage (both indexed by series key and year, same unit).

    Overlapping years must agree within a factor of 2 (revisions are far smaller); without overlap,
    the first new year of each series is compared with the last held year (within a factor of 5).
    A ratio near a power of ten (10^3, 10^6, ...) is reported as a wrong unit. Returns a short
    description of what was compared ("" when nothing could be).
    """
    new, held = new.dropna(), held.dropna()
    new, held = new[new != 0], held[held != 0]
    common = new.index.intersection(held.index)
    if len(common):
        ratio = float((new[common] / held[common]).abs().median())
        tol, basis = 2.0, f"{len(common)} overlapping value(s)"
    else:
        if new.empty or held.empty:
            return ""
        lv = list(range(new.index.nlevels - 1))
        first = new.sort_index().groupby(level=lv).first()
        last = held.sort_index().groupby(level=lv).last()
        keys = first.index.intersection(last.index)
        if not len(keys):
            return ""
        ratios = (first[keys] / last[keys]).abs()
        ratio = float(pd.Series(ratios).median())
        tol, basis = 5.0, f"the first new year against the last held year of {len(keys)} series"
    if not 1 / tol <= ratio <= tol:
        near = min(FACTORS, key=lambda f: abs(math.log10(ratio / f)))
        factor = (f" (about {FACTORS[near]}: a wrong unit, e.g. millions against units)"
                  if abs(math.log10(ratio / near)) < 0.5 else "")
        raise ReplyError(f"{what}: values are {ratio:.3g} times the vintage already held{factor}, "
                         f"compared on {basis}; refused")
    return f"{basis}, ratio {ratio:.3f}"


# ------------------------------------------------------------------------------------------- sources


@dataclass
class Source:
    name: str
    title: str
    table: str
    expect: str  # "xml" or "json"
    requests: Callable[[dict], list[Request]]
    parse: Callable[[bytes, dict], pd.DataFrame]
    held: Callable[[pd.DataFrame, Path], tuple[pd.Series, pd.Series]] | None = None
    #: follow-up requests from a parsed first reply (paging); returns extra requests
    more: Callable[[Request, bytes, dict], list[Request]] | None = None


def _now_year() -> int:
    return dt.date.today().year


# ---- IMF IMTS (SDMX 3.0) ----------------------------------------------------------------------------

IMTS_BASE = "https://api.imf.org/external/sdmx/3.0"
IMTS_INDICATORS = {"XG_FOB_USD": "exports", "MG_CIF_USD": "imports"}
#: IMTS counterpart codes that differ from the book's (DOTS) partner codes; ISO3 codes are the same.
IMTS_PARTNERS = {"G001": "WLD", "G998": "EU27"}
#: The reporters of the book's bilateral table (DOTS codes are ISO3 but EU27 is G998 in IMTS).
IMTS_REPORTERS = ["AUS", "CHN", "DEU", "G998", "HKG", "IDN", "IND", "JPN", "KOR", "MYS", "PHL", "SGP", "THA",
                  "USA", "VNM"]


def imts_requests(opts: dict) -> list[Request]:
    base = opts.get("imts_base", IMTS_BASE).rstrip("/")
    start = opts.get("start", 2019)
    out = []
    for rep in opts.get("reporters") or IMTS_REPORTERS:
        key = f"{rep}.{'+'.join(IMTS_INDICATORS)}.*.A"
        out.append(Request(
            name=f"imts_{rep}", url=f"{base}/data/dataflow/IMF.STA/IMTS/+/{key}",
            params={"c[TIME_PERIOD]": f"ge:{start}", "dimensionAtObservation": "TIME_PERIOD", "detail": "full"},
            headers={"Accept": "application/xml"}, ext="xml"))
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def imts_parse(body: bytes, meta: dict) -> pd.DataFrame:
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
        if ind not in IMTS_INDICATORS or s.get("FREQUENCY") != "A":
            continue
        unit = units.get(ind, "USD")
        if unit != "USD":
            raise ReplyError(f"unit {unit!r} for {ind}, expected 'USD' (US dollars)")
        for o in s:
            if _local(o.tag) != "Obs" or o.get("OBS_VALUE") in (None, "", "NaN"):
                continue
            rows.append({
                "reporter": IMTS_PARTNERS.get(s.get("COUNTRY"), s.get("COUNTRY")),
                "partner": IMTS_PARTNERS.get(s.get("COUNTERPART_COUNTRY"), s.get("COUNTERPART_COUNTRY")),
                "partner_imts": s.get("COUNTERPART_COUNTRY"),
                "flow": IMTS_INDICATORS[ind],
                "year": int(o.get("TIME_PERIOD")[:4]),
                # OBS_VALUE is in US dollars; SCALE="6" is a display hint only
                "value_usd_mn": float(o.get("OBS_VALUE")) / 1e6,
                "indicator": ind,
                "vintage": meta.get("accessed", ""),
                "published": (prepared or meta.get("published", ""))[:10],
                "snapshot": meta.get("file", ""),
                "sha256": meta.get("sha256", ""),
            })
    return pd.DataFrame(rows, columns=IMTS_COLUMNS)


IMTS_COLUMNS = ["reporter", "partner", "partner_imts", "flow", "year", "value_usd_mn", "indicator", "vintage",
                "published", "snapshot", "sha256"]


def imts_held(new: pd.DataFrame, data_dir: Path) -> tuple[pd.Series, pd.Series]:
    from ..data import load

    bt = load("bilateral_trade", data_dir)
    key = ["reporter", "partner", "flow", "year"]
    held = bt.astype({"flow": str, "partner": str, "reporter": str}).set_index(key)["value_usd_mn"]
    return new.set_index(key)["value_usd_mn"], held


# ---- World Bank WDI API v2 ----------------------------------------------------------------------------

WDI_BASE = "https://api.worldbank.org/v2"
#: WDI indicator -> column of the macro table (same unit: current US dollars).
WDI_INDICATORS = {"TX.VAL.MRCH.CD.WT": "merch_exports_usd", "TM.VAL.MRCH.CD.WT": "merch_imports_usd",
                  "NY.GDP.MKTP.CD": "gdp_usd", "BN.CAB.XOKA.CD": "current_account_usd"}
WDI_COUNTRIES = ["CHN", "USA", "JPN", "KOR", "DEU", "VNM", "THA", "KHM", "BGD", "EUU", "WLD"]


def wdi_requests(opts: dict) -> list[Request]:
    base = opts.get("wdi_base", WDI_BASE).rstrip("/")
    countries = ";".join(opts.get("countries") or WDI_COUNTRIES)
    return [Request(name=f"wdi_{ind}_p1", url=f"{base}/country/{countries}/indicator/{ind}",
                    params={"format": "json", "per_page": 1000, "page": 1, "date": f"{opts.get('start', 2015)}:{_now_year()}"})
            for ind in (opts.get("indicators") or WDI_INDICATORS)]


def _wdi_pages(body: bytes) -> tuple[dict, list]:
    doc = _json(body)
    if isinstance(doc, list) and doc and isinstance(doc[0], dict) and "message" in doc[0]:
        msg = "; ".join(f"{m.get('key', '')}: {m.get('value', '')}" for m in doc[0]["message"])
        raise ReplyError(f"the World Bank API returned an error: {msg}")
    if not (isinstance(doc, list) and len(doc) == 2 and isinstance(doc[0], dict)):
        raise ReplyError("not a World Bank API v2 reply ([page information, rows] expected)")
    return doc[0], doc[1] or []


def wdi_more(req: Request, body: bytes, meta: dict) -> list[Request]:
    info, _ = _wdi_pages(body)
    pages = int(info.get("pages", 1) or 1)
    if int(req.params.get("page", 1)) != 1:
        return []
    stem = req.name.rsplit("_p", 1)[0]
    return [Request(name=f"{stem}_p{p}", url=req.url, params={**req.params, "page": p}) for p in range(2, pages + 1)]


def wdi_parse(body: bytes, meta: dict) -> pd.DataFrame:
    info, rows = _wdi_pages(body)
    out = [{
        "country": r.get("countryiso3code") or r["country"]["id"],
        "indicator": r["indicator"]["id"],
        "year": int(r["date"]),
        "value": float(r["value"]),
        "vintage": meta.get("accessed", ""),
        "published": str(info.get("lastupdated", "") or meta.get("published", ""))[:10],
        "snapshot": meta.get("file", ""),
        "sha256": meta.get("sha256", ""),
    } for r in rows if r.get("value") is not None and str(r.get("date", "")).isdigit()]
    return pd.DataFrame(out, columns=WDI_COLUMNS)


WDI_COLUMNS = ["country", "indicator", "year", "value", "vintage", "published", "snapshot", "sha256"]


def wdi_held(new: pd.DataFrame, data_dir: Path) -> tuple[pd.Series, pd.Series]:
    from ..data import load

    m = load("macro", data_dir)
    long = m.melt(id_vars=["country", "year"], value_vars=[c for c in WDI_INDICATORS.values() if c in m.columns],
                  var_name="column", value_name="value")
    inv = {v: k for k, v in WDI_INDICATORS.items()}
    long["indicator"] = long["column"].map(inv)
    key = ["country", "indicator", "year"]
    return new.set_index(key)["value"], long.set_index(key)["value"]


# ---- UN Comtrade: China-reported trade by HS chapter and partner --------------------------------------

COMTRADE_BASE = "https://comtradeapi.un.org"
COMTRADE_KEY_ENV = "COMTRADE_API_KEY"
#: Comtrade partner codes (M49) of the partners fetched by default: US, Japan, Korea, Germany, Vietnam.
COMTRADE_PARTNERS = {"842": "USA", "392": "JPN", "410": "KOR", "276": "DEU", "704": "VNM"}
HS_CHAPTERS = [f"{i:02d}" for i in range(1, 98) if i != 77]


def comtrade_requests(opts: dict) -> list[Request]:
    base = opts.get("comtrade_base", COMTRADE_BASE).rstrip("/")
    key = os.environ.get(COMTRADE_KEY_ENV, "")
    path = "/data/v1/get/C/A/HS" if key else "/public/v1/preview/C/A/HS"
    years = opts.get("years") or list(range(2021, _now_year()))
    out = []
    for code, iso in (opts.get("comtrade_partners") or COMTRADE_PARTNERS).items():
        for y in years:
            params = {"reporterCode": "156", "partnerCode": code, "period": str(y), "flowCode": "M,X",
                      "cmdCode": "TOTAL," + ",".join(HS_CHAPTERS), "partner2Code": "0", "motCode": "0",
                      "customsCode": "C00"}
            headers = {"Ocp-Apim-Subscription-Key": key} if key else {}
            out.append(Request(name=f"comtrade_CHN_{iso}_{y}", url=base + path, params=params, headers=headers))
    return out


def comtrade_parse(body: bytes, meta: dict) -> pd.DataFrame:
    from ..ingest._common import code_map

    doc = _json(body)
    if not isinstance(doc, dict) or "data" not in doc:
        raise ReplyError("not a UN Comtrade reply (no 'data' member)")
    if doc.get("error"):
        raise ReplyError(f"UN Comtrade returned an error: {doc['error']}")
    rows = doc["data"] or []
    if isinstance(doc.get("count"), int) and doc["count"] != len(rows):
        raise ReplyError(f"the reply says {doc['count']} rows but holds {len(rows)}: truncated")
    if len(rows) >= 500 and "preview" in meta.get("url", ""):
        raise ReplyError("the keyless preview returned its limit of 500 rows, so rows are missing; "
                         f"set {COMTRADE_KEY_ENV} or ask for fewer partners or years")
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
            "vintage": meta.get("accessed", ""),
            "snapshot": meta.get("file", ""),
            "sha256": meta.get("sha256", ""),
        })
    return pd.DataFrame(out, columns=COMTRADE_COLUMNS)


COMTRADE_COLUMNS = ["year", "reporter", "partner", "flow", "hs2", "hs_section", "classification", "value_usd_mn",
                    "vintage", "snapshot", "sha256"]


def comtrade_held(new: pd.DataFrame, data_dir: Path) -> tuple[pd.Series, pd.Series]:
    from ..data import load

    bt = load("bilateral_trade", data_dir).astype({"flow": str, "partner": str, "reporter": str})
    key = ["reporter", "partner", "flow", "year"]
    tot = new[new["hs2"] == "TOTAL"]
    return tot.set_index(key)["value_usd_mn"], bt.set_index(key)["value_usd_mn"]


# ---- US Census international trade API -----------------------------------------------------------------

CENSUS_BASE = "https://api.census.gov/data/timeseries/intltrade"
CENSUS_KEY_ENV = "CENSUS_API_KEY"
#: Census country codes of the partners fetched by default.
CENSUS_PARTNERS = {"5700": "CHN", "5820": "HKG", "5880": "JPN", "5800": "KOR", "5520": "VNM", "5490": "THA",
                   "5550": "KHM", "5380": "BGD"}
CENSUS_FLOWS = {"exports": ("exports/hs", "E_COMMODITY", "ALL_VAL_YR"),
                "imports": ("imports/hs", "I_COMMODITY", "GEN_VAL_YR")}


def census_requests(opts: dict) -> list[Request]:
    base = opts.get("census_base", CENSUS_BASE).rstrip("/")
    key = os.environ.get(CENSUS_KEY_ENV, "")
    years = opts.get("years") or list(range(2021, _now_year()))
    out = []
    for flow, (path, comm, val) in CENSUS_FLOWS.items():
        for y in years:
            params = {"get": f"CTY_CODE,CTY_NAME,{comm},{val}", "time": f"{y}-12", "COMM_LVL": "HS2",
                      "CTY_CODE": ",".join(opts.get("census_partners") or CENSUS_PARTNERS)}
            if key:
                params["key"] = key
            out.append(Request(name=f"census_{flow}_{y}", url=f"{base}/{path}", params=params,
                               secret_params=("key",)))
    return out


def census_parse(body: bytes, meta: dict) -> pd.DataFrame:
    from ..ingest._common import code_map

    doc = _json(body)
    if not (isinstance(doc, list) and doc and isinstance(doc[0], list)):
        raise ReplyError("not a Census API reply (a header row and data rows expected)")
    head, rows = doc[0], doc[1:]
    flow = "exports" if "ALL_VAL_YR" in head else "imports"
    _, comm, val = CENSUS_FLOWS[flow]
    try:
        ic, im, iv, it = head.index("CTY_CODE"), head.index(comm), head.index(val), head.index("time")
    except ValueError as exc:
        raise ReplyError(f"Census reply lacks a column ({exc}); header {head}") from exc
    sections = code_map("hs_sections", "hs2", "hs_section")
    out = []
    for r in rows:
        code = str(r[ic])
        if code not in CENSUS_PARTNERS:
            continue
        hs2 = str(r[im])
        out.append({"year": int(str(r[it])[:4]), "partner": CENSUS_PARTNERS[code], "flow": flow, "hs2": hs2,
                    "hs_section": sections.get(hs2), "value_usd_mn": float(r[iv]) / 1e6,
                    "vintage": meta.get("accessed", ""), "snapshot": meta.get("file", ""),
                    "sha256": meta.get("sha256", "")})
    return pd.DataFrame(out, columns=CENSUS_COLUMNS)


CENSUS_COLUMNS = ["year", "partner", "flow", "hs2", "hs_section", "value_usd_mn", "vintage", "snapshot", "sha256"]


def census_held(new: pd.DataFrame, data_dir: Path) -> tuple[pd.Series, pd.Series]:
    from ..data import load

    h = load("us_trade_hs", data_dir).astype({"flow": str, "partner": str})
    h = h[h["flow"].isin(["us_exports", "us_imports_consumption"])].copy()
    h["flow"] = h["flow"].map({"us_exports": "exports", "us_imports_consumption": "imports"})
    key = ["partner", "flow", "year"]
    return (new.groupby(key)["value_usd_mn"].sum(), h.groupby(key)["value_usd_mn"].sum())


SOURCES: dict[str, Source] = {
    "imts": Source("imts", "IMF International Trade in Goods (IMTS), SDMX 3.0", "imts_trade", "xml",
                   imts_requests, imts_parse, imts_held),
    "wdi": Source("wdi", "World Bank World Development Indicators, API v2", "wdi_api", "json",
                  wdi_requests, wdi_parse, wdi_held, more=wdi_more),
    "comtrade": Source("comtrade", "UN Comtrade, China as reporter, by HS chapter and partner", "comtrade_china_hs",
                       "json", comtrade_requests, comtrade_parse, comtrade_held),
    "census": Source("census", "US Census Bureau international trade API, by HS chapter and country",
                     "census_us_trade", "json", census_requests, census_parse, census_held),
}


def read_table(source: str, snapshot_root: Path) -> pd.DataFrame:
    """The table of ``source`` parsed from its newest complete snapshot (empty if there is none)."""
    from .snapshot import latest

    src = SOURCES[source]
    cols = {"imts": IMTS_COLUMNS, "wdi": WDI_COLUMNS, "comtrade": COMTRADE_COLUMNS, "census": CENSUS_COLUMNS}[source]
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
