"""The numbers the chapter's prose cites, by the name it cites them (glued as ``asia_deficit_<name>``)."""

from __future__ import annotations

from ...facts import Fact, fact, reported
from ...views import first_deficit_year, fig7_members, group_deficit, phase1_members, run_start, us_deficits
from . import FIRST_YEAR
from .definitions import definition_values, matched_targets
from .measures import cif_sensitivity, last_year, share_of_total_deficit
from .search import SEARCH_POOL, subset_search


def _years(d, asia, asia1) -> list[Fact]:
    """Years of the story: first deficits, unbroken runs, China's first and early years, Asia's dip (years)."""
    cn = d["CHN"].dropna()
    asia_first = first_deficit_year(asia, FIRST_YEAR)
    asia_run = run_start(asia, last_year())
    china_run = run_start(d["CHN"], 2018)
    early = [int(y) for y in cn.index if y < china_run and cn[y] > 0]
    a_run = asia.loc[asia_first:asia_run]
    dips = [int(y) for y in a_run.index if a_run[y] <= 0]
    return [
        fact("japan_first", first_deficit_year(d["JPN"], FIRST_YEAR), "year"),
        fact("asia_first", asia_first, "year"),
        fact("asia_run_start", asia_run, "year"),
        fact("asia1_run_start", run_start(asia1, last_year()), "year"),
        fact("china_run_start", china_run, "year"),
        fact("china_first_year", int(cn.index.min()), "year"),
        fact("china_early_first", early[0] if early else None, "year"),
        fact("china_early_last", early[-1] if early else None, "year"),
        fact("asia_dip_year", dips[0] if dips else None, "year"),
    ]


def _levels(d, asia, asia1) -> list[Fact]:
    """Levels of the US deficit (USD bn, with the paper's USD 100 million and trillion beside some)."""
    asia1_1980, japan_1980 = float(asia1[1980]), float(d.loc[1980, "JPN"])
    china_1983, china_2018 = float(d.loc[1983, "CHN"]), float(d.loc[2018, "CHN"])
    return [
        fact("asia1_1965", float(asia1[1965]), "usd_bn", digits=2),
        fact("asia1_1980", asia1_1980, "usd_bn", digits=2),
        fact("asia1_1980_100m", asia1_1980 * 10, "usd_100m", digits=1),
        fact("asia_1983", float(asia[1983]), "usd_bn"),
        fact("asia_2018", float(asia[2018]), "usd_bn"),
        fact("japan_1980", japan_1980, "usd_bn", digits=2),
        fact("japan_1980_100m", japan_1980 * 10, "usd_100m", digits=1),
        fact("china_1983", china_1983, "usd_bn", digits=3),
        fact("china_1983_100m", china_1983 * 10, "usd_100m", digits=2),
        fact("china_2018", china_2018, "usd_bn"),
        fact("china_2018_wanyi", china_2018 / 1000, "number", digits=3),
        fact("world_2018", float(d.loc[2018, "WLD"]), "usd_bn"),
    ]


def _definitions() -> list[Fact]:
    """Statistics of the two definitions of Asia (times, percent) and the search's counts."""
    v_fig = definition_values(fig7_members())
    v_p1 = definition_values(phase1_members())
    search = subset_search()
    return [
        fact("fig7_matched", len(matched_targets(v_fig)), "count"),
        fact("n_pool", len(SEARCH_POOL), "count"),
        fact("max_matched", search.attrs["max_matched"], "count"),
        fact("n_max", search.attrs["n_max"], "count"),
        fact("ratio_p1", v_p1["ratio_1965_1980"], "times"),
        fact("rise_p1", v_p1["rise_1965_1980"], "times"),
        fact("ratio_fig", v_fig["ratio_1965_1980"], "times", digits=0),
        fact("jp_share_1980_fig", v_fig["japan_share_1980"], "pct"),
        fact("jp_share_1980_p1", v_p1["japan_share_1980"], "pct"),
        fact("cn_share_1983", v_fig["china_share_1983"], "pct", digits=2),
        fact("jp_share_1983", v_fig["japan_share_1983"], "pct"),
        fact("cn_share_2018", v_fig["china_share_2018"], "pct"),
        fact("jp_share_2018", v_fig["japan_share_2018"], "pct"),
        fact("cn_share_total_2018", share_of_total_deficit(2018), "pct"),
    ]


def _cif() -> list[Fact]:
    """What a CIF recording of the 1983 US imports would do to the 1983-2018 growth rate (percent a year)."""
    t = cif_sensitivity().set_index("margin_pct")
    return [
        fact("cagr_recorded", float(t.loc[0.0, "cagr_pct"]), "pct"),
        fact("cagr_cif5", float(t.loc[5.0, "cagr_pct"]), "pct"),
        fact("cagr_cif10", float(t.loc[10.0, "cagr_pct"]), "pct"),
    ]


def _reported() -> list[Fact]:
    """The paper's printed values the prose quotes (as reported by the paper, in its units)."""
    return [
        # the paper prints these two balances as deficits (positive amounts); the paper table stores them negative
        reported("rep_1980", "s3_2_us_asia_balance_1980", "usd_100m", absolute=True, digits=0),
        reported("rep_japan_1980", "s3_2_us_japan_balance_1980", "usd_100m", absolute=True, digits=1),
        reported("rep_jp_share_1980", "s3_2_japan_share_us_asia_deficit_1980", "pct", digits=0),
        reported("rep_rise", "s3_2_us_asia_deficit_growth_1965_1980", "number", digits=0),
        reported("rep_growth", "s3_2_china_us_surplus_growth", "pct", digits=0),
        reported("rep_cn_share_1983", "s3_2_china_share_us_asia_deficit_1983", "pct", digits=2),
        reported("rep_cn_share_2018", "s3_2_china_share_us_asia_deficit_2018", "pct", digits=0),
        reported("rep_jp_share_1983", "s3_2_japan_share_us_asia_deficit_1983", "pct", digits=0),
        reported("rep_jp_share_2018", "s3_2_japan_share_us_asia_deficit_2018", "pct", digits=0),
        reported("rep_china_1983", "s3_2_china_us_surplus_1983", "number"),
        reported("rep_china_2018", "s3_2_china_us_surplus_2018", "number", digits=2),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the prose cites (years, counts, USD bn, percent, times; the paper's values as reported).

    The passage is about the paper's years (1965-2018), so the facts are the same for every ``year``.
    """
    d = us_deficits()
    asia, asia1 = group_deficit(fig7_members(), d), group_deficit(phase1_members(), d)
    return _years(d, asia, asia1) + _levels(d, asia, asia1) + _definitions() + _cif() + _reported()
