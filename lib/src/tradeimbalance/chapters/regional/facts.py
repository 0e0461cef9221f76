"""The numbers the chapter's prose cites, by the name the prose cites (glued as ``regional_<name>``).

Every fact refers to the paper's year (2018) or to the whole span of the provincial data, so
each has the same value whatever year the chapter is run for.
"""

from __future__ import annotations

from ...claims import reported_value
from ...facts import Fact, fact, reported
from . import BASIS, BASIS_LABELS, OTHER_BASIS, PAPER_YEAR, TOP_N
from .consistency import (balance_relative_to_trade, euus_share_of_surplus, implied_rest, minimum_trade_check,
                          national_vs_nine, text_vs_table)
from .measures import data_years, table1_reported, top_nine_share, totals


def _share_facts() -> list[Fact]:
    """The top-nine share: the paper's values, 2018 on both bases, the span of the data (percent, years, USD bn)."""
    P = PAPER_YEAR
    years = data_years()
    share = top_nine_share(BASIS).set_index("year")
    share_other = top_nine_share(OTHER_BASIS).set_index("year")
    same = share[share["same_nine_as_paper"]].index
    below = share[share["top_nine_share_pct"] < reported_value("s2_2_table1_top9_share_all_years")].index
    n_prov = totals().query("year == @P")["code"].nunique()
    return [
        reported("rep_top9", "s2_2_top9_share_total_trade", "pct", digits=0),
        reported("rep_top9_2018", "s2_2_table1_top9_share_2018", "pct", digits=0),
        reported("rep_all_years", "s2_2_table1_top9_share_all_years", "pct", digits=0),
        fact("share_2018", share.loc[P, "top_nine_share_pct"], "pct"),
        fact("share_2018_other", share_other.loc[P, "top_nine_share_pct"], "pct"),
        fact("first_year", min(years), "year"),
        fact("last_year", max(years), "year"),
        fact("same_until", max(same), "year"),
        fact("below_first", min(below) if len(below) else None, "year"),
        fact("below_last", max(below) if len(below) else None, "year"),
        fact("min_share_to_paper", share.loc[:P, "top_nine_share_pct"].min(), "pct"),
        fact("national_2018", share.loc[P, "national_trade_usd_bn"], "usd_bn"),
        fact("n_prov", n_prov, "count"),
        fact("n_rest", n_prov - TOP_N, "count"),
    ]


def _relative_facts() -> list[Fact]:
    """Reported 2018 balances as a percentage of NBS total trade (percent; deficits as positive amounts)."""
    rel = balance_relative_to_trade().set_index("Province")["Balance / total trade (%)"]
    return [
        fact("zj_rel", rel.loc["Zhejiang"], "pct"),
        fact("gd_rel", rel.loc["Guangdong"], "pct"),
        fact("js_rel", rel.loc["Jiangsu"], "pct"),
        fact("sh_rel", abs(rel.loc["Shanghai"]), "pct"),
        fact("tj_rel", abs(rel.loc["Tianjin"]), "pct"),
        fact("bj_rel", abs(rel.loc["Beijing"]), "pct"),
    ]


def _text_facts() -> list[Fact]:
    """The text's readings of Table 1, as reported, and their checks against the table (USD 100 million, percent)."""
    tvt = text_vs_table()
    text = tvt.set_index("claim")["Text"]
    t1 = table1_reported().set_index("code")
    rep_gd_text = float(text.loc["s2_2_guangdong_surplus_2018_text"])
    return [
        reported("rep_zj", "s2_2_zhejiang_surplus_2018", "usd_100m"),
        reported("rep_gd_text", "s2_2_guangdong_surplus_2018_text", "usd_100m"),
        reported("rep_js_euus", "s2_2_jiangsu_euus_surplus_2018", "usd_100m"),
        reported("rep_gd_share", "s2_2_guangdong_euus_share_of_surplus", "pct", digits=0),
        reported("rep_js_excess", "s2_2_jiangsu_euus_minus_total", "usd_100m", digits=0),
        fact("rep_gd_jk", abs(text.loc["s2_2_guangdong_jpkr_balance_2018"]), "usd_100m"),
        fact("rep_js_jk", abs(text.loc["s2_2_jiangsu_jpkr_balance_2018"]), "usd_100m"),
        fact("rep_sh", abs(text.loc["s2_2_shanghai_balance_2018"]), "usd_100m"),
        fact("rep_bj", abs(text.loc["s2_2_beijing_balance_2018"]), "usd_100m"),
        fact("rep_tj", abs(text.loc["s2_2_tianjin_balance_2018"]), "usd_100m"),
        fact("n_agree", int((tvt["Difference"].abs() < 0.005).sum()), "count"),
        fact("n_text", len(tvt), "count"),
        fact("gd_table", t1.loc["CN-GD", "balance_total"], "usd_100m"),
        fact("js_total", t1.loc["CN-JS", "balance_total"], "usd_100m"),
        fact("js_excess", t1.loc["CN-JS", "balance_eu_us"] - t1.loc["CN-JS", "balance_total"], "usd_100m"),
        fact("zj_share", euus_share_of_surplus("CN-ZJ"), "pct"),
        fact("gd_share", euus_share_of_surplus("CN-GD"), "pct"),
        fact("gd_share_text", euus_share_of_surplus("CN-GD", total=rep_gd_text), "pct"),
    ]


def _table_facts() -> list[Fact]:
    """Beijing's minimum trade on both bases (USD bn), the national sum (USD bn, percent), implied rest (USD 100 million)."""
    mt = minimum_trade_check().set_index("Province")
    nv = national_vs_nine()
    rest = implied_rest().set_index("Province")["(1)-(2)-(3) all other partners"]
    return [
        fact("bj_min", mt.loc["Beijing", "Minimum trade implied by Table 1 (USD bn)"], "usd_bn"),
        fact("bj_loc", mt.loc["Beijing", f"Total trade, {BASIS_LABELS[BASIS]} (USD bn)"], "usd_bn"),
        fact("bj_dest", mt.loc["Beijing", f"Total trade, {BASIS_LABELS[OTHER_BASIS]} (USD bn)"], "usd_bn"),
        fact("nine_sum", nv["nine_sum"], "usd_bn"),
        fact("national_balance", nv["national"], "usd_bn"),
        fact("rest_balance", nv["rest"], "usd_bn"),
        fact("rest_share", nv["rest_trade_share"], "pct"),
        fact("nine_pct", nv["nine_pct_of_trade"], "pct"),
        fact("rest_pct", nv["rest_pct_of_trade"], "pct"),
        fact("bj_rest", rest.loc["Beijing"], "usd_100m"),
        fact("sd_rest", abs(rest.loc["Shandong"]), "usd_100m"),
        fact("zj_rest", rest.loc["Zhejiang"], "usd_100m"),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the chapter's prose cites (units by each fact's kind); the same for every ``year``.

    The prose's one sentence that depends on the data (which provinces, if any, fall short of
    Table 1's minimum trade on the location basis) is written in the chapter from
    :func:`~.consistency.impossible_on`.
    """
    return _share_facts() + _relative_facts() + _text_facts() + _table_facts()
