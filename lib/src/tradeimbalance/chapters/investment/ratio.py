"""The paper's "7.8 times" (US position in China over China's position in the US, 2010-2018): two readings.

Reading 1 is the mean of the yearly ratios, reading 2 the ratio of the summed positions; both over
the years of the window in which the two positions are known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ... import fmt, measures
from ...views import IMMEDIATE_BASES, SOURCE_RANK, fdi_points, pick_one_per_year
from . import CHINA, MOFCOM_BASES, PAPER_YEAR, RATIO_END, RATIO_START, UBO_BASES, US
from .positions import china_in_us, us_in_china


@dataclass
class RatioReadings:
    """Two readings of "A was k times B over a window" for yearly positions A (numerator) and B."""

    start: int
    end: int
    years_used: list[int] = field(default_factory=list)
    years_missing: list[int] = field(default_factory=list)
    yearly: pd.Series = field(default_factory=lambda: pd.Series(dtype="float64"))
    mean_of_ratios: float = math.nan
    ratio_of_sums: float = math.nan

    @property
    def complete(self) -> bool:
        """Every year of the window has both values."""
        return bool(self.years_used) and not self.years_missing


def yearly_ratios(num: pd.Series, den: pd.Series, start: int, end: int) -> pd.Series:
    """``num / den`` for each year of ``start..end`` where both are present and ``den`` is not zero (a ratio, times)."""
    years = list(range(int(start), int(end) + 1))
    n = pd.Series(num, dtype="float64").reindex(years)
    d = pd.Series(den, dtype="float64").reindex(years)
    r = n / d.where(d != 0)
    return r.dropna()


def mean_of_yearly_ratios(num: pd.Series, den: pd.Series, start: int, end: int) -> float:
    """Reading 1: the arithmetic mean of the yearly ratios ``num_t / den_t`` (years with both values), times; NaN without any."""
    r = yearly_ratios(num, den, start, end)
    return float(r.mean()) if len(r) else math.nan


def ratio_of_sums(num: pd.Series, den: pd.Series, start: int, end: int) -> float:
    """Reading 2: ``sum(num_t) / sum(den_t)`` over the years with both values, times; NaN without any."""
    r = yearly_ratios(num, den, start, end)
    if not len(r):
        return math.nan
    years = list(r.index)
    return float(pd.Series(num, dtype="float64").reindex(years).sum() / pd.Series(den, dtype="float64").reindex(years).sum())


def ratio_readings(num: pd.Series, den: pd.Series, start: int, end: int) -> RatioReadings:
    """Both readings over ``start..end`` (times), with the years used and the years missing (calendar years)."""
    r = yearly_ratios(num, den, start, end)
    years = list(range(int(start), int(end) + 1))
    return RatioReadings(
        start=int(start), end=int(end),
        years_used=[int(y) for y in r.index],
        years_missing=[y for y in years if y not in set(int(i) for i in r.index)],
        yearly=r,
        mean_of_ratios=mean_of_yearly_ratios(num, den, start, end),
        ratio_of_sums=ratio_of_sums(num, den, start, end),
    )


def ratio_window(year: int) -> tuple[int, int] | None:
    """The part of the paper's 2010-2018 window that lies up to ``year``: (first, last) calendar years, None before 2010."""
    end = min(int(year), RATIO_END)
    return None if end < RATIO_START else (RATIO_START, end)


def paper_window_readings(year: int = PAPER_YEAR, bases=IMMEDIATE_BASES) -> RatioReadings | None:
    """US position in China / China's position in the US over the paper's window (up to ``year``), times; None before 2010."""
    w = ratio_window(year)
    if w is None:
        return None
    return ratio_readings(us_in_china(), china_in_us(bases), *w)



READINGS_COLUMNS = ["China's position: basis", "reading", "years used", "years missing", "source types",
                    "ratio (times)"]


def readings_table(year: int = PAPER_YEAR) -> pd.DataFrame:
    """Both readings on each basis of China's position, over the paper's window up to ``year``.

    One row per basis and reading: the years used (both positions present), the years missing, the source
    types behind China's position in the years used, and the ratio (NaN where the basis has no data). The
    UBO basis is listed although no source has it, so that its absence shows.
    """
    w = ratio_window(year)
    if w is None:
        return pd.DataFrame(columns=READINGS_COLUMNS)
    bases = [
        ("BEA, immediate foreign parent", IMMEDIATE_BASES),
        ("BEA, ultimate beneficial owner (UBO)", UBO_BASES),
        ("MOFCOM, China's outward statistics", MOFCOM_BASES),
    ]
    us = us_in_china()
    rows = []
    for label, b in bases:
        picked = pick_one_per_year(fdi_points(CHINA, US, b, ("primary", "secondary", "tertiary")))
        cn = pd.Series(picked["value_usd_mn"].astype("float64").to_numpy(),
                       index=picked["year"].astype(int).to_numpy()) if len(picked) else pd.Series(dtype="float64")
        r = ratio_readings(us, cn, *w)
        used = picked[picked["year"].astype(int).isin(r.years_used)] if len(picked) else picked
        types = ", ".join(sorted(set(used["source_type"].astype(str)), key=lambda t: SOURCE_RANK.get(t, 9))) if len(used) else "no data"
        for reading, value in (("mean of yearly ratios", r.mean_of_ratios), ("ratio of summed positions", r.ratio_of_sums)):
            rows.append({
                "China's position: basis": label,
                "reading": reading,
                "years used": fmt.year_ranges(r.years_used, empty="—"),
                "years missing": fmt.year_ranges(r.years_missing, empty="—"),
                "source types": types,
                "ratio (times)": value,
            })
    return pd.DataFrame(rows, columns=READINGS_COLUMNS)


def yearly_ratio_table(year: int = PAPER_YEAR) -> pd.DataFrame:
    """Year by year over the paper's window: both positions (USD bn) and their ratio (NaN where a value is missing)."""
    w = ratio_window(year)
    if w is None:
        return pd.DataFrame(columns=["year", "US position in China (USD bn)", "China's position in the US (USD bn)", "ratio (times)"])
    years = list(range(w[0], w[1] + 1))
    us = measures.mn_to_bn(us_in_china()).reindex(years)
    cn = measures.mn_to_bn(china_in_us()).reindex(years)
    return pd.DataFrame({
        "year": [str(y) for y in years],
        "US position in China (USD bn)": us.to_numpy(dtype="float64"),
        "China's position in the US (USD bn)": cn.to_numpy(dtype="float64"),
        "ratio (times)": (us / cn).to_numpy(dtype="float64"),
    })
