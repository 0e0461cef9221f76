"""Measures: balances, shares, growth rates with explicit methods, unit conversions, partner groups."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tradeimbalance import measures, paths

has_data = pytest.mark.skipif(not (paths.data_dir() / "datapackage.json").exists(), reason="data/ not built")


def test_balance_and_share():
    assert measures.balance(10.0, 4.0) == 6.0
    s = measures.balance(pd.Series([1.0, 2.0]), pd.Series([3.0, 1.0]))
    assert s.tolist() == [-2.0, 1.0]
    assert measures.share(1, 4) == 25.0
    assert math.isnan(measures.share(1, 0))
    out = measures.share(pd.Series([1.0, 2.0]), pd.Series([0.0, 8.0]))
    assert math.isnan(out.iloc[0]) and out.iloc[1] == 25.0


def test_unit_conversions():
    assert measures.mn_to_bn(539_503.0) == pytest.approx(539.503)
    assert measures.bn_to_mn(1.5) == 1500.0
    assert measures.bn_to_yi(419.0) == pytest.approx(4190.0)
    assert measures.yi_to_bn(46224) == pytest.approx(4622.4)
    assert measures.mn_to_yi(19_481_00) == pytest.approx(19481.0)
    assert measures.yi_to_mn(1.0) == 100.0
    assert measures.tn_to_bn(2.92) == pytest.approx(2920.0)
    assert measures.convert(4.19, "wan_yi", "yi") == pytest.approx(41900.0)
    with pytest.raises(ValueError):
        measures.convert(1, "mn", "furlong")


def test_growth_rate_methods():
    s = pd.Series({2000: 100.0, 2001: 110.0, 2002: 121.0})
    g = measures.growth_rate(s, 2000, 2002, "cagr")
    assert g == pytest.approx(10.0)
    assert (g.method, g.start, g.end, g.years, g.magnitude) == ("cagr", 2000, 2002, 2, False)
    assert "2000" in str(g) and "2002" in str(g) and "cagr" in str(g)
    assert measures.growth_rate(s, 2000, 2002, "mean_yoy") == pytest.approx(10.0)
    assert measures.growth_rate(s, 2000, 2002, "mean_log") == pytest.approx(100 * math.log(1.1))
    s2 = pd.Series({2000: 100.0, 2001: 200.0, 2002: 100.0})
    assert measures.growth_rate(s2, 2000, 2002, "mean_yoy") == pytest.approx((100 - 50) / 2)
    assert measures.growth_rate(s2, 2000, 2002, "cagr") == pytest.approx(0.0)


def test_growth_rate_of_a_deficit_and_errors():
    d = pd.Series({2000: -10.0, 2001: -20.0, 2002: -40.0})
    g = measures.growth_rate(d, 2000, 2002)
    assert g == pytest.approx(100.0) and g.magnitude
    assert measures.growth_rate(d, 2000, 2002, "mean_yoy") == pytest.approx(100.0)
    with pytest.raises(ValueError, match="undefined"):
        measures.growth_rate(pd.Series({2000: -1.0, 2001: 1.0}), 2000, 2001)
    with pytest.raises(ValueError, match="no value for 1999"):
        measures.growth_rate(d, 1999, 2002)
    with pytest.raises(ValueError, match="method"):
        measures.growth_rate(d, 2000, 2002, "average")
    with pytest.raises(ValueError, match="missing"):
        measures.growth_rate(pd.Series({2000: 1.0, 2002: 2.0}), 2000, 2002, "mean_yoy")


def test_aggregate_partner_sums_members():
    df = pd.DataFrame({
        "reporter": ["CHN"] * 5, "partner": ["JPN", "KOR", "AUS", "JPN", "USA"],
        "flow": ["exports"] * 5, "year": [2018, 2018, 2018, 2019, 2018],
        "value_usd_mn": [1.0, 2.0, 4.0, 8.0, 100.0], "estimated": [False, True, False, False, False],
    })
    out = measures.aggregate_partner(df, "JKA", members=["JPN", "KOR", "AUS"])
    assert list(out.columns) == list(df.columns) + ["n_members"]
    r18 = out[out["year"] == 2018].iloc[0]
    assert (r18["partner"], r18["value_usd_mn"], bool(r18["estimated"]), r18["n_members"]) == ("JKA", 7.0, True, 3)
    assert out[out["year"] == 2019]["value_usd_mn"].iloc[0] == 8.0


@has_data
def test_aggregate_partner_from_reference_table():
    from tradeimbalance.data import load

    bt = load("bilateral_trade")
    chn = bt[(bt["reporter"] == "CHN") & (bt["year"] == 2018)]
    eu28 = measures.aggregate_partner(chn, "EU28")
    eu27 = measures.aggregate_partner(chn, "EU27")
    exp28 = eu28[eu28["flow"] == "exports"]["value_usd_mn"].iloc[0]
    exp27 = eu27[eu27["flow"] == "exports"]["value_usd_mn"].iloc[0]
    gbr = chn[(chn["partner"] == "GBR") & (chn["flow"] == "exports")]["value_usd_mn"].iloc[0]
    assert exp28 == pytest.approx(exp27 + gbr)
    direct = chn[(chn["partner"] == "EU27") & (chn["flow"] == "exports")]["value_usd_mn"].iloc[0]
    assert exp27 == pytest.approx(direct, rel=1e-3)  # members add up to the IMF's own EU aggregate
    asia = measures.aggregate_partner(bt[bt["reporter"] == "USA"], "ASIA_PAPER")
    assert asia["n_members"].max() == 7
    with pytest.raises(KeyError):
        measures.aggregate_partner(chn, "NOT_A_GROUP")


@has_data
def test_bilateral():
    b = measures.bilateral("CHN", "USA")
    assert list(b.columns) == ["year", "exports", "imports", "balance"]
    r = b.set_index("year").loc[2018]
    assert r["exports"] == pytest.approx(480.688674)
    assert r["balance"] == pytest.approx(r["exports"] - r["imports"])
    eu = measures.bilateral("CHN", "EU28", years=[2000, 2019])
    assert eu["year"].tolist() == [2000, 2019]
    with pytest.raises(KeyError):
        measures.bilateral("XXX", "USA")
