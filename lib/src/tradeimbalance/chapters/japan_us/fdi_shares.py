"""Japan's direct-investment position in the US (BEA) as a share of Japan's outward stock (UNCTAD), percent."""

from __future__ import annotations

import math

import pandas as pd

from ... import measures
from ...data import load, view_cache
from ...views import FIGURE_SOURCE_TYPES, IMMEDIATE_BASES, fdi_points, pick_one_per_year
from . import JAPAN, PAPER_YEAR, US


def japan_position_in_us(source_types=FIGURE_SOURCE_TYPES) -> pd.DataFrame:
    """Japan's direct-investment position in the US (BEA, immediate parent), one row per year, USD million.

    Columns of ``fdi_positions`` (``year, value_usd_mn, source, source_type, vintage, ...``); where two sources
    give a year, the primary one (then the latest vintage) is kept.
    """
    return pick_one_per_year(fdi_points(JAPAN, US, IMMEDIATE_BASES, source_types))


def japan_outward_stock() -> pd.Series:
    """Japan's total outward direct-investment stock (UNCTAD), USD million, by year."""
    st = load("fdi_stock_unctad")
    sel = st[(st["economy"].astype(str) == JAPAN) & (st["direction"].astype(str) == "outward")].dropna(subset=["value_usd_mn"])
    s = pd.Series(sel["value_usd_mn"].astype("float64").to_numpy(), index=sel["year"].astype(int).to_numpy())
    s.index.name = "year"
    return s.sort_index()


@view_cache
def japan_fdi_share(source_types=FIGURE_SOURCE_TYPES) -> pd.Series:
    """Japan's position in the US (BEA) as a percentage of Japan's outward stock (UNCTAD), years with both
    (computed once per process and data folder; callers get copies)."""
    pos = japan_position_in_us(source_types)
    num = pd.Series(pos["value_usd_mn"].astype("float64").to_numpy(), index=pos["year"].astype(int).to_numpy())
    den = japan_outward_stock()
    years = num.index.intersection(den.index)
    s = measures.share(num.loc[years], den.loc[years]).dropna()
    s.index.name = "year"
    return s.sort_index()


#: Readable labels for the bases of fdi_positions.
BASIS_LABELS = {
    "immediate_parent": "BEA, immediate parent",
    "jetro": "JETRO, Japan's outward position",
    "unspecified": "text figure, basis unknown",
}


def short_source(row) -> str:
    """A short label (text) for where a value of Japan's position in the US comes from."""
    if str(row.source_type) == "primary":
        return "BEA table"
    if "blogspot" in str(row.source_url):
        return "BEA text, quoted in a blog"
    if "state.gov" in str(row.source_url):
        return "US State Dept., citing " + ("JETRO" if str(row.basis) == "jetro" else "BEA")
    if "EBC" in str(row.source):
        return "EBC (1992), quoted in an abstract"
    return str(row.source)


def fdi_points_table(year: int = PAPER_YEAR) -> pd.DataFrame:
    """Every value of Japan's position in the US up to ``year`` (all bases and source types, USD bn) and its
    share (percent).

    The share is computed against UNCTAD's outward stock of the same year where that exists (from 1990).
    """
    pts = fdi_points(JAPAN, US)
    pts = pts[pts["year"].astype(int) <= int(year)]
    den = japan_outward_stock()
    rows = []
    for r in pts.itertuples(index=False):
        y = int(r.year)
        total = den.get(y, math.nan)
        rows.append({
            "year": str(y),
            "position (USD bn)": measures.mn_to_bn(float(r.value_usd_mn)),
            "basis": BASIS_LABELS.get(str(r.basis), str(r.basis)),
            "source": short_source(r),
            "source type": str(r.source_type),
            "outward stock (USD bn, UNCTAD)": measures.mn_to_bn(total),
            "share (%)": measures.share(float(r.value_usd_mn), total) if not math.isnan(total) else math.nan,
        })
    return pd.DataFrame(rows, columns=["year", "position (USD bn)", "basis", "source", "source type",
                                       "outward stock (USD bn, UNCTAD)", "share (%)"])


def fdi_share_facts(end: int = PAPER_YEAR) -> dict:
    """Shares up to ``end`` (figure sources, percent): lowest (year), highest (year), years below 30%, years
    covered, years in the 1990s."""
    s = japan_fdi_share()
    s = s[s.index <= end]
    return {
        "min": float(s.min()), "min_year": int(s.idxmin()),
        "max": float(s.max()), "max_year": int(s.idxmax()),
        "years_below_30": [int(y) for y in s.index[s < 30]],
        "years": [int(y) for y in s.index],
        "in_1990s": [int(y) for y in s.index if 1990 <= y <= 1999],
    }
