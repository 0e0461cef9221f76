"""The Japan-Korea-US chapter: Fig. 6, the 1980s averages, Japan's investment share, China's peak, the claims."""

import math

import pandas as pd
import pytest

from tradeimbalance import claims, load
from tradeimbalance import reproduction
from tradeimbalance.charts import lint_chart
from tradeimbalance.charts.render import csv_text
from tradeimbalance.checks import invariant_problems
from tradeimbalance.chapters.japan_us import export_shares, fdi_shares, figures
from tradeimbalance.catalog import get_figure

FIG6_COLUMNS = ["year", "japan_exports_to_us_share_pct", "korea_exports_to_us_share_pct", "japan_fdi_in_us_share_pct"]


def _exports(reporter, partner, year):
    bt = load("bilateral_trade")
    v = bt[(bt["reporter"] == reporter) & (bt["partner"] == partner) & (bt["flow"] == "exports") & (bt["year"] == year)]
    assert len(v) == 1
    return float(v["value_usd_mn"].iloc[0])


def _share(reporter, year):
    return 100 * _exports(reporter, "USA", year) / _exports(reporter, "WLD", year)


def _unctad_japan(year):
    st = load("fdi_stock_unctad")
    v = st[(st["economy"] == "JPN") & (st["direction"] == "outward") & (st["year"] == year)]
    return float(v["value_usd_mn"].iloc[0])


# --- Fig. 6 -----------------------------------------------------------------------------------------

def test_fig6_has_exact_columns_and_every_year_from_1980():
    df = get_figure("fig6").data(2018)
    assert list(df.columns) == FIG6_COLUMNS
    assert df["year"].tolist() == list(range(1980, 2019))


@pytest.mark.parametrize("year", [1980, 1986, 1999, 2010, 2018])
def test_fig6_export_shares_match_dots(year):
    row = figures.fig6_data(2018).set_index("year").loc[year]
    assert row["japan_exports_to_us_share_pct"] == pytest.approx(_share("JPN", year))
    assert row["korea_exports_to_us_share_pct"] == pytest.approx(_share("KOR", year))


def test_fig6_investment_share_is_bea_over_unctad():
    f = load("fdi_positions")
    bea = f[(f["investor"] == "JPN") & (f["host"] == "USA") & (f["basis"] == "immediate_parent")
            & (f["source_type"] == "primary") & (f["year"] == 2018)]["value_usd_mn"].iloc[0]
    df = figures.fig6_data(2018).set_index("year")
    assert df.loc[2018, "japan_fdi_in_us_share_pct"] == pytest.approx(100 * bea / _unctad_japan(2018))
    # 2016 has three values (BEA table, an older BEA figure, JETRO): the figure uses BEA's own table
    bea16 = f[(f["investor"] == "JPN") & (f["host"] == "USA") & (f["source_type"] == "primary") & (f["year"] == 2016)]
    assert df.loc[2016, "japan_fdi_in_us_share_pct"] == pytest.approx(100 * bea16["value_usd_mn"].iloc[0] / _unctad_japan(2016))


def test_fig6_never_interpolates_and_leaves_out_the_weak_1990_value():
    df = figures.fig6_data(2018).set_index("year")
    fdi = df["japan_fdi_in_us_share_pct"]
    assert fdi.dropna().index.tolist() == [2004] + list(range(2008, 2019))
    assert fdi.loc[1980:2003].isna().all() and fdi.loc[2005:2007].isna().all()
    assert not (df == 0).any(axis=None)
    assert "\n2005,22.8" in csv_text(figures.fig6_data(2018)) and ",\n2006," in csv_text(figures.fig6_data(2018))


@pytest.mark.parametrize("year", [2015, 2020, 2024])
def test_fig6_for_other_years_ends_at_that_year(year):
    df = figures.fig6_data(year)
    assert df["year"].max() == year
    assert invariant_problems(df, "fig6") == []
    if year > 2020:  # DOTS ends in 2020: later years are empty, not zero
        assert df.set_index("year").loc[2021:, ["japan_exports_to_us_share_pct", "korea_exports_to_us_share_pct"]].isna().all(axis=None)


def test_fig6_before_1980_is_empty():
    assert figures.fig6_data(1975).empty and not figures.has_data(1975)


@pytest.mark.parametrize("year", [2018, 2024])
def test_fig6_chart_follows_the_conventions(year):
    fig = get_figure("fig6")
    chart = fig.chart(fig.data(year), year)
    assert lint_chart(chart) == []
    spec = chart.to_dict()
    assert spec["width"] and spec["height"]
    assert fig.paper_number == "Fig. 6" and "measured differently" in fig.caption


