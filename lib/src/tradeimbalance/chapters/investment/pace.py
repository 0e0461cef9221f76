"""The pace of the two positions: mean yearly increases, compound growth and break years.

The paper says China sped up its investment in the US after 2010 and slowed after 2016, while the
US position in China rose steadily. The pace is measured in money terms (USD per year); a growth
rate from a tiny base says little.
"""

from __future__ import annotations

import math

import pandas as pd

from ... import measures
from . import MIN_SEGMENT_YEARS, PACE_PERIODS, PAPER_YEAR, RATIO_END, RATIO_START
from .positions import china_in_us, us_in_china


def mean_annual_increase(s: pd.Series, start: int, end: int) -> float:
    """Average yearly increase of a position between two years, ``(s[end] - s[start]) / (end - start)``, in the unit of ``s`` a year.

    For a direct-investment position this is net investment plus valuation and other changes per year: a
    measure of the *pace* of investment in money terms (a growth rate from a tiny base says little).
    """
    if end <= start:
        raise ValueError(f"end ({end}) must be after start ({start})")
    s = pd.Series(s, dtype="float64")
    if start not in s.index or end not in s.index or pd.isna(s.loc[start]) or pd.isna(s.loc[end]):
        return math.nan
    return float((s.loc[end] - s.loc[start]) / (end - start))


def break_year(s: pd.Series, kind: str, start: int | None = None, end: int | None = None,
               min_years: int = MIN_SEGMENT_YEARS) -> int | None:
    """The year (calendar year) that splits ``start..end`` into the largest change in the mean yearly increase.

    For each candidate year ``b`` (at least ``min_years`` from either end, with a value), compare the mean
    yearly increase over ``start..b`` with that over ``b..end``. ``kind="acceleration"`` returns the ``b`` with
    the largest rise (after minus before); ``kind="slowdown"`` the largest fall (before minus after). The
    window defaults to the first and last years of ``s``. None if no candidate exists.
    """
    if kind not in ("acceleration", "slowdown"):
        raise ValueError("kind must be 'acceleration' or 'slowdown'")
    s = pd.Series(s, dtype="float64").dropna()
    if s.empty:
        return None
    start = int(s.index.min()) if start is None else int(start)
    end = int(s.index.max()) if end is None else int(end)
    best, best_gap = None, -math.inf
    for b in sorted(int(y) for y in s.index):
        if b - start < min_years or end - b < min_years:
            continue
        before, after = mean_annual_increase(s, start, b), mean_annual_increase(s, b, end)
        if math.isnan(before) or math.isnan(after):
            continue
        gap = (after - before) if kind == "acceleration" else (before - after)
        if gap > best_gap:
            best, best_gap = b, gap
    return best


def china_break_years(end: int = PAPER_YEAR) -> dict:
    """Break years of China's position in the US (BEA, immediate parent), from its first year to ``end``.

    Keys acceleration, slowdown (:func:`break_year`), start and end (the series' span): calendar years or None.
    """
    cn = china_in_us()
    cn = cn[cn.index <= int(end)]
    if len(cn) < 2 * MIN_SEGMENT_YEARS + 1:
        return {"acceleration": None, "slowdown": None, "start": None, "end": None}
    return {
        "acceleration": break_year(cn, "acceleration"),
        "slowdown": break_year(cn, "slowdown"),
        "start": int(cn.index.min()),
        "end": int(cn.index.max()),
    }


def _cagr_or_nan(s: pd.Series, start: int, end: int) -> float:
    try:
        return float(measures.growth_rate(s, start, end, method="cagr"))
    except ValueError:
        return math.nan


PACE_COLUMNS = ["series", "period", "start (USD bn)", "end (USD bn)", "mean yearly increase (USD bn)",
                "growth (% a year, CAGR)"]


def pace_table(year: int = PAPER_YEAR) -> pd.DataFrame:
    """Mean yearly increase (USD bn a year) and compound growth (% a year) of each position over the paper's periods (up to ``year``).

    A period whose end year has no value is shortened to the last year with a value, and the row says so.
    """
    series = {
        "China's position in the US (BEA, immediate parent)": china_in_us(),
        "US position in China (BEA)": us_in_china(),
    }
    rows = []
    for label, s in series.items():
        s = s[s.index <= int(year)]
        for a, b in PACE_PERIODS:
            if a not in s.index:
                continue
            end = max((y for y in s.index if a < y <= b), default=None)
            if end is None:
                continue
            rows.append({
                "series": label,
                "period": f"{a}–{end}" + ("" if end == b else f" (no value for {b})"),
                "start (USD bn)": measures.mn_to_bn(float(s.loc[a])),
                "end (USD bn)": measures.mn_to_bn(float(s.loc[end])),
                "mean yearly increase (USD bn)": measures.mn_to_bn(mean_annual_increase(s, a, end)),
                "growth (% a year, CAGR)": _cagr_or_nan(s, a, end),
            })
    return pd.DataFrame(rows, columns=PACE_COLUMNS)


def us_pace_facts(year: int = PAPER_YEAR) -> dict:
    """The US position over the paper's window (up to ``year``): years it fell (calendar years), years rising and
    years compared (counts of year-on-year changes), first and last year, and the CAGR (percent a year)."""
    us = us_in_china()
    w = us[(us.index >= RATIO_START) & (us.index <= min(int(year), RATIO_END))].sort_index()
    change = w.diff().dropna()
    first, last = (int(w.index.min()), int(w.index.max())) if len(w) else (None, None)
    return {
        "years_falling": [int(y) for y in change.index[change < 0]],
        "years_rising": int((change > 0).sum()),
        "years_compared": int(len(change)),
        "first": first, "last": last,
        "cagr": _cagr_or_nan(w, first, last) if first is not None and last != first else math.nan,
    }


def china_accelerates_after(year: int, end: int = PAPER_YEAR) -> float | None:
    """``year`` if China's position in the US rose faster on average (USD per year) after ``year`` than before it.

    Compares the mean yearly increase from the series' first year to ``year`` with that from ``year`` to ``end``;
    returns None without two yearly steps on each side, NaN if the pace did not rise.
    """
    s = china_in_us().dropna()
    if s.empty or int(s.index.min()) > year - 2 or int(s.index.max()) < year + 2:
        return None
    before = mean_annual_increase(s, int(s.index.min()), year)
    after = mean_annual_increase(s, year, min(end, int(s.index.max())))
    return float(year) if after > before else math.nan
