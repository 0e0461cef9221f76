"""The numbers the chapter's prose cites, by the name it cites them (glued as ``processing_<name>``)."""

from __future__ import annotations

from ...facts import Fact, fact, reported
from . import CUSTOMS, FIG3_FIRST_YEAR, NON_ORDINARY, ORDINARY, PAPER_YEAR, TOTAL
from .figures import fig3_coverage
from .measures import shares_data, split_value
from .points import point, points_cny_partial


def _share(shares, year: int, definition: str) -> float | None:
    s = shares[(shares["year"] == year) & (shares["definition"] == definition)]["share_pct"]
    return None if s.empty else float(s.iloc[0])


def _paper_year_facts() -> list[Fact]:
    """The 2018 split by definition (USD 100 million, percent) and the paper's printed 2018 values."""
    P = PAPER_YEAR
    return [
        reported("rep_total_2018", "s2_3_total_trade_2018", "usd_100m", digits=0),
        reported("rep_proc_2018", "s2_3_processing_trade_2018", "usd_100m", digits=0),
        reported("rep_share_2018", "s2_3_processing_share_2018", "pct", digits=0),
        reported("rep_ord_surplus", "s2_3_ordinary_share_surplus_2018", "pct", digits=0),
        reported("rep_proc_surplus", "s2_3_processing_share_surplus_2018", "pct", digits=0),
        fact("total_2018", split_value(P, TOTAL, "trade"), "usd_100m", digits=0),
        fact("ordinary_2018", split_value(P, ORDINARY, "trade"), "usd_100m", digits=0),
        fact("nonord_2018", split_value(P, NON_ORDINARY, "trade"), "usd_100m", digits=0),
        fact("customs_2018", split_value(P, CUSTOMS, "trade"), "usd_100m", digits=0),
        fact("nonord_share_2018", split_value(P, NON_ORDINARY, "share_of_trade_pct"), "pct"),
        fact("customs_share_2018", split_value(P, CUSTOMS, "share_of_trade_pct"), "pct"),
        fact("ord_surplus_2018", split_value(P, ORDINARY, "share_of_surplus_pct"), "pct"),
        fact("nonord_surplus_2018", split_value(P, NON_ORDINARY, "share_of_surplus_pct"), "pct"),
        fact("customs_surplus_2018", split_value(P, CUSTOMS, "share_of_surplus_pct"), "pct", digits=0),
        fact("surplus_2018", split_value(P, TOTAL, "net_exports"), "usd_100m", digits=0),
    ]


def _share_facts(year: int) -> list[Fact]:
    """Processing shares of total trade (percent) in the years the prose names, and the paper's printed shares."""
    shares = shares_data(max(year, PAPER_YEAR + 1))  # the paper's years and the year after
    ord_x_2015 = point(2015, "ordinary_trade_share_of_total_exports", "exports", "share_pct")
    return [
        reported("rep_share_2005", "s2_3_processing_share_2005", "pct", digits=0),
        reported("rep_after_2010", "s2_3_processing_share_after_2010", "pct", digits=0),
        reported("rep_fie", "s2_3_fie_share_processing_firms", "pct", digits=0),
        fact("nonord_share_2005", _share(shares, 2005, NON_ORDINARY), "pct"),
        fact("customs_share_2005", _share(shares, 2005, CUSTOMS), "pct"),
        fact("nonord_share_2006", _share(shares, 2006, NON_ORDINARY), "pct"),
        fact("customs_share_1998", _share(shares, 1998, CUSTOMS), "pct"),
        fact("customs_share_2012", _share(shares, 2012, CUSTOMS), "pct"),
        fact("customs_share_2015", _share(shares, 2015, CUSTOMS), "pct"),
        fact("nonord_share_2019", _share(shares, 2019, NON_ORDINARY), "pct"),
        fact("nonord_exports_2015", None if ord_x_2015 is None else 100 - ord_x_2015, "pct"),
    ]


def _trend_facts(year: int) -> list[Fact]:
    """Fig. 3's coverage (years, counts) and the net exports of the partial and later points."""
    p17 = points_cny_partial()
    p17 = p17[(p17["year"] == 2017) & (p17["currency"] == "CNY")]
    return [
        fact("fig3_first", FIG3_FIRST_YEAR, "year"),
        fact("fig3_years", len(fig3_coverage(year)), "count"),
        fact("fig3_span", year - min(FIG3_FIRST_YEAR, year) + 1, "count"),
        fact("2017_ord_cny", None if p17.empty else p17["ordinary_net"].iloc[0] / 1000, "cny_tn"),
        fact("2017_proc_cny", None if p17.empty else p17["processing_net"].iloc[0] / 1000, "cny_tn"),
        fact("2004_proc", point(2004, "processing_trade_net_exports", "balance"), "usd_bn"),
        fact("2019_ord", split_value(2019, ORDINARY, "net_exports"), "usd_100m", digits=0),
        fact("2018_ord", split_value(2018, ORDINARY, "net_exports"), "usd_100m", digits=0),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the prose of the chapter cites for ``year``, each with its unit (its format kind)."""
    return [fact("year", year, "year"), *_paper_year_facts(), *_share_facts(year), *_trend_facts(year)]
