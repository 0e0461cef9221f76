"""The chapter's measures: last years of the series, SAFE balances, processing shares, import totals and
direct-investment positions. Pure functions of the tables in ``data/``."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ... import measures
from ...data import load, view_cache
from . import SECTION_PREFIX


def section_claims() -> pd.DataFrame:
    """The paper's numeric statements of section 4 in ``paper_reported``, one row each (none are expected)."""
    rep = load("paper_reported")
    return rep[rep["claim_id"].astype(str).str.startswith(SECTION_PREFIX)].reset_index(drop=True)


# --- last years of the series ---------------------------------------------------------------------

def dots_last_year() -> int:
    """The last year of China-reported trade with the US in DOTS (a calendar year)."""
    return int(measures.bilateral("CHN", "USA")["year"].max())


def macro_last_year() -> int:
    """The last year with China's merchandise exports and imports in the WDI table ``macro`` (a calendar year)."""
    m = load("macro")
    c = m[(m["country"] == "CHN") & m["merch_exports_usd"].notna() & m["merch_imports_usd"].notna()]
    return int(c["year"].max())


# --- China's balance of payments (SAFE) ------------------------------------------------------------

#: Preference among SAFE releases: the official annual figure or annual report first, then the preliminary one.
#: Values derived by the source from growth rates (not published) are left out.
_RELEASE_RANK = (("official", 0), ("report", 0), ("preliminary", 1))


def _release_rank(release: str) -> float:
    r = str(release).lower()
    if "derived" in r:
        return math.inf
    for key, rank in _RELEASE_RANK:
        if key in r:
            return rank
    return 2


@view_cache
def _bop_first_release(item: str, column: str) -> pd.Series:
    """``column`` of :func:`bop_series`'s rows (computed once per item, column and data folder)."""
    b = load("bop_china")
    b = b[(b["item"].astype(str) == item) & (b["currency"].astype(str) == "USD") & b["value_bn"].notna()].copy()
    b["rank"] = [_release_rank(r) for r in b["release"]]
    b = b[np.isfinite(b["rank"])].sort_values(["year", "rank"])
    s = b.groupby("year")[column].first()
    s.index = s.index.astype(int)
    return s


def bop_series(item: str) -> pd.Series:
    """SAFE balance-of-payments ``item`` in USD bn by year, one release per year (official before preliminary;
    derived values excluded)."""
    return _bop_first_release(item, "value_bn")


def bop_release(item: str) -> pd.Series:
    """The release behind each value of :func:`bop_series` (text, by year)."""
    return _bop_first_release(item, "release")


# --- processing and ordinary trade (GACC) ----------------------------------------------------------

@view_cache
def processing_table(year: int | None = None) -> pd.DataFrame:
    """Processing and ordinary trade as a share of total trade, by year, period and flow (GACC customs regimes):
    values in USD bn, shares in percent of total trade.

    Processing trade is the customs definition: processing and assembling plus processing with imported
    materials. Full-year and January-October periods are kept apart; ``value_type`` says whether a value
    is published or backed out of a printed year-on-year change.
    """
    c = load("customs_regime")
    if year is not None:
        c = c[c["year"] <= int(year)]
    g = (c.groupby(["year", "period", "flow", "regime_group", "value_type"], observed=True)["value_usd_mn"].sum()
           .unstack("regime_group"))
    g = g.reset_index()
    out = pd.DataFrame({
        "year": g["year"].astype(int).astype(str),
        "period": g["period"].astype(str),
        "flow": g["flow"].astype(str),
        "total_usd_bn": g["total"] / 1000,
        "ordinary_usd_bn": g["ordinary"] / 1000,
        "processing_usd_bn": g["processing"] / 1000,
        "processing_share_pct": measures.share(g["processing"], g["total"]),
        "ordinary_share_pct": measures.share(g["ordinary"], g["total"]),
        "value_type": g["value_type"].astype(str).map({"published": "published", "derived_from_yoy": "derived"})
                        .fillna(g["value_type"].astype(str)),
    })
    order = {"Jan-Dec": 0, "Jan-Oct": 1}
    out["_o"] = out["period"].map(order).fillna(2)
    return out.sort_values(["flow", "_o", "year"]).drop(columns="_o").reset_index(drop=True)


@view_cache
def _processing_shares() -> dict[tuple[str, str, str], float]:
    """``{(year, flow, period): processing share, percent}`` from :func:`processing_table` (first row of each)."""
    t = processing_table().drop_duplicates(["year", "flow", "period"])
    return dict(zip(zip(t["year"], t["flow"], t["period"]), t["processing_share_pct"].astype(float)))


def processing_share(year: int, flow: str, period: str = "Jan-Dec") -> float:
    """Processing trade's share of China's ``flow`` in ``year`` and ``period``, percent (NaN without data)."""
    return _processing_shares().get((str(year), flow, period), math.nan)


# --- imports of the US and the EU ------------------------------------------------------------------

def reporter_imports(reporter: str) -> pd.Series:
    """The reporter's imports from outside itself, USD bn by year: from the World, less intra-EU imports for EU27."""
    w = measures.bilateral(reporter, "WLD")
    total = w.set_index(w["year"].astype(int))["imports"]
    if reporter == "EU27":
        intra = measures.bilateral("EU27", "EU27")
        total = total - intra.set_index(intra["year"].astype(int))["imports"]
    return total


# --- two-way investment with the US (points only) ---------------------------------------------------

def _one_per_year(df: pd.DataFrame) -> pd.Series:
    """One value per year in USD bn: the primary source first, then the latest vintage listed."""
    df = df.assign(_p=(df["source_type"].astype(str) != "primary").astype(int)).sort_values(["year", "_p"])
    s = df.groupby("year")["value_usd_mn"].first() / 1000
    s.index = s.index.astype(int)
    return s


def _positions(investor: str, host: str, basis: str) -> pd.DataFrame:
    f = load("fdi_positions")
    return f[(f["measure"].astype(str) == "position") & f["value_usd_mn"].notna()
             & (f["investor"].astype(str) == investor) & (f["host"].astype(str) == host)
             & (f["basis"].astype(str) == basis)]


def fdi_points() -> pd.DataFrame:
    """US direct-investment position in China and China's in the US, BEA historical cost, years with both values:
    positions in USD bn, ``ratio`` in times, ``year`` as text.

    US in China: BEA position by country of the foreign affiliate (as republished by Statista). China in the US:
    BEA position by country of the immediate foreign parent. Flows, MOFCOM figures and years with only one side
    are left out.
    """
    u = _one_per_year(_positions("USA", "CHN", "affiliate_country"))
    c = china_in_us()
    years = sorted(set(u.index) & set(c.index))
    out = pd.DataFrame({"year": [str(y) for y in years],
                        "us_in_china_usd_bn": u.reindex(years).to_numpy(),
                        "china_in_us_usd_bn": c.reindex(years).to_numpy()})
    out["ratio"] = out["us_in_china_usd_bn"] / out["china_in_us_usd_bn"]
    return out


def china_in_us() -> pd.Series:
    """China's direct-investment position in the US, BEA historical cost, immediate parent, USD bn by year
    (the primary BEA release where there is one)."""
    return _one_per_year(_positions("CHN", "USA", "immediate_parent"))
