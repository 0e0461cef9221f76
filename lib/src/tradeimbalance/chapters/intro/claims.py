"""Reproductions of the paper's numbers in section 1 and the opening of section 2, each in the paper's unit.

The declarations (statement, method, tolerance, expected status) are in ``reference/claims/intro.yaml`` and
``reference/claims/s2_0.yaml``.
"""

from __future__ import annotations

from ...claims import reported_value, reproduces
from ...data import load
from .disputes import disputes, disputes_as_complainant, us_complaints_by_respondent
from .measures import customs_goods_cny, goods_balance_share, safe_first_release_ca_pct


@reproduces("intro_goods_surplus_2019")
def _goods_surplus_2019():
    cny = customs_goods_cny(2019)
    return None if cny is None else cny["balance"]


@reproduces("intro_total_surplus_2019")
def _total_2019():
    return reported_value("intro_goods_surplus_2019") + reported_value("intro_services_balance_2019")


@reproduces("intro_goods_surplus_gdp_2018")
def _surplus_gdp_2018():
    return goods_balance_share("CHN", 2018, "dots")


@reproduces("intro_goods_surplus_gdp_2019")
def _surplus_gdp_2019():
    return goods_balance_share("CHN", 2019, "dots")


@reproduces("intro_fn1_india_goods_balance_gdp_2018")
def _india_2018():
    return goods_balance_share("IND", 2018)


@reproduces("intro_fn1_brazil_goods_balance_gdp_2018")
def _brazil_2018():
    return goods_balance_share("BRA", 2018)


@reproduces("intro_tariffs_remaining_share")
def _tariffs_share():
    us = load("us_trade_hs")
    sel = us[(us["year"] == 2018) & (us["partner"] == "CHN") & (us["flow"] == "us_imports_consumption")]
    if sel.empty:
        return None
    return reported_value("intro_tariffs_remaining_value") * 100.0 / float(sel["value_usd_mn"].sum())


@reproduces("intro_wto_us_v_china_2002_2019")
def _wto_us_v_cn():
    return len(disputes("USA", "CHN"))


@reproduces("intro_wto_china_v_us_2002_2019")
def _wto_cn_v_us():
    return len(disputes("CHN", "USA"))


@reproduces("intro_wto_china_rank_among_us_targets")
def _wto_rank():
    ranks = us_complaints_by_respondent()
    pos = ranks.index[ranks["respondent"] == "CHN"]
    return None if len(pos) == 0 else int(pos[0]) + 1


@reproduces("intro_wto_china_v_us_share")
def _wto_share():
    return 100 * len(disputes("CHN", "USA")) / len(disputes_as_complainant("CHN"))


@reproduces("s2_0_current_account_gdp_2018")
def _ca_2018():
    return safe_first_release_ca_pct(2018)
