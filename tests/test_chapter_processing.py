"""The processing-trade chapter: Fig. 3, the two definitions of processing trade, the claims."""

import math

import numpy as np
import pytest

from tradeimbalance import claims, load
from tradeimbalance import reproduction
from tradeimbalance.charts import lint_chart
from tradeimbalance.charts.render import csv_text
from tradeimbalance.checks import invariant_problems
from tradeimbalance.chapters import processing as pr
from tradeimbalance.chapters.processing import definitions, figures, measures as m
from tradeimbalance.catalog import get_figure

FIG3_COLUMNS = ["year", "ordinary_net_exports_usd_bn", "processing_net_exports_usd_bn"]


def _customs_nets(year):
    """Ordinary and total net exports (USD bn) straight from the customs_regime table."""
    cr = load("customs_regime")
    cr = cr[(cr["year"] == year) & (cr["period"] == "Jan-Dec")]
    g = cr.groupby(["regime_group", "flow"], observed=True)["value_usd_mn"].sum()
    net = lambda grp: (g[(grp, "exports")] - g[(grp, "imports")]) / 1000  # noqa: E731
    return net("ordinary"), net("total"), net("processing")


def test_fig3_has_exact_columns_and_every_year_to_year():
    df = get_figure("fig3").data(2018)
    assert list(df.columns) == FIG3_COLUMNS
    assert df["year"].tolist() == list(range(2000, 2019))


@pytest.mark.parametrize("year", [2018, 2019])
def test_fig3_customs_years_match_the_regime_table(year):
    ordinary, total, _ = _customs_nets(year)
    row = figures.fig3(2019).set_index("year").loc[year]
    assert row["ordinary_net_exports_usd_bn"] == pytest.approx(ordinary, rel=1e-9)
    # the paper's identity: ordinary + processing = the goods surplus
    assert row["processing_net_exports_usd_bn"] == pytest.approx(total - ordinary, rel=1e-9)


def test_fig3_2005_from_the_secondary_points_and_china_total():
    pts = load("trade_mode_points")
    ordinary = pts[(pts["year"] == 2005) & (pts["indicator"] == "ordinary_trade_net_exports")]["value_usd_bn"].iloc[0]
    bt = load("bilateral_trade")
    w = bt[(bt["reporter"] == "CHN") & (bt["partner"] == "WLD") & (bt["year"] == 2005)]
    w = w.set_index(w["flow"].astype(str))["value_usd_mn"]
    total = (w["exports"] - w["imports"]) / 1000
    row = figures.fig3(2018).set_index("year").loc[2005]
    assert row["ordinary_net_exports_usd_bn"] == pytest.approx(ordinary)
    assert row["processing_net_exports_usd_bn"] == pytest.approx(total - ordinary)


def test_fig3_missing_years_are_nan_never_zero():
    df = figures.fig3(2018)
    values = df[FIG3_COLUMNS[1:]]
    assert not (values == 0).any(axis=None)
    have = df.dropna()["year"].tolist()
    assert have == [2005, 2018]
    assert df.set_index("year").loc[2008].isna().all()
    text = csv_text(df)
    assert "\n2008,,\n" in text


@pytest.mark.parametrize("year", [2015, 2020, 1999])
def test_fig3_for_other_years_ends_at_that_year(year):
    df = figures.fig3(year)
    assert df["year"].max() == year
    assert df["year"].is_unique and list(df["year"]) == sorted(df["year"])
    assert invariant_problems(df, "fig3") == []


def test_split_by_definition_on_hand_made_numbers():
    out = definitions.split_by_definition(total=(10.0, 6.0), ordinary=(5.0, 4.0), processing=(3.0, 1.0)).set_index("definition")
    assert out.loc[pr.NON_ORDINARY, "exports"] == 5.0 and out.loc[pr.NON_ORDINARY, "imports"] == 2.0
    assert out.loc[pr.TOTAL, "net_exports"] == 4.0
    assert out.loc[pr.ORDINARY, "share_of_surplus_pct"] == 25.0
    assert out.loc[pr.NON_ORDINARY, "share_of_surplus_pct"] == 75.0
    assert out.loc[pr.CUSTOMS, "share_of_surplus_pct"] == 50.0
    assert out.loc[pr.CUSTOMS, "share_of_trade_pct"] == 25.0  # 4 of 16
    assert out.loc[pr.NON_ORDINARY, "share_of_trade_pct"] == pytest.approx(43.75)  # 7 of 16
    # ordinary and non-ordinary always add up to the whole, the customs definition need not
    assert out.loc[pr.ORDINARY, "share_of_surplus_pct"] + out.loc[pr.NON_ORDINARY, "share_of_surplus_pct"] == 100.0


