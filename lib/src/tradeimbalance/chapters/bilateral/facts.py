"""The numbers the chapter's prose cites, by the name it cites them (glued as ``bilateral_<name>``)."""

from __future__ import annotations

from ...data import vintage
from ...facts import Fact, fact, reported, text
from . import PAPER_YEAR
from .growth import endpoint_values, growth_comparison, paper_rate, revision_to_round
from .series import last_year
from .trends import korea_imports_change, post_crisis, widening_since


def _year_list(years) -> str:
    """``[2001, 2009, 2012]`` -> ``'2001, 2009 and 2012'`` (an em dash when empty)."""
    years = [str(int(y)) for y in years]
    if not years:
        return "—"
    return years[0] if len(years) == 1 else ", ".join(years[:-1]) + " and " + years[-1]


def _widening_facts() -> list[Fact]:
    """The total absolute imbalance with the five partners, 2000 and 2019 (USD bn, times, years it fell)."""
    w = widening_since()
    return [
        fact("total_2000", w["total_start"], "usd_bn"),
        fact("total_2019", w["total_end"], "usd_bn"),
        fact("total_ratio", w["ratio"], "times"),
        fact("total_trend", w["trend"], "usd_bn"),
        text("total_falls", _year_list(w["falls"])),
    ]


def _growth_facts() -> list[Fact]:
    """The paper's printed rates and the rates of each definition the prose compares (percent)."""
    ev = endpoint_values().set_index("Series (USD bn)")
    t = growth_comparison("china").set_index(["method", "start", "end"])
    mt = growth_comparison("mirror")
    return [
        reported("rep_us", "s2_1_us_surplus_growth_2000_2019", "pct"),
        reported("rep_eu", "s2_1_eu_surplus_growth_2000_2019", "pct"),
        reported("rep_jka", "s2_1_jp_kr_au_deficit_growth_2000_2019", "pct"),
        fact("jpn_2000", ev.loc["Japan balance", "2000"], "usd_bn", digits=2),
        fact("jpn_2001", ev.loc["Japan balance", "2001"], "usd_bn", digits=2),
        fact("paper_us", paper_rate("us"), "pct", digits=2),
        fact("paper_eu", paper_rate("eu"), "pct", digits=2),
        fact("paper_jka", paper_rate("jka"), "pct", digits=2),
        fact("log_eu27", t.loc[("mean_log", 2000, 2018), "eu27"], "pct", digits=2),
        fact("log_us", t.loc[("mean_log", 2000, 2018), "us"], "pct", digits=2),
        fact("log_jka", t.loc[("mean_log", 2000, 2018), "jka_combined"], "pct", digits=2),
        fact("cagr_us", t.loc[("cagr", 2000, 2019), "us"], "pct", digits=2),
        fact("cagr_eu28", t.loc[("cagr", 2000, 2019), "eu28"], "pct", digits=2),
        fact("cagr_jka", t.loc[("cagr", 2000, 2019), "jka_combined"], "pct", digits=2),
        fact("yoy_us", t.loc[("mean_yoy", 2000, 2019), "us"], "pct", digits=2),
        fact("yoy_eu28", t.loc[("mean_yoy", 2000, 2019), "eu28"], "pct", digits=2),
        fact("mirror_max", mt[["us", "eu27"]].max().max(), "pct", digits=2),
        fact("jka_revision", abs(revision_to_round("jka")), "pct", digits=2),
    ]


def _post_crisis_facts() -> list[Fact]:
    """Balances after the crisis up to the end of the paper's period (USD bn, percent, years)."""
    py = min(PAPER_YEAR, last_year())  # the remarks refer to the paper's period
    pc = post_crisis(py)
    out = [fact("paper_end", py, "year")]
    for k in ("us", "eu28"):
        out += [fact(f"{k}_2008", pc[f"{k}_2008"], "usd_bn"), fact(f"{k}_now", pc[f"{k}_year"], "usd_bn")]
        out += [fact(f"{k}_change", pc[f"{k}_change_pct"], "pct"), fact(f"{k}_slope", pc[f"{k}_slope"], "usd_bn")]
    out += [fact("eu27_change", pc["eu27_change_pct"], "pct"), fact("eu27_slope", pc["eu27_slope"], "usd_bn")]
    return out + [
        fact("jk_2015", pc["jk_2015"], "usd_bn"),
        fact("jk_max", pc["jk_max"], "usd_bn"),
        fact("jk_max_year", pc["jk_max_year"], "year"),
        fact("jk_now", pc["jk_year"], "usd_bn"),
        fact("kor_imports_fall", -korea_imports_change(pc["jk_max_year"], py), "usd_bn"),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the prose of the chapter cites, each with its unit (its format kind).

    The chapter's numbers describe the paper's period and the data, so none depends on ``year``.
    """
    return [*_widening_facts(), *_growth_facts(), *_post_crisis_facts(),
            text("vintage", vintage("bilateral_trade"))]
