"""Reproductions of the claims of section 2.1, each returning the value in the paper's unit."""

from __future__ import annotations

import math

from ...claims import reproduces
from ...trend import trend_direction
from . import PAPER_YEAR, START
from .growth import paper_rate
from .series import balance_series
from .trends import post_crisis, widening_since


@reproduces("s2_1_us_surplus_growth_2000_2019")
def reproduce_us_growth():
    """Average yearly growth of the US surplus, 2000-2019 as the paper reads it (percent)."""
    return paper_rate("us")


@reproduces("s2_1_eu_surplus_growth_2000_2019")
def reproduce_eu_growth():
    """Average yearly growth of the EU surplus, 2000-2019 as the paper reads it (percent)."""
    return paper_rate("eu")


@reproduces("s2_1_jp_kr_au_deficit_growth_2000_2019")
def reproduce_jka_growth():
    """Average yearly growth of the Japan+Korea+Australia deficit, 2000-2019 as the paper reads it (percent)."""
    return paper_rate("jka")


@reproduces("s2_1_imbalance_widens_after")
def reproduce_widening():
    """The year after which the imbalances widen (calendar year), or None if they do not."""
    return float(START) if widening_since()["holds"] else None


@reproduces("s2_1_us_imbalance_widens_after_crisis")
def reproduce_us_widens_after_crisis():
    """2008 (calendar year) if the US surplus kept growing after the crisis, NaN if not, None without data."""
    p = post_crisis(PAPER_YEAR)
    if math.isnan(p["us_change_pct"]) or math.isnan(p["us_slope"]):
        return None
    return 2008.0 if (p["us_change_pct"] > 0 and p["us_slope"] > 0) else math.nan


#: The share of its mean level a trend must add up to over the window to count as a change.
STABLE_SHARE = 0.1


@reproduces("s2_1_eu_imbalance_stable_after_crisis")
def reproduce_eu_stable_after_crisis():
    """The direction of the EU28 surplus over 2010 to the paper's year (1, -1, or 0 for level)."""
    return trend_direction(balance_series("EU28"), 2010, PAPER_YEAR, share=STABLE_SHARE)


@reproduces("s2_1_jp_kr_deficit_widens_recently")
def reproduce_jp_kr_widens():
    """The direction of the Japan+Korea deficit over the five years to the paper's year (1 rose, -1 fell)."""
    deficit = -(balance_series("JPN") + balance_series("KOR"))
    return trend_direction(deficit, PAPER_YEAR - 4, PAPER_YEAR)
