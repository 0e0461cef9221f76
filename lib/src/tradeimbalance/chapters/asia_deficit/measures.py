"""The chapter's measures of the US deficit with Asia, mainland China and Japan (US records, USD bn)."""

from __future__ import annotations

import math

import pandas as pd

from ...measures import GROWTH_METHODS, Growth, bilateral, growth_rate, share
from ...views import group_deficit, partner_deficit, us_deficits, us_last_year
from . import REPORTER


def last_year() -> int:
    """Last year of US-reported bilateral data (a calendar year)."""
    return us_last_year()


def shares(members, year_list) -> pd.DataFrame:
    """Deficit with the group (USD bn) and China's and Japan's shares of it (percent) for the given years.

    A share is NaN where the group's deficit is not positive (the share of a surplus has no meaning).
    """
    d = us_deficits()
    asia = group_deficit(members, d).reindex(year_list)
    pos = asia.where(asia > 0)
    return pd.DataFrame({
        "asia": asia,
        "china_share": share(d["CHN"].reindex(year_list), pos),
        "japan_share": share(d["JPN"].reindex(year_list), pos),
    })


def china_growth(method: str, start: int = 1983, end: int = 2018) -> Growth:
    """Average yearly growth of the US deficit with mainland China (US-reported) by ``method``, percent a year."""
    return growth_rate(partner_deficit("CHN"), start, end, method=method)


def growth_table(start: int = 1983, end: int = 2018) -> pd.DataFrame:
    """The three growth definitions for the US deficit with China, ``start``-``end`` (``growth_pct``: percent a year)."""
    labels = {
        "cagr": "Compound annual rate between the endpoints",
        "mean_yoy": "Mean of the year-on-year growth rates",
        "mean_log": "Mean log change (continuous rate)",
    }
    rows = [{"method": labels[m], "growth_pct": float(china_growth(m, start, end))} for m in GROWTH_METHODS]
    return pd.DataFrame(rows)


#: Freight-and-insurance margins tried on the 1983 US imports (a CIF value exceeds the customs value by it).
CIF_MARGINS = (0.0, 0.02, 0.05, 0.10)


def cif_sensitivity(start: int = 1983, end: int = 2018, margins=CIF_MARGINS) -> pd.DataFrame:
    """The compound growth of the US deficit with China, ``start``-``end``, if the US imports of ``start``
    were recorded CIF with each margin (imports / (1 + margin) taken as their customs value).

    Columns: ``margin_pct`` (percent), ``deficit_start_usd_bn`` and ``cagr_pct`` (percent a year). The
    ``end`` year is taken as recorded (DOTS's US imports equal Census's customs value there).
    """
    b = bilateral(REPORTER, "CHN").set_index("year")
    exports, imports = float(b.loc[start, "exports"]), float(b.loc[start, "imports"])
    last = -float(b.loc[end, "balance"])
    rows = []
    for margin in margins:
        first = imports / (1.0 + margin) - exports
        cagr = 100.0 * ((last / first) ** (1.0 / (end - start)) - 1.0) if first > 0 else math.nan
        rows.append({"margin_pct": 100.0 * margin, "deficit_start_usd_bn": first, "cagr_pct": cagr})
    return pd.DataFrame(rows)


def mirror_table() -> pd.DataFrame:
    """US-reported deficits against the partners' own records (their surplus with the US), USD bn."""
    rows = []
    for partner, years in (("JPN", (1965, 1980, 1983, 2018)), ("CHN", (1983, 2018))):
        own = bilateral(partner, REPORTER).set_index("year")["balance"]
        us = partner_deficit(partner)
        for y in years:
            rows.append({
                "partner": {"JPN": "Japan", "CHN": "Mainland China"}[partner],
                "year": str(y),
                "us_reported_deficit": float(us.get(y, math.nan)),
                "partner_reported_surplus": float(own.get(y, math.nan)),
            })
    return pd.DataFrame(rows)


def share_of_total_deficit(year: int = 2018) -> float:
    """The US deficit with mainland China as a percentage of the total US merchandise deficit (partner WLD), percent."""
    d = us_deficits()
    return share(float(d.loc[year, "CHN"]), float(d.loc[year, "WLD"]))


def china_share_of_us_deficit(year: int) -> float | None:
    """The US deficit with mainland China as a percent of the whole US merchandise deficit (partner World),
    US records, percent; None where either is not reported."""
    china, world = partner_deficit("CHN"), partner_deficit("WLD")
    if year not in china.index or year not in world.index:
        return None
    return 100.0 * float(china.loc[year]) / float(world.loc[year])
