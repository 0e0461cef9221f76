"""The numbers the introduction's prose cites, by the name it cites them (glued as ``intro_<name>``).

Names starting with ``reported_`` are *as reported by the paper* (the prose says so); the others are computed.
The comparisons with the paper's printed numbers use the paper's years; ``year``, ``bop_*`` and
``chn_share_year`` follow the year the chapter runs for.
"""

from __future__ import annotations

from ...facts import Fact, fact, reported
from . import PAPER_YEAR
from .disputes import disputes, disputes_as_complainant, us_complaints_by_respondent
from .measures import (bop_usd, current_account_pct_gdp, customs_balance_usd, customs_goods_cny, goods_balance_share,
                       goods_balance_share_earlier_gdp, safe_first_release_ca_pct)


def _goods_and_services(year: int) -> list[Fact]:
    """China's 2019 customs goods balance (CNY trillion, as reported and computed), its growth in US dollars
    (percent) and SAFE's goods and services balances in ``year`` (USD bn)."""
    y1, y0 = PAPER_YEAR, PAPER_YEAR - 1
    cny = customs_goods_cny(y1)
    usd0, usd1 = customs_balance_usd(y0), customs_balance_usd(y1)
    return [
        reported("reported_goods_cny", "intro_goods_surplus_2019", "cny_tn"),
        reported("reported_goods_growth", "intro_goods_surplus_growth_2019", "pct"),
        reported("reported_services_cny", "intro_services_balance_2019", "cny_tn", digits=1),
        fact("year", year, "year"),
        fact("cny_exports", cny and cny["exports"], "cny_tn"),
        fact("cny_imports", cny and cny["imports"], "cny_tn"),
        fact("cny_balance", cny and cny["balance"], "cny_tn"),
        fact("customs_usd_growth", None if not (usd0 and usd1) else 100 * (usd1 / usd0 - 1), "pct"),
        fact("bop_goods", bop_usd(year, "goods_balance"), "usd_bn"),
        fact("bop_services", bop_usd(year, "services_balance"), "usd_bn"),
    ]


def _shares_of_gdp(year: int) -> list[Fact]:
    """Goods balances as a percent of GDP: China (DOTS and WDI; 2018 also over the earlier GDP vintage, with both
    GDP figures in USD bn), India and Brazil, computed and as reported."""
    y1, y0 = PAPER_YEAR, PAPER_YEAR - 1
    earlier = goods_balance_share_earlier_gdp("CHN", y0) or {}
    return [
        fact("chn_share_y0_earlier_gdp", earlier.get("balance_pct_gdp"), "pct", digits=2),
        fact("chn_gdp_y0_earlier", earlier.get("gdp_usd_bn"), "usd_bn"),
        fact("chn_gdp_y0_now", earlier.get("gdp_now_usd_bn"), "usd_bn"),
        fact("chn_share_y0", goods_balance_share("CHN", y0, "dots"), "pct", digits=2),
        fact("chn_share_y1", goods_balance_share("CHN", y1, "dots"), "pct", digits=2),
        fact("chn_wdi_share_y0", goods_balance_share("CHN", y0, "wdi"), "pct", digits=2),
        fact("chn_wdi_share_y1", goods_balance_share("CHN", y1, "wdi"), "pct", digits=2),
        fact("ind_share_y0", goods_balance_share("IND", y0), "pct"),
        fact("bra_share_y0", goods_balance_share("BRA", y0), "pct"),
        fact("chn_share_year", goods_balance_share("CHN", year, "dots"), "pct", digits=2),
        reported("reported_share_2018", "intro_goods_surplus_gdp_2018", "pct", digits=2),
        reported("reported_share_2019", "intro_goods_surplus_gdp_2019", "pct", digits=2),
        reported("reported_india", "intro_fn1_india_goods_balance_gdp_2018", "pct"),
        reported("reported_brazil", "intro_fn1_brazil_goods_balance_gdp_2018", "pct"),
    ]


def _disputes() -> list[Fact]:
    """WTO cases of 2002-2019 (counts), China's share of its cases brought against the US (percent, computed and
    as reported) and China's lead over the next US target (count)."""
    us_v_cn, cn_v_us, cn_all = disputes("USA", "CHN"), disputes("CHN", "USA"), disputes_as_complainant("CHN")
    ranking = us_complaints_by_respondent()
    return [
        fact("us_v_cn", len(us_v_cn), "count"),
        fact("cn_v_us", len(cn_v_us), "count"),
        fact("cn_all", len(cn_all), "count"),
        fact("cn_us_share", 100 * len(cn_v_us) / len(cn_all), "pct", digits=0),
        reported("reported_cn_us_share", "intro_wto_china_v_us_share", "pct", digits=0),
        fact("rank_lead", int(ranking["cases"].iloc[0] - ranking["cases"].iloc[1]), "count"),
    ]


def facts(year: int) -> list[Fact]:
    """Every number the introduction's prose cites (CNY trillion, USD bn, percent, counts, a year) for ``year``."""
    return [
        *_goods_and_services(year),
        *_shares_of_gdp(year),
        *_disputes(),
        fact("ca_now", current_account_pct_gdp(2018), "pct", digits=2),
        fact("ca_first", safe_first_release_ca_pct(2018), "pct", digits=1),
        reported("reported_ca", "s2_0_current_account_gdp_2018", "pct", digits=1),
    ]