def test_split_by_definition_has_no_surplus_shares_for_a_deficit():
    out = definitions.split_by_definition(total=(5.0, 6.0), ordinary=(2.0, 4.0), processing=(3.0, 1.0))
    assert out["share_of_surplus_pct"].isna().all()


def test_the_2018_definitions_computed_independently():
    cr = load("customs_regime")
    cr = cr[(cr["year"] == 2018) & (cr["period"] == "Jan-Dec")]
    strict = cr[cr["regime"].isin(["Processing and Assembling", "Processing with Imported Materials"])]["value_usd_mn"].sum()
    total = cr[cr["regime"] == "TOTAL"]["value_usd_mn"].sum()
    ordinary = cr[cr["regime"] == "Ordinary Trade"]["value_usd_mn"].sum()
    assert m.split_value(2018, pr.CUSTOMS, "trade") == pytest.approx(strict / 100)
    assert m.split_value(2018, pr.NON_ORDINARY, "trade") == pytest.approx((total - ordinary) / 100)
    assert m.split_value(2018, pr.CUSTOMS, "share_of_trade_pct") == pytest.approx(100 * strict / total)
    # the paper's 42% and 36/64 split need the non-ordinary definition
    assert round(m.split_value(2018, pr.NON_ORDINARY, "share_of_trade_pct")) == 42
    assert round(m.split_value(2018, pr.CUSTOMS, "share_of_trade_pct")) != 42
    assert round(m.split_value(2018, pr.ORDINARY, "share_of_surplus_pct")) == 36
    assert round(m.split_value(2018, pr.NON_ORDINARY, "share_of_surplus_pct")) == 64


def test_definition_table_stops_at_year():
    assert m.definition_table(2010)["year"].max() == 2006
    assert set(m.definition_table(2019)["year"]) == {2005, 2006, 2018, 2019}
    assert m.definition_table(2000).empty


def test_shares_use_published_values_and_stop_at_year():
    df = m.shares_data(2016)
    assert df["year"].max() <= 2016
    pts = load("trade_mode_points")
    pub = pts[(pts["year"] == 1998) & (pts["indicator"] == "processing_trade_share_of_total_trade")]["share_pct"].iloc[0]
    got = df[(df["year"] == 1998) & (df["definition"] == pr.CUSTOMS)]["share_pct"]
    assert len(got) == 1 and got.iloc[0] == pub
    # a year with a published share is not duplicated by a computed one
    assert not df.duplicated(["year", "definition"]).any()
    assert list(get_figure("processing_shares").data(2016).columns) == ["year", "definition", "share_pct", "basis"]


def test_processing_larger_than_ordinary_wherever_both_exist():
    cmp = m.processing_vs_ordinary(2019)
    assert set(cmp["year"]) == {2005, 2018, 2019}
    assert (cmp["processing_larger"] == "yes").all()
    assert (cmp["processing_usd_bn"] > cmp["ordinary_usd_bn"]).all()


@pytest.mark.parametrize("fig_id,year", [("fig3", 2018), ("fig3", 2020), ("processing_shares", 2018)])
def test_charts_follow_the_conventions(fig_id, year):
    fig = get_figure(fig_id)
    chart = fig.chart(fig.data(year), year)
    assert lint_chart(chart) == []
    spec = chart.to_dict()
    assert spec["width"] and spec["height"]


def test_claims_keep_their_status():
    table = reproduction.evaluate(chapter="processing")
    assert len(table) == 13
    reproduction.check(table)
    st = table.set_index("id")["status"]
    assert st["s2_3_total_trade_2018"] == claims.REPRODUCED  # the provinces add up to 46,224
    assert st["s2_3_processing_share_2018"] == claims.INFERRED  # only as all non-ordinary trade
    assert st["s2_3_processing_share_after_2010"] == claims.BOUNDED
    assert st["s2_3_fie_share_processing_firms"] == claims.NOT_PUBLISHED


def test_claim_values_are_in_the_papers_units():
    table = reproduction.evaluate(chapter="processing").set_index("id")
    assert table.loc["s2_3_total_trade_2018", "unit"] == "USD 100 million"
    assert abs(table.loc["s2_3_total_trade_2018", "difference"]) < 25
    assert math.isclose(table.loc["s2_3_processing_share_2018", "reproduced"],
                        m.split_value(2018, pr.NON_ORDINARY, "share_of_trade_pct"))
    assert np.isnan(table.loc["s2_3_fie_share_processing_firms", "reproduced"])
