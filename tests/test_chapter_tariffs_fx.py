"""Chapter "Tariffs and exchange rates" (paper, section 3.2, last paragraph)."""

import math

import pandas as pd
import pytest

from tradeimbalance import claims, load
from tradeimbalance import reproduction
from tradeimbalance.charts import lint_chart
from tradeimbalance.chapters import tariffs_fx as ch
from tradeimbalance.chapters.tariffs_fx import balances, designations
from tradeimbalance.catalog import get_figure


def _us_balance(partner, year):
    bt = load("bilateral_trade")
    r = bt[(bt["reporter"] == "USA") & (bt["partner"] == partner) & (bt["year"] == year)]
    v = r.set_index(r["flow"].astype(str))["value_usd_mn"]
    return (v["exports"] - v["imports"]) / 1000


def test_classify_event_on_hand_made_labels():
    assert designations.classify_event("China designated (first time)") == "designation"
    assert designations.classify_event("designation removed") == "removal"
    assert designations.classify_event("range statement") == "corroboration"


def test_episodes_on_hand_made_years():
    assert designations.episodes([1994, 1992, 1993, 2019]) == [(1992, 1994), (2019, 2019)]
    assert designations.episodes([]) == []
    assert designations.episodes([2000, 2000, 2002]) == [(2000, 2000), (2002, 2002)]


def test_designation_years_from_the_table():
    cd = load("currency_designations")
    yrs = designations.designation_years()
    assert yrs == [1992, 1993, 1994, 2019]
    assert set(yrs) <= set(int(y) for y in cd["year"])
    assert designations.removal_years() == [2020]


def test_figure_columns_values_and_designation_flag():
    df = get_figure("tariffs_fx_balance").data(2018).set_index("year")
    assert list(df.reset_index().columns) == ch.FIG_COLUMNS
    assert df.index.min() == 1960 and df.index.max() == 2018
    for y in (1975, 1976, 1993, 2018):
        assert df.loc[y, "us_balance_world_usd_bn"] == pytest.approx(_us_balance("WLD", y), abs=1e-5)
    assert df.loc[2018, "us_balance_china_usd_bn"] == pytest.approx(_us_balance("CHN", 2018), abs=1e-5)
    assert math.isnan(df.loc[1965, "us_balance_china_usd_bn"])
    assert df.loc[df["china_designated"]].index.tolist() == [1992, 1993, 1994]


@pytest.mark.parametrize("year,last", [(2015, 2015), (2020, 2020), (2024, 2020)])
def test_figure_ends_at_year(year, last):
    assert get_figure("tariffs_fx_balance").data(year)["year"].max() == last


@pytest.mark.parametrize("year", [2018, 2020, 1990])
def test_chart_lints(year):
    fig = get_figure("tariffs_fx_balance")
    assert lint_chart(fig.chart(fig.data(year), year)) == []


def test_turn_to_deficit():
    t = balances.turn_to_deficit(2018)
    w = {y: _us_balance("WLD", y) for y in range(t["run_start"] - 1, 2019)}
    assert w[t["run_start"] - 1] > 0
    assert all(v < 0 for y, v in w.items() if y >= t["run_start"])
    assert 1975 <= t["run_start"] <= 1979  # "the late 1970s"


def test_run_start_of_deficits_on_hand_made_series():
    s = pd.Series([1.0, -1.0, 2.0, -3.0, -4.0], index=range(2000, 2005))
    assert balances.run_start_of_deficits(s, 2004) == 2003


def test_episode_effects_hide_years_after_year():
    e18 = balances.episode_effects(2018)
    assert set(e18["episode"]) == {"1992–1994"}
    row = e18[e18["partner"] == "Mainland China"].iloc[0]
    assert row["balance_before"] == pytest.approx(_us_balance("CHN", 1991), abs=1e-5)
    assert row["balance_after"] == pytest.approx(_us_balance("CHN", 1995), abs=1e-5)
    e94 = balances.episode_effects(1994)
    assert e94["balance_after"].isna().all()
    e20 = balances.episode_effects(2020)
    assert set(e20["episode"]) == {"1992–1994", "2019"}


def test_claims_keep_their_status():
    table = reproduction.evaluate(chapter="tariffs_fx")
    assert len(table) == 3
    reproduction.check(table)
