"""Reproductions of section 3.1's statements on investment (declared in ``reference/claims/s3_1.yaml``).

Each function returns the value in the paper's unit.
"""

from __future__ import annotations

from ...claims import reproduces
from . import PAPER_YEAR
from .pace import china_accelerates_after, china_break_years
from .ratio import paper_window_readings


@reproduces("s3_1_us_china_fdi_ratio_2010_2018")
def reproduce_fdi_ratio() -> float | tuple[float, float] | None:
    """US position in China over China's position in the US, 2010-2018, times.

    The mean of the yearly ratios when every year of the window has both positions; otherwise the two
    readings over the years that have both, (ratio of sums, mean of ratios); None before 2010.
    """
    r = paper_window_readings(PAPER_YEAR)
    if r is None:
        return None
    if r.complete:
        return r.mean_of_ratios
    return (r.ratio_of_sums, r.mean_of_ratios)  # the two readings over the years that have both positions


@reproduces("s3_1_china_fdi_accelerates_after")
def reproduce_china_accelerates() -> float | None:
    """2010 (a calendar year) if China's position in the US rose faster after 2010 than before (NaN if not)."""
    return china_accelerates_after(2010, PAPER_YEAR)


@reproduces("s3_1_china_fdi_slows_after")
def reproduce_china_slows() -> int | None:
    """The slowdown break year of China's position in the US up to the paper's year (calendar year)."""
    return china_break_years(PAPER_YEAR)["slowdown"]
