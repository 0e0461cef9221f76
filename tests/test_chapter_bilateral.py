"""Chapter "Bilateral imbalances": Fig. 1 data, growth definitions and claims, checked independently."""

import math

import numpy as np
import pandas as pd
import pytest

from tradeimbalance import trend

from tradeimbalance import claims, load
from tradeimbalance import reproduction
from tradeimbalance.charts import lint_chart
from tradeimbalance.chapters import bilateral as bl
from tradeimbalance.chapters.bilateral import figures, growth, series, trends
from tradeimbalance.catalog import get_figure

FIG1_COLUMNS = ["year", "partner", "exports_usd_bn", "imports_usd_bn", "balance_usd_bn"]


@pytest.fixture(scope="module")
def china():
    """China-reported flows (USD bn) by partner, year and flow, straight from the table."""
    bt = load("bilateral_trade")
    bt = bt[bt["reporter"] == "CHN"]
    return bt.pivot_table(index=["partner", "year"], columns="flow", values="value_usd_mn", aggfunc="sum",
                          observed=True) / 1000.0


def _direct(china, partner, year):
    if partner == "EU28":
        parts = [china.loc[("EU27", year)], china.loc[("GBR", year)]]
        return parts[0] + parts[1]
    return china.loc[(partner, year)]


# --- Fig. 1 ---------------------------------------------------------------------------------------

def test_fig1_has_the_documented_columns_all_six_partners_and_every_year():
    df = get_figure("fig1").data(2019)
    assert list(df.columns) == FIG1_COLUMNS
    assert set(df["partner"]) == {"USA", "EU27", "EU28", "JPN", "KOR", "AUS"}
    assert df["year"].min() == 2000 and df["year"].max() == 2019
    counts = df.groupby("partner")["year"].nunique()
    assert (counts == 20).all()
    assert not df.duplicated(["year", "partner"]).any()


@pytest.mark.parametrize("partner", ["USA", "EU27", "EU28", "JPN", "KOR", "AUS"])
@pytest.mark.parametrize("year", [2000, 2009, 2018])
def test_fig1_values_equal_the_dots_table(china, partner, year):
    df = get_figure("fig1").data(2019).set_index(["partner", "year"])
    row = df.loc[(partner, year)]
    ref = _direct(china, partner, year)
    assert row["exports_usd_bn"] == pytest.approx(ref["exports"])
    assert row["imports_usd_bn"] == pytest.approx(ref["imports"])
    assert row["balance_usd_bn"] == pytest.approx(ref["exports"] - ref["imports"])


def test_fig1_for_other_years_ends_at_the_year_or_at_the_data():
    fig = get_figure("fig1")
    assert fig.data(2015)["year"].max() == 2015
    last = int(load("bilateral_trade").query("reporter == 'CHN'")["year"].max())
    assert fig.data(2030)["year"].max() == last
    empty = fig.data(1990)
    assert list(empty.columns) == FIG1_COLUMNS and empty.empty


def test_fig1_chart_follows_the_conventions():
    fig = get_figure("fig1")
    for y in (2015, 2019):
        assert lint_chart(fig.chart(fig.data(y), y)) == []
    spec = fig.chart(fig.data(2019), 2019).to_dict()
    assert spec["width"] and spec["height"]


def test_fig1_data_behind_the_year_sentence():
    # the chapter's sentence on a year says "no China-reported figures" for a year without rows
    # and names the United States for a year with them
    assert figures.fig1_data(1990).empty
    row = figures.fig1_data(2019).query("year == 2019").set_index("partner")["balance_usd_bn"]
    assert set(row.index) == {"USA", "EU27", "EU28", "JPN", "KOR", "AUS"} and row.notna().all()


# --- growth definitions on hand-made series --------------------------------------------------------

def test_growth_definitions_on_a_constant_rate_series():
    s = pd.Series({2000: 100.0, 2001: 110.0, 2002: 121.0})
    assert growth.growth(s, 2000, 2002, "cagr") == pytest.approx(10.0)
    assert growth.growth(s, 2000, 2002, "mean_yoy") == pytest.approx(10.0)
    assert growth.growth(s, 2000, 2002, "mean_log") == pytest.approx(100 * math.log(1.1))
    assert growth.growth(s, 2000, 2002, "cagr_inclusive") == pytest.approx(100 * (1.21 ** (1 / 3) - 1))


def test_growth_definitions_differ_on_a_round_trip():
    s = pd.Series({2000: 100.0, 2001: 200.0, 2002: 100.0})
    assert growth.growth(s, 2000, 2002, "cagr") == pytest.approx(0.0)
    assert growth.growth(s, 2000, 2002, "mean_log") == pytest.approx(0.0)
    assert growth.growth(s, 2000, 2002, "mean_yoy") == pytest.approx(25.0)  # (+100% - 50%) / 2


