"""Reproductions of the claims of section 2.3, each returning the value in the paper's unit."""

from __future__ import annotations

from ...claims import reproduces
from . import NON_ORDINARY, ORDINARY, PAPER_YEAR, PEAK_YEAR
from .measures import provincial_total_trade, split_value


def _share(year: int, definition: str, column: str = "share_of_trade_pct") -> float | None:
    """One cell of the definition table for ``year`` (percent by default, USD 100 million for ``trade``)."""
    return split_value(year, definition, column)


@reproduces("s2_3_processing_share_2005")
def _processing_share_2005():
    """Non-ordinary trade as a percent of total trade, 2005."""
    return _share(PEAK_YEAR, NON_ORDINARY)


@reproduces("s2_3_processing_share_after_2010")
def _processing_share_after_2010():
    """The lowest non-ordinary share of total trade (percent) of the years 2010-2018 with data."""
    years = [y for y in range(2010, PAPER_YEAR + 1) if _share(y, NON_ORDINARY) is not None]
    return min(_share(y, NON_ORDINARY) for y in years) if years else None


@reproduces("s2_3_total_trade_2018")
def _total_trade_2018():
    """China's total trade 2018 as the sum of the provinces (USD 100 million)."""
    return provincial_total_trade(PAPER_YEAR)


@reproduces("s2_3_processing_trade_2018")
def _processing_trade_2018():
    """Total minus ordinary trade, 2018 (USD 100 million)."""
    total, ordinary = provincial_total_trade(PAPER_YEAR), _share(PAPER_YEAR, ORDINARY, "trade")
    return None if total is None or ordinary is None else total - ordinary


@reproduces("s2_3_processing_share_2018")
def _processing_share_2018():
    """Non-ordinary trade as a percent of total trade, 2018."""
    return _share(PAPER_YEAR, NON_ORDINARY)


@reproduces("s2_3_ordinary_share_surplus_2018")
def _ordinary_share_surplus():
    """Ordinary trade's net exports as a percent of the 2018 surplus."""
    return _share(PAPER_YEAR, ORDINARY, "share_of_surplus_pct")


@reproduces("s2_3_processing_share_surplus_2018")
def _processing_share_surplus():
    """Non-ordinary trade's net exports as a percent of the 2018 surplus."""
    return _share(PAPER_YEAR, NON_ORDINARY, "share_of_surplus_pct")


@reproduces("s2_3_processing_peak_year")
def _processing_peak_year():
    """The year (calendar year) with the highest non-ordinary share among the years with data."""
    years = [y for y in range(1980, PAPER_YEAR + 2) if _share(y, NON_ORDINARY) is not None]
    return float(max(years, key=lambda y: _share(y, NON_ORDINARY))) if years else None
