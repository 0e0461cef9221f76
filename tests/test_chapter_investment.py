"""The asymmetric-investment chapter: Fig. 5, the two readings of the "7.8 times", the pace, the claims."""

import math

import pandas as pd
import pytest

from tradeimbalance import claims, load
from tradeimbalance import reproduction
from tradeimbalance.charts import lint_chart
from tradeimbalance.charts.render import csv_text
from tradeimbalance.checks import invariant_problems
from tradeimbalance import fmt
from tradeimbalance.chapters.investment import figures, pace, ratio
from tradeimbalance.claims import display_table
from tradeimbalance.views import pick_one_per_year
from tradeimbalance.catalog import get_figure

FIG5_COLUMNS = ["year", "us_position_in_china_usd_bn", "china_position_in_us_usd_bn"]


def _raw_positions(investor, host, basis, source_type=None):
    """USD bn by year straight from fdi_positions (positions only)."""
    f = load("fdi_positions")
    f = f[(f["investor"] == investor) & (f["host"] == host) & (f["basis"] == basis) & (f["measure"] == "position")]
    if source_type:
        f = f[f["source_type"] == source_type]
    f = f.dropna(subset=["value_usd_mn"])
    assert not f["year"].duplicated().any()
    return pd.Series(f["value_usd_mn"].to_numpy() / 1000, index=f["year"].astype(int).to_numpy())


# --- Fig. 5 -----------------------------------------------------------------------------------------

def test_fig5_has_exact_columns_and_every_year_from_1980():
    df = get_figure("fig5").data(2018)
    assert list(df.columns) == FIG5_COLUMNS
    assert df["year"].tolist() == list(range(1980, 2019))


def test_fig5_values_match_the_positions_table():
    df = figures.fig5_data(2018).set_index("year")
    us = _raw_positions("USA", "CHN", "affiliate_country")
    cn = _raw_positions("CHN", "USA", "immediate_parent", "primary")  # BEA's own table wins over a text value
    for y, v in us.items():
        if y <= 2018:
            assert df.loc[y, "us_position_in_china_usd_bn"] == pytest.approx(v)
    for y, v in cn.items():
        if y <= 2018:
            assert df.loc[y, "china_position_in_us_usd_bn"] == pytest.approx(v)
    assert df.loc[2017, "us_position_in_china_usd_bn"] == pytest.approx(107.56)
    assert df.loc[2018, "china_position_in_us_usd_bn"] == pytest.approx(33.543)
    assert df.loc[2010, "china_position_in_us_usd_bn"] == pytest.approx(3.3)  # not the 3.2 of the older text


def test_fig5_missing_years_are_nan_never_zero():
    df = figures.fig5_data(2018).set_index("year")
    values = df[FIG5_COLUMNS[1:]]
    assert not (values == 0).any(axis=None)
    assert values.loc[1980:1999].isna().all(axis=None)
    assert math.isnan(df.loc[2018, "us_position_in_china_usd_bn"])  # the often-quoted 2018 value is not used
    assert df.loc[:2007, "china_position_in_us_usd_bn"].isna().all()  # MOFCOM is another basis, not in the figure
    assert "\n2018,,33.543\n" in csv_text(figures.fig5_data(2018))


@pytest.mark.parametrize("year", [2015, 2020, 2024])
def test_fig5_for_other_years_ends_at_that_year(year):
    df = figures.fig5_data(year)
    assert df["year"].max() == year and df["year"].min() == 1980
    assert invariant_problems(df, "fig5") == []
    if year >= 2023:
        assert df.set_index("year").loc[2023].notna().all()  # the 2023 points appear only when the year reaches them


def test_fig5_before_1980_is_empty_and_says_so():
    assert figures.fig5_data(1975).empty
    assert not figures.has_data(1975) and not figures.has_data(1999) and figures.has_data(2000)


@pytest.mark.parametrize("year", [2018, 2024])
def test_fig5_chart_follows_the_conventions(year):
    fig = get_figure("fig5")
    chart = fig.chart(fig.data(year), year)
    assert lint_chart(chart) == []
    spec = chart.to_dict()
    assert spec["width"] and spec["height"]
    assert fig.paper_number == "Fig. 5" and "immediate" in fig.caption and "vintage" in fig.caption


# --- one value per year -----------------------------------------------------------------------------

def test_pick_one_per_year_prefers_primary_then_latest_vintage():
    pts = pd.DataFrame({
        "year": [2010, 2010, 2011, 2011, 2012],
        "value_usd_mn": [1.0, 2.0, 3.0, 4.0, float("nan")],
        "source_type": ["secondary", "primary", "secondary", "secondary", "primary"],
        "vintage": [None, "BEA 2020 release", "Statista 2017", "release 2019", "2020"],
    })
    out = pick_one_per_year(pts).set_index("year")["value_usd_mn"]
    assert out.to_dict() == {2010: 2.0, 2011: 4.0}  # 2012 has no value: dropped, not zero


# --- the two readings -------------------------------------------------------------------------------

def test_readings_on_hand_made_numbers():
    num = pd.Series({2010: 10.0, 2011: 20.0, 2012: 40.0, 2013: 50.0})
    den = pd.Series({2010: 1.0, 2011: 4.0, 2012: 10.0})
    r = ratio.ratio_readings(num, den, 2010, 2013)
    assert r.years_used == [2010, 2011, 2012] and r.years_missing == [2013] and not r.complete
    assert r.mean_of_ratios == pytest.approx((10 + 5 + 4) / 3)
    assert r.ratio_of_sums == pytest.approx(70 / 15)
    full = ratio.ratio_readings(num, den, 2010, 2012)
    assert full.complete