def test_growth_of_a_deficit_and_undefined_cases():
    deficit = pd.Series({2000: -10.0, 2001: -15.0, 2002: -40.0})
    assert growth.growth(deficit, 2000, 2002, "cagr") == pytest.approx(100.0)
    flip = pd.Series({2000: 1.0, 2001: -5.0, 2002: -10.0})
    for m in bl.METHODS:
        assert math.isnan(growth.growth(flip, 2000, 2002, m))
    assert math.isnan(growth.growth(pd.Series({2000: 1.0}), 2000, 2002, "cagr"))
    with pytest.raises(ValueError):
        growth.growth(deficit, 2000, 2002, "median")


def test_trend_slope_of_a_straight_line():
    s = pd.Series({y: 3.0 * y - 10 for y in range(2010, 2020)})
    assert trend.trend_slope(s, 2010, 2019) == pytest.approx(3.0)
    assert math.isnan(trend.trend_slope(s, 2010, 2011))


# --- the paper's rates ------------------------------------------------------------------------------

def test_paper_rates_equal_a_direct_19_year_compound_rate(china):
    def rate(b0, b1):
        return 100 * ((b1 / b0) ** (1 / 19) - 1)

    us = [_direct(china, "USA", y) for y in (2000, 2018)]
    assert growth.paper_rate("us") == pytest.approx(rate(*(r["exports"] - r["imports"] for r in us)))
    eu = [_direct(china, "EU28", y) for y in (2000, 2018)]
    assert growth.paper_rate("eu") == pytest.approx(rate(*(r["exports"] - r["imports"] for r in eu)))
    jka = [sum(-(_direct(china, p, y)["exports"] - _direct(china, p, y)["imports"]) for p in ("JPN", "KOR", "AUS"))
           for y in (2000, 2018)]
    assert growth.paper_rate("jka") == pytest.approx(rate(*jka))


def test_the_inclusive_compound_rate_2000_2018_is_the_best_reading():
    best = growth.matching_definitions().iloc[0]
    assert (best["method"], best["start"], best["end"], best["eu_match"]) == ("cagr_inclusive", 2000, 2018, "EU28")
    assert best["matches"] == 2
    assert best["max_abs_diff"] < 0.1


def test_comparison_covers_every_method_and_period_and_mirror_drops_eu28():
    t = growth.growth_comparison("china")
    assert len(t) == len(bl.METHODS) * len(bl.PERIODS)
    m = growth.growth_comparison("mirror")
    assert m["eu28"].isna().all()
    # by partners' figures China had a surplus with JP+KR+AU in 2000: no growth of a deficit
    assert m["jka_combined"].isna().all()


def test_mirror_series_swaps_the_partner_flows():
    bt = load("bilateral_trade")
    us = bt[(bt.reporter == "USA") & (bt.partner == "CHN") & (bt.year == 2018)].set_index("flow")["value_usd_mn"] / 1000
    m = series.mirror_series("USA").loc[2018]
    assert m["exports"] == pytest.approx(us["imports"])
    assert m["imports"] == pytest.approx(us["exports"])


def test_revision_needed_is_small_and_zero_when_reproduced():
    assert growth.revision_to_round("us") == 0.0
    assert 0 < abs(growth.revision_to_round("jka")) < 1.0


def test_japan_surplus_makes_the_average_of_three_rates_undefined():
    jp = series.balance_series("JPN")
    assert jp.loc[2000] > 0 and jp.loc[2018] < 0
    assert math.isnan(growth.average_of_rates(2000, 2018, "cagr"))


def test_post_crisis_numbers():
    pc = trends.post_crisis(2019)
    assert pc["us_slope"] > 5 * abs(pc["eu28_slope"])
    assert pc["jk_max_year"] == 2018
    assert math.isnan(trends.post_crisis(2009)["us_slope"])


# --- claims -------------------------------------------------------------------------------------------

def test_claims_keep_their_registered_status():
    table = reproduction.evaluate(chapter="bilateral")
    assert set(table["id"]) == {
        "s2_1_us_surplus_growth_2000_2019", "s2_1_eu_surplus_growth_2000_2019",
        "s2_1_jp_kr_au_deficit_growth_2000_2019", "s2_1_imbalance_widens_after",
        "s2_1_us_imbalance_widens_after_crisis", "s2_1_eu_imbalance_stable_after_crisis",
        "s2_1_jp_kr_deficit_widens_recently",
    }
    reproduction.check(table)
    assert np.isfinite(table["reproduced"].astype(float)).all()


def test_trend_direction_reads_a_rise_a_fall_and_a_level():
    import pandas as pd

    from tradeimbalance.trend import trend_direction

    years = range(2010, 2020)
    rising = pd.Series([100.0 + 5 * i for i in range(10)], index=years)  # +45 over 9 years on a mean of 122.5
    level = pd.Series([100.0, 104.0, 98.0, 101.0, 99.0, 103.0, 97.0, 102.0, 100.0, 101.0], index=years)
    assert trend_direction(rising, 2010, 2019) == 1.0
    assert trend_direction(-rising, 2010, 2019) == -1.0
    assert trend_direction(rising, 2010, 2019, share=0.1) == 1.0  # 45 > 12.25
    assert trend_direction(level, 2010, 2019, share=0.1) == 0.0
    assert trend_direction(rising, 2018, 2019) is None  # fewer than three years
