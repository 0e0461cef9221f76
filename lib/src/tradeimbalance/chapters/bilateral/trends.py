"""The widening of the imbalances after 2000 and the years after the financial crisis (USD bn, percent)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import PAPER_EU, PAPER_YEAR, START
from ...trend import trend_slope
from .series import balance_series, china_series


def korea_imports_change(y0: int, y1: int) -> float:
    """Change (USD bn) of China's imports from Korea from ``y0`` to ``y1`` (China-reported)."""
    s = china_series("KOR")["imports"]
    return float(s.get(y1, math.nan) - s.get(y0, math.nan))


def post_crisis(year: int) -> dict:
    """Numbers for the after-the-crisis statements, from 2008 (pre-crisis peak) and 2010 up to ``year``.

    Returns a dict with the balances in 2008 and ``year``, the percentage change
    between them and the least-squares slope 2010-``year`` (USD bn a year) for the
    US and EU28 surpluses; and the Japan+Korea deficit in 2015, its largest value
    since and ``year``. Values are NaN where ``year`` is outside the data.
    """
    out = {}
    for key, s in [("us", balance_series("USA")), ("eu28", balance_series("EU28")), ("eu27", balance_series("EU27"))]:
        b08 = float(s.get(2008, math.nan))
        by = float(s.get(year, math.nan))
        out[f"{key}_2008"] = b08
        out[f"{key}_year"] = by
        out[f"{key}_change_pct"] = 100.0 * (by / b08 - 1.0) if not (math.isnan(b08) or math.isnan(by)) else math.nan
        out[f"{key}_slope"] = trend_slope(s, 2010, year) if year >= 2012 else math.nan
    jk = -(balance_series("JPN") + balance_series("KOR")).dropna()
    out["jk_2015"] = float(jk.get(2015, math.nan))
    out["jk_year"] = float(jk.get(year, math.nan))
    recent = jk[(jk.index >= 2015) & (jk.index <= year)]
    out["jk_max"] = float(recent.max()) if len(recent) else math.nan
    out["jk_max_year"] = int(recent.idxmax()) if len(recent) else None
    return out


def post_crisis_table(year: int) -> pd.DataFrame:
    """China's balances with the US, the EU and Japan+Korea in selected years up to ``year`` (USD bn)."""
    years = [y for y in (2008, 2009, 2012, 2015, 2016, 2017, 2018, 2019, 2020) if y <= year]
    series = {
        "US surplus": balance_series("USA"),
        "EU28 surplus": balance_series("EU28"),
        "EU27 surplus": balance_series("EU27"),
        "Japan + Korea deficit": -(balance_series("JPN") + balance_series("KOR")).dropna(),
    }
    rows = []
    for label, s in series.items():
        row = {"Balance (USD bn)": label}
        for y in years:
            row[str(y)] = float(s.get(y, math.nan))
        rows.append(row)
    return pd.DataFrame(rows)


def total_abs_imbalance(eu: str = PAPER_EU) -> pd.Series:
    """Sum of the absolute balances (USD bn) with the US, the EU, Japan, Korea and Australia, by year."""
    parts = [balance_series(p).abs() for p in ["USA", eu, "JPN", "KOR", "AUS"]]
    return pd.concat(parts, axis=1).dropna().sum(axis=1)


def widening_since(start: int = START, end: int = PAPER_YEAR) -> dict:
    """Evidence for "imbalances with the main partners widen after ``start``".

    Returns the total absolute imbalance (:func:`total_abs_imbalance`) at ``start``
    and ``end``, its ratio, its least-squares trend over ``start .. end`` (USD bn a
    year), the US+EU surplus and the JP+KR+AU deficit at both ends, the years in
    which the total fell from the previous year, and ``holds`` (all three groups
    larger at ``end`` than at ``start`` and a positive trend).
    """
    tot = total_abs_imbalance()
    us_eu = (balance_series("USA") + balance_series(PAPER_EU)).dropna()
    jka = (-balance_series("JKA")).dropna()
    window = tot[(tot.index >= start) & (tot.index <= end)]
    falls = [int(y) for y, d in window.diff().items() if not pd.isna(d) and d < 0]
    out = {
        "total_start": float(tot.get(start, math.nan)),
        "total_end": float(tot.get(end, math.nan)),
        "ratio": float(tot.get(end, math.nan) / tot.get(start, math.nan)),
        "trend": trend_slope(tot, start, end),
        "us_eu_start": float(us_eu.get(start, math.nan)),
        "us_eu_end": float(us_eu.get(end, math.nan)),
        "jka_start": float(jka.get(start, math.nan)),
        "jka_end": float(jka.get(end, math.nan)),
        "falls": falls,
    }
    out["holds"] = bool(out["trend"] > 0 and out["us_eu_end"] > out["us_eu_start"] and out["jka_end"] > out["jka_start"])
    return out
