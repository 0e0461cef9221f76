"""The numbers the chapter's prose cites, by the name the prose cites (glued as ``investment_<name>``).

Fig. 5's facts follow the year the chapter is run for; the facts about the paper's statements use
the paper's window and periods whatever the year.
"""

from __future__ import annotations

from ... import fmt, measures
from ...facts import Fact, fact, reported, text
from . import PACE_PERIODS, PAPER_YEAR
from .figures import fig5_data
from .pace import china_break_years, mean_annual_increase, us_pace_facts
from .positions import china_in_us, start_evidence
from .ratio import paper_window_readings


def _fig5_facts(year: int) -> list[Fact]:
    """Coverage of Fig. 5 up to ``year``: years with a value (counts), the latest values (USD bn) and their years."""
    fig5 = fig5_data(year)
    us_known = fig5.dropna(subset=["us_position_in_china_usd_bn"])
    cn_known = fig5.dropna(subset=["china_position_in_us_usd_bn"])
    return [
        fact("year", year, "year"),
        fact("fig5_years", len(fig5), "count"),
        fact("fig5_us_years", len(us_known), "count"),
        fact("fig5_cn_years", len(cn_known), "count"),
        fact("fig5_us_last", us_known["us_position_in_china_usd_bn"].iloc[-1] if len(us_known) else None, "usd_bn"),
        fact("fig5_cn_last", cn_known["china_position_in_us_usd_bn"].iloc[-1] if len(cn_known) else None, "usd_bn"),
        fact("fig5_us_last_year", us_known["year"].iloc[-1] if len(us_known) else None, "year"),
        fact("fig5_cn_last_year", cn_known["year"].iloc[-1] if len(cn_known) else None, "year"),
    ]


def _start_facts() -> list[Fact]:
    """The paper's start years (as reported) and the earliest values in the data (years, USD bn)."""
    start = start_evidence()
    return [
        reported("rep_us_start", "s3_1_us_fdi_in_china_start", "year"),
        reported("rep_cn_start", "s3_1_china_fdi_in_us_start", "year"),
        fact("us_first_year", start["us_first_year"], "year"),
        fact("us_first_value", start["us_first_value_bn"], "usd_bn"),
        fact("cn_bea_first_year", start["cn_bea_first_year"], "year"),
        fact("cn_mof_first_year", start["cn_mofcom_first_year"], "year"),
        fact("cn_mof_first_value", start["cn_mofcom_first_value_bn"], "usd_bn", digits=2),
        fact("cn_mof_first_flow", start["cn_mofcom_first_flow_bn"], "usd_bn", digits=2),
    ]


def _ratio_facts() -> list[Fact]:
    """The paper's "7.8 times" (as reported) and its two readings over the paper's window (times, years)."""
    readings = paper_window_readings(PAPER_YEAR)
    yr = readings.yearly if readings else None
    has = bool(readings) and len(yr) > 0
    return [
        reported("rep_ratio", "s3_1_us_china_fdi_ratio_2010_2018", "times"),
        text("years_used", fmt.year_ranges(readings.years_used, empty="—") if readings else "—"),
        text("years_missing", fmt.year_ranges(readings.years_missing, empty="—") if readings else "—"),
        fact("mean_ratio", readings.mean_of_ratios if readings else None, "times", digits=2),
        fact("sum_ratio", readings.ratio_of_sums if readings else None, "times", digits=2),
        fact("ratio_first", yr.iloc[0] if has else None, "times"),
        fact("ratio_last", yr.iloc[-1] if has else None, "times"),
        fact("ratio_first_year", yr.index[0] if has else None, "year"),
        fact("ratio_last_year", yr.index[-1] if has else None, "year"),
    ]


def _pace_facts() -> list[Fact]:
    """The paper's pace years (as reported), China's break years and yearly increases (USD bn), the US pace."""
    P = PAPER_YEAR
    breaks = china_break_years(P)
    cn = china_in_us()
    cn = cn[cn.index <= P]
    us_pace = us_pace_facts(P)
    return [
        reported("rep_accel", "s3_1_china_fdi_accelerates_after", "year"),
        reported("rep_slow", "s3_1_china_fdi_slows_after", "year"),
        fact("break_accel", breaks["acceleration"], "year"),
        fact("break_slow", breaks["slowdown"], "year"),
        fact("break_start", breaks["start"], "year"),
        fact("break_end", breaks["end"], "year"),
        *[fact(f"cn_increase_{a}_{b}", measures.mn_to_bn(mean_annual_increase(cn, a, b)), "usd_bn", digits=2)
          for a, b in PACE_PERIODS],
        text("us_years_falling", fmt.year_ranges(us_pace["years_falling"], empty="—")),
        fact("us_years_rising", us_pace["years_rising"], "count"),
        fact("us_years_compared", us_pace["years_compared"], "count"),
        fact("us_cagr", us_pace["cagr"], "pct"),
        fact("us_pace_first", us_pace["first"], "year"),
        fact("us_pace_last", us_pace["last"], "year"),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the chapter's prose cites (units by each fact's kind), for the chapter run for ``year``."""
    return (_fig5_facts(year) + _start_facts() + _ratio_facts() + _pace_facts() + [
        reported("rep_amcham", "s3_1_amcham_share_china_priority", "pct", digits=0),
        reported("rep_firrma", "s3_1_firrma_year", "year"),
    ])