# --- 1980s, after 2010, China's peak ----------------------------------------------------------------

def test_decade_mean_on_hand_made_numbers():
    s = pd.Series({y: float(y - 1980) for y in range(1980, 1990)})
    assert export_shares.decade_mean(s) == pytest.approx(4.5)
    assert math.isnan(export_shares.decade_mean(s.drop(1985)))  # a missing year is not averaged over


def test_1980s_means_computed_independently():
    for reporter in ("JPN", "KOR"):
        mean = sum(_share(reporter, y) for y in range(1980, 1990)) / 10
        assert export_shares.decade_facts(reporter)["mean"] == pytest.approx(mean)
    t = export_shares.decade_table()
    assert t["exporter"].tolist() == ["Japan", "Korea"] and list(t.columns) == export_shares.DECADE_COLUMNS


def test_decline_starts_at_the_highest_share_and_trends_down():
    shares = {y: _share("JPN", y) for y in range(1980, 2019)}
    f = export_shares.decline_facts("JPN", 2018)
    assert f["peak_year"] == max(shares, key=shares.get) and f["peak_decade"] == f["peak_year"] // 10 * 10
    xs = [y for y in shares if y >= f["peak_year"]]
    mx, my = sum(xs) / len(xs), sum(shares[y] for y in xs) / len(xs)
    slope = sum((x - mx) * (shares[x] - my) for x in xs) / sum((x - mx) ** 2 for x in xs)
    assert f["slope_pp_per_year"] == pytest.approx(slope) and slope < 0


def test_after_2010_japan_exceeds_20_in_two_years():
    f = export_shares.after_2010_facts("JPN", 2019)
    shares = {y: _share("JPN", y) for y in range(2010, 2020)}
    assert f["max"] == pytest.approx(max(shares.values()))
    assert f["years_at_or_above_20"] == [y for y, v in shares.items() if v >= 20] == [2015, 2016]


def test_china_peak_computed_independently():
    bt = load("bilateral_trade")
    c = bt[(bt["reporter"] == "CHN") & (bt["flow"] == "exports") & (bt["year"] <= 2018)]
    w = c.pivot_table(index="year", columns="partner", values="value_usd_mn", observed=True)
    s = (100 * w["USA"] / w["WLD"]).dropna()
    pk = export_shares.china_share_peak(2018)
    assert pk["max"] == pytest.approx(s.max()) and pk["max_year"] == int(s.idxmax())
    assert pk["share_2002"] == pytest.approx(s.loc[2002])
    assert round(pk["max"], 1) == 21.5 == round(pk["share_2002"], 1)
    assert pk["max_year"] == 1999  # the claim's note names it


def test_fdi_points_table_labels_every_source():
    t = fdi_shares.fdi_points_table(2018)
    assert {"tertiary", "secondary", "primary"} <= set(t["source type"])
    row1990 = t[t["year"] == "1990"].iloc[0]
    assert row1990["source type"] == "tertiary" and row1990["share (%)"] == pytest.approx(100 * 70000 / _unctad_japan(1990))
    assert math.isnan(t[t["year"] == "1980"]["share (%)"].iloc[0])  # no UNCTAD stock before 1990
    assert fdi_shares.fdi_points_table(2003)["year"].tolist() == ["1980", "1990"]


# --- claims -----------------------------------------------------------------------------------------

def test_claims_keep_their_status():
    table = reproduction.evaluate(chapter="japan_us")
    reproduction.check(table)
    st = table.set_index("id")["status"]
    assert st.to_dict() == {
        "s3_1_fn_china_us_export_share_max": claims.REPRODUCED,
        "s3_1_fn_china_us_export_share_max_year": claims.DIFFERS,  # the peak is 1999 on this vintage
        "s3_1_japan_us_export_share_1980s": claims.REPRODUCED,
        "s3_1_japan_us_dependence_declines_from": claims.REPRODUCED,
        "s3_1_korea_us_export_share_1980s": claims.CLOSE,  # 'about 35' allows 34.5-35.5
        "s3_1_japan_us_export_share_after_2010": claims.CLOSE,
        "s3_1_japan_us_fdi_share_of_outward_stock": claims.DIFFERS,  # below 30% in some years
        "s3_1_japan_us_fdi_share_peak_1990s": claims.NOT_IN_EDITION,
    }
