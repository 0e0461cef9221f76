"""The numbers the chapter's prose cites, by the names it cites them (glued as ``industry_<name>``).

``rep_*`` are *as reported by the paper*; ``m_*`` and ``mc_*`` the 2018 mirror view
(US Census, UN Comtrade); ``c_*`` the paper's values over China's own totals;
``x17_*`` the 2017 import-side cross-check; ``prov_*`` the provinces' shares of
China's trade; the rest the tariff years 2017-2019 in the mirror view. None of
them depends on the year asked for: they are statements about the paper's years.
"""

from __future__ import annotations

from ...facts import Fact, fact, reported
from . import FIG4_PAPER_YEARS, PAPER_YEAR, SIGN_THRESHOLD_BN, XVI
from .china_side import (china_sitc, china_sitc_balance, china_sitc_balance_share, china_sitc_export_share,
                         province_trade_shares, sitc_hs_gap)
from .mirror import import_side_summary, reporting_gap_change, section_stats, sections_count
from .sections import balances_wide, deficit_sections, sign_changes
from .tables import consistency_table


def _section_xvi() -> list[Fact]:
    s = section_stats(PAPER_YEAR)
    sc = section_stats(PAPER_YEAR, basis="comtrade")
    return [
        reported("rep_xvi_exports", "s2_4_xvi_exports_to_us_2018", "usd_100m", digits=0),
        reported("rep_xvi_share", "s2_4_xvi_share_exports_to_us_2018", "pct"),
        reported("rep_xvi_surplus", "s2_4_xvi_surplus_with_us_2018", "usd_100m", digits=0),
        reported("rep_xvi_share_surplus", "s2_4_xvi_share_surplus_with_us_2018", "pct", digits=0),
        reported("rep_top3", "s2_4_fn_top3_sections_share_exports_to_us", "pct", digits=0),
        reported("rep_sections", "s2_4_hs_sections_count", "count"),
        fact("sections", sections_count(), "count"),
        fact("m_xvi_exports", s["xvi_exports"] * 10, "usd_100m", digits=0),
        fact("m_xvi_share", s["xvi_share_exports"], "pct"),
        fact("m_xvi_surplus", s["xvi_balance"] * 10, "usd_100m", digits=0),
        fact("m_xvi_share_surplus", s["xvi_share_balance"], "pct"),
        fact("m_top3", s["paper_top3_share_exports"], "pct"),
        fact("mc_xvi_share", sc["xvi_share_exports"], "pct"),
        fact("mc_xvi_share_surplus", sc["xvi_share_balance"], "pct"),
    ]


def _consistency_and_import_side() -> list[Fact]:
    ct = consistency_table()
    imp = import_side_summary()
    return [
        fact("c_share_exports", ct.loc[0, "Implied share (%)"], "pct"),
        fact("c_share_surplus", ct.loc[1, "Implied share (%)"], "pct"),
        fact("c_share_japan", ct.loc[2, "Implied share (%)"], "pct"),
        fact("c_share_korea", ct.loc[3, "Implied share (%)"], "pct"),
        fact("x17_china", imp["xvi_china"], "usd_bn"),
        fact("x17_us", imp["xvi_us"], "usd_bn"),
        fact("x17_ratio", imp["xvi_ratio"], "times", digits=2),
        fact("x17_total_ratio", imp["total_ratio"], "times", digits=2),
        fact("implied_2018", imp["implied_2018"], "usd_100m", digits=0),
        fact("us_2018", imp["us_2018"], "usd_100m", digits=0),
        fact("scaled_2018", imp["scaled_2018"], "usd_100m", digits=0),
    ]