def test_readings_skip_a_zero_denominator_and_handle_no_data():
    num = pd.Series({2010: 10.0, 2011: 20.0})
    den = pd.Series({2010: 0.0, 2011: 4.0})
    assert ratio.mean_of_yearly_ratios(num, den, 2010, 2011) == pytest.approx(5.0)
    assert ratio.ratio_of_sums(num, den, 2010, 2011) == pytest.approx(5.0)
    assert math.isnan(ratio.mean_of_yearly_ratios(num, pd.Series(dtype="float64"), 2010, 2011))


def test_paper_window_readings_computed_independently():
    us = _raw_positions("USA", "CHN", "affiliate_country")
    cn = _raw_positions("CHN", "USA", "immediate_parent", "primary")
    years = [y for y in range(2010, 2019) if y in us.index and y in cn.index]
    assert years == list(range(2010, 2018))
    mean = sum(us[y] / cn[y] for y in years) / len(years)
    sums = sum(us[y] for y in years) / sum(cn[y] for y in years)
    r = ratio.paper_window_readings(2018)
    assert r.mean_of_ratios == pytest.approx(mean) and r.ratio_of_sums == pytest.approx(sums)
    assert round(mean, 2) == 8.45 and round(sums, 2) == 5.34  # the values in the raw folder's SOURCE.md
    assert r.years_missing == [2018]


def test_readings_table_lists_both_bases_and_the_missing_ubo():
    t = ratio.readings_table(2018)
    assert list(t.columns) == ratio.READINGS_COLUMNS
    assert len(t) == 6 and set(t["reading"]) == {"mean of yearly ratios", "ratio of summed positions"}
    ubo = t[t["China's position: basis"].str.contains("UBO")]
    assert len(ubo) == 2 and ubo["ratio (times)"].isna().all() and (ubo["source types"] == "no data").all()
    assert ratio.readings_table(2009).empty and ratio.paper_window_readings(2009) is None
    assert ratio.paper_window_readings(2015).complete  # a window ending before 2018 has every year


def test_year_ranges():
    assert fmt.year_ranges([2010, 2011, 2012, 2015, 2017, 2018], empty="—") == "2010–2012, 2015, 2017–2018"
    assert fmt.year_ranges([], empty="—") == "—"


# --- the pace ---------------------------------------------------------------------------------------

def test_break_year_on_hand_made_series():
    # +1 a year to 2014, then +5 a year: acceleration at 2014
    s = pd.Series({y: float(y - 2010) if y <= 2014 else 4.0 + 5 * (y - 2014) for y in range(2010, 2020)})
    assert pace.break_year(s, "acceleration") == 2014
    # +5 a year to 2015, then flat: slowdown at 2015
    t = pd.Series({y: 5.0 * min(y, 2015) for y in range(2010, 2020)})
    assert pace.break_year(t, "slowdown") == 2015
    assert pace.mean_annual_increase(t, 2010, 2015) == pytest.approx(5.0)
    assert pace.break_year(pd.Series({2010: 1.0, 2011: 2.0}), "slowdown") is None
    with pytest.raises(ValueError):
        pace.break_year(s, "sideways")


def test_china_break_years_and_pace_table():
    b = pace.china_break_years(2018)
    assert b["start"] == 2008 and b["end"] == 2018
    assert b["slowdown"] == 2016 and b["acceleration"] == 2014
    t = pace.pace_table(2018)
    assert list(t.columns) == pace.PACE_COLUMNS
    us_last = t[t["series"].str.startswith("US")].iloc[-1]
    assert us_last["period"] == "2016–2017 (no value for 2018)"
    cn = _raw_positions("CHN", "USA", "immediate_parent", "primary")
    row = t[(t["series"].str.startswith("China")) & (t["period"] == "2010–2016")].iloc[0]
    assert row["mean yearly increase (USD bn)"] == pytest.approx((cn[2016] - cn[2010]) / 6)
    assert pace.pace_table(2009)["period"].tolist() == ["2008–2009 (no value for 2010)"] * 2


def test_us_position_fell_only_in_2011_within_the_window():
    f = pace.us_pace_facts(2018)
    assert f["years_falling"] == [2011] and f["first"] == 2010 and f["last"] == 2017


# --- claims -----------------------------------------------------------------------------------------

def test_claims_keep_their_status():
    table = reproduction.evaluate(chapter="investment")
    reproduction.check(table)
    assert set(table["id"]) == {
        "s3_1_us_china_fdi_ratio_2010_2018", "s3_1_us_fdi_in_china_start", "s3_1_china_fdi_in_us_start",
        "s3_1_china_fdi_accelerates_after", "s3_1_china_fdi_slows_after", "s3_1_amcham_share_china_priority",
        "s3_1_firrma_year",
    }
    st = table.set_index("id")["status"]
    assert st["s3_1_us_china_fdi_ratio_2010_2018"] == claims.BOUNDED  # the two readings bracket 7.8
    assert st["s3_1_china_fdi_slows_after"] == claims.REPRODUCED
    assert st["s3_1_china_fdi_accelerates_after"] == claims.BOUNDED  # the mean yearly rise is higher after 2010
    assert st["s3_1_firrma_year"] == claims.DOCUMENTED
    low, high = table.set_index("id").loc["s3_1_us_china_fdi_ratio_2010_2018", ["reproduced_low", "reproduced_high"]]
    assert low < 7.8 < high


def test_claims_display_writes_years_without_decimals():
    out = display_table(reproduction.evaluate(chapter="investment"))
    assert "2016" in set(out["reproduced"]) and "7.80" in set(out["reported"]) and "—" in set(out["reproduced"])
