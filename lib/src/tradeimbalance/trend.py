"""The direction of a yearly series: its least-squares slope, and whether it rises, falls or levels off.

The paper states directions in words ("keeps widening", "tends to stabilise", "still growing"); the
book reads them with one rule, stated in each claim's declaration.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def trend_slope(series: pd.Series, start: int, end: int) -> float:
    """Least-squares slope of ``series`` on the year over ``start .. end`` (units of the series per year);
    NaN with fewer than three years of data."""
    s = pd.Series(series).dropna()
    s = s[(s.index >= start) & (s.index <= end)]
    if len(s) < 3:
        return math.nan
    x = np.asarray(s.index, dtype=float)
    return float(np.polyfit(x, s.to_numpy(dtype=float), 1)[0])


def trend_direction(series: pd.Series, start: int, end: int, share: float | None = None) -> float | None:
    """1.0 if the least-squares trend of ``series`` over ``start .. end`` rises, -1.0 if it falls, and 0.0
    (only with ``share``) if it adds up over the window to less than ``share`` of the series' mean level
    there; None with fewer than three years of data."""
    s = pd.Series(series).dropna()
    window = s[(s.index >= start) & (s.index <= end)]
    slope = trend_slope(s, start, end)
    if math.isnan(slope):
        return None
    if share is not None and abs(slope * (end - start)) < share * abs(float(window.mean())):
        return 0.0
    return 1.0 if slope > 0 else -1.0