def _japan_korea_processing_provinces() -> list[Fact]:
    """The paper's section XVI figures for Japan, Korea, processing trade and provinces (as reported); China's own
    SITC 71-77 exports to the US and balances with the US, Japan and Korea (USD 100 million) and their shares of its
    exports and balances (percent); the SITC-HS gap on China's 2017 imports from the US (percent); the provinces'
    shares of China's trade (percent)."""
    prov = province_trade_shares(PAPER_YEAR)
    partners = (("USA", "us"), ("JPN", "japan"), ("KOR", "korea"))
    return [
        fact("cn_xvi_us_exports", china_sitc(PAPER_YEAR, "USA", "exports"), "usd_100m", digits=0),
        fact("cn_xvi_us_exports_share", china_sitc_export_share(PAPER_YEAR, "USA"), "pct"),
        *(fact(f"cn_xvi_{key}", china_sitc_balance(PAPER_YEAR, p), "usd_100m", digits=0) for p, key in partners),
        *(fact(f"cn_xvi_{key}_share", china_sitc_balance_share(PAPER_YEAR, p), "pct", digits=0) for p, key in partners),
        fact("sitc_hs_gap", 100 * sitc_hs_gap(), "pct", digits=1),
        reported("rep_japan", "s2_4_xvi_balance_japan_2018", "usd_100m", digits=0),
        reported("rep_korea", "s2_4_xvi_balance_korea_2018", "usd_100m", digits=0),
        reported("rep_japan_share", "s2_4_xvi_share_deficit_japan_2018", "pct", digits=0),
        reported("rep_korea_share", "s2_4_xvi_share_deficit_korea_2018", "pct", digits=0),
        reported("rep_fn_exports", "s2_4_fn_xvi_exports_2018", "usd_100m", digits=0),
        reported("rep_fn_processing", "s2_4_fn_xvi_processing_exports_2018", "usd_100m", digits=0),
        reported("rep_fn_share", "s2_4_fn_xvi_processing_share_2018", "pct", digits=0),
        reported("rep_over60", "s2_4_xvi_processing_share_of_trade", "pct", digits=0),
        reported("rep_gd", "s2_4_xvi_export_share_guangdong_2018", "pct", digits=0),
        reported("rep_js", "s2_4_xvi_export_share_jiangsu_2018", "pct", digits=0),
        reported("rep_zj", "s2_4_xvi_export_share_zhejiang_2018", "pct", digits=0),
        *(fact(f"prov_{key}", prov.get(code), "pct") for code, key in (("CN-GD", "gd"), ("CN-JS", "js"), ("CN-ZJ", "zj"))),
    ]


def _tariff_years() -> list[Fact]:
    y0, y1, y2 = FIG4_PAPER_YEARS
    w = balances_wide(FIG4_PAPER_YEARS)
    deficits = deficit_sections(FIG4_PAPER_YEARS)
    gap = reporting_gap_change(y1, y2)
    out = []
    for y in FIG4_PAPER_YEARS:
        out += [fact(f"xvi_{y}", w.loc[XVI, y], "usd_bn"), fact(f"def_{y}", deficits[y].sum(), "usd_bn")]
    return out + [
        fact("n_sections", len(w), "count"),
        fact("n_flips", len(sign_changes(y0, y2)), "count"),
        fact("n_big_flips", len(sign_changes(y0, y2, SIGN_THRESHOLD_BN)), "count"),
        fact("threshold", SIGN_THRESHOLD_BN, "usd_bn"),
        fact("xvi_fall", 100 * (w.loc[XVI, y2] / w.loc[XVI, y1] - 1), "pct"),
        fact("n_deficits", len(deficits), "count"),
        fact("gap_china", gap and gap["china_reported"], "pct"),
        fact("gap_us", gap and gap["us_recorded"], "pct"),
        fact("n_def_lower", int((deficits[y2].abs() < deficits[[y0, y1]].abs().min(axis=1)).sum()), "count"),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the chapter's prose cites (units as each fact's format kind states: USD bn, USD 100 million,
    percent, times, count). ``year`` is the year the page is run for; the chapter's statements concern the
    paper's years (2017-2019), so no value depends on it."""
    return (_section_xvi() + _consistency_and_import_side() + _japan_korea_processing_provinces()
            + _tariff_years())
